// The first story of the app, in the real window: a manager creates an
// artist, finds it by typing without the accent, closes the app, reopens it
// on the same data and the artist is still there.
import assert from "node:assert/strict";
import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
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

test("an answer logged on the card raises the score, the card says why, and what she said finds her in the list", async () => {
  const app = await AppWindow.launch(await newDataFolder());
  try {
    await app.startEmptyAs("Camille Morel");
    await app.click("a", "CRM");
    await app.click("button", "Nouvel artiste");
    await app.type("input[name=name]", "Nadia K");
    await app.type("input[name=genres]", "rap");
    await app.click("button", "Ajouter un compte");
    await app.type("input[name='accounts.0.address']", "@nadiak");
    await app.type("input[name='accounts.0.audience']", "40000");
    await app.click("button", "Enregistrer");
    await app.byText("h2", "Nadia K");
    const scoreBefore = await app.text("section[aria-label='Comment ce score est calculé'] h3");

    // A proposal sent three weeks ago, never answered: responsiveness costs points.
    const daysAgo = (days) => {
      const at = new Date(Date.now() - days * 86_400_000);
      const pad = (n) => String(n).padStart(2, "0");
      return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}T10:00`;
    };
    await (await app.waitFor("select[name=interaction-kind]")).selectByVisibleText("E-mail");
    await app.pick("input[name=interaction-when]", daysAgo(21));
    await app.type("textarea[name=interaction-summary]", "Proposition de campagne Boost");
    await app.click("form[@aria-label='Noter un échange']//button", "Noter");
    await app.byText("li", "Proposition de campagne Boost");
    await app.byText("p", "0 réponse sur 1 message");
    const scoreIgnored = await app.text("section[aria-label='Comment ce score est calculé'] h3");
    assert.notEqual(scoreIgnored, scoreBefore);

    // Her answer the next day: the same line now adds points.
    await (await app.waitFor("select[name=interaction-direction]")).selectByVisibleText("Reçu de l'artiste");
    await app.pick("input[name=interaction-when]", daysAgo(20));
    await app.type("textarea[name=interaction-summary]", "Partante, rappelle-moi lundi");
    await app.click("form[@aria-label='Noter un échange']//button", "Noter");
    await app.byText("li", "Partante, rappelle-moi lundi");
    await app.byText("p", "1 réponse sur 1 message");
    await app.byText("span", "+15 / 15");
    const scoreAnswered = await app.text("section[aria-label='Comment ce score est calculé'] h3");
    const total = (title) => Number(title.match(/\d+/)[0]);
    assert.ok(total(scoreAnswered) > total(scoreBefore), `${scoreAnswered} after ${scoreBefore}`);
    await app.screenshot("crm-score-after-answer");

    // Weeks later, her name forgotten: what she said finds her, and the row says where.
    await app.click("a", "CRM");
    await app.type("input[type=search]", "partante");
    // The row shows as much of the passage as its column holds, and all of it on hover.
    const hint = await app.waitFor("[data-testid=found-in]");
    assert.match(await hint.getAttribute("title"), /^Échange du .*\s:\s«\sPartante, rappelle-moi lundi\s»$/);
    await app.byText("*[@role='gridcell']", "Nadia K");
    await app.screenshot("crm-found-by-an-exchange");
  } finally {
    await app.close();
  }
});

test("a prospect goes through the pipeline to Signed, is sold a 390 € campaign, and its tasks are on her card and in Planning", async () => {
  const app = await AppWindow.launch(await newDataFolder());
  try {
    await app.startEmptyAs("Camille Morel");
    await app.click("a", "CRM");
    await app.click("button", "Nouvel artiste");
    await app.type("input[name=name]", "Nadia K");
    await app.click("button", "Enregistrer");
    await app.byText("h2", "Nadia K");
    await app.byText("li", "Aucune prochaine action");

    // The next action, planned from the card, lands in Planning.
    await app.type("input[name=next-action-title]", "Appeler son manager");
    await app.click("form[@aria-label='Planifier la prochaine action']//button", "Planifier");
    await app.byText("div", "« Appeler son manager » est dans le Planning.");

    for (const stage of ["Contacté", "En discussion", "Proposition envoyée", "Signé"]) {
      await (await app.waitFor("select[name=pipeline-stage]")).selectByVisibleText(stage);
      await app.byText("div", `Nadia K passe en « ${stage} ».`);
    }
    await app.click("summary", "Historique des étapes (5)");
    await app.byText("li", "Proposition envoyée");

    // Signed: MONA sells her the 390 € campaign, and its template fills Planning.
    await app.click("button", "Vendre une campagne");
    await (await app.waitFor("select[name=sale-offer]")).selectByAttribute("value", "0193a002-0000-7000-8000-000000000002");
    await app.byText("p", "Modèle : 5 tâches, 3 livrables, 2 contenus");
    await app.click("*[@role='dialog']//button", "Vendre");
    await app.byText("div", "Campagne Boost vendue à Nadia K : 5 tâches ajoutées au Planning.");
    await app.byText("article[@aria-label='Boost']//span", "390,00");
    // The card itself lists what is now planned with her.
    await app.byText("section[@aria-label='Tâches et événements']//li", "Appeler son manager");
    await app.byText("section[@aria-label='Tâches et événements']//li", "Brief de campagne avec l'artiste — Nadia K");
    // A task on the card opens in Planning.
    await app.click("section[@aria-label='Tâches et événements']//a", "Brief de campagne avec l'artiste — Nadia K");
    await app.byText("*[@role='dialog']//h2", "Brief de campagne avec l'artiste — Nadia K");
    await (await app.waitFor("button[aria-label='Fermer la tâche']")).click();
    await app.click("a", "CRM");
    await app.click("*[@role='gridcell']", "Nadia K");
    await app.byText("article[@aria-label='Boost']//span", "390,00");

    await app.click("a", "Pipeline");
    await app.byText("section[@aria-label='Signé']//span", "Nadia K");
    await app.click("summary", "Conversion et temps passé par étape");
    await app.byText("p", "1 signé(s) sur 1");
    await app.screenshot("crm-pipeline-board");

    await app.click("a", "Planning");
    await app.click("button", "Tâches");
    await app.byText("li", "Appeler son manager");
    await app.byText("li", "Brief de campagne avec l'artiste — Nadia K");
    await app.byText("li", "Préparer le live de présentation — Nadia K");
    await app.screenshot("planning-campaign-tasks");

    await app.click("a", "CRM");
    await app.click("a", "Campagnes");
    await app.byText("li", "Nadia K");
  } finally {
    await app.close();
  }
});

test("a sponsor's deal counts weighted by its chance, and a promise is delivered with its proof", async () => {
  const app = await AppWindow.launch(await newDataFolder());
  try {
    await app.startEmptyAs("Camille Morel");
    await app.click("a", "CRM");
    await app.click("a", "Sponsors");
    await app.click("button", "Nouveau sponsor");
    await app.type("input[name=name]", "Studio Lumière");
    await app.type("input[name=website]", "https://studio-lumiere.fr");
    await app.click("button", "Ajouter un contact");
    await app.type("input[name='contacts.0.name']", "Claire Fontaine");
    await app.type("input[name='contacts.0.email']", "claire@studio-lumiere.fr");
    await app.click("button", "Enregistrer");
    await app.byText("h2", "Studio Lumière");

    await app.type("input[name=deal-title]", "Live de rentrée");
    await app.type("input[name=deal-amount]", "2500");
    await app.click("form[@aria-label='Ajouter une affaire']//button", "Ajouter");
    await app.byText("span", "Live de rentrée");
    await (await app.waitFor("section[aria-label='Affaires'] select")).selectByAttribute("value", "proposal");
    await app.byText("span", "40 % de chance");
    await app.byText("p", "pondérées par leur chance : 1");

    await app.type("input[name=deliverable-title]", "Mention dans le live du vendredi");
    await app.click("form[@aria-label='Promettre un livrable']//button", "Ajouter");
    await app.type("section[aria-label='Livrables promis'] input[type=url]", "https://twitch.tv/videos/123");
    await app.click("section[@aria-label='Livrables promis']//button", "Livré");
    await app.byText("a", "Voir la preuve");
    await app.screenshot("crm-sponsor");
  } finally {
    await app.close();
  }
});

test("a spreadsheet saved by Excel becomes cards, the row with a wrong e-mail is named and left out", async () => {
  const data = await newDataFolder();
  // What a French Excel writes: Windows-1252 (latin1 for these letters), `;`, CRLF.
  const file = join(data, "prospects.csv");
  await writeFile(
    file,
    Buffer.from(
      ["Nom de scène;E-mail;Ville;Instagram;Abonnés Instagram", "Maëlys Lune;maelys@example.fr;Marseille;@maelys.lune;12 345", "Théo Garçon;theo@example.fr;Bordeaux;;", "Sans Souci;pas-un-mail;Lille;;"].join("\r\n") + "\r\n",
      "latin1",
    ),
  );
  const app = await AppWindow.launch(data);
  try {
    await app.startEmptyAs("Camille Morel");
    await app.click("a", "CRM");
    await app.byText("p", "Aucun artiste pour l'instant.");
    // The system's file chooser is out of WebDriver's reach: the file goes to
    // the input it fills, shown for the moment (WebDriver types only into
    // what a person could reach).
    const input = await app.browser.$("[data-testid=artist-spreadsheet]");
    await app.browser.execute((element) => element.classList.remove("sr-only"), input);
    await input.addValue(file);
    await app.byText("h2", "Importer « prospects.csv »");
    await app.byText("p", "3 lignes lues · Windows-1252 (Excel) · séparateur point-virgule");
    await app.click("button", "Aperçu");
    await app.byText("p", "3 lignes : 2 nouvelles fiches, 0 doublons, 1 à corriger.");
    await app.screenshot("crm-import-preview");
    const problems = await app.browser.execute(() => [...document.querySelectorAll("[role=dialog] li")].map((li) => li.textContent));
    assert.ok(problems.some((line) => line.startsWith("Ligne 4 « Sans Souci » — E-mail : ")), JSON.stringify(problems));
    await app.click("button", "Importer 2 lignes");
    await app.byText("p", "Import terminé : 2 fiches créées, 0 complétées, 0 ignorées, 1 non importées.");
    await app.click("button", "Fermer");
    await app.byText("*[@role='gridcell']", "Maëlys Lune");
    await app.byText("*[@role='gridcell']", "Théo Garçon");
    assert.match(await app.text("main [role=status]"), /2 artistes/);
  } finally {
    await app.close();
  }
});

test("a signed contract kept with a card is stored whole beside the data, can be taken off and put back, and is still there after a restart", async () => {
  const data = await newDataFolder();
  const contract = join(data, "Contrat Kenza B.pdf");
  const bytes = Buffer.from("%PDF-1.7\n% contrat de promotion signé, offre 390 €\n");
  await writeFile(contract, bytes);
  let app = await AppWindow.launch(data, ["--demo"]);
  try {
    await app.click("a", "CRM");
    await app.click("*[@role='gridcell']", "Kenza B.");
    await app.byText("p", "Aucun fichier : contrats, dossiers de presse, photos.");
    // As for the spreadsheet: the system's chooser is out of WebDriver's reach.
    const input = await app.browser.$("[data-testid=artist-file]");
    await app.browser.execute((element) => element.classList.remove("sr-only"), input);
    await input.addValue(contract);
    await app.byText("div", "Contrat Kenza B.pdf est rangé avec la fiche.");
    await app.waitFor("button[aria-label='Ouvrir Contrat Kenza B.pdf']");
    const kept = (await readdir(join(data, "files"))).filter((name) => name.endsWith(".pdf"));
    assert.equal(kept.length, 1, "one copy, named by its bytes, the extension kept");
    assert.deepEqual(await readFile(join(data, "files", kept[0])), bytes);
    await app.screenshot("crm-artist-files");

    await (await app.waitFor("button[aria-label='Retirer Contrat Kenza B.pdf de la fiche']")).click();
    await app.byText("p", "Aucun fichier : contrats, dossiers de presse, photos.");
    await app.click("button", "Annuler");
    await app.waitFor("button[aria-label='Ouvrir Contrat Kenza B.pdf']");
  } finally {
    await app.close();
  }
  app = await AppWindow.launch(data);
  try {
    await app.click("a", "CRM");
    await app.click("*[@role='gridcell']", "Kenza B.");
    await app.waitFor("button[aria-label='Ouvrir Contrat Kenza B.pdf']");
  } finally {
    await app.close();
  }
});

test("a tag put on a card shows in the chosen tags column, and the list filtered by it shows that card alone", async () => {
  const app = await AppWindow.launch(await newDataFolder());
  try {
    await app.startEmptyAs("Camille Morel");
    await app.click("a", "CRM");
    await app.byText("p", "Aucun artiste pour l'instant.");
    await app.click("button", "Nouvel artiste");
    await app.type("input[name=name]", "Noé Lacroix");
    await app.click("button", "Enregistrer");
    await app.byText("h2", "Noé Lacroix");

    await app.click("button", "Nouvel artiste");
    await app.type("input[name=name]", "Élodie Mars");
    await app.type("input[name=genres]", "Électro");
    // Enter makes the tag (WebDriver's code for the Enter key).
    await app.type("input[aria-label='Ajouter une étiquette…']", "Tournée 2027\uE007");
    await app.waitFor(`button[aria-label="Retirer l'étiquette Tournée 2027"]`);
    await app.click("button", "Enregistrer");
    await app.byText("h2", "Élodie Mars");
    await app.byText("li", "Tournée 2027");

    await app.click("summary", "Colonnes");
    await (await app.waitFor("//label[normalize-space()='Étiquettes']/input")).click();
    await app.byText("*[@role='gridcell']//span", "Tournée 2027");

    await (await app.waitFor("select[name=filter-tag]")).selectByVisibleText("Tournée 2027");
    await app.browser.waitUntil(async () => (await app.text("main [role=status]")).includes("1 artiste"), {
      timeout: 10_000,
      timeoutMsg: "the list filtered by the tag did not show one artist",
    });
    await app.byText("*[@role='gridcell']", "Élodie Mars");
    await (await app.waitFor("select[name=filter-genre]")).selectByVisibleText("Électro (1)");
    await app.screenshot("crm-filtered-by-tag-and-genre");
    await app.click("button", "Effacer les filtres");
    await app.browser.waitUntil(async () => (await app.text("main [role=status]")).includes("2 artistes"), {
      timeout: 10_000,
      timeoutMsg: "clearing the filters did not show both artists",
    });
  } finally {
    await app.close();
  }
});
