// The calendar every module uses (Planning today; live planning and the
// content planner next): month, week, day and agenda views of items fed by
// data, drag to create, drag to move, resize, and several people side by
// side. Built on react-big-calendar; it only reports what the person did.
import { useEffect, useMemo, useState } from "react";
import { Calendar, type View, Views } from "react-big-calendar";
import dragAndDropAddon from "react-big-calendar/lib/addons/dragAndDrop";
import "react-big-calendar/lib/css/react-big-calendar.css";
import "react-big-calendar/lib/addons/dragAndDrop/styles.css";
import { useTranslation } from "react-i18next";
import type { Language } from "../i18n";
import { calendarLocalizer } from "./calendarLocalizer";

export interface CalendarEntry {
  /** Unique on the calendar (an occurrence of a series has its own). */
  key: string;
  title: string;
  start: Date;
  end: Date;
  allDay: boolean;
  color: string;
  /** People it concerns (ids), for the side-by-side view. */
  people: string[];
  /** One of its people is booked twice at this time. */
  clash: boolean;
  /** Can be dragged and resized. */
  movable: boolean;
}

export interface CalendarPerson {
  id: string;
  name: string;
}

interface TeamCalendarProps {
  entries: CalendarEntry[];
  people: CalendarPerson[];
  language: Language;
  view: View;
  date: Date;
  onView: (view: View) => void;
  onNavigate: (date: Date) => void;
  onCreate?: (start: Date, end: Date, allDay: boolean) => void;
  onMove?: (entry: CalendarEntry, start: Date, end: Date) => void;
  onOpen?: (entry: CalendarEntry) => void;
}

const localizer = calendarLocalizer();

/** An entry where the calendar draws it: once, or once per person in the side-by-side view. */
interface Placed extends CalendarEntry {
  resourceId?: string;
  /** The entry as it was given (what the callbacks report). */
  entry: CalendarEntry;
}

// The add-on is CommonJS: bundlers hand out either its default export or
// the module object that holds it.
const withDragAndDrop =
  (dragAndDropAddon as unknown as { default?: typeof dragAndDropAddon }).default ?? dragAndDropAddon;
const DragAndDropCalendar = withDragAndDrop<Placed, CalendarPerson>(Calendar);

/**
 * Times each new set of items from the render that received it to the
 * moment it is laid out on screen, as a User Timing measure
 * ("calendar-render", detail: how many items) that the render benchmark
 * reads in the app window (docs/PERFORMANCE.md, "Calendar"). Costs two
 * timestamps per change.
 */
function useRenderTiming(items: readonly unknown[]) {
  // eslint-disable-next-line react-hooks/purity -- the instant this render received the items is what is measured
  const received = useMemo(() => ({ at: performance.now(), count: items.length }), [items]);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      // Reading a layout value makes the browser finish style and layout now.
      void document.body.offsetHeight;
      performance.measure("calendar-render", { start: received.at, detail: received.count });
    });
    return () => cancelAnimationFrame(frame);
  }, [received]);
}

export function TeamCalendar({ entries, people, language, view, date, onView, onNavigate, onCreate, onMove, onOpen }: TeamCalendarProps) {
  const { t } = useTranslation();
  const [sideBySide, setSideBySide] = useState(false);
  const byPerson = sideBySide && (view === Views.DAY || view === Views.WEEK);
  const placed = useMemo<Placed[]>(
    () =>
      byPerson
        ? entries.flatMap((entry) => entry.people.map((person) => ({ ...entry, key: `${entry.key}@${person}`, resourceId: person, entry })))
        : entries.map((entry) => ({ ...entry, entry })),
    [entries, byPerson],
  );
  useRenderTiming(placed);
  const messages = useMemo(
    () => ({
      today: t("calendar.today"),
      previous: t("calendar.previous"),
      next: t("calendar.next"),
      month: t("calendar.month"),
      week: t("calendar.week"),
      day: t("calendar.day"),
      agenda: t("calendar.agenda"),
      date: t("calendar.date"),
      time: t("calendar.time"),
      event: t("calendar.item"),
      allDay: t("calendar.allDay"),
      noEventsInRange: t("calendar.nothing"),
      showMore: (count: number) => t("calendar.more", { count }),
    }),
    [t],
  );
  return (
    <div className="flex min-h-0 flex-1 flex-col gap-2 p-4">
      {view === Views.DAY || view === Views.WEEK ? (
        <label className="flex items-center gap-2 self-end text-sm">
          <input type="checkbox" checked={sideBySide} onChange={(e) => setSideBySide(e.target.checked)} />
          {t("calendar.sideBySide")}
        </label>
      ) : null}
      <div className="min-h-[560px] flex-1" role="region" aria-label={t("calendar.label")}>
        <DragAndDropCalendar
          localizer={localizer}
          culture={language}
          events={placed}
          titleAccessor="title"
          startAccessor="start"
          endAccessor="end"
          allDayAccessor="allDay"
          resources={byPerson ? people : undefined}
          resourceIdAccessor="id"
          resourceTitleAccessor="name"
          view={view}
          onView={onView}
          date={date}
          onNavigate={onNavigate}
          views={[Views.MONTH, Views.WEEK, Views.DAY, Views.AGENDA]}
          messages={messages}
          popup
          selectable={onCreate !== undefined}
          onSelectSlot={(slot) => onCreate?.(slot.start, slot.end, slot.slots.length === 1 && view === Views.MONTH)}
          onSelectEvent={(placed) => onOpen?.(placed.entry)}
          draggableAccessor={(entry) => entry.movable && onMove !== undefined}
          resizableAccessor={(entry) => entry.movable && onMove !== undefined}
          onEventDrop={({ event, start, end }) => onMove?.(event.entry, new Date(start), new Date(end))}
          onEventResize={({ event, start, end }) => onMove?.(event.entry, new Date(start), new Date(end))}
          tooltipAccessor={(entry) => (entry.clash ? `${entry.title} — ${t("calendar.clash")}` : entry.title)}
          eventPropGetter={(entry) => ({
            style: { backgroundColor: entry.color, borderColor: entry.clash ? "#dc2626" : entry.color },
            className: entry.clash ? "calendar-clash" : undefined,
          })}
          components={{
            event: ({ event }) => (
              <span aria-label={event.clash ? `${event.title} — ${t("calendar.clash")}` : event.title}>
                {event.clash ? <span aria-hidden>⚠ </span> : null}
                {event.title}
              </span>
            ),
          }}
        />
      </div>
    </div>
  );
}
