// The live's big buttons: the stream, the recording (with pause) and the
// replay buffer, each with where it stands (its timecode, ticking between
// OBS's figures) and studio mode. What OBS reports wins: the buttons show
// OBS's state, not what was last clicked.
import { Circle, Pause, Play, Radio, Save, Square } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { OutputAction, OutputFigures } from "../bindings";
import { ConfirmDialog } from "../components/ConfirmDialog";
import { formatNumber } from "../i18n";
import { describeError } from "../shared/errors";
import { useObsStats } from "../shared/obs";
import { useLanguage } from "../shared/preferences";
import { useObsScenes, useOutputAction, useStudioMode } from "./queries";

/** 01:02:03 from milliseconds. */
export function timecode(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor((seconds % 3600) / 60))}:${pad(seconds % 60)}`;
}

/** An output's timecode, moving on between two of OBS's figures while it runs. */
function useTicking(figures: OutputFigures | undefined): number {
  const [base, setBase] = useState({ ms: 0, at: 0 });
  const [now, setNow] = useState(0);
  const running = Boolean(figures?.active && !figures.paused);
  useEffect(() => {
    const at = performance.now();
    setBase({ ms: figures?.timecodeMs ?? 0, at });
    setNow(at);
  }, [figures?.timecodeMs]);
  useEffect(() => {
    if (!running) return;
    const timer = window.setInterval(() => setNow(performance.now()), 500);
    return () => window.clearInterval(timer);
  }, [running]);
  return running ? base.ms + Math.max(0, now - base.at) : base.ms;
}

const big =
  "flex items-center justify-center gap-2 rounded-xl px-4 py-3 text-base font-semibold disabled:opacity-50";

export function LiveControls() {
  const { t } = useTranslation();
  const language = useLanguage();
  const stats = useObsStats();
  const scenes = useObsScenes().data;
  const act = useOutputAction();
  const studio = useStudioMode();
  const [confirmStop, setConfirmStop] = useState(false);
  const stream = stats?.stream;
  const recording = stats?.recording;
  const streamMs = useTicking(stream);
  const recordMs = useTicking(recording);
  const studioMode = scenes ? scenes.preview !== null : false;

  function run(action: OutputAction) {
    act.mutate(action, {
      onSuccess: (file) => {
        if (action === "stop_recording" && file) toast.success(t("obs.live.recordingSaved", { file }));
        if (action === "save_replay") toast.success(t("obs.live.replaySaved"));
      },
      onError: (error) => toast.error(describeError(t, error)),
    });
  }

  const kbps = (figures: OutputFigures | undefined) =>
    figures?.active ? ` · ${t("obs.live.kbps", { value: formatNumber(language, figures.kbps) })}` : "";

  return (
    <section aria-labelledby="obs-live-title" className="space-y-3">
      <h2 id="obs-live-title" className="text-lg font-semibold">{t("obs.live.title")}</h2>
      <div className="grid gap-3 md:grid-cols-3">
        <div className="space-y-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
          <p className="flex items-center gap-2 text-sm" data-testid="obs-stream-state">
            <Radio aria-hidden size={16} className={stream?.active ? "text-red-600" : "text-zinc-400"} />
            <span className="font-medium">{stream?.active ? t("obs.live.streaming") : t("obs.live.notStreaming")}</span>
            {stream?.active ? <span className="tabular-nums">{timecode(streamMs)}{kbps(stream)}</span> : null}
          </p>
          {stream?.reconnecting ? <p role="alert" className="text-sm text-amber-700 dark:text-amber-400">{t("obs.live.reconnecting")}</p> : null}
          {stream?.active ? (
            <button type="button" onClick={() => setConfirmStop(true)} className={`${big} w-full border-2 border-red-600 text-red-700 dark:text-red-400`}>
              <Square aria-hidden size={18} />
              {t("obs.live.stopStream")}
            </button>
          ) : (
            <button type="button" onClick={() => run("start_stream")} disabled={!stats} className={`${big} w-full bg-red-600 text-white hover:bg-red-700`}>
              <Radio aria-hidden size={18} />
              {t("obs.live.startStream")}
            </button>
          )}
        </div>
        <div className="space-y-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
          <p className="flex items-center gap-2 text-sm" data-testid="obs-record-state">
            <Circle aria-hidden size={16} className={recording?.active && !recording.paused ? "fill-red-600 text-red-600" : "text-zinc-400"} />
            <span className="font-medium">
              {recording?.active ? (recording.paused ? t("obs.live.paused") : t("obs.live.recording")) : t("obs.live.notRecording")}
            </span>
            {recording?.active ? <span className="tabular-nums">{timecode(recordMs)}{kbps(recording)}</span> : null}
          </p>
          {recording?.active ? (
            <div className="flex gap-2">
              <button type="button" onClick={() => run("stop_recording")} className={`${big} flex-1 border-2 border-zinc-400`}>
                <Square aria-hidden size={18} />
                {t("obs.live.stopRecord")}
              </button>
              <button
                type="button"
                onClick={() => run(recording.paused ? "resume_recording" : "pause_recording")}
                className={`${big} border-2 border-zinc-300 dark:border-zinc-700`}
              >
                {recording.paused ? <Play aria-hidden size={18} /> : <Pause aria-hidden size={18} />}
                {recording.paused ? t("obs.live.resume") : t("obs.live.pause")}
              </button>
            </div>
          ) : (
            <button type="button" onClick={() => run("start_recording")} disabled={!stats} className={`${big} w-full border-2 border-red-600`}>
              <Circle aria-hidden size={18} className="fill-red-600 text-red-600" />
              {t("obs.live.record")}
            </button>
          )}
        </div>
        <div className="space-y-2 rounded-xl border border-zinc-200 p-3 dark:border-zinc-800">
          <label className="flex items-center justify-between gap-2 text-sm font-medium">
            {t("obs.live.studioMode")}
            <input
              type="checkbox"
              role="switch"
              checked={studioMode}
              disabled={!scenes}
              onChange={(e) => studio.mutate(e.target.checked, { onError: (error) => toast.error(describeError(t, error)) })}
              className="size-5 accent-brand-600"
            />
          </label>
          {stats?.replayBufferActive ? (
            <button type="button" onClick={() => run("save_replay")} className={`${big} w-full border-2 border-zinc-300 dark:border-zinc-700`}>
              <Save aria-hidden size={18} />
              {t("obs.live.saveReplay")}
            </button>
          ) : null}
        </div>
      </div>
      <ConfirmDialog
        open={confirmStop}
        onOpenChange={setConfirmStop}
        title={t("obs.live.stopStream")}
        body={t("obs.live.confirmStopStream")}
        confirmLabel={t("obs.live.stopStream")}
        cancelLabel={t("obs.live.keepStreaming")}
        onConfirm={() => run("stop_stream")}
      />
    </section>
  );
}
