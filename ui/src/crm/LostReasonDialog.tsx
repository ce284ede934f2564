// "Why was this artist lost?": asked before a card enters a lost stage, from the
// board, the card or the stage settings. The reason stays in the card's history.
import * as Dialog from "@radix-ui/react-dialog";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { TextField } from "../components/Field";

export function LostReasonDialog({ name, stage, onConfirm, onCancel }: { name: string; stage: string; onConfirm: (reason: string) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState("");
  const [missing, setMissing] = useState(false);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (reason.trim() === "") {
      setMissing(true);
      return;
    }
    onConfirm(reason.trim());
  }
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? null : onCancel())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-50 bg-black/30" />
        <Dialog.Content className="fixed top-1/3 left-1/2 z-50 w-[min(440px,90vw)] -translate-x-1/2 rounded-xl bg-white p-6 shadow-2xl dark:bg-zinc-900">
          <Dialog.Title className="text-lg font-semibold">{t("pipeline.lost.title", { name, stage })}</Dialog.Title>
          <Dialog.Description className="mt-1 mb-4 text-sm text-zinc-600 dark:text-zinc-300">{t("pipeline.lost.lead")}</Dialog.Description>
          <form onSubmit={submit} noValidate className="space-y-4">
            <TextField
              autoFocus
              label={t("pipeline.lost.reason")}
              name="lost-reason"
              value={reason}
              onChange={(e) => {
                setReason(e.target.value);
                setMissing(false);
              }}
              error={missing ? t("validation.required") : undefined}
              maxLength={500}
            />
            <div className="flex justify-end gap-2">
              <button type="button" onClick={onCancel} className="rounded-lg border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700">
                {t("crm.cancel")}
              </button>
              <button type="submit" className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700">
                {t("pipeline.lost.confirm")}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
