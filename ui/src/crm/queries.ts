// TanStack Query hooks for artist cards. Keys live here only; mutations
// invalidate by key prefix so every list, page and card stays fresh.
import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ArtistFields_Deserialize as ArtistFields, ArtistQuery_Deserialize as ArtistQuery } from "../bindings";
import { call, commands } from "../shared/bridge";

export const artistKeys = {
  all: ["artists"] as const,
  list: (query: Omit<ArtistQuery, "offset" | "limit">) => ["artists", "list", query] as const,
  card: (id: string) => ["artists", "card", id] as const,
};

export function artistListQuery(query: ArtistQuery) {
  return queryOptions({
    queryKey: [...artistKeys.list({ search: query.search, sort: query.sort, direction: query.direction }), query.offset, query.limit],
    queryFn: () => call(commands.listArtists(query)),
  });
}

export function useArtist(id: string | undefined) {
  return useQuery({
    queryKey: artistKeys.card(id ?? ""),
    queryFn: () => call(commands.getArtist(id ?? "")),
    enabled: id !== undefined,
    retry: false,
  });
}

function useArtistMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () => client.invalidateQueries({ queryKey: artistKeys.all }),
  });
}

export const useCreateArtist = () => useArtistMutation((fields: ArtistFields) => call(commands.createArtist(fields)));
export const useUpdateArtist = () =>
  useArtistMutation(({ id, fields }: { id: string; fields: ArtistFields }) => call(commands.updateArtist(id, fields)));
export const useDeleteArtist = () => useArtistMutation((id: string) => call(commands.deleteArtist(id)));
export const useRestoreArtist = () => useArtistMutation((id: string) => call(commands.restoreArtist(id)));
