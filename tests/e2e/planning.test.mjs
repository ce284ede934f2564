// Planning in the real window: the admin adds two streamers to the team,
// makes a board, creates a weekly task for herself and Inès from the
// calendar, starting in a few minutes with a reminder at its start, sees it
// on the calendar and on the board, moves it to "En cours" from the
// keyboard, gets the reminder in the window and from the system, and finds
// the card where she left it after a restart.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { after, before, test } from "node:test";
import { AppWindow, newDataFolder, startDriver, stopDriver } from "./app-window.mjs";

before(() => startDriver());
after(() => stopDriver());

/** A local time as a datetime-local field holds it. */
function localField(date) {
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** Listens on the session bus for notifications the app asks the system to show. */
function watchSystemNotifications() {
  const monitor = spawn("dbus-monitor", ["--session", "interface='org.freedesktop.Notifications',member='Notify'"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  let seen = "";
  monitor.stdout.on("data", (chunk) => (seen += chunk));
  return { seen: () => seen, stop: () => monitor.kill() };
}

async function addMember(app, name, role) {
  await app.type("input[name=member-name]", name);
  await (await app.waitFor("select[name=member-role]")).selectByVisibleText(role);
  await app.click("button", "Ajouter un membre");
  await app.byText("li", name);
}

/** The titles of the cards in a board column, top to bottom. */
async function cardsIn(app, column) {
  await app.waitFor(`//section[@aria-label=${JSON.stringify(column)}]`);
  return app.browser.execute(
    (name) =>
      Array.from(document.querySelectorAll("section[aria-label] li[data-card-id]"))
        .filter((card) => card.closest("section")?.getAttribute("aria-label") === name)
        .map((card) => card.getAttribute("aria-label")),
    column,
  );
}

test("a weekly task for two people is on the calendar and on the board, its move is kept and its reminder arrives", async () => {
  const data = await newDataFolder();
  const system = watchSystemNotifications();
  let app = await AppWindow.launch(data);
  try {
    await app.startEmptyAs("Camille Morel");
    await app.click("a", "Réglages");
    await addMember(app, "Inès Laurent", "Streamer");
    await addMember(app, "Hugo Marchand", "Streamer");

    await app.click("a", "Planning");
    await app.click("button", "Tableaux");
    await app.click("button", "Nouveau tableau");
    await app.type("input[id=new-board-name]", "Sorties de décembre");
    await app.click("button", "Créer");
    await app.byText("h2", "À faire");

    await app.click("button", "Calendrier");
    await app.click("button", "Nouvelle tâche");
    await app.type("input[name=task-title]", "Live du mardi");
    // It starts three to four minutes from now (a loaded machine may take a
    // minute to fill the form; a reminder set after its time stays quiet),
    // so the reminder comes during the test.
    const start = new Date(Date.now() + 240_000);
    start.setSeconds(0, 0);
    await app.pick("input[name=task-start]", localField(start));
    await app.pick("input[name=task-end]", localField(new Date(start.getTime() + 3_600_000)));
    await (await app.waitFor("select[name=task-repeat]")).selectByVisibleText("Toutes les semaines");
    await (await app.waitFor("select[name=task-remind]")).selectByVisibleText("À l'heure de début");
    await app.click("label", "Camille Morel");
    await app.click("label", "Inès Laurent");
    await (await app.waitFor("select[name=task-board]")).selectByVisibleText("Sorties de décembre");
    await app.browser.waitUntil(async () => (await app.browser.$("//button[normalize-space(.)='Enregistrer']")).isEnabled());
    await app.click("button", "Enregistrer");
    await app.byText("span", "Live du mardi");
    await app.screenshot("planning-calendar");

    await app.click("button", "Tableaux");
    await app.browser.waitUntil(async () => (await cardsIn(app, "À faire")).includes("Live du mardi"));
    const card = await app.waitFor("li[aria-label='Live du mardi']");
    // Focused from the keyboard's point of view (a click opens the task).
    await app.browser.execute((element) => element.focus(), card);
    await app.browser.keys(["Alt", "ArrowRight"]);
    await app.browser.waitUntil(async () => (await cardsIn(app, "En cours")).includes("Live du mardi"));
    await app.screenshot("planning-board");

    // The reminder: a toast, the bell's count, and the system's notification.
    await app.byText("div", "Rappel : Live du mardi", 330_000);
    await app.waitFor("button[aria-label='Ouvrir les notifications (1 non lue)']");
    await app.browser.waitUntil(async () => system.seen().includes("Rappel : Live du mardi"), { timeout: 10_000 });
    await app.click("button", "Notifications");
    await app.byText("li", "Live du mardi");
    await app.screenshot("planning-reminder");
  } finally {
    system.stop();
    await app.close();
  }

  app = await AppWindow.launch(data);
  try {
    await app.click("a", "Planning");
    await app.click("button", "Tableaux");
    await app.browser.waitUntil(async () => (await cardsIn(app, "En cours")).includes("Live du mardi"));
    assert.deepEqual(await cardsIn(app, "À faire"), []);
  } finally {
    await app.close();
  }
});
