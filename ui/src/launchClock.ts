// The launch's clock. The entry imports this module first, so `started` is
// the moment the first screen's script began to run: what came before it is
// the page's load and the script's download and parse. `boot` and the first
// screen note the later steps, and the "window interactive" report carries
// them all, so every launch benchmark shows where the page's time went
// (docs/PERFORMANCE.md, launch to interactive).
export const launchClock = { started: performance.now(), evaluated: 0, answered: 0 };

/** When the page's HTML had arrived, as the engine timed it. (WebKit keeps
 * no resource timing for the app's own protocol, so the script's arrival is
 * known only as `started`.) */
export function documentArrived(): number {
  // Optional: not every engine the tests run in has the timeline.
  const entries = performance.getEntriesByType?.("navigation") ?? [];
  return (entries[0] as PerformanceNavigationTiming | undefined)?.responseEnd ?? 0;
}
