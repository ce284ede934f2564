// The Streaming screen's OBS panel: where the link stands (and why not, with
// "Retry"), the scenes as big buttons with the one on air marked, the
// sources of the scene on air with their visibility, and OBS's live
// figures. Everything follows OBS's own events: a scene switched in OBS
// shows here at once.
import { Eye, EyeOff, MonitorPlay, RefreshCw, Settings2 } from "lucide-react";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { ObsHealth_Serialize as ObsHealth, ObsStats } from "../bindings";
import { formatDate, formatNumber } from "../i18n";
import { describeError, describeObsHealth } from "../shared/errors";
import { isPlainKeyOutsideFields } from "../shared/keys";
import { useObsHealth, useObsStats } from "../shared/obs";
import { useLanguage } from "../shared/preferences";
import { LiveControls } from "./LiveControls";
import { Mixer } from "./Mixer";
import { ObsConnectionForm } from "./ObsConnectionForm";
import { ProgramPreview } from "./ProgramPreview";
import {
  useObsRetry,
  useObsScenes,
  useObsSetup,
  useSceneItems,
  useSetItemVisible,
  useSetPreview,
  useSwitchScene,
  useTransition,
} from "./queries";

export function ObsPanel() {
  const { t } = useTranslation();
  const setup = useObsSetup();
  const health = useObsHealth();
  const [editing, setEditing] = useState(false);
  // Live mode: bigger scene buttons and the picture of the program, nothing
  // else but the controls and the mixer (key L, or the button).
  const [live, setLive] = useState(false);
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      if (!isPlainKeyOutsideFields(event) || event.key.toLowerCase() !== "l") return;
      event.preventDefault();
      setLive((on) => !on);
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
  if (setup.isPending) return null;
  if (!setup.data) {
    return (
      <section aria-labelledby="obs-connection-title" className="space-y-3">
        <h2 id="obs-connection-title" className="text-lg font-semibold">{t("obs.connection")}</h2>
        <ObsConnectionForm />
      </section>
    );
  }
  return (
    <div className="space-y-6">
      <HealthBar health={health} onEdit={() => setEditing((e) => !e)} editing={editing} live={live} onLive={() => setLive((on) => !on)} />
      {editing || health?.state === "needs_attention" ? (
        <section aria-labelledby="obs-connection-title" className="space-y-3">
          <h2 id="obs-connection-title" className="text-lg font-semibold">{t("obs.connection")}</h2>
          <ObsConnectionForm onSaved={() => setEditing(false)} />
        </section>
      ) : null}
      {health?.state === "connected" ? (
        <>
          <LiveControls />
          <Scenes live={live} />
        </>
      ) : null}
    </div>
  );
}

const tone: Record<ObsHealth["state"], string> = {
  not_configured: "border-zinc-300 dark:border-zinc-700",
  connecting: "border-sky-300 bg-sky-50 dark:border-sky-800 dark:bg-sky-950",
  connected: "border-emerald-300 bg-emerald-50 dark:border-emerald-800 dark:bg-emerald-950",
  waiting: "border-amber-300 bg-amber-50 dark:border-amber-800 dark:bg-amber-950",
  needs_attention: "border-red-300 bg-red-50 dark:border-red-800 dark:bg-red-950",
};

interface HealthBarProps {
  health: ObsHealth | null;
  onEdit: () => void;
  editing: boolean;
  live: boolean;
  onLive: () => void;
}

function HealthBar({ health, onEdit, editing, live, onLive }: HealthBarProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const retry = useObsRetry();
  if (!health) return null;
  const { label, problem } = describeObsHealth(t, health);
  return (
    <div role="status" aria-live="polite" className={`flex flex-wrap items-center gap-3 rounded-xl border px-4 py-3 ${tone[health.state]}`}>
      <div className="min-w-0 flex-1">
        <p className="font-semibold" data-testid="obs-panel-health">{label}</p>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">
          {health.state === "connected"
            ? t("obs.version", { obs: health.obsVersion, websocket: health.websocketVersion })
            : problem}
          {"since" in health ? ` · ${t("obs.since", { time: formatDate(language, health.since) })}` : null}
        </p>
      </div>
      {health.state !== "connected" ? (
        <button
          type="button"
          onClick={() => retry.mutate()}
          className="flex items-center gap-2 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
        >
          <RefreshCw aria-hidden size={16} />
          {t("obs.retry")}
        </button>
      ) : null}
      {health.state === "connected" ? (
        <button
          type="button"
          onClick={onLive}
          aria-pressed={live}
          title={t("obs.liveModeHint")}
          className={`flex items-center gap-2 rounded-lg border px-3 py-2 text-sm font-medium ${
            live
              ? "border-red-600 bg-red-600 text-white"
              : "border-zinc-300 bg-white hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
          }`}
        >
          <MonitorPlay aria-hidden size={16} />
          {t("obs.liveMode")}
        </button>
      ) : null}
      <button
        type="button"
        onClick={onEdit}
        aria-expanded={editing}
        className="flex items-center gap-2 rounded-lg border border-zinc-300 bg-white px-3 py-2 text-sm font-medium hover:bg-zinc-100 dark:border-zinc-700 dark:bg-zinc-900 dark:hover:bg-zinc-800"
      >
        <Settings2 aria-hidden size={16} />
        {t("obs.connection")}
      </button>
    </div>
  );
}

function Scenes({ live }: { live: boolean }) {
  const { t } = useTranslation();
  const scenes = useObsScenes();
  const switchScene = useSwitchScene();
  const setPreview = useSetPreview();
  const transition = useTransition();
  const list = scenes.data;
  const studioMode = list ? list.preview !== null : false;

  // In studio mode a scene goes to the preview first; otherwise on air.
  function put(scene: string) {
    const onError = (error: unknown) => toast.error(describeError(t, error));
    if (studioMode) setPreview.mutate(scene, { onError });
    else switchScene.mutate(scene, { onError });
  }

  function cut() {
    transition.mutate(undefined, { onError: (error) => toast.error(describeError(t, error)) });
  }

  // Keys 1 to 9 pick a scene, as a stream deck would, and T transitions in
  // studio mode (not while typing, and not with Ctrl/Cmd, which open
  // modules).
  useEffect(() => {
    const names = list?.scenes ?? [];
    function onKey(event: KeyboardEvent) {
      if (!isPlainKeyOutsideFields(event)) return;
      if (studioMode && event.key.toLowerCase() === "t") {
        event.preventDefault();
        cut();
        return;
      }
      const index = Number(event.key) - 1;
      const scene = Number.isInteger(index) && index >= 0 ? names[index] : undefined;
      if (scene) {
        event.preventDefault();
        put(scene);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  if (!list) return scenes.error ? <p role="alert" className="text-sm text-red-600">{describeError(t, scenes.error)}</p> : null;
  return (
    <div className="grid gap-6 lg:grid-cols-[2fr_1fr]">
      <section aria-labelledby="obs-scenes-title" className="space-y-3">
        <div className="flex items-baseline justify-between gap-4">
          <h2 id="obs-scenes-title" className="text-lg font-semibold">{t("obs.scenes")}</h2>
          <p className="text-xs text-zinc-500">{studioMode ? t("obs.live.studioHint") : t("obs.switchHint")}</p>
        </div>
        <ul className={`grid grid-cols-2 xl:grid-cols-3 ${live ? "gap-4" : "gap-3"}`}>
          {list.scenes.map((scene, index) => {
            const onAir = scene === list.program;
            return (
              <li key={scene}>
                <button
                  type="button"
                  aria-pressed={onAir}
                  onClick={() => put(scene)}
                  className={`flex w-full flex-col justify-between rounded-xl border-2 p-3 text-left font-semibold ${
                    live ? "h-36 text-3xl" : "h-24 text-lg"
                  } ${
                    onAir
                      ? "border-red-600 bg-red-600 text-white"
                      : scene === list.preview
                        ? "border-emerald-600 bg-emerald-50 dark:bg-emerald-950"
                        : "border-zinc-300 hover:border-brand-500 dark:border-zinc-700"
                  }`}
                >
                  <span className="flex items-center justify-between text-xs font-medium opacity-80">
                    <kbd>{index < 9 ? index + 1 : ""}</kbd>
                    {onAir ? <span>{t("obs.onAir")}</span> : scene === list.preview ? <span>{t("obs.preview")}</span> : null}
                  </span>
                  <span className="truncate">{scene}</span>
                </button>
              </li>
            );
          })}
        </ul>
        {studioMode ? (
          <button
            type="button"
            onClick={cut}
            className="w-full rounded-xl bg-emerald-600 px-4 py-3 text-base font-semibold text-white hover:bg-emerald-700"
          >
            {t("obs.live.transition")} : {list.preview}
          </button>
        ) : null}
      </section>
      <div className="space-y-6">
        <ProgramPreview />
        {list.program && !live ? <Sources scene={list.program} /> : null}
        <Mixer />
        {live ? null : <Figures />}
      </div>
    </div>
  );
}

function Sources({ scene }: { scene: string }) {
  const { t } = useTranslation();
  const items = useSceneItems(scene);
  const setVisible = useSetItemVisible();
  return (
    <section aria-labelledby="obs-sources-title" className="space-y-2">
      <h2 id="obs-sources-title" className="font-semibold">{t("obs.sources", { scene })}</h2>
      {items.data?.length === 0 ? <p className="text-sm text-zinc-500">{t("obs.noSources")}</p> : null}
      <ul className="divide-y divide-zinc-200 rounded-xl border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {items.data?.map((item) => (
          <li key={item.id} className="flex items-center justify-between gap-3 px-3 py-2">
            <span className={`truncate text-sm ${item.visible ? "" : "text-zinc-400 line-through"}`}>{item.source}</span>
            <button
              type="button"
              role="switch"
              aria-checked={item.visible}
              aria-label={t(item.visible ? "obs.hide" : "obs.show", { source: item.source })}
              onClick={() =>
                setVisible.mutate(
                  { scene, itemId: item.id, visible: !item.visible },
                  { onError: (error) => toast.error(describeError(t, error)) },
                )
              }
              className="rounded-lg p-2 hover:bg-zinc-200 dark:hover:bg-zinc-800"
            >
              {item.visible ? <Eye aria-hidden size={18} /> : <EyeOff aria-hidden size={18} />}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Figures() {
  const { t } = useTranslation();
  const language = useLanguage();
  const stats: ObsStats | null = useObsStats();
  if (!stats) return null;
  const tenth = (value: number | null) => formatNumber(language, Math.round((value ?? 0) * 10) / 10);
  const share = (part: number, total: number) => (total > 0 ? ` (${tenth((part / total) * 100)} %)` : "");
  const rows: [string, string][] = [
    [t("obs.stats.fps"), tenth(stats.activeFps)],
    [t("obs.stats.cpu"), `${tenth(stats.cpuPercent)} %`],
    [t("obs.stats.memory"), t("obs.stats.megabytes", { value: formatNumber(language, Math.round(stats.memoryMb ?? 0)) })],
    [t("obs.stats.renderTime"), t("obs.stats.milliseconds", { value: tenth(stats.averageRenderMs) })],
    [t("obs.stats.render"), `${formatNumber(language, stats.renderSkippedFrames)}${share(stats.renderSkippedFrames, stats.renderTotalFrames)}`],
    [t("obs.stats.encode"), `${formatNumber(language, stats.outputSkippedFrames)}${share(stats.outputSkippedFrames, stats.outputTotalFrames)}`],
  ];
  return (
    <section aria-labelledby="obs-figures-title" className="space-y-2">
      <h2 id="obs-figures-title" className="font-semibold">{t("obs.stats.title")}</h2>
      <dl className="grid grid-cols-2 gap-x-4 gap-y-1 text-sm tabular-nums">
        {rows.map(([name, value]) => (
          <div key={name} className="contents">
            <dt className="text-zinc-500">{name}</dt>
            <dd className="text-right" data-testid={`obs-figure-${name}`}>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
