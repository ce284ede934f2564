import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import type { ReactNode } from "react";
import { describe, expect, it } from "vitest";
import { type Page, usePagedRows } from "./usePagedRows";

type Name = { name: string };

/** A list whose pages answer only when the test says so. */
function slowList(prefix: string) {
  const waiting = new Map<number, (page: Page<Name>) => void>();
  const fetchPage = (offset: number) => new Promise<Page<Name>>((resolve) => waiting.set(offset, resolve));
  const answer = (offset: number) =>
    act(async () => {
      waiting.get(offset)?.({ rows: Array.from({ length: 100 }, (_, i) => ({ name: `${prefix} ${offset + i}` })), total: 1000 });
      await Promise.resolve();
    });
  return { fetchPage, answer, asked: () => [...waiting.keys()] };
}

function wrapper({ children }: { children: ReactNode }) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}

const later = () => new Promise((resolve) => setTimeout(resolve, 120));

describe("paged rows of a long list", () => {
  it("a page scrolled to shows loading rows, not the rows of the page it replaces", async () => {
    const list = slowList("Artiste");
    const { result } = renderHook(() => usePagedRows<Name>(["artists"], list.fetchPage), { wrapper });
    await list.answer(0);
    await waitFor(() => expect(result.current.rowAt(5)?.name).toBe("Artiste 5"));

    await act(later);
    act(() => result.current.showRange(520, 540));
    await waitFor(() => expect(list.asked()).toContain(500));
    expect(result.current.rowAt(520)).toBeUndefined();
    await list.answer(500);
    await waitFor(() => expect(result.current.rowAt(520)?.name).toBe("Artiste 520"));
  });

  it("pages flown over by a drag of the scroll bar are never asked for", async () => {
    const list = slowList("Artiste");
    const { result } = renderHook(() => usePagedRows<Name>(["artists"], list.fetchPage), { wrapper });
    await list.answer(0);
    await act(later);
    act(() => {
      for (let row = 100; row < 900; row += 100) result.current.showRange(row, row + 15);
    });
    await act(later);
    expect(list.asked()).toEqual([0, 100, 800]);
  });
});
