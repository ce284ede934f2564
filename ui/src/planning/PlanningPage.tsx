// Planning: the team calendar and the Kanban boards of tasks.
import { Plus } from "lucide-react";
import { type FormEvent, lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { useLocation, useRoute } from "wouter";
import type { Member, Task_Serialize as Task } from "../bindings";
import { KanbanBoard, type KanbanColumn } from "../components/KanbanBoard";
import { MemberAvatar } from "../components/MemberAvatar";
import { formatDate } from "../i18n";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useMay, useMembers } from "../shared/team";
import { PlanningCalendar } from "./PlanningCalendar";
import { useBoard, useBoards, useCreateBoard, useCreateTask, useMoveCard } from "./queries";
import { taskPath } from "./paths";
import { TaskLists } from "./TaskLists";
import { TrelloImport } from "./TrelloImport";

// The panel (and its Markdown renderer) loads the first time a task opens.
const TaskPanel = lazy(() => import("./TaskPanel").then((m) => ({ default: m.TaskPanel })));

export function PlanningPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<"calendar" | "boards" | "tasks">("calendar");
  const [, navigate] = useLocation();
  const [, open] = useRoute<{ id: string }>("/planning/tasks/:id");
  const tabClass = (active: boolean) =>
    `rounded-lg px-3 py-1.5 text-sm font-medium ${active ? "bg-brand-600 text-white" : "hover:bg-zinc-100 dark:hover:bg-zinc-800"}`;
  return (
    <section className="flex h-full flex-col" aria-labelledby="planning-title">
      <header className="flex flex-wrap items-center gap-3 border-b border-zinc-200 px-6 py-4 dark:border-zinc-800">
        <h1 id="planning-title" className="text-2xl font-bold">
          {t("planning.title")}
        </h1>
        <div role="tablist" aria-label={t("planning.views")} className="flex gap-1">
          <button type="button" role="tab" aria-selected={tab === "calendar"} className={tabClass(tab === "calendar")} onClick={() => setTab("calendar")}>
            {t("planning.calendarTab")}
          </button>
          <button type="button" role="tab" aria-selected={tab === "boards"} className={tabClass(tab === "boards")} onClick={() => setTab("boards")}>
            {t("planning.boardsTab")}
          </button>
          <button type="button" role="tab" aria-selected={tab === "tasks"} className={tabClass(tab === "tasks")} onClick={() => setTab("tasks")}>
            {t("planning.tasksTab")}
          </button>
        </div>
      </header>
      {tab === "calendar" ? <PlanningCalendar onOpenTask={(id) => navigate(taskPath(id))} /> : null}
      {tab === "boards" ? <Boards onOpenTask={(id) => navigate(taskPath(id))} /> : null}
      {tab === "tasks" ? <TaskLists onOpenTask={(id) => navigate(taskPath(id))} /> : null}
      <Suspense fallback={null}>{open ? <TaskPanel taskId={open.id} onClose={() => navigate("/planning")} /> : null}</Suspense>
    </section>
  );
}

function Boards({ onOpenTask }: { onOpenTask: (id: string) => void }) {
  const { t } = useTranslation();
  const boards = useBoards();
  const [chosen, setChosen] = useState<string | undefined>();
  const list = boards.data ?? [];
  const boardId = chosen ?? list[0]?.id;
  return (
    <>
      <div className="flex flex-wrap items-center gap-3 px-6 pt-4">
        {list.length > 1 ? (
          <>
            <label htmlFor="board-choice" className="sr-only">
              {t("planning.board")}
            </label>
            <select
              id="board-choice"
              value={boardId}
              onChange={(e) => setChosen(e.target.value)}
              className="rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
            >
              {list.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name}
                </option>
              ))}
            </select>
          </>
        ) : null}
        <div className="ml-auto flex gap-2">
          <TrelloImport onImported={setChosen} />
          <NewBoard onCreated={setChosen} />
        </div>
      </div>
      {boards.isSuccess && list.length === 0 ? (
        <div className="mx-auto max-w-lg p-10 text-center">
          <p className="font-medium">{t("planning.noBoards")}</p>
          <p className="mt-1 text-sm text-zinc-500">{t("planning.noBoardsHint")}</p>
        </div>
      ) : null}
      {boardId ? <BoardView boardId={boardId} onOpenTask={onOpenTask} /> : null}
    </>
  );
}

function NewBoard({ onCreated }: { onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const may = useMay("manage_boards");
  const create = useCreateBoard();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  if (!may) return null;
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        name,
        columns: [
          { name: t("board.defaults.todo"), wipLimit: null, status: "todo" },
          { name: t("board.defaults.inProgress"), wipLimit: null, status: "in_progress" },
          { name: t("board.defaults.done"), wipLimit: null, status: "done" },
        ],
      },
      {
        onSuccess: (board) => {
          onCreated(board.id);
          setName("");
          setOpen(false);
        },
        onError: (error) => toast.error(describeError(t, error)),
      },
    );
  }
  if (!open) {
    return (
      <button type="button" onClick={() => setOpen(true)} className="flex items-center gap-1 rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
        <Plus aria-hidden className="size-4" />
        {t("planning.newBoard")}
      </button>
    );
  }
  return (
    <form onSubmit={submit} className="flex items-center gap-2" aria-label={t("planning.newBoard")}>
      <label htmlFor="new-board-name" className="sr-only">
        {t("planning.boardName")}
      </label>
      <input
        id="new-board-name"
        autoFocus
        value={name}
        placeholder={t("planning.boardName")}
        onChange={(e) => setName(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") setOpen(false);
        }}
        className="rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900"
      />
      <button type="submit" disabled={create.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
        {t("planning.create")}
      </button>
    </form>
  );
}

function BoardView({ boardId, onOpenTask }: { boardId: string; onOpenTask: (id: string) => void }) {
  const { t } = useTranslation();
  const board = useBoard(boardId);
  const move = useMoveCard(boardId);
  const members = useMembers().data ?? [];
  if (!board.data) return null;
  const columns: KanbanColumn<Task>[] = board.data.columns.map((c) => ({ id: c.id, title: c.fields.name, cards: c.cards, limit: c.fields.wipLimit }));
  return (
    <KanbanBoard
      label={board.data.name}
      columns={columns}
      cardId={cardId}
      cardLabel={cardLabel}
      renderCard={(task) => <Card task={task} members={members} />}
      onMove={(m) => move.mutate(m, { onError: (error) => toast.error(describeError(t, error)) })}
      renderColumnFooter={(column) => <QuickAdd columnId={column.id} />}
      onOpen={(task) => onOpenTask(task.id)}
    />
  );
}

const cardId = (task: Task) => task.id;
const cardLabel = (task: Task) => task.fields.title;

function Card({ task, members }: { task: Task; members: Member[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const people = task.fields.assignees.map((id) => members.find((m) => m.id === id)).filter((m): m is Member => m !== undefined);
  const due = task.fields.dueAt;
  return (
    <div className="space-y-2">
      <p className={task.fields.status === "done" ? "text-zinc-500 line-through" : "font-medium"}>{task.fields.title}</p>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        {task.fields.priority !== "none" ? (
          <span className="rounded bg-zinc-100 px-1.5 py-0.5 dark:bg-zinc-800">{t(`tasks.priority.${task.fields.priority}`)}</span>
        ) : null}
        {due ? <span className={task.overdue ? "font-semibold text-red-600" : "text-zinc-500"}>{formatDate(language, due, task.fields.timeZone ?? undefined)}</span> : null}
        <span className="ml-auto flex -space-x-1">
          {people.map((m) => (
            <MemberAvatar key={m.id} member={m} size="sm" labelled />
          ))}
        </span>
      </div>
    </div>
  );
}

function QuickAdd({ columnId }: { columnId: string }) {
  const { t } = useTranslation();
  const create = useCreateTask();
  const may = useMay("edit_tasks");
  const [title, setTitle] = useState("");
  if (!may) return null;
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return;
    create.mutate(
      { title, columnId },
      {
        onSuccess: () => setTitle(""),
        onError: (error) => toast.error(describeError(t, error)),
      },
    );
  }
  return (
    <form onSubmit={submit}>
      <label className="sr-only" htmlFor={`add-${columnId}`}>
        {t("board.addCard")}
      </label>
      <input
        id={`add-${columnId}`}
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        placeholder={t("board.addCard")}
        className="w-full rounded-lg border border-dashed border-zinc-300 bg-transparent px-2 py-1.5 text-sm outline-none focus:border-brand-500 dark:border-zinc-700"
      />
    </form>
  );
}
