// The Streaming screen's questions to Rust. Scenes and sources are read
// when the screen opens and kept fresh by what OBS announces
// (`shared/obs.ts`), never polled.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ObsConnection, ObsSetup, OutputAction } from "../bindings";
import { call, commands } from "../shared/bridge";
import { obsKeys, useObsHealth } from "../shared/obs";

export function useObsSetup() {
  return useQuery({ queryKey: obsKeys.setup, queryFn: () => call(commands.obsSetup()) });
}

export function useSaveObsSetup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ connection, password }: { connection: ObsConnection; password: string | null }) =>
      call(commands.saveObsSetup(connection, password)),
    onSuccess: (saved: ObsSetup) => client.setQueryData(obsKeys.setup, saved),
  });
}

export function useForgetObsSetup() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(commands.forgetObsSetup()),
    onSuccess: () => client.setQueryData(obsKeys.setup, null),
  });
}

function useConnected() {
  return useObsHealth()?.state === "connected";
}

export function useObsScenes() {
  return useQuery({ queryKey: obsKeys.scenes, queryFn: () => call(commands.obsScenes()), enabled: useConnected(), retry: false });
}

export function useSceneItems(scene: string | null) {
  return useQuery({
    queryKey: obsKeys.items(scene ?? ""),
    queryFn: () => call(commands.obsSceneItems(scene ?? "")),
    enabled: useConnected() && scene !== null,
    retry: false,
  });
}

/** Puts a scene on air; the screen shows it once OBS announces it. */
export function useSwitchScene() {
  return useMutation({ mutationFn: (scene: string) => call(commands.obsSwitchScene(scene)) });
}

export function useSetItemVisible() {
  return useMutation({
    mutationFn: ({ scene, itemId, visible }: { scene: string; itemId: number; visible: boolean }) =>
      call(commands.obsSetItemVisible(scene, itemId, visible)),
  });
}

export function useAudioInputs() {
  return useQuery({ queryKey: obsKeys.audio, queryFn: () => call(commands.obsAudioInputs()), enabled: useConnected(), retry: false });
}

export function useSetMuted() {
  return useMutation({
    mutationFn: ({ input, muted }: { input: string; muted: boolean }) => call(commands.obsSetMuted(input, muted)),
  });
}

export function useObsRetry() {
  return useMutation({ mutationFn: () => call(commands.obsRetry()) });
}

/** Starts, stops or pauses an output; stopping a recording answers with its file. */
export function useOutputAction() {
  return useMutation({ mutationFn: (action: OutputAction) => call(commands.obsOutput(action)) });
}

export function useStudioMode() {
  return useMutation({ mutationFn: (enabled: boolean) => call(commands.obsSetStudioMode(enabled)) });
}

export function useSetPreview() {
  return useMutation({ mutationFn: (scene: string) => call(commands.obsSetPreview(scene)) });
}

export function useTransition() {
  return useMutation({ mutationFn: () => call(commands.obsTransition()) });
}
