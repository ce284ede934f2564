-- The ranks of an order stay good while only other columns change.
--
-- V22 gave the list one version, moved by any change of a row or of any
-- column it can be sorted by: a card's notes saved moved `updated_at`, so the
-- ranks of every order, by name too, were read again before a search could
-- use them (`artists/order_ranks.rs`). The version of an order's ranks is now
-- the sum of two kinds of counters: `list_members`, moved when a row comes or
-- goes (and by the bulk rebuild), and one `list_order:<column>` per column an
-- order sorts by, moved only when that column's value really changes. A
-- `..._missing` flag moves only with its value, so it has no counter of its
-- own. The scores' store moves `list_order:score` and `list_order:audience`
-- once per pass, as it moved the single version before.

DROP TRIGGER artist_list_version_added;
DROP TRIGGER artist_list_version_removed;
DROP TRIGGER artist_list_version_reordered;
DELETE FROM device_counters WHERE name = 'list_version';

INSERT INTO device_counters (name, value) VALUES
    ('list_members', 0),
    ('list_order:sort_key', 0),
    ('list_order:score', 0),
    ('list_order:stage_rank', 0),
    ('list_order:city', 0),
    ('list_order:audience', 0),
    ('list_order:updated_at', 0),
    ('list_order:last_contact_at', 0);

CREATE TRIGGER artist_list_member_added AFTER INSERT ON artist_list WHEN mona_deriving()
BEGIN
    UPDATE device_counters SET value = value + 1 WHERE name = 'list_members';
END;

CREATE TRIGGER artist_list_member_removed AFTER DELETE ON artist_list WHEN mona_deriving()
BEGIN
    UPDATE device_counters SET value = value + 1 WHERE name = 'list_members';
END;

CREATE TRIGGER artist_list_order_moved
AFTER UPDATE OF sort_key, stage_rank, city, updated_at, last_contact_at ON artist_list
WHEN mona_deriving()
BEGIN
    UPDATE device_counters SET value = value + 1
    WHERE name = 'list_order:sort_key' AND old.sort_key IS NOT new.sort_key;
    UPDATE device_counters SET value = value + 1
    WHERE name = 'list_order:stage_rank' AND old.stage_rank IS NOT new.stage_rank;
    UPDATE device_counters SET value = value + 1
    WHERE name = 'list_order:city' AND old.city IS NOT new.city;
    UPDATE device_counters SET value = value + 1
    WHERE name = 'list_order:updated_at' AND old.updated_at IS NOT new.updated_at;
    UPDATE device_counters SET value = value + 1
    WHERE name = 'list_order:last_contact_at' AND old.last_contact_at IS NOT new.last_contact_at;
END;
