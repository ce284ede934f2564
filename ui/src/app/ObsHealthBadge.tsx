// Always in the sidebar once OBS is linked: whether the app holds OBS right
// now, and why not when it does not. Fed by the channel Rust pushes on.
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import type { ObsHealth_Serialize as ObsHealth } from "../bindings";
import { describeObsHealth } from "../shared/errors";
import { useObsHealth } from "../shared/obs";

const dot: Record<ObsHealth["state"], string> = {
  not_configured: "bg-zinc-400",
  connecting: "bg-sky-500 animate-pulse",
  connected: "bg-emerald-500",
  waiting: "bg-amber-500",
  needs_attention: "bg-red-500",
};

export function ObsHealthBadge() {
  const { t } = useTranslation();
  const health = useObsHealth();
  if (!health || health.state === "not_configured") return null;
  const { label, problem } = describeObsHealth(t, health);
  return (
    <Link
      href="/streaming"
      role="status"
      aria-label={`${t("obs.title")} : ${label}`}
      title={problem ?? undefined}
      className="mt-2 flex items-center gap-2 rounded-lg border border-zinc-200 px-3 py-2 text-xs hover:bg-zinc-200 dark:border-zinc-700 dark:hover:bg-zinc-800"
    >
      <span aria-hidden className={`size-2 shrink-0 rounded-full ${dot[health.state]}`} />
      <span className="flex-1 font-medium" data-testid="obs-health">{label}</span>
    </Link>
  );
}
