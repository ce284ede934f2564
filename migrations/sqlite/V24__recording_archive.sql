-- V24: recordings OBS finished become assets of the library (issue 6,
-- "Automatic archiving").
--
-- What an archived recording adds to its asset: the thumbnail beside it in
-- the media folder, its codecs, and the stretch of time it recorded (so the
-- live it belongs to, its chat and its segments can be found again).
ALTER TABLE assets ADD COLUMN thumbnail_path TEXT;
ALTER TABLE assets ADD COLUMN video_codec TEXT;
ALTER TABLE assets ADD COLUMN audio_codec TEXT;
ALTER TABLE assets ADD COLUMN recorded_from TEXT;
ALTER TABLE assets ADD COLUMN recorded_until TEXT;

-- The recordings this computer's OBS stopped, from the moment OBS names the
-- file until it is archived or found unfit: a queue that survives a crash
-- or the app being closed. The paths are this computer's: never synced.
CREATE TABLE device_recording_intake (
    id          TEXT PRIMARY KEY NOT NULL,
    file_path   TEXT NOT NULL UNIQUE,
    stopped_at  TEXT NOT NULL,
    state       TEXT NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'archived', 'failed')),
    problem     TEXT,
    asset_id    TEXT,
    updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX device_recording_intake_waiting ON device_recording_intake (stopped_at) WHERE state = 'waiting';
