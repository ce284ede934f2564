import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";
import { type Column, DataTable } from "./DataTable";

type City = { id: string; name: string; people: number };
const cities: City[] = Array.from({ length: 10_000 }, (_, i) => ({ id: `c${i}`, name: `Ville ${i}`, people: i * 10 }));
const columns: Column<City, "name" | "people">[] = [
  { id: "name", header: "Nom", width: "1fr", sortKey: "name", cell: (c) => c.name },
  { id: "people", header: "Habitants", width: "100px", align: "end", cell: (c) => c.people },
];

function renderTable(overrides: Partial<Parameters<typeof DataTable<City, "name" | "people">>[0]> = {}) {
  const props = {
    label: "Villes",
    columns,
    rowCount: cities.length,
    rowAt: (i: number) => cities[i],
    rowId: (c: City) => c.id,
    onRangeChange: vi.fn(),
    sort: { key: "name" as const, direction: "asc" as const },
    onSortChange: vi.fn(),
    sortLabel: (h: string) => `Trier par ${h}`,
    onActivate: vi.fn(),
    onDelete: vi.fn(),
    ...overrides,
  };
  render(<DataTable {...props} />);
  return props;
}

describe("the shared data table", () => {
  it("renders only the rows on screen out of ten thousand", () => {
    renderTable();
    const rows = within(screen.getByRole("grid", { name: "Villes" })).getAllByRole("row");
    expect(rows.length).toBeGreaterThan(5);
    expect(rows.length).toBeLessThan(60);
    expect(screen.getByRole("grid")).toHaveAttribute("aria-rowcount", "10001");
  });

  it("reports the sort state and asks to sort by a header", async () => {
    const user = userEvent.setup();
    const props = renderTable();
    expect(screen.getAllByRole("columnheader")[0]).toHaveAttribute("aria-sort", "ascending");
    await user.click(screen.getByRole("button", { name: "Trier par Nom" }));
    expect(props.onSortChange).toHaveBeenCalledWith("name");
    expect(screen.queryByRole("button", { name: "Trier par Habitants" })).toBeNull();
  });

  it("is usable with the keyboard: arrows move, Enter opens, Delete asks to delete", async () => {
    const user = userEvent.setup();
    const props = renderTable();
    const first = screen.getAllByRole("row")[1] as HTMLElement;
    first.focus();
    await user.keyboard("{ArrowDown}");
    await new Promise((resolve) => requestAnimationFrame(resolve));
    expect(document.activeElement).toHaveTextContent("Ville 1");
    await user.keyboard("{Enter}");
    expect(props.onActivate).toHaveBeenCalledWith(cities[1]);
    await user.keyboard("{Delete}");
    expect(props.onDelete).toHaveBeenCalledWith(cities[1]);
  });

  it("marks the selected row", () => {
    renderTable({ selectedId: "c2" });
    const selected = screen.getAllByRole("row").find((r) => r.getAttribute("aria-selected") === "true");
    expect(selected).toHaveTextContent("Ville 2");
  });
});
