// The app shell in the real window: every module reachable from the
// keyboard, the language switch, and a clear message on a damaged database.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { AppWindow, newDataFolder, startDriver, stopDriver } from "./app-window.mjs";

before(() => startDriver());
after(() => stopDriver());

test("every module opens from the keyboard and shows what it holds", async () => {
  const app = await AppWindow.launch(await newDataFolder(), ["--demo"]);
  try {
    const screens = [
      ["1", "Hub", "hub"],
      ["2", "Artistes", "crm"],
      ["3", "Content Studio", "content-studio"],
      ["4", "Planning", "planning"],
      ["5", "Streaming Command Center", "streaming"],
      ["6", "Réglages", "settings"],
    ];
    await app.byText("h1", "Hub");
    for (const [key, heading, name] of screens) {
      await app.browser.keys(["Control", key]);
      await app.byText("h1", heading);
      await app.screenshot(`module-${name}`);
    }
  } finally {
    await app.close();
  }
});

test("the command palette opens with Ctrl+K and jumps to an artist found without its accent", async () => {
  const app = await AppWindow.launch(await newDataFolder(), ["--demo"]);
  try {
    await app.byText("h1", "Hub");
    await app.browser.keys(["Control", "k"]);
    await app.type("[cmdk-input]", "maelle");
    await app.click("*[@cmdk-item]", "Maëlle Roux");
    await app.byText("h2", "Maëlle Roux");
    await app.screenshot("palette-artist-card");
  } finally {
    await app.close();
  }
});

test("switching to English and back translates the window", async () => {
  const app = await AppWindow.launch(await newDataFolder(), ["--demo"]);
  try {
    await app.click("a", "Réglages");
    await (await app.waitFor("select[name=language]")).selectByAttribute("value", "en");
    await app.byText("h1", "Settings");
    await app.byText("a", "Planning");
    assert.match(await app.text("[data-testid=formats-preview]"), /€490\.00/);
    await app.screenshot("settings-english");
    await (await app.waitFor("select[name=language]")).selectByAttribute("value", "fr");
    await app.byText("h1", "Réglages");
    assert.match(await app.text("[data-testid=formats-preview]"), /490,00/);
  } finally {
    await app.close();
  }
});

test("a damaged database file is explained and left untouched", async () => {
  const data = await newDataFolder();
  const garbage = "pas une base de données ".repeat(100);
  writeFileSync(join(data, "mona-spark.sqlite3"), garbage);
  const app = await AppWindow.launch(data);
  try {
    await app.byText("h1", "La base de données n'a pas pu être ouverte");
    await app.byText("p", "endommagé");
    await app.screenshot("startup-damaged-database");
  } finally {
    await app.close();
  }
  const { readFileSync } = await import("node:fs");
  assert.equal(readFileSync(join(data, "mona-spark.sqlite3"), "utf8"), garbage);
});
