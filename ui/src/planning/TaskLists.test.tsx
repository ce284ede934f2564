import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { boardWith, demoTeam } from "../test/fakeBackend";
import { renderApp } from "../test/render";
// The app loads Planning on demand; loaded here, its first test does not wait for it.
import "./PlanningPage";

/** A board whose cards are assigned and dated as the tests need. */
function teamBoard() {
  const board = boardWith("Lancements", ["À faire"], { 0: ["Teaser", "Miniature", "Devis sponsor", "Réserver le studio"] });
  const cards = board.columns[0]!.cards;
  Object.assign(cards[0]!.fields, { assignees: ["u1", "u3"], dueAt: "2030-01-05T10:00:00.000Z", labels: ["l1"] });
  Object.assign(cards[1]!.fields, { assignees: ["u3"], dueAt: "2030-01-02T10:00:00.000Z" });
  Object.assign(cards[2]!.fields, { assignees: ["u1"], dueAt: "2020-01-02T10:00:00.000Z" });
  cards[2]!.overdue = true;
  return board;
}

const rowsOf = (section: HTMLElement) => within(section).getAllByRole("listitem").map((li) => within(li).getAllByRole("button")[0]!.textContent);

describe("the task lists", () => {
  it("“My tasks” lists mine, the late one first and flagged", async () => {
    const user = userEvent.setup();
    renderApp("/planning", { members: [...demoTeam], me: "u1", boards: [teamBoard()] });
    await user.click(await screen.findByRole("tab", { name: "Tâches" }));
    const mine = await screen.findByRole("region", { name: "Mes tâches" });
    await waitFor(() => expect(rowsOf(mine)).toEqual(["Devis sponsor", "Teaser"]));
    expect(within(mine).getByText(/En retard ·/)).toBeInTheDocument();
  });

  it("by person, a task for two shows under both, and the unassigned under “Sans personne”", async () => {
    const user = userEvent.setup();
    renderApp("/planning", { members: [...demoTeam], me: "u1", boards: [teamBoard()], labels: [{ id: "l1", name: "Vidéo", color: "green" }] });
    await user.click(await screen.findByRole("tab", { name: "Tâches" }));
    await user.click(await screen.findByRole("radio", { name: "Par personne" }));
    expect(rowsOf(await screen.findByRole("region", { name: "Inès Laurent" }))).toEqual(["Miniature", "Teaser"]);
    expect(rowsOf(screen.getByRole("region", { name: "Camille Morel" }))).toEqual(["Devis sponsor", "Teaser"]);
    expect(rowsOf(screen.getByRole("region", { name: "Sans personne" }))).toEqual(["Réserver le studio"]);
    await user.click(screen.getByRole("radio", { name: "Par étiquette" }));
    expect(rowsOf(await screen.findByRole("region", { name: "Vidéo" }))).toEqual(["Teaser"]);
  });

  it("ticking a task marks it done, and it leaves the open list", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/planning", { members: [...demoTeam], me: "u1", boards: [teamBoard()] });
    await user.click(await screen.findByRole("tab", { name: "Tâches" }));
    await user.click(await screen.findByRole("checkbox", { name: "Marquer « Teaser » comme terminée" }));
    await waitFor(() => expect(rowsOf(screen.getByRole("region", { name: "Mes tâches" }))).toEqual(["Devis sponsor"]));
    expect(state.args.update_task?.[0]?.fields).toMatchObject({ title: "Teaser", status: "done" });
  });
});
