-- V3: deleted rows leave the server once every active device has seen their
-- deletion (ARCHITECTURE.md, "Sync").
--
-- Each device reports, at every sync, how far it has applied the feed. A
-- purge takes the position every device seen within the last days has
-- reached: the deleted rows with no change after it leave `sync_state`, their
-- keys stay in `sync_purged` (so a late edit becomes a conflict, not a
-- resurrection), the feed up to that position is dropped, and a purge entry
-- per row tells devices to erase it too. A device away longer than that
-- finds the feed starting after its cursor and copies the server again.

ALTER TABLE sync_devices ADD COLUMN cursor_xid XID8, ADD COLUMN cursor_seq BIGINT;
ALTER TABLE sync_server
    ADD COLUMN feed_start_xid XID8 NOT NULL DEFAULT '0',
    ADD COLUMN feed_start_seq BIGINT NOT NULL DEFAULT 0;
-- A purge entry of the feed: devices erase the row.
ALTER TABLE sync_changes ADD COLUMN purged BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE sync_purged (
    tbl          TEXT NOT NULL,
    pk           TEXT NOT NULL,
    birth_clock  BIGINT NOT NULL,
    birth_site   TEXT NOT NULL,
    purged_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (tbl, pk)
);
-- A key here that is in `sync_state` again was born anew after the purge (a
-- device that had seen it re-created the row): it counts as not purged.

-- A device's check-in at the start of a round: proves its identity, records
-- how far it has applied the feed, returns what the server holds of it
-- (NULL when it has not joined).
CREATE FUNCTION sync_check_in(p_site TEXT, p_secret TEXT, p_xid TEXT, p_seq BIGINT) RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
AS $$
DECLARE
    v_acked BIGINT;
BEGIN
    v_acked := sync_lock_device(p_site, p_secret);
    IF v_acked IS NOT NULL THEN
        UPDATE sync_devices SET cursor_xid = p_xid::xid8, cursor_seq = p_seq, last_seen_at = now()
        WHERE site = p_site;
    END IF;
    RETURN v_acked;
END
$$;

-- Purges the deleted rows every device seen in the last p_active_days days
-- has seen deleted. Returns how many rows left.
CREATE FUNCTION sync_purge(p_active_days INTEGER) RETURNS INTEGER
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
AS $$
DECLARE
    h_xid XID8;
    h_seq BIGINT;
    v_count INTEGER;
BEGIN
    -- One purge at a time.
    PERFORM 1 FROM sync_server FOR UPDATE;
    SELECT d.cursor_xid, d.cursor_seq INTO h_xid, h_seq
    FROM sync_devices d
    WHERE d.last_seen_at > now() - make_interval(days => p_active_days)
    ORDER BY d.cursor_xid NULLS FIRST, d.cursor_seq NULLS FIRST
    LIMIT 1;
    IF NOT FOUND OR h_xid IS NULL THEN
        RETURN 0;
    END IF;
    WITH gone AS (
        DELETE FROM sync_state s
        WHERE (s.cells -> 'values' ->> 'deleted_at') IS NOT NULL
          AND NOT EXISTS (
              SELECT 1 FROM sync_changes c
              WHERE c.tbl = s.tbl AND c.pk = s.pk AND (c.xid, c.seq) > (h_xid, h_seq))
        RETURNING s.tbl, s.pk, s.birth_clock, s.birth_site
    ), remembered AS (
        INSERT INTO sync_purged (tbl, pk, birth_clock, birth_site)
        SELECT tbl, pk, birth_clock, birth_site FROM gone
        ON CONFLICT (tbl, pk) DO UPDATE SET birth_clock = excluded.birth_clock,
            birth_site = excluded.birth_site, purged_at = now()
        RETURNING tbl, pk, birth_clock, birth_site
    )
    INSERT INTO sync_changes (tbl, pk, birth_clock, birth_site, cells, purged)
    SELECT tbl, pk, birth_clock, birth_site, '{}'::json, TRUE FROM remembered ORDER BY tbl, pk;
    GET DIAGNOSTICS v_count = ROW_COUNT;
    DELETE FROM sync_changes WHERE (xid, seq) <= (h_xid, h_seq);
    UPDATE sync_server SET feed_start_xid = h_xid, feed_start_seq = h_seq
    WHERE (feed_start_xid, feed_start_seq) < (h_xid, h_seq);
    RETURN v_count;
END
$$;

REVOKE ALL ON FUNCTION sync_check_in(TEXT, TEXT, TEXT, BIGINT), sync_purge(INTEGER) FROM PUBLIC;
