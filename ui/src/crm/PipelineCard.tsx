// A prospect as the pipeline shows it: name, score, time in stage, next action, and the
// reasons it deserves a look (nothing planned, an action overdue, stuck too long).
import { AlarmClock, CircleAlert, Hourglass } from "lucide-react";
import { useTranslation } from "react-i18next";
import type { Attention, Prospect_Serialize as Prospect } from "../bindings";
import { formatDate } from "../i18n";
import { useLanguage } from "../shared/preferences";

const attentionIcon: Record<Attention, typeof CircleAlert> = {
  no_next_action: CircleAlert,
  action_overdue: AlarmClock,
  stuck: Hourglass,
};

export function AttentionBadges({ prospect }: { prospect: Prospect }) {
  const { t } = useTranslation();
  if (prospect.attention.length === 0) return null;
  return (
    <ul className="flex flex-wrap gap-1" aria-label={t("pipeline.attention.label")}>
      {prospect.attention.map((reason) => {
        const Icon = attentionIcon[reason];
        return (
          <li key={reason} className="inline-flex items-center gap-1 rounded bg-amber-100 px-1.5 py-0.5 text-xs font-medium text-amber-900 dark:bg-amber-900/40 dark:text-amber-100">
            <Icon aria-hidden size={12} />
            {t(`pipeline.attention.${reason}`, { count: prospect.daysInStage })}
          </li>
        );
      })}
    </ul>
  );
}

export function PipelineCard({ prospect }: { prospect: Prospect }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <div className="space-y-1">
      <div className="flex items-baseline justify-between gap-2">
        <span className="truncate font-medium">{prospect.name}</span>
        <span className="shrink-0 tabular-nums text-xs text-zinc-500" title={t("crm.columns.score")}>
          {prospect.score}
        </span>
      </div>
      <p className="text-xs text-zinc-500">{t("pipeline.daysInStage", { count: prospect.daysInStage })}</p>
      {prospect.nextAction ? (
        <p className="truncate text-xs">
          {prospect.nextAction.title}
          {prospect.nextAction.dueAt ? <span className="text-zinc-500"> · {formatDate(language, prospect.nextAction.dueAt)}</span> : null}
        </p>
      ) : null}
      <AttentionBadges prospect={prospect} />
    </div>
  );
}
