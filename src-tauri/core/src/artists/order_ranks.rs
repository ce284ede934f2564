//! Each card's place in each order of the list, kept in memory while the
//! list does not change.
//!
//! Why it exists: a search's matches must be put in the list's order to show
//! a page of them. Joining each match to its row and sorting costs about a
//! microsecond a match, and walking the order's index until the page is full
//! is cheap only when the matches are spread along it: names met late in the
//! order ("ya", "zoé") paid for both. With every card's rank in an array, the
//! page of any set of matches is picked in a few nanoseconds a match. The
//! ranks of an order are read from its covering index when the list changed
//! (the `list_version` counter, V22): 7 to 15 milliseconds at 100,000 cards,
//! which the app pays off the answer's path (`artists::prepare_order`, run in
//! the background after a page); until then a page is found as before.

use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::Connection;

use crate::Error;

/// The ranks of the orders asked so far, by `ORDER BY` clause.
#[derive(Default)]
pub(crate) struct OrderRanks {
    known: Mutex<HashMap<String, Ranks>>,
    /// The orders whose ranks are being read: a page asked meanwhile (every
    /// key press queues a refresh) does not read them a second time.
    reading: Mutex<HashSet<String>>,
}

struct Ranks {
    /// The `list_version` they were read at.
    version: i64,
    /// By a card's key (`artist_list.fts_rowid`), its place in the order;
    /// `u32::MAX` for keys not on the list.
    by_key: Arc<Vec<u32>>,
}

const UNLISTED: u32 = u32::MAX;

impl OrderRanks {
    /// The keys of `matches` that make the page at `offset` of `limit` cards
    /// in `order` (an `ORDER BY` of `artist_list l`), in that order; `None`
    /// when the ranks of `order` are not read or the list changed since
    /// ([`OrderRanks::refresh`]). `connection` must be in a read transaction,
    /// so that the version and the matches agree.
    pub(crate) fn page(
        &self,
        connection: &Connection,
        order: &str,
        matches: &[i64],
        offset: usize,
        limit: usize,
    ) -> Result<Option<Vec<i64>>, Error> {
        let version = list_version(connection)?;
        let Some(ranks) = self.current(order, version) else {
            return Ok(None);
        };
        // The first `offset + limit` matches in the order, in one pass: a
        // heap of that many, its last one on top, each match a compare.
        let wanted = offset.saturating_add(limit);
        let mut first: BinaryHeap<(u32, i64)> = BinaryHeap::with_capacity(wanted + 1);
        for &key in matches {
            let Some(&rank) = usize::try_from(key).ok().and_then(|k| ranks.get(k)) else {
                continue;
            };
            if rank == UNLISTED {
                continue;
            }
            if first.len() < wanted {
                first.push((rank, key));
            } else if first.peek().is_some_and(|&(last, _)| rank < last) {
                first.pop();
                first.push((rank, key));
            }
        }
        Ok(Some(
            first
                .into_sorted_vec()
                .into_iter()
                .skip(offset)
                .map(|(_, key)| key)
                .collect(),
        ))
    }

    fn current(&self, order: &str, version: i64) -> Option<Arc<Vec<u32>>> {
        lock(&self.known)
            .get(order)
            .filter(|ranks| ranks.version == version)
            .map(|ranks| ranks.by_key.clone())
    }

    /// Reads the ranks of `order` again if the list changed since they were
    /// read (7 to 15 ms at 100,000 cards); `connection` must be in a
    /// read transaction.
    pub(crate) fn refresh(&self, connection: &Connection, order: &str) -> Result<(), Error> {
        let version = list_version(connection)?;
        if self.current(order, version).is_some() || !lock(&self.reading).insert(order.to_owned()) {
            return Ok(());
        }
        let read = self.read(connection, order, version);
        lock(&self.reading).remove(order);
        read
    }

    fn read(&self, connection: &Connection, order: &str, version: i64) -> Result<(), Error> {
        let mut statement = connection.prepare_cached(&format!(
            "SELECT l.fts_rowid FROM artist_list l ORDER BY {order}"
        ))?;
        let keys: Vec<usize> = statement
            .query_map([], |r| r.get::<_, i64>(0))?
            .map(|key| Ok(usize::try_from(key?).unwrap_or(0)))
            .collect::<Result<_, Error>>()?;
        let mut by_key = vec![UNLISTED; keys.iter().max().map_or(0, |max| max + 1)];
        for (rank, key) in keys.into_iter().enumerate() {
            by_key[key] = u32::try_from(rank).unwrap_or(UNLISTED);
        }
        lock(&self.known).insert(
            order.to_owned(),
            Ranks {
                version,
                by_key: Arc::new(by_key),
            },
        );
        Ok(())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn list_version(connection: &Connection) -> Result<i64, Error> {
    Ok(connection
        .prepare_cached("SELECT value FROM device_counters WHERE name = 'list_version'")?
        .query_row([], |r| r.get(0))?)
}
