// How long the month view takes to show 5,000 events in the real app
// window (release build, WebKitGTK under Xvfb), against the same view
// showing an empty month in the same run (docs/PERFORMANCE.md, "Calendar").
// The UI measures each render itself (TeamCalendar's "calendar-render"
// User Timing: from the render that receives the items to their layout).
//
// Run: scripts/bench-in-window.sh calendar-render   (builds, seeds, then runs this)
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { AppWindow, startDriver, stopDriver } from "../tests/e2e/app-window.mjs";

const root = resolve(import.meta.dirname, "..");
const rounds = Number(process.env.ROUNDS ?? 15);
const events = Number(process.env.EVENTS ?? 5000);
const data = mkdtempSync(join(tmpdir(), "mona-calendar-bench-"));
execFileSync(join(root, "target/release/examples/seed_calendar"), [data, String(events)], { stdio: "inherit" });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

await startDriver();
const app = await AppWindow.launch(data);
try {
  await app.click("a", "Planning");
  await app.waitFor("//*[@aria-label=\"Calendrier de l'équipe\"]", 30_000);
  const measures = () => app.browser.execute(() => performance.getEntriesByName("calendar-render").map((e) => [e.duration, e.detail]));
  /** Clicks a toolbar button and waits for the render of `count` items. */
  async function renderAfter(button, count) {
    const before = (await measures()).length;
    await app.click("button", button);
    await app.browser.waitUntil(async () => (await measures()).slice(before).some(([, n]) => n === count), {
      timeout: 30_000,
      timeoutMsg: `no render of ${count} items after "${button}": ${JSON.stringify((await measures()).slice(-5))}`,
    });
    const fresh = (await measures()).slice(before).filter(([, n]) => n === count);
    return fresh[fresh.length - 1][0];
  }
  // The seeded month is on screen. Two months later nothing is planned
  // (the month before spills its last days into the next month's view).
  // Each round: forward to the empty month, back to the full one.
  await app.browser.waitUntil(async () => (await measures()).some(([, n]) => n === events), { timeout: 30_000 });
  const full = [];
  const empty = [];
  for (let round = -1; round < rounds; round++) {
    await app.click("button", "Suivant");
    const none = await renderAfter("Suivant", 0);
    await app.click("button", "Précédent");
    const all = await renderAfter("Précédent", events);
    // The first round warms up.
    if (round >= 0) {
      empty.push(none);
      full.push(all);
    }
  }
  const f = median(full);
  const e = median(empty);
  console.log(`month view, ${events} events: ${f.toFixed(1)} ms (median of ${rounds}; min ${Math.min(...full).toFixed(1)}, max ${Math.max(...full).toFixed(1)})`);
  console.log(`month view, empty month:   ${e.toFixed(1)} ms (median of ${rounds})`);
  console.log(`ratio:                     ${(f / e).toFixed(2)}`);
} finally {
  await app.close();
  stopDriver();
}
