// A task opened from a card, the calendar or a notification: its fields,
// its description in Markdown, its checklist and the conversation on it,
// in a panel beside the board.
import * as Dialog from "@radix-ui/react-dialog";
import { format, isValid, parse } from "date-fns";
import { Trash2, X } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Member, Priority, TaskDetail_Serialize as TaskDetail, TaskFields_Serialize as TaskFields, TaskStatus } from "../bindings";
import { SelectField, TextField } from "../components/Field";
import { MarkdownText } from "../components/MarkdownText";
import { MemberAvatar } from "../components/MemberAvatar";
import { PeopleChooser } from "../components/PeopleChooser";
import { RecordLinks } from "../components/RecordLinks";
import { SidePanel } from "../components/SidePanel";
import { formatDate, LOCAL_MINUTE, readerTimeZone } from "../i18n";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { type RecordRef, recordKinds } from "../shared/records";
import { useCurrentMember, useMay, useMembers } from "../shared/team";
import { useRemoveWithUndo } from "../shared/undo";
import { TagPicker } from "../components/TagPicker";
import {
  useAddComment,
  useAddStep,
  useDeleteComment,
  useDeleteTask,
  useRemoveStep,
  useRestoreTask,
  useTaskDetail,
  useTickStep,
  useUpdateTask,
} from "./queries";

const STATUSES: TaskStatus[] = ["todo", "in_progress", "done", "cancelled"];
const PRIORITIES: Priority[] = ["none", "low", "medium", "high", "urgent"];

export function TaskPanel({ taskId, onClose }: { taskId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useTaskDetail(taskId);
  return (
    <SidePanel onClose={onClose} className="right-0 w-[min(560px,100vw)] overflow-y-auto shadow-2xl">
      {detail.data ? (
        // Keyed by the task: a panel reopened on another task starts from its values.
        <TaskForm key={detail.data.task.id + detail.data.task.updatedAt} detail={detail.data} onClose={onClose} />
      ) : (
        <div className="p-6">
          <Dialog.Title className="text-lg font-semibold">{t("task.title")}</Dialog.Title>
          {detail.error ? <p role="alert" className="mt-2 text-sm text-red-600">{describeError(t, detail.error)}</p> : <p className="mt-2 text-sm text-zinc-500">…</p>}
        </div>
      )}
    </SidePanel>
  );
}

function TaskForm({ detail, onClose }: { detail: TaskDetail; onClose: () => void }) {
  const { t } = useTranslation();
  const { task } = detail;
  const members = useMembers().data ?? [];
  const mayEdit = useMay("edit_tasks");
  const me = useCurrentMember().data;
  const mine = task.createdBy !== null && task.createdBy === me?.id;
  const mayDelete = useMay(mine ? "delete_own_tasks" : "delete_others_tasks");
  const update = useUpdateTask();
  const removeWithUndo = useRemoveWithUndo(useDeleteTask(), useRestoreTask());
  const [fields, setFields] = useState<TaskFields>(task.fields);
  const [links, setLinks] = useState<RecordRef[]>(detail.links);
  const [due, setDue] = useState(task.fields.dueAt ? format(new Date(task.fields.dueAt), LOCAL_MINUTE) : "");
  const [editingText, setEditingText] = useState(false);
  const errors = fieldErrorsOf(t, update.error);
  const set = <K extends keyof TaskFields>(key: K, value: TaskFields[K]) => setFields((f) => ({ ...f, [key]: value }));
  function link(chosen: RecordRef[]) {
    setLinks(chosen);
    const idOf = (kind: RecordRef["kind"]) => chosen.find((r) => r.kind === kind)?.id ?? null;
    setFields((f) => ({ ...f, artistId: idOf("artist"), sponsorId: idOf("sponsor"), eventId: idOf("event"), contentId: idOf("content") }));
  }

  function save(event?: FormEvent) {
    event?.preventDefault();
    const typed = due ? parse(due, LOCAL_MINUTE, new Date()) : null;
    update.mutate(
      { id: task.id, fields: { ...fields, dueAt: typed && isValid(typed) ? typed.toISOString() : null, timeZone: fields.timeZone ?? readerTimeZone() } },
      {
        onSuccess: () => {
          setEditingText(false);
          toast.success(t("task.saved"));
        },
      },
    );
  }

  function deleteTask() {
    removeWithUndo(task.id, { removed: t("task.deleted", { title: task.fields.title }), then: onClose });
  }

  return (
    <div className="flex flex-1 flex-col">
      <div className="flex items-start gap-2 border-b border-zinc-200 p-4 dark:border-zinc-800">
        <Dialog.Title className="flex-1 text-lg font-semibold">{task.fields.title}</Dialog.Title>
        {task.overdue ? <span className="rounded bg-red-100 px-2 py-0.5 text-xs font-semibold text-red-700 dark:bg-red-900/40 dark:text-red-200">{t("task.overdue")}</span> : null}
        <Dialog.Close aria-label={t("task.close")} className="rounded p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
          <X aria-hidden size={18} />
        </Dialog.Close>
      </div>
      <form onSubmit={save} className="space-y-4 p-4" noValidate>
        <fieldset disabled={!mayEdit} className="space-y-3">
          <TextField label={t("calendar.title")} name="task-title" value={fields.title} onChange={(e) => set("title", e.target.value)} error={errors.title} />
          <div className="grid grid-cols-2 gap-3">
            <SelectField
              label={t("task.status")}
              name="task-status"
              value={fields.status}
              onChange={(e) => set("status", e.target.value as TaskStatus)}
              options={STATUSES.map((s) => ({ value: s, label: t(`tasks.status.${s}`) }))}
            />
            <SelectField
              label={t("task.priority")}
              name="task-priority"
              value={fields.priority}
              onChange={(e) => set("priority", e.target.value as Priority)}
              options={PRIORITIES.map((p) => ({ value: p, label: t(`tasks.priority.${p}`) }))}
            />
          </div>
          <TextField type="datetime-local" label={t("task.due")} name="task-due" value={due} onChange={(e) => setDue(e.target.value)} error={errors.dueAt} />
          <PeopleChooser members={members} chosen={fields.assignees} onChange={(people) => set("assignees", people)} />
          <TagPicker value={fields.labels} onChange={(labels) => set("labels", labels)} disabled={!mayEdit} />
          <RecordLinks kinds={recordKinds} chosen={links} onChange={link} disabled={!mayEdit} />
          <Description text={fields.description} editing={editingText && mayEdit} onEdit={() => setEditingText(true)} onChange={(text) => set("description", text)} error={errors.description} />
        </fieldset>
        {update.error && Object.keys(errors).length === 0 ? <p role="alert" className="text-sm text-red-600">{describeError(t, update.error)}</p> : null}
        {mayEdit ? (
          <div className="flex justify-end gap-2">
            {mayDelete ? (
              <button type="button" onClick={deleteTask} className="mr-auto flex items-center gap-1 rounded-lg px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950">
                <Trash2 aria-hidden size={14} />
                {t("task.delete")}
              </button>
            ) : null}
            <button type="submit" disabled={update.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
              {t("calendar.save")}
            </button>
          </div>
        ) : null}
      </form>
      <Checklist taskId={task.id} steps={detail.checklist} editable={mayEdit} />
      <Comments taskId={task.id} comments={detail.comments} members={members} editable={mayEdit} />
    </div>
  );
}

/** Markdown, shown rendered; edited as text. No raw HTML is ever rendered. */
function Description({ text, editing, onEdit, onChange, error }: { text: string; editing: boolean; onEdit: () => void; onChange: (text: string) => void; error?: string }) {
  const { t } = useTranslation();
  if (editing) {
    return (
      <div className="space-y-1">
        <label htmlFor="task-description" className="block text-sm font-medium">
          {t("task.description")}
        </label>
        <textarea
          id="task-description"
          name="task-description"
          autoFocus
          rows={6}
          value={text}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 font-mono text-sm dark:border-zinc-700 dark:bg-zinc-900"
        />
        <p className="text-xs text-zinc-500">{error ?? t("task.markdownHint")}</p>
      </div>
    );
  }
  return (
    <div className="space-y-1">
      <div className="flex items-center">
        <span className="flex-1 text-sm font-medium">{t("task.description")}</span>
        <button type="button" onClick={onEdit} className="text-xs text-brand-700 underline dark:text-brand-300">
          {t("task.editDescription")}
        </button>
      </div>
      {text.trim() ? (
        <div className="rounded-lg bg-zinc-50 p-3 dark:bg-zinc-800/50">
          <MarkdownText text={text} testId="task-description" />
        </div>
      ) : (
        <p className="text-sm text-zinc-500">{t("task.noDescription")}</p>
      )}
    </div>
  );
}

function Checklist({ taskId, steps, editable }: { taskId: string; steps: TaskDetail["checklist"]; editable: boolean }) {
  const { t } = useTranslation();
  const add = useAddStep(taskId);
  const tick = useTickStep(taskId);
  const remove = useRemoveStep(taskId);
  const [text, setText] = useState("");
  const done = steps.filter((s) => s.done).length;
  const failed = (error: unknown) => toast.error(describeError(t, error));
  return (
    <section aria-labelledby="checklist-title" className="border-t border-zinc-200 p-4 dark:border-zinc-800">
      <h3 id="checklist-title" className="mb-2 flex items-center text-sm font-semibold">
        <span className="flex-1">{t("task.checklist")}</span>
        {steps.length > 0 ? <span className="text-xs font-normal text-zinc-500">{t("task.progress", { done, total: steps.length })}</span> : null}
      </h3>
      <ul className="space-y-1">
        {steps.map((step) => (
          <li key={step.id} className="group flex items-center gap-2 text-sm">
            <input type="checkbox" id={`step-${step.id}`} checked={step.done} disabled={!editable} onChange={(e) => tick.mutate({ id: step.id, done: e.target.checked }, { onError: failed })} />
            <label htmlFor={`step-${step.id}`} className={`flex-1 ${step.done ? "text-zinc-500 line-through" : ""}`}>
              {step.text}
            </label>
            {editable ? (
              <button type="button" aria-label={t("task.removeStep", { step: step.text })} onClick={() => remove.mutate(step.id, { onError: failed })} className="rounded p-0.5 opacity-60 hover:bg-zinc-100 hover:opacity-100 dark:hover:bg-zinc-800">
                <X aria-hidden size={14} />
              </button>
            ) : null}
          </li>
        ))}
      </ul>
      {editable ? (
        <form
          className="mt-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            add.mutate(text, { onSuccess: () => setText(""), onError: failed });
          }}
        >
          <label htmlFor="new-step" className="sr-only">
            {t("task.addStep")}
          </label>
          <input
            id="new-step"
            value={text}
            onChange={(e) => setText(e.target.value)}
            placeholder={t("task.addStep")}
            className="w-full rounded-lg border border-dashed border-zinc-300 bg-transparent px-2 py-1.5 text-sm outline-none focus:border-brand-500 dark:border-zinc-700"
          />
        </form>
      ) : null}
    </section>
  );
}

function Comments({ taskId, comments, members, editable }: { taskId: string; comments: TaskDetail["comments"]; members: Member[]; editable: boolean }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const me = useCurrentMember().data;
  const add = useAddComment(taskId);
  const remove = useDeleteComment(taskId);
  const mayDeleteOthers = useMay("delete_others_tasks");
  const [body, setBody] = useState("");
  const failed = (error: unknown) => toast.error(describeError(t, error));
  return (
    <section aria-labelledby="comments-title" className="border-t border-zinc-200 p-4 dark:border-zinc-800">
      <h3 id="comments-title" className="mb-2 text-sm font-semibold">
        {t("task.comments")}
      </h3>
      {comments.length === 0 ? <p className="text-sm text-zinc-500">{t("task.noComments")}</p> : null}
      <ol className="space-y-3">
        {comments.map((c) => {
          const author = members.find((m) => m.id === c.authorId);
          return (
            <li key={c.id} className="flex gap-2" aria-label={t("task.commentBy", { name: author?.name ?? t("task.someone") })}>
              {author ? <MemberAvatar member={author} size="sm" /> : null}
              <div className="min-w-0 flex-1">
                <p className="text-xs text-zinc-500">
                  <span className="font-medium text-zinc-700 dark:text-zinc-200">{author?.name ?? t("task.someone")}</span> · {formatDate(language, c.createdAt)}
                  {c.edited ? ` · ${t("task.edited")}` : ""}
                  {editable && (c.authorId === me?.id || !me || mayDeleteOthers) ? (
                    <button type="button" onClick={() => remove.mutate(c.id, { onError: failed })} className="ml-2 underline">
                      {t("task.deleteComment")}
                    </button>
                  ) : null}
                </p>
                <MarkdownText text={c.body} />
              </div>
            </li>
          );
        })}
      </ol>
      {editable ? (
        <form
          className="mt-3 space-y-2"
          onSubmit={(e) => {
            e.preventDefault();
            if (!body.trim()) return;
            add.mutate(body, { onSuccess: () => setBody(""), onError: failed });
          }}
        >
          <label htmlFor="new-comment" className="sr-only">
            {t("task.writeComment")}
          </label>
          <textarea
            id="new-comment"
            rows={2}
            value={body}
            onChange={(e) => setBody(e.target.value)}
            placeholder={t("task.writeComment")}
            className="w-full rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm dark:border-zinc-700 dark:bg-zinc-900"
          />
          <div className="flex justify-end">
            <button type="submit" disabled={add.isPending || !body.trim()} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
              {t("task.comment")}
            </button>
          </div>
        </form>
      ) : null}
    </section>
  );
}
