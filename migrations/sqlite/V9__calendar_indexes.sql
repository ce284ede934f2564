-- V9: indexes for the team calendar (ARCHITECTURE.md, "Planning").
--
-- A window of the calendar reads three disjoint sets, each through its own
-- index: the one-off items starting in the window, the one-off items that
-- started before it and still run, and the repeating items (expanded in
-- Rust) with the occurrences edited on their own.
CREATE INDEX spark_events_by_end ON spark_events (ends_at, starts_at) WHERE deleted_at IS NULL;
CREATE INDEX spark_events_repeating ON spark_events (series_id)
    WHERE deleted_at IS NULL AND (recurrence IS NOT NULL OR series_id IS NOT NULL);

-- A task is on the calendar by its time block, or else by its due time.
CREATE INDEX tasks_by_calendar_start ON tasks (coalesce(starts_at, due_at)) WHERE deleted_at IS NULL;
CREATE INDEX tasks_by_calendar_end ON tasks (coalesce(ends_at, due_at), coalesce(starts_at, due_at))
    WHERE deleted_at IS NULL;
CREATE INDEX tasks_repeating ON tasks (series_id)
    WHERE deleted_at IS NULL AND (recurrence IS NOT NULL OR series_id IS NOT NULL);

-- Who an item concerns, read with the item: covering indexes of the live links.
CREATE INDEX event_attendees_live ON event_attendees (event_id, user_id) WHERE deleted_at IS NULL;
CREATE INDEX task_assignees_live ON task_assignees (task_id, user_id) WHERE deleted_at IS NULL;
