import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demoTeam } from "../test/fakeBackend";
import { renderApp } from "../test/render";

describe("the team", () => {
  it("a newcomer starting empty introduces themself and becomes the team's admin", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings", { settings: { language: "system", theme: "light", onboarded: false } });
    await user.click(await screen.findByRole("button", { name: /Commencer avec une base vide/ }));
    await user.click(await screen.findByRole("button", { name: "Continuer" }));
    expect(await screen.findByText("Ce champ est obligatoire.")).toBeInTheDocument();
    await user.type(screen.getByLabelText("Votre nom"), "Camille Morel");
    await user.click(screen.getByRole("button", { name: "Continuer" }));
    const team = await screen.findByRole("region", { name: "Équipe" });
    await waitFor(() => expect(within(team).getByLabelText("Sur cet ordinateur")).toHaveDisplayValue("Camille Morel (Admin)"));
    expect(state.settings.onboarded).toBe(true);
  });

  it("the admin sees every member with a role to change, and adds one", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings", { members: [...demoTeam], me: "u1" });
    const team = await screen.findByRole("region", { name: "Équipe" });
    const ines = await within(team).findByRole("listitem", { name: "Inès Laurent" });
    await user.selectOptions(within(ines).getByLabelText("Rôle"), "Manager");
    await waitFor(() => expect(state.args.update_member?.[0]?.fields).toMatchObject({ name: "Inès Laurent", role: "manager" }));

    await user.type(within(team).getByLabelText("Nom"), "Hugo Marchand");
    await user.click(within(team).getByRole("button", { name: "Ajouter un membre" }));
    expect(await within(team).findByRole("listitem", { name: "Hugo Marchand" })).toBeInTheDocument();
  });

  it("a streamer sees the roles but no way to change them, and the table says what each role may do", async () => {
    renderApp("/settings", { members: [...demoTeam], me: "u3" });
    const team = await screen.findByRole("region", { name: "Équipe" });
    const camille = await within(team).findByRole("listitem", { name: "Camille Morel" });
    expect(within(camille).getByText("Admin")).toBeInTheDocument();
    expect(within(team).queryByRole("button", { name: "Ajouter un membre" })).not.toBeInTheDocument();
    const row = within(team).getByRole("row", { name: /Supprimer les tâches des autres/i });
    expect(within(row).getAllByLabelText("Autorisé")).toHaveLength(2);
  });

  it("a refusal from the core names the role and what it may not do", async () => {
    const user = userEvent.setup();
    renderApp("/settings", {
      members: [...demoTeam],
      me: "u1",
      failNext: { command: "remove_member", error: { code: "last_admin" } },
    });
    const team = await screen.findByRole("region", { name: "Équipe" });
    const camille = await within(team).findByRole("listitem", { name: "Camille Morel" });
    await user.click(within(camille).getByRole("button", { name: "Retirer Camille Morel" }));
    expect(await screen.findByText("L'équipe doit garder au moins un admin : donnez d'abord ce rôle à quelqu'un d'autre.")).toBeInTheDocument();
  });
});
