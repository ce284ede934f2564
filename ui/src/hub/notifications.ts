// The notification centre's data, and the watcher that turns a task's
// reminder into an in-app toast and an OS notification when it is due.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { sendNotification } from "@tauri-apps/plugin-notification";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import type { Inbox } from "../bindings";
import { formatDate } from "../i18n";
import { call, commands } from "../shared/bridge";
import { useLanguage } from "../shared/preferences";

export const inboxKey = ["notifications", "inbox"] as const;

/** How often the app asks the core for reminders that came due. */
export const REMINDER_CHECK_MS = 15_000;

export function useInbox() {
  // Reminders land here through the watcher; other devices' writes through
  // the sync: a slow refresh catches those.
  return useQuery({ queryKey: inboxKey, queryFn: () => call(commands.notificationInbox()), refetchInterval: 60_000 });
}

function useInboxMutation<Input>(mutationFn: (input: Input) => Promise<Inbox>) {
  const client = useQueryClient();
  return useMutation({ mutationFn, onSuccess: (inbox) => client.setQueryData(inboxKey, inbox) });
}

export const useMarkRead = () => useInboxMutation((id: string) => call(commands.markNotificationRead(id)));
export const useMarkAllRead = () => useInboxMutation((_: void) => call(commands.markAllNotificationsRead()));

/**
 * Asks the core, at start and every few seconds, for reminders that came
 * due (also those missed while the app was closed), and shows each once:
 * a toast in the window and a notification of the operating system.
 */
export function useReminderWatch() {
  const { t } = useTranslation();
  const language = useLanguage();
  const client = useQueryClient();
  useEffect(() => {
    async function check() {
      let due;
      try {
        due = await call(commands.takeDueReminders());
      } catch {
        // The database is not ready yet, or busy: the next check tries again.
        return;
      }
      // Taken reminders are shown even if the language changed meanwhile:
      // the core will not hand them out again.
      if (due.length === 0) return;
      // Loaded on the first reminder, like the toaster: not on the first screen's path.
      const { toast } = await import("sonner");
      for (const reminder of due) {
        const when = formatDate(language, reminder.occursAt);
        const body = t("notifications.reminderBody", { when });
        // A reminder stays a minute: long enough to be seen on coming back to the desk.
        toast(t("notifications.reminderTitle", { title: reminder.title }), { description: body, duration: 60_000 });
        try {
          sendNotification({ title: t("notifications.reminderTitle", { title: reminder.title }), body });
        } catch (error) {
          // No notification service (a bare session): the toast and the centre still show it.
          console.warn("the OS notification could not be shown", error);
        }
      }
      // An inbox read still in flight started before these were written: drop it.
      await client.cancelQueries({ queryKey: inboxKey });
      void client.invalidateQueries({ queryKey: inboxKey });
    }
    void check();
    const timer = window.setInterval(() => void check(), REMINDER_CHECK_MS);
    return () => window.clearInterval(timer);
  }, [t, language, client]);
}

/** How often artists due a contact (keep in touch) are looked for. */
export const CONTACT_CHECK_MS = 10 * 60_000;

/**
 * Asks the core, at start and every ten minutes, to turn artists not heard
 * from for their cadence into notifications; the centre refreshes when one
 * is new.
 */
export function useContactWatch() {
  const client = useQueryClient();
  useEffect(() => {
    async function check() {
      try {
        if ((await call(commands.notifyContactsDue())) > 0) void client.invalidateQueries({ queryKey: inboxKey });
      } catch {
        // The database is not ready yet, or busy: the next check tries again.
      }
    }
    void check();
    const timer = window.setInterval(() => void check(), CONTACT_CHECK_MS);
    return () => window.clearInterval(timer);
  }, [client]);
}
