// The recordings OBS finished on this computer and what became of them:
// archived (with the thumbnail, the live it recorded, its figures), waiting,
// being copied (with its progress and Cancel), or not archived with the
// reason and Try again. Rust pushes the archive's news; the list is read
// again when it says the list changed, never polled.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Film } from "lucide-react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type {
  ArchiveNews,
  ArchiveProgress,
  RecordingEntry_Serialize as RecordingEntry,
  RecordingFile,
  RecordingKeep,
} from "../bindings";
import { SelectField } from "../components/Field";
import { formatDate, formatFileSize, formatNumber } from "../i18n";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useFollowPushed, usePushed } from "../shared/pushed";
import { timecode } from "./LiveControls";

const recordingKeys = {
  list: ["recordings", "list"] as const,
  news: ["recordings", "news"] as const,
  keep: ["recordings", "keep"] as const,
  thumbnail: (assetId: string) => ["recordings", "thumbnail", assetId] as const,
};

/** Follows the archive while the panel is on screen; a change of the list reads it again. */
function useFollowRecordings() {
  const client = useQueryClient();
  useFollowPushed<ArchiveNews>(
    recordingKeys.news,
    (channel) => commands.followRecordings(channel),
    (news, before) => {
      if (before && before.changes !== news.changes) void client.invalidateQueries({ queryKey: recordingKeys.list });
    },
  );
}

export function RecordingsPanel() {
  const { t } = useTranslation();
  useFollowRecordings();
  const list = useQuery({ queryKey: recordingKeys.list, queryFn: () => call(commands.recordings()) });
  const news = usePushed<ArchiveNews>(recordingKeys.news);
  return (
    <section aria-labelledby="recordings-title" className="space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
      <header className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id="recordings-title" className="font-semibold">{t("recordings.title")}</h2>
          <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("recordings.lead")}</p>
        </div>
        <KeepChoice />
      </header>
      {list.isError ? (
        <p role="alert" className="text-sm text-red-600 dark:text-red-400">{describeError(t, list.error)}</p>
      ) : list.data?.length === 0 ? (
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("recordings.empty")}</p>
      ) : (
        <ul className="divide-y divide-zinc-200 dark:divide-zinc-800">
          {list.data?.map((entry) => (
            <RecordingRow key={entry.intakeId} entry={entry} progress={news?.progress?.intakeId === entry.intakeId ? news.progress : null} />
          ))}
        </ul>
      )}
    </section>
  );
}

function KeepChoice() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const keep = useQuery({ queryKey: recordingKeys.keep, queryFn: () => call(commands.recordingKeep()) });
  const save = useMutation({
    mutationFn: (choice: RecordingKeep) => call(commands.setRecordingKeep(choice)),
    onSuccess: (saved) => {
      client.setQueryData(recordingKeys.keep, saved);
      toast.success(t("recordings.keepSaved"));
    },
    onError: (failure) => toast.error(describeError(t, failure)),
  });
  if (!keep.data) return null;
  return (
    <SelectField
      label={t("recordings.keep")}
      value={keep.data}
      onChange={(event) => save.mutate(event.target.value as RecordingKeep)}
      options={[
        { value: "copy", label: t("recordings.keepCopy") },
        { value: "move", label: t("recordings.keepMove") },
      ]}
    />
  );
}

function RecordingRow({ entry, progress }: { entry: RecordingEntry; progress: ArchiveProgress | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const title = entry.title ?? entry.fileName;
  const figures = [
    entry.durationMs !== null ? timecode(entry.durationMs) : null,
    entry.width && entry.height ? `${entry.width}×${entry.height}` : null,
    entry.videoCodec?.toUpperCase() ?? null,
    entry.byteSize !== null ? formatFileSize(language, entry.byteSize) : null,
  ].filter((figure): figure is string => figure !== null);
  return (
    <li aria-label={title} className="flex gap-3 py-3">
      <Thumbnail assetId={entry.assetId} title={title} />
      <div className="min-w-0 flex-1 space-y-1 text-sm">
        <p className="truncate font-medium">{title}</p>
        <p className="text-zinc-600 dark:text-zinc-300">
          {formatDate(language, entry.stoppedAt)}
          {entry.state === "archived" ? ` · ${entry.eventTitle ? t("recordings.of", { title: entry.eventTitle }) : t("recordings.noLive")}` : null}
        </p>
        {figures.length > 0 ? <p className="text-zinc-600 tabular-nums dark:text-zinc-300">{figures.join(" · ")}</p> : null}
        {entry.state === "waiting" ? progress ? <Copying progress={progress} /> : <p role="status">{t("recordings.waiting")}</p> : null}
        {entry.state === "failed" ? <Failed entry={entry} /> : null}
        {entry.state === "archived" && entry.assetId ? <Files assetId={entry.assetId} title={title} chatMessages={entry.chatMessages} /> : null}
      </div>
    </li>
  );
}

/** The recording's files: the video, and beside it the chat log and the live's record. */
function Files({ assetId, title, chatMessages }: { assetId: string; title: string; chatMessages: number | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const open = useMutation({
    mutationFn: (file: RecordingFile) => call(commands.openRecordingFile(assetId, file)),
    onError: (failure) => toast.error(describeError(t, failure)),
  });
  const button = (file: RecordingFile, label: string) => (
    <button type="button" onClick={() => open.mutate(file)} aria-label={`${label} · ${title}`} className="rounded-md border border-zinc-300 px-2 py-0.5 text-xs hover:bg-zinc-100 dark:border-zinc-700 dark:hover:bg-zinc-800">
      {label}
    </button>
  );
  return (
    <div className="flex flex-wrap items-center gap-2">
      {button("video", t("recordings.openVideo"))}
      {chatMessages !== null ? (
        <>
          <span className="text-zinc-600 dark:text-zinc-300">{t("recordings.chatMessages", { count: chatMessages, formatted: formatNumber(language, chatMessages) })}</span>
          {button("chat_log", t("recordings.openChat"))}
          {button("live_log", t("recordings.openLiveLog"))}
        </>
      ) : null}
    </div>
  );
}

function Thumbnail({ assetId, title }: { assetId: string | null; title: string }) {
  const { t } = useTranslation();
  const picture = useQuery({
    queryKey: recordingKeys.thumbnail(assetId ?? ""),
    queryFn: () => call(commands.recordingThumbnail(assetId ?? "")),
    enabled: assetId !== null,
    staleTime: Infinity,
    retry: false,
  });
  return (
    <div className="flex h-[72px] w-32 shrink-0 items-center justify-center overflow-hidden rounded-md bg-zinc-100 dark:bg-zinc-800">
      {picture.data ? (
        <img src={picture.data} alt={t("recordings.thumbnail", { title })} className="h-full w-full object-cover" />
      ) : (
        <Film aria-hidden className="h-6 w-6 text-zinc-400" />
      )}
    </div>
  );
}

function Copying({ progress }: { progress: ArchiveProgress }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const cancel = useMutation({
    mutationFn: () => call(commands.cancelRecording(progress.intakeId)),
    onError: (failure) => toast.error(describeError(t, failure)),
  });
  const label = t("recordings.archiving", { file: progress.fileName });
  const [done, total] = [progress.doneBytes ?? 0, progress.totalBytes ?? 0];
  return (
    <div className="flex items-center gap-2">
      <progress aria-label={label} value={done} max={total || 1} className="h-2 flex-1" />
      <span className="text-xs tabular-nums text-zinc-600 dark:text-zinc-300">
        {t("recordings.progress", { done: formatFileSize(language, done), total: formatFileSize(language, total) })}
      </span>
      <button type="button" onClick={() => cancel.mutate()} className="rounded-md border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700">
        {t("recordings.cancel")}
      </button>
    </div>
  );
}

function Failed({ entry }: { entry: RecordingEntry }) {
  const { t } = useTranslation();
  const retry = useMutation({
    mutationFn: () => call(commands.retryRecording(entry.intakeId)),
    onError: (failure) => toast.error(describeError(t, failure)),
  });
  return (
    <div className="flex flex-wrap items-center gap-2">
      <p role="alert" className="text-red-700 dark:text-red-400">
        {t("recordings.failed", { reason: t(`recordings.problem.${entry.problem ?? "unreadable"}`) })}
      </p>
      <button type="button" onClick={() => retry.mutate()} className="rounded-md border border-zinc-300 px-2 py-0.5 text-xs dark:border-zinc-700">
        {t("recordings.retry")}
      </button>
    </div>
  );
}
