// A live's run-of-show on the Streaming screen: pick a live of the
// calendar, prepare its segments (their planned times follow from the
// order and durations, computed in Rust), and during the live see what is
// on and what comes next with their countdowns, start a segment with one
// click (its scene goes on air, its message is posted) or let the
// automatic ones start on time.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { ArrowUp, Trash2 } from "lucide-react";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { RunOfShow_Serialize as RunOfShow, Segment_Serialize as Segment, SegmentFields_Serialize as SegmentFields } from "../bindings";
import { SelectField, TextAreaField, TextField } from "../components/Field";
import { dateTimeFormat, formatDate } from "../i18n";
import { call, commands } from "../shared/bridge";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { timecode } from "./LiveControls";
import { TwitchSchedule } from "./TwitchSchedule";

const liveKeys = {
  lives: ["live", "lives"] as const,
  running: ["live", "running"] as const,
  show: (eventId: string) => ["live", "show", eventId] as const,
};

/** The current time, moving on every second while mounted. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function LivePanel() {
  const { t } = useTranslation();
  const language = useLanguage();
  // Read again each time the screen opens: a live planned a moment ago in
  // Planning must be there.
  const lives = useQuery({ queryKey: liveKeys.lives, queryFn: () => call(commands.upcomingLives()), refetchOnMount: "always" });
  const [picked, setPicked] = useState<string | null>(null);
  const eventId = picked ?? lives.data?.[0]?.id ?? null;
  return (
    <section aria-labelledby="live-title" className="space-y-3 rounded-xl border border-zinc-200 p-4 dark:border-zinc-800">
      <header>
        <h2 id="live-title" className="font-semibold">{t("live.title")}</h2>
        <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("live.lead")}</p>
      </header>
      {lives.isError ? <p role="alert" className="text-sm text-red-600">{describeError(t, lives.error)}</p> : null}
      {lives.data?.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("live.none")}</p> : null}
      {lives.data && lives.data.length > 0 && eventId ? (
        <>
          <SelectField
            label={t("live.pick")}
            value={eventId}
            onChange={(event) => setPicked(event.target.value)}
            options={lives.data.map((live) => ({ value: live.id, label: `${live.cancelled ? t("live.cancelled", { title: live.title }) : live.title} · ${formatDate(language, live.startsAt)}` }))}
          />
          <Show key={eventId} eventId={eventId} />
        </>
      ) : null}
    </section>
  );
}

function Show({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const show = useQuery({ queryKey: liveKeys.show(eventId), queryFn: () => call(commands.runOfShow(eventId)), refetchInterval: 5_000 });
  const [editing, setEditing] = useState(false);
  if (show.isError) return <p role="alert" className="text-sm text-red-600">{describeError(t, show.error)}</p>;
  if (!show.data) return null;
  if (editing) return <Editor show={show.data} onDone={() => setEditing(false)} />;
  return (
    <div className="space-y-3">
      <OnAir show={show.data} />
      {show.data.segments.length === 0 ? <p className="text-sm text-zinc-600 dark:text-zinc-300">{t("live.empty")}</p> : <Segments show={show.data} />}
      <div className="flex flex-wrap items-center gap-3">
        <button type="button" onClick={() => setEditing(true)} className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
          {t("live.edit")}
        </button>
        {show.data.segments.some((s) => s.fields.automatic) ? <AutoStart eventId={eventId} /> : null}
      </div>
      <TwitchSchedule eventId={eventId} onChanged={() => void client.invalidateQueries({ queryKey: liveKeys.lives })} />
    </div>
  );
}

/** What is on air and what comes next, with their countdowns. */
function OnAir({ show }: { show: RunOfShow }) {
  const { t } = useTranslation();
  const now = useNow();
  const current = show.segments.find((s) => s.id === show.onAir) ?? null;
  const next = show.segments.find((s) => s.id === show.next) ?? null;
  if (!current && !next) return null;
  const left = current?.startedAt ? Date.parse(current.startedAt) + current.fields.durationMin * 60_000 - now : 0;
  const until = next ? Date.parse(next.plannedStart) - now : 0;
  return (
    <div className="grid gap-3 sm:grid-cols-2">
      {current ? (
        <div role="status" aria-label={t("live.now")} className="rounded-lg bg-red-50 p-3 dark:bg-red-950">
          <p className="text-xs font-semibold uppercase text-red-700 dark:text-red-300">{t("live.now")}</p>
          <p className="font-semibold">{current.fields.title}</p>
          <p className="tabular-nums">{left >= 0 ? t("live.endsIn", { time: timecode(left) }) : t("live.late", { time: timecode(-left) })}</p>
        </div>
      ) : null}
      {next ? (
        <div role="status" aria-label={t("live.next")} className="rounded-lg bg-zinc-100 p-3 dark:bg-zinc-800">
          <p className="text-xs font-semibold uppercase text-zinc-600 dark:text-zinc-300">{t("live.next")}</p>
          <p className="font-semibold">{next.fields.title}</p>
          <p className="tabular-nums">{until >= 0 ? t("live.startsIn", { time: timecode(until) }) : t("live.late", { time: timecode(-until) })}</p>
          <StartButton segment={next} eventId={show.eventId} />
        </div>
      ) : null}
    </div>
  );
}

function StartButton({ segment, eventId }: { segment: Segment; eventId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const start = useMutation({
    mutationFn: () => call(commands.startLiveSegment(segment.id)),
    onSuccess: (started) => {
      void client.invalidateQueries({ queryKey: liveKeys.show(eventId) });
      toast.success(t("live.started", { title: started.segment.fields.title }));
      if (started.sceneOnAir === false) toast.error(t("live.sceneFailed", { scene: started.segment.fields.obsScene ?? "" }));
      if (started.messagePosted === false) toast.error(t("live.messageFailed"));
    },
    onError: (failure) => toast.error(describeError(t, failure)),
  });
  return (
    <button
      type="button"
      disabled={start.isPending}
      onClick={() => start.mutate()}
      className="mt-2 rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50"
    >
      {t("live.start", { title: segment.fields.title })}
    </button>
  );
}

function AutoStart({ eventId }: { eventId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const running = useQuery({ queryKey: liveKeys.running, queryFn: () => call(commands.liveRunning()) });
  const toggle = useMutation({
    mutationFn: (on: boolean) => call(commands.runLive(on ? eventId : null)),
    onSuccess: (now) => client.setQueryData(liveKeys.running, now),
    onError: (failure) => toast.error(describeError(t, failure)),
  });
  const on = running.data === eventId;
  return (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={on} onChange={(event) => toggle.mutate(event.target.checked)} />
      {t("live.auto")}
    </label>
  );
}

function Segments({ show }: { show: RunOfShow }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const time = (instant: string) => dateTimeFormat(language, { timeStyle: "short" }).format(new Date(instant));
  return (
    <ol className="divide-y divide-zinc-200 text-sm dark:divide-zinc-800">
      {show.segments.map((segment) => (
        <li key={segment.id} aria-label={segment.fields.title} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
          <span className="w-28 tabular-nums text-zinc-600 dark:text-zinc-300">{t("live.plannedAt", { start: time(segment.plannedStart), end: time(segment.plannedEnd) })}</span>
          <span className="font-medium">{segment.fields.title}</span>
          {segment.fields.obsScene ? <span className="rounded bg-zinc-100 px-1.5 text-xs dark:bg-zinc-800">{segment.fields.obsScene}</span> : null}
          {segment.fields.talent ? <span className="text-zinc-600 dark:text-zinc-300">{segment.fields.talent}</span> : null}
          {segment.deliverable ? <span className="text-brand-700 dark:text-brand-300">{segment.deliverable}</span> : null}
          {segment.startedAt ? <span className="text-green-700 dark:text-green-400">{t("live.startedAt", { time: time(segment.startedAt) })}</span> : null}
        </li>
      ))}
    </ol>
  );
}

/** `rows` with the one at `index` before the one above it. */
function moveUp<T>(rows: T[], index: number): T[] {
  return rows.flatMap((row, at) => (at === index - 1 ? [] : at === index ? [row, rows[index - 1] as T] : [row]));
}

/** The run-of-show as a form: every segment's fields, order, add and remove. */
function Editor({ show, onDone }: { show: RunOfShow; onDone: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [rows, setRows] = useState<SegmentFields[]>(() => show.segments.map((s) => s.fields));
  const save = useMutation({
    mutationFn: () => call(commands.saveRunOfShow(show.eventId, rows)),
    onSuccess: (saved) => {
      client.setQueryData(liveKeys.show(show.eventId), saved);
      toast.success(t("live.saved"));
      onDone();
    },
  });
  const errors = fieldErrorsOf(t, save.error);
  const set = (index: number, change: Partial<SegmentFields>) => setRows((all) => all.map((row, at) => (at === index ? { ...row, ...change } : row)));
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    save.mutate();
  }
  return (
    <form onSubmit={onSubmit} className="space-y-4">
      {rows.map((row, index) => {
        const n = index + 1;
        const name = (field: string) => `segments.${index}.${field}`;
        return (
          <fieldset key={row.id ?? `new-${index}`} className="space-y-2 rounded-lg border border-zinc-200 p-3 dark:border-zinc-800">
            <legend className="px-1 text-sm font-semibold">{t("live.segment", { n })}</legend>
            <div className="grid gap-2 sm:grid-cols-[1fr_8rem]">
              <TextField label={t("live.fields.title")} name={name("title")} value={row.title} onChange={(e) => set(index, { title: e.target.value })} error={errors[name("title")]} />
              <TextField
                label={t("live.fields.durationMin")}
                name={name("durationMin")}
                inputMode="numeric"
                value={String(row.durationMin)}
                onChange={(e) => set(index, { durationMin: Number.parseInt(e.target.value, 10) || 0 })}
                error={errors[name("durationMin")]}
              />
            </div>
            <div className="grid gap-2 sm:grid-cols-3">
              <TextField label={t("live.fields.obsScene")} name={name("obsScene")} value={row.obsScene ?? ""} onChange={(e) => set(index, { obsScene: e.target.value })} error={errors[name("obsScene")]} />
              <TextField label={t("live.fields.talent")} name={name("talent")} value={row.talent ?? ""} onChange={(e) => set(index, { talent: e.target.value })} error={errors[name("talent")]} />
              <SelectField
                label={t("live.fields.deliverable")}
                name={name("deliverableId")}
                value={row.deliverableId ?? ""}
                onChange={(e) => set(index, { deliverableId: e.target.value || null })}
                options={[{ value: "", label: t("live.fields.noDeliverable") }, ...show.deliverables.map((d) => ({ value: d.id, label: d.label }))]}
              />
            </div>
            <TextField label={t("live.fields.chatMessage")} name={name("chatMessage")} value={row.chatMessage ?? ""} onChange={(e) => set(index, { chatMessage: e.target.value })} error={errors[name("chatMessage")]} />
            <TextAreaField label={t("live.fields.notes")} name={name("notes")} rows={2} value={row.notes} onChange={(e) => set(index, { notes: e.target.value })} error={errors[name("notes")]} />
            <div className="flex flex-wrap items-center gap-3">
              <label className="flex items-center gap-2 text-sm">
                <input type="checkbox" checked={row.automatic} onChange={(e) => set(index, { automatic: e.target.checked })} />
                {t("live.fields.automatic")}
              </label>
              {index > 0 ? (
                <button type="button" aria-label={t("live.up", { n })} onClick={() => setRows((all) => moveUp(all, index))} className="rounded p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                  <ArrowUp aria-hidden className="h-4 w-4" />
                </button>
              ) : null}
              <button type="button" aria-label={t("live.remove", { n })} onClick={() => setRows((all) => all.filter((_, at) => at !== index))} className="rounded p-1 hover:bg-zinc-100 dark:hover:bg-zinc-800">
                <Trash2 aria-hidden className="h-4 w-4" />
              </button>
            </div>
          </fieldset>
        );
      })}
      {save.error && Object.keys(errors).length === 0 ? <p role="alert" className="text-sm text-red-600">{describeError(t, save.error)}</p> : null}
      <div className="flex flex-wrap gap-2">
        <button
          type="button"
          onClick={() => setRows((all) => [...all, { id: null, title: "", durationMin: 10, obsScene: null, talent: null, deliverableId: null, notes: "", chatMessage: null, automatic: false }])}
          className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700"
        >
          {t("live.add")}
        </button>
        <button type="submit" disabled={save.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white disabled:opacity-50">
          {t("live.save")}
        </button>
        <button type="button" onClick={onDone} className="rounded-lg px-3 py-1.5 text-sm">
          {t("live.cancelEdit")}
        </button>
      </div>
    </form>
  );
}
