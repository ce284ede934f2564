// Planning → Calendar: the team's events and time-blocked tasks, coloured
// per person, with clashes flagged; drag to create a task, drag to move it.
import * as Dialog from "@radix-ui/react-dialog";
import { addDays, endOfMonth, endOfWeek, format, startOfDay, startOfMonth, startOfWeek } from "date-fns";
import type { TFunction } from "i18next";
import { type FormEvent, type ReactNode, useMemo, useState } from "react";
import type { View } from "react-big-calendar";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { CalendarItem, Member, Scope } from "../bindings";
import { SelectField, TextField } from "../components/Field";
import { PeopleChooser } from "../components/PeopleChooser";
import { memberColor } from "../components/MemberAvatar";
import { type CalendarEntry, TeamCalendar } from "../components/TeamCalendar";
import { ScopeDialog } from "../components/ScopeDialog";
import { call, commands } from "../shared/bridge";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { useMay, useMembers } from "../shared/team";
import { CalendarFiles } from "./CalendarFiles";
import { EventDialog, type Slot } from "./EventDialog";
import { RepeatField } from "./RepeatField";
import { instantOf } from "./schedule";
import { useBoard, useBoards, useCalendarWindow, useCreateTask, useRescheduleEvent, useRescheduleTask, useRescheduleTaskOccurrence, useUpdateEventOccurrence } from "./queries";
import { LOCAL_DAY, LOCAL_MINUTE, readerTimeZone } from "../i18n";

/** An item dropped at new times, waiting for "this one or the following?". */
type Move = { item: CalendarItem; start: Date; end: Date };

/** The instants a view shows around `date`. */
function rangeOf(view: View, date: Date): { from: Date; to: Date } {
  const weekStartsOn = 1;
  switch (view) {
    case "month":
      return { from: startOfWeek(startOfMonth(date), { weekStartsOn }), to: addDays(endOfWeek(endOfMonth(date), { weekStartsOn }), 1) };
    case "week":
      return { from: startOfWeek(date, { weekStartsOn }), to: addDays(startOfWeek(date, { weekStartsOn }), 7) };
    case "day":
      return { from: startOfDay(date), to: addDays(startOfDay(date), 1) };
    default:
      return { from: startOfDay(date), to: addDays(startOfDay(date), 30) };
  }
}

function entryOf(item: CalendarItem, members: Member[]): CalendarEntry {
  const first = members.find((m) => m.id === item.people[0]);
  return {
    key: `${item.kind}:${item.id}:${item.occurrenceAt ?? ""}`,
    title: item.title,
    start: new Date(item.startsAt),
    end: new Date(item.endsAt),
    allDay: item.allDay,
    color: memberColor(first),
    people: item.people,
    clash: item.clash,
    movable: true,
  };
}

export function PlanningCalendar({ onOpenTask }: { onOpenTask: (id: string) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const team = useMembers().data;
  const members = useMemo(() => team ?? [], [team]);
  const [view, setView] = useState<View>("month");
  const [date, setDate] = useState(() => new Date());
  const range = useMemo(() => rangeOf(view, date), [view, date]);
  const shown = useCalendarWindow(range.from.toISOString(), range.to.toISOString());
  const reschedule = useRescheduleTask();
  const mayEdit = useMay("edit_tasks");
  const [creating, setCreating] = useState<(Slot & { kind: "task" | "event" }) | null>(null);
  const [openEvent, setOpenEvent] = useState<{ id: string; occurrenceAt: string | null } | null>(null);
  const rescheduleEvent = useRescheduleEvent();
  const rescheduleTaskOccurrence = useRescheduleTaskOccurrence();
  const updateEventOccurrence = useUpdateEventOccurrence();
  const [pendingMove, setPendingMove] = useState<Move | null>(null);
  /** Moves an item, or one occurrence of a repeating one (and its following ones for that scope). */
  function move({ item, start, end }: Move, scope: Scope | null) {
    const times = { startsAt: start.toISOString(), endsAt: end.toISOString() };
    const feedback = {
      onSuccess: () => toast.success(t("calendar.moved", { title: item.title })),
      onError: (error: unknown) => toast.error(describeError(t, error)),
    };
    const occurrenceAt = item.occurrenceAt;
    if (scope === null || !occurrenceAt) {
      (item.kind === "event" ? rescheduleEvent : reschedule).mutate({ id: item.id, ...times }, feedback);
    } else if (item.kind === "task") {
      rescheduleTaskOccurrence.mutate({ id: item.id, occurrenceAt, scope, ...times }, feedback);
    } else {
      void call(commands.getEvent(item.id)).then(
        (event) => updateEventOccurrence.mutate({ id: item.id, occurrenceAt, scope, fields: { ...event.fields, ...times } }, feedback),
        feedback.onError,
      );
    }
  }
  const items = shown.data?.items;
  // Each entry drawn, and the item it stands for (what a move reschedules).
  const drawn = useMemo(() => new Map((items ?? []).map((item) => [entryOf(item, members), item])), [items, members]);
  const entries = useMemo(() => [...drawn.keys()], [drawn]);
  function newTaskAtNextHour() {
    const start = new Date();
    start.setMinutes(0, 0, 0);
    start.setHours(start.getHours() + 1);
    setCreating({ start, end: new Date(start.getTime() + 3_600_000), allDay: false, kind: "task" });
  }
  return (
    <>
      <div className="flex flex-wrap justify-end gap-2 px-4 pt-4">
        <CalendarFiles />
        {mayEdit ? (
          <button type="button" onClick={newTaskAtNextHour} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
            {t("calendar.newTask")}
          </button>
        ) : null}
      </div>
      <TeamCalendar
        entries={entries}
        people={members.map((m) => ({ id: m.id, name: m.name }))}
        language={language}
        view={view}
        date={date}
        onView={setView}
        onNavigate={setDate}
        onOpen={(entry) => {
          const item = drawn.get(entry);
          if (item?.kind === "task") onOpenTask(item.id);
          if (item?.kind === "event") setOpenEvent({ id: item.id, occurrenceAt: item.repeating ? item.occurrenceAt : null });
        }}
        onCreate={mayEdit ? (start, end, allDay) => setCreating({ start, end, allDay, kind: "task" }) : undefined}
        onMove={
          mayEdit
            ? (entry, start, end) => {
                const item = drawn.get(entry);
                if (!item) return;
                if (item.repeating) setPendingMove({ item, start, end });
                else move({ item, start, end }, null);
              }
            : undefined
        }
      />
      {pendingMove ? (
        <ScopeDialog
          action="move"
          title={pendingMove.item.title}
          onCancel={() => setPendingMove(null)}
          onChoose={(scope) => {
            move(pendingMove, scope);
            setPendingMove(null);
          }}
        />
      ) : null}
      {creating?.kind === "task" ? (
        <NewTaskDialog slot={creating} members={members} onClose={() => setCreating(null)} switcher={<KindSwitch value="task" onChange={(kind) => setCreating({ ...creating, kind })} />} />
      ) : null}
      {creating?.kind === "event" ? (
        <EventDialog slot={creating} members={members} onClose={() => setCreating(null)} switcher={<KindSwitch value="event" onChange={(kind) => setCreating({ ...creating, kind })} />} />
      ) : null}
      {openEvent ? <EventDialog id={openEvent.id} occurrenceAt={openEvent.occurrenceAt} members={members} onClose={() => setOpenEvent(null)} /> : null}
    </>
  );
}

/** Minutes before the start a reminder may be set to, as calendars offer them. */
const REMIND_CHOICES = [0, 5, 15, 30, 60, 1440] as const;

function remindLabel(t: TFunction, minutes: number): string {
  if (minutes === 0) return t("calendar.remindAtStart");
  if (minutes % 1440 === 0) return t("calendar.remindDays", { count: minutes / 1440 });
  if (minutes % 60 === 0) return t("calendar.remindHours", { count: minutes / 60 });
  return t("calendar.remindMinutes", { count: minutes });
}

/** A new item on the calendar is a task or an event, as in Google Calendar's quick create. */
function KindSwitch({ value, onChange }: { value: "task" | "event"; onChange: (kind: "task" | "event") => void }) {
  const { t } = useTranslation();
  const mayEvents = useMay("edit_records");
  if (!mayEvents) return null;
  return (
    <div role="radiogroup" aria-label={t("event.makeWhat")} className="mb-3 flex gap-1">
      {(["task", "event"] as const).map((kind) => (
        <button
          key={kind}
          type="button"
          role="radio"
          aria-checked={value === kind}
          onClick={() => onChange(kind)}
          className={`rounded-lg px-3 py-1 text-sm ${value === kind ? "bg-brand-600 text-white" : "border border-zinc-300 dark:border-zinc-700"}`}
        >
          {t(kind === "task" ? "event.asTask" : "event.asEvent")}
        </button>
      ))}
    </div>
  );
}

function NewTaskDialog({ slot, members, onClose, switcher }: { slot: Slot; members: Member[]; onClose: () => void; switcher: ReactNode }) {
  const { t } = useTranslation();
  const create = useCreateTask();
  const boards = useBoards().data ?? [];
  const [title, setTitle] = useState("");
  const [recurrence, setRecurrence] = useState<string | null>(null);
  const [people, setPeople] = useState<string[]>([]);
  const [remind, setRemind] = useState("");
  // Times as the person reads them (local, to the minute), or days for an all-day slot.
  const shape = slot.allDay ? LOCAL_DAY : LOCAL_MINUTE;
  const [start, setStart] = useState(() => format(slot.start, shape));
  const [end, setEnd] = useState(() => format(slot.allDay ? addDays(slot.end, -1) : slot.end, shape));
  const [boardId, setBoardId] = useState("");
  const board = useBoard(boardId || undefined).data;
  const errors = fieldErrorsOf(t, create.error);
  function submit(event: FormEvent) {
    event.preventDefault();
    create.mutate(
      {
        title,
        startsAt: instantOf(start),
        endsAt: slot.allDay ? instantOf(end, 1) : instantOf(end),
        allDay: slot.allDay,
        timeZone: readerTimeZone(),
        recurrence,
        remindMinutes: remind === "" ? null : Number(remind),
        assignees: people,
        columnId: board?.columns[0]?.id ?? null,
      },
      {
        onSuccess: () => {
          toast.success(t("calendar.created", { title: title.trim() }));
          onClose();
        },
      },
    );
  }
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? null : onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 w-full max-w-md -translate-x-1/2 -translate-y-1/2 rounded-xl bg-white p-6 shadow-xl dark:bg-zinc-900" aria-describedby={undefined}>
          <Dialog.Title className="mb-4 text-lg font-semibold">{t("calendar.newTask")}</Dialog.Title>
          {switcher}
          <form onSubmit={submit} className="space-y-3" noValidate>
            <TextField label={t("calendar.title")} name="task-title" autoFocus value={title} onChange={(e) => setTitle(e.target.value)} error={errors.title} />
            <div className="grid grid-cols-2 gap-3">
              <TextField type={slot.allDay ? "date" : "datetime-local"} label={t("calendar.starts")} name="task-start" value={start} onChange={(e) => setStart(e.target.value)} error={errors.startsAt} required />
              <TextField type={slot.allDay ? "date" : "datetime-local"} label={t("calendar.ends")} name="task-end" value={end} onChange={(e) => setEnd(e.target.value)} error={errors.endsAt} required />
            </div>
            <RepeatField name="task-repeat" value={recurrence} onChange={setRecurrence} start={new Date(instantOf(start) ?? slot.start)} error={errors.recurrence} />
            <SelectField
              label={t("calendar.remind")}
              name="task-remind"
              value={remind}
              onChange={(e) => setRemind(e.target.value)}
              error={errors.remindMinutes}
              options={[
                { value: "", label: t("calendar.remindNone") },
                ...REMIND_CHOICES.map((minutes) => ({ value: String(minutes), label: remindLabel(t, minutes) })),
              ]}
            />
            <PeopleChooser members={members} chosen={people} onChange={setPeople} />
            {boards.length > 0 ? (
              <SelectField
                label={t("calendar.onBoard")}
                name="task-board"
                value={boardId}
                onChange={(e) => setBoardId(e.target.value)}
                options={[{ value: "", label: t("calendar.noBoard") }, ...boards.map((b) => ({ value: b.id, label: b.name }))]}
              />
            ) : null}
            {create.error && Object.keys(errors).length === 0 ? <p role="alert" className="text-sm text-red-600">{describeError(t, create.error)}</p> : null}
            <div className="flex justify-end gap-2 pt-2">
              <button type="button" onClick={onClose} className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
                {t("calendar.cancel")}
              </button>
              <button type="submit" disabled={create.isPending || (boardId !== "" && !board)} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
                {t("calendar.save")}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
