-- V27: what a live leaves beside its recording (issue 6, "Automatic
-- archiving").
--
-- Stream markers the streamer set from the app during a live: when, what
-- for, on which channel, and the live under way then (none when no live
-- was planned). The recording's chat log (readable text) and the live's
-- record (segments, markers and chat as JSON) are files beside the
-- recording in the media folder; the asset names them, with the number of
-- chat messages the log holds.
CREATE TABLE live_markers (
    id              TEXT PRIMARY KEY NOT NULL,
    event_id        TEXT REFERENCES spark_events (id) DEFERRABLE INITIALLY DEFERRED,
    channel_login   TEXT NOT NULL,
    marked_at       TEXT NOT NULL,
    description     TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX live_markers_by_time ON live_markers (marked_at) WHERE deleted_at IS NULL;

ALTER TABLE assets ADD COLUMN chat_log_path TEXT;
ALTER TABLE assets ADD COLUMN live_log_path TEXT;
ALTER TABLE assets ADD COLUMN chat_messages INTEGER;
