import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { boardWith, demoTeam } from "../test/fakeBackend";
import { renderApp } from "../test/render";
// The app loads Planning on demand; loaded here, its first test does not wait for it.
import "./PlanningPage";

const file = () => new File(["{}"], "spark-lancements.json", { type: "application/json" });

describe("a Trello board imported", () => {
  it("shows who maps to whom and what stays behind, then opens the new board", async () => {
    const user = userEvent.setup();
    renderApp("/planning", {
      members: [...demoTeam],
      me: "u1",
      boards: [boardWith("Lives", ["À faire"])],
      trelloAnswer: {
        boardName: "SPARK — Lancements",
        columns: ["À faire", "En cours", "Terminé"],
        cards: 5, labels: 3, checklistItems: 4, comments: 2,
        members: [{ trelloName: "Inès Laurent", memberId: "u3" }, { trelloName: "Zoé Freelance", memberId: null }],
        leftOut: { archivedCards: 2, archivedLists: 1, attachments: 1, unknownMembers: ["Zoé Freelance"], unreadableDates: 0, shortened: 0 },
      },
    });
    await user.click(await screen.findByRole("tab", { name: "Tableaux" }));
    await user.upload(await screen.findByTestId("trello-file"), file());
    const dialog = await screen.findByRole("dialog", { name: "Importer le tableau « SPARK — Lancements »" });
    expect(dialog).toHaveAccessibleDescription("5 cartes dans les colonnes À faire · En cours · Terminé ; 4 étapes de checklist, 2 commentaires.");
    expect(within(dialog).getByText("Inès Laurent → Inès Laurent")).toBeInTheDocument();
    expect(within(dialog).getByText(/Zoé Freelance →/)).toHaveTextContent("personne dans l'équipe");
    expect(within(dialog).getByText("2 cartes archivées.")).toBeInTheDocument();
    expect(within(dialog).getByText("1 pièce jointe (elle reste sur Trello).")).toBeInTheDocument();
    await user.click(within(dialog).getByRole("button", { name: "Importer le tableau" }));
    expect(await screen.findByText("5 cartes importées dans « SPARK — Lancements ».")).toBeInTheDocument();
    expect(await screen.findByRole("region", { name: "SPARK — Lancements" })).toBeInTheDocument();
  });

  it("a file that is not a Trello export is refused with where to find the right one", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/planning", { members: [...demoTeam], me: "u1", trelloAnswer: { code: "trello_file", problem: { code: "not_trello" } } });
    await user.click(await screen.findByRole("tab", { name: "Tableaux" }));
    await user.upload(await screen.findByTestId("trello-file"), file());
    expect(await screen.findByText(/n'est pas un export de tableau Trello \(Menu → Imprimer, exporter et partager → Exporter en JSON\)/)).toBeInTheDocument();
    expect(state.calls).not.toContain("import_trello_board");
  });
});
