// The Twitch account as the whole app sees it: Rust pushes its state (signed
// out, the code to type, signed in as…) through a channel as it changes; it
// lands in TanStack Query's cache, where Settings and the Streaming screen
// read it. A sign-in finishes while the person types the code on twitch.tv,
// so nothing here polls.
import { Channel } from "@tauri-apps/api/core";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { TwitchAccountState } from "../bindings";
import { commands } from "./bridge";
import { usePushed } from "./pushed";

export const twitchKeys = {
  app: ["twitch", "app"] as const,
  account: ["twitch", "account"] as const,
};

/** Mounted once by the shell: follows the account for as long as the window lives. */
export function useFollowTwitchAccount() {
  const client = useQueryClient();
  useEffect(() => {
    let listening = true;
    const channel = new Channel<TwitchAccountState>();
    channel.onmessage = (state) => {
      if (listening) client.setQueryData(twitchKeys.account, state);
    };
    void commands.followTwitchAccount(channel);
    return () => {
      listening = false;
    };
  }, [client]);
}

export function useTwitchAccount(): TwitchAccountState | null {
  return usePushed<TwitchAccountState>(twitchKeys.account);
}
