// Always in the sidebar: where the team sync stands, how many local changes
// wait, the conflicts to review, and "Sync now".
import { RefreshCw } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import { formatDate } from "../i18n";
import { describeSyncProblem } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useSyncNow, useSyncStatus } from "../shared/sync";

const dot = {
  off: "bg-zinc-400",
  syncing: "bg-sky-500 animate-pulse",
  synced: "bg-emerald-500",
  offline: "bg-amber-500",
  error: "bg-red-500",
} as const;

export function SyncStatusBadge() {
  const { t } = useTranslation();
  const language = useLanguage();
  const status = useSyncStatus().data;
  const syncNow = useSyncNow();
  if (!status) return null;
  const label =
    status.state === "offline"
      ? t("sync.state.offline", { since: status.offlineSince ? formatDate(language, status.offlineSince) : "" })
      : t(`sync.state.${status.state}`);
  return (
    <div role="status" aria-label={t("sync.title")} className="mt-2 space-y-1 rounded-lg border border-zinc-200 px-3 py-2 text-xs dark:border-zinc-700">
      <div className="flex items-center gap-2">
        <span aria-hidden className={`size-2 shrink-0 rounded-full ${dot[status.state]}`} />
        <span className="flex-1 font-medium" data-testid="sync-state">{label}</span>
        {status.state !== "off" ? (
          <button
            type="button"
            onClick={() => syncNow.mutate()}
            title={t("sync.now")}
            aria-label={t("sync.now")}
            className="rounded p-1 hover:bg-zinc-200 dark:hover:bg-zinc-800"
          >
            <RefreshCw aria-hidden size={12} />
          </button>
        ) : null}
      </div>
      {status.pendingRows > 0 ? <p data-testid="sync-pending">{t("sync.pending", { count: status.pendingRows })}</p> : null}
      {status.problem && status.state === "error" ? <p className="text-red-600 dark:text-red-400">{describeSyncProblem(t, status.problem)}</p> : null}
      {status.openConflicts > 0 ? (
        <Link href="/settings#conflicts" className="block font-medium text-amber-700 underline dark:text-amber-400">
          {t("sync.openConflicts", { count: status.openConflicts })}
        </Link>
      ) : null}
    </div>
  );
}
