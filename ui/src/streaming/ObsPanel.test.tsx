import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeObs, pushObs } from "../test/fakeBackend";
import { renderApp } from "../test/render";

const linked = { connection: { host: "127.0.0.1", port: 4455 }, hasPassword: true };
const connected = { state: "connected", obsVersion: "30.2.3", websocketVersion: "5.5.2", since: "2026-12-03T21:00:00.000Z" } as const;

describe("the Streaming Command Center's OBS panel", () => {
  it("links this computer's OBS: the address is saved, the password goes once and is never shown", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming");
    const form = await screen.findByRole("form", { name: "Connexion à OBS" });
    expect(within(form).getByText(/Outils → Paramètres du serveur WebSocket/)).toBeInTheDocument();
    await user.clear(within(form).getByLabelText("Port"));
    await user.type(within(form).getByLabelText("Port"), "4460");
    await user.type(within(form).getByLabelText("Mot de passe WebSocket d'OBS"), "s3cret");
    await user.click(within(form).getByRole("button", { name: "Enregistrer et connecter" }));

    await waitFor(() => expect(state.args.save_obs_setup).toHaveLength(1));
    expect(state.args.save_obs_setup![0]).toEqual({ connection: { host: "127.0.0.1", port: 4460 }, password: "s3cret" });
    expect(await screen.findByTestId("obs-panel-health")).toHaveTextContent("Connexion à OBS…");
    expect(screen.queryByDisplayValue("s3cret")).toBeNull();
  });

  it("an address pasted with ws:// is refused on its field, and nothing is lost", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming");
    const form = await screen.findByRole("form", { name: "Connexion à OBS" });
    state.failNext = {
      command: "save_obs_setup",
      error: { code: "invalid", fields: [{ field: "host", problem: { code: "invalid_host" } }] },
    };
    const host = within(form).getByLabelText("Adresse de l'ordinateur d'OBS");
    await user.clear(host);
    await user.type(host, "ws://127.0.0.1:4455");
    await user.click(within(form).getByRole("button", { name: "Enregistrer et connecter" }));
    expect(await within(form).findByText(/sans ws:\/\/ ni port/)).toBeInTheDocument();
    expect(host).toHaveValue("ws://127.0.0.1:4455");
  });

  it("marks the scene on air and puts another on air with a click or its number key", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", { obs: fakeObs({ setup: linked, health: connected }) });
    const scenes = await screen.findByRole("region", { name: "Scènes" });
    expect(within(scenes).getByRole("button", { name: /Intro/ })).toHaveAttribute("aria-pressed", "true");

    await user.click(within(scenes).getByRole("button", { name: /Live/ }));
    await waitFor(() => expect(within(scenes).getByRole("button", { name: /Live/ })).toHaveAttribute("aria-pressed", "true"));
    expect(within(scenes).getByRole("button", { name: /Intro/ })).toHaveAttribute("aria-pressed", "false");
    expect(await screen.findByRole("heading", { name: "Sources de « Live »" })).toBeInTheDocument();

    await user.keyboard("3");
    await waitFor(() => expect(within(scenes).getByRole("button", { name: /Pause/ })).toHaveAttribute("aria-pressed", "true"));
    expect(state.args.obs_switch_scene).toEqual([{ scene: "Live" }, { scene: "Pause" }]);
  });

  it("follows a scene switched in OBS itself, without being asked", async () => {
    const { state } = renderApp("/streaming", { obs: fakeObs({ setup: linked, health: connected }) });
    const scenes = await screen.findByRole("region", { name: "Scènes" });
    await within(scenes).findByRole("button", { name: /Intro/ });
    pushObs(state, { kind: "change", change: { kind: "program_scene", name: "Pause" } });
    await waitFor(() => expect(within(scenes).getByRole("button", { name: /Pause/ })).toHaveAttribute("aria-pressed", "true"));
    expect(state.calls.filter((c) => c === "obs_scenes")).toHaveLength(1);
  });

  it("hides a source of the scene on air", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", {
      obs: fakeObs({ setup: linked, health: connected, scenes: { program: "Live", preview: null, scenes: ["Intro", "Live", "Pause"] } }),
    });
    const logo = await screen.findByRole("switch", { name: "Masquer Logo" });
    expect(logo).toHaveAttribute("aria-checked", "true");
    await user.click(logo);
    expect(await screen.findByRole("switch", { name: "Afficher Logo" })).toHaveAttribute("aria-checked", "false");
    expect(state.args.obs_set_item_visible).toEqual([{ scene: "Live", itemId: 2, visible: false }]);
  });

  it("says why OBS is not connected, offers Retry, and opens the connection for a refused password", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", {
      obs: fakeObs({ setup: linked, health: { state: "needs_attention", problem: { code: "wrong_password" }, since: "2026-12-03T21:00:00.000Z" } }),
    });
    expect(await screen.findByTestId("obs-panel-health")).toHaveTextContent("OBS attend une action de votre part");
    expect(screen.getByText(/OBS a refusé le mot de passe/)).toBeInTheDocument();
    expect(screen.getByRole("form", { name: "Connexion à OBS" })).toBeInTheDocument();
    expect(screen.getByText(/Un mot de passe est gardé dans le trousseau/)).toBeInTheDocument();
    await user.click(screen.getByRole("button", { name: "Réessayer" }));
    expect(state.calls).toContain("obs_retry");
  });

  it("shows OBS's state in the sidebar from every module", async () => {
    const { state } = renderApp("/hub", { obs: fakeObs({ setup: linked, health: connected }) });
    expect(await screen.findByTestId("obs-health")).toHaveTextContent("OBS connecté");
    pushObs(state, {
      kind: "health",
      health: { state: "waiting", problem: { code: "unreachable" }, attempt: 3, retryInMs: 400, since: "2026-12-03T21:00:00.000Z" },
    });
    expect(await screen.findByTestId("obs-health")).toHaveTextContent("OBS injoignable, nouvel essai dans 1 s");
  });
});
