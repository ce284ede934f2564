// Whether the chat view keeps every frame under 50 ms while 1,000 messages
// a second arrive, in the real app window (WebKitGTK under Xvfb): Twitch's
// chat is the fake of the end-to-end run (tests/e2e/fake-twitch.mjs, IRC
// with Twitch's tags on loopback), so each message takes the app's whole
// path: socket, twitch-irc, the chat store, the page's pulls, the list
// (docs/PERFORMANCE.md, "Twitch chat: the chat view's frames").
//
// A frame's length is the time between two animation frames of the page.
// The baseline is the same window with the chat open and quiet, measured in
// the same run for as many frames; then the flood: RATE messages a second
// for the frames measured.
//
// Run: scripts/bench-in-window.sh chat-frames   (release build)
//      MONA_BENCH_RATE (1000), MONA_BENCH_FRAMES (600)
/* global document, requestAnimationFrame -- the functions handed to `execute` run in the page */
import { frameRow as row, frameStats as stats } from "./frame-lengths.mjs";
import { AppWindow, newDataFolder, startDriver, stopDriver } from "../tests/e2e/app-window.mjs";
import { LOGIN, startFakeTwitch } from "../tests/e2e/fake-twitch.mjs";

const rate = Number(process.env.MONA_BENCH_RATE ?? 1000);
const frames = Number(process.env.MONA_BENCH_FRAMES ?? 600);

/** In the page: `count` frame lengths, and when each ended (ms since the epoch, to find it in a profile). */
function frameLengths(count, done) {
  const lengths = [];
  const ends = [];
  let last = performance.now();
  function frame(now) {
    lengths.push(now - last);
    ends.push(performance.timeOrigin + now);
    last = now;
    if (lengths.length > count) {
      done({ lengths: lengths.slice(1), ends: ends.slice(1) });
      return;
    }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame((now) => {
    last = now;
    requestAnimationFrame(frame);
  });
}

const twitch = await startFakeTwitch();
await startDriver(twitch.env);
const app = await AppWindow.launch(await newDataFolder());
let flood;
try {
  await app.browser.setTimeout({ script: 600_000 });
  await app.startEmptyAs("Nadia");
  await app.click("a", "Réglages");
  await app.type("input[name=clientId]", "benchclient00000000000000000000");
  await (await app.waitFor('form[aria-label="Application Twitch"] button[type=submit]')).click();
  await app.click("button", "Se connecter à Twitch");
  await app.byText("*[@data-testid='twitch-account']", `Connecté à Twitch : ${LOGIN}`, 20_000);
  await app.click("a", "Streaming");
  await app.browser.waitUntil(async () => twitch.joined(LOGIN), { timeout: 20_000, timeoutMsg: "the chat never joined" });
  await app.waitFor(`[role=log][aria-label="Messages de #${LOGIN}"]`, 20_000);
  // The list is full (2,000 lines kept) before anything is timed.
  let sent = 0;
  const send = (count) => {
    for (let i = 0; i < count; i++) {
      sent += 1;
      twitch.say(LOGIN, `viewer_${sent % 500}`, `bench-${sent}`, `message ${sent} : on adore ce morceau, encore ! Kappa`);
    }
  };
  send(2_000);
  await app.browser.waitUntil(async () => app.browser.execute(() => document.querySelector("[role=log]")?.textContent.includes("message 2000 ")), {
    timeout: 30_000,
    timeoutMsg: "the first 2,000 messages never showed",
  });
  const { lengths: idle } = await app.browser.executeAsync(frameLengths, frames);
  const started = Date.now();
  flood = setInterval(() => send(Math.round(rate / 100)), 10);
  const { lengths: busy, ends } = await app.browser.executeAsync(frameLengths, frames);
  clearInterval(flood);
  const seconds = (Date.now() - started) / 1000;
  const floodSent = sent - 2_000;
  const last = await app.browser.execute(() => [...document.querySelectorAll("[role=log] *")].map((e) => e.textContent).filter((t) => /^message \d+ /.test(t ?? "")).pop());
  const base = stats(idle);
  console.log(`${floodSent} messages in ${seconds.toFixed(1)} s (${Math.round(floodSent / seconds)} a second); the list's last line read "${last}"`);
  console.log("| frames of the chat | frames | median ms | p95 ms | longest ms | over 50 ms | p95 / idle p95 |");
  console.log("|---|---:|---:|---:|---:|---:|---:|");
  console.log(row("chat open, quiet (baseline)", base, base));
  console.log(row(`${rate} messages a second`, stats(busy), base));
  const at = (ms) => new Date(ms).toISOString().slice(11, 23);
  const long = busy.flatMap((l, i) => (l > 40 ? [`#${i} ${l.toFixed(0)} ms (ended ${at(ends[i])})`] : [])).join(", ") || "none";
  console.log(`frames over 40 ms under the flood: ${long}`);
} finally {
  if (flood) clearInterval(flood);
  await app.close();
  stopDriver();
  twitch.close();
}
