// TanStack Query hooks for the prospecting pipeline, and how a stage is named and coloured.
// A move changes the card, the list, the board and the report: every pipeline mutation
// invalidates them together.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { TFunction } from "i18next";
import type { ProspectQuery_Deserialize as ProspectQuery, StageFields_Deserialize as StageFields, StageKind, Stage_Serialize as Stage } from "../bindings";
import { planningKeys } from "../planning/queries";
import { call, commands } from "../shared/bridge";
import { artistKeys } from "./queries";

export const pipelineKeys = {
  all: ["pipeline"] as const,
  stages: ["pipeline", "stages"] as const,
  board: ["pipeline", "board"] as const,
  list: (query: ProspectQuery) => ["pipeline", "list", query] as const,
  report: ["pipeline", "report"] as const,
  history: (artistId: string) => ["pipeline", "history", artistId] as const,
};

/** How many cards a board column shows; the list view pages through the rest. */
export const BOARD_COLUMN_CARDS = 50;

export const useStages = () => useQuery({ queryKey: pipelineKeys.stages, queryFn: () => call(commands.pipelineStages()) });
export const usePipelineBoard = () => useQuery({ queryKey: pipelineKeys.board, queryFn: () => call(commands.pipelineBoard(BOARD_COLUMN_CARDS)) });
export const useProspects = (query: ProspectQuery) =>
  useQuery({ queryKey: pipelineKeys.list(query), queryFn: () => call(commands.pipelineProspects(query)) });
/** Reads every card's history (half a second at 100,000 cards): asked only when shown. */
export const usePipelineReport = (enabled: boolean) =>
  useQuery({ queryKey: pipelineKeys.report, queryFn: () => call(commands.pipelineReport()), enabled });
export const useStageHistory = (artistId: string) =>
  useQuery({ queryKey: pipelineKeys.history(artistId), queryFn: () => call(commands.stageHistory(artistId)) });

/** The stage's name: the team's label, or the app's name for a default stage. */
export function stageName(t: TFunction, stage: Pick<Stage, "label" | "preset"> | undefined): string {
  if (!stage) return t("pipeline.unknownStage");
  return stage.label ?? (stage.preset ? t(`pipeline.presets.${stage.preset}`) : t("pipeline.unknownStage"));
}

/** The stages as a lookup by id, for lists that show a card's stage. */
export function useStageLookup(): (stageId: string | null) => Stage | undefined {
  const stages = useStages().data ?? [];
  return (stageId) => stages.find((s) => s.id === stageId);
}

export const stageTone: Record<StageKind, string> = {
  open: "bg-sky-100 text-sky-800 dark:bg-sky-900/50 dark:text-sky-200",
  won: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/50 dark:text-emerald-200",
  lost: "bg-rose-100 text-rose-800 dark:bg-rose-900/50 dark:text-rose-200",
};

function usePipelineMutation<Input, Output>(mutationFn: (input: Input) => Promise<Output>, alsoTasks = false) {
  const client = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: pipelineKeys.all }),
        client.invalidateQueries({ queryKey: artistKeys.all }),
        alsoTasks ? client.invalidateQueries({ queryKey: planningKeys.all }) : undefined,
      ]);
    },
  });
}

export const useMoveArtistStage = () =>
  usePipelineMutation(({ artistId, stageId, lostReason }: { artistId: string; stageId: string; lostReason: string | null }) =>
    call(commands.moveArtistStage(artistId, stageId, lostReason)),
  );
export const usePlanNextAction = () =>
  usePipelineMutation(
    ({ artistId, title, dueAt }: { artistId: string; title: string; dueAt: string }) => call(commands.planNextAction(artistId, title, dueAt)),
    true,
  );
export const useSaveStage = () =>
  usePipelineMutation(({ id, fields }: { id: string | null; fields: StageFields }) => call(commands.savePipelineStage(id, fields)));
export const useReorderStage = () =>
  usePipelineMutation(({ id, after, before }: { id: string; after: string | null; before: string | null }) =>
    call(commands.reorderPipelineStage(id, after, before)),
  );
export const useRemoveStage = () =>
  usePipelineMutation(({ id, moveTo, lostReason }: { id: string; moveTo: string; lostReason: string | null }) =>
    call(commands.removePipelineStage(id, moveTo, lostReason)),
  );
