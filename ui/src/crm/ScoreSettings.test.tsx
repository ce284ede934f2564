import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { demoTeam, handle } from "../test/fakeBackend";
import { renderApp } from "../test/render";

describe("what the artist score counts", () => {
  it("a manager gives MONA's genres more weight and adds a criterion rated by hand", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings", { members: [...demoTeam], me: "u2" });
    const settings = await screen.findByRole("region", { name: "Score des artistes" });
    const genres = await within(settings).findByRole("form", { name: "Genres de MONA" });
    await user.clear(within(genres).getByLabelText("Poids"));
    await user.type(within(genres).getByLabelText("Poids"), "30");
    await user.clear(within(genres).getByLabelText("Genres travaillés par MONA"));
    await user.type(within(genres).getByLabelText("Genres travaillés par MONA"), "rap, drill, afro");
    await user.click(within(genres).getByRole("button", { name: "Enregistrer" }));
    await waitFor(() =>
      expect(state.args.save_score_criterion?.[0]?.criterion).toMatchObject({ kind: "genre_fit", weight: 30, genres: ["rap", "drill", "afro"] }),
    );
    expect(await screen.findByText("« Genres de MONA » enregistré, scores recalculés.")).toBeInTheDocument();

    const add = within(settings).getByRole("form", { name: "Ajouter un critère" });
    await user.click(within(add).getByRole("button", { name: "Ajouter un critère" }));
    expect(await within(add).findByText("Ce champ est obligatoire.")).toBeInTheDocument();
    await user.type(within(add).getByLabelText("Nouveau critère noté à la main"), "Présence scénique");
    await user.click(within(add).getByRole("button", { name: "Ajouter un critère" }));
    expect(await within(settings).findByRole("form", { name: "Présence scénique" })).toBeInTheDocument();
  });

  it("a weight above 100 is refused under its field and nothing changes", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings", { members: [...demoTeam], me: "u2" });
    const audience = await screen.findByRole("form", { name: "Audience" });
    await user.clear(within(audience).getByLabelText("Poids"));
    await user.type(within(audience).getByLabelText("Poids"), "250");
    await user.click(within(audience).getByRole("button", { name: "Enregistrer" }));
    expect(await within(audience).findByText(/100/)).toBeInTheDocument();
    expect(state.criteria.find((c) => c.kind === "audience")?.weight).toBe(25);
  });

  it("a streamer sees the criteria but cannot change them", async () => {
    renderApp("/settings", { members: [...demoTeam], me: "u3" });
    const audience = await screen.findByRole("form", { name: "Audience" });
    expect(within(audience).getByLabelText("Poids")).toBeDisabled();
    expect(within(audience).queryByRole("button", { name: "Enregistrer" })).not.toBeInTheDocument();
  });

  it("a criterion rated by hand is rated with stars on the card", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/crm", {
      criteria: [{ id: "c-stage", kind: "manual", label: "Présence scénique", weight: 10, low: null, high: null, genres: [] }],
    });
    handle(state, "load_demo_data", {});
    await user.click(await screen.findByText("Noé Lacroix"));
    const stars = await screen.findByRole("group", { name: "Présence scénique" });
    await user.click(within(stars).getByRole("button", { name: "Présence scénique : 4 étoile(s) sur 5" }));
    await waitFor(() => expect(state.args.rate_artist?.[0]).toMatchObject({ criterionId: "c-stage", stars: 4 }));
    await waitFor(() =>
      expect(within(screen.getByRole("group", { name: "Présence scénique" })).getByRole("button", { name: /4 étoile/ })).toHaveAttribute("aria-pressed", "true"),
    );
  });
});
