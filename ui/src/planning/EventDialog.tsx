// An event of the team calendar (a live, a shoot, a meeting...), created
// from a slot or opened from the calendar: its times in the person's zone,
// where, who takes part, how it repeats; deleted with an undo.
import * as Dialog from "@radix-ui/react-dialog";
import { addDays, format } from "date-fns";
import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { toast } from "sonner";
import type { EventFields_Serialize as EventFields, EventKind, Member, Scope } from "../bindings";
import { SelectField, TextField } from "../components/Field";
import { PeopleChooser } from "../components/PeopleChooser";
import { Responsibilities } from "../components/Responsibilities";
import { ScopeDialog } from "../components/ScopeDialog";
import { describeError, fieldErrorsOf } from "../shared/errors";
import { useCurrentMember, useMay } from "../shared/team";
import { useRemoveWithUndo } from "../shared/undo";
import { RepeatField } from "./RepeatField";
import { instantOf } from "./schedule";
import { useCreateEvent, useDeleteEvent, useDeleteEventOccurrence, useEvent, useRestoreEvent, useUpdateEvent, useUpdateEventOccurrence } from "./queries";
import { LOCAL_DAY, LOCAL_MINUTE, readerTimeZone } from "../i18n";

const KINDS: EventKind[] = ["live", "event", "shoot", "meeting", "release", "other"];

export type Slot = { start: Date; end: Date; allDay: boolean };

/**
 * A new event in `slot`, or the event `id` (its occurrence at
 * `occurrenceAt` when it repeats: saving or deleting then asks "this one
 * or the following?"); `switcher` lets a new one become a task instead.
 */
export function EventDialog({ slot, id, occurrenceAt = null, members, onClose, switcher }: { slot?: Slot; id?: string; occurrenceAt?: string | null; members: Member[]; onClose: () => void; switcher?: ReactNode }) {
  const { t } = useTranslation();
  const existing = useEvent(id);
  const title = id ? t("event.title") : t("event.new");
  return (
    <Dialog.Root open onOpenChange={(open) => (open ? null : onClose())}>
      <Dialog.Portal>
        <Dialog.Overlay className="fixed inset-0 z-40 bg-black/30" />
        <Dialog.Content className="fixed top-1/2 left-1/2 z-50 max-h-[90vh] w-full max-w-md -translate-x-1/2 -translate-y-1/2 overflow-y-auto rounded-xl bg-white p-6 shadow-xl dark:bg-zinc-900" aria-describedby={undefined}>
          <Dialog.Title className="mb-4 text-lg font-semibold">{existing.data?.fields.title ?? title}</Dialog.Title>
          {switcher}
          {id && existing.error ? <p role="alert" className="text-sm text-red-600">{describeError(t, existing.error)}</p> : null}
          {id && !existing.data ? null : (
            <EventForm
              key={existing.data?.updatedAt ?? "new"}
              id={id}
              occurrenceAt={occurrenceAt}
              initial={existing.data ? atOccurrence(existing.data.fields, occurrenceAt) : fieldsOfSlot(slot)}
              members={members}
              onClose={onClose}
            />
          )}
          {id && !occurrenceAt && existing.data ? (
            <div className="mt-4 border-t border-zinc-200 pt-4 dark:border-zinc-800">
              <Responsibilities subject="event" id={id} />
            </div>
          ) : null}
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  );
}

/** A series' fields with the times of its occurrence at `occurrenceAt`. */
function atOccurrence(fields: EventFields, occurrenceAt: string | null): EventFields {
  if (!occurrenceAt) return fields;
  const length = new Date(fields.endsAt).getTime() - new Date(fields.startsAt).getTime();
  return { ...fields, startsAt: occurrenceAt, endsAt: new Date(new Date(occurrenceAt).getTime() + length).toISOString() };
}

function fieldsOfSlot(slot: Slot | undefined): EventFields {
  const start = slot?.start ?? new Date();
  const end = slot?.end ?? new Date(start.getTime() + 3_600_000);
  return {
    title: "", kind: "event", description: "", startsAt: start.toISOString(), endsAt: end.toISOString(),
    timeZone: readerTimeZone(), allDay: slot?.allDay ?? false, location: null, status: "planned",
    recurrence: null, attendees: [], artistId: null, sponsorId: null, ownerId: null,
  };
}

function EventForm({ id, occurrenceAt, initial, members, onClose }: { id?: string; occurrenceAt: string | null; initial: EventFields; members: Member[]; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useCurrentMember().data;
  const mayEdit = useMay("edit_records");
  const mayDelete = useMay("delete_records");
  const create = useCreateEvent();
  const update = useUpdateEvent();
  const removeWithUndo = useRemoveWithUndo(useDeleteEvent(), useRestoreEvent());
  const updateOccurrence = useUpdateEventOccurrence();
  const removeOccurrence = useDeleteEventOccurrence();
  const [asking, setAsking] = useState<{ action: "edit" | "delete"; fields?: EventFields } | null>(null);
  const saving = occurrenceAt ? updateOccurrence : id ? update : create;
  const shape = initial.allDay ? LOCAL_DAY : LOCAL_MINUTE;
  const [fields, setFields] = useState(initial);
  const [start, setStart] = useState(() => format(new Date(initial.startsAt), shape));
  // An all-day event ends at the start of the day after its last day.
  const [end, setEnd] = useState(() => format(initial.allDay ? addDays(new Date(initial.endsAt), -1) : new Date(initial.endsAt), shape));

  // Moving the start moves the end with it, the length kept (as a calendar does).
  function moveStart(next: string) {
    const [before, after, ends] = [instantOf(start), instantOf(next), instantOf(end)];
    setStart(next);
    if (!before || !after || !ends) return;
    const length = Date.parse(ends) - Date.parse(before);
    if (length >= 0) setEnd(format(new Date(Date.parse(after) + length), shape));
  }

  const errors = fieldErrorsOf(t, saving.error);
  const set = <K extends keyof EventFields>(key: K, value: EventFields[K]) => setFields((f) => ({ ...f, [key]: value }));

  function submit(event: FormEvent) {
    event.preventDefault();
    const next: EventFields = {
      ...fields,
      startsAt: instantOf(start) ?? "",
      endsAt: (fields.allDay ? instantOf(end, 1) : instantOf(end)) ?? "",
      ownerId: fields.ownerId ?? me?.id ?? null,
    };
    if (occurrenceAt) {
      setAsking({ action: "edit", fields: next });
      return;
    }
    const done = { onSuccess: () => { toast.success(t("event.saved", { title: next.title.trim() })); onClose(); } };
    if (id) update.mutate({ id, fields: next }, done);
    else create.mutate(next, done);
  }

  function answered(scope: Scope) {
    const question = asking;
    setAsking(null);
    if (!id || !occurrenceAt || !question) return;
    if (question.action === "edit" && question.fields) {
      const title = question.fields.title.trim();
      updateOccurrence.mutate({ id, occurrenceAt, fields: question.fields, scope }, { onSuccess: () => { toast.success(t("event.saved", { title })); onClose(); } });
    } else {
      removeOccurrence.mutate(
        { id, occurrenceAt, scope },
        { onSuccess: () => { toast.success(t("event.deleted", { title: initial.title })); onClose(); }, onError: (error) => toast.error(describeError(t, error)) },
      );
    }
  }

  function deleteEvent() {
    if (!id) return;
    if (occurrenceAt) {
      setAsking({ action: "delete" });
      return;
    }
    removeWithUndo(id, { removed: t("event.deleted", { title: initial.title }), then: onClose });
  }

  const kind = fields.allDay ? "date" : "datetime-local";
  return (
    <form onSubmit={submit} className="space-y-3" noValidate>
      {asking ? <ScopeDialog action={asking.action} title={initial.title} onChoose={answered} onCancel={() => setAsking(null)} /> : null}
      <fieldset disabled={!mayEdit} className="space-y-3">
        <TextField label={t("calendar.title")} name="event-title" autoFocus={!id} value={fields.title} onChange={(e) => set("title", e.target.value)} error={errors.title} />
        <SelectField label={t("event.kind")} name="event-kind" value={fields.kind} onChange={(e) => set("kind", e.target.value as EventKind)} options={KINDS.map((k) => ({ value: k, label: t(`event.kinds.${k}`) }))} />
        <div className="grid grid-cols-2 gap-3">
          <TextField type={kind} label={t("calendar.starts")} name="event-start" value={start} onChange={(e) => moveStart(e.target.value)} error={errors.startsAt} />
          <TextField type={kind} label={t("calendar.ends")} name="event-end" value={end} onChange={(e) => setEnd(e.target.value)} error={errors.endsAt} />
        </div>
        <TextField label={t("event.location")} name="event-location" value={fields.location ?? ""} onChange={(e) => set("location", e.target.value)} error={errors.location} />
        <RepeatField name="event-repeat" value={fields.recurrence} onChange={(rule) => set("recurrence", rule)} start={new Date(instantOf(start) ?? initial.startsAt)} error={errors.recurrence} />
        <PeopleChooser members={members} chosen={fields.attendees} onChange={(people) => set("attendees", people)} />
      </fieldset>
      {saving.error && Object.keys(errors).length === 0 ? <p role="alert" className="text-sm text-red-600">{describeError(t, saving.error)}</p> : null}
      <div className="flex justify-end gap-2 pt-2">
        {id && mayDelete ? (
          <button type="button" onClick={deleteEvent} className="mr-auto rounded-lg px-3 py-1.5 text-sm text-red-700 hover:bg-red-50 dark:text-red-300 dark:hover:bg-red-950">
            {t("event.delete")}
          </button>
        ) : null}
        <button type="button" onClick={onClose} className="rounded-lg border border-zinc-300 px-3 py-1.5 text-sm dark:border-zinc-700">
          {t("calendar.cancel")}
        </button>
        {mayEdit ? (
          <button type="submit" disabled={saving.isPending} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-50">
            {t("calendar.save")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
