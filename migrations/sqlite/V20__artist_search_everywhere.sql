-- V20: the artist search also finds what is written about an artist — the
-- handles of their social accounts, the card's notes and the summaries of
-- the exchanges with them — besides names, city and genres
-- (ARCHITECTURE.md, "CRM").
--
-- `artists_fts` gains three columns. An FTS5 table cannot gain columns, so
-- it is made again and filled from the cards already listed. What a card's
-- index row holds is written once, in the view `artist_search_text`; every
-- trigger that (re)indexes a card reads it from there. The list's own
-- triggers index a card when it enters `artist_list`, unindex it when it
-- leaves, and index it again when its `texts_changed` counter moves, which
-- the triggers on cards, social accounts and exchanges do when a text of
-- the card changes.

DROP TRIGGER artists_listed;
DROP TRIGGER artists_unbinned;
DROP TRIGGER artists_reworded;
DROP TRIGGER artists_binned;
DROP TRIGGER artists_unlisted;
DROP TABLE artists_fts;

CREATE VIRTUAL TABLE artists_fts USING fts5(
    name,
    legal_name,
    city,
    genres,
    handles,
    notes,
    exchanges,
    content = '',
    contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2',
    prefix = '2 3'
);

-- One listed card's searchable text, keyed like the list.
CREATE VIEW artist_search_text AS
SELECT l.fts_rowid, l.artist_id, a.name, coalesce(a.legal_name, '') AS legal_name,
       coalesce(a.city, '') AS city, a.genres,
       coalesce((SELECT group_concat(s.handle, ' ') FROM social_accounts s
                 WHERE s.artist_id = a.id AND s.deleted_at IS NULL), '') AS handles,
       a.notes,
       coalesce((SELECT group_concat(i.summary, ' ') FROM interactions i
                 WHERE i.artist_id = a.id AND i.deleted_at IS NULL), '') AS exchanges
FROM artist_list l JOIN artists a ON a.id = l.artist_id;

-- The list's rows come and go with the live cards (V5, V14), as before, now
-- without the index, which follows the list.
CREATE TRIGGER artists_listed AFTER INSERT ON artists WHEN mona_deriving() AND new.deleted_at IS NULL
BEGIN
    INSERT INTO artist_list
        (artist_id, sort_key, score, stage_rank, city_missing, city, audience_missing, audience, updated_at)
    VALUES (new.id, new.sort_key, 0,
            coalesce((SELECT rank FROM device_stage_ranks WHERE stage_id = new.stage_id), 0),
            new.city IS NULL, new.city, 1, NULL, new.updated_at);
    UPDATE device_counters SET value = value + 1 WHERE name = 'live_artists';
END;

CREATE TRIGGER artists_unbinned AFTER UPDATE ON artists
WHEN mona_deriving() AND old.deleted_at IS NOT NULL AND new.deleted_at IS NULL
BEGIN
    INSERT INTO artist_list
        (artist_id, sort_key, score, stage_rank, city_missing, city, audience_missing, audience, updated_at)
    VALUES (new.id, new.sort_key, 0,
            coalesce((SELECT rank FROM device_stage_ranks WHERE stage_id = new.stage_id), 0),
            new.city IS NULL, new.city, 1, NULL, new.updated_at);
    UPDATE device_counters SET value = value + 1 WHERE name = 'live_artists';
END;

CREATE TRIGGER artists_binned AFTER UPDATE ON artists
WHEN mona_deriving() AND old.deleted_at IS NULL AND new.deleted_at IS NOT NULL
BEGIN
    DELETE FROM artist_list WHERE artist_id = old.id;
    UPDATE device_counters SET value = value - 1 WHERE name = 'live_artists';
END;

CREATE TRIGGER artists_unlisted AFTER DELETE ON artists WHEN mona_deriving()
BEGIN
    DELETE FROM artist_list WHERE artist_id = old.id;
    UPDATE device_counters SET value = value - (old.deleted_at IS NULL) WHERE name = 'live_artists';
END;

CREATE TRIGGER artist_list_indexed AFTER INSERT ON artist_list WHEN mona_deriving()
BEGIN
    INSERT INTO artists_fts (rowid, name, legal_name, city, genres, handles, notes, exchanges)
    SELECT fts_rowid, name, legal_name, city, genres, handles, notes, exchanges
    FROM artist_search_text WHERE fts_rowid = new.fts_rowid;
END;

CREATE TRIGGER artist_list_unindexed AFTER DELETE ON artist_list WHEN mona_deriving()
BEGIN
    DELETE FROM artists_fts WHERE rowid = old.fts_rowid;
END;

-- The one way a listed card is indexed again: the triggers below say one of
-- its texts changed.
ALTER TABLE artist_list ADD COLUMN texts_changed INTEGER NOT NULL DEFAULT 0;

CREATE TRIGGER artist_list_reindexed AFTER UPDATE OF texts_changed ON artist_list WHEN mona_deriving()
BEGIN
    DELETE FROM artists_fts WHERE rowid = new.fts_rowid;
    INSERT INTO artists_fts (rowid, name, legal_name, city, genres, handles, notes, exchanges)
    SELECT fts_rowid, name, legal_name, city, genres, handles, notes, exchanges
    FROM artist_search_text WHERE fts_rowid = new.fts_rowid;
END;

-- A listed card's own words edited.
CREATE TRIGGER artists_reworded AFTER UPDATE ON artists
WHEN mona_deriving() AND old.deleted_at IS NULL AND new.deleted_at IS NULL
     AND (new.name IS NOT old.name OR new.legal_name IS NOT old.legal_name
          OR new.city IS NOT old.city OR new.genres IS NOT old.genres OR new.notes IS NOT old.notes)
BEGIN
    UPDATE artist_list SET texts_changed = texts_changed + 1 WHERE artist_id = new.id;
END;

-- A social account added, edited, removed or erased: the cards it belonged
-- to, before and after.
CREATE TRIGGER social_accounts_indexed AFTER INSERT ON social_accounts
WHEN mona_deriving() AND new.deleted_at IS NULL AND new.handle IS NOT NULL
BEGIN
    UPDATE artist_list SET texts_changed = texts_changed + 1 WHERE artist_id = new.artist_id;
END;

CREATE TRIGGER social_accounts_reindexed AFTER UPDATE ON social_accounts
WHEN mona_deriving() AND (new.handle IS NOT old.handle OR new.deleted_at IS NOT old.deleted_at
                          OR new.artist_id IS NOT old.artist_id)
BEGIN
    UPDATE artist_list SET texts_changed = texts_changed + 1
    WHERE artist_id IN (new.artist_id, old.artist_id);
END;

CREATE TRIGGER social_accounts_unindexed AFTER DELETE ON social_accounts
WHEN mona_deriving() AND old.deleted_at IS NULL AND old.handle IS NOT NULL
BEGIN
    UPDATE artist_list SET texts_changed = texts_changed + 1 WHERE artist_id = old.artist_id;
END;

-- An exchange logged, reworded, removed or erased: likewise.
CREATE TRIGGER interactions_indexed AFTER INSERT ON interactions
WHEN mona_deriving() AND new.artist_id IS NOT NULL AND new.deleted_at IS NULL
BEGIN
    UPDATE artist_list SET texts_changed = texts_changed + 1 WHERE artist_id = new.artist_id;
END;

CREATE TRIGGER interactions_reindexed AFTER UPDATE ON interactions
WHEN mona_deriving() AND (new.artist_id IS NOT NULL OR old.artist_id IS NOT NULL)
     AND (new.summary IS NOT old.summary OR new.deleted_at IS NOT old.deleted_at
          OR new.artist_id IS NOT old.artist_id)
BEGIN
    UPDATE artist_list SET texts_changed = texts_changed + 1
    WHERE artist_id IN (new.artist_id, old.artist_id);
END;

CREATE TRIGGER interactions_unindexed AFTER DELETE ON interactions
WHEN mona_deriving() AND old.artist_id IS NOT NULL AND old.deleted_at IS NULL
BEGIN
    UPDATE artist_list SET texts_changed = texts_changed + 1 WHERE artist_id = old.artist_id;
END;

-- The cards already listed.
INSERT INTO artists_fts (rowid, name, legal_name, city, genres, handles, notes, exchanges)
SELECT fts_rowid, name, legal_name, city, genres, handles, notes, exchanges FROM artist_search_text;
