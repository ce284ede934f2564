-- V22: the artist list says when it changed.
--
-- A search puts its matches in the list's order by each card's rank in that
-- order, kept in memory (`artists/order_ranks.rs`) for as long as the list
-- does not change. `list_version` moves with every change of a row of the
-- list or of a column it is sorted by. Two writers move it themselves: the
-- bulk rebuild, which runs with the deriving triggers off, and the scores'
-- store (`scoring.rs`), once per pass, since a trigger on the score would run
-- for each of 100,000 cards when all are scored again. Updates of
-- `texts_changed` (the search index's own signal) do not move it.

INSERT INTO device_counters (name, value) VALUES ('list_version', 0);

CREATE TRIGGER artist_list_version_added AFTER INSERT ON artist_list WHEN mona_deriving()
BEGIN
    UPDATE device_counters SET value = value + 1 WHERE name = 'list_version';
END;

CREATE TRIGGER artist_list_version_removed AFTER DELETE ON artist_list WHEN mona_deriving()
BEGIN
    UPDATE device_counters SET value = value + 1 WHERE name = 'list_version';
END;

CREATE TRIGGER artist_list_version_reordered
AFTER UPDATE OF sort_key, stage_rank, city_missing, city, updated_at, last_contact_at,
                last_contact_missing ON artist_list
WHEN mona_deriving()
BEGIN
    UPDATE device_counters SET value = value + 1 WHERE name = 'list_version';
END;
