import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import { fakeTwitch, pushTwitch } from "../test/fakeBackend";
import { renderApp } from "../test/render";

const app = { clientId: "wbmytr93xzw8zbg0p1izqyzzc5mbiz" };

describe("Twitch in Settings", () => {
  it("a streamer sets the team's application, signs in with the code shown, and sees whose account it is", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings");
    const form = await screen.findByRole("form", { name: "Application Twitch" });
    expect(screen.getByText(/Enregistrez d'abord l'ID client/)).toBeInTheDocument();
    await user.type(within(form).getByLabelText("ID client de l'application Twitch"), app.clientId);
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    await waitFor(() => expect(state.args.save_twitch_app).toEqual([{ app }]));

    const account = await screen.findByRole("region", { name: "Compte Twitch" });
    expect(within(account).getByRole("status")).toHaveTextContent("Pas connecté à Twitch.");
    await user.click(within(account).getByRole("button", { name: "Se connecter à Twitch" }));
    expect(await within(account).findByLabelText("Code à saisir sur Twitch")).toHaveTextContent("MONA-2026");
    expect(within(account).getByRole("link", { name: "Ouvrir twitch.tv/activate" })).toHaveAttribute("href", expect.stringContaining("twitch.tv/activate"));

    // The streamer typed the code on twitch.tv: Rust says so.
    act(() => pushTwitch(state, { state: "signed_in", login: "nadia_live", user_id: "141981764", unchecked: false }));
    await waitFor(() => expect(within(account).getByRole("status")).toHaveTextContent("Connecté à Twitch : nadia_live"));
    expect(within(account).queryByLabelText("Code à saisir sur Twitch")).toBeNull();

    await user.click(within(account).getByRole("button", { name: "Se déconnecter" }));
    await waitFor(() => expect(within(account).getByRole("status")).toHaveTextContent("Pas connecté à Twitch."));
    expect(state.calls).toContain("twitch_sign_out");
  });

  it("a console URL pasted as the client id is refused on its field, and what was typed stays", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings");
    const form = await screen.findByRole("form", { name: "Application Twitch" });
    state.failNext = {
      command: "save_twitch_app",
      error: { code: "invalid", fields: [{ field: "clientId", problem: { code: "invalid_client_id" } }] },
    };
    const field = within(form).getByLabelText("ID client de l'application Twitch");
    await user.type(field, "https://dev.twitch.tv/console/apps/abc");
    await user.click(within(form).getByRole("button", { name: "Enregistrer" }));
    expect(await within(form).findByText(/lettres et chiffres seulement/)).toBeInTheDocument();
    expect(field).toHaveValue("https://dev.twitch.tv/console/apps/abc");
  });

  it("a sign-in Twitch no longer accepts says why and offers to sign in again", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings", { twitch: fakeTwitch({ app, account: { state: "sign_in_again", reason: "revoked" } }) });
    const account = await screen.findByRole("region", { name: "Compte Twitch" });
    expect(within(account).getByRole("status")).toHaveTextContent(/n'accepte plus cette connexion/);
    await user.click(within(account).getByRole("button", { name: "Se reconnecter à Twitch" }));
    expect(await within(account).findByLabelText("Code à saisir sur Twitch")).toHaveTextContent("MONA-2026");
    expect(state.calls).toContain("twitch_sign_in");
  });

  it("offline, a sign-in that fails to start says Twitch is out of reach", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings", { twitch: fakeTwitch({ app, account: { state: "signed_out" } }) });
    const account = await screen.findByRole("region", { name: "Compte Twitch" });
    state.failNext = { command: "twitch_sign_in", error: { code: "twitch", problem: { code: "unreachable" } } };
    await user.click(within(account).getByRole("button", { name: "Se connecter à Twitch" }));
    expect(await within(account).findByRole("alert")).toHaveTextContent("Twitch est injoignable");
  });

  it("keeps the keywords the chat highlights, one per line, each once", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/settings", { twitch: fakeTwitch({ app, account: { state: "signed_out" } }) });
    const form = await screen.findByRole("form", { name: "Mots-clés surlignés dans le chat" });
    const field = within(form).getByLabelText("Mots-clés surlignés dans le chat");
    await user.type(field, "Concours{Enter}concours{Enter}Red Bull");
    await user.click(within(form).getByRole("button", { name: "Enregistrer les mots-clés" }));
    await waitFor(() => expect(state.chat.keywords).toEqual(["Concours", "Red Bull"]));
    expect(field).toHaveValue("Concours\nRed Bull");
  });
});
