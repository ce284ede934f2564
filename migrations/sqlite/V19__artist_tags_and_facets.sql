-- V19: the artist list's filters by genre, tag and last contact, and a
-- "last contact" column to sort by (ARCHITECTURE.md, "CRM").
--
-- Tags on a card are `entity_tags` links (V1) to the team's `tags`, the
-- same labels tasks carry. Two derived, device-local structures answer the
-- filters in a few milliseconds at 100,000 cards, kept by triggers like
-- `artist_list` (V5) and rebuilt with it after a bulk load:
-- `device_artist_facets`, the cards of each genre (folded, so "Électro" and
-- "electro" are one) and of each tag, keyed like the list; and the date of
-- the latest exchange of each card, in `artist_list`.

CREATE TABLE device_artist_facets (
    -- 'genre' or 'tag'.
    kind       TEXT NOT NULL,
    -- The folded genre, or the tag's id.
    value      TEXT NOT NULL,
    -- The card's key in `artist_list`.
    fts_rowid  INTEGER NOT NULL,
    -- The genre as typed on the card (empty for a tag).
    label      TEXT NOT NULL,
    PRIMARY KEY (kind, value, fts_rowid)
) STRICT, WITHOUT ROWID;
CREATE INDEX device_artist_facets_by_card ON device_artist_facets (fts_rowid);

ALTER TABLE artist_list ADD COLUMN last_contact_missing INTEGER NOT NULL DEFAULT 1;
ALTER TABLE artist_list ADD COLUMN last_contact_at TEXT;
CREATE INDEX artist_list_by_last_contact_asc
    ON artist_list (last_contact_missing, last_contact_at, sort_key);
CREATE INDEX artist_list_by_last_contact_desc
    ON artist_list (last_contact_missing, last_contact_at DESC, sort_key);

-- A card enters the list: its genres, tags and latest exchange.
CREATE TRIGGER artist_list_faceted AFTER INSERT ON artist_list WHEN mona_deriving()
BEGIN
    INSERT OR IGNORE INTO device_artist_facets (kind, value, fts_rowid, label)
    SELECT 'genre', mona_fold(g.value), new.fts_rowid, g.value
    FROM artists a, json_each(a.genres) g WHERE a.id = new.artist_id;
    INSERT OR IGNORE INTO device_artist_facets (kind, value, fts_rowid, label)
    SELECT 'tag', e.tag_id, new.fts_rowid, ''
    FROM entity_tags e
    WHERE e.entity_type = 'artist' AND e.entity_id = new.artist_id AND e.deleted_at IS NULL;
    UPDATE artist_list SET (last_contact_at, last_contact_missing) = (
        SELECT max(i.occurred_at), max(i.occurred_at) IS NULL FROM interactions i
        WHERE i.artist_id = new.artist_id AND i.deleted_at IS NULL)
    WHERE fts_rowid = new.fts_rowid;
END;

-- ...and leaves it.
CREATE TRIGGER artist_list_unfaceted AFTER DELETE ON artist_list WHEN mona_deriving()
BEGIN
    DELETE FROM device_artist_facets WHERE fts_rowid = old.fts_rowid;
END;

-- A live card's genres edited.
CREATE TRIGGER artists_regenred AFTER UPDATE OF genres ON artists
WHEN mona_deriving() AND new.deleted_at IS NULL AND new.genres IS NOT old.genres
BEGIN
    DELETE FROM device_artist_facets
    WHERE kind = 'genre' AND fts_rowid = (SELECT fts_rowid FROM artist_list WHERE artist_id = new.id);
    INSERT OR IGNORE INTO device_artist_facets (kind, value, fts_rowid, label)
    SELECT 'genre', mona_fold(g.value), l.fts_rowid, g.value
    FROM artist_list l, json_each(new.genres) g WHERE l.artist_id = new.id;
END;

-- A tag put on a card, taken off, put back (a link row is never made twice:
-- `links`), or erased by a purge.
CREATE TRIGGER entity_tags_faceted AFTER INSERT ON entity_tags
WHEN mona_deriving() AND new.entity_type = 'artist' AND new.deleted_at IS NULL
BEGIN
    INSERT OR IGNORE INTO device_artist_facets (kind, value, fts_rowid, label)
    SELECT 'tag', new.tag_id, l.fts_rowid, '' FROM artist_list l WHERE l.artist_id = new.entity_id;
END;

CREATE TRIGGER entity_tags_refaceted AFTER UPDATE ON entity_tags
WHEN mona_deriving() AND (new.entity_type = 'artist' OR old.entity_type = 'artist')
     AND (new.deleted_at IS NOT old.deleted_at OR new.tag_id IS NOT old.tag_id
          OR new.entity_id IS NOT old.entity_id OR new.entity_type IS NOT old.entity_type)
BEGIN
    DELETE FROM device_artist_facets
    WHERE kind = 'tag' AND value = old.tag_id
      AND fts_rowid = (SELECT fts_rowid FROM artist_list WHERE artist_id = old.entity_id)
      AND old.entity_type = 'artist';
    INSERT OR IGNORE INTO device_artist_facets (kind, value, fts_rowid, label)
    SELECT 'tag', new.tag_id, l.fts_rowid, '' FROM artist_list l
    WHERE l.artist_id = new.entity_id AND new.entity_type = 'artist' AND new.deleted_at IS NULL;
END;

CREATE TRIGGER entity_tags_unfaceted AFTER DELETE ON entity_tags
WHEN mona_deriving() AND old.entity_type = 'artist'
BEGIN
    DELETE FROM device_artist_facets
    WHERE kind = 'tag' AND value = old.tag_id
      AND fts_rowid = (SELECT fts_rowid FROM artist_list WHERE artist_id = old.entity_id);
END;

-- An exchange logged, corrected, removed or erased: the latest exchange of
-- the cards it concerns, before and after.
CREATE TRIGGER interactions_dated AFTER INSERT ON interactions
WHEN mona_deriving() AND new.artist_id IS NOT NULL
BEGIN
    UPDATE artist_list SET (last_contact_at, last_contact_missing) = (
        SELECT max(i.occurred_at), max(i.occurred_at) IS NULL FROM interactions i
        WHERE i.artist_id = new.artist_id AND i.deleted_at IS NULL)
    WHERE artist_id = new.artist_id;
END;

CREATE TRIGGER interactions_redated AFTER UPDATE ON interactions
WHEN mona_deriving() AND (new.artist_id IS NOT NULL OR old.artist_id IS NOT NULL)
     AND (new.occurred_at IS NOT old.occurred_at OR new.deleted_at IS NOT old.deleted_at
          OR new.artist_id IS NOT old.artist_id)
BEGIN
    UPDATE artist_list SET (last_contact_at, last_contact_missing) = (
        SELECT max(i.occurred_at), max(i.occurred_at) IS NULL FROM interactions i
        WHERE i.artist_id = artist_list.artist_id AND i.deleted_at IS NULL)
    WHERE artist_id IN (new.artist_id, old.artist_id);
END;

CREATE TRIGGER interactions_undated AFTER DELETE ON interactions
WHEN mona_deriving() AND old.artist_id IS NOT NULL
BEGIN
    UPDATE artist_list SET (last_contact_at, last_contact_missing) = (
        SELECT max(i.occurred_at), max(i.occurred_at) IS NULL FROM interactions i
        WHERE i.artist_id = old.artist_id AND i.deleted_at IS NULL)
    WHERE artist_id = old.artist_id;
END;

-- The cards already listed.
INSERT INTO device_artist_facets (kind, value, fts_rowid, label)
SELECT DISTINCT 'genre', mona_fold(g.value), l.fts_rowid, g.value
FROM artist_list l JOIN artists a ON a.id = l.artist_id, json_each(a.genres) g
WHERE true
ON CONFLICT DO NOTHING;
INSERT INTO device_artist_facets (kind, value, fts_rowid, label)
SELECT 'tag', e.tag_id, l.fts_rowid, ''
FROM artist_list l JOIN entity_tags e
    ON e.entity_type = 'artist' AND e.entity_id = l.artist_id AND e.deleted_at IS NULL
WHERE true
ON CONFLICT DO NOTHING;
UPDATE artist_list SET (last_contact_at, last_contact_missing) = (
    SELECT max(i.occurred_at), max(i.occurred_at) IS NULL FROM interactions i
    WHERE i.artist_id = artist_list.artist_id AND i.deleted_at IS NULL);
