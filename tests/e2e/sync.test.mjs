// Team sync in the real app: two computers (two data folders) and one
// PostgreSQL server. The admin prepares it and makes the team's sign-in, which
// the second computer syncs with. An artist made on one appears on the other; two edits
// made without seeing each other show in the Conflicts view, and the
// overwritten value comes back in one click.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { after, before, test } from "node:test";
import { AppWindow, newDataFolder, startDriver, stopDriver } from "./app-window.mjs";

const pg = {
  host: process.env.MONA_TEST_PG_HOST ?? "127.0.0.1",
  port: process.env.MONA_TEST_PG_PORT ?? "5432",
  user: process.env.MONA_TEST_PG_USER ?? "postgres",
  password: process.env.MONA_TEST_PG_PASSWORD ?? "",
};
const database = `mona_e2e_${process.pid}_${Date.now()}`;
// The team's sign-in the admin makes; Lyon syncs with it (read + sync only).
const signIn = { user: `${database}_equipe`, password: "mot de passe de l'équipe" };

function psql(sql) {
  execFileSync("psql", ["-h", pg.host, "-p", pg.port, "-U", pg.user, "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-c", sql], {
    env: { ...process.env, PGPASSWORD: pg.password },
    stdio: "ignore",
  });
}

before(async () => {
  psql(`CREATE DATABASE ${database}`);
  await startDriver();
});
after(() => {
  stopDriver();
  psql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  psql(`DROP ROLE IF EXISTS ${signIn.user}`);
  psql(`DROP ROLE IF EXISTS ${database}_devices`);
});

/** Fills Settings → Team sync with this test's server. */
async function fillServer(app, deviceName, user = pg.user, password = pg.password) {
  await app.click("a", "Réglages");
  await app.type("input[name=host]", pg.host);
  await app.type("input[name=port]", pg.port);
  await app.type("input[name=database]", database);
  await app.type("input[name=user]", user);
  if (password) await app.type("input[name=password]", password);
  await app.type("input[name=deviceName]", deviceName);
}

/**
 * Waits until the sidebar says "Synchronisé" with nothing waiting, and keeps
 * saying it for 4 s: longer than the sync takes to notice a change (2 s)
 * plus the sidebar's refresh (1.5 s), so a change just made cannot hide.
 */
async function waitSynced(app) {
  let since = null;
  await app.browser.waitUntil(
    async () => {
      const [state, pending] = await app.browser.execute(() => [
        document.querySelector("[data-testid=sync-state]")?.textContent ?? "",
        document.querySelector("[data-testid=sync-pending]")?.textContent ?? "",
      ]);
      if (state !== "Synchronisé" || pending !== "") {
        since = null;
        return false;
      }
      since ??= Date.now();
      return Date.now() - since >= 4_000;
    },
    { timeout: 30_000, interval: 250, timeoutMsg: "the sidebar never said everything was synced" },
  );
}

async function openArtist(app, name) {
  await app.click("a", "CRM");
  await (await app.byText("*[@role='gridcell']", name, 20_000)).click();
  await app.byText("h2", name);
}

async function setCity(app, name, city) {
  await openArtist(app, name);
  await (await app.waitFor("button[aria-label='Modifier']")).click();
  const input = await app.waitFor("input[name=city]");
  await input.clearValue();
  await input.setValue(city);
  await app.click("button", "Enregistrer");
  await app.byText("p", city);
}

test("an artist made on one computer reaches the other, and a concurrent edit can be restored", async () => {
  const [paris, lyon] = [await newDataFolder(), await newDataFolder()];

  // Paris prepares the team's server, joins it and adds an artist.
  let app = await AppWindow.launch(paris);
  try {
    await app.startEmptyAs("Camille Morel");
    await fillServer(app, "Portable Paris");
    await app.click("summary", "Préparer un nouveau serveur");
    await app.type("input[name=workspace]", "Équipe MONA");
    await app.click("button", "Préparer le serveur");
    await app.byText("p", "Serveur prêt pour l'espace « Équipe MONA ».");
    await app.type("input[name=signInUser]", signIn.user);
    await app.type("input[name=signInPassword]", signIn.password);
    await app.click("button", "Créer l'identifiant");
    await app.byText("p", `Identifiant « ${signIn.user} » prêt`);
    await app.click("button", "Enregistrer et synchroniser");
    await waitSynced(app);
    await app.click("a", "CRM");
    await app.click("button", "Nouvel artiste");
    await app.type("input[name=name]", "Nadia Kessler");
    await app.type("input[name=city]", "Paris");
    await app.click("button", "Enregistrer");
    await app.byText("h2", "Nadia Kessler");
    await waitSynced(app);
  } finally {
    await app.close();
  }

  // Lyon joins: the artist is there. Then it stops syncing (on a train).
  app = await AppWindow.launch(lyon);
  try {
    await app.startEmptyAs("Yanis Belkacem");
    await fillServer(app, "Bureau Lyon", signIn.user, signIn.password);
    await app.click("button", "Tester la connexion");
    await app.byText("p", "Connexion réussie : espace d'équipe « Équipe MONA ».");
    await app.click("button", "Enregistrer et synchroniser");
    await waitSynced(app);
    await openArtist(app, "Nadia Kessler");
    await app.screenshot("sync-artist-arrived");
    await app.click("a", "Réglages");
    await app.click("button", "Arrêter la synchronisation");
    await app.byText("p", "Synchronisation arrêtée.");
  } finally {
    await app.close();
  }

  // Paris moves Nadia to Marseille; it syncs.
  app = await AppWindow.launch(paris);
  try {
    await setCity(app, "Nadia Kessler", "Marseille");
    await waitSynced(app);
  } finally {
    await app.close();
  }

  // Lyon, still offline, moves her to Lille, then syncs again: Lille is
  // later, so it wins, and Marseille is listed as overwritten.
  app = await AppWindow.launch(lyon);
  try {
    await setCity(app, "Nadia Kessler", "Lille");
    await fillServer(app, "Bureau Lyon");
    await app.click("button", "Enregistrer et synchroniser");
    await waitSynced(app);
    await (await app.waitFor("button[aria-label='Synchroniser maintenant']")).click();
    const conflict = await app.byText("li", "Nadia Kessler · Ville", 20_000);
    const text = await conflict.getText();
    assert.match(text, /Marseille/);
    assert.match(text, /Portable Paris/);
    assert.match(text, /Lille/);
    await app.screenshot("sync-conflict");
    await (await conflict.$(".//button[normalize-space(.)='Restaurer']")).click();
    await app.byText("p", "Aucun conflit");
    await openArtist(app, "Nadia Kessler");
    await app.byText("p", "Marseille");
  } finally {
    await app.close();
  }
});
