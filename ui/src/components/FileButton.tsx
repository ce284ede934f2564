// A button that opens the system's file chooser and hands over the chosen
// file: its name and text (an .ics calendar, a Trello export...), or the file
// itself when its bytes matter (a spreadsheet whose encoding the core finds).
import { Upload } from "lucide-react";
import { type ChangeEvent, useRef } from "react";

type Delivery = { onText: (name: string, text: string) => void; onFile?: never } | { onFile: (file: File) => void; onText?: never };

export function FileButton({ label, accept, disabled, testId, ...delivery }: { label: string; accept?: string; disabled?: boolean; testId?: string } & Delivery) {
  const input = useRef<HTMLInputElement>(null);
  async function chosen(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    // The same file can be chosen again after a fix.
    event.target.value = "";
    if (!file) return;
    if (delivery.onFile) delivery.onFile(file);
    else delivery.onText(file.name, await file.text());
  }
  return (
    <>
      <input ref={input} type="file" accept={accept} className="sr-only" aria-label={label} tabIndex={-1} onChange={(e) => void chosen(e)} data-testid={testId} />
      <button
        type="button"
        onClick={() => input.current?.click()}
        disabled={disabled}
        className="flex items-center gap-1 rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800"
      >
        <Upload aria-hidden size={14} />
        {label}
      </button>
    </>
  );
}
