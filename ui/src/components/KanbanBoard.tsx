// The Kanban board every module uses (Planning's task boards, the CRM
// pipeline, the content planner): columns of cards fed by data, moved with
// the mouse (drag and drop) or the keyboard (Alt + arrows on a focused
// card). The board only reports a move as "this card, into this column,
// between these two neighbours"; the data's owner persists it.
import {
  DndContext,
  type DragEndEvent,
  type DragOverEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  PointerSensor,
  closestCorners,
  useDroppable,
  useSensor,
  useSensors,
} from "@dnd-kit/core";
import { SortableContext, useSortable, verticalListSortingStrategy } from "@dnd-kit/sortable";
import { CSS } from "@dnd-kit/utilities";
import { type KeyboardEvent, type ReactNode, useEffect, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";

export interface KanbanColumn<C> {
  id: string;
  title: string;
  cards: C[];
  /** Work-in-progress limit, shown as "3 / 4". */
  limit?: number | null;
  /** Cards in the column when it shows only some of them (the best 50 of 300). */
  total?: number;
}

/** A card put into `columnId`, below `after` and above `before` (ids; null at an end). */
export interface KanbanMove {
  cardId: string;
  columnId: string;
  after: string | null;
  before: string | null;
}

interface KanbanBoardProps<C> {
  label: string;
  columns: KanbanColumn<C>[];
  cardId: (card: C) => string;
  cardLabel: (card: C) => string;
  renderCard: (card: C) => ReactNode;
  onMove: (move: KanbanMove) => void;
  /** Below a column's cards (a quick-add field...). */
  renderColumnFooter?: (column: KanbanColumn<C>) => ReactNode;
  /** A card clicked, or Enter pressed on it. */
  onOpen?: (card: C) => void;
  /** Beside a column's title (a button to edit the column...). */
  renderColumnActions?: (column: KanbanColumn<C>) => ReactNode;
  /** After the last column (a field to add one...). */
  trailing?: ReactNode;
}

type Layout = Record<string, string[]>;

/** Space picks a card up and puts it down; Enter opens it (Alt + arrows move it). */
const PICK_UP_KEYS = { start: ["Space"], cancel: ["Escape"], end: ["Space", "Tab"] };

function layoutOf<C>(columns: KanbanColumn<C>[], cardId: (card: C) => string): Layout {
  return Object.fromEntries(columns.map((c) => [c.id, c.cards.map(cardId)]));
}

function columnOf(layout: Layout, id: string): string | undefined {
  if (id in layout) return id;
  return Object.keys(layout).find((column) => layout[column]?.includes(id));
}

/** Where `cardId` sits in `layout`, as the move the owner persists. */
function moveIn(layout: Layout, cardId: string): KanbanMove | null {
  const columnId = columnOf(layout, cardId);
  if (!columnId) return null;
  const cards = layout[columnId] ?? [];
  const at = cards.indexOf(cardId);
  return { cardId, columnId, after: cards[at - 1] ?? null, before: cards[at + 1] ?? null };
}

export function KanbanBoard<C>({ label, columns, cardId, cardLabel, renderCard, onMove, renderColumnFooter, onOpen, renderColumnActions, trailing }: KanbanBoardProps<C>) {
  const { t } = useTranslation();
  const fromData = useMemo(() => layoutOf(columns, cardId), [columns, cardId]);
  // While a card is dragged, the layout follows the pointer; the data wins again afterwards.
  const [dragging, setDragging] = useState<{ id: string; layout: Layout } | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const layout = dragging?.layout ?? fromData;
  const cards = useMemo(() => new Map(columns.flatMap((c) => c.cards.map((card) => [cardId(card), card] as const))), [columns, cardId]);
  const titles = useMemo(() => new Map(columns.map((c) => [c.id, c.title])), [columns]);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { keyboardCodes: PICK_UP_KEYS }));

  function commit(next: Layout, id: string) {
    const move = moveIn(next, id);
    if (!move) return;
    const before = moveIn(fromData, id);
    if (before && before.columnId === move.columnId && before.after === move.after && before.before === move.before) return;
    onMove(move);
    const card = cards.get(id);
    setAnnouncement(t("board.moved", { card: card ? cardLabel(card) : id, column: titles.get(move.columnId) ?? "" }));
  }

  function onDragStart(event: DragStartEvent) {
    setDragging({ id: String(event.active.id), layout: fromData });
  }

  function onDragOver(event: DragOverEvent) {
    const over = event.over ? String(event.over.id) : null;
    if (!dragging || !over) return;
    const id = dragging.id;
    const from = columnOf(dragging.layout, id);
    const to = columnOf(dragging.layout, over);
    if (!from || !to || from === to) return;
    const target = [...(dragging.layout[to] ?? [])];
    const at = over in dragging.layout ? target.length : Math.max(0, target.indexOf(over));
    target.splice(at, 0, id);
    setDragging({ id, layout: { ...dragging.layout, [from]: (dragging.layout[from] ?? []).filter((c) => c !== id), [to]: target } });
  }

  function onDragEnd(event: DragEndEvent) {
    const over = event.over ? String(event.over.id) : null;
    const current = dragging;
    setDragging(null);
    if (!current || !over) return;
    const id = current.id;
    const column = columnOf(current.layout, id);
    if (!column) return;
    const list = [...(current.layout[column] ?? [])];
    const from = list.indexOf(id);
    const to = over in current.layout ? list.length - 1 : list.indexOf(over);
    if (to >= 0 && from !== to) {
      list.splice(from, 1);
      list.splice(to, 0, id);
    }
    commit({ ...current.layout, [column]: list }, id);
  }

  /** Alt + arrows: up and down in the column, left and right to the next column. */
  function onCardKey(event: KeyboardEvent, id: string) {
    if (!event.altKey) return;
    const order = columns.map((c) => c.id);
    const column = columnOf(fromData, id);
    if (!column) return;
    const list = [...(fromData[column] ?? [])];
    const at = list.indexOf(id);
    let next: Layout | null = null;
    if (event.key === "ArrowUp" && at > 0) {
      list.splice(at, 1);
      list.splice(at - 1, 0, id);
      next = { ...fromData, [column]: list };
    } else if (event.key === "ArrowDown" && at < list.length - 1) {
      list.splice(at, 1);
      list.splice(at + 1, 0, id);
      next = { ...fromData, [column]: list };
    } else if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
      const target = order[order.indexOf(column) + (event.key === "ArrowLeft" ? -1 : 1)];
      if (target) {
        const into = [...(fromData[target] ?? [])];
        into.splice(Math.min(at, into.length), 0, id);
        next = { ...fromData, [column]: list.filter((c) => c !== id), [target]: into };
      }
    }
    if (!next) return;
    event.preventDefault();
    commit(next, id);
    const columnId = columnOf(next, id);
    if (columnId) setRefocus({ id, columnId });
  }

  // Keep the moved card focused once the data shows it in its new column.
  const [refocus, setRefocus] = useState<{ id: string; columnId: string } | null>(null);
  useEffect(() => {
    if (!refocus || columnOf(fromData, refocus.id) !== refocus.columnId) return;
    Array.from(document.querySelectorAll<HTMLElement>("[data-card-id]"))
      .find((element) => element.dataset.cardId === refocus.id)
      ?.focus();
    setRefocus(null);
  }, [fromData, refocus]);

  const active = dragging ? cards.get(dragging.id) : undefined;
  const name = (id: string | number) => {
    const card = cards.get(String(id));
    return card ? cardLabel(card) : String(id);
  };
  const where = (id: string | number | undefined) => (id === undefined ? "" : (titles.get(columnOf(layout, String(id)) ?? "") ?? ""));
  const accessibility = {
    screenReaderInstructions: { draggable: t("board.dragHelp") },
    announcements: {
      onDragStart: ({ active: a }: { active: { id: string | number } }) => t("board.pickedUp", { card: name(a.id) }),
      onDragOver: ({ active: a, over }: { active: { id: string | number }; over: { id: string | number } | null }) =>
        over ? t("board.over", { card: name(a.id), column: where(over.id) }) : undefined,
      onDragEnd: ({ active: a, over }: { active: { id: string | number }; over: { id: string | number } | null }) =>
        over ? t("board.dropped", { card: name(a.id), column: where(over.id) }) : undefined,
      onDragCancel: ({ active: a }: { active: { id: string | number } }) => t("board.cancelled", { card: name(a.id) }),
    },
  };
  return (
    <DndContext
      sensors={sensors}
      collisionDetection={closestCorners}
      accessibility={accessibility}
      onDragStart={onDragStart}
      onDragOver={onDragOver}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
    >
      <div role="region" aria-label={label} className="flex min-h-0 flex-1 gap-4 overflow-x-auto p-4">
        {columns.map((column) => (
          <ColumnView
            key={column.id}
            column={column}
            ids={layout[column.id] ?? []}
            cards={cards}
            cardLabel={cardLabel}
            renderCard={renderCard}
            footer={renderColumnFooter?.(column)}
            actions={renderColumnActions?.(column)}
            onCardKey={onCardKey}
            onOpen={onOpen ? (id) => { const card = cards.get(id); if (card) onOpen(card); } : undefined}
          />
        ))}
        {trailing}
      </div>
      <DragOverlay>{active ? <div className="rotate-2 rounded-lg border border-brand-500 bg-white p-3 text-sm shadow-lg dark:bg-zinc-900">{renderCard(active)}</div> : null}</DragOverlay>
      <p role="status" aria-live="polite" className="sr-only">
        {announcement}
      </p>
    </DndContext>
  );
}

function ColumnView<C>({
  column,
  ids,
  cards,
  cardLabel,
  renderCard,
  footer,
  actions,
  onCardKey,
  onOpen,
}: {
  column: KanbanColumn<C>;
  ids: string[];
  cards: Map<string, C>;
  cardLabel: (card: C) => string;
  renderCard: (card: C) => ReactNode;
  footer: ReactNode;
  actions: ReactNode;
  onCardKey: (event: KeyboardEvent, id: string) => void;
  onOpen?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const { setNodeRef } = useDroppable({ id: column.id });
  const count = column.total ?? ids.length;
  const over = column.limit != null && count > column.limit;
  return (
    <section aria-label={column.title} className="flex w-72 shrink-0 flex-col rounded-xl bg-zinc-100 dark:bg-zinc-900">
      <header className="flex items-center gap-2 px-3 pt-3 pb-2">
        <h2 className="flex-1 text-sm font-semibold">{column.title}</h2>
        {actions}
        <span className={`text-xs tabular-nums ${over ? "font-semibold text-red-600" : "text-zinc-500"}`} title={over ? t("board.overLimit") : undefined}>
          {column.limit != null ? t("board.countOfLimit", { count, limit: column.limit }) : count}
          {over ? <span className="sr-only"> — {t("board.overLimit")}</span> : null}
        </span>
      </header>
      <SortableContext id={column.id} items={ids} strategy={verticalListSortingStrategy}>
        <ul ref={setNodeRef} className="flex min-h-16 flex-1 flex-col gap-2 px-3 pb-3">
          {ids.map((id) => {
            const card = cards.get(id);
            return card ? (
              <SortableCard key={id} id={id} label={cardLabel(card)} onKeyDown={(event) => onCardKey(event, id)} onOpen={onOpen ? () => onOpen(id) : undefined}>
                {renderCard(card)}
              </SortableCard>
            ) : null;
          })}
        </ul>
      </SortableContext>
      {footer ? <div className="px-3 pb-3">{footer}</div> : null}
    </section>
  );
}

function SortableCard({ id, label, children, onKeyDown, onOpen }: { id: string; label: string; children: ReactNode; onKeyDown: (event: KeyboardEvent) => void; onOpen?: () => void }) {
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id });
  return (
    <li
      ref={setNodeRef}
      data-card-id={id}
      aria-label={label}
      style={{ transform: CSS.Transform.toString(transform), transition }}
      className={`cursor-grab rounded-lg border border-zinc-200 bg-white p-3 text-sm shadow-sm outline-none focus-visible:ring-2 focus-visible:ring-brand-500 dark:border-zinc-800 dark:bg-zinc-950 ${isDragging ? "opacity-40" : ""}`}
      {...attributes}
      {...listeners}
      onClick={onOpen}
      onKeyDown={(event) => {
        onKeyDown(event);
        if (!event.defaultPrevented && event.key === "Enter" && onOpen) {
          event.preventDefault();
          onOpen();
        }
        if (!event.defaultPrevented) listeners?.onKeyDown?.(event);
      }}
    >
      {children}
    </li>
  );
}
