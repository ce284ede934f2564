// The one notification centre: a bell in the sidebar with the unread count,
// opening the list of what the app had to say, newest first. The bell is on
// every screen from the first one; the panel's code loads when it first opens.
import { Bell } from "lucide-react";
import { lazy, Suspense, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatNumber } from "../i18n";
import { useLanguage } from "../shared/preferences";
import { useInbox } from "./notifications";

const NotificationPanel = lazy(() => import("./NotificationPanel").then((m) => ({ default: m.NotificationPanel })));

export function NotificationCentre() {
  const { t } = useTranslation();
  const language = useLanguage();
  const [open, setOpen] = useState(false);
  const bell = useRef<HTMLButtonElement>(null);
  const unread = useInbox().data?.unread ?? 0;
  const label = unread > 0 ? t("notifications.openUnread", { count: unread }) : t("notifications.open");
  return (
    <>
      <button
        ref={bell}
        type="button"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-label={label}
        title={label}
        onClick={() => setOpen(true)}
        className="mt-2 flex items-center gap-2 rounded-lg px-3 py-2 text-sm font-medium text-zinc-700 hover:bg-zinc-200 dark:text-zinc-300 dark:hover:bg-zinc-800"
      >
        <Bell aria-hidden size={18} />
        <span className="flex-1 text-left">{t("notifications.title")}</span>
        {unread > 0 ? (
          <span aria-hidden className="rounded-full bg-spark-500 px-1.5 text-xs font-bold text-white tabular-nums" data-testid="unread-count">
            {formatNumber(language, unread)}
          </span>
        ) : null}
      </button>
      {open ? (
        <Suspense fallback={null}>
          <NotificationPanel onClose={() => setOpen(false)} returnFocusTo={bell} />
        </Suspense>
      ) : null}
    </>
  );
}
