// Planning: the team calendar and the Kanban boards of tasks.
import { Plus } from "lucide-react";
import { type FormEvent, lazy, Suspense, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { useLocation, useRoute } from "wouter";
import type { Member, Tag, Task_Serialize as Task } from "../bindings";
import { KanbanBoard, type KanbanColumn, type KanbanMove } from "../components/KanbanBoard";
import { MemberAvatar } from "../components/MemberAvatar";
import { formatDate } from "../i18n";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useMay, useMembers, useTags } from "../shared/team";
import { PlanningCalendar } from "./PlanningCalendar";
import { useBoard, useBoards, useCreateBoard, useCreateTask, useMoveCard } from "./queries";
import { AddColumn, ColumnSettings } from "./ColumnEditor";
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
  const labels = useTags().data ?? [];
  const [filter, setFilter] = useState<CardFilter>({ text: "", person: "", label: "", lanes: false });
  const mayShape = useMay("manage_boards");
  if (!board.data) return null;
  const shown = (task: Task) => cardMatches(task, filter);
  const columnsFor = (lane: (task: Task) => boolean): KanbanColumn<Task>[] =>
    board.data.columns.map((c) => ({ id: c.id, title: c.fields.name, cards: c.cards.filter((card) => shown(card) && lane(card)), limit: c.fields.wipLimit }));
  const onMove = (m: KanbanMove) => move.mutate(m, { onError: (error) => toast.error(describeError(t, error)) });
  const common = {
    cardId,
    cardLabel,
    renderCard: (task: Task) => <Card task={task} members={members} />,
    onMove,
    onOpen: (task: Task) => onOpenTask(task.id),
  };
  // Swimlanes: one row per person (a card sits in its first assignee's), then the unassigned.
  const lanes = filter.lanes
    ? [
        ...members.map((m) => ({ key: m.id, title: m.name, holds: (task: Task) => task.fields.assignees[0] === m.id })),
        { key: "nobody", title: t("tasks.nobody"), holds: (task: Task) => task.fields.assignees.length === 0 },
      ].filter((lane) => board.data.columns.some((c) => c.cards.some((card) => shown(card) && lane.holds(card))))
    : [];
  return (
    <>
      <BoardFilters filter={filter} onChange={setFilter} members={members} labels={labels} />
      {filter.lanes ? (
        <div className="min-h-0 flex-1 overflow-y-auto">
          {lanes.map((lane) => (
            <section key={lane.key} aria-label={t("board.lane", { name: lane.title })} className="border-b border-zinc-200 dark:border-zinc-800">
              <h2 className="px-4 pt-3 text-sm font-semibold">{lane.title}</h2>
              <KanbanBoard label={`${board.data.name} — ${lane.title}`} columns={columnsFor(lane.holds)} {...common} />
            </section>
          ))}
        </div>
      ) : (
        <KanbanBoard
          label={board.data.name}
          columns={columnsFor(() => true)}
          {...common}
          renderColumnFooter={(column) => <QuickAdd columnId={column.id} />}
          renderColumnActions={
            mayShape
              ? (column) => {
                  const stored = board.data.columns.find((c) => c.id === column.id);
                  return stored ? <ColumnSettings column={stored} isLast={board.data.columns.length === 1} /> : null;
                }
              : undefined
          }
          trailing={mayShape ? <AddColumn boardId={board.data.id} /> : undefined}
        />
      )}
    </>
  );
}

interface CardFilter {
  text: string;
  person: string;
  label: string;
  lanes: boolean;
}

/** Whether a card passes the board's filters (typed words, accent- and case-blind). */
function cardMatches(task: Task, filter: CardFilter): boolean {
  const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  if (filter.text.trim() && !fold(`${task.fields.title} ${task.fields.description}`).includes(fold(filter.text.trim()))) return false;
  if (filter.person && !task.fields.assignees.includes(filter.person)) return false;
  if (filter.label && !task.fields.labels.includes(filter.label)) return false;
  return true;
}

function BoardFilters({ filter, onChange, members, labels }: { filter: CardFilter; onChange: (filter: CardFilter) => void; members: Member[]; labels: Tag[] }) {
  const { t } = useTranslation();
  const control = "rounded-lg border border-zinc-300 bg-white px-2 py-1 text-sm dark:border-zinc-700 dark:bg-zinc-900";
  return (
    <div role="search" aria-label={t("board.filters")} className="flex flex-wrap items-center gap-2 px-4 pt-3">
      <input type="search" aria-label={t("board.filterText")} placeholder={t("board.filterText")} value={filter.text} onChange={(e) => onChange({ ...filter, text: e.target.value })} className={control} />
      <select aria-label={t("board.filterPerson")} value={filter.person} onChange={(e) => onChange({ ...filter, person: e.target.value })} className={control}>
        <option value="">{t("board.everyone")}</option>
        {members.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
      </select>
      {labels.length > 0 ? (
        <select aria-label={t("board.filterLabel")} value={filter.label} onChange={(e) => onChange({ ...filter, label: e.target.value })} className={control}>
          <option value="">{t("board.allLabels")}</option>
          {labels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      ) : null}
      <label className="flex items-center gap-1 text-sm">
        <input type="checkbox" checked={filter.lanes} onChange={(e) => onChange({ ...filter, lanes: e.target.checked })} />
        {t("board.lanesByPerson")}
      </label>
    </div>
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
