-- V7: this device remembers the rows it erased because the team's server
-- purged them (ARCHITECTURE.md, "Sync").
--
-- A purged row is gone with its versions, so last-writer-wins can no longer
-- refuse an old copy of it: a page of the feed delivered twice would bring
-- it back. The key and the birth it had are kept here; an incoming row with
-- that birth or an older one is not applied. A row born again under the
-- same key after the purge (restored from a conflict) has a newer birth and
-- is applied.
CREATE TABLE sync_purged (
    tbl          TEXT NOT NULL,
    id           TEXT NOT NULL,
    birth_clock  INTEGER NOT NULL,
    birth_site   TEXT NOT NULL,
    PRIMARY KEY (tbl, id)
) STRICT, WITHOUT ROWID;
