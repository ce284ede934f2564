// How a person's typed times and repeat choices become what the core
// stores, shared by the task and event dialogs.
import { addDays, isValid, parse } from "date-fns";

/** The repeat choices offered in a form, as RFC 5545 rules ("custom": a rule from elsewhere, kept as it is). */
export const REPEATS = { none: null, daily: "FREQ=DAILY", weekly: "FREQ=WEEKLY", monthly: "FREQ=MONTHLY" } as const;
export type Repeat = keyof typeof REPEATS | "custom";

export function repeatOf(rule: string | null): Repeat {
  if (!rule) return "none";
  const found = (Object.keys(REPEATS) as (keyof typeof REPEATS)[]).find((k) => REPEATS[k] === rule);
  return found ?? "custom";
}

/**
 * A local date or date-time typed in a field as a stored instant (`null`
 * when unreadable, which the core then refuses by name); `days` later for
 * the end of an all-day span.
 */
export function instantOf(typed: string, days = 0): string | null {
  const parsed = typed.length === 10 ? parse(typed, "yyyy-MM-dd", new Date()) : parse(typed, "yyyy-MM-dd'T'HH:mm", new Date());
  return isValid(parsed) ? addDays(parsed, days).toISOString() : null;
}
