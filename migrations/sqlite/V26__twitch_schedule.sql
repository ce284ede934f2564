-- V26: lives published on the streamer's Twitch schedule (issue 6, "Live
-- planning").
--
-- One row per publication of a live on a channel's schedule: the segment
-- Twitch made (its id, the channel) and what the app sent (title, start,
-- length, weekly repeat, cancelled, category), so the app can tell when
-- the live changed since. Withdrawing the live from Twitch deletes the row;
-- publishing it again makes a new one (a key is never born twice).
CREATE TABLE twitch_schedule_segments (
    id              TEXT PRIMARY KEY NOT NULL,
    event_id        TEXT NOT NULL REFERENCES spark_events (id) DEFERRABLE INITIALLY DEFERRED,
    segment_id      TEXT NOT NULL,
    channel_id      TEXT NOT NULL,
    channel_login   TEXT NOT NULL,
    title           TEXT NOT NULL,
    starts_at       TEXT NOT NULL,
    minutes         INTEGER NOT NULL,
    weekly          INTEGER NOT NULL DEFAULT 0 CHECK (weekly IN (0, 1)),
    cancelled       INTEGER NOT NULL DEFAULT 0 CHECK (cancelled IN (0, 1)),
    category_id     TEXT,
    category_name   TEXT,
    published_at    TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    deleted_at      TEXT
) STRICT;
CREATE INDEX twitch_schedule_segments_by_event ON twitch_schedule_segments (event_id, published_at)
    WHERE deleted_at IS NULL;
