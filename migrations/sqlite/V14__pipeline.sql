-- V14: the prospecting pipeline (ARCHITECTURE.md, "CRM").
--
-- The team now chooses its stages. A card's stage is a row of
-- `pipeline_stages` (`artists.stage_id`); the V1 `stage` column, bound to six
-- fixed values, is retired: the core moves its value into `stage_id` as an
-- ordinary edit when the database opens (`pipeline::move_retired_stages`).
--
-- Like the score's criteria, the stages table stays empty until the team
-- first changes a stage: until then the core's defaults apply
-- (`pipeline::DEFAULT_STAGES`, with fixed ids), and the first change writes
-- them all, so two computers doing it offline write the same rows.

CREATE TABLE pipeline_stages (
    id                TEXT PRIMARY KEY NOT NULL,
    -- A default stage's name, translated by the app until the team renames it.
    preset            TEXT CHECK (preset IS NULL OR preset IN ('identified', 'contacted', 'in_discussion',
                                                               'proposal_sent', 'signed', 'active', 'lost')),
    label             TEXT,
    -- Open stages are worked on; won and lost ones end the prospecting.
    kind              TEXT NOT NULL CHECK (kind IN ('open', 'won', 'lost')),
    -- An open card that stays longer than this is highlighted as stuck.
    stuck_after_days  INTEGER CHECK (stuck_after_days IS NULL OR stuck_after_days BETWEEN 1 AND 365),
    position          TEXT NOT NULL,
    created_at        TEXT NOT NULL,
    updated_at        TEXT NOT NULL,
    deleted_at        TEXT,
    CHECK (preset IS NOT NULL OR label IS NOT NULL)
) STRICT;

-- No foreign key: a default stage is named by its fixed id before it is a row.
ALTER TABLE artists ADD COLUMN stage_id TEXT;
-- Why the artist was lost, while the card sits in a lost stage.
ALTER TABLE artists ADD COLUMN lost_reason TEXT;

-- Every stage a card entered, when and by whom: the stage history, the
-- time spent per stage and the conversion from one stage to the next.
CREATE TABLE artist_stage_moves (
    id           TEXT PRIMARY KEY NOT NULL,
    artist_id    TEXT NOT NULL REFERENCES artists (id) DEFERRABLE INITIALLY DEFERRED,
    stage_id     TEXT NOT NULL,
    entered_at   TEXT NOT NULL,
    user_id      TEXT REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
    lost_reason  TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL,
    deleted_at   TEXT
) STRICT;
CREATE INDEX artist_stage_moves_by_artist
    ON artist_stage_moves (artist_id, entered_at, stage_id) WHERE deleted_at IS NULL;

-- A prospect's next action is its earliest open task in Planning.
CREATE INDEX tasks_by_artist ON tasks (artist_id, due_at)
    WHERE deleted_at IS NULL AND artist_id IS NOT NULL;

-- Each stage's place in the pipeline on this device, kept by the core from
-- the stages (`pipeline::rerank`), read by the list's triggers.
CREATE TABLE device_stage_ranks (
    stage_id  TEXT PRIMARY KEY NOT NULL,
    rank      INTEGER NOT NULL
) STRICT, WITHOUT ROWID;

-- A pipeline column: the cards of one stage, best score first.
CREATE INDEX artist_list_by_stage_score ON artist_list (stage_rank, score DESC, sort_key);

-- How many cards each stage holds on this device, kept by triggers, so a
-- board's column counts do not count 100,000 rows. A bulk load (triggers
-- off) recounts them in `artists::rebuild_derived`.
CREATE TABLE device_stage_counts (
    stage_rank  INTEGER PRIMARY KEY NOT NULL,
    cards       INTEGER NOT NULL
) STRICT;
INSERT INTO device_stage_counts (stage_rank, cards)
SELECT stage_rank, count(*) FROM artist_list GROUP BY stage_rank;

CREATE TRIGGER artist_list_counted AFTER INSERT ON artist_list WHEN mona_deriving()
BEGIN
    INSERT INTO device_stage_counts (stage_rank, cards) VALUES (new.stage_rank, 1)
    ON CONFLICT (stage_rank) DO UPDATE SET cards = cards + 1;
END;

CREATE TRIGGER artist_list_uncounted AFTER DELETE ON artist_list WHEN mona_deriving()
BEGIN
    UPDATE device_stage_counts SET cards = cards - 1 WHERE stage_rank = old.stage_rank;
END;

CREATE TRIGGER artist_list_recounted AFTER UPDATE OF stage_rank ON artist_list
WHEN mona_deriving() AND new.stage_rank <> old.stage_rank
BEGIN
    UPDATE device_stage_counts SET cards = cards - 1 WHERE stage_rank = old.stage_rank;
    INSERT INTO device_stage_counts (stage_rank, cards) VALUES (new.stage_rank, 1)
    ON CONFLICT (stage_rank) DO UPDATE SET cards = cards + 1;
END;

DROP TRIGGER artists_listed;
DROP TRIGGER artists_relisted;
DROP TRIGGER artists_unbinned;

CREATE TRIGGER artists_listed AFTER INSERT ON artists WHEN mona_deriving() AND new.deleted_at IS NULL
BEGIN
    INSERT INTO artist_list
        (artist_id, sort_key, score, stage_rank, city_missing, city, audience_missing, audience, updated_at)
    VALUES (new.id, new.sort_key, 0,
            coalesce((SELECT rank FROM device_stage_ranks WHERE stage_id = new.stage_id), 0),
            new.city IS NULL, new.city, 1, NULL, new.updated_at);
    INSERT INTO artists_fts (rowid, name, legal_name, city, genres)
    VALUES (last_insert_rowid(), new.name, coalesce(new.legal_name, ''), coalesce(new.city, ''), new.genres);
    UPDATE device_counters SET value = value + 1 WHERE name = 'live_artists';
END;

CREATE TRIGGER artists_relisted AFTER UPDATE ON artists
WHEN mona_deriving() AND old.deleted_at IS NULL AND new.deleted_at IS NULL
BEGIN
    UPDATE artist_list SET
        sort_key = new.sort_key,
        stage_rank = coalesce((SELECT rank FROM device_stage_ranks WHERE stage_id = new.stage_id), 0),
        city_missing = new.city IS NULL, city = new.city,
        updated_at = new.updated_at
    WHERE artist_id = new.id;
END;

CREATE TRIGGER artists_unbinned AFTER UPDATE ON artists
WHEN mona_deriving() AND old.deleted_at IS NOT NULL AND new.deleted_at IS NULL
BEGIN
    INSERT INTO artist_list
        (artist_id, sort_key, score, stage_rank, city_missing, city, audience_missing, audience, updated_at)
    VALUES (new.id, new.sort_key, 0,
            coalesce((SELECT rank FROM device_stage_ranks WHERE stage_id = new.stage_id), 0),
            new.city IS NULL, new.city, 1, NULL, new.updated_at);
    INSERT INTO artists_fts (rowid, name, legal_name, city, genres)
    VALUES (last_insert_rowid(), new.name, coalesce(new.legal_name, ''), coalesce(new.city, ''), new.genres);
    UPDATE device_counters SET value = value + 1 WHERE name = 'live_artists';
END;
