// Page tests: the UI in Debian's Chromium (playwright-core), served by Vite in
// "pages" mode where the Rust side is replaced by the in-memory test backend.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, before, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";
import { chromium } from "playwright-core";

const root = resolve(import.meta.dirname, "../..");
const artifacts = join(root, "tests/artifacts");
mkdirSync(artifacts, { recursive: true });
const port = 5180 + Math.floor(Math.random() * 200);
const base = `http://127.0.0.1:${port}/`;
let server;
let browser;

before(async () => {
  server = spawn("npx", ["vite", "--mode", "pages", "--config", "ui/vite.config.ts", "--port", String(port), "--strictPort"], {
    cwd: root,
    stdio: "ignore",
    detached: true,
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(base)).ok) break;
    } catch {
      await sleep(200);
    }
  }
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    userDataDir: await mkdtemp(join(tmpdir(), "mona-chromium-")),
  }).catch(async () => chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
  }));
});

after(async () => {
  await browser?.close();
  if (server) process.kill(-server.pid);
});

async function open(query = "") {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(`${base}${query}`);
  return page;
}

test("a newcomer loads the demo data and finds an artist without typing the accent", async () => {
  const page = await open();
  await page.getByRole("button", { name: /Charger les données de démonstration/ }).click();
  await page.getByRole("button", { name: /Camille Morel/ }).click();
  await page.getByRole("link", { name: "CRM" }).click();
  await page.getByRole("gridcell", { name: "Kenza B." }).waitFor();
  await page.getByRole("searchbox", { name: "Rechercher un artiste" }).fill("elodie");
  await page.getByRole("status").filter({ hasText: "1 artiste" }).waitFor();
  assert.deepEqual(await page.locator("[role=row][data-index] [role=gridcell]:first-child").allTextContents(), ["Élodie Mars"]);
  await page.screenshot({ path: join(artifacts, "page-crm-light.png") });
  await page.close();
});

test("the whole flow works from the keyboard alone", async () => {
  const page = await open();
  await page.getByRole("heading", { name: "Bienvenue dans MONA x SPARK Desk" }).waitFor();
  await page.keyboard.press("Enter"); // the focused first choice: the demo data
  await page.getByRole("heading", { name: "Qui êtes-vous sur cet ordinateur ?" }).waitFor();
  await page.keyboard.press("Enter"); // the focused first member of the demo team
  await page.getByRole("heading", { name: "Hub" }).waitFor();
  await page.keyboard.press("Control+2");
  await page.getByRole("gridcell", { name: "Élodie Mars" }).waitFor();
  await page.locator("[role=row][data-index='0']").focus();
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { level: 2, name: "Kenza B." }).waitFor();
  await page.keyboard.press("Control+k");
  await page.getByPlaceholder(/Aller à, chercher un artiste/).waitFor();
  await page.keyboard.type("nouvel");
  await page.keyboard.press("Enter");
  await page.getByRole("form", { name: "Nouvel artiste" }).waitFor();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("name")), "name");
  await page.close();
});

test("the dark theme follows the system", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: "dark" });
  await page.goto(base);
  await page.getByRole("button", { name: /Charger les données/ }).click();
  await page.getByRole("button", { name: /Camille Morel/ }).click();
  await page.getByRole("link", { name: "CRM" }).click();
  await page.getByRole("gridcell", { name: "Kenza B." }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains("dark")), true);
  const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.notEqual(background, "rgb(255, 255, 255)");
  await page.screenshot({ path: join(artifacts, "page-crm-dark.png") });
  await page.close();
});

test("an English system gets the app in English", async () => {
  const page = await open("?locale=en-US");
  await page.getByRole("heading", { name: "Welcome to MONA x SPARK Desk" }).waitFor();
  await page.getByRole("button", { name: /Start with an empty database/ }).click();
  await page.getByLabel("Your name").fill("Camille Morel");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("link", { name: "CRM" }).click();
  await page.getByText("No artists yet.").waitFor();
  await page.close();
});

test("a card dragged with the mouse to another column stays where it was dropped", async () => {
  const page = await open();
  await page.getByRole("button", { name: /Charger les données de démonstration/ }).click();
  await page.getByRole("button", { name: /Camille Morel/ }).click();
  await page.getByRole("link", { name: "Planning" }).click();
  await page.getByRole("tab", { name: "Tableaux" }).click();
  await page.getByRole("button", { name: "Nouveau tableau" }).click();
  await page.getByLabel("Nom du tableau").fill("Sorties de décembre");
  await page.getByRole("button", { name: "Créer" }).click();
  const todo = page.getByRole("region", { name: "À faire" });
  const doing = page.getByRole("region", { name: "En cours" });
  for (const title of ["Teaser de Nadia", "Visuel du single"]) {
    await todo.getByLabel("Ajouter une carte…").fill(title);
    await todo.getByLabel("Ajouter une carte…").press("Enter");
    await todo.getByRole("button", { name: title }).waitFor();
  }

  const card = await todo.getByRole("button", { name: "Teaser de Nadia" }).boundingBox();
  const target = await doing.getByRole("list").boundingBox();
  assert.ok(card && target);
  await page.mouse.move(card.x + card.width / 2, card.y + card.height / 2);
  await page.mouse.down();
  // In steps, as a hand moves: the board follows the pointer.
  await page.mouse.move(card.x + card.width / 2 + 20, card.y + card.height / 2, { steps: 5 });
  await page.mouse.move(target.x + target.width / 2, target.y + 20, { steps: 15 });
  await page.mouse.up();

  await doing.getByRole("button", { name: "Teaser de Nadia" }).waitFor();
  // The cards (the column's own buttons, its settings, are not cards).
  assert.deepEqual(await todo.locator("li[data-card-id]").evaluateAll((cards) => cards.map((c) => c.getAttribute("aria-label"))), ["Visuel du single"]);
  const moves = await page.evaluate(() => window.__fakeBackend.args.move_card);
  assert.equal(moves.length, 1);
  assert.equal(moves[0].after, null);
  await sleep(400); // the drop animation
  await page.screenshot({ path: join(artifacts, "page-planning-board.png") });
  await page.close();
});

test("a task made on the calendar can be dragged to another hour of the week", async () => {
  const page = await open();
  await page.getByRole("button", { name: /Charger les données de démonstration/ }).click();
  await page.getByRole("button", { name: /Camille Morel/ }).click();
  await page.getByRole("link", { name: "Planning" }).click();
  await page.getByRole("button", { name: "Nouvelle tâche" }).click();
  const dialog = page.getByRole("dialog", { name: "Nouvelle tâche" });
  await dialog.getByLabel("Titre").fill("Répétition du live");
  // Today 10:00 to 11:00, whatever the hour of the run (a task crossing
  // midnight would sit in the all-day row).
  const today = await page.evaluate(() => {
    const d = new Date();
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  });
  await dialog.getByLabel("Début").fill(`${today}T10:00`);
  await dialog.getByLabel("Fin").fill(`${today}T11:00`);
  await dialog.getByLabel("Inès Laurent").check();
  await dialog.getByRole("button", { name: "Enregistrer" }).click();
  await dialog.waitFor({ state: "detached" });
  await page.getByRole("button", { name: "Semaine" }).click();
  const calendar = page.getByRole("region", { name: "Calendrier de l'équipe" });
  // A French week starts on Monday.
  assert.match(await calendar.locator(".rbc-time-header .rbc-header").first().innerText(), /lun\./);
  const task = calendar.locator(".rbc-event", { hasText: "Répétition du live" });
  await task.waitFor();
  // The messages in the corner lie over the last days of the week: closed
  // first, as a hand would before reaching under them.
  const closeMessage = page.getByRole("region", { name: /Messages/ }).getByRole("button", { name: "Fermer le message" });
  for (let left = await closeMessage.count(); left > 0; left = await closeMessage.count()) {
    await closeMessage.first().click();
    for (let tries = 0; tries < 50 && (await closeMessage.count()) === left; tries++) await sleep(50);
  }
  await task.scrollIntoViewIfNeeded();
  const box = await task.boundingBox();
  assert.ok(box);
  // Two hours lower in the same day column.
  const slot = await calendar.locator(".rbc-timeslot-group").first().boundingBox();
  assert.ok(slot);
  // Held by its middle (its edges resize it), two hours later.
  const created = await page.evaluate(() => window.__fakeBackend.args.create_task[0].fields.startsAt);
  const hours = 2;
  const [x, y] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x, y + (hours / 2) * slot.height, { steps: 5 });
  await page.mouse.move(x, y + hours * slot.height, { steps: 5 });
  await page.mouse.up();
  await page.getByText("« Répétition du live » déplacée.").waitFor();
  const moves = await page.evaluate(() => window.__fakeBackend.args.reschedule_task);
  assert.equal(moves.length, 1);
  assert.equal(new Date(moves[0].startsAt).getTime() - new Date(created).getTime(), hours * 3_600_000);
  await page.screenshot({ path: join(artifacts, "page-planning-calendar.png") });
  await page.close();
});

test("a live set at 20:00 in Paris shows at Montréal's hour to someone travelling there", async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, timezoneId: "America/Montreal" });
  await page.goto(base);
  await page.getByRole("button", { name: /Charger les données de démonstration/ }).click();
  await page.getByRole("button", { name: /Camille Morel/ }).click();
  // Today at 20:00 in Paris, and what a clock in Montréal says then.
  const montreal = await page.evaluate(() => {
    const today = new Date();
    const paris = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Paris", timeZoneName: "longOffset" }).format(today);
    const offset = /GMT([+-]\d\d):(\d\d)/.exec(paris);
    const hours = offset ? Number(offset[1]) : 1;
    const start = new Date(Date.UTC(today.getFullYear(), today.getMonth(), today.getDate(), 20 - hours, 0));
    window.__fakeBackend.calendar.push({
      kind: "event", id: "live-paris", occurrenceAt: null, title: "Live depuis Paris", startsAt: start.toISOString(),
      endsAt: new Date(start.getTime() + 3_600_000).toISOString(), allDay: false, timeZone: "Europe/Paris", people: [], clash: false, repeating: false,
    });
    return new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: "America/Montreal" }).format(start);
  });
  await page.getByRole("link", { name: "Planning" }).click();
  const calendar = page.getByRole("region", { name: "Calendrier de l'équipe" });
  await calendar.getByRole("button", { name: "Jour", exact: true }).click();
  const live = calendar.locator(".rbc-event", { hasText: "Live depuis Paris" });
  await live.waitFor();
  assert.match(await live.innerText(), new RegExp(`^${montreal}`));
  assert.notEqual(montreal, "20:00");
  await page.close();
});

test("a streamer who scrolls up in a flooded chat keeps the line they read, then comes back to the newest", async () => {
  const page = await open();
  await page.getByRole("button", { name: /Charger les données de démonstration/ }).click();
  await page.getByRole("button", { name: /Camille Morel/ }).click();
  await page.evaluate(() => {
    window.__fakeBackend.chat.status = { signedIn: true, wanted: ["nadia_live"], joined: ["nadia_live"] };
  });
  /** Twitch sending `count` messages to the streamer's channel. */
  const say = (count) =>
    page.evaluate((count) => {
      const chat = window.__fakeBackend.chat;
      for (let i = 0; i < count; i++) {
        const n = chat.events.length + 1;
        chat.events.push({
          seq: n,
          channel: "nadia_live",
          event: {
            kind: "message",
            message: {
              id: `m${n}`, login: `viewer_${n % 50}`, userId: `${n % 50}`, name: `viewer_${n % 50}`, color: null, badges: [],
              parts: [{ kind: "text", text: n % 7 === 0 ? `message ${n} : un message assez long pour tenir sur deux lignes dans la colonne du chat, sinon plus` : `message ${n}` }],
              action: false, mentionsMe: false, keyword: false, replyTo: null, sentAt: new Date().toISOString(),
            },
          },
        });
      }
    }, count);
  await page.getByRole("link", { name: "Streaming" }).click();
  const log = page.getByRole("log", { name: "Messages de #nadia_live" });
  /** Whether a line is inside the chat's visible box. */
  const inView = (text) =>
    page.evaluate((text) => {
      const box = document.querySelector("[role=log]").getBoundingClientRect();
      return [...document.querySelectorAll("[role=log] [data-index]")].some((row) => {
        const r = row.getBoundingClientRect();
        return row.textContent.includes(text) && r.bottom > box.top && r.top < box.bottom - 1;
      });
    }, text);
  /** The line at the middle of the chat's box. */
  const lineInTheMiddle = () =>
    page.evaluate(() => {
      const box = document.querySelector("[role=log]").getBoundingClientRect();
      const row = document.elementFromPoint(box.left + 60, box.top + box.height / 2)?.closest("[data-index]");
      return { text: /message \d+/.exec(row?.textContent ?? "")?.[0], top: Math.round(row?.getBoundingClientRect().top ?? 0) };
    });

  // More than the page keeps: the oldest have left, and the newest is in view.
  await say(2_100);
  await log.getByText("100 messages plus anciens ne sont plus affichés").waitFor();
  await page.waitForFunction(() => document.querySelector("[role=log]")?.textContent.includes("message 2100"));
  assert.equal(await inView("message 2100"), true);

  // Scrolled up to read: new messages push old ones out above, and the line read stays where it is.
  await log.hover();
  await page.mouse.wheel(0, -1_500);
  const newest = page.getByRole("button", { name: "Nouveaux messages ↓" });
  await newest.waitFor();
  // The wheel's scroll may glide: the line read is the one where it came to rest.
  await page.waitForFunction(() => {
    const log = document.querySelector("[role=log]");
    const rest = log.dataset.rest === String(log.scrollTop);
    log.dataset.rest = String(log.scrollTop);
    return rest;
  }, null, { polling: 150 });
  const read = await lineInTheMiddle();
  assert.ok(read.text, "a line is read in the middle of the chat");
  await say(300);
  await log.getByText("400 messages plus anciens ne sont plus affichés").waitFor({ state: "attached" });
  await sleep(300);
  assert.deepEqual(await lineInTheMiddle(), read);
  assert.equal(await inView("message 2400"), false);

  // One click back to the newest, which is followed again as it comes.
  await newest.click();
  await page.waitForFunction(() => document.querySelector("[role=log]")?.textContent.includes("message 2400"));
  await newest.waitFor({ state: "detached" });
  assert.equal(await inView("message 2400"), true);
  await say(50);
  await page.waitForFunction(() => document.querySelector("[role=log]")?.textContent.includes("message 2450"));
  await sleep(200);
  assert.equal(await inView("message 2450"), true);
  await page.screenshot({ path: join(artifacts, "page-streaming-chat.png") });
  await page.close();
});
