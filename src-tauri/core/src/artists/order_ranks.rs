//! Each card's place in each order of the list, kept in memory while the
//! list does not change.
//!
//! Why it exists: a search's matches must be put in the list's order to show
//! a page of them. Joining each match to its row and sorting costs about a
//! microsecond a match, and walking the order's index until the page is full
//! is cheap only when the matches are spread along it: names met late in the
//! order ("ya", "zoé") paid for both. With every card's rank in an array, the
//! page of any set of matches is picked in a few nanoseconds a match. The
//! ranks of an order are read from its covering index when the list's members
//! or a column the order sorts by changed (the counters of V23): 7 to 15
//! milliseconds at 100,000 cards, which the app pays off the answer's path
//! (`artists::prepare_order`, run in the background after a page); until
//! then a page is found as before.

use std::collections::{BinaryHeap, HashMap, HashSet};
use std::sync::{Arc, Mutex, PoisonError};

use rusqlite::functions::{Aggregate, Context, FunctionFlags};
use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};

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
    /// The order's version ([`list_version`]) they were read at.
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
        let version = list_version(connection, order)?;
        let Some(ranks) = self.current(order, version) else {
            return Ok(None);
        };
        let mut first = FirstInOrder::new(ranks, offset.saturating_add(limit));
        for &key in matches {
            first.offer(key);
        }
        Ok(Some(first.into_keys().skip(offset).collect()))
    }

    /// How many keys `matching` finds for `bound`, and the page at `offset`
    /// of `limit` of them in `order`, without collecting them: `matching`
    /// selects [`FIRST_IN_ORDER`]`(key, ?2, ?3, ?4)` over the keys found for
    /// `?1`, so each key meets the ranks inside SQLite as it is read.
    /// `None` when the ranks of `order` are not current (as [`OrderRanks::page`]).
    pub(crate) fn count_and_page(
        &self,
        connection: &Connection,
        matching: &str,
        bound: &str,
        order: &str,
        offset: usize,
        limit: usize,
    ) -> Result<Option<(u32, Vec<i64>)>, Error> {
        let version = list_version(connection, order)?;
        if self.current(order, version).is_none() {
            return Ok(None);
        }
        let wanted = i64::try_from(offset.saturating_add(limit)).unwrap_or(i64::MAX);
        let gathered: Option<Vec<u8>> = connection
            .prepare_cached(matching)?
            .query_row(params![bound, order, version, wanted], |r| r.get(0))?;
        // The ranks were read again between the check and the query.
        let Some(gathered) = gathered else {
            return Ok(None);
        };
        let mut numbers = gathered
            .chunks_exact(8)
            .map(|bytes| <[u8; 8]>::try_from(bytes).map_or(0, i64::from_le_bytes));
        let count = numbers
            .next()
            .map_or(0, |n| u32::try_from(n).unwrap_or(u32::MAX));
        Ok(Some((count, numbers.skip(offset).collect())))
    }

    /// Gives `connection` the [`FIRST_IN_ORDER`] aggregate over these ranks
    /// (every connection that reads the list has it).
    pub(crate) fn register(self: &Arc<Self>, connection: &Connection) -> rusqlite::Result<()> {
        connection.create_aggregate_function(
            FIRST_IN_ORDER,
            4,
            FunctionFlags::SQLITE_UTF8,
            FirstInOrderFunction(Arc::clone(self)),
        )
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
        let version = list_version(connection, order)?;
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

/// The first `wanted` keys offered, by their rank in one order: a heap of
/// that many, its last one on top, so each key offered costs a compare.
struct FirstInOrder {
    ranks: Arc<Vec<u32>>,
    wanted: usize,
    first: BinaryHeap<(u32, i64)>,
}

impl FirstInOrder {
    fn new(ranks: Arc<Vec<u32>>, wanted: usize) -> FirstInOrder {
        let room = wanted.min(ranks.len()).saturating_add(1);
        FirstInOrder {
            ranks,
            wanted,
            first: BinaryHeap::with_capacity(room),
        }
    }

    fn offer(&mut self, key: i64) {
        let Some(&rank) = usize::try_from(key).ok().and_then(|k| self.ranks.get(k)) else {
            return;
        };
        if rank == UNLISTED {
            return;
        }
        if self.first.len() < self.wanted {
            self.first.push((rank, key));
        } else if self.first.peek().is_some_and(|&(last, _)| rank < last) {
            self.first.pop();
            self.first.push((rank, key));
        }
    }

    /// The keys kept, in the order.
    fn into_keys(self) -> impl Iterator<Item = i64> {
        self.first.into_sorted_vec().into_iter().map(|(_, key)| key)
    }
}

/// The SQL aggregate through which a search hands the keys it finds to the
/// ranks inside SQLite: `mona_first_in_order(key, order, version,
/// wanted)` gives, as little-endian 64-bit integers, how many keys it was
/// given, then the first `wanted` of them in `order`; NULL when the ranks of
/// `order` are not those of `version`. Returning each key as a row to
/// gather them first cost twice what reading them from FTS5 does (90,000
/// keys: 6.1 ms against 2.6 ms; the aggregate 3.4 ms).
pub(crate) const FIRST_IN_ORDER: &str = "mona_first_in_order";

struct FirstInOrderFunction(Arc<OrderRanks>);

/// What [`FIRST_IN_ORDER`] has seen so far; `first` is `None` when the ranks
/// asked for are not current.
struct Gathering {
    given: i64,
    first: Option<FirstInOrder>,
}

impl Aggregate<Gathering, Option<Vec<u8>>> for FirstInOrderFunction {
    fn init(&self, ctx: &mut Context<'_>) -> rusqlite::Result<Gathering> {
        let order: String = ctx.get(1)?;
        let version: i64 = ctx.get(2)?;
        let wanted: i64 = ctx.get(3)?;
        Ok(Gathering {
            given: 0,
            first: self
                .0
                .current(&order, version)
                .map(|ranks| FirstInOrder::new(ranks, usize::try_from(wanted).unwrap_or(0))),
        })
    }

    fn step(&self, ctx: &mut Context<'_>, gathering: &mut Gathering) -> rusqlite::Result<()> {
        gathering.given += 1;
        if let (Some(first), ValueRef::Integer(key)) = (&mut gathering.first, ctx.get_raw(0)) {
            first.offer(key);
        }
        Ok(())
    }

    fn finalize(
        &self,
        _: &mut Context<'_>,
        gathering: Option<Gathering>,
    ) -> rusqlite::Result<Option<Vec<u8>>> {
        // No key at all: an empty page, whichever ranks were asked for.
        let Some(gathering) = gathering else {
            return Ok(Some(0i64.to_le_bytes().to_vec()));
        };
        let Some(first) = gathering.first else {
            return Ok(None);
        };
        let mut bytes = gathering.given.to_le_bytes().to_vec();
        for key in first.into_keys() {
            bytes.extend_from_slice(&key.to_le_bytes());
        }
        Ok(Some(bytes))
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The version of `order`'s ranks: the sum of the counters of the list's
/// members and of each column `order` sorts by (V23), all of which only
/// grow, so the sum moves exactly when one of them does. A card's notes
/// saved move `updated_at`, not the name order's ranks.
fn list_version(connection: &Connection, order: &str) -> Result<i64, Error> {
    let counters = version_counters(order);
    let places = vec!["?"; counters.len()].join(", ");
    Ok(connection
        .prepare_cached(&format!(
            "SELECT coalesce(sum(value), 0) FROM device_counters WHERE name IN ({places})"
        ))?
        .query_row(rusqlite::params_from_iter(&counters), |r| r.get(0))?)
}

/// The counters `order` (an `ORDER BY` of `artist_list l`) depends on:
/// `list_members`, and `list_order:<column>` for each `l.<column>` in it,
/// except the key (it never changes) and the `..._missing` flags (they move
/// only with their value).
fn version_counters(order: &str) -> Vec<String> {
    let mut counters = vec!["list_members".to_owned()];
    for (_, rest) in order
        .match_indices("l.")
        .map(|(at, _)| order.split_at(at + 2))
    {
        let column: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        if column.is_empty() || column == "fts_rowid" || column.ends_with("_missing") {
            continue;
        }
        let counter = format!("list_order:{column}");
        if !counters.contains(&counter) {
            counters.push(counter);
        }
    }
    counters
}

#[cfg(test)]
mod tests {
    use super::version_counters;

    #[test]
    fn an_order_depends_on_the_members_and_the_columns_it_sorts_by() {
        assert_eq!(
            version_counters("l.sort_key DESC, l.fts_rowid DESC"),
            ["list_members", "list_order:sort_key"]
        );
        assert_eq!(
            version_counters("l.city_missing, l.city ASC, l.sort_key, l.fts_rowid"),
            ["list_members", "list_order:city", "list_order:sort_key"]
        );
        assert_eq!(
            version_counters(
                "l.last_contact_missing, l.last_contact_at DESC, l.sort_key, l.fts_rowid"
            ),
            [
                "list_members",
                "list_order:last_contact_at",
                "list_order:sort_key"
            ]
        );
    }
}
