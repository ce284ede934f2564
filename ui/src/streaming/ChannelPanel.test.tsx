import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeTwitch } from "../test/fakeBackend";
import { renderApp } from "../test/render";

const signedIn = (live: { viewers: number; startedAt: string } | null) => ({
  twitch: fakeTwitch({
    app: { clientId: "abc" },
    account: { state: "signed_in", login: "nadia_live", user_id: "1", unchecked: false },
    channelInfo: { login: "nadia_live", title: "Session compo du jeudi", category: { id: "26936", name: "Music" }, live },
  }),
});

describe("the Twitch channel on the Streaming screen", () => {
  it("live, it shows the viewers and takes a marker", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", signedIn({ viewers: 1234, startedAt: "2026-12-04T19:00:00Z" }));
    const panel = await screen.findByRole("region", { name: "Chaîne Twitch" });
    expect(await within(panel).findByTestId("twitch-live")).toHaveTextContent(/En direct · 1\s234 spectateurs/);
    await user.type(within(panel).getByLabelText("Marqueur (retrouvé dans la rediffusion)"), "début du DJ set");
    await user.click(within(panel).getByRole("button", { name: "Poser un marqueur" }));
    await waitFor(() => expect(state.twitch.markers).toEqual(["début du DJ set"]));
  });

  it("the streamer retitles the live and picks a category found by name", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", signedIn(null));
    const panel = await screen.findByRole("region", { name: "Chaîne Twitch" });
    expect(await within(panel).findByTestId("twitch-live")).toHaveTextContent("Hors ligne");
    const title = within(panel).getByLabelText("Titre du live");
    expect(title).toHaveValue("Session compo du jeudi");
    await user.clear(title);
    await user.type(title, "Release party de Kenza B.");
    const category = within(panel).getByLabelText("Catégorie");
    await user.clear(category);
    await user.type(category, "just");
    await user.click(await within(panel).findByRole("button", { name: "Just Chatting" }));
    await user.click(within(panel).getByRole("button", { name: "Mettre à jour sur Twitch" }));
    await waitFor(() => expect(state.args.update_twitch_channel).toEqual([{ title: "Release party de Kenza B.", categoryId: "509658" }]));
    expect(within(panel).queryByRole("button", { name: "Poser un marqueur" })).toBeNull();
  });
});
