import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { handle } from "../test/fakeBackend";
import { renderApp } from "../test/render";

function withLumiere() {
  const view = renderApp("/crm/sponsors");
  const sponsor = handle(view.state, "create_sponsor", {
    fields: {
      name: "Studio Lumière", website: "https://studio-lumiere.fr", status: "active", notes: "", ownerId: null,
      contacts: [{ id: null, name: "Claire Fontaine", role: "Responsable marketing", email: "claire@studio-lumiere.fr", phone: null }],
    },
  }) as { id: string };
  return { ...view, id: sponsor.id };
}

describe("sponsors in the CRM", () => {
  it("a sponsor is created with a contact, and a bad website is refused on its field", async () => {
    const user = userEvent.setup();
    renderApp("/crm/sponsors");
    await user.click(await screen.findByRole("button", { name: "Nouveau sponsor" }));
    const form = await screen.findByRole("form", { name: "Nouveau sponsor" });
    await user.type(within(form).getByLabelText("Nom de l'entreprise"), "Casques Onde");
    await user.type(within(form).getByLabelText("Site web"), "casques onde");
    await user.click(within(form).getByRole("button", { name: "Ajouter un contact" }));
    await user.type(within(form).getByLabelText("Nom"), "Hugo Lemoine");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(await within(form).findByText(/Adresse web invalide/)).toBeInTheDocument();
    await user.clear(within(form).getByLabelText("Site web"));
    await user.type(within(form).getByLabelText("Site web"), "https://casques-onde.fr");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(await screen.findByRole("heading", { name: "Casques Onde" })).toBeInTheDocument();
    expect(screen.getByText("Hugo Lemoine")).toBeInTheDocument();
    expect(within(screen.getByRole("list", { name: "Sponsors" })).getByText("Casques Onde")).toBeInTheDocument();
  });

  it("a deal added to a sponsor counts weighted by its stage's chance", async () => {
    const user = userEvent.setup();
    const { id } = withLumiere();
    window.location.hash = `#/crm/sponsors/${id}`;
    const deals = await screen.findByRole("region", { name: "Affaires" });
    await user.type(within(deals).getByLabelText("Nouvelle affaire"), "Live de rentrée");
    await user.type(within(deals).getByLabelText("Montant (€)"), "2 500");
    await user.click(within(deals).getByRole("button", { name: "Ajouter" }));
    expect(await within(deals).findByText("Live de rentrée")).toBeInTheDocument();
    expect(within(deals).getByText(/10 % de chance/)).toBeInTheDocument();
    await user.selectOptions(within(deals).getByLabelText("Étape de « Live de rentrée »"), "proposal");
    expect(await within(deals).findByText(/40 % de chance, soit 1[\s\u202f]000,00/)).toBeInTheDocument();
    expect(screen.getByText(/pondérées par leur chance : 1[\s\u202f]000,00/)).toBeInTheDocument();

    // The chance the team believes in, typed: 75 % of 2,500 €.
    await user.click(within(deals).getByRole("button", { name: "Modifier l'affaire « Live de rentrée »" }));
    const editor = within(deals).getByRole("form", { name: "Modifier l'affaire « Live de rentrée »" });
    await user.clear(within(editor).getByLabelText("Chance (%)"));
    await user.type(within(editor).getByLabelText("Chance (%)"), "75");
    await user.click(within(editor).getByRole("button", { name: "Enregistrer" }));
    expect(await within(deals).findByText(/75 % de chance, soit 1[\s\u202f]875,00/)).toBeInTheDocument();
  });

  it("a promise is delivered only with a link that proves it", async () => {
    const user = userEvent.setup();
    const { id, state } = withLumiere();
    window.location.hash = `#/crm/sponsors/${id}`;
    const promises = await screen.findByRole("region", { name: "Livrables promis" });
    await user.type(within(promises).getByLabelText("Nouveau livrable"), "Mention dans le live du vendredi");
    await user.click(within(promises).getByRole("button", { name: "Ajouter" }));
    await waitFor(() => expect(state.sponsorCards[0]?.deliverables).toHaveLength(1));
    const deliver = await within(promises).findByRole("form", { name: "Livrer « Mention dans le live du vendredi »" });
    await user.click(within(deliver).getByRole("button", { name: "Livré" }));
    expect(await within(deliver).findByText("Ce champ est obligatoire.")).toBeInTheDocument();
    await user.type(within(deliver).getByLabelText("Preuve (lien)"), "https://twitch.tv/videos/123");
    await user.click(within(deliver).getByRole("button", { name: "Livré" }));
    expect(await within(promises).findByRole("link", { name: "Voir la preuve" })).toHaveAttribute("href", "https://twitch.tv/videos/123");
  });

  it("a sponsor is found without its accent", async () => {
    const user = userEvent.setup();
    withLumiere();
    const list = await screen.findByRole("list", { name: "Sponsors" });
    expect(await within(list).findByText("Studio Lumière")).toBeInTheDocument();
    await user.type(screen.getByRole("searchbox"), "lumiere");
    await waitFor(() => expect(within(list).getByText("Studio Lumière")).toBeInTheDocument());
    await user.clear(screen.getByRole("searchbox"));
    await user.type(screen.getByRole("searchbox"), "casques");
    expect(await screen.findByText("Aucun sponsor ne correspond à « casques ».")).toBeInTheDocument();
  });
});
