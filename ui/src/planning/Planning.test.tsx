import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { boardWith, demoTeam } from "../test/fakeBackend";
import { renderApp } from "../test/render";
// The app loads Planning on demand; loaded here, its first test does not wait for it.
import "./PlanningPage";

/** The cards of a column, top to bottom (cards are the list items one can pick up). */
const titles = (column: HTMLElement) =>
  within(column)
    .queryAllByRole("button")
    .filter((element) => element.tagName === "LI")
    .map((card) => card.getAttribute("aria-label"));

describe("the planning boards", () => {
  it("with no board yet, says so and makes one with the usual three columns", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/planning", { members: [...demoTeam], me: "u1" });
    await user.click(await screen.findByRole("tab", { name: "Tableaux" }));
    expect(await screen.findByText("Aucun tableau pour l'instant.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Nouveau tableau" }));
    await user.type(screen.getByLabelText("Nom du tableau"), "Sorties de décembre");
    await user.click(screen.getByRole("button", { name: "Créer" }));
    const board = await screen.findByRole("region", { name: "Sorties de décembre" });
    const columns = within(board).getAllByRole("region").map((c) => c.getAttribute("aria-label"));
    expect(columns).toEqual(["À faire", "En cours", "Terminé"]);
    expect(state.args.create_board?.[0]?.fields).toMatchObject({ columns: [{ status: "todo" }, { status: "in_progress" }, { status: "done" }] });
  });

  it("a card typed at the bottom of a column appears in it", async () => {
    const user = userEvent.setup();
    renderApp("/planning", { boards: [boardWith("Lives", ["À faire", "Fait"])] });
    await user.click(await screen.findByRole("tab", { name: "Tableaux" }));
    const todo = await screen.findByRole("region", { name: "À faire" });
    await user.type(within(todo).getByLabelText("Ajouter une carte…"), "Préparer le live de Nadia{Enter}");
    expect(await within(todo).findByRole("button", { name: "Préparer le live de Nadia" })).toBeInTheDocument();
    expect(within(todo).getByLabelText("Ajouter une carte…")).toHaveValue("");
  });

  it("Alt + arrows move a focused card down its column and into the next one, and the move is kept", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/planning", { boards: [boardWith("Lives", ["À faire", "En cours"], { 0: ["Teaser", "Visuel", "Mix"], 1: ["Montage"] })] });
    await user.click(await screen.findByRole("tab", { name: "Tableaux" }));
    const todo = await screen.findByRole("region", { name: "À faire" });
    within(todo).getByRole("button", { name: "Teaser" }).focus();
    await user.keyboard("{Alt>}{ArrowDown}{/Alt}");
    await waitFor(() => expect(titles(todo)).toEqual(["Visuel", "Teaser", "Mix"]));
    expect(state.args.move_card?.[0]).toEqual({ taskId: "t0-0", columnId: "c0", after: "t0-1", before: "t0-2" });

    await user.keyboard("{Alt>}{ArrowRight}{/Alt}");
    const doing = screen.getByRole("region", { name: "En cours" });
    await waitFor(() => expect(titles(doing)).toEqual(["Montage", "Teaser"]));
    expect(titles(todo)).toEqual(["Visuel", "Mix"]);
    expect(screen.getByText("« Teaser » déplacée dans « En cours ».")).toBeInTheDocument();
    expect(document.activeElement).toHaveAccessibleName("Teaser");
  });

  it("a column over its work-in-progress limit says so", async () => {
    const user = userEvent.setup();
    renderApp("/planning", { boards: [boardWith("Lives", ["En cours"], { 0: ["A", "B", "C"] }, { 0: 2 })] });
    await user.click(await screen.findByRole("tab", { name: "Tableaux" }));
    const doing = await screen.findByRole("region", { name: "En cours" });
    expect(within(doing).getByText("3 / 2")).toHaveAttribute("title", "Limite de travail en cours dépassée");
  });

  it("a guest sees the board but no way to add a card or a board", async () => {
    const user = userEvent.setup();
    renderApp("/planning", { members: [...demoTeam, { ...demoTeam[0]!, id: "u9", name: "Invitée", role: "guest" }], me: "u9", boards: [boardWith("Lives", ["À faire"], { 0: ["Teaser"] })] });
    await user.click(await screen.findByRole("tab", { name: "Tableaux" }));
    const todo = await screen.findByRole("region", { name: "À faire" });
    expect(within(todo).getByRole("button", { name: "Teaser" })).toBeInTheDocument();
    await waitFor(() => expect(within(todo).queryByLabelText("Ajouter une carte…")).not.toBeInTheDocument());
    expect(screen.queryByRole("button", { name: "Nouveau tableau" })).not.toBeInTheDocument();
  });
});

describe("the board's filters and swimlanes", () => {
  it("typing filters the cards without their accents, and lanes by person put each card in its person's row", async () => {
    const user = userEvent.setup();
    const board = boardWith("Lives", ["À faire", "En cours"], { 0: ["Répétition générale", "Mix"], 1: ["Miniature"] });
    board.columns[0]!.cards[0]!.fields.assignees = ["u3"];
    board.columns[1]!.cards[0]!.fields.assignees = ["u3", "u1"];
    renderApp("/planning", { members: [...demoTeam], me: "u1", boards: [board] });
    await user.click(await screen.findByRole("tab", { name: "Tableaux" }));
    const todo = await screen.findByRole("region", { name: "À faire" });
    await user.type(screen.getByRole("searchbox", { name: "Filtrer les cartes…" }), "repetition");
    await waitFor(() => expect(titles(todo)).toEqual(["Répétition générale"]));
    await user.clear(screen.getByRole("searchbox", { name: "Filtrer les cartes…" }));
    await user.click(screen.getByLabelText("Couloirs par personne"));
    const ines = await screen.findByRole("region", { name: "Couloir : Inès Laurent" });
    expect(within(ines).getAllByRole("button").map((c) => c.getAttribute("aria-label"))).toEqual(["Répétition générale", "Miniature"]);
    const nobody = screen.getByRole("region", { name: "Couloir : Sans personne" });
    expect(within(nobody).getAllByRole("button").map((c) => c.getAttribute("aria-label"))).toEqual(["Mix"]);
  });
});

describe("a board's columns", () => {
  it("are added, limited and removed without losing a card", async () => {
    const user = userEvent.setup();
    renderApp("/planning", { members: [...demoTeam], me: "u1", boards: [boardWith("Lives", ["À faire", "En cours"], { 1: ["Teaser", "Mix", "Miniature"] })] });
    await user.click(await screen.findByRole("tab", { name: "Tableaux" }));
    await user.type(await screen.findByLabelText("Ajouter une colonne…"), "Relecture{Enter}");
    expect(await screen.findByRole("region", { name: "Relecture" })).toBeInTheDocument();

    await user.click(screen.getByRole("button", { name: "Réglages de la colonne En cours" }));
    const dialog = await screen.findByRole("dialog", { name: "Colonne « En cours »" });
    await user.type(within(dialog).getByLabelText("Limite de cartes en cours"), "2");
    await user.click(within(dialog).getByRole("button", { name: "Enregistrer" }));
    const doing = await screen.findByRole("region", { name: "En cours" });
    expect(await within(doing).findByText("3 / 2")).toBeInTheDocument();

    await user.click(within(doing).getByRole("button", { name: "Réglages de la colonne En cours" }));
    await user.click(await screen.findByRole("button", { name: "Supprimer la colonne" }));
    const confirm = await screen.findByRole("alertdialog", { name: "Supprimer la colonne « En cours » ?" });
    await user.click(within(confirm).getByRole("button", { name: "Supprimer la colonne" }));
    const todo = await screen.findByRole("region", { name: "À faire" });
    await waitFor(() => expect(titles(todo)).toEqual(["Teaser", "Mix", "Miniature"]));
  });
});
