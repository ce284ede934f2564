// What is planned with an artist, on the card: the tasks about them (soonest
// due first, as Planning lists them, each opening its panel in Planning) and
// the events they are part of, in time order. Both are Planning's own rows,
// read through Planning's queries, so an edit there shows here.
import { CalendarDays, CheckSquare } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "wouter";
import type { TaskFilter } from "../bindings";
import { formatDate, readerTimeZone } from "../i18n";
import { taskPath } from "../planning/paths";
import { useArtistEvents, useTaskList } from "../planning/queries";
import { useLanguage } from "../shared/preferences";

export function ArtistAgenda({ artistId }: { artistId: string }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const filter: TaskFilter = { assignee: null, label: null, overdueOnly: false, includeClosed: true, artist: artistId };
  const tasks = useTaskList(filter).data ?? [];
  const events = useArtistEvents(artistId).data ?? [];
  const now = new Date().toISOString();
  const zone = readerTimeZone();
  return (
    <section aria-label={t("crm.agenda.title")} className="space-y-2">
      <h3 className="text-sm font-semibold text-zinc-500">{t("crm.agenda.title")}</h3>
      {tasks.length === 0 && events.length === 0 ? <p className="text-sm text-zinc-500">{t("crm.agenda.none")}</p> : null}
      {tasks.length > 0 ? (
        <ul aria-label={t("crm.agenda.tasks")} className="space-y-1">
          {tasks.map((task) => (
            <li key={task.id} className={`flex items-baseline gap-2 text-sm ${task.fields.status === "done" ? "text-zinc-500 line-through" : ""}`}>
              <CheckSquare aria-hidden size={14} className="shrink-0 translate-y-0.5 text-zinc-500" />
              <Link href={taskPath(task.id)} className="min-w-0 flex-1 truncate hover:underline">
                {task.fields.title}
              </Link>
              <span className="shrink-0 text-xs text-zinc-500">
                {t(`tasks.status.${task.fields.status}`)}
                {task.fields.dueAt ? ` · ${t("crm.agenda.due", { date: formatDate(language, task.fields.dueAt, zone) })}` : null}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
      {events.length > 0 ? (
        <ul aria-label={t("crm.agenda.events")} className="space-y-1">
          {events.map((event) => (
            <li key={event.id} className={`flex items-baseline gap-2 text-sm ${event.fields.endsAt < now ? "text-zinc-500" : ""}`}>
              <CalendarDays aria-hidden size={14} className="shrink-0 translate-y-0.5 text-zinc-500" />
              <span className="min-w-0 flex-1 truncate">{event.fields.title}</span>
              <span className="shrink-0 text-xs text-zinc-500">
                {t(`event.kinds.${event.fields.kind}`)} · {formatDate(language, event.fields.startsAt, zone)}
              </span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
