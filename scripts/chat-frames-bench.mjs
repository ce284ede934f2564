// Benchmark: the chat view's frames while 1,000 messages a second arrive
// (docs/PERFORMANCE.md, "Twitch chat: the chat view's frames"). The UI runs
// in Debian's Chromium against the in-memory backend (`vite --mode pages`);
// messages are fed to it as Rust's chat store would hand them (the last
// 2,000 kept, the older counted as missed). Each round measures the time
// between frames for SECONDS with the chat idle (the baseline), then with
// the flood; it prints the medians of both and their ratio.
// The UI is built for production (as the app ships it) with the in-memory
// backend; MONA_BENCH_DEV=1 measures Vite's development server instead.
//   node scripts/chat-frames-bench.mjs   # MONA_BENCH_ROUNDS (3), MONA_BENCH_SECONDS (10), MONA_BENCH_RATE (1000)
import { execFileSync, spawn } from "node:child_process";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "..");
const rounds = Number(process.env.MONA_BENCH_ROUNDS ?? 3);
const seconds = Number(process.env.MONA_BENCH_SECONDS ?? 10);
const rate = Number(process.env.MONA_BENCH_RATE ?? 1000);
const port = 5380 + Math.floor(Math.random() * 200);
const base = `http://127.0.0.1:${port}/`;

const dev = process.env.MONA_BENCH_DEV === "1";
const built = join(tmpdir(), `mona-chat-bench-${process.pid}`);
if (!dev) execFileSync("npx", ["vite", "build", "--mode", "pages", "--config", "ui/vite.config.ts", "--outDir", built, "--emptyOutDir"], { cwd: root, stdio: "ignore" });
const serve = dev ? ["vite"] : ["vite", "preview", "--outDir", built];
const server = spawn("npx", [...serve, "--mode", "pages", "--config", "ui/vite.config.ts", "--port", String(port), "--strictPort"], { cwd: root, stdio: "ignore", detached: true });
const stop = () => {
  try {
    process.kill(-server.pid);
  } catch {
    // already gone
  }
  rmSync(built, { recursive: true, force: true });
};
process.on("exit", stop);
for (let i = 0; i < 150; i++) {
  try {
    if ((await fetch(base)).ok) break;
  } catch {
    await sleep(200);
  }
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
});

/** Frame intervals (ms) over `seconds`, feeding `perSecond` messages meanwhile. */
async function frames(page, perSecond) {
  return page.evaluate(
    ({ seconds, perSecond }) =>
      new Promise((done) => {
        const state = window.__fakeBackend;
        let sent = 0;
        const tick = 10;
        const feeder =
          perSecond > 0
            ? setInterval(() => {
                for (let i = 0; i < (perSecond * tick) / 1000; i++) {
                  sent += 1;
                  const seq = state.chat.events.length + state.chat.dropped + 1;
                  state.chat.events.push({
                    seq,
                    channel: "nadia_live",
                    event: {
                      kind: "message",
                      message: {
                        id: `m-${seq}`,
                        login: `viewer_${seq % 500}`,
                        userId: String(seq % 500),
                        name: `Viewer_${seq % 500}`,
                        color: "#1E90FF",
                        badges: [{ name: "subscriber", version: "6" }],
                        parts: [{ kind: "text", text: `message ${seq} : on adore ce morceau, encore !` }, { kind: "emote", id: "25", name: "Kappa" }],
                        action: false,
                        mentionsMe: seq % 97 === 0,
                        keyword: false,
                        replyTo: null,
                        sentAt: new Date().toISOString(),
                      },
                    },
                  });
                }
                // As Rust's store: the last 2,000 kept, the older counted.
                const over = state.chat.events.length - 2000;
                if (over > 0) {
                  state.chat.events.splice(0, over);
                  state.chat.dropped += over;
                }
              }, tick)
            : null;
        const intervals = [];
        let last = performance.now();
        const started = last;
        const frame = (now) => {
          intervals.push(now - last);
          last = now;
          if (now - started < seconds * 1000) requestAnimationFrame(frame);
          else {
            if (feeder) clearInterval(feeder);
            done({ intervals, sent });
          }
        };
        requestAnimationFrame(frame);
      }),
    { seconds, perSecond },
  );
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))];
};

const results = [];
for (let round = 1; round <= rounds; round++) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}?onboarded=1`);
  await page.waitForFunction(() => window.__fakeBackend !== undefined);
  await page.evaluate(() => {
    const state = window.__fakeBackend;
    state.twitch.app = { clientId: "benchclient0000000000000000000" };
    state.twitch.account = { state: "signed_in", login: "nadia_live", user_id: "1", unchecked: false };
    state.twitch.channel?.onmessage?.(state.twitch.account);
    state.chat.status = { signedIn: true, wanted: ["nadia_live"], joined: ["nadia_live"] };
    state.chat.channel?.onmessage?.(state.chat.status);
    window.location.hash = "#/streaming";
  });
  await page.waitForSelector('[role=log][aria-label="Messages de #nadia_live"]', { timeout: 30_000 });
  await sleep(1000);
  const idle = await frames(page, 0);
  const flood = await frames(page, rate);
  const lines = await page.evaluate(() => document.querySelectorAll('[role=log] [data-index], [role=log] li').length);
  const row = {
    round,
    idleMedian: median(idle.intervals),
    floodMedian: median(flood.intervals),
    floodP99: quantile(flood.intervals, 0.99),
    floodMax: Math.max(...flood.intervals),
    over50: flood.intervals.filter((ms) => ms > 50).length,
    frames: flood.intervals.length,
    sent: flood.sent,
    linesInDom: lines,
  };
  results.push(row);
  console.log(
    `round ${round}: idle median ${row.idleMedian.toFixed(1)} ms · flood (${row.sent} messages) median ${row.floodMedian.toFixed(1)} ms, p99 ${row.floodP99.toFixed(1)} ms, max ${row.floodMax.toFixed(1)} ms, ${row.over50} of ${row.frames} frames over 50 ms · ${row.linesInDom} rows drawn`,
  );
  await page.close();
}
const m = (key) => median(results.map((r) => r[key]));
console.log(
  `median of ${rounds} rounds: frame ${m("floodMedian").toFixed(1)} ms under flood vs ${m("idleMedian").toFixed(1)} ms idle (ratio ${(m("floodMedian") / m("idleMedian")).toFixed(2)}), p99 ${m("floodP99").toFixed(1)} ms, max ${m("floodMax").toFixed(1)} ms, frames over 50 ms: ${m("over50")}`,
);
await browser.close();
stop();
process.exit(0);
