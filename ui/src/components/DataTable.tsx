// The shared table: virtualized rows, sortable headers, keyboard selection.
// Fed by data (columns + a row accessor), it knows nothing about artists.
import { useVirtualizer } from "@tanstack/react-virtual";
import { ArrowDown, ArrowUp } from "lucide-react";
import { type KeyboardEvent, type ReactNode, useEffect, useRef } from "react";

export interface Column<Row, SortKey extends string> {
  id: string;
  header: string;
  /** CSS grid track, e.g. "2fr" or "120px". */
  width: string;
  sortKey?: SortKey;
  align?: "start" | "end";
  cell: (row: Row) => ReactNode;
}

export interface DataTableProps<Row, SortKey extends string> {
  label: string;
  columns: Column<Row, SortKey>[];
  rowCount: number;
  rowAt: (index: number) => Row | undefined;
  rowId: (row: Row) => string;
  onRangeChange: (start: number, end: number) => void;
  sort: { key: SortKey; direction: "asc" | "desc" };
  onSortChange: (key: SortKey) => void;
  sortLabel: (header: string) => string;
  selectedId?: string;
  onActivate: (row: Row) => void;
  onDelete?: (row: Row) => void;
  rowHeight?: number;
}

export function DataTable<Row, SortKey extends string>(props: DataTableProps<Row, SortKey>) {
  const { columns, rowCount, rowAt, rowId, onRangeChange, selectedId, onActivate, onDelete } = props;
  const rowHeight = props.rowHeight ?? 44;
  const scroller = useRef<HTMLDivElement>(null);
  // TanStack Virtual returns functions that change identity each render; we do not use the React Compiler.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scroller.current,
    estimateSize: () => rowHeight,
    overscan: 12,
    initialRect: { width: 800, height: 600 },
  });
  const items = virtualizer.getVirtualItems();
  const firstIndex = items[0]?.index ?? 0;
  const lastIndex = items[items.length - 1]?.index ?? 0;
  useEffect(() => onRangeChange(firstIndex, lastIndex), [firstIndex, lastIndex, onRangeChange]);

  const template = columns.map((c) => c.width).join(" ");
  const selectedIndex = (() => {
    for (const item of items) {
      const row = rowAt(item.index);
      if (row && rowId(row) === selectedId) return item.index;
    }
    return -1;
  })();

  function focusRow(index: number) {
    const bounded = Math.max(0, Math.min(rowCount - 1, index));
    const rowElement = () => scroller.current?.querySelector<HTMLElement>(`[data-index="${bounded}"]`);
    virtualizer.scrollToIndex(bounded);
    // A row already rendered takes the focus at once, so a quick Enter acts on it;
    // one scrolled into view gets it on the next frame.
    const rendered = rowElement();
    if (rendered) rendered.focus();
    else requestAnimationFrame(() => rowElement()?.focus());
  }

  function onRowKeyDown(event: KeyboardEvent<HTMLDivElement>, index: number, row: Row | undefined) {
    const page = Math.max(1, Math.floor((scroller.current?.clientHeight ?? rowHeight * 10) / rowHeight));
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
    if (event.key in moves) {
      event.preventDefault();
      focusRow(index + (moves[event.key] ?? 0));
    } else if (event.key === "Home" || event.key === "End") {
      event.preventDefault();
      focusRow(event.key === "Home" ? 0 : rowCount - 1);
    } else if (event.key === "Enter" && row) {
      event.preventDefault();
      onActivate(row);
    } else if (event.key === "Delete" && row && onDelete) {
      event.preventDefault();
      onDelete(row);
    }
  }

  return (
    <div role="grid" aria-label={props.label} aria-rowcount={rowCount + 1} className="flex h-full min-h-0 flex-col">
      <div role="row" aria-rowindex={1} className="grid border-b border-zinc-200 text-xs font-semibold uppercase tracking-wide text-zinc-500 dark:border-zinc-800" style={{ gridTemplateColumns: template }}>
        {columns.map((column) => {
          const active = column.sortKey !== undefined && column.sortKey === props.sort.key;
          return (
            <div
              key={column.id}
              role="columnheader"
              aria-sort={active ? (props.sort.direction === "asc" ? "ascending" : "descending") : "none"}
              className={`px-3 py-2 ${column.align === "end" ? "text-right" : ""}`}
            >
              {column.sortKey ? (
                <button
                  type="button"
                  aria-label={props.sortLabel(column.header)}
                  onClick={() => column.sortKey && props.onSortChange(column.sortKey)}
                  className={`inline-flex items-center gap-1 uppercase hover:text-zinc-900 dark:hover:text-zinc-100 ${active ? "text-zinc-900 dark:text-zinc-100" : ""}`}
                >
                  {column.header}
                  {active ? props.sort.direction === "asc" ? <ArrowUp aria-hidden size={12} /> : <ArrowDown aria-hidden size={12} /> : null}
                </button>
              ) : (
                column.header
              )}
            </div>
          );
        })}
      </div>
      <div ref={scroller} className="min-h-0 flex-1 overflow-y-auto" data-testid="table-scroller">
        <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const row = rowAt(item.index);
            const selected = row !== undefined && rowId(row) === selectedId;
            const focusable = selectedIndex === -1 ? item.index === firstIndex : item.index === selectedIndex;
            return (
              <div
                key={item.key}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                data-index={item.index}
                tabIndex={focusable ? 0 : -1}
                onClick={() => row && onActivate(row)}
                onKeyDown={(event) => onRowKeyDown(event, item.index, row)}
                className={`absolute inset-x-0 grid cursor-pointer items-center border-b border-zinc-100 text-sm dark:border-zinc-900 ${
                  selected ? "bg-brand-50 dark:bg-brand-700/20" : "hover:bg-zinc-50 dark:hover:bg-zinc-900"
                }`}
                style={{ top: item.start, height: item.size, gridTemplateColumns: template }}
              >
                {columns.map((column) => (
                  <div
                    key={column.id}
                    role="gridcell"
                    className={`truncate px-3 ${column.align === "end" ? "text-right tabular-nums" : ""}`}
                  >
                    {/* A still bar: thirty rows of pulsing bars cost more to paint than the rows, frame after frame, while a drag of the scroll bar flies over pages. */}
                    {row ? column.cell(row) : <span data-loading className="inline-block h-3 w-24 rounded bg-zinc-200 dark:bg-zinc-800" />}
                  </div>
                ))}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
