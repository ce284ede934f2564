import * as AlertDialog from "@radix-ui/react-alert-dialog";

export interface ConfirmDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: string;
  body: string;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
}

/** A yes/no question before a destructive action; the safe answer has the focus. */
export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <AlertDialog.Root open={props.open} onOpenChange={props.onOpenChange}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 bg-black/30" />
        <AlertDialog.Content className="fixed left-1/2 top-1/3 w-[min(440px,90vw)] -translate-x-1/2 rounded-xl bg-white p-6 shadow-2xl dark:bg-zinc-900">
          <AlertDialog.Title className="mb-2 text-lg font-semibold">{props.title}</AlertDialog.Title>
          <AlertDialog.Description className="mb-6 text-sm text-zinc-600 dark:text-zinc-300">{props.body}</AlertDialog.Description>
          <div className="flex justify-end gap-2">
            <AlertDialog.Cancel className="rounded-lg border border-zinc-300 px-4 py-2 text-sm dark:border-zinc-700">
              {props.cancelLabel}
            </AlertDialog.Cancel>
            <AlertDialog.Action onClick={props.onConfirm} className="rounded-lg bg-red-600 px-4 py-2 text-sm font-medium text-white hover:bg-red-700">
              {props.confirmLabel}
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
