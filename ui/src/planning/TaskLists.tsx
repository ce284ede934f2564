// Planning → Tasks: "My tasks", by person, by label, overdue. The core
// filters and orders (soonest due first); this screen groups and draws,
// ticks a task done in one click and opens it in its panel.
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Member, Tag, Task_Serialize as Task, TaskFilter } from "../bindings";
import { MemberAvatar } from "../components/MemberAvatar";
import { formatDate } from "../i18n";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useCurrentMember, useMay, useMembers, useTags } from "../shared/team";
import { useTaskList, useUpdateTask } from "./queries";

type View = "mine" | "person" | "label" | "overdue";
const VIEWS: View[] = ["mine", "person", "label", "overdue"];

export function TaskLists({ onOpenTask }: { onOpenTask: (id: string) => void }) {
  const { t } = useTranslation();
  const me = useCurrentMember().data;
  const team = useMembers().data;
  const members = useMemo(() => team ?? [], [team]);
  const known = useTags().data;
  const labels = useMemo(() => known ?? [], [known]);
  const [view, setView] = useState<View>(me ? "mine" : "person");
  const [closed, setClosed] = useState(false);
  const filter: TaskFilter = {
    assignee: view === "mine" ? (me?.id ?? null) : null,
    label: null,
    overdueOnly: view === "overdue",
    includeClosed: closed && view !== "overdue",
  };
  const tasks = useTaskList(filter).data;
  const groups = useMemo(() => grouped(tasks ?? [], view, members, labels, t("tasks.nobody"), t("tasks.noLabel")), [tasks, view, members, labels, t]);
  return (
    <div className="flex min-h-0 flex-1 flex-col">
      <div className="flex flex-wrap items-center gap-2 px-6 pt-4">
        <div role="radiogroup" aria-label={t("tasks.views")} className="flex gap-1">
          {VIEWS.filter((v) => v !== "mine" || me).map((v) => (
            <button
              key={v}
              type="button"
              role="radio"
              aria-checked={view === v}
              onClick={() => setView(v)}
              className={`rounded-lg px-3 py-1 text-sm ${view === v ? "bg-zinc-900 text-white dark:bg-zinc-100 dark:text-zinc-900" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`}
            >
              {t(`tasks.view.${v}`)}
            </button>
          ))}
        </div>
        {view !== "overdue" ? (
          <label className="ml-auto flex items-center gap-2 text-sm">
            <input type="checkbox" checked={closed} onChange={(e) => setClosed(e.target.checked)} />
            {t("tasks.showClosed")}
          </label>
        ) : null}
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto px-6 py-4">
        {tasks && tasks.length === 0 ? <p className="text-sm text-zinc-500">{t(`tasks.empty.${view}`)}</p> : null}
        {groups.map((group) => (
          <section key={group.key} aria-label={group.title ?? t(`tasks.view.${view}`)} className="mb-6">
            {group.title ? <h2 className="mb-2 text-sm font-semibold text-zinc-600 dark:text-zinc-300">{group.title}</h2> : null}
            <ul className="divide-y divide-zinc-100 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
              {group.tasks.map((task) => (
                <TaskRow key={task.id} task={task} members={members} labels={labels} onOpen={() => onOpenTask(task.id)} />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

interface Group {
  key: string;
  title: string | null;
  tasks: Task[];
}

/** By person or by label, a task shows under each of its people or labels; the others are one list. */
function grouped(tasks: Task[], view: View, members: Member[], labels: Tag[], nobody: string, noLabel: string): Group[] {
  if (view !== "person" && view !== "label") return tasks.length > 0 ? [{ key: view, title: null, tasks }] : [];
  const keys = view === "person" ? members.map((m) => ({ id: m.id, title: m.name })) : labels.map((l) => ({ id: l.id, title: l.name }));
  const of = (task: Task) => (view === "person" ? task.fields.assignees : task.fields.labels);
  const groups: Group[] = keys.map((k) => ({ key: k.id, title: k.title, tasks: tasks.filter((task) => of(task).includes(k.id)) }));
  groups.push({ key: "none", title: view === "person" ? nobody : noLabel, tasks: tasks.filter((task) => of(task).length === 0) });
  return groups.filter((g) => g.tasks.length > 0);
}

function TaskRow({ task, members, labels, onOpen }: { task: Task; members: Member[]; labels: Tag[]; onOpen: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const mayEdit = useMay("edit_tasks");
  const update = useUpdateTask();
  const done = task.fields.status === "done";
  const people = task.fields.assignees.map((id) => members.find((m) => m.id === id)).filter((m): m is Member => m !== undefined);
  return (
    <li className="flex items-center gap-3 px-3 py-2">
      <input
        type="checkbox"
        aria-label={t(done ? "tasks.reopen" : "tasks.markDone", { title: task.fields.title })}
        checked={done}
        disabled={!mayEdit || update.isPending}
        onChange={(e) =>
          update.mutate(
            { id: task.id, fields: { ...task.fields, status: e.target.checked ? "done" : "todo" } },
            { onError: (error) => toast.error(describeError(t, error)) },
          )
        }
      />
      <button type="button" onClick={onOpen} className={`min-w-0 flex-1 truncate text-left text-sm ${done ? "text-zinc-500 line-through" : ""}`}>
        {task.fields.title}
      </button>
      {task.fields.labels.map((id) => {
        const label = labels.find((l) => l.id === id);
        return label ? (
          <span key={id} className="rounded bg-zinc-100 px-1.5 py-0.5 text-xs dark:bg-zinc-800">
            {label.name}
          </span>
        ) : null;
      })}
      {task.fields.dueAt ? (
        <span className={`shrink-0 text-xs ${task.overdue ? "font-semibold text-red-600" : "text-zinc-500"}`}>
          {task.overdue ? `${t("task.overdue")} · ` : ""}
          {formatDate(language, task.fields.dueAt)}
        </span>
      ) : null}
      <span className="flex -space-x-1">
        {people.map((m) => (
          <MemberAvatar key={m.id} member={m} size="sm" labelled />
        ))}
      </span>
    </li>
  );
}
