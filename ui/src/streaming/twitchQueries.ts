// The Twitch settings' questions to Rust: the application's client id and
// the account's sign-in and sign-out. The account's state itself is pushed
// (`shared/twitch.ts`).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TwitchApp } from "../bindings";
import { call, commands } from "../shared/bridge";
import { twitchKeys } from "../shared/twitch";

export function useTwitchApp() {
  return useQuery({ queryKey: twitchKeys.app, queryFn: () => call(commands.twitchApp()) });
}

export function useSaveTwitchApp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (app: TwitchApp) => call(commands.saveTwitchApp(app)),
    onSuccess: (saved: TwitchApp) => client.setQueryData(twitchKeys.app, saved),
  });
}

export function useForgetTwitchApp() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(commands.forgetTwitchApp()),
    onSuccess: () => client.setQueryData(twitchKeys.app, null),
  });
}

/** The code to type arrives with the account's pushed state (which also
 * says when it was typed): the answer itself is not written over it. */
export function useTwitchSignIn() {
  return useMutation({ mutationFn: () => call(commands.twitchSignIn()) });
}

export function useTwitchCancelSignIn() {
  return useMutation({ mutationFn: () => call(commands.twitchCancelSignIn()) });
}

export function useTwitchSignOut() {
  return useMutation({ mutationFn: () => call(commands.twitchSignOut()) });
}

const keywordsKey = ["twitch", "chat", "preferences"] as const;

export function useChatKeywords() {
  return useQuery({ queryKey: keywordsKey, queryFn: () => call(commands.twitchChatPreferences()) });
}

export function useSaveChatKeywords() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (keywords: string[]) => call(commands.setTwitchChatKeywords(keywords)),
    onSuccess: (saved) => client.setQueryData(keywordsKey, saved),
  });
}
