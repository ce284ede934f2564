import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { boardWith, demoTeam, handle } from "../test/fakeBackend";
import { renderApp } from "../test/render";
// The app loads Planning on demand; loaded here, its first test does not wait for it.
import "./PlanningPage";

async function openTeaser() {
  const user = userEvent.setup();
  const rendered = renderApp("/planning", { members: [...demoTeam], me: "u1", boards: [boardWith("Lives", ["À faire", "En cours"], { 0: ["Teaser de Nadia"] })] });
  await user.click(await screen.findByRole("tab", { name: "Tableaux" }));
  await user.click(await screen.findByRole("button", { name: "Teaser de Nadia" }));
  const panel = await screen.findByRole("dialog", { name: "Teaser de Nadia" });
  return { user, panel, ...rendered };
}

describe("a task's panel", () => {
  it("opens from its card, and its steps are added, ticked and counted", async () => {
    const { user, panel } = await openTeaser();
    const steps = within(panel).getByRole("region", { name: "Étapes" });
    for (const step of ["Exporter le mix", "Envoyer au label"]) {
      await user.type(within(steps).getByLabelText("Ajouter une étape…"), `${step}{Enter}`);
      await within(steps).findByLabelText(step);
    }
    await user.click(within(steps).getByLabelText("Exporter le mix"));
    await waitFor(() => expect(within(steps).getByLabelText("Exporter le mix")).toBeChecked());
    expect(within(steps).getByText("1/2")).toBeInTheDocument();
    await user.click(within(steps).getByRole("button", { name: "Retirer l'étape « Envoyer au label »" }));
    await waitFor(() => expect(within(steps).queryByLabelText("Envoyer au label")).not.toBeInTheDocument());
  });

  it("a comment in Markdown shows bold as bold, signed by the person here", async () => {
    const { user, panel } = await openTeaser();
    const comments = within(panel).getByRole("region", { name: "Commentaires" });
    expect(within(comments).getByText("Aucun commentaire pour l'instant.")).toBeInTheDocument();
    await user.type(within(comments).getByLabelText("Écrire un commentaire (Markdown)…"), "Le label veut le teaser **jeudi**");
    await user.click(within(comments).getByRole("button", { name: "Commenter" }));
    const comment = await within(comments).findByRole("listitem", { name: "Commentaire de Camille Morel" });
    expect(within(comment).getByText("jeudi").tagName).toBe("STRONG");
  });

  it("its description and priority are saved together, and an empty title is refused without losing them", async () => {
    const { user, panel, state } = await openTeaser();
    await user.click(within(panel).getByRole("button", { name: "Modifier" }));
    await user.type(within(panel).getByLabelText("Description"), "- format 9:16{Enter}- sous-titres");
    await user.selectOptions(within(panel).getByLabelText("Priorité"), "Haute");
    await user.clear(within(panel).getByLabelText("Titre"));
    await user.click(within(panel).getByRole("button", { name: "Enregistrer" }));
    expect(await within(panel).findByText("Ce champ est obligatoire.")).toBeInTheDocument();
    expect(within(panel).getByLabelText("Description")).toHaveValue("- format 9:16\n- sous-titres");
    await user.type(within(panel).getByLabelText("Titre"), "Teaser vertical de Nadia");
    await user.click(within(panel).getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Tâche enregistrée.")).toBeInTheDocument();
    expect(state.args.update_task?.at(-1)?.fields).toMatchObject({ title: "Teaser vertical de Nadia", priority: "high", description: "- format 9:16\n- sous-titres" });
    const saved = await screen.findByRole("dialog", { name: "Teaser vertical de Nadia" });
    expect(within(within(saved).getByTestId("task-description")).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["format 9:16", "sous-titres"]);
  });

  it("a task is linked to an artist and a sponsor found without accents, and labelled with a new label", async () => {
    const { user, panel, state } = await openTeaser();
    handle(state, "load_demo_data", {});
    state.sponsors = [{ kind: "sponsor", id: "s1", name: "Vélo Urbain Lyon", hint: "velo-urbain.fr", at: null }];
    const search = within(panel).getByRole("combobox", { name: "Lier à un artiste, un sponsor, un événement ou un contenu…" });
    await user.type(search, "elodie");
    await user.click(await within(panel).findByRole("option", { name: /Élodie Mars/ }));
    expect(await within(panel).findByRole("link", { name: "Élodie Mars" })).toBeInTheDocument();
    await user.type(search, "velo");
    const sponsors = await within(panel).findByRole("group", { name: "Sponsor" });
    expect(within(sponsors).getByRole("option")).toHaveTextContent("Vélo Urbain Lyon· velo-urbain.fr");
    await user.keyboard("{Enter}");
    const linked = within(panel).getByRole("list", { name: "Lié à" });
    expect(within(linked).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["ArtisteÉlodie Mars", "SponsorVélo Urbain Lyon"]);
    await user.type(within(panel).getByLabelText("Ajouter une étiquette…"), "Vidéo{Enter}");
    expect(await within(panel).findByRole("button", { name: "Retirer l'étiquette Vidéo" })).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Enregistrer" }));
    const elodie = state.artists.find((a) => a.fields.name === "Élodie Mars")?.id;
    await waitFor(() => expect(state.args.update_task?.at(-1)?.fields).toMatchObject({ artistId: elodie, sponsorId: "s1", eventId: null, labels: [state.labels[0]?.id] }));
    // Reopened, the task names what it is linked to; unlinking the artist keeps the sponsor.
    const saved = await screen.findByRole("dialog", { name: "Teaser de Nadia" });
    await user.click(within(saved).getByRole("button", { name: "Délier Élodie Mars" }));
    await user.click(within(saved).getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(state.args.update_task?.at(-1)?.fields).toMatchObject({ artistId: null, sponsorId: "s1" }));
  });

  it("a search that finds nothing says so", async () => {
    const { user, panel } = await openTeaser();
    await user.type(within(panel).getByRole("combobox", { name: /Lier à un artiste/ }), "zzz");
    expect(await within(panel).findByText("Rien ne correspond à « zzz ».")).toBeInTheDocument();
  });

  it("a guest reads the task but changes nothing", async () => {
    const user = userEvent.setup();
    renderApp("/planning", {
      members: [...demoTeam, { ...demoTeam[0]!, id: "u9", name: "Invitée", role: "guest" }],
      me: "u9",
      boards: [boardWith("Lives", ["À faire"], { 0: ["Teaser de Nadia"] })],
    });
    await user.click(await screen.findByRole("tab", { name: "Tableaux" }));
    await user.click(await screen.findByRole("button", { name: "Teaser de Nadia" }));
    const panel = await screen.findByRole("dialog", { name: "Teaser de Nadia" });
    await waitFor(() => expect(within(panel).getByLabelText("Titre")).toBeDisabled());
    expect(within(panel).queryByRole("button", { name: "Enregistrer" })).not.toBeInTheDocument();
    expect(within(panel).queryByLabelText("Ajouter une étape…")).not.toBeInTheDocument();
    expect(within(panel).queryByRole("button", { name: "Supprimer la tâche" })).not.toBeInTheDocument();
  });
});
