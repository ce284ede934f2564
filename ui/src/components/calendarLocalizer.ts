// react-big-calendar's date localizer (date-fns for names and formats), with
// its hot comparisons done on numbers.
//
// Why it exists: a month view of 5,000 events asks the localizer about a
// million questions ("same day?", "before, in minutes?", "start of the
// day?"); the defaults answer each with several Date copies (the
// date-arithmetic package), which made the view take about 200 ms
// (docs/PERFORMANCE.md, "Calendar"). Here day and minute comparisons read
// the fields they need and allocate nothing. Every other unit and method is
// the library's own; the answers are the same.
import { format, getDay, parse, startOfWeek } from "date-fns";
import { enUS, fr } from "date-fns/locale";
import { dateFnsLocalizer, type DateLocalizer } from "react-big-calendar";

type Unit = string | undefined;
type Compare = (a: Date, b: Date, unit?: Unit) => boolean;

/** Orders local calendar days: equal for the same day, larger for later days. */
const dayKey = (d: Date) => d.getFullYear() * 512 + d.getMonth() * 32 + d.getDate();
const minuteKey = (d: Date) => Math.floor(+d / 60_000);
const dayStart = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate());

/** The number compared for `unit`, or null for units left to the library. */
function keyOf(unit: Unit): ((d: Date) => number) | null {
  if (unit === "day") return dayKey;
  if (unit === "minutes") return minuteKey;
  return null;
}

export function calendarLocalizer(): DateLocalizer {
  const localizer = dateFnsLocalizer({ format, parse, startOfWeek, getDay, locales: { fr, en: enUS } });
  // The instance's methods are plain functions (none reads `this`).
  const base = localizer as unknown as Record<string, (...args: never[]) => unknown>;
  const compare = (name: string, test: (a: number, b: number) => boolean): Compare => {
    const library = base[name] as unknown as Compare;
    return (a, b, unit) => {
      const key = keyOf(unit);
      return key ? test(key(a), key(b)) : library(a, b, unit);
    };
  };
  // The library passes more than a unit to some (the first day of the week
  // to `startOf`), so whatever is left to it gets every argument.
  const startOf = base.startOf as unknown as (d: Date, unit?: Unit, ...rest: unknown[]) => Date;
  const ceil = base.ceil as unknown as (d: Date, unit?: Unit, ...rest: unknown[]) => Date;
  const diff = base.diff as unknown as (a: Date, b: Date, unit?: Unit, ...rest: unknown[]) => number;
  Object.assign(localizer, {
    lt: compare("lt", (a, b) => a < b),
    lte: compare("lte", (a, b) => a <= b),
    gt: compare("gt", (a, b) => a > b),
    gte: compare("gte", (a, b) => a >= b),
    eq: compare("eq", (a, b) => a === b),
    neq: compare("neq", (a, b) => a !== b),
    isSameDate: (a: Date, b: Date) => dayKey(a) === dayKey(b),
    startOf: (d: Date, unit?: Unit, ...rest: unknown[]) => (unit === "day" ? dayStart(d) : startOf(d, unit, ...rest)),
    ceil: (d: Date, unit?: Unit, ...rest: unknown[]) => {
      if (unit !== "day") return ceil(d, unit, ...rest);
      const floor = dayStart(d);
      return +floor === +d ? floor : new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1);
    },
    // Rounded like the library's, which absorbs a daylight-saving hour.
    diff: (a: Date, b: Date, unit?: Unit, ...rest: unknown[]) => (unit === "day" ? Math.round(Math.abs(+dayStart(a) - +dayStart(b)) / 86_400_000) : diff(a, b, unit, ...rest)),
    inEventRange: ({ event, range }: { event: { start: Date; end: Date }; range: { start: Date; end: Date } }) => {
      const startsBeforeEnd = dayKey(event.start) <= dayKey(range.end);
      // As the library: a zero-length event on the range's first minute counts.
      const zeroLength = minuteKey(dayStart(event.start)) === minuteKey(event.end);
      const endsAfterStart = zeroLength ? minuteKey(event.end) >= minuteKey(range.start) : minuteKey(event.end) > minuteKey(range.start);
      return startsBeforeEnd && endsAfterStart;
    },
    sortEvents: ({ evtA, evtB }: { evtA: { start: Date; end: Date; allDay?: boolean }; evtB: { start: Date; end: Date; allDay?: boolean } }) => {
      // The library's daySpan: the distance between the days of the month.
      const span = (start: Date, end: Date) => Math.abs(start.getDate() - end.getDate());
      return (
        dayKey(evtA.start) - dayKey(evtB.start) ||
        span(evtB.start, evtB.end) - span(evtA.start, evtA.end) ||
        Number(Boolean(evtB.allDay)) - Number(Boolean(evtA.allDay)) ||
        +evtA.start - +evtB.start ||
        +evtA.end - +evtB.end
      );
    },
  });
  return localizer;
}
