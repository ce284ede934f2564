import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demoArtists, handle } from "../test/fakeBackend";
import { renderApp } from "../test/render";

function renderCrm(route = "/crm") {
  const view = renderApp(route);
  handle(view.state, "load_demo_data", {});
  return view;
}

const grid = () => screen.findByRole("grid", { name: "Artistes" });
const names = async () =>
  within(await grid())
    .getAllByRole("row")
    .slice(1)
    .map((row) => within(row).getAllByRole("gridcell")[0]?.textContent);

describe("artists in the CRM", () => {
  it("lists artists sorted by name, with the count", async () => {
    renderCrm();
    await waitFor(async () => expect(await names()).toEqual(["Élodie Mars", "Kenza B.", "Maëlle Roux", "Noé Lacroix"]));
    expect(within(screen.getByRole("main")).getByRole("status")).toHaveTextContent(`${demoArtists.length} artistes`);
  });

  it("sorts by a column and reverses on a second click", async () => {
    const user = userEvent.setup();
    renderCrm();
    await screen.findByText("Élodie Mars");
    await user.click(screen.getByRole("button", { name: "Trier par Audience" }));
    await waitFor(async () => expect((await names())[0]).toBe("Maëlle Roux"));
    await user.click(screen.getByRole("button", { name: "Trier par Audience" }));
    await waitFor(async () => expect((await names())[0]).toBe("Kenza B."));
  });

  it("artist found by name without accent while typing", async () => {
    const user = userEvent.setup();
    renderCrm();
    await screen.findByText("Élodie Mars");
    await user.type(screen.getByRole("searchbox", { name: "Rechercher un artiste" }), "maelle");
    await waitFor(async () => expect(await names()).toEqual(["Maëlle Roux"]));
  });

  it("says so when nothing matches the search", async () => {
    const user = userEvent.setup();
    renderCrm();
    await screen.findByText("Élodie Mars");
    await user.type(screen.getByRole("searchbox"), "zzz");
    expect(await screen.findByText("Aucun artiste ne correspond à « zzz »."));
  });

  it("creating an artist shows the core's validation errors inline and keeps what was typed", async () => {
    const user = userEvent.setup();
    renderCrm("/crm/artists/new");
    const form = await screen.findByRole("form", { name: "Nouvel artiste" });
    await user.type(within(form).getByLabelText("E-mail"), "pas-un-mail");
    await user.click(within(form).getByRole("button", { name: "Ajouter un compte" }));
    await user.type(within(form).getByLabelText("Abonnés"), "beaucoup");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(await within(form).findByText("Saisissez un nombre entier positif.")).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Retirer ce compte" }));
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(await within(form).findByText("Ce champ est obligatoire.")).toBeInTheDocument();
    expect(within(form).getByLabelText("Nom de scène")).toHaveAttribute("aria-invalid", "true");
    expect(within(form).getByLabelText("E-mail")).toHaveValue("pas-un-mail");
  });

  it("a card names the people around the artist, the languages and who follows them", async () => {
    const user = userEvent.setup();
    const { state } = renderCrm("/crm/artists/new");
    const form = await screen.findByRole("form", { name: "Nouvel artiste" });
    await user.type(within(form).getByLabelText("Nom de scène"), "Kenza B.");
    await user.type(within(form).getByLabelText("Langues"), "fr, en");
    await user.selectOptions(within(form).getByLabelText("Suivi par"), "Yanis Belkacem");
    await user.click(within(form).getByRole("button", { name: "Ajouter un contact" }));
    const contact = within(form).getByRole("group", { name: "Contact 1" });
    await user.selectOptions(within(contact).getByLabelText("Rôle"), "label");
    await user.type(within(contact).getByLabelText("Nom"), "Julie Caron");
    await user.type(within(contact).getByLabelText("Société"), "Nuit Blanche Records");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    const card = await screen.findByRole("article");
    expect(await within(card).findByText("Julie Caron")).toBeInTheDocument();
    expect(within(card).getByText("Label")).toBeInTheDocument();
    expect(within(card).getByText("Suivi par").parentElement).toHaveTextContent("Yanis Belkacem");
    expect(state.args.create_artist?.[0]).toMatchObject({ fields: { languages: ["fr", " en"], ownerId: "u2" } });
  });

  it("the list filtered by stage and score shows only those cards, and says so when none is left", async () => {
    const user = userEvent.setup();
    renderCrm();
    await waitFor(async () => expect(await names()).toHaveLength(4));
    await user.selectOptions(screen.getByLabelText("Étape"), "Signé");
    await waitFor(async () => expect(await names()).toEqual(["Élodie Mars", "Kenza B."]));
    expect(within(screen.getByRole("main")).getByRole("status")).toHaveTextContent("2 artistes");
    await user.type(screen.getByLabelText("Score min."), "30");
    await waitFor(async () => expect(await names()).toEqual(["Kenza B."]));
    await user.clear(screen.getByLabelText("Score min."));
    await user.type(screen.getByLabelText("Score min."), "99");
    expect(await screen.findByText("Aucun artiste ne correspond à ces filtres.")).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Effacer les filtres" }));
    await waitFor(async () => expect(await names()).toHaveLength(4));
  });

  it("a view saved with its filters comes back in one click, for the whole team", async () => {
    const user = userEvent.setup();
    const { state } = renderCrm();
    await waitFor(async () => expect(await names()).toHaveLength(4));
    await user.selectOptions(screen.getByLabelText("Étape"), "Signé");
    await user.type(screen.getByLabelText("Nom de la vue"), "Signés");
    await user.click(screen.getByRole("button", { name: "Sauvegarder la vue" }));
    expect(await screen.findByText("Vue « Signés » enregistrée pour toute l'équipe.")).toBeInTheDocument();
    expect(state.views[0]?.query.filters.stageIds).toEqual(["s-signed"]);
    await user.click(screen.getByRole("button", { name: "Effacer les filtres" }));
    await waitFor(async () => expect(await names()).toHaveLength(4));
    await user.selectOptions(screen.getByLabelText("Vue"), "Signés");
    await waitFor(async () => expect(await names()).toEqual(["Élodie Mars", "Kenza B."]));
  });

  it("a tag put on a new card shows in the tags column once chosen, and filters the list", async () => {
    const user = userEvent.setup();
    const { state } = renderCrm("/crm/artists/new");
    const form = await screen.findByRole("form", { name: "Nouvel artiste" });
    await user.type(within(form).getByLabelText("Nom de scène"), "Anaïs Fontaine");
    await user.type(within(form).getByLabelText("Ajouter une étiquette…"), "Tournée 2027{Enter}");
    expect(await within(form).findByRole("button", { name: "Retirer l'étiquette Tournée 2027" })).toBeInTheDocument();
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByRole("heading", { name: "Anaïs Fontaine", level: 2 })).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Étiquettes" })).getByText("Tournée 2027")).toBeInTheDocument();

    await user.click(screen.getByText("Colonnes"));
    await user.click(screen.getByRole("checkbox", { name: "Étiquettes" }));
    expect(state.settings.artistColumns).toContain("tags");
    expect(await within(await grid()).findByText("Tournée 2027")).toBeInTheDocument();
    await user.keyboard("{Escape}");
    expect(screen.queryByRole("checkbox", { name: "Étiquettes" })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByRole("combobox", { name: "Étiquettes" }), "Tournée 2027");
    await waitFor(async () => expect(await names()).toEqual(["Anaïs Fontaine"]));
  });

  it("filters by genre whatever its case, and by who was not contacted for a month", async () => {
    const user = userEvent.setup();
    const { state } = renderCrm();
    await waitFor(async () => expect(await names()).toHaveLength(4));
    await user.selectOptions(screen.getByLabelText("Genres"), "rap (1)");
    await waitFor(async () => expect(await names()).toEqual(["Noé Lacroix"]));
    await user.click(screen.getByRole("button", { name: "Effacer les filtres" }));

    const noe = state.artists.find((a) => a.fields.name === "Noé Lacroix")!;
    handle(state, "log_interaction", {
      fields: { party: { artist: noe.id }, kind: "call", direction: "outbound", summary: "Point sur l'EP", occurredAt: new Date().toISOString() },
    });
    await user.selectOptions(screen.getByLabelText("Dernier contact"), "Pas depuis 30 jours");
    await waitFor(async () => expect(await names()).toEqual(["Élodie Mars", "Kenza B.", "Maëlle Roux"]));
  });

  it("an artist found by what was said in an exchange shows the passage and its day under the name", async () => {
    const user = userEvent.setup();
    const { state } = renderCrm();
    await waitFor(async () => expect(await names()).toHaveLength(4));
    const noe = state.artists.find((a) => a.fields.name === "Noé Lacroix")!;
    handle(state, "log_interaction", {
      fields: { party: { artist: noe.id }, kind: "call", direction: "inbound", summary: "Son manager confirme une date à Montréal", occurredAt: "2026-11-20T10:00:00Z" },
    });
    await user.type(screen.getByRole("searchbox", { name: "Rechercher un artiste" }), "montreal");
    const hint = await screen.findByTestId("found-in");
    expect(hint).toHaveTextContent("Échange du 20 nov. 2026 : « Son manager confirme une date à Montréal »");
    expect(within(await grid()).getAllByRole("row")).toHaveLength(2);
  });

  it("creates an artist and opens the new card", async () => {
    const user = userEvent.setup();
    renderCrm("/crm/artists/new");
    const form = await screen.findByRole("form", { name: "Nouvel artiste" });
    await user.type(within(form).getByLabelText("Nom de scène"), "Anaïs Fontaine");
    await user.type(within(form).getByLabelText("Ville"), "Lille");
    await user.click(within(form).getByRole("button", { name: "Ajouter un compte" }));
    await user.selectOptions(within(form).getByLabelText("Plateforme"), "TikTok");
    await user.type(within(form).getByLabelText("Identifiant ou lien"), "@anais.fontaine");
    await user.type(within(form).getByLabelText("Abonnés"), "15 300");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByRole("heading", { name: "Anaïs Fontaine", level: 2 })).toBeInTheDocument();
    expect(await screen.findByText("Anaïs Fontaine a été ajouté·e.")).toBeInTheDocument();
    const card = screen.getByRole("article");
    expect(within(card).getByText("TikTok")).toBeInTheDocument();
    expect(within(card).getByText("15 300 abonnés")).toBeInTheDocument();
  });

  it("edits a card", async () => {
    const user = userEvent.setup();
    const { state } = renderCrm();
    const id = state.artists[0]?.id ?? "";
    window.location.hash = `#/crm/artists/${id}`;
    await user.click(await screen.findByRole("button", { name: "Modifier" }));
    const form = await screen.findByRole("form", { name: "Modifier Élodie Mars" });
    await user.clear(within(form).getByLabelText("Ville"));
    await user.type(within(form).getByLabelText("Ville"), "Villeurbanne");
    await user.selectOptions(within(form).getByLabelText("Garder le contact"), "Tous les 30 jours");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByText("Modifications enregistrées.")).toBeInTheDocument();
    expect(state.artists[0]?.fields.city).toBe("Villeurbanne");
    expect(state.artists[0]?.fields.contactEveryDays).toBe(30);
  });

  it("deleting asks first, then offers undo, and undo brings the artist back", async () => {
    const user = userEvent.setup();
    renderCrm();
    await user.click(await screen.findByText("Kenza B."));
    await user.click(await screen.findByRole("button", { name: "Supprimer" }));
    const dialog = await screen.findByRole("alertdialog", { name: "Supprimer Kenza B. ?" });
    await user.click(within(dialog).getByRole("button", { name: "Supprimer" }));
    await waitFor(async () => expect(await names()).not.toContain("Kenza B."));
    await user.click(await screen.findByRole("button", { name: "Annuler" }));
    await waitFor(async () => expect(await names()).toContain("Kenza B."));
    expect(await screen.findByText("Kenza B. est de retour.")).toBeInTheDocument();
  });

  it("cancelling the confirmation deletes nothing", async () => {
    const user = userEvent.setup();
    const { state } = renderCrm();
    await user.click(await screen.findByText("Noé Lacroix"));
    await user.click(await screen.findByRole("button", { name: "Supprimer" }));
    await user.click(within(await screen.findByRole("alertdialog")).getByRole("button", { name: "Garder" }));
    expect(state.calls).not.toContain("delete_artist");
  });

  it("the card explains its score line by line, with what each line measured", async () => {
    const user = userEvent.setup();
    renderCrm();
    await user.click(await screen.findByText("Noé Lacroix"));
    const explanation = await screen.findByRole("region", { name: "Comment ce score est calculé" });
    expect(within(explanation).getByText("Audience")).toBeInTheDocument();
    expect(within(explanation).getByText(/^152.000 abonnés sur tous les comptes$/)).toBeInTheDocument();
  });
});

describe("who follows an artist", () => {
  it("a manager names Inès responsible for an artist on the card, and the part can change", async () => {
    const user = userEvent.setup();
    const view = renderApp("/crm");
    handle(view.state, "load_demo_data", {});
    handle(view.state, "choose_me", { id: "u1" });
    const first = view.state.artists[0]!;
    window.location.hash = `#/crm/artists/${first.id}`;
    const parts = await screen.findByRole("region", { name: "Responsabilités" });
    expect(within(parts).getByText("Personne n'est encore nommé.")).toBeInTheDocument();
    await user.selectOptions(await within(parts).findByLabelText("Personne"), "Inès Laurent");
    await user.click(within(parts).getByRole("button", { name: "Nommer" }));
    expect(await within(parts).findByLabelText("Rôle de Inès Laurent")).toHaveDisplayValue("Responsable");
    await user.selectOptions(within(parts).getByLabelText("Rôle de Inès Laurent"), "Informé·e");
    await waitFor(() => expect(view.state.responsibilities[`artist:${first.id}`]).toEqual([{ userId: "u3", part: "informed" }]));
  });
});

describe("the history of exchanges on a card", () => {
  it("a call is logged from the card, shows first, and a removal can be undone", async () => {
    const user = userEvent.setup();
    const { state } = renderCrm();
    await user.click(await screen.findByText("Noé Lacroix"));
    const history = await screen.findByRole("region", { name: "Historique des échanges" });
    expect(within(history).getByText("Aucun échange noté pour l'instant.")).toBeInTheDocument();

    const form = within(history).getByRole("form", { name: "Noter un échange" });
    await user.click(within(form).getByRole("button", { name: "Noter" }));
    expect(await within(form).findByText("Ce champ est obligatoire.")).toBeInTheDocument();
    await user.type(within(form).getByLabelText("Ce qui s'est dit"), "Partant pour la campagne Boost");
    await user.click(within(form).getByRole("button", { name: "Noter" }));
    expect(await within(history).findByText("Partant pour la campagne Boost")).toBeInTheDocument();
    const logged = within(history).getByRole("listitem");
    expect(within(logged).getByText("Appel")).toBeInTheDocument();
    expect(within(logged).getByText("Envoyé par nous")).toBeInTheDocument();
    expect(within(form).getByLabelText("Ce qui s'est dit")).toHaveValue("");
    expect(state.args.log_interaction?.[1]?.fields).toMatchObject({ kind: "call", direction: "outbound", party: { kind: "artist" } });

    await user.click(within(history).getByRole("button", { name: "Retirer cet échange" }));
    await waitFor(() => expect(within(history).queryByText("Partant pour la campagne Boost")).not.toBeInTheDocument());
    const removed = (await screen.findByText("Échange retiré.")).closest("li") as HTMLElement;
    await user.click(within(removed).getByRole("button", { name: "Annuler" }));
    expect(await within(history).findByText("Partant pour la campagne Boost")).toBeInTheDocument();
  });

  it("the card charts the score week by week, with the values readable as a table", async () => {
    const user = userEvent.setup();
    renderCrm();
    await user.click(await screen.findByText("Noé Lacroix"));
    const chart = await screen.findByRole("figure", { name: "Score sur 26 semaines" });
    expect(within(chart).getAllByRole("row")).toHaveLength(27);
  });
});

describe("the artist list taken to a spreadsheet", () => {
  it("exports what the list shows, headed in French with semicolons, and says where the file is", async () => {
    const user = userEvent.setup();
    const { state } = renderCrm();
    await screen.findByText("Élodie Mars");
    await user.type(screen.getByRole("searchbox", { name: "Rechercher un artiste" }), "maelle");
    await user.click(screen.getByRole("button", { name: "Trier par Score" }));
    await user.click(screen.getByRole("button", { name: "Exporter (.csv)" }));
    expect(await screen.findByText("Liste exportée : /home/camille/Téléchargements/mona-spark-artistes-2026-12-02.csv")).toBeInTheDocument();
    const sent = state.args.export_artists?.[0];
    expect(sent?.query).toMatchObject({ search: "maelle", sort: "score" });
    expect(sent?.layout).toMatchObject({
      separator: "semicolon",
      columns: [["name", "Nom"], ["city", "Ville"], ["stage", "Étape"], ["genres", "Genres"], ["audience", "Audience"], ["score", "Score"]],
    });
  });
});
