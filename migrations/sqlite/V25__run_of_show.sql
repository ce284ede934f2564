-- V25: a live's run-of-show (issue 6, "Live planning").
--
-- A live (a spark_event of kind 'live') is run as ordered segments. Each
-- one's planned start follows from the live's start and the durations
-- before it, as in a rundown; what it plans: the OBS scene to put on air,
-- who is on, the sponsor deliverable it carries, notes for the team and a
-- message to post in the chat. `automatic`: at its planned start the app
-- switches the scene and posts the message by itself; otherwise a person
-- starts it with one click. `started_at` is when it really started, logged
-- once; a deliverable carried by a started segment is delivered then, and
-- the segment is its proof until the recording is archived (then the
-- recording and the moment in it are).
CREATE TABLE live_segments (
    id              TEXT PRIMARY KEY NOT NULL,
    event_id        TEXT NOT NULL REFERENCES spark_events (id) DEFERRABLE INITIALLY DEFERRED,
    position        TEXT NOT NULL,
    title           TEXT NOT NULL,
    duration_min    INTEGER NOT NULL CHECK (duration_min BETWEEN 1 AND 720),
    obs_scene       TEXT,
    talent          TEXT,
    deliverable_id  TEXT REFERENCES sponsor_deliverables (id) DEFERRABLE INITIALLY DEFERRED,
    notes           TEXT NOT NULL DEFAULT '',
    chat_message    TEXT,
    automatic       INTEGER NOT NULL DEFAULT 0 CHECK (automatic IN (0, 1)),
    started_at      TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX live_segments_by_event ON live_segments (event_id, position) WHERE deleted_at IS NULL;

ALTER TABLE sponsor_deliverables ADD COLUMN proof_segment_id TEXT REFERENCES live_segments (id) DEFERRABLE INITIALLY DEFERRED;
