// Launch-to-interactive time and idle memory (PSS of the whole process tree)
// of the release app against two baselines, measured in the same run and
// alternated so machine noise hits all alike (docs/PERFORMANCE.md): a bare
// Tauri window, and the same window with the smallest React page
// (`--react`, "a bare Tauri + React window").
//
// Run: scripts/bench-launch.sh   (builds the app and the baselines, then runs this under Xvfb)
import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

const root = resolve(import.meta.dirname, "..");
const rounds = Number(process.env.ROUNDS ?? 7);
const idleSeconds = Number(process.env.IDLE_SECONDS ?? 5);
const app = join(root, "target/release/mona-spark");
const bare = join(root, "target/release/examples/bare-window");
const data = mkdtempSync(join(tmpdir(), "mona-bench-"));

function descendants(pid) {
  const children = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  const all = [pid];
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]) ?? []));
  return all;
}

function pssMiB(pid) {
  let kib = 0;
  for (const p of descendants(pid)) {
    try {
      const match = readFileSync(`/proc/${p}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
      kib += Number(match?.[1] ?? 0);
    } catch {
      // ended
    }
  }
  return kib / 1024;
}

async function launch(binary, args) {
  const started = performance.now();
  const child = spawn(binary, args, { stdio: ["ignore", "pipe", "ignore"], env: { ...process.env, MONA_SPARK_LOG: "info" } });
  const { ready, page, steps } = await new Promise((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`${binary} did not become interactive`)), 30_000);
    child.stdout.on("data", (chunk) => {
      const line = chunk.toString();
      if (line.includes("window interactive")) {
        clearTimeout(timer);
        const figure = (name) => Number(line.match(new RegExp(`${name}=(\\d+)`))?.[1]);
        // page_ms: the part spent in the page since its navigation began;
        // both say when their HTML had arrived; the app also says when its
        // script started, was evaluated and had its startup answers (the
        // bare page has no such steps).
        resolveReady({
          ready: performance.now() - started,
          page: figure("page_ms"),
          steps: {
            document: figure("document_ms"),
            started: figure("script_started_ms"),
            evaluated: figure("evaluated_ms"),
            answered: figure("answered_ms"),
          },
        });
      }
    });
    child.on("exit", () => reject(new Error(`${binary} exited early`)));
  });
  await sleep(idleSeconds * 1000);
  const memory = pssMiB(child.pid);
  child.kill("SIGTERM");
  await new Promise((r) => child.once("exit", r));
  await sleep(500);
  return { ready, page, steps, memory };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

// First launch seeds the demo data; it is not measured.
await launch(app, ["--data-dir", data, "--demo"]);
const results = { bare: [], react: [], app: [] };
for (let round = 0; round < rounds; round++) {
  results.bare.push(await launch(bare, []));
  results.react.push(await launch(bare, ["--react"]));
  results.app.push(await launch(app, ["--data-dir", data]));
  process.stderr.write(`round ${round + 1}/${rounds} done\n`);
}
const figure = (name) => ({
  ready: median(results[name].map((r) => r.ready)),
  page: median(results[name].map((r) => r.page)),
  memory: median(results[name].map((r) => r.memory)),
  steps: Object.fromEntries(["document", "started", "evaluated", "answered"].map((step) => [step, median(results[name].map((r) => r.steps[step]))])),
});
const b = figure("bare");
const r = figure("react");
const a = figure("app");
const ratio = (x, y) => (x / y).toFixed(2);
const more = (x, y, unit) => `${x >= y ? "+" : ""}${(x - y).toFixed(unit === "MiB" ? 1 : 0)} ${unit}`;
console.log(`| measure (median of ${rounds}) | bare Tauri window | bare Tauri + React window | MONA x SPARK Desk | app / bare | app / bare + React |`);
console.log("|---|---:|---:|---:|---:|---:|");
console.log(
  `| launch to interactive | ${b.ready.toFixed(0)} ms | ${r.ready.toFixed(0)} ms | ${a.ready.toFixed(0)} ms | ${ratio(a.ready, b.ready)} | ${ratio(a.ready, r.ready)} |`,
);
console.log(`| of which in the page (navigation to ready) | ${b.page} ms | ${r.page} ms | ${a.page} ms | ${more(a.page, b.page, "ms")} | ${more(a.page, r.page, "ms")} |`);
console.log(
  `| page's HTML arrived | ${b.steps.document} ms | ${r.steps.document} ms | ${a.steps.document} ms | ${more(a.steps.document, b.steps.document, "ms")} | ${more(a.steps.document, r.steps.document, "ms")} |`,
);
console.log(
  `| app's page: script started / evaluated / answers in / interactive | | | ${a.steps.started} / ${a.steps.evaluated} / ${a.steps.answered} / ${a.page} ms | | |`,
);
console.log(
  `| idle PSS, whole process tree | ${b.memory.toFixed(1)} MiB | ${r.memory.toFixed(1)} MiB | ${a.memory.toFixed(1)} MiB | ${more(a.memory, b.memory, "MiB")} | ${more(a.memory, r.memory, "MiB")} |`,
);
