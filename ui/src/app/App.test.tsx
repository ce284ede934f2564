import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { formatDate } from "../i18n";
import { demoTeam, handle } from "../test/fakeBackend";
import { renderApp } from "../test/render";

describe("the app window", () => {
  it("offers a first-run choice, and the demo data fills the CRM", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/crm", { settings: { language: "system", theme: "light", onboarded: false } });
    await user.click(await screen.findByRole("button", { name: /Charger les données de démonstration/ }));
    // The window, which opens hidden, was told to show this first screen.
    expect(state.calls).toContain("ui_ready");
    // Then: who uses this computer, among the demo team.
    await screen.findByRole("heading", { name: "Qui êtes-vous sur cet ordinateur ?" });
    await user.click(screen.getByRole("button", { name: /Inès Laurent/ }));
    expect(await screen.findByRole("heading", { name: "Artistes" })).toBeInTheDocument();
    expect(await screen.findByText("Élodie Mars")).toBeInTheDocument();
  });

  it("starting empty shows an honest empty list with a way to add the first artist", async () => {
    const user = userEvent.setup();
    renderApp("/crm", { settings: { language: "system", theme: "light", onboarded: false } });
    await user.click(await screen.findByRole("button", { name: /Commencer avec une base vide/ }));
    await user.click(await screen.findByRole("button", { name: "Plus tard" }));
    expect(await screen.findByText("Aucun artiste pour l'instant.")).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Nouvel artiste" })).toBeInTheDocument();
  });

  it("shows the five modules and Settings in the sidebar, in French by default", async () => {
    renderApp("/hub");
    const nav = await screen.findByRole("navigation", { name: "Modules" });
    const links = within(nav).getAllByRole("link").map((l) => l.textContent);
    expect(links).toEqual(["Hub", "CRM", "Content Studio", "Planning", "Streaming", "Réglages"]);
  });

  it("follows an English system locale", async () => {
    renderApp("/hub", { info: { version: "0.1.0", systemLocale: "en-US", dataFolder: "/tmp" } });
    const nav = await screen.findByRole("navigation", { name: "Modules" });
    await waitFor(() => expect(within(nav).getByRole("link", { name: "Settings" })).toBeInTheDocument());
  });

  it("modules not built yet say what will live there, with no fake data", async () => {
    renderApp("/content");
    expect(await screen.findByRole("heading", { name: "Content Studio" })).toBeInTheDocument();
    expect(screen.getByText("Le module de création de contenu n'est pas encore construit.")).toBeInTheDocument();
    expect(screen.getByText("Un éditeur visuel de modèles")).toBeInTheDocument();
    expect(within(screen.getByRole("main")).queryByRole("button")).toBeNull();
  });

  it("Ctrl+K opens the command palette and jumps to a module", async () => {
    const user = userEvent.setup();
    renderApp("/hub");
    await screen.findByRole("navigation", { name: "Modules" });
    await user.keyboard("{Control>}k{/Control}");
    const input = await screen.findByPlaceholderText(/Aller à, chercher un artiste/);
    await user.type(input, "planning");
    await user.keyboard("{Enter}");
    // Planning's code loads on the way (the calendar is not on the first screen's path).
    expect(await screen.findByRole("heading", { name: "Planning" }, { timeout: 10_000 })).toBeInTheDocument();
  });

  it("the palette finds an artist without its accent and opens the card", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/hub");
    await screen.findByRole("navigation", { name: "Modules" });
    handle(state, "load_demo_data", {});
    await user.keyboard("{Control>}k{/Control}");
    await user.type(await screen.findByPlaceholderText(/Aller à/), "elodie");
    await user.click(await screen.findByRole("option", { name: /^Élodie Mars/ }));
    expect(await screen.findByRole("heading", { name: "Élodie Mars", level: 2 })).toBeInTheDocument();
  });

  it("an exchange is logged from the palette: the artist's card opens with the cursor in the quick log", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/hub");
    await screen.findByRole("navigation", { name: "Modules" });
    handle(state, "load_demo_data", {});
    await user.keyboard("{Control>}k{/Control}");
    await user.type(await screen.findByPlaceholderText(/Aller à/), "noe");
    await user.click(await screen.findByRole("option", { name: "Noter un échange avec Noé Lacroix" }));
    expect(await screen.findByRole("heading", { name: "Noé Lacroix", level: 2 })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText("Ce qui s'est dit")).toHaveFocus());
    await user.keyboard("Rappel pour la date de Lyon{Control>}{Enter}{/Control}");
    await waitFor(() => expect(state.args.log_interaction?.[0]?.fields).toMatchObject({ summary: "Rappel pour la date de Lyon" }));
  });

  it("a task typed in the palette with “demain 14h” is added for tomorrow at 14:00, to the person here", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/hub", { members: [...demoTeam], me: "u1" });
    await screen.findByRole("navigation", { name: "Modules" });
    await user.keyboard("{Control>}k{/Control}");
    await user.type(await screen.findByPlaceholderText(/Aller à/), "Appeler Nadia demain 14h");
    const tomorrow = new Date();
    tomorrow.setDate(tomorrow.getDate() + 1);
    tomorrow.setHours(14, 0, 0, 0);
    const when = formatDate("fr", tomorrow.toISOString());
    expect(await screen.findByRole("option", { name: `Nouvelle tâche « Appeler Nadia » ${when}` })).toBeInTheDocument();
    await user.keyboard("{Enter}");
    expect(await screen.findByText(`Tâche « Appeler Nadia » ajoutée pour le ${when}.`)).toBeInTheDocument();
    expect(state.args.create_task?.[0]?.fields).toMatchObject({ title: "Appeler Nadia", dueAt: tomorrow.toISOString(), allDay: false, assignees: ["u1"] });
  });

  it("Ctrl+digit jumps between modules from the keyboard", async () => {
    const user = userEvent.setup();
    renderApp("/hub");
    await screen.findByRole("navigation", { name: "Modules" });
    await user.keyboard("{Control>}6{/Control}");
    expect(await screen.findByRole("heading", { name: "Réglages" })).toBeInTheDocument();
  });

  it("switching to English in Settings translates the whole window, and back", async () => {
    const user = userEvent.setup();
    renderApp("/settings");
    await user.selectOptions(await screen.findByLabelText("Langue"), "en");
    expect(await screen.findByRole("heading", { name: "Settings" })).toBeInTheDocument();
    expect(screen.getByTestId("formats-preview")).toHaveTextContent("€490.00");
    await user.selectOptions(screen.getByLabelText("Language"), "fr");
    expect(await screen.findByRole("heading", { name: "Réglages" })).toBeInTheDocument();
    expect(screen.getByTestId("formats-preview")).toHaveTextContent("490,00 €");
  });

  it("a database from a newer version is explained, not crashed on", async () => {
    const { state } = renderApp("/hub", {
      startupProblem: {
        code: "database_unavailable",
        problem: { reason: "newer_schema", path: "/data/mona-spark.sqlite3", found: 9, supported: 1 },
      },
    });
    const alert = await screen.findByRole("alert");
    expect(alert).toHaveTextContent("version plus récente");
    expect(alert).toHaveTextContent("schéma 9");
    expect(alert).toHaveTextContent("Rien n'a été modifié ni supprimé.");
    expect(alert).toHaveTextContent("/data/mona-spark.sqlite3");
    // The window shows the explanation rather than waiting for a first screen that will not come.
    expect(state.calls).toContain("ui_ready");
  });

  it("the dark theme applies when chosen", async () => {
    renderApp("/hub", { settings: { language: "fr", theme: "dark", onboarded: true } });
    await screen.findByRole("navigation", { name: "Modules" });
    await waitFor(() => expect(document.documentElement).toHaveClass("dark"));
  });
});
