// State Rust pushes through a channel (OBS's health, the Twitch account)
// lives in TanStack Query's cache under a key, never fetched: the screens
// read it like any other query.
import { useQuery } from "@tanstack/react-query";

/** Pushed, never fetched: `null` until Rust's first message. */
export function usePushed<T>(key: readonly string[]): T | null {
  return useQuery<T | null>({ queryKey: key, queryFn: () => null, enabled: false, initialData: null, staleTime: Infinity }).data;
}
