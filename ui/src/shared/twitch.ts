// The Twitch account as the whole app sees it: Rust pushes its state (signed
// out, the code to type, signed in as…) through a channel as it changes; it
// lands in TanStack Query's cache, where Settings and the Streaming screen
// read it. A sign-in finishes while the person types the code on twitch.tv,
// so nothing here polls.
import type { TwitchAccountState } from "../bindings";
import { commands } from "./bridge";
import { useFollowPushed, usePushed } from "./pushed";

export const twitchKeys = {
  app: ["twitch", "app"] as const,
  account: ["twitch", "account"] as const,
};

/** Mounted once by the shell: follows the account for as long as the window lives. */
export function useFollowTwitchAccount() {
  useFollowPushed<TwitchAccountState>(twitchKeys.account, (channel) => commands.followTwitchAccount(channel));
}

export function useTwitchAccount(): TwitchAccountState | null {
  return usePushed<TwitchAccountState>(twitchKeys.account);
}
