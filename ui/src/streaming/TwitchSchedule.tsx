// A live on the streamer's Twitch schedule, beside its run-of-show: is it
// there, is it behind the live (moved, renamed, cancelled since), and one
// button to publish it, bring it up to date or announce its cancellation,
// another to take it off. What Twitch would refuse (too short, a repeat
// Twitch has not) is said before anything is sent; Rust decides it.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Category, LiveOnTwitch } from "../bindings";
import { formatDate } from "../i18n";
import { call, commands } from "../shared/bridge";
import { describeError, describeScheduleProblem } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useTwitchAccount } from "../shared/twitch";
import { CategoryField } from "./CategoryField";

export const scheduleKey = (eventId: string) => ["live", "twitch", eventId] as const;

export function TwitchSchedule({ eventId, onChanged }: { eventId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const account = useTwitchAccount();
  return (
    <section aria-label={t("schedule.title")} className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
      <h3 className="text-sm font-semibold">{t("schedule.title")}</h3>
      {account?.state === "signed_in" ? <OnSchedule eventId={eventId} onChanged={onChanged} /> : <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("schedule.signIn")}</p>}
    </section>
  );
}

function OnSchedule({ eventId, onChanged }: { eventId: string; onChanged: () => void }) {
  const { t } = useTranslation();
  const live = useQuery({ queryKey: scheduleKey(eventId), queryFn: () => call(commands.liveOnTwitch(eventId)), refetchOnMount: "always" });
  if (live.isError) return <p role="alert" className="text-sm text-red-600">{describeError(t, live.error)}</p>;
  if (!live.data) return null;
  return <Actions key={live.data.published?.segmentId ?? "none"} live={live.data} onChanged={onChanged} />;
}

function Actions({ live, onChanged }: { live: LiveOnTwitch; onChanged: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useQueryClient();
  const published = live.published;
  const [category, setCategory] = useState<Category | null>(published?.categoryId ? { id: published.categoryId, name: published.categoryName ?? "" } : null);
  const [error, setError] = useState<string | null>(null);
  const done = (message: string) => (now: LiveOnTwitch) => {
    setError(null);
    client.setQueryData(scheduleKey(live.eventId), now);
    toast.success(message);
    onChanged();
  };
  const publish = useMutation({
    mutationFn: () => call(commands.publishLiveOnTwitch(live.eventId, category)),
    onSuccess: done(t("schedule.published")),
    onError: (failure) => setError(describeError(t, failure)),
  });
  const withdraw = useMutation({
    mutationFn: () => call(commands.withdrawLiveFromTwitch(live.eventId)),
    onSuccess: done(t("schedule.withdrawn")),
    onError: (failure) => setError(describeError(t, failure)),
  });
  const busy = publish.isPending || withdraw.isPending;
  const where = published
    ? live.state === "changed"
      ? t("schedule.changed", { login: published.channelLogin })
      : published.cancelled
        ? t("schedule.upToDateCancelled", { login: published.channelLogin })
        : t("schedule.upToDate", { login: published.channelLogin, date: formatDate(language, published.publishedAt) })
    : t("schedule.notPublished");
  const canSend = live.problems.length === 0 && live.state !== "up_to_date";
  const sendLabel = !published ? t("schedule.publish") : live.cancelled && !published.cancelled ? t("schedule.cancelThere") : t("schedule.update");
  return (
    <div className="space-y-2 text-sm">
      <p role="status" className={live.state === "changed" ? "text-amber-700 dark:text-amber-300" : "text-zinc-600 dark:text-zinc-300"}>
        {where}
      </p>
      {live.problems.length > 0 ? (
        <ul className="list-disc pl-5 text-zinc-700 dark:text-zinc-200">
          {live.problems.map((problem) => (
            <li key={problem.kind}>{describeScheduleProblem(t, problem)}</li>
          ))}
        </ul>
      ) : null}
      {canSend && !live.cancelled ? (
        <div className="max-w-sm">
          <CategoryField label={t("schedule.category")} name="scheduleCategory" category={category} onChange={setCategory} />
        </div>
      ) : null}
      {error ? <p role="alert" className="text-red-600 dark:text-red-400">{error}</p> : null}
      <div className="flex flex-wrap gap-2">
        {canSend ? (
          <button type="button" disabled={busy} onClick={() => publish.mutate()} className="rounded-lg bg-brand-600 px-3 py-1.5 font-medium text-white disabled:opacity-50">
            {sendLabel}
          </button>
        ) : null}
        {published ? (
          <button type="button" disabled={busy} onClick={() => withdraw.mutate()} className="rounded-lg border border-zinc-300 px-3 py-1.5 disabled:opacity-50 dark:border-zinc-700">
            {t("schedule.withdraw")}
          </button>
        ) : null}
      </div>
    </div>
  );
}
