-- V10: reminders (ARCHITECTURE.md, "Planning").
--
-- A notification about something that happens at a time (a task's
-- reminder) says when, so the notification centre can show "Tuesday 20:00"
-- in the reader's language and zone.
ALTER TABLE notifications ADD COLUMN occurs_at TEXT;

-- The tasks that remind somebody, read every few seconds by each device.
CREATE INDEX tasks_reminding ON tasks (remind_minutes)
    WHERE remind_minutes IS NOT NULL AND deleted_at IS NULL;
