//! Reading what other devices wrote: the change feed after a cursor, and a
//! first copy of the whole state for a device that joins.
//!
//! Why the cursor is (transaction id, sequence) and not a sequence alone: a
//! sequence number is taken when a row is written, not when its transaction
//! commits, so a reader can see number 8 before number 7 exists and move
//! past 7 for ever. Transaction ids have the same problem, which is why a
//! page only holds changes of transactions older than the oldest one still
//! running (`pg_snapshot_xmin`): a long transaction delays the feed, it can
//! never make a device skip a change.

use mona_core::replica::{Erased, FeedPosition, RemoteRow, Version};
use tokio_postgres::IsolationLevel;
use tokio_postgres::Row;

use crate::wire::cells_from_stored;
use crate::{Server, SyncError};

/// A page of the feed and the position after it.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    pub rows: Vec<RemoteRow>,
    /// Rows the server purged: devices erase them too.
    pub erased: Vec<Erased>,
    pub next: FeedPosition,
}

/// The changes after `after`, oldest first, at most `limit`.
pub async fn pull(server: &Server, after: &FeedPosition, limit: i64) -> Result<Page, SyncError> {
    let rows = server
        .client
        .query(
            // The position is selected under another name: `ORDER BY xid`
            // must sort by the 64-bit id, not by its text.
            "SELECT c.xid::text AS position, c.seq, c.tbl, c.pk, c.birth_clock, c.birth_site, c.cells,
                    c.purged
             FROM sync_changes c
             WHERE (c.xid, c.seq) > ($1::text::xid8, $2)
               AND c.xid < pg_snapshot_xmin(pg_current_snapshot())
             ORDER BY c.xid, c.seq LIMIT $3",
            &[&after.xid, &after.seq, &limit],
        )
        .await?;
    let next = rows.last().map_or_else(
        || after.clone(),
        |row| FeedPosition {
            xid: row.get(0),
            seq: row.get(1),
        },
    );
    let mut page = Page {
        rows: Vec::with_capacity(rows.len()),
        erased: Vec::new(),
        next,
    };
    for row in rows {
        if row.get::<_, bool>(7) {
            page.erased.push(Erased {
                table: row.get(2),
                id: row.get(3),
                birth: Version {
                    clock: row.get(4),
                    site: row.get(5),
                },
            });
        } else {
            page.rows.push(remote_row(&row, 2)?);
        }
    }
    Ok(page)
}

/// A consistent copy of the server's whole state, read page by page inside
/// one repeatable-read transaction.
pub struct Copy<'a> {
    transaction: tokio_postgres::Transaction<'a>,
    /// Changes from this feed position on are not (all) in the copy: the
    /// device reads the feed from there once the copy is applied.
    pub start: FeedPosition,
}

impl<'a> Copy<'a> {
    pub async fn begin(server: &'a mut Server) -> Result<Copy<'a>, SyncError> {
        let transaction = server
            .client
            .build_transaction()
            .isolation_level(IsolationLevel::RepeatableRead)
            .read_only(true)
            .start()
            .await?;
        let xmin: String = transaction
            .query_one("SELECT pg_snapshot_xmin(pg_current_snapshot())::text", &[])
            .await?
            .get(0);
        Ok(Copy {
            transaction,
            // Every transaction below xmin is in this snapshot.
            start: FeedPosition { xid: xmin, seq: 0 },
        })
    }

    /// The keys of every row the server purged, as of this copy: a device
    /// that copies the server again erases those it still holds. A key born
    /// again after its purge (a conflict restored) is among them: the copy
    /// brings the new row, and what the device held of the purged one must
    /// not mix into it.
    pub async fn purged(&self) -> Result<Vec<Erased>, SyncError> {
        Ok(self
            .transaction
            .query(
                "SELECT p.tbl, p.pk, p.birth_clock, p.birth_site FROM sync_purged p
                 ORDER BY p.tbl, p.pk",
                &[],
            )
            .await?
            .iter()
            .map(|row| Erased {
                table: row.get(0),
                id: row.get(1),
                birth: Version {
                    clock: row.get(2),
                    site: row.get(3),
                },
            })
            .collect())
    }

    /// The rows after `after` in (table, id) order, at most `limit`.
    pub async fn page(
        &self,
        after: Option<&(String, String)>,
        limit: i64,
    ) -> Result<Vec<RemoteRow>, SyncError> {
        let (table, id) = after.map_or(("", ""), |(t, i)| (t.as_str(), i.as_str()));
        self.transaction
            .query(
                "SELECT tbl, pk, birth_clock, birth_site, cells FROM sync_state
                 WHERE (tbl, pk) > ($1, $2) ORDER BY tbl, pk LIMIT $3",
                &[&table, &id, &limit],
            )
            .await?
            .iter()
            .map(|row| remote_row(row, 0))
            .collect()
    }
}

/// A row read from `sync_state` or `sync_changes`, whose (tbl, pk,
/// birth_clock, birth_site, cells) columns start at `first`.
fn remote_row(row: &Row, first: usize) -> Result<RemoteRow, SyncError> {
    let birth = Version {
        clock: row.get(first + 2),
        site: row.get(first + 3),
    };
    Ok(RemoteRow {
        table: row.get(first),
        id: row.get(first + 1),
        cells: cells_from_stored(&birth, row.try_get(first + 4)?),
        birth,
    })
}
