// A Trello board's JSON export read, previewed (columns, cards, who maps to
// whom, what stays behind) and imported as a new board in one go.
import type { TFunction } from "i18next";
import * as Dialog from "@radix-ui/react-dialog";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { LeftOut, Member, TrelloPreview } from "../bindings";
import { FileButton } from "../components/FileButton";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { useMay, useMembers } from "../shared/team";
import { planningKeys } from "./queries";

/** The sentences saying what a Trello board leaves behind, empty when nothing. */
export function leftOutLines(t: TFunction, left: LeftOut): string[] {
  return [
    left.archivedCards > 0 ? t("trello.left.archivedCards", { count: left.archivedCards }) : null,
    left.archivedLists > 0 ? t("trello.left.archivedLists", { count: left.archivedLists }) : null,
    left.attachments > 0 ? t("trello.left.attachments", { count: left.attachments }) : null,
    left.unknownMembers.length > 0 ? t("trello.left.unknownMembers", { list: left.unknownMembers.join(", ") }) : null,
    left.unreadableDates > 0 ? t("trello.left.unreadableDates", { count: left.unreadableDates }) : null,
    left.shortened > 0 ? t("trello.left.shortened", { count: left.shortened }) : null,
  ].filter((line): line is string => line !== null);
}

export function TrelloImport({ onImported }: { onImported: (boardId: string) => void }) {
  const { t } = useTranslation();
  const may = useMay("import");
  const [chosen, setChosen] = useState<{ text: string; preview: TrelloPreview } | null>(null);
  const preview = useMutation({ mutationFn: (text: string) => call(commands.previewTrelloBoard(text)) });
  if (!may) return null;

  function onText(text: string) {
    preview.mutate(text, {
      onSuccess: (result) => setChosen({ text, preview: result }),
      onError: (error) => toast.error(describeError(t, error), { duration: 15_000 }),
    });
  }

  return (
    <>
      <FileButton label={t("trello.import")} accept=".json,application/json" disabled={preview.isPending} testId="trello-file" onText={(_name, text) => onText(text)} />
      {chosen ? (
        <ImportDialog
          text={chosen.text}
          preview={chosen.preview}
          onClose={() => setChosen(null)}
          onImported={(id) => {
            setChosen(null);
            onImported(id);
          }}
        />
      ) : null}
    </>
  );
}

function ImportDialog({ text, preview, onClose, onImported }: { text: string; preview: TrelloPreview; onClose: () => void; onImported: (boardId: string) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const members = useMembers().data ?? [];
  const run = useMutation({
    mutationFn: () => call(commands.importTrelloBoard(text)),
    onSuccess: (report) => {
      void client.invalidateQueries({ queryKey: planningKeys.all });
      const left = leftOutLines(t, report.leftOut);
      toast.success(t("trello.imported", { count: report.cards, board: preview.boardName }), {
        description: left.length > 0 ? `${t("trello.leftOutTitle")} ${left.join(" ")}` : undefined,
        duration: 15_000,
      });
      onImported(report.boardId);
    },
  });
  const nameOf = (id: string | null, all: Member[]) => all.find((m) => m.id === id)?.name;
  const left = leftOutLines(t, preview.leftOut);
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? null : onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <Dialog.Content aria-describedby="trello-summary" className="fixed top-1/2 left-1/2 z-50 max-h-[85vh] w-full max-w-lg -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl dark:bg-zinc-900">
          <Dialog.Title className="mb-2 text-lg font-semibold">{t("trello.previewTitle", { board: preview.boardName })}</Dialog.Title>
          <p id="trello-summary" className="text-sm">
            {t("trello.summary", { cards: preview.cards, columns: preview.columns.join(" · "), steps: preview.checklistItems, comments: preview.comments })}
          </p>
          {preview.members.length > 0 ? (
            <section aria-labelledby="trello-members" className="mt-3">
              <h3 id="trello-members" className="text-sm font-semibold">
                {t("trello.members")}
              </h3>
              <ul className="mt-1 text-sm">
                {preview.members.map((m) => (
                  <li key={m.trelloName}>
                    {m.trelloName} → {m.memberId ? nameOf(m.memberId, members) : <span className="text-amber-700 dark:text-amber-300">{t("trello.nobody")}</span>}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          {left.length > 0 ? (
            <section aria-labelledby="trello-left" className="mt-3">
              <h3 id="trello-left" className="text-sm font-semibold">
                {t("trello.leftOutTitle")}
              </h3>
              <ul className="mt-1 list-disc pl-5 text-sm text-zinc-600 dark:text-zinc-300">
                {left.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            </section>
          ) : null}
          {run.error ? <p role="alert" className="mt-3 text-sm text-red-600">{describeError(t, run.error)}</p> : null}
          <div className="mt-4 flex justify-end gap-2">
            <button type="button" onClick={onClose} className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
              {t("calendar.cancel")}
            </button>
            <button type="button" onClick={() => run.mutate()} disabled={run.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
              {t("trello.confirm")}
            </button>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
