import { fireEvent, screen, waitFor, within } from "@testing-library/react";
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

  it("live mode keeps the big controls and the program, and L switches it", async () => {
    const user = userEvent.setup();
    renderApp("/streaming", { obs: fakeObs({ setup: linked, health: connected, stats: (await import("../test/fakeBackend")).obsStats() }) });
    const toggle = await screen.findByRole("button", { name: "Mode live" });
    expect(await screen.findByRole("heading", { name: "OBS en direct" })).toBeInTheDocument();
    await user.click(toggle);
    expect(toggle).toHaveAttribute("aria-pressed", "true");
    expect(screen.queryByRole("heading", { name: "OBS en direct" })).toBeNull();
    expect(screen.getByRole("region", { name: "Direct et enregistrement" })).toBeInTheDocument();
    expect(screen.getByRole("img", { name: "Ce qui est à l'antenne en ce moment" })).toBeInTheDocument();
    await user.keyboard("l");
    expect(toggle).toHaveAttribute("aria-pressed", "false");
  });

  it("shows what is on air, asked again a few times a second", async () => {
    const { state } = renderApp("/streaming", { obs: fakeObs({ setup: linked, health: connected }) });
    const picture = await screen.findByRole("img", { name: "Ce qui est à l'antenne en ce moment" });
    expect(picture).toHaveAttribute("src", "data:image/jpeg;base64,Intro");
    await waitFor(() => expect(state.calls.filter((c) => c === "obs_program_snapshot").length).toBeGreaterThan(1));
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

describe("the mixer", () => {
  it("mutes an input and moves a fader, as OBS confirms", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", { obs: fakeObs({ setup: linked, health: connected }) });
    const mixer = await screen.findByRole("region", { name: "Audio" });
    expect(within(mixer).getByRole("switch", { name: "Rétablir Jingle" })).toHaveAttribute("aria-checked", "false");
    await user.click(within(mixer).getByRole("switch", { name: "Couper Micro" }));
    expect(await within(mixer).findByRole("switch", { name: "Rétablir Micro" })).toHaveAttribute("aria-checked", "false");
    const fader = within(mixer).getByRole("slider", { name: "Volume de Jingle" });
    expect(fader).toHaveAttribute("aria-valuetext", "-6 dB");
    // jsdom does not move a range with the keyboard: the value is set as a drag would.
    fireEvent.change(fader, { target: { value: "-7" } });
    await waitFor(() => expect(state.args.obs_set_volume?.at(-1)).toEqual({ input: "Jingle", volumeDb: -7 }));
    expect(state.args.obs_set_muted).toEqual([{ input: "Micro", muted: true }]);
  });

  it("names an audio source removed in OBS meanwhile as a source, not a scene", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", { obs: fakeObs({ setup: linked, health: connected }) });
    const mixer = await screen.findByRole("region", { name: "Audio" });
    state.failNext = { command: "obs_set_muted", error: { code: "obs", problem: { code: "not_found", what: "input", name: "Micro" } } };
    await user.click(within(mixer).getByRole("switch", { name: "Couper Micro" }));
    expect(await screen.findByText("OBS n'a plus de source audio « Micro » (renommée ou supprimée ?).")).toBeInTheDocument();
  });
});

describe("the live controls", () => {
  it("records, pauses and stops, showing what OBS reports and the file it wrote", async () => {
    const user = userEvent.setup();
    const { obsStats } = await import("../test/fakeBackend");
    const { state } = renderApp("/streaming", { obs: fakeObs({ setup: linked, health: connected, stats: obsStats() }) });
    const live = await screen.findByRole("region", { name: "Direct et enregistrement" });
    expect(within(live).getByTestId("obs-record-state")).toHaveTextContent("Pas d'enregistrement");
    await user.click(within(live).getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(within(live).getByTestId("obs-record-state")).toHaveTextContent(/^Enregistrement\s*00:00:0\d/));
    await user.click(within(live).getByRole("button", { name: "Pause" }));
    await waitFor(() => expect(within(live).getByTestId("obs-record-state")).toHaveTextContent("En pause"));
    await user.click(within(live).getByRole("button", { name: "Reprendre" }));
    await user.click(await within(live).findByRole("button", { name: "Arrêter l'enregistrement" }));
    expect(await screen.findByText("Enregistrement terminé : /home/camille/Vidéos/2026-12-03 21-00-00.mkv")).toBeInTheDocument();
    expect(state.args.obs_output!.map((a) => a.action)).toEqual(["start_recording", "pause_recording", "resume_recording", "stop_recording"]);
  });

  it("asks before stopping the live, and keeps it on when told so", async () => {
    const user = userEvent.setup();
    const { obsStats } = await import("../test/fakeBackend");
    const streaming = { active: true, paused: false, reconnecting: true, timecodeMs: 3_723_000, kbps: 4500 };
    const { state } = renderApp("/streaming", { obs: fakeObs({ setup: linked, health: connected, stats: obsStats({ stream: streaming }) }) });
    const live = await screen.findByRole("region", { name: "Direct et enregistrement" });
    expect(within(live).getByTestId("obs-stream-state")).toHaveTextContent(/En direct\s*01:02:0\d · 4.500 kb\/s/);
    expect(within(live).getByRole("alert")).toHaveTextContent("OBS se reconnecte au serveur de diffusion");
    await user.click(within(live).getByRole("button", { name: "Arrêter le direct" }));
    await user.click(await screen.findByRole("button", { name: "Continuer le direct" }));
    expect(state.args.obs_output).toBeUndefined();
    await user.click(within(live).getByRole("button", { name: "Arrêter le direct" }));
    const dialog = await screen.findByRole("alertdialog");
    await user.click(within(dialog).getByRole("button", { name: "Arrêter le direct" }));
    await waitFor(() => expect(state.args.obs_output).toEqual([{ action: "stop_stream" }]));
  });

  it("in studio mode, a click prepares the preview and T puts it on air", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", { obs: fakeObs({ setup: linked, health: connected }) });
    await user.click(await screen.findByRole("switch", { name: "Mode studio" }));
    const scenes = screen.getByRole("region", { name: "Scènes" });
    await within(scenes).findByText(/touche T/);
    const scene = (n: string) => within(scenes).getByRole("button", { name: new RegExp(`^${n}`) });
    await user.click(scene("3"));
    await waitFor(() => expect(scene("3")).toHaveTextContent("En aperçu"));
    expect(scene("1")).toHaveAttribute("aria-pressed", "true");
    expect(within(scenes).getByRole("button", { name: "Transition : Pause" })).toBeInTheDocument();
    await user.keyboard("t");
    await waitFor(() => expect(scene("3")).toHaveAttribute("aria-pressed", "true"));
    expect(state.calls).toContain("obs_transition");
    expect(state.args.obs_switch_scene).toBeUndefined();
  });
});
