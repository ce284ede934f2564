import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { boardWith, handle } from "../test/fakeBackend";
import { renderApp } from "../test/render";

describe("what is planned with an artist, on the card", () => {
  it("lists the tasks about her, soonest due first, and her events in time order, and nobody else's", async () => {
    const board = boardWith("Lancements", ["À faire"], { 0: ["Envoyer le contrat", "Monter le teaser", "Appeler le label"] });
    const view = renderApp("/crm", { boards: [board] });
    handle(view.state, "load_demo_data", {});
    const [elodie, other] = view.state.artists;
    const cards = board.columns[0]!.cards;
    Object.assign(cards[0]!.fields, { artistId: elodie!.id, status: "done" });
    Object.assign(cards[1]!.fields, { artistId: elodie!.id, dueAt: "2030-01-05T10:00:00.000Z" });
    Object.assign(cards[2]!.fields, { artistId: other!.id });
    const event = (title: string, day: string, artistId: string) =>
      handle(view.state, "create_event", {
        fields: { title, kind: "live", description: "", startsAt: `${day}T19:00:00Z`, endsAt: `${day}T21:00:00Z`, timeZone: "Europe/Paris", allDay: false, location: null, status: "planned", recurrence: null, attendees: [], artistId, sponsorId: null, ownerId: null },
      });
    event("Live de sortie", "2030-03-02", elodie!.id);
    event("Shooting photo", "2026-10-12", elodie!.id);
    event("Concert à Lyon", "2030-01-20", other!.id);
    window.location.hash = `#/crm/artists/${elodie!.id}`;

    const agenda = await screen.findByRole("region", { name: "Tâches et événements" });
    const tasks = await within(agenda).findByRole("list", { name: "Tâches" });
    expect(within(tasks).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Monter le teaser.*À faire · échéance 5 janvier 2030/),
      expect.stringMatching(/^Envoyer le contrat.*Terminée/),
    ]);
    const events = within(agenda).getByRole("list", { name: "Événements" });
    expect(within(events).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Shooting photo.*Live · 12 octobre 2026/),
      expect.stringMatching(/^Live de sortie/),
    ]);
    expect(within(agenda).queryByText("Appeler le label")).not.toBeInTheDocument();
    await userEvent.setup().click(within(tasks).getByRole("link", { name: "Monter le teaser" }));
    expect(window.location.hash).toBe(`#/planning/tasks/${cards[1]!.id}`);
  });
});
