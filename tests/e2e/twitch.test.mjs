// Twitch in the real app window, against fakes of Twitch's sign-in service,
// API and chat on loopback (tests/e2e/fake-twitch.mjs): the streamer sets
// the team's application, signs in with the code shown (typed "on
// twitch.tv", which the fake approves), reads and writes in the chat,
// deletes a message, finds the channel's title, and publishes a live
// planned in Planning on the channel's Twitch schedule.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AppWindow, newDataFolder, startDriver, stopDriver } from "./app-window.mjs";
import { LOGIN, USER_CODE, startFakeTwitch } from "./fake-twitch.mjs";

let twitch;

before(async () => {
  twitch = await startFakeTwitch();
  await startDriver(twitch.env);
});
after(() => {
  twitch?.close();
  stopDriver();
});

test("a streamer signs in to Twitch with a code, chats and moderates from the app", async () => {
  const app = await AppWindow.launch(await newDataFolder());
  try {
    await app.startEmptyAs("Nadia");
    await app.click("a", "Réglages");
    await app.type("input[name=clientId]", "e2eclient0000000000000000000000");
    await (await app.waitFor('form[aria-label="Application Twitch"] button[type=submit]')).click();
    await app.click("button", "Se connecter à Twitch");
    // The code to type on twitch.tv; the fake approves at its second poll.
    assert.equal(await app.text('[aria-label="Code à saisir sur Twitch"]'), USER_CODE);
    await app.byText("*[@data-testid='twitch-account']", `Connecté à Twitch : ${LOGIN}`, 20_000);

    await app.click("a", "Streaming");
    await app.browser.waitUntil(async () => twitch.joined(LOGIN), { timeout: 20_000, timeoutMsg: "the chat never joined the streamer's channel" });
    twitch.say(LOGIN, "kenza_b", "e2e-1", "bonsoir ! <b>pas du gras</b>");
    const log = await app.waitFor(`[role=log][aria-label="Messages de #${LOGIN}"]`);
    await app.browser.waitUntil(async () => (await log.getText()).includes("bonsoir ! <b>pas du gras</b>"), {
      timeout: 10_000,
      timeoutMsg: "the message never showed in the chat",
    });
    assert.equal(await app.browser.execute(() => document.querySelector("[role=log] b")), null, "markup stays text");

    await app.type("textarea[id=chat-text]", "merci d'être là");
    await app.browser.keys("Enter");
    await app.browser.waitUntil(async () => twitch.received(`PRIVMSG #${LOGIN} :`).some((l) => l.includes("merci d'être là")), {
      timeout: 10_000,
      timeoutMsg: "the message never reached Twitch",
    });
    await app.browser.waitUntil(async () => (await log.getText()).includes("merci d'être là"), { timeout: 10_000, timeoutMsg: "the streamer's message never showed" });

    // A moderator deletes a message from its button.
    twitch.say(LOGIN, "troll_42", "e2e-spam", "achetez des vues");
    await app.browser.waitUntil(async () => (await log.getText()).includes("achetez des vues"), { timeout: 10_000, timeoutMsg: "the spam never showed" });
    await app.browser.execute(() => document.querySelector('button[aria-label="Supprimer le message de troll_42"]')?.click());
    await app.browser.waitUntil(async () => twitch.moderation().includes("delete e2e-spam"), { timeout: 10_000, timeoutMsg: "Twitch was never asked to delete" });
    await app.browser.waitUntil(async () => (await log.getText()).includes("achetez des vues(supprimé)"), { timeout: 10_000, timeoutMsg: "the deleted message was never marked" });
    // The channel as Twitch has it.
    assert.equal(await (await app.waitFor("input[name=streamTitle]")).getValue(), "Session compo du jeudi");
    await app.screenshot("streaming-twitch-chat");

    // A live planned in Planning, published on the channel's Twitch schedule.
    await app.click("a", "Planning");
    await app.click("button", "Nouvelle tâche");
    await app.click("button", "Événement");
    await app.type("input[name=event-title]", "Release party de Kenza B.");
    // Tomorrow at 20:00 (the form offers the next full hour, which may be a
    // minute away: a live already started cannot be published).
    const tomorrow = await app.browser.execute(() => {
      const at = new Date(Date.now() + 24 * 3_600_000);
      const two = (n) => String(n).padStart(2, "0");
      return `${at.getFullYear()}-${two(at.getMonth() + 1)}-${two(at.getDate())}T20:00`;
    });
    await app.pick("input[name=event-start]", tomorrow);
    await (await app.waitFor("select[name=event-kind]")).selectByAttribute("value", "live");
    await (await app.waitFor("//div[@role='dialog']//button[normalize-space(.)='Enregistrer']")).click();
    await app.byText("div", "« Release party de Kenza B. » enregistré.", 10_000);
    await app.click("a", "Streaming");
    const schedule = await app.waitFor('section[aria-label="Planning Twitch"]');
    await app.byText("p", "Ce live n'est pas sur le planning Twitch.", 10_000);
    await app.click("button", "Publier sur Twitch");
    await app.browser.waitUntil(async () => (await schedule.getText()).includes("Sur le planning Twitch de nadia_live"), {
      timeout: 10_000,
      timeoutMsg: "the live never showed as published",
    });
    await schedule.scrollIntoView({ block: "center" });
    await app.screenshot("streaming-twitch-schedule");
    const published = twitch.schedule();
    assert.equal(published.length, 1);
    assert.equal(published[0].title, "Release party de Kenza B.");
    assert.equal(published[0].timezone.length > 0, true);
  } finally {
    await app.close();
  }
});
