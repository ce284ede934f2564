-- V5: cheaper upkeep of the artist list and its search index, and a way to
-- rebuild both in one pass.
--
-- Their triggers (V2) now run only when the writing connection says so
-- (`mona_deriving()`, on for every ordinary write). A bulk load, such as a
-- new device copying the team's 100,000 artists, turns them off and
-- rebuilds both tables at the end with `artists::rebuild_derived`: five
-- times faster than maintaining ten indexes and the search index row by row.
--
-- An edit of a live card now updates its list row in place (keeping its
-- rowid, which is also its search-index rowid) and rewrites its words only
-- when a searched column changed: most edits (notes, phone, a follower
-- count...) no longer touch the search index.

DROP TRIGGER artists_listed;
DROP TRIGGER artists_relisted;
DROP TRIGGER artists_unlisted;

CREATE TRIGGER artists_listed AFTER INSERT ON artists WHEN mona_deriving() AND new.deleted_at IS NULL
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

-- A live card edited: its list row changes in place.
CREATE TRIGGER artists_relisted AFTER UPDATE ON artists
WHEN mona_deriving() AND old.deleted_at IS NULL AND new.deleted_at IS NULL
BEGIN
    UPDATE artist_list SET
        sort_key = new.sort_key, score = new.score,
        stage_rank = CASE new.stage WHEN 'prospect' THEN 0 WHEN 'contacted' THEN 1 WHEN 'negotiating' THEN 2
                                    WHEN 'signed' THEN 3 WHEN 'alumni' THEN 4 ELSE 5 END,
        city_missing = new.city IS NULL, city = new.city,
        followers_missing = new.followers IS NULL, followers = new.followers,
        updated_at = new.updated_at
    WHERE artist_id = new.id;
END;

-- ...and its words, only when a searched column changed.
CREATE TRIGGER artists_reworded AFTER UPDATE ON artists
WHEN mona_deriving() AND old.deleted_at IS NULL AND new.deleted_at IS NULL
     AND (new.name IS NOT old.name OR new.legal_name IS NOT old.legal_name
          OR new.city IS NOT old.city OR new.genres IS NOT old.genres)
BEGIN
    DELETE FROM artists_fts WHERE rowid = (SELECT fts_rowid FROM artist_list WHERE artist_id = new.id);
    INSERT INTO artists_fts (rowid, name, legal_name, city, genres)
    SELECT fts_rowid, new.name, coalesce(new.legal_name, ''), coalesce(new.city, ''), new.genres
    FROM artist_list WHERE artist_id = new.id;
END;

-- A card moved to the bin leaves the list.
CREATE TRIGGER artists_binned AFTER UPDATE ON artists
WHEN mona_deriving() AND old.deleted_at IS NULL AND new.deleted_at IS NOT NULL
BEGIN
    DELETE FROM artists_fts WHERE rowid = (SELECT fts_rowid FROM artist_list WHERE artist_id = old.id);
    DELETE FROM artist_list WHERE artist_id = old.id;
    UPDATE device_counters SET value = value - 1 WHERE name = 'live_artists';
END;

-- A card restored from the bin comes back.
CREATE TRIGGER artists_unbinned AFTER UPDATE ON artists
WHEN mona_deriving() AND old.deleted_at IS NOT NULL AND new.deleted_at IS NULL
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

CREATE TRIGGER artists_unlisted AFTER DELETE ON artists WHEN mona_deriving()
BEGIN
    DELETE FROM artists_fts
    WHERE rowid = (SELECT fts_rowid FROM artist_list WHERE artist_id = old.id);
    DELETE FROM artist_list WHERE artist_id = old.id;
    UPDATE device_counters SET value = value - (old.deleted_at IS NULL) WHERE name = 'live_artists';
END;
