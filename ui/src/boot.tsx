import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { flushSync } from "react-dom";
import { createRoot, type Root } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import { App } from "./app/App";
import { homePath } from "./app/modules";
import { i18n, switchLanguage } from "./i18n";
import { call } from "./shared/bridge";
import { appInfoKey, effectiveLanguage, settingsKey } from "./shared/preferences";
import type { DeviceSettings } from "./bindings";
import { launchClock } from "./launchClock";
import type { StartupAnswers } from "./startupAnswers";

/**
 * Renders the app once the answers asked for at startup have arrived. The
 * first render is synchronous (`flushSync`): the first screen is committed in
 * this task rather than in a later scheduler task, and its effects (among them
 * the "window interactive" report) run right after that commit. Returns
 * the React root, `undefined` when the page has no place for it.
 */
export async function boot(early: StartupAnswers): Promise<Root | undefined> {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false, staleTime: 30_000 } },
  });
  await Promise.all([
    queryClient.prefetchQuery({ queryKey: appInfoKey, queryFn: () => early.info, staleTime: Infinity }),
    queryClient.prefetchQuery({ queryKey: settingsKey, queryFn: () => call(early.settings), retry: false }),
  ]);
  launchClock.answered = performance.now();
  // The first screen is drawn in the language in effect (English loads now if it is).
  const settings = queryClient.getQueryData<DeviceSettings>(settingsKey);
  await switchLanguage(effectiveLanguage(settings, (await early.info).systemLocale)).catch(() => undefined);
  // The window opens on the Hub. Naming it before the first render lets the
  // first commit draw it, where the catch-all redirect would draw the shell
  // empty and then a second time.
  if (!window.location.hash) window.history.replaceState(null, "", `#${homePath}`);
  const root = document.getElementById("root");
  if (!root) return undefined;
  const reactRoot = createRoot(root);
  flushSync(() =>
    reactRoot.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <I18nextProvider i18n={i18n}>
          <App />
        </I18nextProvider>
      </QueryClientProvider>
    </StrictMode>,
    ),
  );
  return reactRoot;
}
