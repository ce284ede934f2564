// The card's place in the prospecting pipeline: its stage (movable from here), how long it
// has been there, its next action (planned here as a task in Planning) and every stage it
// went through.
import { addDays, format, parse, setHours, setMinutes, isValid } from "date-fns";
import { CalendarPlus } from "lucide-react";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Prospect_Serialize as Prospect } from "../bindings";
import { SelectField, TextField } from "../components/Field";
import { formatDate, LOCAL_MINUTE } from "../i18n";
import { fieldErrorsOf } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useMembers } from "../shared/team";
import { AttentionBadges } from "./PipelineCard";
import { useStageMove } from "./useStageMove";
import { usePlanNextAction, useStageHistory, useStageLookup, useStages, stageName } from "./pipeline";


export function ArtistPipeline({ prospect }: { prospect: Prospect }) {
  const { artistId, name, stageId } = prospect;
  const { t } = useTranslation();
  const language = useLanguage();
  const stages = useStages().data ?? [];
  const stageOf = useStageLookup();
  const history = useStageHistory(artistId);
  const members = useMembers().data ?? [];
  const stageMove = useStageMove();

  return (
    <section aria-label={t("pipeline.title")} className="space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
      <div className="flex items-end gap-3">
        <div className="flex-1">
          <SelectField
            label={t("pipeline.stage")}
            name="pipeline-stage"
            value={stageId ?? ""}
            onChange={(e) => stageMove.request({ artistId, name }, e.target.value)}
            options={stages.map((s) => ({ value: s.id, label: stageName(t, s) }))}
          />
        </div>
        <p className="pb-2 text-sm text-zinc-500">{t("pipeline.daysInStage", { count: prospect.daysInStage })}</p>
      </div>
      {prospect.lostReason ? <p className="text-sm">{t("pipeline.lost.because", { reason: prospect.lostReason })}</p> : null}
      <AttentionBadges prospect={prospect} />
      {prospect.nextAction ? (
        <p className="text-sm">
          <span className="text-zinc-500">{t("pipeline.nextAction")} : </span>
          {prospect.nextAction.title}
          {prospect.nextAction.dueAt ? <span className="text-zinc-500"> — {formatDate(language, prospect.nextAction.dueAt)}</span> : null}
        </p>
      ) : null}
      <NextActionForm artistId={artistId} />
      {history.data && history.data.length > 0 ? (
        <details>
          <summary className="cursor-pointer text-sm font-medium">{t("pipeline.history", { count: history.data.length })}</summary>
          <ol className="mt-2 space-y-1">
            {[...history.data].reverse().map((visit) => (
              <li key={`${visit.stageId}-${visit.enteredAt}`} className="text-sm">
                <span className="font-medium">{stageName(t, stageOf(visit.stageId))}</span>
                <span className="text-zinc-500">
                  {" "}
                  — {formatDate(language, visit.enteredAt)}
                  {visit.by ? ` · ${members.find((m) => m.id === visit.by)?.name ?? ""}` : ""}
                  {visit.lostReason ? ` · ${visit.lostReason}` : ""}
                </span>
              </li>
            ))}
          </ol>
        </details>
      ) : null}
      {stageMove.dialog}
    </section>
  );
}

function NextActionForm({ artistId }: { artistId: string }) {
  const { t } = useTranslation();
  const plan = usePlanNextAction();
  const [title, setTitle] = useState("");
  const [due, setDue] = useState(() => format(setMinutes(setHours(addDays(new Date(), 1), 10), 0), LOCAL_MINUTE));
  const errors = fieldErrorsOf(t, plan.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    const typed = parse(due, LOCAL_MINUTE, new Date());
    plan.mutate(
      { artistId, title, dueAt: isValid(typed) ? typed.toISOString() : due },
      {
        onSuccess: (task) => {
          toast.success(t("pipeline.planned", { title: task.fields.title }));
          setTitle("");
        },
      },
    );
  }
  return (
    <form onSubmit={submit} noValidate aria-label={t("pipeline.planAction")} className="grid grid-cols-[1fr_12rem_auto] items-end gap-2">
      <TextField label={t("pipeline.actionTitle")} name="next-action-title" value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} placeholder={t("pipeline.actionPlaceholder")} />
      <TextField type="datetime-local" label={t("pipeline.actionDue")} name="next-action-due" value={due} onChange={(e) => setDue(e.target.value)} error={errors.dueAt} />
      <button type="submit" disabled={plan.isPending} className="mb-0.5 inline-flex items-center gap-1 rounded-lg bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
        <CalendarPlus aria-hidden size={14} />
        {t("pipeline.plan")}
      </button>
    </form>
  );
}
