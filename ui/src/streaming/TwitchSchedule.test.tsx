import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { LiveOnTwitch } from "../bindings";
import { fakeLive, fakeTwitch } from "../test/fakeBackend";
import { renderApp } from "../test/render";

const hours = (n: number) => new Date(Date.now() + n * 3_600_000).toISOString();
const live = { id: "e1", title: "Release party de Kenza B.", startsAt: hours(48), endsAt: hours(50), cancelled: false };
const show = { eventId: "e1", title: live.title, startsAt: live.startsAt, segments: [], onAir: null, next: null, deliverables: [] };
const signedIn = fakeTwitch({ app: { clientId: "abc" }, account: { state: "signed_in", login: "nadia_live", user_id: "141981764", unchecked: false } });

function onTwitch(change: Partial<LiveOnTwitch>): LiveOnTwitch {
  return { eventId: "e1", title: live.title, startsAt: live.startsAt, minutes: 120, timeZone: "Europe/Paris", weekly: false, cancelled: false, published: null, state: "not_published", problems: [], ...change };
}

const published = {
  segmentId: "seg-1",
  channelId: "141981764",
  channelLogin: "nadia_live",
  title: live.title,
  startsAt: live.startsAt,
  minutes: 120,
  weekly: false,
  cancelled: false,
  categoryId: "26936",
  categoryName: "Music",
  publishedAt: "2026-12-02T10:00:00.000Z",
};

describe("a live on the streamer's Twitch schedule", () => {
  it("is published in a category found by name, then said to be there", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", { twitch: signedIn, live: fakeLive({ lives: [live], shows: { e1: show } }) });
    const section = await screen.findByRole("region", { name: "Planning Twitch" });
    expect(await within(section).findByRole("status")).toHaveTextContent("Ce live n'est pas sur le planning Twitch.");
    await user.type(within(section).getByLabelText("Catégorie sur Twitch"), "mus");
    await user.click(await within(section).findByRole("button", { name: "Music" }));
    await user.click(within(section).getByRole("button", { name: "Publier sur Twitch" }));
    await waitFor(() => expect(within(section).getByRole("status")).toHaveTextContent(/Sur le planning Twitch de nadia_live, publié le/));
    expect(state.live.onTwitch.e1?.published?.categoryName).toBe("Music");
    expect(within(section).queryByRole("button", { name: "Publier sur Twitch" })).toBeNull();
    expect(within(section).getByRole("button", { name: "Retirer du planning Twitch" })).toBeInTheDocument();
  });

  it("moved since, it says the schedule is behind and brings it up to date", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", {
      twitch: signedIn,
      live: fakeLive({ lives: [live], shows: { e1: show }, onTwitch: { e1: onTwitch({ published: { ...published, startsAt: hours(47) }, state: "changed" }) } }),
    });
    const section = await screen.findByRole("region", { name: "Planning Twitch" });
    expect(await within(section).findByRole("status")).toHaveTextContent("Le live a changé depuis sa publication : le planning Twitch de nadia_live n'est plus à jour.");
    await user.click(within(section).getByRole("button", { name: "Mettre à jour le planning Twitch" }));
    await waitFor(() => expect(state.live.onTwitch.e1?.state).toBe("up_to_date"));
    expect(state.live.onTwitch.e1?.published?.startsAt).toBe(live.startsAt);
    expect(state.live.onTwitch.e1?.published?.categoryName).toBe("Music");
  });

  it("cancelled here, it offers to announce the cancellation there", async () => {
    const user = userEvent.setup();
    const cancelled = { ...live, cancelled: true };
    const { state } = renderApp("/streaming", {
      twitch: signedIn,
      live: fakeLive({ lives: [cancelled], shows: { e1: show }, onTwitch: { e1: onTwitch({ cancelled: true, published, state: "changed" }) } }),
    });
    expect(await screen.findByRole("option", { name: /Release party de Kenza B\. \(annulé\)/ })).toBeInTheDocument();
    const section = await screen.findByRole("region", { name: "Planning Twitch" });
    await user.click(await within(section).findByRole("button", { name: "Annoncer l'annulation sur Twitch" }));
    await waitFor(() => expect(state.live.onTwitch.e1?.published?.cancelled).toBe(true));
    expect(within(section).getByRole("status")).toHaveTextContent("Annoncé annulé sur le planning Twitch de nadia_live.");
  });

  it("what Twitch would refuse is said, and nothing can be sent", async () => {
    renderApp("/streaming", {
      twitch: signedIn,
      live: fakeLive({ lives: [live], shows: { e1: show }, onTwitch: { e1: onTwitch({ minutes: 20, problems: [{ kind: "too_short", minutes: 20, min: 30 }, { kind: "repeat_not_weekly" }] }) } }),
    });
    const section = await screen.findByRole("region", { name: "Planning Twitch" });
    expect(await within(section).findByText("Twitch ne planifie que des lives de 30 minutes au moins ; celui-ci dure 20 minutes.")).toBeInTheDocument();
    expect(within(section).getByText("Twitch ne répète un live que chaque semaine, sans fin : changez la répétition dans le Planning.")).toBeInTheDocument();
    expect(within(section).queryByRole("button", { name: "Publier sur Twitch" })).toBeNull();
  });

  it("signed out, it says where to sign in", async () => {
    renderApp("/streaming", { live: fakeLive({ lives: [live], shows: { e1: show } }) });
    const section = await screen.findByRole("region", { name: "Planning Twitch" });
    expect(within(section).getByText("Connectez-vous à Twitch (Réglages) pour publier ce live sur le planning de votre chaîne.")).toBeInTheDocument();
  });
});
