// Planning in the real window: the admin adds two streamers to the team,
// makes a board, creates a weekly task for both from the calendar, sees it
// on the calendar and on the board, moves it to "En cours" from the
// keyboard, and finds it there after a restart.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AppWindow, newDataFolder, startDriver, stopDriver } from "./app-window.mjs";

before(() => startDriver());
after(() => stopDriver());

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

test("a weekly task for two streamers is on the calendar and on the board, and its move is kept", async () => {
  const data = await newDataFolder();
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
    await (await app.waitFor("select[name=task-repeat]")).selectByVisibleText("Toutes les semaines");
    await app.click("label", "Inès Laurent");
    await app.click("label", "Hugo Marchand");
    await (await app.waitFor("select[name=task-board]")).selectByVisibleText("Sorties de décembre");
    await app.browser.waitUntil(async () => (await app.browser.$("//button[normalize-space(.)='Enregistrer']")).isEnabled());
    await app.click("button", "Enregistrer");
    await app.byText("span", "Live du mardi");
    await app.screenshot("planning-calendar");

    await app.click("button", "Tableaux");
    await app.browser.waitUntil(async () => (await cardsIn(app, "À faire")).includes("Live du mardi"));
    const card = await app.waitFor("li[aria-label='Live du mardi']");
    await card.click();
    await app.browser.keys(["Alt", "ArrowRight"]);
    await app.browser.waitUntil(async () => (await cardsIn(app, "En cours")).includes("Live du mardi"));
    await app.screenshot("planning-board");
  } finally {
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
