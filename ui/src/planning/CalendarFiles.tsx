// Calendar files: an .ics from Google, Apple or Outlook read, previewed and
// imported in one go (or not at all, with the reason), and the team
// calendar exported to the Downloads folder.
import * as Dialog from "@radix-ui/react-dialog";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Download } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { IcsPreview } from "../bindings";
import { FileButton } from "../components/FileButton";
import { formatDate, formatDay, readerTimeZone } from "../i18n";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useMay } from "../shared/team";
import { planningKeys } from "./queries";

const button = "flex items-center gap-1 rounded-lg border border-zinc-300 px-3 py-1.5 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";

export function CalendarFiles() {
  const { t } = useTranslation();
  const mayImport = useMay("import");
  const [chosen, setChosen] = useState<{ name: string; text: string; preview: IcsPreview } | null>(null);
  const preview = useMutation({ mutationFn: (text: string) => call(commands.previewCalendarFile(text, readerTimeZone())) });
  const exportFile = useMutation({ mutationFn: () => call(commands.exportCalendar()) });

  function onText(name: string, text: string) {
    preview.mutate(text, {
      onSuccess: (result) => setChosen({ name, text, preview: result }),
      onError: (error) => toast.error(describeError(t, error), { duration: 15_000 }),
    });
  }

  return (
    <div className="flex gap-2">
      {mayImport ? <FileButton label={t("ics.import")} accept=".ics,text/calendar" disabled={preview.isPending} testId="ics-file" onText={onText} /> : null}
      <button
        type="button"
        className={button}
        disabled={exportFile.isPending}
        onClick={() =>
          exportFile.mutate(undefined, {
            onSuccess: (path) => toast.success(t("ics.exported", { path }), { duration: 10_000 }),
            onError: (error) => toast.error(describeError(t, error)),
          })
        }
      >
        <Download aria-hidden size={14} />
        {t("ics.export")}
      </button>
      {chosen ? <ImportDialog name={chosen.name} text={chosen.text} preview={chosen.preview} onClose={() => setChosen(null)} /> : null}
    </div>
  );
}

function ImportDialog({ name, text, preview, onClose }: { name: string; text: string; preview: IcsPreview; onClose: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useQueryClient();
  const run = useMutation({
    mutationFn: () => call(commands.importCalendarFile(text, readerTimeZone())),
    onSuccess: (report) => {
      void client.invalidateQueries({ queryKey: planningKeys.all });
      toast.success(t("ics.imported", { created: report.created, updated: report.updated }));
      onClose();
    },
  });
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? null : onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <Dialog.Content aria-describedby="ics-summary" className="fixed top-1/2 left-1/2 z-50 max-h-[80vh] w-full max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl dark:bg-zinc-900">
          <Dialog.Title className="mb-2 text-lg font-semibold">{t("ics.previewTitle", { file: name })}</Dialog.Title>
          <p id="ics-summary" className="text-sm">
            {[
              t("ics.summary", { count: preview.events }),
              preview.repeating > 0 ? t("ics.repeating", { count: preview.repeating }) : null,
              preview.updates > 0 ? t("ics.updates", { count: preview.updates }) : null,
            ]
              .filter(Boolean)
              .join(", ")}
          </p>
          {preview.unknownAttendees.length > 0 ? (
            <p className="mt-2 text-sm text-amber-700 dark:text-amber-300">{t("ics.unknownAttendees", { list: preview.unknownAttendees.join(", ") })}</p>
          ) : null}
          <ul className="mt-3 divide-y divide-zinc-100 text-sm dark:divide-zinc-800">
            {preview.sample.map((e, n) => (
              <li key={n} className="flex gap-3 py-1.5">
                <span className="flex-1 truncate">{e.title}</span>
                <span className="shrink-0 text-zinc-500">
                  {e.allDay ? formatDay(language, new Date(e.startsAt)) : formatDate(language, e.startsAt)}
                  {e.repeating ? ` · ${t("ics.repeats")}` : ""}
                </span>
              </li>
            ))}
          </ul>
          {run.error ? <p role="alert" className="mt-3 text-sm text-red-600">{describeError(t, run.error)}</p> : null}
          <div className="mt-4 flex justify-end gap-2">
            <button type="button" onClick={onClose} className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
              {t("calendar.cancel")}
            </button>
            <button type="button" onClick={() => run.mutate()} disabled={run.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
              {t("ics.confirm")}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
