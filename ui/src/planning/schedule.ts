// How a person's typed times become what the core stores, shared by the
// task and event dialogs.
import { addDays, isValid, parse } from "date-fns";
import { LOCAL_MINUTE, LOCAL_DAY } from "../i18n";

/**
 * A local date or date-time typed in a field as a stored instant (`null`
 * when unreadable, which the core then refuses by name); `days` later for
 * the end of an all-day span.
 */
export function instantOf(typed: string, days = 0): string | null {
  const parsed = typed.length === 10 ? parse(typed, LOCAL_DAY, new Date()) : parse(typed, LOCAL_MINUTE, new Date());
  return isValid(parsed) ? addDays(parsed, days).toISOString() : null;
}
