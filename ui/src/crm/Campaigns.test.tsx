import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { handle } from "../test/fakeBackend";
import { renderApp } from "../test/render";

function renderCard(name: string) {
  const view = renderApp("/crm");
  handle(view.state, "load_demo_data", {});
  const artist = view.state.artists.find((a) => a.fields.name === name);
  window.location.hash = `#/crm/artists/${artist?.id}`;
  return view;
}

describe("MONA campaigns", () => {
  it("a Boost campaign sold from the card puts its tasks in Planning and shows on the card", async () => {
    const user = userEvent.setup();
    const { state } = renderCard("Noé Lacroix");
    const section = await screen.findByRole("region", { name: "Campagnes MONA" });
    expect(within(section).getByText("Aucune campagne vendue pour l'instant.")).toBeInTheDocument();
    await user.click(within(section).getByRole("button", { name: "Vendre une campagne" }));
    const dialog = await screen.findByRole("dialog", { name: "Vendre une campagne à Noé Lacroix" });
    await user.selectOptions(within(dialog).getByLabelText("Offre"), "o-boost");
    expect(within(dialog).getByText("Modèle : 2 tâches, 1 livrables, 1 contenus")).toBeInTheDocument();
    expect(within(dialog).getByLabelText("Prix (€)")).toHaveValue("390");
    await user.click(within(dialog).getByRole("button", { name: "Vendre" }));
    expect(await screen.findByText("Campagne Boost vendue à Noé Lacroix : 2 tâches ajoutées au Planning.")).toBeInTheDocument();
    const campaign = await within(section).findByRole("article", { name: "Boost" });
    expect(within(campaign).getByText(/390,00/)).toBeInTheDocument();
    expect(within(campaign).getByText(/2 tâches à faire sur 2/)).toBeInTheDocument();
    expect(state.nextActions.map((t) => t.fields.title)).toEqual([
      "Brief de campagne avec l'artiste — Noé Lacroix",
      "Préparer le live de présentation — Noé Lacroix",
    ]);
  });

  it("a price under the 490 € floor is refused in euros, and a typed amount that is not one too", async () => {
    const user = userEvent.setup();
    renderCard("Kenza B.");
    await user.click(await screen.findByRole("button", { name: "Vendre une campagne" }));
    const dialog = await screen.findByRole("dialog", { name: "Vendre une campagne à Kenza B." });
    await user.selectOptions(within(dialog).getByLabelText("Offre"), "o-premium");
    const price = within(dialog).getByLabelText("Prix (€)");
    await user.clear(price);
    await user.type(price, "quatre cents");
    await user.click(within(dialog).getByRole("button", { name: "Vendre" }));
    expect(within(dialog).getByText("Montant invalide (exemple : 390 ou 390,50).")).toBeInTheDocument();
    await user.clear(price);
    await user.type(price, "450");
    await user.click(within(dialog).getByRole("button", { name: "Vendre" }));
    expect(await within(dialog).findByText(/Au moins 490,00/)).toBeInTheDocument();
  });

  it("payment and progress change from the card, and a deliverable is proved by a link", async () => {
    const user = userEvent.setup();
    const { state } = renderCard("Élodie Mars");
    handle(state, "sell_campaign", { sale: { artistId: state.artists[0]?.id, offerId: "o-boost", priceMinor: null, startsOn: "2026-12-07", notes: "" } });
    const campaign = await screen.findByRole("article", { name: "Boost" });
    await user.selectOptions(within(campaign).getByLabelText("Paiement"), "paid");
    await waitFor(() => expect(state.campaigns[0]?.paymentStatus).toBe("paid"));
    await user.selectOptions(within(campaign).getByLabelText("Avancement"), "running");
    await waitFor(() => expect(state.campaigns[0]?.status).toBe("running"));
    await user.click(within(campaign).getByText("Livrables : 0 sur 1"));
    await user.type(within(campaign).getByLabelText("Preuve (lien)"), "https://instagram.com/p/abc");
    await user.click(within(campaign).getByRole("checkbox", { name: /3 posts sponsorisés/ }));
    await waitFor(() => expect(state.campaigns[0]?.deliverables[0]).toMatchObject({ delivered: true, proofUrl: "https://instagram.com/p/abc" }));
  });

  it("the campaigns tab shows revenue month by month and this month's sales", async () => {
    const { state } = renderCard("Maëlle Roux");
    handle(state, "sell_campaign", { sale: { artistId: state.artists[3]?.id, offerId: "o-boost", priceMinor: 39_050, startsOn: "2026-12-07", notes: "" } });
    window.location.hash = "#/crm/campaigns";
    const revenue = await screen.findByRole("region", { name: "Chiffre d'affaires des 12 derniers mois" });
    expect(await within(revenue).findByText(/Total vendu : 390,50/)).toBeInTheDocument();
    const sales = await screen.findByRole("region", { name: /Vendues en/ });
    expect(await within(sales).findByText("Maëlle Roux")).toBeInTheDocument();
    expect(within(sales).getByText("Vendue")).toBeInTheDocument();
  });
});

describe("the catalogue in the settings", () => {
  it("an admin adds a line to the Boost template, and a blank line is refused inline", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings");
    const section = await screen.findByRole("region", { name: "Catalogue des offres MONA" });
    await user.click(await within(section).findByText("Boost"));
    const form = within(section).getByRole("form", { name: "Boost" });
    await user.click(within(form).getByRole("button", { name: "Ajouter une ligne" }));
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(await within(form).findByText("Ce champ est obligatoire.")).toBeInTheDocument();
    await user.type(within(form).getByRole("group", { name: "Ligne 5" }).querySelector("input[name='items.4.title']") as HTMLElement, "Appel de suivi");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(state.offers.find((o) => o.id === "o-boost")?.items.at(-1)?.title).toBe("Appel de suivi"));
  });
});
