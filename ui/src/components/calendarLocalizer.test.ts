import { format, getDay, parse, startOfWeek } from "date-fns";
import { enUS, fr } from "date-fns/locale";
import { dateFnsLocalizer } from "react-big-calendar";
import { describe, expect, it } from "vitest";
import { calendarLocalizer } from "./calendarLocalizer";

// Dates around the March and October changes in Paris (the tests run there), at odd minutes.
function dates(): Date[] {
  const list: Date[] = [];
  let seed = 7;
  const next = () => (seed = (seed * 16807) % 2147483647);
  for (let n = 0; n < 300; n++) {
    const base = n % 2 ? Date.UTC(2027, 2, 26) : Date.UTC(2027, 9, 29);
    list.push(new Date(base + (next() % (5 * 86_400_000)) - (n % 5 === 0 ? (next() % 86_400_000) : 0)));
  }
  list.push(new Date(2027, 2, 28, 0, 0), new Date(2027, 9, 31, 0, 0), new Date(2027, 2, 28, 3, 0));
  return list;
}

describe("the calendar's fast localizer", () => {
  const fast = calendarLocalizer() as unknown as Record<string, (...args: unknown[]) => unknown>;
  const library = dateFnsLocalizer({ format, parse, startOfWeek, getDay, locales: { fr, en: enUS } }) as unknown as Record<string, (...args: unknown[]) => unknown>;
  const all = dates();
  const pairs = all.flatMap((a, i) => all.slice(i, i + 12).map((b) => [a, b] as const));

  it("answers every comparison, day and minute, as the library does", () => {
    for (const name of ["lt", "lte", "gt", "gte", "eq", "neq"]) {
      for (const unit of ["day", "minutes", "month", undefined]) {
        for (const [a, b] of pairs) expect([name, unit, a, b, fast[name]!(a, b, unit)]).toEqual([name, unit, a, b, library[name]!(a, b, unit)]);
      }
    }
  });

  it("finds days, spans, ranges and event order as the library does", () => {
    for (const [a, b] of pairs) {
      const [start, end] = +a <= +b ? [a, b] : [b, a];
      expect(+(fast.startOf!(a, "day") as Date)).toBe(+(library.startOf!(a, "day") as Date));
      expect(+(fast.ceil!(a, "day") as Date)).toBe(+(library.ceil!(a, "day") as Date));
      expect(fast.diff!(a, b, "day")).toBe(library.diff!(a, b, "day"));
      expect(fast.isSameDate!(a, b)).toBe(library.isSameDate!(a, b));
      const range = { start: new Date(2027, 2, 27), end: new Date(2027, 2, 29) };
      expect(fast.inEventRange!({ event: { start, end }, range })).toBe(library.inEventRange!({ event: { start, end }, range }));
      const evtA = { start, end, allDay: false };
      const evtB = { start: a, end: a, allDay: true };
      expect(Math.sign(fast.sortEvents!({ evtA, evtB }) as number)).toBe(Math.sign(library.sortEvents!({ evtA, evtB }) as number));
    }
  });

  it("starts a French week on Monday and an English one on Sunday", () => {
    const firstOfWeek = fast.startOfWeek as unknown as (culture: string) => number;
    for (const [culture, weekday] of [["fr", 1], ["en", 0]] as const) {
      for (const a of all) {
        const start = fast.startOf!(a, "week", firstOfWeek(culture)) as Date;
        expect([culture, a, start.getDay()]).toEqual([culture, a, weekday]);
        expect(+start).toBe(+(library.startOf!(a, "week", firstOfWeek(culture)) as Date));
      }
    }
  });
});
