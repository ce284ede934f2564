import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { Conflict_Serialize as Conflict } from "../bindings";
import { syncOff } from "../test/fakeBackend";
import { renderApp } from "../test/render";

const conflict: Conflict = {
  id: "c1",
  kind: "update_update",
  table: "artists",
  rowId: "a1",
  record: "Nadia K",
  column: "city",
  lostValue: '"Marseille"',
  lostBy: "Portable de Camille",
  lostAt: "2026-11-24T09:30:00.000Z",
  keptValue: '"Lille"',
  keptBy: "Bureau Lyon",
  keptAt: "2026-11-24T09:31:00.000Z",
  createdAt: "2026-11-24T09:32:00.000Z",
};

describe("team sync", () => {
  it("the sidebar always says where the sync stands and how many changes wait", async () => {
    renderApp("/hub", { sync: { ...syncOff, state: "offline", pendingRows: 3, offlineSince: "2026-11-24T09:30:00.000Z" } });
    const status = await screen.findByRole("status", { name: "Synchronisation d'équipe" });
    expect(within(status).getByTestId("sync-state")).toHaveTextContent(/^Hors ligne depuis 24 novembre 2026/);
    expect(within(status).getByText("En attente d'envoi : 3")).toBeInTheDocument();
  });

  it("a refused password is explained next to the settings, in the user's language", async () => {
    const user = userEvent.setup();
    renderApp("/settings", { serverAnswer: { code: "sync", problem: { code: "bad_password" } } });
    await user.type(await screen.findByLabelText("Adresse du serveur"), "sync.mona.fr");
    await user.click(screen.getByRole("button", { name: "Tester la connexion" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Le serveur a refusé l'utilisateur ou le mot de passe.");
  });

  it("a certificate the team's authority did not sign is named, with the authority file asked only when verifying", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings", { serverAnswer: { code: "sync", problem: { code: "tls", failure: "untrusted" } } });
    await user.type(await screen.findByLabelText("Adresse du serveur"), "sync.mona.fr");
    expect(screen.queryByLabelText("Autorité de certification (fichier PEM)")).not.toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText("Connexion sécurisée (TLS)"), "Chiffrée et certificat vérifié");
    await user.type(screen.getByLabelText("Autorité de certification (fichier PEM)"), "/home/camille/equipe-ca.pem");
    await user.click(screen.getByRole("button", { name: "Tester la connexion" }));
    expect(await screen.findByRole("alert")).toHaveTextContent(
      "Le certificat du serveur n'est pas signé par l'autorité choisie ni par une autorité reconnue par le système.",
    );
    const sent = state.args.test_team_server?.[0]?.server as { tls: string; caFile: string };
    expect([sent.tls, sent.caFile]).toEqual(["verify-full", "/home/camille/equipe-ca.pem"]);
  });

  it("the admin makes the team's sign-in; a short password is refused on its field and nothing is kept in the form", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings");
    await user.type(await screen.findByLabelText("Adresse du serveur"), "sync.mona.fr");
    await user.click(screen.getByText("Préparer un nouveau serveur (admin)"));
    await user.type(screen.getByLabelText("Nom de l'identifiant"), "equipe_mona");
    await user.type(screen.getByLabelText("Mot de passe de l'identifiant"), "court");
    await user.click(screen.getByRole("button", { name: "Créer l'identifiant" }));
    expect(await screen.findByText("12 caractères au minimum.")).toBeInTheDocument();
    await user.clear(screen.getByLabelText("Mot de passe de l'identifiant"));
    await user.type(screen.getByLabelText("Mot de passe de l'identifiant"), "un mot de passe assez long");
    await user.click(screen.getByRole("button", { name: "Créer l'identifiant" }));
    expect(await screen.findByRole("status", { name: "" })).toHaveTextContent("Identifiant « equipe_mona » prêt");
    expect(state.args.create_team_sign_in?.at(-1)?.signIn).toEqual({ user: "equipe_mona", password: "un mot de passe assez long" });
    expect(screen.getByLabelText("Mot de passe de l'identifiant")).toHaveValue("");
  });

  it("a successful test names the team workspace", async () => {
    const user = userEvent.setup();
    renderApp("/settings");
    await user.type(await screen.findByLabelText("Adresse du serveur"), "sync.mona.fr");
    await user.click(screen.getByRole("button", { name: "Tester la connexion" }));
    expect(await screen.findByRole("status", { name: "" })).toHaveTextContent("Connexion réussie : espace d'équipe « Équipe MONA ».");
  });

  it("saving sends the password once and keeps it out of the form", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings");
    await user.type(await screen.findByLabelText("Adresse du serveur"), "sync.mona.fr");
    await user.type(screen.getByLabelText("Base de données"), "equipe");
    await user.type(screen.getByLabelText("Utilisateur"), "camille");
    await user.type(screen.getByLabelText("Mot de passe"), "s3cret");
    await user.type(screen.getByLabelText("Nom de cet ordinateur"), "Portable de Camille");
    await user.click(screen.getByRole("button", { name: "Enregistrer et synchroniser" }));
    await waitFor(() => expect(state.teamServer?.host).toBe("sync.mona.fr"));
    expect(state.args.save_team_server?.[0]?.password).toBe("s3cret");
    expect(screen.getByLabelText("Mot de passe")).toHaveValue("");
  });

  it("a missing server address is shown on the field", async () => {
    const user = userEvent.setup();
    renderApp("/settings");
    await user.click(await screen.findByRole("button", { name: "Enregistrer et synchroniser" }));
    expect(await screen.findByText("Ce champ est obligatoire.")).toBeInTheDocument();
  });

  it("an overwritten value shows both sides with who and when, and comes back in one click", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings", { conflicts: [conflict], sync: { ...syncOff, state: "synced", openConflicts: 1 } });
    const item = await screen.findByRole("listitem", { name: "Nadia K — Ville" });
    expect(within(item).getByText("Marseille")).toBeInTheDocument();
    expect(within(item).getByText("Lille")).toBeInTheDocument();
    expect(within(item).getByText(/^Portable de Camille, 24 novembre 2026/)).toBeInTheDocument();
    await user.click(within(item).getByRole("button", { name: "Restaurer" }));
    await waitFor(() => expect(state.calls).toContain("restore_conflict"));
    expect(state.args.restore_conflict?.[0]?.id).toBe("c1");
  });

  it("a record deleted and gone from the server shows what it held, named like its form, and can be brought back", async () => {
    const user = userEvent.setup();
    const gone: Conflict = {
      ...conflict,
      id: "c2",
      kind: "update_delete",
      column: null,
      lostValue: JSON.stringify({ name: "Nadia K", city: "Marseille", phone: null, sort_key: "nadia k", created_at: "2026-10-01T08:00:00.000Z" }),
      keptValue: null,
      keptBy: null,
      keptAt: null,
    };
    const { state } = renderApp("/settings", { conflicts: [gone], sync: { ...syncOff, state: "synced", openConflicts: 1 } });
    const item = await screen.findByRole("listitem", { name: "Nadia K — Fiche entière" });
    expect(within(item).getByText("Nom de scène : Nadia K · Ville : Marseille")).toBeInTheDocument();
    await user.click(within(item).getByRole("button", { name: "Restaurer la fiche" }));
    await waitFor(() => expect(state.args.restore_conflict?.[0]?.id).toBe("c2"));
  });
});
