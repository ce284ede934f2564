-- V2: every device proves who it is, and devices write only through the
-- functions below (ARCHITECTURE.md, "Sync", and docs/TEAM-SERVER.md).
--
-- A device joins with a secret it keeps in its OS keychain; the server keeps
-- only its SHA-256. Every push presents it, so one device cannot push under
-- another's identity (whose acknowledged clock decides which of its writes
-- the server already holds). The team's login roles get SELECT on the tables
-- and EXECUTE on these functions, nothing else: they cannot change the
-- server's state except by a push that names a device they hold the secret of.
--
-- The functions run with the rights of the role that prepared the server
-- (SECURITY DEFINER), with the search path fixed to the schema they were
-- created in.

ALTER TABLE sync_devices ADD COLUMN secret_hash TEXT;

CREATE FUNCTION sync_secret_hash(p_secret TEXT) RETURNS TEXT
LANGUAGE sql IMMUTABLE STRICT
AS $$ SELECT encode(sha256(convert_to(p_secret, 'UTF8')), 'hex') $$;

-- Refuses (SQLSTATE MS001) a device whose secret does not match, then locks
-- its row until the end of the transaction and returns its acknowledged
-- clock; NULL when the device has not joined.
CREATE FUNCTION sync_lock_device(p_site TEXT, p_secret TEXT) RETURNS BIGINT
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
AS $$
DECLARE
    v_hash TEXT;
    v_acked BIGINT;
BEGIN
    SELECT secret_hash, acked_clock INTO v_hash, v_acked
    FROM sync_devices WHERE site = p_site FOR UPDATE;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF v_hash IS DISTINCT FROM sync_secret_hash(p_secret) THEN
        RAISE EXCEPTION 'device % did not prove its identity', p_site USING ERRCODE = 'MS001';
    END IF;
    RETURN v_acked;
END
$$;

-- Joins a device, or renames it. A device that joined before secrets
-- existed claims its identity with the first secret it presents.
CREATE FUNCTION sync_join(p_site TEXT, p_name TEXT, p_secret TEXT) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
AS $$
BEGIN
    INSERT INTO sync_devices (site, name, secret_hash)
    VALUES (p_site, p_name, sync_secret_hash(p_secret))
    ON CONFLICT (site) DO UPDATE SET secret_hash = coalesce(sync_devices.secret_hash, excluded.secret_hash);
    PERFORM sync_lock_device(p_site, p_secret);
    UPDATE sync_devices SET name = p_name, last_seen_at = now() WHERE site = p_site;
END
$$;

-- The current states of the given rows, locked until the end of the push.
CREATE FUNCTION sync_lock_rows(p_tables TEXT[], p_ids TEXT[])
RETURNS TABLE (tbl TEXT, pk TEXT, birth_clock BIGINT, birth_site TEXT, cells JSON)
LANGUAGE sql SECURITY DEFINER SET search_path FROM CURRENT
AS $$
    SELECT s.tbl, s.pk, s.birth_clock, s.birth_site, s.cells
    FROM sync_state s JOIN unnest(p_tables, p_ids) AS k (tbl, pk)
      ON s.tbl = k.tbl AND s.pk = k.pk
    ORDER BY s.tbl, s.pk
    FOR UPDATE OF s
$$;

-- Stores a push of device p_site: the merged states, what changed (in
-- order, for the feed) and the newest clock of the device now stored.
CREATE FUNCTION sync_store(
    p_site TEXT, p_secret TEXT, p_up_to BIGINT,
    s_tables TEXT[], s_ids TEXT[], s_clocks BIGINT[], s_sites TEXT[], s_cells JSON[],
    f_tables TEXT[], f_ids TEXT[], f_clocks BIGINT[], f_sites TEXT[], f_cells JSON[]
) RETURNS VOID
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
AS $$
BEGIN
    IF sync_lock_device(p_site, p_secret) IS NULL THEN
        RAISE EXCEPTION 'device % has not joined', p_site USING ERRCODE = 'MS002';
    END IF;
    INSERT INTO sync_state (tbl, pk, birth_clock, birth_site, cells)
    SELECT * FROM unnest(s_tables, s_ids, s_clocks, s_sites, s_cells)
    ON CONFLICT (tbl, pk) DO UPDATE SET birth_clock = excluded.birth_clock,
        birth_site = excluded.birth_site, cells = excluded.cells;
    INSERT INTO sync_changes (tbl, pk, birth_clock, birth_site, cells)
    SELECT r.tbl, r.pk, r.birth_clock, r.birth_site, r.cells
    FROM unnest(f_tables, f_ids, f_clocks, f_sites, f_cells)
         WITH ORDINALITY AS r (tbl, pk, birth_clock, birth_site, cells, n)
    ORDER BY r.n;
    UPDATE sync_devices SET acked_clock = greatest(acked_clock, p_up_to), last_seen_at = now()
    WHERE site = p_site;
END
$$;

-- A server restored from a dump holds feed entries with transaction ids
-- ahead of its own: they are dropped and the server takes a new epoch, so
-- devices send everything again. Returns whether it happened.
CREATE FUNCTION sync_renew_epoch_if_restored() RETURNS BOOLEAN
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT
AS $$
BEGIN
    IF (SELECT max(xid) FROM sync_changes) > pg_current_xact_id() THEN
        DELETE FROM sync_changes WHERE xid >= pg_current_xact_id();
        UPDATE sync_server SET epoch = gen_random_uuid();
        RETURN TRUE;
    END IF;
    RETURN FALSE;
END
$$;

REVOKE ALL ON FUNCTION sync_lock_device(TEXT, TEXT), sync_join(TEXT, TEXT, TEXT),
    sync_lock_rows(TEXT[], TEXT[]),
    sync_store(TEXT, TEXT, BIGINT, TEXT[], TEXT[], BIGINT[], TEXT[], JSON[], TEXT[], TEXT[], BIGINT[], TEXT[], JSON[]),
    sync_renew_epoch_if_restored()
FROM PUBLIC;
