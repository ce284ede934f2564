import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demoTeam, handle } from "../test/fakeBackend";
import { renderApp } from "../test/render";

function renderPipeline(route = "/crm/pipeline") {
  const view = renderApp(route);
  handle(view.state, "load_demo_data", {});
  return view;
}

const column = (name: string) => screen.findByRole("region", { name });

describe("the prospecting pipeline", () => {
  it("shows every stage as a column with its cards, and flags a prospect with nothing planned", async () => {
    renderPipeline();
    const discussing = await column("En discussion");
    expect(await within(discussing).findByRole("button", { name: "Noé Lacroix" })).toBeInTheDocument();
    expect(within(discussing).getByText("Aucune prochaine action")).toBeInTheDocument();
    const signed = await column("Signé");
    expect(within(signed).getByRole("button", { name: "Kenza B." })).toBeInTheDocument();
    expect(within(signed).queryByText("Aucune prochaine action")).not.toBeInTheDocument();
  });

  it("Alt + arrow moves a card to the next stage, and says so", async () => {
    const user = userEvent.setup();
    const { state } = renderPipeline();
    const contacted = await column("Contacté");
    within(contacted).getByRole("button", { name: "Maëlle Roux" }).focus();
    await user.keyboard("{Alt>}{ArrowRight}{/Alt}");
    const discussing = await column("En discussion");
    await waitFor(() => expect(within(discussing).getByRole("button", { name: "Maëlle Roux" })).toBeInTheDocument());
    expect(await screen.findByText("Maëlle Roux passe en « En discussion ».")).toBeInTheDocument();
    expect(state.args.move_artist_stage?.[0]).toMatchObject({ stageId: "s-in_discussion", lostReason: null });
  });

  it("moving an artist to Lost from the card asks why, and the card says it", async () => {
    const user = userEvent.setup();
    const { state } = renderPipeline();
    const elodie = state.artists.find((a) => a.fields.name === "Élodie Mars");
    window.location.hash = `#/crm/artists/${elodie?.id}`;
    const pipeline = await screen.findByRole("region", { name: "Pipeline" });
    await user.selectOptions(within(pipeline).getByLabelText("Étape"), "Perdu");
    const dialog = await screen.findByRole("dialog", { name: "Élodie Mars : passer en « Perdu »" });
    await user.click(within(dialog).getByRole("button", { name: "Confirmer" }));
    expect(within(dialog).getByText("Ce champ est obligatoire.")).toBeInTheDocument();
    await user.type(within(dialog).getByLabelText("Raison"), "Signée chez un autre label{Enter}");
    expect(await within(pipeline).findByText("Perdu : Signée chez un autre label")).toBeInTheDocument();
    await user.click(within(pipeline).getByText(/Historique des étapes/));
    expect(within(pipeline).getByText(/Signée chez un autre label/, { selector: "span" })).toBeInTheDocument();
  });

  it("a next action planned on the card is a task in Planning, and the flag goes away", async () => {
    const user = userEvent.setup();
    const { state } = renderPipeline();
    state.me = demoTeam[0]?.id ?? null;
    const noe = state.artists.find((a) => a.fields.name === "Noé Lacroix");
    window.location.hash = `#/crm/artists/${noe?.id}`;
    const pipeline = await screen.findByRole("region", { name: "Pipeline" });
    expect(await within(pipeline).findByText("Aucune prochaine action")).toBeInTheDocument();
    await user.type(within(pipeline).getByLabelText("Prochaine action"), "Envoyer la proposition Boost");
    await user.click(within(pipeline).getByRole("button", { name: "Planifier" }));
    expect(await screen.findByText("« Envoyer la proposition Boost » est dans le Planning.")).toBeInTheDocument();
    await waitFor(() => expect(within(pipeline).queryByText("Aucune prochaine action")).not.toBeInTheDocument());
    expect(state.nextActions[0]?.fields).toMatchObject({ artistId: noe?.id, assignees: [demoTeam[0]?.id] });
  });

  it("the conversion report is read only when opened", async () => {
    const user = userEvent.setup();
    const { state } = renderPipeline();
    await column("Signé");
    expect(state.calls).not.toContain("pipeline_report");
    await user.click(screen.getByText("Conversion et temps passé par étape"));
    expect(await screen.findByText("Conversion : 2 signé(s) sur 4 (50 %)")).toBeInTheDocument();
    expect(screen.getByRole("table", { name: "Conversion et temps passé par étape" })).toBeInTheDocument();
  });

  it("the list view pages through one stage", async () => {
    const user = userEvent.setup();
    renderPipeline();
    await user.click(await screen.findByRole("button", { name: "Liste" }));
    const grid = await screen.findByRole("grid", { name: "Prospects par étape" });
    await waitFor(() => expect(within(grid).getAllByRole("row")).toHaveLength(5));
    await user.selectOptions(screen.getByLabelText("Étape"), "Signé");
    await waitFor(() => expect(within(grid).getAllByRole("row")).toHaveLength(3));
  });
});

describe("pipeline stages in the settings", () => {
  it("an admin renames a stage and adds one before Lost", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings");
    const section = await screen.findByRole("region", { name: "Étapes du pipeline" });
    const identified = await within(section).findByRole("form", { name: "Repéré" });
    await user.type(within(identified).getByLabelText("Nom"), "Repéré sur Twitch");
    await user.click(within(identified).getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(state.stages[0]?.label).toBe("Repéré sur Twitch"));
    await user.type(within(section).getByLabelText("Nom de la nouvelle étape"), "Maquette reçue");
    await user.click(within(section).getByRole("button", { name: "Ajouter une étape" }));
    await waitFor(() => expect(state.stages.map((s) => s.label ?? s.preset).slice(-2)).toEqual(["Maquette reçue", "lost"]));
  });

  it("the last lost stage cannot go, and the reason is said", async () => {
    const user = userEvent.setup();
    renderApp("/settings");
    const section = await screen.findByRole("region", { name: "Étapes du pipeline" });
    await user.click(await within(section).findByRole("button", { name: "Supprimer « Perdu »" }));
    const dialog = await screen.findByRole("dialog", { name: "Supprimer l'étape « Perdu » ?" });
    await user.click(within(dialog).getByRole("button", { name: "Supprimer" }));
    expect(await screen.findByText(/au moins une étape de chaque type/)).toBeInTheDocument();
  });

  it("a streamer sees the stages but cannot change them", async () => {
    renderApp("/settings", { members: demoTeam, me: "u3" });
    const section = await screen.findByRole("region", { name: "Étapes du pipeline" });
    expect(await within(section).findByText("Seuls les admins et les managers peuvent modifier les étapes.")).toBeInTheDocument();
    expect(within(section).queryByRole("button", { name: "Ajouter une étape" })).not.toBeInTheDocument();
  });
});
