// The Streaming Command Center in the real app window, against a real OBS
// Studio 30.2 running headless (scripts/obs-headless.sh): the streamer links
// OBS, puts a scene on air and hides a source from the app, plans a live
// and runs its two segments (each puts its scene on air), records a few
// seconds and finds the recording archived with its thumbnail and linked to
// the live; OBS crashes and the app says so, then finds OBS again when it
// is back.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { AppWindow, freePort, newDataFolder, startDriver, stopDriver } from "./app-window.mjs";

const script = resolve(import.meta.dirname, "../../scripts/obs-headless.sh");
let obs = null;

/** One OBS with the test profile ("Intro", "Live" with "Fond" and "Logo", "Pause"). */
function startObs(state, port) {
  return spawn(script, ["run", state, String(port)], { stdio: "ignore" });
}

before(() => startDriver());
after(() => {
  obs?.kill("SIGKILL");
  stopDriver();
});

async function healthIs(app, wanted, timeout) {
  await app.browser.waitUntil(
    async () => (await app.browser.execute(() => document.querySelector("[data-testid=obs-health]")?.textContent ?? "")).startsWith(wanted),
    { timeout, interval: 200, timeoutMsg: `the sidebar never said "${wanted}"` },
  );
}

test("a streamer drives OBS from the app, and the app follows OBS through a crash", async () => {
  const state = await mkdtemp(join(tmpdir(), "mona-obs-e2e-"));
  const port = await freePort();
  obs = startObs(state, port);

  const app = await AppWindow.launch(await newDataFolder());
  try {
    await app.startEmptyAs("Camille");
    await app.click("a", "Streaming");
    await app.byText("h1", "Streaming Command Center");
    await app.type("input[name=port]", String(port));
    await app.click("button", "Enregistrer et connecter");
    // OBS takes a second or two to start; the app waits for it by itself.
    await healthIs(app, "OBS connecté", 60_000);

    const live = await app.byText("button", "Live");
    await live.click();
    await app.browser.waitUntil(async () => (await live.getAttribute("aria-pressed")) === "true", {
      timeout: 10_000,
      timeoutMsg: "Live never showed as on air",
    });
    assert.equal(await (await app.byText("button", "Intro")).getAttribute("aria-pressed"), "false");
    await app.byText("h2", "Sources de « Live »");
    await (await app.waitFor('button[aria-label="Masquer Logo"]')).click();
    const hidden = await app.waitFor('button[aria-label="Afficher Logo"]');
    assert.equal(await hidden.getAttribute("aria-checked"), "false");
    await app.screenshot("streaming-obs-connected");

    // A live planned now on the calendar, run with two segments.
    await app.click("a", "Planning");
    await app.click("button", "Nouvelle tâche");
    await app.click("button", "Événement");
    await app.type("input[name=event-title]", "Live de démo");
    // Under way since five minutes ago (the form offers the next full hour).
    const started = await app.browser.execute(() => {
      const at = new Date(Date.now() - 5 * 60_000);
      const two = (n) => String(n).padStart(2, "0");
      return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T${two(at.getHours())}:${two(at.getMinutes())}`;
    });
    await app.pick("input[name=event-start]", started);
    await (await app.waitFor("select[name=event-kind]")).selectByAttribute("value", "live");
    await (await app.waitFor("//div[@role='dialog']//button[normalize-space(.)='Enregistrer']")).click();
    await app.byText("div", "« Live de démo » enregistré.", 10_000);
    await app.click("a", "Streaming");
    await app.click("button", "Modifier le déroulé");
    await app.click("button", "Ajouter un segment");
    await app.click("button", "Ajouter un segment");
    await app.type('input[name="segments.0.title"]', "Ouverture");
    await app.type('input[name="segments.0.obsScene"]', "Pause");
    await app.type('input[name="segments.1.title"]', "Interview");
    await app.type('input[name="segments.1.obsScene"]', "Intro");
    await app.click("button", "Enregistrer le déroulé");
    await app.waitFor('li[aria-label="Interview"]');
    const onAir = async (scene) =>
      app.browser.waitUntil(async () => (await (await app.byText("button", scene)).getAttribute("aria-pressed")) === "true", {
        timeout: 10_000,
        timeoutMsg: `${scene} never showed as on air`,
      });
    await app.click("button", "Lancer « Ouverture »");
    await onAir("Pause");
    await app.click("button", "Lancer « Interview »");
    await onAir("Intro");
    assert.match(await app.text('[role=status][aria-label="En cours"]'), /Interview/);
    assert.match(await app.text('li[aria-label="Ouverture"]'), /Lancé à/);
    await app.screenshot("streaming-run-of-show");

    // A short recording, started and stopped from the app.
    await app.click("button", "Enregistrer");
    await app.browser.waitUntil(
      async () => (await app.text("[data-testid=obs-record-state]")).startsWith("Enregistrement"),
      { timeout: 15_000, timeoutMsg: "the recording never showed as running" },
    );
    await sleep(3000);
    await app.click("button", "Arrêter l'enregistrement");
    await app.byText("li", "Enregistrement terminé", 20_000);
    // It is archived by itself: thumbnail, size, linked to the live.
    const thumbnail = await app.waitFor('section[aria-labelledby=recordings-title] img[alt^="Vignette de"]', 60_000);
    await thumbnail.scrollIntoView();
    const archived = await app.text("section[aria-labelledby=recordings-title] li");
    assert.match(archived, /Live : Live de démo/);
    assert.match(archived, /640×360 · H264/);
    await app.screenshot("streaming-recording-archived");

    // OBS crashes.
    obs.kill("SIGKILL");
    await healthIs(app, "OBS injoignable", 20_000);
    assert.match(await app.text("[data-testid=obs-panel-health]"), /OBS injoignable/);
    await app.screenshot("streaming-obs-away");

    // OBS is started again: the app is back without being asked.
    obs = startObs(state, port);
    await healthIs(app, "OBS connecté", 60_000);
    await app.byText("button", "Pause");
  } finally {
    await app.close();
  }
});
