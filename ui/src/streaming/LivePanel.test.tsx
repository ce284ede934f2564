import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { RunOfShow_Serialize as RunOfShow } from "../bindings";
import { fakeLive } from "../test/fakeBackend";
import { renderApp } from "../test/render";

const minutes = (n: number) => new Date(Date.now() + n * 60_000).toISOString();
const live = { id: "e1", title: "Release party de Kenza B.", startsAt: minutes(-12), endsAt: minutes(108), cancelled: false };

function show(segments: RunOfShow["segments"] = [], onAir: string | null = null, next: string | null = null): RunOfShow {
  return {
    eventId: "e1",
    title: live.title,
    startsAt: live.startsAt,
    segments,
    onAir,
    next,
    deliverables: [{ id: "d1", label: "Studio Lumière · Mention du studio" }],
  };
}

function segment(id: string, title: string, start: number, length: number, extra: Partial<RunOfShow["segments"][number]["fields"]> = {}, startedAt: string | null = null) {
  return {
    id,
    fields: { id, title, durationMin: length, obsScene: null, talent: null, deliverableId: null, notes: "", chatMessage: null, automatic: false, ...extra },
    plannedStart: minutes(start),
    plannedEnd: minutes(start + length),
    startedAt,
    deliverable: null,
  };
}

describe("a live's run-of-show on the Streaming screen", () => {
  it("is prepared segment by segment, with the sponsor's deliverable it carries", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", { live: fakeLive({ lives: [live], shows: { e1: show() } }) });
    const panel = await screen.findByRole("region", { name: "Déroulé du live" });
    expect(await within(panel).findByText("Ce live n'a pas encore de segment.")).toBeInTheDocument();
    await user.click(within(panel).getByRole("button", { name: "Modifier le déroulé" }));
    await user.click(within(panel).getByRole("button", { name: "Ajouter un segment" }));
    await user.click(within(panel).getByRole("button", { name: "Ajouter un segment" }));
    const first = within(panel).getByRole("group", { name: "Segment 1" });
    await user.type(within(first).getByLabelText("Titre"), "Ouverture");
    await user.type(within(first).getByLabelText("Scène OBS"), "Intro");
    await user.type(within(first).getByLabelText("Message dans le chat"), "C'est parti !");
    const second = within(panel).getByRole("group", { name: "Segment 2" });
    await user.type(within(second).getByLabelText("Titre"), "Mention du studio");
    await user.selectOptions(within(second).getByLabelText("Livrable sponsor"), "d1");
    await user.click(within(panel).getByRole("button", { name: "Enregistrer le déroulé" }));

    const planned = await within(panel).findByRole("listitem", { name: "Mention du studio" });
    expect(planned).toHaveTextContent("Studio Lumière · Mention du studio");
    expect(within(panel).getByRole("listitem", { name: "Ouverture" })).toHaveTextContent("Intro");
    expect(state.live.shows.e1?.segments.map((s) => s.fields.title)).toEqual(["Ouverture", "Mention du studio"]);
  });

  it("a segment without a title is shown where it is, nothing saved", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", { live: fakeLive({ lives: [live], shows: { e1: show() } }) });
    const panel = await screen.findByRole("region", { name: "Déroulé du live" });
    await user.click(await within(panel).findByRole("button", { name: "Modifier le déroulé" }));
    await user.click(within(panel).getByRole("button", { name: "Ajouter un segment" }));
    await user.click(within(panel).getByRole("button", { name: "Enregistrer le déroulé" }));
    const first = within(panel).getByRole("group", { name: "Segment 1" });
    expect(await within(first).findByText(/obligatoire/i)).toBeInTheDocument();
    expect(state.live.shows.e1?.segments).toEqual([]);
  });

  it("during the live, says what is on and what comes next, and starts the next with one click", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", {
      live: fakeLive({
        lives: [live],
        shows: {
          e1: show([
            segment("s1", "Ouverture", -12, 10, { obsScene: "Intro" }, minutes(-12)),
            segment("s2", "Interview de Kenza B.", -2, 25, { obsScene: "Plateau", chatMessage: "Kenza est là !" }),
          ], "s1", "s2"),
        },
        sceneOnAir: false,
      }),
    });
    const panel = await screen.findByRole("region", { name: "Déroulé du live" });
    expect(await within(panel).findByRole("status", { name: "En cours" })).toHaveTextContent(/Ouverture.*en retard de 00:0[12]:/);
    const next = within(panel).getByRole("status", { name: "Ensuite" });
    expect(next).toHaveTextContent("Interview de Kenza B.");
    await user.click(within(next).getByRole("button", { name: "Lancer « Interview de Kenza B. »" }));
    await waitFor(() => expect(state.args.start_live_segment).toEqual([{ segmentId: "s2" }]));
    expect(await screen.findByText("« Interview de Kenza B. » lancé.")).toBeInTheDocument();
    expect(await screen.findByText("La scène « Plateau » n'a pas pu être mise à l'antenne.")).toBeInTheDocument();
    expect(await within(panel).findByRole("status", { name: "En cours" })).toHaveTextContent("Interview de Kenza B.");
  });

  it("lets the automatic segments start on time", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", {
      live: fakeLive({ lives: [live], shows: { e1: show([segment("s1", "Ouverture", 5, 10, { automatic: true })]) } }),
    });
    const auto = await screen.findByRole("checkbox", { name: "Lancement automatique des segments" });
    expect(auto).not.toBeChecked();
    await user.click(auto);
    await waitFor(() => expect(state.live.running).toBe("e1"));
    expect(auto).toBeChecked();
  });

  it("with no live planned, says where to plan one", async () => {
    renderApp("/streaming");
    const panel = await screen.findByRole("region", { name: "Déroulé du live" });
    expect(await within(panel).findByText(/Aucun live prévu/)).toBeInTheDocument();
  });
});
