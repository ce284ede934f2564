// OBS's audio mixer: each input that carries sound, with its mute and its
// fader. A fader sends while it moves, one request at a time with the
// latest position (a drag asks OBS tens of times, not hundreds); OBS's own
// announcements bring the state back, also when the fader moved in OBS.
import { Volume2, VolumeX } from "lucide-react";
import { useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { AudioInput } from "../bindings";
import { formatNumber } from "../i18n";
import { call, commands } from "../shared/bridge";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useAudioInputs, useSetMuted } from "./queries";

/** The fader's travel: below −60 dB is silence to the ear. */
const FLOOR_DB = -60;

export function Mixer() {
  const { t } = useTranslation();
  const inputs = useAudioInputs().data;
  if (!inputs) return null;
  return (
    <section aria-labelledby="obs-mixer-title" className="space-y-2">
      <h2 id="obs-mixer-title" className="font-semibold">{t("obs.mixer.title")}</h2>
      {inputs.length === 0 ? <p className="text-sm text-zinc-500">{t("obs.mixer.none")}</p> : null}
      <ul className="space-y-2">
        {inputs.map((input) => (
          <Channel key={input.name} input={input} />
        ))}
      </ul>
    </section>
  );
}

function Channel({ input }: { input: AudioInput }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const setMuted = useSetMuted();
  const [dragging, setDragging] = useState<number | null>(null);
  const sending = useRef<{ busy: boolean; next: number | null }>({ busy: false, next: null });
  const db = dragging ?? input.volumeDb ?? FLOOR_DB;

  async function send(value: number) {
    const state = sending.current;
    if (state.busy) {
      state.next = value;
      return;
    }
    state.busy = true;
    try {
      await call(commands.obsSetVolume(input.name, value));
    } catch (error) {
      toast.error(describeError(t, error));
    } finally {
      state.busy = false;
      const next = state.next;
      state.next = null;
      if (next !== null) void send(next);
    }
  }

  const shown = db <= FLOOR_DB ? t("obs.mixer.silent") : t("obs.mixer.db", { value: formatNumber(language, Math.round(db * 10) / 10) });
  return (
    <li className="flex items-center gap-3 rounded-xl border border-zinc-200 px-3 py-2 dark:border-zinc-800">
      <button
        type="button"
        role="switch"
        aria-checked={!input.muted}
        aria-label={t(input.muted ? "obs.mixer.unmute" : "obs.mixer.mute", { input: input.name })}
        onClick={() =>
          setMuted.mutate({ input: input.name, muted: !input.muted }, { onError: (error) => toast.error(describeError(t, error)) })
        }
        className={`rounded-lg p-2 ${input.muted ? "bg-red-100 text-red-700 dark:bg-red-950 dark:text-red-400" : "hover:bg-zinc-200 dark:hover:bg-zinc-800"}`}
      >
        {input.muted ? <VolumeX aria-hidden size={18} /> : <Volume2 aria-hidden size={18} />}
      </button>
      <div className="min-w-0 flex-1">
        <p className={`truncate text-sm ${input.muted ? "text-zinc-400 line-through" : ""}`}>{input.name}</p>
        <input
          type="range"
          min={FLOOR_DB}
          max={0}
          step={0.5}
          value={Math.max(FLOOR_DB, Math.min(0, db))}
          aria-label={t("obs.mixer.volume", { input: input.name })}
          aria-valuetext={shown}
          onChange={(e) => {
            const value = Number(e.target.value);
            setDragging(value);
            void send(value <= FLOOR_DB ? -100 : value);
          }}
          onPointerUp={() => setDragging(null)}
          onBlur={() => setDragging(null)}
          className="w-full accent-brand-600"
        />
      </div>
      <span className="w-16 text-right text-xs tabular-nums text-zinc-500">{shown}</span>
    </li>
  );
}
