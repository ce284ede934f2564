// Moving an artist to another stage, from the card or the board alike: a lost stage asks
// why first, and the move is told in a toast (or its error).
import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import { describeError } from "../shared/errors";
import { LostReasonDialog } from "./LostReasonDialog";
import { stageName, useMoveArtistStage, useStageLookup } from "./pipeline";

type Card = { artistId: string; name: string };

export function useStageMove(): { request: (card: Card, stageId: string) => void; dialog: ReactNode } {
  const { t } = useTranslation();
  const stageOf = useStageLookup();
  const move = useMoveArtistStage();
  const [losing, setLosing] = useState<(Card & { stageId: string }) | null>(null);

  function moveTo(card: Card, stageId: string, lostReason: string | null) {
    move.mutate(
      { artistId: card.artistId, stageId, lostReason },
      {
        onSuccess: () => toast.success(t("pipeline.moved", { name: card.name, stage: stageName(t, stageOf(stageId)) })),
        onError: (error) => toast.error(describeError(t, error)),
      },
    );
  }

  function request(card: Card, stageId: string) {
    if (stageOf(stageId)?.kind === "lost") setLosing({ ...card, stageId });
    else moveTo(card, stageId, null);
  }

  const dialog = losing ? (
    <LostReasonDialog
      name={losing.name}
      stage={stageName(t, stageOf(losing.stageId))}
      onCancel={() => setLosing(null)}
      onConfirm={(reason) => {
        moveTo(losing, losing.stageId, reason);
        setLosing(null);
      }}
    />
  ) : null;
  return { request, dialog };
}
