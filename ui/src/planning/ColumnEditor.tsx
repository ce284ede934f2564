// A board's columns, as their owner shapes them: renamed, given a
// work-in-progress limit and the status their cards take, added at the end,
// removed (their cards go to the first column, nothing is lost).
import * as Dialog from "@radix-ui/react-dialog";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Plus, Settings2 } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Column_Serialize as BoardColumn, ColumnFields_Deserialize as ColumnFields, TaskStatus } from "../bindings";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { SelectField, TextField } from "../components/Field";
import { call, commands } from "../shared/bridge";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { planningKeys } from "./queries";

const STATUSES: (TaskStatus | "")[] = ["", "todo", "in_progress", "done", "cancelled"];

function useColumnMutation<Input>(run: (input: Input) => Promise<unknown>) {
  const client = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => client.invalidateQueries({ queryKey: planningKeys.all }) });
}

/** The button beside a column's title, and the dialog it opens. */
export function ColumnSettings({ column, isLast }: { column: BoardColumn; isLast: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const update = useColumnMutation((fields: ColumnFields) => call(commands.updateColumn(column.id, fields)));
  const remove = useColumnMutation(() => call(commands.removeColumn(column.id)));
  const [name, setName] = useState(column.fields.name);
  const [limit, setLimit] = useState(column.fields.wipLimit ? String(column.fields.wipLimit) : "");
  const [status, setStatus] = useState<TaskStatus | "">(column.fields.status ?? "");
  const errors = fieldErrorsOf(t, update.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    update.mutate(
      { name, wipLimit: limit.trim() ? Number(limit) : null, status: status || null },
      { onSuccess: () => setOpen(false) },
    );
  }
  return (
    <>
      <button type="button" aria-label={t("columns.edit", { name: column.fields.name })} onClick={() => setOpen(true)} className="rounded p-1 text-zinc-500 hover:bg-zinc-200 dark:hover:bg-zinc-800">
        <Settings2 aria-hidden size={14} />
      </button>
      <Dialog.Root open={open} onOpenChange={setOpen}>
        <Dialog.Portal>
          <Dialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
          <Dialog.Content aria-describedby={undefined} className="fixed top-1/2 left-1/2 z-50 w-full max-w-sm -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl dark:bg-zinc-900">
            <Dialog.Title className="mb-4 text-lg font-semibold">{t("columns.title", { name: column.fields.name })}</Dialog.Title>
            <form onSubmit={submit} className="space-y-3" noValidate>
              <TextField label={t("columns.name")} name="column-name" value={name} onChange={(e) => setName(e.target.value)} error={errors.name} />
              <TextField label={t("columns.limit")} name="column-limit" inputMode="numeric" value={limit} onChange={(e) => setLimit(e.target.value.replace(/\D/g, ""))} hint={t("columns.limitHint")} error={errors.wipLimit} />
              <SelectField
                label={t("columns.status")}
                name="column-status"
                value={status}
                onChange={(e) => setStatus(e.target.value as TaskStatus | "")}
                options={STATUSES.map((s) => ({ value: s, label: s ? t(`tasks.status.${s}`) : t("columns.keepStatus") }))}
              />
              {update.error && Object.keys(errors).length === 0 ? <p role="alert" className="text-sm text-red-600">{describeError(t, update.error)}</p> : null}
              <div className="flex justify-end gap-2 pt-2">
                {isLast ? null : (
                  <button type="button" onClick={() => setConfirming(true)} className="mr-auto rounded-lg px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950">
                    {t("columns.remove")}
                  </button>
                )}
                <button type="submit" disabled={update.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
                  {t("calendar.save")}
                </button>
              </div>
            </form>
          </Dialog.Content>
        </Dialog.Portal>
      </Dialog.Root>
      <ConfirmDialog
        open={confirming}
        onOpenChange={setConfirming}
        title={t("columns.removeTitle", { name: column.fields.name })}
        body={t("columns.removeLead")}
        confirmLabel={t("columns.remove")}
        cancelLabel={t("calendar.cancel")}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              setOpen(false);
              toast.success(t("columns.removed", { name: column.fields.name }));
            },
            onError: (error) => toast.error(describeError(t, error)),
          })
        }
      />
    </>
  );
}

/** The field after the last column that adds one. */
export function AddColumn({ boardId }: { boardId: string }) {
  const { t } = useTranslation();
  const add = useColumnMutation((name: string) => call(commands.addColumn(boardId, { name, wipLimit: null, status: null })));
  const [name, setName] = useState("");
  return (
    <form
      className="flex w-72 shrink-0 items-start gap-1"
      onSubmit={(e) => {
        e.preventDefault();
        if (name.trim()) add.mutate(name, { onSuccess: () => setName(""), onError: (error) => toast.error(describeError(t, error)) });
      }}
    >
      <label htmlFor={`new-column-${boardId}`} className="sr-only">
        {t("columns.add")}
      </label>
      <input
        id={`new-column-${boardId}`}
        value={name}
        onChange={(e) => setName(e.target.value)}
        placeholder={t("columns.add")}
        className="flex-1 rounded-lg border border-dashed border-zinc-300 bg-transparent px-2 py-1.5 text-sm dark:border-zinc-700"
      />
      <button type="submit" aria-label={t("columns.create")} disabled={add.isPending} className="rounded-lg p-2 hover:bg-zinc-100 dark:hover:bg-zinc-800">
        <Plus aria-hidden size={14} />
      </button>
    </form>
  );
}
