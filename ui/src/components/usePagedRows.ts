// Random access to a long server-side list for a virtualized view: only the
// pages around what is on screen are fetched, each cached by TanStack Query.
import { useQueries } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";

/**
 * The pages on screen are followed at most this often. Reading, a page
 * boundary passes every half second or so and is followed at once; a drag of
 * the scroll bar crosses a page every frame, and fetching and drawing each
 * of them made frames of 50 ms and more (scripts/bench-list-scroll.mjs): the
 * pages flown over show as loading rows and are never asked for.
 */
const RANGE_EVERY_MS = 100;

export interface Page<Row> {
  rows: Row[];
  total: number;
}

export interface PagedRows<Row> {
  /** Matching rows over all pages; undefined until the first page arrives. */
  total: number | undefined;
  rowAt: (index: number) => Row | undefined;
  /** Tell which rows are on screen; pages around them get fetched. */
  showRange: (start: number, end: number) => void;
  error: unknown;
  isFetching: boolean;
}

export function usePagedRows<Row>(
  key: readonly unknown[],
  fetchPage: (offset: number, limit: number) => Promise<Page<Row>>,
  pageSize = 100,
): PagedRows<Row> {
  const [range, setRange] = useState({ first: 0, last: 0 });
  const results = useQueries({
    queries: Array.from({ length: range.last - range.first + 1 }, (_, i) => {
      const page = range.first + i;
      return {
        queryKey: [...key, "page", page, pageSize],
        queryFn: () => fetchPage(page * pageSize, pageSize),
      };
    }),
  });
  // While the pages of a new range load, keep showing the last known total.
  const total = results.find((r) => r.data)?.data?.total;
  const [lastTotal, setLastTotal] = useState<number | undefined>(undefined);
  useEffect(() => {
    if (total !== undefined) setLastTotal(total);
  }, [total]);

  const lastShown = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(pending.current), []);
  const showRange = useCallback(
    (start: number, end: number) => {
      const first = Math.floor(Math.max(0, start) / pageSize);
      const last = Math.floor(Math.max(0, end) / pageSize);
      const apply = () => {
        lastShown.current = performance.now();
        setRange((current) => (current.first === first && current.last === last ? current : { first, last }));
      };
      clearTimeout(pending.current);
      const wait = lastShown.current + RANGE_EVERY_MS - performance.now();
      if (wait <= 0) apply();
      else pending.current = setTimeout(apply, wait);
    },
    [pageSize],
  );

  const rowAt = (index: number) => {
    const page = Math.floor(index / pageSize);
    return results[page - range.first]?.data?.rows[index % pageSize];
  };

  return {
    total: total ?? lastTotal,
    rowAt,
    showRange,
    error: results.find((r) => r.error)?.error ?? null,
    isFetching: results.some((r) => r.isFetching),
  };
}
