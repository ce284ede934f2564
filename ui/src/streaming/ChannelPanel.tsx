// The streamer's Twitch channel on the Streaming screen: live or not and
// how many watch (asked again every minute: Twitch announces it only
// through EventSub), the title and category to change before or during the
// live, and "Marker" to find a moment again in the VOD.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { Category, ChannelInfo_Serialize as ChannelInfo } from "../bindings";
import { TextField } from "../components/Field";
import { formatNumber } from "../i18n";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useTwitchAccount } from "../shared/twitch";
import { CategoryField } from "./CategoryField";

const channelKey = ["twitch", "channel"] as const;
const MAX_TITLE = 140;

export function ChannelPanel() {
  const account = useTwitchAccount();
  if (account?.state !== "signed_in") return null;
  return <Channel />;
}

function Channel() {
  const { t } = useTranslation();
  const language = useLanguage();
  const channel = useQuery({ queryKey: channelKey, queryFn: () => call(commands.twitchChannel()), refetchInterval: 60_000, retry: false });
  if (channel.isPending) return null;
  if (channel.isError) {
    return (
      <section aria-label={t("channel.title")} className="rounded-xl border border-zinc-200 p-4 text-sm dark:border-zinc-800">
        <p role="alert" className="text-red-600 dark:text-red-400">{describeError(t, channel.error)}</p>
      </section>
    );
  }
  const info = channel.data;
  return (
    <section aria-label={t("channel.title")} className="space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
      <header className="flex items-center gap-3">
        <h2 className="font-semibold">{t("channel.title")}</h2>
        <p role="status" data-testid="twitch-live" className={`rounded-full px-2 py-0.5 text-xs font-medium ${info.live ? "bg-red-600 text-white" : "bg-zinc-200 text-zinc-700 dark:bg-zinc-700 dark:text-zinc-200"}`}>
          {info.live ? t("channel.live", { viewers: formatNumber(language, info.live.viewers) }) : t("channel.offline")}
        </p>
      </header>
      <InfoForm key={`${info.title}|${info.category?.id ?? ""}`} info={info} />
      {info.live ? <MarkerForm /> : null}
    </section>
  );
}

function InfoForm({ info }: { info: ChannelInfo }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [title, setTitle] = useState(info.title);
  const [category, setCategory] = useState<Category | null>(info.category);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => call(commands.updateTwitchChannel(title, category?.id ?? null)),
    onSuccess: () => {
      setError(null);
      toast.success(t("channel.saved"));
      void client.invalidateQueries({ queryKey: channelKey });
    },
    onError: (failure) => setError(describeError(t, failure)),
  });
  const count = [...title.trim()].length;
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={onSubmit} className="grid max-w-xl gap-3" aria-label={t("channel.edit")}>
      <TextField
        label={t("channel.streamTitle")}
        name="streamTitle"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        hint={`${count}/${MAX_TITLE}`}
        error={count > MAX_TITLE ? t("channel.titleTooLong", { max: MAX_TITLE }) : undefined}
      />
      <CategoryField label={t("channel.category")} name="category" category={category} onChange={setCategory} />
      {error ? <p role="alert" className="text-sm text-red-600 dark:text-red-400">{error}</p> : null}
      <div>
        <button type="submit" disabled={save.isPending || count === 0 || count > MAX_TITLE} className="rounded-lg bg-brand-600 px-4 py-2 text-sm font-medium text-white hover:bg-brand-700 disabled:opacity-50">
          {t("channel.save")}
        </button>
      </div>
    </form>
  );
}

function MarkerForm() {
  const { t } = useTranslation();
  const [description, setDescription] = useState("");
  const mark = useMutation({
    mutationFn: () => call(commands.twitchMarker(description)),
    onSuccess: () => {
      setDescription("");
      toast.success(t("channel.marked"));
    },
    onError: (failure) => toast.error(describeError(t, failure)),
  });
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        mark.mutate();
      }}
      className="flex max-w-xl items-end gap-2"
      aria-label={t("channel.marker")}
    >
      <div className="flex-1">
        <TextField label={t("channel.markerDescription")} name="marker" value={description} onChange={(e) => setDescription(e.target.value)} />
      </div>
      <button type="submit" disabled={mark.isPending} className="rounded-lg border border-zinc-300 px-4 py-2 text-sm hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
        {t("channel.mark")}
      </button>
    </form>
  );
}
