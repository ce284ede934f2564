// State Rust pushes through a channel (OBS's health, the Twitch account, the
// chat's status, the archive's news) lives in TanStack Query's cache under a
// key, never fetched: the screens read it like any other query.
import { Channel } from "@tauri-apps/api/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";

/** Pushed, never fetched: `null` until Rust's first message. */
export function usePushed<T>(key: readonly string[]): T | null {
  return useQuery<T | null>({ queryKey: key, queryFn: () => null, enabled: false, initialData: null, staleTime: Infinity }).data;
}

/**
 * While mounted, follows what Rust pushes through `follow`'s channel into the
 * cache under `key` (read with {@link usePushed}); `heard` also sees each
 * message with the one before it (`null` before the first).
 */
export function useFollowPushed<T>(
  key: readonly string[],
  follow: (channel: Channel<T>) => Promise<unknown>,
  heard?: (message: T, before: T | null) => void,
) {
  const client = useQueryClient();
  const latest = useRef({ key, follow, heard });
  useEffect(() => {
    latest.current = { key, follow, heard };
  });
  const keyText = JSON.stringify(key);
  useEffect(() => {
    let listening = true;
    const channel = new Channel<T>();
    channel.onmessage = (message) => {
      if (!listening) return;
      const { key: current, heard: listener } = latest.current;
      const before = client.getQueryData<T | null>(current) ?? null;
      client.setQueryData(current, message);
      listener?.(message, before);
    };
    void latest.current.follow(channel);
    return () => {
      listening = false;
    };
  }, [client, keyText]);
}
