// TanStack Query hooks for artist cards and their histories. Keys live here only; mutations
// invalidate by key prefix so every list, page and card stays fresh.
import { queryOptions, useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type {
  ArtistFields_Deserialize as ArtistFields,
  ArtistQuery_Deserialize as ArtistQuery,
  Criterion,
  InteractionFields,
  Party,
} from "../bindings";
import { base64Of, call, commands } from "../shared/bridge";

export const artistKeys = {
  all: ["artists"] as const,
  list: (query: Omit<ArtistQuery, "offset" | "limit">) => ["artists", "list", query] as const,
  card: (id: string) => ["artists", "card", id] as const,
};

export function artistListQuery(query: ArtistQuery) {
  return queryOptions({
    queryKey: [...artistKeys.list({ search: query.search, sort: query.sort, direction: query.direction, filters: query.filters }), query.offset, query.limit],
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

export const interactionKeys = {
  all: ["interactions"] as const,
  of: (party: Party) => ["interactions", party.kind, party.id] as const,
};

/** An artist's or a sponsor's history, newest first, a page at a time. */
export function useTimeline(party: Party) {
  return useInfiniteQuery({
    queryKey: interactionKeys.of(party),
    queryFn: ({ pageParam }) => call(commands.interactionTimeline(party, pageParam, TIMELINE_PAGE)),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next,
  });
}

const TIMELINE_PAGE = 30;

/** Exchanges move the score: their mutations refresh the histories and the cards. */
function useInteractionMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: interactionKeys.all }),
        client.invalidateQueries({ queryKey: artistKeys.all }),
      ]);
    },
  });
}

export const useLogInteraction = () => useInteractionMutation((fields: InteractionFields) => call(commands.logInteraction(fields)));
export const useDeleteInteraction = () => useInteractionMutation((id: string) => call(commands.deleteInteraction(id)));
export const useRestoreInteraction = () => useInteractionMutation((id: string) => call(commands.restoreInteraction(id)));

export const fileKeys = {
  all: ["artist-files"] as const,
  of: (artistId: string) => ["artist-files", artistId] as const,
};

/** The files kept with an artist's card, the latest first. */
export const useArtistFiles = (artistId: string) => useQuery({ queryKey: fileKeys.of(artistId), queryFn: () => call(commands.artistFiles(artistId)) });

function useFileMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: fileKeys.all }) });
}

export const useAttachArtistFile = (artistId: string) =>
  useFileMutation(async (file: File) => call(commands.attachArtistFile(artistId, file.name, await base64Of(file))));
export const useRemoveKeptFile = () => useFileMutation((id: string) => call(commands.removeKeptFile(id)));
export const useRestoreKeptFile = () => useFileMutation((id: string) => call(commands.restoreKeptFile(id)));
export const useOpenKeptFile = () => useMutation({ mutationFn: (id: string) => call(commands.openKeptFile(id)) });

/** An artist's score every week, recomputed from the dated facts. */
export function useScoreHistory(artistId: string, weeks: number) {
  return useQuery({
    queryKey: [...artistKeys.card(artistId), "history", weeks],
    queryFn: () => call(commands.scoreHistory(artistId, weeks)),
  });
}

const criteriaKey = ["score-criteria"] as const;

/** What the artist score counts and how much, as the team set it. */
export function useScoreCriteria() {
  return useQuery({ queryKey: criteriaKey, queryFn: () => call(commands.scoreCriteria()) });
}

/** Criteria changes recompute every score: the lists and cards refresh too. */
function useCriteriaMutation<Input>(mutationFn: (input: Input) => Promise<Criterion[]>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async (criteria) => {
      client.setQueryData(criteriaKey, criteria);
      await client.invalidateQueries({ queryKey: artistKeys.all });
    },
  });
}

export const useSaveCriterion = () => useCriteriaMutation((criterion: Criterion) => call(commands.saveScoreCriterion(criterion)));
export const useRemoveCriterion = () => useCriteriaMutation((id: string) => call(commands.removeScoreCriterion(id)));

export function useRateArtist(artistId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ criterionId, stars }: { criterionId: string; stars: number | null }) => call(commands.rateArtist(artistId, criterionId, stars)),
    onSuccess: () => client.invalidateQueries({ queryKey: artistKeys.all }),
  });
}

export const viewKeys = { all: ["artist-views"] as const };

/** The team's saved views of the artist list. */
/** The genres on the team's cards, for the list's genre filter. */
export const useArtistGenres = () => useQuery({ queryKey: [...artistKeys.all, "genres"], queryFn: () => call(commands.artistGenres()) });
export const useArtistViews = () => useQuery({ queryKey: viewKeys.all, queryFn: () => call(commands.artistViews()) });

function useViewMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: () => client.invalidateQueries({ queryKey: viewKeys.all }) });
}

export const useSaveArtistView = () =>
  useViewMutation(({ name, query }: { name: string; query: ArtistQuery }) => call(commands.saveArtistView(name, query)));
export const useRemoveArtistView = () => useViewMutation((id: string) => call(commands.removeArtistView(id)));
