// The team sync as the UI sees it: its status (polled, it changes by
// itself), the server settings, and the conflicts to review.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TeamServer } from "../bindings";
import { call, commands } from "./bridge";

export const syncStatusKey = ["sync-status"] as const;
export const teamServerKey = ["team-server"] as const;
export const conflictsKey = ["conflicts"] as const;

/** How often the status is asked again (the sync looks for changes every 2 s). */
const STATUS_REFRESH_MS = 1500;

export function useSyncStatus() {
  return useQuery({
    queryKey: syncStatusKey,
    queryFn: () => call(commands.syncStatus()),
    refetchInterval: STATUS_REFRESH_MS,
    retry: false,
  });
}

export function useTeamServer() {
  return useQuery({ queryKey: teamServerKey, queryFn: () => call(commands.teamServer()) });
}

export function useConflicts() {
  const open = useSyncStatus().data?.openConflicts;
  // Asked again whenever the number of open conflicts changes.
  return useQuery({ queryKey: [...conflictsKey, open], queryFn: () => call(commands.listConflicts()) });
}

export function useSyncNow() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(commands.syncNow()),
    onSuccess: () => client.invalidateQueries({ queryKey: syncStatusKey }),
  });
}

export function useSaveTeamServer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ server, password }: { server: TeamServer; password: string | null }) =>
      call(commands.saveTeamServer(server, password)),
    onSuccess: (saved) => {
      client.setQueryData(teamServerKey, saved);
      void client.invalidateQueries({ queryKey: syncStatusKey });
    },
  });
}

export function useLeaveTeamServer() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => call(commands.leaveTeamServer()),
    onSuccess: () => {
      client.setQueryData(teamServerKey, null);
      void client.invalidateQueries({ queryKey: syncStatusKey });
    },
  });
}

export function useResolveConflict() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ id, restore }: { id: string; restore: boolean }) =>
      call(restore ? commands.restoreConflict(id) : commands.dismissConflict(id)),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: conflictsKey });
      void client.invalidateQueries({ queryKey: syncStatusKey });
      // A restored value changes the records it belongs to.
      // (`artistKeys.all`, written out so the shell does not load the CRM's code.)
      void client.invalidateQueries({ queryKey: ["artists"] });
    },
  });
}
