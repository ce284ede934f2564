// Quick add: "Appeler Nadia demain 14h" or "Call Nadia tomorrow 2pm" typed
// anywhere (the command palette) becomes a task titled "Appeler Nadia", due
// tomorrow at 14:00. Dates are read by chrono-node, in the person's
// language first, then in the other one (a French team types English too).
import * as en from "chrono-node/en";
import * as fr from "chrono-node/fr";
import type { Language } from "../i18n";

export interface QuickTask {
  title: string;
  /** When it is due; `null` when the text names no date. */
  due: Date | null;
  /** Only a day was named ("le 15 décembre"), no hour. */
  allDay: boolean;
}

/** Words left dangling once a date is cut out of a sentence. */
const CONNECTORS = /\s+(?:le|la|à|a|pour|avant|dès|vers|on|at|by|for|before|the)$/iu;

export function parseQuickTask(text: string, language: Language, now = new Date()): QuickTask {
  const readers = language === "fr" ? [fr, en] : [en, fr];
  // Each language may read a piece of the other's ("2pm" in "tomorrow at
  // 2pm"): the longest reading wins, the person's language on a tie.
  const found = readers
    .map((reader) => reader.parse(text, now, { forwardDate: true })[0])
    .reduce((best, next) => (next && (!best || next.text.length > best.text.length) ? next : best), undefined);
  if (found) {
    const title = `${text.slice(0, found.index)} ${text.slice(found.index + found.text.length)}`
      .replace(/\s+/gu, " ")
      .trim()
      .replace(CONNECTORS, "")
      .trim();
    if (title) {
      const allDay = !found.start.isCertain("hour");
      const due = found.start.date();
      if (allDay) due.setHours(0, 0, 0, 0);
      return { title, due, allDay };
    }
  }
  return { title: text.replace(/\s+/gu, " ").trim(), due: null, allDay: false };
}
