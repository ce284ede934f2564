// Markdown the team wrote (a task's description, a comment), rendered
// safely: react-markdown builds elements, never raw HTML, and a link opens
// in the system's browser instead of replacing the app's window.
import { openUrl } from "@tauri-apps/plugin-opener";
import Markdown, { type Components } from "react-markdown";

const components: Components = {
  a: ({ href, children }) => (
    <a
      href={href}
      onClick={(event) => {
        event.preventDefault();
        if (href && /^https?:\/\//iu.test(href)) void openUrl(href).catch((error) => console.warn("the link could not be opened", error));
      }}
    >
      {children}
    </a>
  ),
};

export function MarkdownText({ text, testId }: { text: string; testId?: string }) {
  return (
    <div className="markdown text-sm" data-testid={testId}>
      <Markdown components={components}>{text}</Markdown>
    </div>
  );
}
