-- V8: Planning (ARCHITECTURE.md, "Planning"): boards and their columns,
-- recurring tasks and events, checklists, comments, attachments, who
-- attends an event, and who is responsible for a record.
--
-- Conventions of V1 hold. Positions are fractional index keys (text that
-- sorts): moving a card rewrites its own row only, so two people moving
-- cards offline never fight over their neighbours. Rows that join two
-- records are link tables keyed by what they join (`mona_core::links`).

CREATE TABLE boards (
    id           TEXT PRIMARY KEY NOT NULL,
    name         TEXT NOT NULL,
    position     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;

CREATE TABLE board_columns (
    id           TEXT PRIMARY KEY NOT NULL,
    board_id     TEXT NOT NULL REFERENCES boards (id) DEFERRABLE INITIALLY DEFERRED,
    name         TEXT NOT NULL,
    position     TEXT NOT NULL,
    -- At most this many cards (a work-in-progress limit), or none.
    wip_limit    INTEGER CHECK (wip_limit IS NULL OR wip_limit > 0),
    -- A card moved here takes this status (a "Done" column closes it).
    status       TEXT CHECK (status IS NULL OR status IN ('todo', 'in_progress', 'done', 'cancelled')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX board_columns_by_board ON board_columns (board_id, position);

-- A task sits in at most one column; `tasks.position` orders it there.
ALTER TABLE tasks ADD COLUMN column_id TEXT REFERENCES board_columns (id) DEFERRABLE INITIALLY DEFERRED;
-- Recurrence: an RFC 5545 RRULE, expanded from `starts_at` (or `due_at`)
-- in `time_zone`. One occurrence edited on its own is a row of its own
-- whose `series_id` is the recurring task and `occurrence_at` the instant
-- of the occurrence it stands for (deleted: that occurrence is skipped).
ALTER TABLE tasks ADD COLUMN recurrence TEXT;
ALTER TABLE tasks ADD COLUMN series_id TEXT REFERENCES tasks (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE tasks ADD COLUMN occurrence_at TEXT;
ALTER TABLE tasks ADD COLUMN all_day INTEGER NOT NULL DEFAULT 0 CHECK (all_day IN (0, 1));
-- Minutes before the start (or the due time) to remind the assignees.
ALTER TABLE tasks ADD COLUMN remind_minutes INTEGER CHECK (remind_minutes IS NULL OR remind_minutes >= 0);
CREATE INDEX tasks_by_column ON tasks (column_id, position) WHERE deleted_at IS NULL;
CREATE INDEX tasks_by_start ON tasks (starts_at) WHERE deleted_at IS NULL;
CREATE INDEX tasks_by_series ON tasks (series_id) WHERE series_id IS NOT NULL;

ALTER TABLE spark_events ADD COLUMN recurrence TEXT;
ALTER TABLE spark_events ADD COLUMN series_id TEXT REFERENCES spark_events (id) DEFERRABLE INITIALLY DEFERRED;
ALTER TABLE spark_events ADD COLUMN occurrence_at TEXT;
-- The UID of the iCalendar event it was imported from, so importing the
-- same file again updates instead of duplicating.
ALTER TABLE spark_events ADD COLUMN ical_uid TEXT;
CREATE INDEX spark_events_by_ical_uid ON spark_events (ical_uid) WHERE ical_uid IS NOT NULL;

CREATE TABLE task_checklist_items (
    id           TEXT PRIMARY KEY NOT NULL,
    task_id      TEXT NOT NULL REFERENCES tasks (id) DEFERRABLE INITIALLY DEFERRED,
    text         TEXT NOT NULL,
    done         INTEGER NOT NULL DEFAULT 0 CHECK (done IN (0, 1)),
    position     TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX task_checklist_items_by_task ON task_checklist_items (task_id, position);

CREATE TABLE task_comments (
    id           TEXT PRIMARY KEY NOT NULL,
    task_id      TEXT NOT NULL REFERENCES tasks (id) DEFERRABLE INITIALLY DEFERRED,
    author_id    TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    -- Markdown.
    body         TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX task_comments_by_task ON task_comments (task_id, created_at);

CREATE TABLE task_attachments (
    id           TEXT PRIMARY KEY NOT NULL,
    task_id      TEXT NOT NULL REFERENCES tasks (id) DEFERRABLE INITIALLY DEFERRED,
    asset_id     TEXT NOT NULL REFERENCES assets (id) DEFERRABLE INITIALLY DEFERRED,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    UNIQUE (task_id, asset_id)
) STRICT;

CREATE TABLE event_attendees (
    id           TEXT PRIMARY KEY NOT NULL,
    event_id     TEXT NOT NULL REFERENCES spark_events (id) DEFERRABLE INITIALLY DEFERRED,
    user_id      TEXT NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    UNIQUE (event_id, user_id)
) STRICT;
CREATE INDEX event_attendees_by_user ON event_attendees (user_id);

-- Who is responsible for an artist, an event or a sponsor, who helps and
-- who is kept informed (the notifications follow it).
CREATE TABLE responsibilities (
    id           TEXT PRIMARY KEY NOT NULL,
    entity_type  TEXT NOT NULL CHECK (entity_type IN ('artist', 'event', 'sponsor')),
    entity_id    TEXT NOT NULL,
    user_id      TEXT NOT NULL REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    part         TEXT NOT NULL CHECK (part IN ('responsible', 'helper', 'informed')),
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT,
    UNIQUE (entity_type, entity_id, user_id)
) STRICT;
CREATE INDEX responsibilities_by_user ON responsibilities (user_id);

-- Reminders this device has shown, so that each shows once, also when the
-- app was closed at its time (shown at the next start). Device-local.
CREATE TABLE device_reminders_shown (
    task_id        TEXT NOT NULL,
    occurrence_at  TEXT NOT NULL,
    shown_at       TEXT NOT NULL,
    PRIMARY KEY (task_id, occurrence_at)
) STRICT, WITHOUT ROWID;
