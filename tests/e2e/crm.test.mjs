// The first story of the app, in the real window: a manager creates an
// artist, finds it by typing without the accent, closes the app, reopens it
// on the same data and the artist is still there.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AppWindow, newDataFolder, startDriver, stopDriver } from "./app-window.mjs";

before(() => startDriver());
after(() => stopDriver());

test("an artist created in the CRM is found without its accent and survives a restart", async () => {
  const data = await newDataFolder();
  let app = await AppWindow.launch(data);
  try {
    await app.startEmptyAs("Camille Morel");
    await app.click("a", "CRM");
    await app.byText("p", "Aucun artiste pour l'instant.");
    await app.click("button", "Nouvel artiste");
    await app.type("input[name=name]", "Élodie Mars");
    await app.type("input[name=city]", "Lyon");
    await app.click("button", "Ajouter un compte");
    await app.type("input[name='accounts.0.address']", "@elodie.mars");
    await app.type("input[name='accounts.0.audience']", "48200");
    await app.click("button", "Enregistrer");
    await app.byText("h2", "Élodie Mars");
    await app.byText("div", "Élodie Mars a été ajouté·e.");

    await app.click("button", "Nouvel artiste");
    await app.type("input[name=name]", "Noé Lacroix");
    await app.click("button", "Enregistrer");
    await app.byText("h2", "Noé Lacroix");

    await app.type("input[type=search]", "elodie");
    await app.browser.waitUntil(async () => {
      const texts = await app.browser.execute(() =>
        [...document.querySelectorAll("[role=grid] [role=row][data-index]")].map((row) => row.textContent),
      );
      return texts.length === 1 && texts[0].includes("Élodie Mars");
    }, { timeout: 10_000, timeoutMsg: "searching 'elodie' did not show only Élodie Mars" });
    await app.screenshot("crm-search-without-accent");
  } finally {
    await app.close();
  }

  app = await AppWindow.launch(data);
  try {
    await app.click("a", "CRM");
    await app.byText("*[@role='gridcell']", "Élodie Mars");
    await app.byText("*[@role='gridcell']", "Noé Lacroix");
    assert.match(await app.text("main [role=status]"), /2 artistes/);
  } finally {
    await app.close();
  }
});

test("a blank name is refused inline and nothing is lost from the form", async () => {
  const app = await AppWindow.launch(await newDataFolder());
  try {
    await app.startEmptyAs("Camille Morel");
    await app.click("a", "CRM");
    await app.click("button", "Nouvel artiste");
    await app.type("input[name=email]", "pas-un-mail");
    await app.click("button", "Enregistrer");
    await app.byText("p", "Ce champ est obligatoire.");
    await app.byText("p", "Adresse e-mail invalide");
    assert.equal(await (await app.waitFor("input[name=email]")).getValue(), "pas-un-mail");
    await app.screenshot("crm-inline-validation");
  } finally {
    await app.close();
  }
});

test("deleting an artist asks first and can be undone", async () => {
  const app = await AppWindow.launch(await newDataFolder(), ["--demo"]);
  try {
    await app.click("a", "CRM");
    await app.click("*[@role='gridcell']", "Kenza B.");
    await (await app.waitFor("button[aria-label=Supprimer]")).click();
    await app.byText("h2", "Supprimer Kenza B. ?");
    await app.click("*[@role='alertdialog']//button", "Supprimer");
    await app.byText("div", "Kenza B. a été supprimé·e.");
    await app.click("button", "Annuler");
    await app.byText("div", "Kenza B. est de retour.");
    await app.byText("*[@role='gridcell']", "Kenza B.");
  } finally {
    await app.close();
  }
});
