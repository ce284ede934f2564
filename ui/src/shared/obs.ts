// OBS as the whole app sees it. Rust pushes the link's health, OBS's
// figures and OBS's changes through one channel as they happen (no
// polling); they land in TanStack Query's cache, where the sidebar's dot
// and the Streaming screen read them. A change OBS announces refreshes or
// patches the queries it concerns.
import { Channel } from "@tauri-apps/api/core";
import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import type { AudioInput, ObsHealth_Serialize as ObsHealth, ObsStats, ObsUpdate, SceneItem, SceneList } from "../bindings";
import { commands } from "./bridge";
import { usePushed } from "./pushed";

export const obsKeys = {
  all: ["obs"] as const,
  health: ["obs", "health"] as const,
  stats: ["obs", "stats"] as const,
  setup: ["obs", "setup"] as const,
  scenes: ["obs", "scenes"] as const,
  items: (scene: string) => ["obs", "items", scene] as const,
  audio: ["obs", "audio"] as const,
};

/** What one message from Rust changes in the cache. */
export function applyObsUpdate(client: QueryClient, update: ObsUpdate) {
  switch (update.kind) {
    case "health":
      client.setQueryData(obsKeys.health, update.health);
      return;
    case "stats":
      client.setQueryData(obsKeys.stats, update.stats ?? null);
      return;
    case "change": {
      const change = update.change;
      switch (change.kind) {
        case "program_scene":
          client.setQueryData<SceneList>(obsKeys.scenes, (list) => (list ? { ...list, program: change.name } : list));
          return;
        case "preview_scene":
          client.setQueryData<SceneList>(obsKeys.scenes, (list) => (list ? { ...list, preview: change.name } : list));
          return;
        case "scene_item_visibility":
          client.setQueryData<SceneItem[]>(obsKeys.items(change.scene), (items) =>
            items?.map((item) => (item.id === change.itemId ? { ...item, visible: change.visible } : item)),
          );
          return;
        case "scene_items":
          void client.invalidateQueries({ queryKey: obsKeys.items(change.scene) });
          return;
        case "input_muted":
          client.setQueryData<AudioInput[]>(obsKeys.audio, (inputs) =>
            inputs?.map((input) => (input.name === change.input ? { ...input, muted: change.muted } : input)),
          );
          return;
        case "input_volume":
          client.setQueryData<AudioInput[]>(obsKeys.audio, (inputs) =>
            inputs?.map((input) => (input.name === change.input ? { ...input, volumeDb: change.volumeDb } : input)),
          );
          return;
        case "audio_inputs":
          void client.invalidateQueries({ queryKey: obsKeys.audio });
          return;
        case "connected":
        case "missed":
        case "scene_list":
        case "studio_mode":
          void client.invalidateQueries({ queryKey: obsKeys.scenes });
          void client.invalidateQueries({ queryKey: ["obs", "items"] });
          void client.invalidateQueries({ queryKey: obsKeys.audio });
          return;
        case "disconnected":
        case "stream":
        case "recording":
          return;
      }
    }
  }
}

/** Mounted once by the shell: follows the link for as long as the window lives. */
export function useFollowObs() {
  const client = useQueryClient();
  useEffect(() => {
    let listening = true;
    const channel = new Channel<ObsUpdate>();
    channel.onmessage = (update) => {
      if (listening) applyObsUpdate(client, update);
    };
    void commands.followObs(channel);
    return () => {
      listening = false;
    };
  }, [client]);
}


export function useObsHealth(): ObsHealth | null {
  return usePushed<ObsHealth>(obsKeys.health);
}

export function useObsStats(): ObsStats | null {
  return usePushed<ObsStats>(obsKeys.stats);
}
