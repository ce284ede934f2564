import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { RecordingEntry_Serialize as RecordingEntry } from "../bindings";
import { fakeRecordings, pushRecordings } from "../test/fakeBackend";
import { renderApp } from "../test/render";

const archived: RecordingEntry = {
  intakeId: "i1",
  fileName: "2026-12-04 20-10-00.mkv",
  stoppedAt: "2026-12-04T20:55:00.000Z",
  state: "archived",
  problem: null,
  assetId: "a1",
  title: "Nadia K en live",
  durationMs: 45 * 60_000 + 3_000,
  width: 1920,
  height: 1080,
  videoCodec: "h264",
  byteSize: 6_400_000_000,
  eventId: "e1",
  eventTitle: "Nadia K en live",
  chatMessages: 1_532,
};

const failed: RecordingEntry = {
  ...archived,
  intakeId: "i2",
  fileName: "2026-12-04 22-00-00.mkv",
  state: "failed",
  problem: "not_playable",
  assetId: null,
  title: null,
  durationMs: null,
  width: null,
  height: null,
  videoCodec: null,
  byteSize: null,
  eventId: null,
  eventTitle: null,
  chatMessages: null,
};

describe("the archived recordings on the Streaming screen", () => {
  it("shows an archived recording with its live, its figures and its thumbnail", async () => {
    renderApp("/streaming", { recordings: fakeRecordings({ list: [archived] }) });
    const panel = await screen.findByRole("region", { name: "Enregistrements archivés" });
    const row = await within(panel).findByRole("listitem", { name: "Nadia K en live" });
    expect(row).toHaveTextContent("Live : Nadia K en live");
    expect(row).toHaveTextContent("00:45:03");
    expect(row).toHaveTextContent("1920×1080");
    expect(row).toHaveTextContent("H264");
    expect(row).toHaveTextContent(/6,4\sGo/);
    expect(await within(row).findByRole("img", { name: "Vignette de Nadia K en live" })).toHaveAttribute("src", expect.stringMatching(/^data:image\/jpeg;base64,/));
  });

  it("opens the recording's chat log and the live's record written beside it", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", { recordings: fakeRecordings({ list: [archived] }) });
    const row = await screen.findByRole("listitem", { name: "Nadia K en live" });
    expect(row).toHaveTextContent(/Chat : 1\s532 messages/);
    await user.click(within(row).getByRole("button", { name: "Ouvrir le chat · Nadia K en live" }));
    await user.click(within(row).getByRole("button", { name: "Ouvrir le journal du live · Nadia K en live" }));
    await user.click(within(row).getByRole("button", { name: "Ouvrir la vidéo · Nadia K en live" }));
    expect(state.recordings.opened).toEqual(["a1 chat_log", "a1 live_log", "a1 video"]);
  });

  it("says why a recording was not archived and tries it again", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", { recordings: fakeRecordings({ list: [failed] }) });
    const row = await screen.findByRole("listitem", { name: "2026-12-04 22-00-00.mkv" });
    expect(within(row).getByRole("alert")).toHaveTextContent("Non archivé : Ce n'est pas une vidéo lisible : rien n'a été copié.");
    await user.click(within(row).getByRole("button", { name: "Réessayer" }));
    await waitFor(() => expect(state.args.retry_recording).toEqual([{ intakeId: "i2" }]));
    // The archive says the list changed: it is read again.
    expect(await within(row).findByRole("status")).toHaveTextContent("En attente d'archivage");
  });

  it("shows the copy under way and cancels it", async () => {
    const user = userEvent.setup();
    const waiting: RecordingEntry = { ...failed, intakeId: "i3", fileName: "long live.mkv", state: "waiting", problem: null };
    const { state } = renderApp("/streaming", { recordings: fakeRecordings({ list: [waiting] }) });
    const row = await screen.findByRole("listitem", { name: "long live.mkv" });
    pushRecordings(state, { progress: { intakeId: "i3", fileName: "long live.mkv", doneBytes: 1_500_000_000, totalBytes: 6_000_000_000 } });
    const bar = await within(row).findByRole("progressbar", { name: "Archivage de long live.mkv" });
    expect(bar).toHaveAttribute("value", "1500000000");
    expect(row).toHaveTextContent(/1,5\sGo sur 6\sGo/);
    await user.click(within(row).getByRole("button", { name: "Annuler l'archivage" }));
    await waitFor(() => expect(state.args.cancel_recording).toEqual([{ intakeId: "i3" }]));
  });

  it("is empty with what will arrive there, and remembers copy or move", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming");
    const panel = await screen.findByRole("region", { name: "Enregistrements archivés" });
    expect(await within(panel).findByText(/Aucun enregistrement pour l'instant/)).toBeInTheDocument();
    const keep = await within(panel).findByRole("combobox", { name: "Fichier d'OBS" });
    expect(keep).toHaveValue("copy");
    await user.selectOptions(keep, "move");
    await waitFor(() => expect(state.recordings.keep).toBe("move"));
  });
});
