import { describe, expect, it } from "vitest";
import { parseQuickTask } from "./quickAdd";

// A Tuesday evening in Paris (the tests run in Europe/Paris).
const now = new Date("2026-12-01T21:00:00+01:00");
const local = (d: Date | null) =>
  d ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")} ${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}` : null;

describe("quick add reads a task and its date in French and in English", () => {
  it.each([
    ["fr", "Appeler Nadia demain 14h", "Appeler Nadia", "2026-12-02 14:00", false],
    ["fr", "Live lundi à 20h30", "Live", "2026-12-07 20:30", false],
    ["fr", "Envoyer le devis le 15 décembre", "Envoyer le devis", "2026-12-15 00:00", true],
    ["fr", "Mixer le titre dans 2 heures", "Mixer le titre", "2026-12-01 23:00", false],
    ["en", "Call Nadia tomorrow 2pm", "Call Nadia", "2026-12-02 14:00", false],
    ["fr", "Call Nadia tomorrow at 2pm", "Call Nadia", "2026-12-02 14:00", false],
    ["en", "Relancer le label demain 9h", "Relancer le label", "2026-12-02 09:00", false],
  ] as const)("%s: “%s”", (language, text, title, due, allDay) => {
    const task = parseQuickTask(text, language, now);
    expect({ title: task.title, due: local(task.due), allDay: task.allDay }).toEqual({ title, due, allDay });
  });

  it("a text without a date is a task without a due date, whitespace tidied", () => {
    expect(parseQuickTask("  Préparer   la miniature ", "fr", now)).toEqual({ title: "Préparer la miniature", due: null, allDay: false });
  });

  it("a text that is only a date keeps its words as the title", () => {
    expect(parseQuickTask("demain", "fr", now)).toEqual({ title: "demain", due: null, allDay: false });
  });
});
