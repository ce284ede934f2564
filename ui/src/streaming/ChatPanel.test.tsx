import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";
import type { ChatMessage_Serialize as ChatMessage } from "../bindings";
import { fakeChat, fakeTwitch, pushChat } from "../test/fakeBackend";
import { renderApp } from "../test/render";

// A function: each test gets its own chat (the fake's lists are mutated).
const signedIn = () => ({
  twitch: fakeTwitch({ app: { clientId: "abc" }, account: { state: "signed_in", login: "nadia_live", user_id: "1", unchecked: false } }),
  chat: fakeChat({ status: { signedIn: true, wanted: ["nadia_live"], joined: ["nadia_live"] } }),
});

function message(partial: Partial<ChatMessage>): ChatMessage {
  return {
    id: "m-1", login: "kenza_b", userId: "42", name: "Kenza_B", color: "#ff4500", badges: [{ name: "moderator", version: "1" }],
    parts: [{ kind: "text", text: "salut" }], action: false, mentionsMe: false, keyword: false, replyTo: null, sentAt: "2026-12-04T20:15:00Z",
    ...partial,
  };
}

describe("the Twitch chat on the Streaming screen", () => {
  it("shows who said what with badge, colour and emote, keeps markup as text and highlights a mention", async () => {
    const { state } = renderApp("/streaming", signedIn());
    pushChat(state, "nadia_live", {
      kind: "message",
      message: message({ parts: [{ kind: "text", text: "coucou " }, { kind: "emote", id: "25", name: "Kappa" }, { kind: "text", text: " <script>alert(1)</script> @nadia_live" }], mentionsMe: true }),
    });
    const log = await screen.findByRole("log", { name: "Messages de #nadia_live" });
    const line = await within(log).findByText(/<script>alert\(1\)<\/script>/);
    expect(log.querySelector("script")).toBeNull();
    expect(within(log).getByText("Kenza_B")).toHaveStyle({ color: "#ff4500" });
    expect(within(log).getByText("Modo")).toBeInTheDocument();
    expect(within(log).getByAltText("Kappa")).toHaveAttribute("src", expect.stringContaining("/emoticons/v2/25/"));
    expect(line.closest("[data-mention]")).not.toBeNull();
  });

  it("a deleted message stays in place, struck through", async () => {
    const { state } = renderApp("/streaming", signedIn());
    pushChat(state, "nadia_live", { kind: "message", message: message({ id: "spam", parts: [{ kind: "text", text: "achetez des vues" }] }) });
    const log = await screen.findByRole("log", { name: "Messages de #nadia_live" });
    await within(log).findByText("achetez des vues");
    pushChat(state, "nadia_live", { kind: "deleted", id: "spam" });
    expect(await within(log).findByText("(supprimé)")).toBeInTheDocument();
  });

  it("counts characters, says why a message is too long before sending, and keeps what was typed", async () => {
    const user = userEvent.setup();
    renderApp("/streaming", signedIn());
    const box = await screen.findByRole("textbox", { name: "Message à #nadia_live" });
    await user.type(box, "bonsoir");
    expect(screen.getByText("7/500")).toBeInTheDocument();
    await user.clear(box);
    await user.click(box);
    await user.paste("é".repeat(501));
    expect(screen.getByText(/501\/500 : Twitch refuse au-delà de 500 caractères/)).toBeInTheDocument();
    expect(screen.getByRole("button", { name: "Envoyer" })).toBeDisabled();
    expect(box).toHaveValue("é".repeat(501));
  });

  it("answers a message: the reply names its parent and the streamer's message appears", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", signedIn());
    pushChat(state, "nadia_live", { kind: "message", message: message({ id: "q-1", parts: [{ kind: "text", text: "c'est quand le concert ?" }] }) });
    const log = await screen.findByRole("log", { name: "Messages de #nadia_live" });
    await within(log).findByText("c'est quand le concert ?");
    await user.click(within(log).getByRole("button", { name: "Répondre à Kenza_B" }));
    expect(screen.getByText("En réponse à Kenza_B")).toBeInTheDocument();
    await user.type(screen.getByRole("textbox", { name: "Message à #nadia_live" }), "samedi 20h !{Enter}");
    await waitFor(() => expect(state.args.twitch_chat_send).toEqual([{ channel: "nadia_live", text: "samedi 20h !", replyTo: "q-1" }]));
    expect(await within(log).findByText("samedi 20h !")).toBeInTheDocument();
    expect(screen.queryByText("En réponse à Kenza_B")).toBeNull();
  });

  it("joins another channel by name, and a name that is not one is refused on the spot", async () => {
    const user = userEvent.setup();
    renderApp("/streaming", signedIn());
    const join = await screen.findByPlaceholderText("Rejoindre une chaîne…");
    await user.type(join, "pas un nom{Enter}");
    expect(await screen.findByText(/Ce n'est pas un nom de chaîne Twitch/)).toBeInTheDocument();
    await user.clear(join);
    await user.type(join, "#Ecoute_Live{Enter}");
    expect(await screen.findByRole("button", { name: "#ecoute_live" })).toHaveAttribute("aria-pressed", "true");
  });

  it("signed out, the chat says where to sign in", async () => {
    renderApp("/streaming");
    expect(await screen.findByText(/Connectez-vous à Twitch dans les Réglages/)).toBeInTheDocument();
  });

  it("a moderator opens a person's card from their name, sees what they said here, and times them out", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", signedIn());
    pushChat(state, "nadia_live", { kind: "message", message: message({ id: "t-1", login: "troll_42", userId: "66", name: "Troll_42", badges: [], parts: [{ kind: "text", text: "premier spam" }] }) });
    pushChat(state, "nadia_live", { kind: "message", message: message({ id: "k-1", parts: [{ kind: "text", text: "bonsoir" }] }) });
    pushChat(state, "nadia_live", { kind: "message", message: message({ id: "t-2", login: "troll_42", userId: "66", name: "Troll_42", badges: [], parts: [{ kind: "text", text: "second spam" }] }) });
    const log = await screen.findByRole("log", { name: "Messages de #nadia_live" });
    await within(log).findByText("second spam");
    await user.click(within(log).getAllByRole("button", { name: "Troll_42" })[0]!);

    const card = await screen.findByRole("complementary", { name: "Fiche de Troll_42" });
    expect(within(card).getAllByRole("listitem").map((li) => li.textContent)).toEqual([expect.stringContaining("premier spam"), expect.stringContaining("second spam")]);
    await user.click(within(card).getByRole("button", { name: "Exclure 10 min" }));
    await waitFor(() => expect(state.args.twitch_moderate).toEqual([{ channel: "nadia_live", action: { kind: "timeout", user_id: "66", seconds: 600, reason: "" } }]));
    expect(await within(log).findByText("troll_42 est exclu pour 600 s.")).toBeInTheDocument();
    // Their messages stay, struck through; Kenza's do not.
    await waitFor(() => expect(within(log).getAllByText("(supprimé)")).toHaveLength(2));
  });

  it("a ban is asked first, and a message is deleted from its own button", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", signedIn());
    pushChat(state, "nadia_live", { kind: "message", message: message({ id: "t-1", login: "troll_42", userId: "66", name: "Troll_42", parts: [{ kind: "text", text: "achetez des vues" }] }) });
    const log = await screen.findByRole("log", { name: "Messages de #nadia_live" });
    await within(log).findByText("achetez des vues");
    await user.click(within(log).getByRole("button", { name: "Supprimer le message de Troll_42" }));
    await waitFor(() => expect(state.args.twitch_moderate).toEqual([{ channel: "nadia_live", action: { kind: "delete", message_id: "t-1" } }]));
    expect(await within(log).findByText("(supprimé)")).toBeInTheDocument();

    await user.click(within(log).getByRole("button", { name: "Troll_42" }));
    const card = await screen.findByRole("complementary", { name: "Fiche de Troll_42" });
    await user.click(within(card).getByRole("button", { name: "Bannir" }));
    const question = await screen.findByRole("alertdialog", { name: "Bannir Troll_42 ?" });
    expect(state.args.twitch_moderate).toHaveLength(1);
    await user.click(within(question).getByRole("button", { name: "Bannir" }));
    await waitFor(() => expect(state.args.twitch_moderate?.[1]).toEqual({ channel: "nadia_live", action: { kind: "ban", user_id: "66", reason: "" } }));
  });

  it("a moderation Twitch refuses says why", async () => {
    const user = userEvent.setup();
    const { state } = renderApp("/streaming", signedIn());
    pushChat(state, "nadia_live", { kind: "message", message: message({ id: "old" }) });
    const log = await screen.findByRole("log", { name: "Messages de #nadia_live" });
    await within(log).findByText("salut");
    state.failNext = { command: "twitch_moderate", error: { code: "twitch", problem: { code: "refused", message: "You cannot delete messages older than 6 hours." } } };
    await user.click(within(log).getByRole("button", { name: "Supprimer le message de Kenza_B" }));
    expect(await screen.findByText(/Twitch a refusé : You cannot delete messages older than 6 hours\./)).toBeInTheDocument();
  });
});
