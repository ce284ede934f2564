-- The artist list in every order, at any size.
--
-- V1 kept a search map (`artists_fts_rows`) with the sort key and the score
-- only, and sorted by the other columns through `artists`' own indexes. A
-- broad search ("el" matches one card in six) then had to sort every match,
-- and an ascending score order or a followers order had no index at all.
--
-- `artist_list` replaces the map: one row per live artist, keyed by the
-- artist's FTS5 rowid (kept from V1, so `artists_fts` stays valid), holding
-- every column the list sorts by, with one covering index per order and
-- direction. Ties always fall back to the name (A to Z), then the rowid, so
-- pages never overlap. The core walks these indexes and keeps the rows the
-- search matched; see `artists::list`.
--
-- Derived and device-local, like the FTS index: the triggers keep it equal to
-- the live rows of `artists`, whoever writes them.

DROP TRIGGER artists_fts_insert;
DROP TRIGGER artists_fts_update;
DROP TRIGGER artists_fts_delete;

CREATE TABLE artist_list (
    fts_rowid          INTEGER PRIMARY KEY,
    artist_id          TEXT NOT NULL UNIQUE,
    sort_key           TEXT NOT NULL,
    score              INTEGER NOT NULL,
    -- The pipeline order: prospect 0, contacted 1, negotiating 2, signed 3, alumni 4, declined 5.
    stage_rank         INTEGER NOT NULL,
    -- Cards without a city or without a follower count come last in both directions.
    city_missing       INTEGER NOT NULL,
    city               TEXT COLLATE NOCASE,
    followers_missing  INTEGER NOT NULL,
    followers          INTEGER,
    updated_at         TEXT NOT NULL
) STRICT;

INSERT INTO artist_list
    (fts_rowid, artist_id, sort_key, score, stage_rank, city_missing, city, followers_missing, followers, updated_at)
SELECT r.fts_rowid, a.id, a.sort_key, a.score,
       CASE a.stage WHEN 'prospect' THEN 0 WHEN 'contacted' THEN 1 WHEN 'negotiating' THEN 2
                    WHEN 'signed' THEN 3 WHEN 'alumni' THEN 4 ELSE 5 END,
       a.city IS NULL, a.city, a.followers IS NULL, a.followers, a.updated_at
FROM artists_fts_rows r JOIN artists a ON a.id = r.artist_id;

DROP TABLE artists_fts_rows;

CREATE INDEX artist_list_by_name ON artist_list (sort_key);
CREATE INDEX artist_list_by_score_asc ON artist_list (score, sort_key);
CREATE INDEX artist_list_by_score_desc ON artist_list (score DESC, sort_key);
CREATE INDEX artist_list_by_stage_asc ON artist_list (stage_rank, sort_key);
CREATE INDEX artist_list_by_stage_desc ON artist_list (stage_rank DESC, sort_key);
CREATE INDEX artist_list_by_city_asc ON artist_list (city_missing, city, sort_key);
CREATE INDEX artist_list_by_city_desc ON artist_list (city_missing, city DESC, sort_key);
CREATE INDEX artist_list_by_followers_asc ON artist_list (followers_missing, followers, sort_key);
CREATE INDEX artist_list_by_followers_desc ON artist_list (followers_missing, followers DESC, sort_key);
CREATE INDEX artist_list_by_update ON artist_list (updated_at);

-- The list no longer reads `artists` in order: its sort indexes only cost writes.
DROP INDEX artists_by_sort_key;
DROP INDEX artists_by_score;
DROP INDEX artists_by_created;
DROP INDEX artists_by_stage;
DROP INDEX artists_by_city;

CREATE TRIGGER artists_listed AFTER INSERT ON artists WHEN new.deleted_at IS NULL
BEGIN
    INSERT INTO artist_list
        (artist_id, sort_key, score, stage_rank, city_missing, city, followers_missing, followers, updated_at)
    VALUES (new.id, new.sort_key, new.score,
            CASE new.stage WHEN 'prospect' THEN 0 WHEN 'contacted' THEN 1 WHEN 'negotiating' THEN 2
                           WHEN 'signed' THEN 3 WHEN 'alumni' THEN 4 ELSE 5 END,
            new.city IS NULL, new.city, new.followers IS NULL, new.followers, new.updated_at);
    INSERT INTO artists_fts (rowid, name, legal_name, city, genres)
    VALUES (last_insert_rowid(), new.name, coalesce(new.legal_name, ''), coalesce(new.city, ''), new.genres);
    UPDATE device_counters SET value = value + 1 WHERE name = 'live_artists';
END;

-- Any change re-lists the card under a new rowid: a deleted card leaves the
-- list, a restored one comes back.
CREATE TRIGGER artists_relisted AFTER UPDATE ON artists
BEGIN
    DELETE FROM artists_fts
    WHERE rowid = (SELECT fts_rowid FROM artist_list WHERE artist_id = old.id);
    DELETE FROM artist_list WHERE artist_id = old.id;
    INSERT INTO artist_list
        (artist_id, sort_key, score, stage_rank, city_missing, city, followers_missing, followers, updated_at)
    SELECT new.id, new.sort_key, new.score,
           CASE new.stage WHEN 'prospect' THEN 0 WHEN 'contacted' THEN 1 WHEN 'negotiating' THEN 2
                          WHEN 'signed' THEN 3 WHEN 'alumni' THEN 4 ELSE 5 END,
           new.city IS NULL, new.city, new.followers IS NULL, new.followers, new.updated_at
    WHERE new.deleted_at IS NULL;
    INSERT INTO artists_fts (rowid, name, legal_name, city, genres)
    SELECT last_insert_rowid(), new.name, coalesce(new.legal_name, ''), coalesce(new.city, ''), new.genres
    WHERE new.deleted_at IS NULL;
    UPDATE device_counters
    SET value = value - (old.deleted_at IS NULL) + (new.deleted_at IS NULL)
    WHERE name = 'live_artists';
END;

CREATE TRIGGER artists_unlisted AFTER DELETE ON artists
BEGIN
    DELETE FROM artists_fts
    WHERE rowid = (SELECT fts_rowid FROM artist_list WHERE artist_id = old.id);
    DELETE FROM artist_list WHERE artist_id = old.id;
    UPDATE device_counters SET value = value - (old.deleted_at IS NULL) WHERE name = 'live_artists';
END;
