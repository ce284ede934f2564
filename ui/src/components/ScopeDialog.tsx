// "This occurrence, or this and the following?": asked before a repeating
// task or event is moved, changed or deleted, as Google Calendar asks.
import * as AlertDialog from "@radix-ui/react-alert-dialog";
import { useTranslation } from "react-i18next";
import type { Scope } from "../bindings";

export function ScopeDialog({ action, title, onChoose, onCancel }: { action: "move" | "edit" | "delete"; title: string; onChoose: (scope: Scope) => void; onCancel: () => void }) {
  const { t } = useTranslation();
  const choice = "w-full rounded-lg border border-zinc-300 px-3 py-2 text-left text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800";
  return (
    <AlertDialog.Root open onOpenChange={(open) => (open ? null : onCancel())}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-50 bg-black/30" />
        <AlertDialog.Content className="fixed top-1/2 left-1/2 z-50 w-full max-w-sm -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl dark:bg-zinc-900">
          <AlertDialog.Title className="text-lg font-semibold">{t(`scope.${action}Title`)}</AlertDialog.Title>
          <AlertDialog.Description className="mt-1 mb-4 text-sm text-zinc-600 dark:text-zinc-300">{t("scope.lead", { title })}</AlertDialog.Description>
          <div className="space-y-2">
            <AlertDialog.Action className={choice} onClick={() => onChoose("this_one")}>
              {t("scope.thisOne")}
            </AlertDialog.Action>
            <AlertDialog.Action className={choice} onClick={() => onChoose("this_and_following")}>
              {t("scope.thisAndFollowing")}
            </AlertDialog.Action>
            <AlertDialog.Cancel className="w-full rounded-lg px-3 py-2 text-sm text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800">{t("calendar.cancel")}</AlertDialog.Cancel>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
