// The notification centre's panel, opened from the bell: what the app had to
// say, newest first; reading one opens its record.
import * as Dialog from "@radix-ui/react-dialog";
import { CheckCheck } from "lucide-react";
import type { RefObject } from "react";
import { useTranslation } from "react-i18next";
import { useLocation } from "wouter";
import type { IntakeProblem, Notification } from "../bindings";
import type { TFunction } from "i18next";
import { formatCalendarDay, formatDate, type Language } from "../i18n";
import { SidePanel } from "../components/SidePanel";
import { describeError } from "../shared/errors";
import { useLanguage } from "../shared/preferences";
import { taskPath } from "../planning/paths";
import { useInbox, useMarkAllRead, useMarkRead } from "./notifications";

const KINDS = ["reminder", "responsibility", "event_moved", "keep_in_touch", "recording_failed"] as const;
type Kind = (typeof KINDS)[number];
const RECORDING_PROBLEMS: IntakeProblem[] = ["missing", "unreadable", "not_playable", "cannot_write", "cancelled"];

/** The line under a notification's title, in the reader's words. */
function detailOf(t: TFunction, language: Language, n: Notification): string {
  if (n.kind === "responsibility" && (n.body === "responsible" || n.body === "helper" || n.body === "informed")) return t(`notifications.partGiven.${n.body}`);
  if (n.kind === "event_moved" && n.occursAt) return t("notifications.movedTo", { when: formatDate(language, n.occursAt) });
  if (n.kind === "keep_in_touch" && /^\d{4}-\d\d-\d\d$/.test(n.body)) return t("notifications.contactDue", { day: formatCalendarDay(language, n.body) });
  if (n.kind === "recording_failed" && RECORDING_PROBLEMS.includes(n.body as IntakeProblem)) return t(`recordings.problem.${n.body as IntakeProblem}`);
  if (n.occursAt) return t("notifications.reminderBody", { when: formatDate(language, n.occursAt) });
  return n.body;
}

/** Where a notification's record opens. */
function pathOf(notification: Notification): string | null {
  switch (notification.entityType) {
    case "task":
      return notification.entityId ? taskPath(notification.entityId) : null;
    case "artist":
      return notification.entityId ? `/crm/artists/${notification.entityId}` : null;
    case "event":
      return "/planning";
    default:
      return null;
  }
}

export function NotificationPanel({ onClose, returnFocusTo }: { onClose: () => void; returnFocusTo: RefObject<HTMLButtonElement | null> }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [, navigate] = useLocation();
  const inbox = useInbox();
  const markRead = useMarkRead();
  const markAll = useMarkAllRead();
  const unread = inbox.data?.unread ?? 0;
  function openOne(notification: Notification) {
    if (!notification.read) markRead.mutate(notification.id);
    const path = pathOf(notification);
    if (path) {
      onClose();
      navigate(path);
    }
  }
  return (
    <SidePanel onClose={onClose} returnFocusTo={returnFocusTo} className="left-56 w-96 border-r border-zinc-200 shadow-xl dark:border-zinc-800">
      <div className="flex items-center gap-2 border-b border-zinc-200 p-4 dark:border-zinc-800">
        <Dialog.Title className="flex-1 text-lg font-semibold">{t("notifications.title")}</Dialog.Title>
        {unread > 0 ? (
          <button
            type="button"
            onClick={() => markAll.mutate()}
            className="flex items-center gap-1 rounded-lg px-2 py-1 text-xs text-zinc-600 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
          >
            <CheckCheck aria-hidden size={14} />
            {t("notifications.markAll")}
          </button>
        ) : null}
      </div>
      {inbox.error ? <p role="alert" className="p-4 text-sm text-red-600">{describeError(t, inbox.error)}</p> : null}
      {inbox.data && inbox.data.items.length === 0 ? (
        <p className="p-4 text-sm text-zinc-500">{t("notifications.empty")}</p>
      ) : null}
      <ul className="flex-1 overflow-y-auto" aria-label={t("notifications.title")}>
        {inbox.data?.items.map((n) => (
          <li key={n.id} className="border-b border-zinc-100 dark:border-zinc-800">
            <button
              type="button"
              onClick={() => openOne(n)}
              className="flex w-full gap-3 p-4 text-left hover:bg-zinc-50 dark:hover:bg-zinc-800"
            >
              <span aria-hidden className={`mt-1.5 size-2 shrink-0 rounded-full ${n.read ? "bg-transparent" : "bg-spark-500"}`} />
              <span className="min-w-0 flex-1">
                <span className="block text-xs font-medium text-zinc-500">
                  {t(`notifications.kind.${KINDS.includes(n.kind as Kind) ? (n.kind as Kind) : "other"}`)}
                  {n.read ? null : <span className="sr-only">{t("notifications.unread")}</span>}
                </span>
                <span className={`block truncate text-sm ${n.read ? "" : "font-semibold"}`}>{n.title}</span>
                <span className="block text-xs text-zinc-500">{detailOf(t, language, n)}</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
    </SidePanel>
  );
}
