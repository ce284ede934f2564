import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { handle } from "../test/fakeBackend";
import { renderApp } from "../test/render";

function spreadsheet(text: string, name = "prospects.csv") {
  return new File([new TextEncoder().encode(text)], name, { type: "text/csv" });
}

const PROSPECTS = ["Nom;E-mail;Ville", "Zoé Nouvelle;zoe@example.fr;Lyon", "Élodie Mars;elodie@example.fr;Lyon", "Sans Mail;pas-un-mail;Lille", "Jade Lune;jade@example.fr;Paris"].join("\n");

describe("importing a spreadsheet of artists", () => {
  it("maps the columns, previews duplicates and cells to fix, imports with the choices made, and reports row by row", async () => {
    const user = userEvent.setup();
    const view = renderApp("/crm");
    handle(view.state, "load_demo_data", {});
    await screen.findByText("Élodie Mars");
    await user.upload(screen.getByTestId("artist-spreadsheet"), spreadsheet(PROSPECTS));

    const dialog = await screen.findByRole("dialog", { name: "Importer « prospects.csv »" });
    expect(within(dialog).getByText(/4 lignes lues · UTF-8 · séparateur point-virgule/)).toBeInTheDocument();
    expect(within(dialog).getByRole("combobox", { name: "Champ rempli par la colonne Nom" })).toHaveValue("name");
    // The column the app did not recognise is ignored until the person picks a field.
    const city = within(dialog).getByRole("combobox", { name: "Champ rempli par la colonne Ville" });
    expect(city).toHaveValue("");
    await user.selectOptions(city, "Ville");
    await user.click(within(dialog).getByRole("button", { name: "Aperçu" }));

    expect(await within(dialog).findByText("4 lignes : 2 nouvelles fiches, 1 doublons, 1 à corriger.")).toBeInTheDocument();
    expect(within(dialog).getByText("Ligne 3 « Élodie Mars » = « Élodie Mars » (nom presque identique)")).toBeInTheDocument();
    expect(within(dialog).getByText(/Ligne 4 « Sans Mail » —/).closest("li")).toHaveTextContent("E-mail : ");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Que faire de la ligne 3" }), "Ignorer la ligne");
    await user.click(within(dialog).getByRole("button", { name: "Importer 3 lignes" }));

    expect(await within(dialog).findByText("Import terminé : 2 fiches créées, 0 complétées, 1 ignorées, 1 non importées.")).toBeInTheDocument();
    expect(within(dialog).getByText("Ligne 3 « Élodie Mars » : ignorée (doublon de « Élodie Mars »).")).toBeInTheDocument();
    expect(within(dialog).getByText("1 ligne non importée")).toBeInTheDocument();
    const sent = view.state.args.import_artists?.[0] as { mapping: unknown[]; choices: unknown };
    expect(sent.mapping[2]).toEqual({ field: "city" });
    expect(sent.choices).toEqual({ duplicates: "merge", byLine: [[3, "skip"]] });

    await user.click(within(dialog).getByRole("button", { name: "Fermer" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).not.toBeInTheDocument());
    expect(await screen.findByText("Zoé Nouvelle")).toBeInTheDocument();
  });

  it("asks for the name column before a preview", async () => {
    const user = userEvent.setup();
    renderApp("/crm");
    await user.upload(await screen.findByTestId("artist-spreadsheet"), spreadsheet(PROSPECTS));
    const dialog = await screen.findByRole("dialog");
    await user.selectOptions(within(dialog).getByRole("combobox", { name: "Champ rempli par la colonne Nom" }), "Ignorer");
    await user.click(within(dialog).getByRole("button", { name: "Aperçu" }));
    expect(await within(dialog).findByRole("alert")).toHaveTextContent("Choisissez la colonne qui donne le nom de scène.");
  });

  it("an Excel workbook is refused with what to do instead", async () => {
    const user = userEvent.setup();
    renderApp("/crm");
    await user.upload(await screen.findByTestId("artist-spreadsheet"), spreadsheet("PK\u0003\u0004…", "prospects.xlsx"));
    expect(await screen.findByText(/C'est un classeur Excel : enregistrez-le au format CSV/)).toBeInTheDocument();
    expect(screen.queryByRole("dialog")).not.toBeInTheDocument();
  });
});
