//! One page of the artist list: which cards qualify, in which order.
//!
//! The list must answer within a few milliseconds at 100,000 cards however
//! it is sorted and whatever was typed, because it is asked again on every
//! key press. Two structures make that possible, both kept by the schema's
//! triggers: `artist_list`, one row per live card with every sortable column
//! and a covering index per order, and `artists_fts`, the accent-blind word
//! index whose rowids are `artist_list`'s keys.
//!
//! A search hands each key the index finds to the cards' ranks in the order
//! asked, kept in memory while the list does not change
//! ([`super::order_ranks`]), inside SQLite as FTS5 reads them: the count and
//! the page come out of one pass, a few nanoseconds a match, wherever in the
//! order the matches are. With other filters, the matching keys are
//! collected and met with the chosen cards first. Until the ranks are read
//! again after a change, a page is found in one of two ways: a narrow search
//! joins its matches to `artist_list` and sorts them (about a microsecond a
//! match); a broad one walks the order's index from the top and keeps the
//! matching rows until the page is full. The cheaper is chosen from the
//! number of matches.

use std::collections::HashMap;
use std::rc::Rc;

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value;
use rusqlite::vtab::array::Array;
use rusqlite::{Connection, params};

use super::{
    ArtistFilters, ArtistPage, ArtistQuery, ArtistRow, ArtistSortField, FIRST_IN_ORDER, GenreCount,
    LastContact, MAX_PAGE, OrderRanks, ROW_COLUMNS, SortDirection, list_row, search_hints,
};
use crate::{Database, Error, clock, text};

/// Stepping through an index costs about a quarter of joining and sorting one
/// match (measured by the `artist_search` benchmark).
const STEPS_PER_SORTED_MATCH: usize = 2;

/// Which cards qualify for the list, from what was typed in the search box.
enum Filter {
    /// Nothing searchable was typed.
    All,
    /// One letter: the names starting with it, a phone-book jump.
    NameStartsWith { from: String, to: String },
    /// Words: every card with words starting with each of them, as an FTS5 query.
    Words(String),
}

impl Filter {
    fn from_typed(typed: &str) -> Filter {
        if let Some((from, to)) = text::single_letter_range(typed) {
            Filter::NameStartsWith { from, to }
        } else if let Some(query) = text::search_query(typed) {
            Filter::Words(query)
        } else {
            Filter::All
        }
    }
}

/// One page of the artist list, filtered by what was typed and sorted.
///
/// What was typed decides how artists are found: nothing lists them all; a
/// single letter lists the names starting with it (a phone-book jump); two
/// letters or more find every card with words starting with each typed word,
/// in its name, legal name, city, genres, handles, notes or exchanges,
/// accents and case ignored; a row found by the last three says where
/// ([`super::SearchHint`]).
pub fn list(db: &Database, query: &ArtistQuery) -> Result<ArtistPage, Error> {
    let limit = query.limit.clamp(1, MAX_PAGE);
    let offset = query.offset;
    let order = order_by(query.sort, query.direction);
    let typed = query.search.as_deref().unwrap_or("");
    let filter = Filter::from_typed(typed);
    db.read(|connection| {
        // One snapshot: the ranks, the matches and the rows agree.
        let snapshot = connection.unchecked_transaction()?;
        let ranks = db.list_ranks();
        let mut page = find_page(&snapshot, ranks, query, &filter, &order, limit, offset)?;
        if let Filter::Words(_) = filter {
            search_hints::add(&snapshot, &text::words(typed), &mut page.rows)?;
        }
        Ok(page)
    })
}

/// The page of `query` whose cards `filter` lets through, in `order`.
fn find_page(
    connection: &Connection,
    ranks: &OrderRanks,
    query: &ArtistQuery,
    filter: &Filter,
    order: &str,
    limit: u32,
    offset: u32,
) -> Result<ArtistPage, Error> {
    if !query.filters.is_empty() && matches!(filter, Filter::All) && !query.filters.needs_keys() {
        // Filters on the list's own columns only (stages, a score range,
        // the last exchange): SQLite walks the order's index and checks
        // each card's row, and the count comes from an index.
        let Some(condition) = list_condition(connection, &query.filters)? else {
            return Ok(ArtistPage {
                rows: Vec::new(),
                total: 0,
                offset,
            });
        };
        let stages_only = query.filters.min_score.is_none()
            && query.filters.max_score.is_none()
            && query.filters.last_contact.is_none();
        let only_not_for = ArtistFilters {
            last_contact: None,
            ..query.filters.clone()
        }
        .is_empty();
        let total = if stages_only {
            connection
                .prepare_cached(&format!(
                    "SELECT coalesce(sum(cards), 0) FROM device_stage_counts l WHERE {condition}"
                ))?
                .query_row([], |r| r.get::<_, u32>(0))?
        } else if let (true, Some(LastContact::NotFor { days })) =
            (only_not_for, query.filters.last_contact)
        {
            // Usually most cards: counted as every card but those
            // contacted since, a range of the last-contact index.
            let since = list_condition(
                connection,
                &ArtistFilters {
                    last_contact: Some(LastContact::Within { days }),
                    ..ArtistFilters::default()
                },
            )?
            .unwrap_or_else(|| "0".to_owned());
            let contacted = connection
                .prepare_cached(&format!("SELECT count(*) FROM artist_list l WHERE {since}"))?
                .query_row([], |r| r.get::<_, u32>(0))?;
            live_artists(connection)?.saturating_sub(contacted)
        } else {
            connection
                .prepare_cached(&format!(
                    "SELECT count(*) FROM artist_list l WHERE {condition}"
                ))?
                .query_row([], |r| r.get::<_, u32>(0))?
        };
        // The order's index is walked when the filtered cards are many
        // enough to fill a page soon; else they are found by the filter's
        // index and sorted. A unary `+` keeps SQLite from using an index
        // for a term.
        let walk = walking_is_cheaper(
            live_artists(connection)? as usize,
            total as usize,
            (offset + limit) as usize,
        );
        let condition = if walk {
            condition.replace("l.", "+l.")
        } else {
            condition
        };
        let sql = format!(
            "SELECT l.fts_rowid FROM artist_list l WHERE {condition} ORDER BY {order} LIMIT ?1 OFFSET ?2"
        );
        let page = keys(connection, &sql, params![limit, offset])?;
        return Ok(ArtistPage {
            rows: load_rows(connection, &page)?,
            total,
            offset,
        });
    }
    if !query.filters.is_empty() {
        // The chosen cards, then what was typed among them, as sorted keys.
        let chosen = chosen(connection, &query.filters)?;
        let matches = match &filter {
            Filter::All => chosen,
            Filter::NameStartsWith { from, to } => {
                let sql =
                    "SELECT fts_rowid FROM artist_list WHERE sort_key >= ?1 AND sort_key < ?2";
                let mut named = keys(connection, sql, params![from, to])?;
                named.sort_unstable();
                intersect(&named, &chosen)
            }
            Filter::Words(words) => {
                let sql = "SELECT rowid FROM artists_fts WHERE artists_fts MATCH ?1";
                intersect(&keys(connection, sql, [words])?, &chosen)
            }
        };
        let page = page_of_matches(connection, ranks, order, &matches, offset, limit)?;
        return Ok(ArtistPage {
            rows: load_rows(connection, &page)?,
            total: count(&matches),
            offset,
        });
    }
    let (total, page) = match &filter {
        Filter::All => {
            let sql = format!(
                "SELECT l.fts_rowid FROM artist_list l ORDER BY {order} LIMIT ?1 OFFSET ?2"
            );
            (
                live_artists(connection)?,
                keys(connection, &sql, params![limit, offset])?,
            )
        }
        Filter::NameStartsWith { from, to } if query.sort == ArtistSortField::Name => {
            // The name index holds the range in order: count it, read the page.
            let range = "l.sort_key >= ?1 AND l.sort_key < ?2";
            let total = connection
                .prepare_cached(&format!("SELECT count(*) FROM artist_list l WHERE {range}"))?
                .query_row(params![from, to], |r| r.get::<_, u32>(0))?;
            let sql = format!(
                "SELECT l.fts_rowid FROM artist_list l WHERE {range} ORDER BY {order} LIMIT ?3 OFFSET ?4"
            );
            (
                total,
                keys(connection, &sql, params![from, to, limit, offset])?,
            )
        }
        Filter::NameStartsWith { from, to } => {
            let sql = "SELECT fts_rowid FROM artist_list WHERE sort_key >= ?1 AND sort_key < ?2";
            let mut matches = keys(connection, sql, params![from, to])?;
            matches.sort_unstable();
            (
                count(&matches),
                page_of_matches(connection, ranks, order, &matches, offset, limit)?,
            )
        }
        Filter::Words(words) => {
            let by_rank = format!(
                "SELECT {FIRST_IN_ORDER}(rowid, ?2, ?3, ?4) FROM artists_fts WHERE artists_fts MATCH ?1"
            );
            match ranks.count_and_page(
                connection,
                &by_rank,
                words,
                order,
                offset as usize,
                limit as usize,
            )? {
                Some(found) => found,
                None => {
                    // FTS5 hands its matches over in rowid order, ready for a binary search.
                    let sql = "SELECT rowid FROM artists_fts WHERE artists_fts MATCH ?1";
                    let matches = keys(connection, sql, [words])?;
                    (
                        count(&matches),
                        page_of_matches(connection, ranks, order, &matches, offset, limit)?,
                    )
                }
            }
        }
    };
    Ok(ArtistPage {
        rows: load_rows(connection, &page)?,
        total,
        offset,
    })
}

/// The condition on `artist_list l` for the stages and score range of
/// `filters` (every value a number this function wrote, so it is written into
/// the SQL as it is); `None` when the stages asked are unknown here, so no
/// card qualifies.
fn list_condition(
    connection: &Connection,
    filters: &ArtistFilters,
) -> Result<Option<String>, Error> {
    let mut conditions = vec!["1".to_owned()];
    if !filters.stage_ids.is_empty() {
        let stages: Array = Rc::new(filters.stage_ids.iter().cloned().map(Value::Text).collect());
        let ranks: Vec<i64> = connection
            .prepare_cached("SELECT rank FROM device_stage_ranks WHERE stage_id IN rarray(?1)")?
            .query_map([stages], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if ranks.is_empty() {
            return Ok(None);
        }
        let ranks = ranks
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        conditions.push(format!("l.stage_rank IN ({ranks})"));
    }
    if let Some(min) = filters.min_score {
        conditions.push(format!("l.score >= {min}"));
    }
    if let Some(max) = filters.max_score {
        conditions.push(format!("l.score <= {max}"));
    }
    let cutoff = |days: u32| {
        let span = jiff::SignedDuration::from_hours(24 * i64::from(days));
        clock::format_instant(jiff::Timestamp::now() - span)
    };
    match filters.last_contact {
        // A range of the last-contact index, which leads with whether there
        // is a date: the count reads only that range.
        Some(LastContact::Within { days }) => conditions.push(format!(
            "l.last_contact_missing = 0 AND l.last_contact_at >= '{}'",
            cutoff(days)
        )),
        // Most cards, usually: counted by one pass over the list (as an OR
        // of two index ranges, SQLite would also sort out the duplicates).
        Some(LastContact::NotFor { days }) => conditions.push(format!(
            "(l.last_contact_missing = 1 OR l.last_contact_at < '{}')",
            cutoff(days)
        )),
        Some(LastContact::Never) => conditions.push("l.last_contact_missing = 1".to_owned()),
        None => {}
    }
    Ok(Some(conditions.join(" AND ")))
}

impl ArtistFilters {
    /// Whether a filter is answered from another table than the list's
    /// (the owner from the cards, genres and tags from their facets): the
    /// matching keys are then gathered and intersected ([`chosen`]).
    fn needs_keys(&self) -> bool {
        self.owner_id.is_some() || self.genre.is_some() || self.tag_id.is_some()
    }
}

/// The keys (sorted) of the cards `filters` lets through: those the list's
/// own columns let through (and the owner's), then those of the genre and
/// the tag asked, each read sorted from its facet index.
fn chosen(connection: &Connection, filters: &ArtistFilters) -> Result<Vec<i64>, Error> {
    let Some(mut condition) = list_condition(connection, filters)? else {
        return Ok(Vec::new());
    };
    let mut values: Vec<Value> = Vec::new();
    if let Some(owner) = &filters.owner_id {
        condition.push_str(
            " AND l.artist_id IN (SELECT id FROM artists WHERE owner_id = ?1 AND deleted_at IS NULL)",
        );
        values.push(Value::Text(owner.clone()));
    }
    let mut chosen: Option<Vec<i64>> = None;
    let on_the_list = ArtistFilters {
        genre: None,
        tag_id: None,
        ..filters.clone()
    };
    if !on_the_list.is_empty() || filters.genre.is_none() && filters.tag_id.is_none() {
        // Sorted here: cheaper than SQLite's sorter for tens of thousands of keys.
        let mut listed = keys(
            connection,
            &format!("SELECT l.fts_rowid FROM artist_list l WHERE {condition}"),
            rusqlite::params_from_iter(values),
        )?;
        listed.sort_unstable();
        chosen = Some(listed);
    }
    let facets = [
        ("genre", filters.genre.as_deref().map(text::fold)),
        ("tag", filters.tag_id.clone()),
    ];
    for (kind, value) in facets {
        let Some(value) = value else { continue };
        let cards = keys(
            connection,
            "SELECT fts_rowid FROM device_artist_facets WHERE kind = ?1 AND value = ?2",
            params![kind, value],
        )?;
        chosen = Some(match chosen {
            Some(earlier) => intersect(&earlier, &cards),
            None => cards,
        });
    }
    Ok(chosen.unwrap_or_default())
}

/// The genres of the live cards, the most common first: what the list's
/// genre filter offers.
pub fn genres(db: &Database) -> Result<Vec<GenreCount>, Error> {
    db.read(|c| {
        let genres = c
            .prepare_cached(
                "SELECT min(label), count(*) FROM device_artist_facets WHERE kind = 'genre'
                 GROUP BY value ORDER BY count(*) DESC, value",
            )?
            .query_map([], |r| {
                Ok(GenreCount {
                    name: r.get(0)?,
                    cards: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(genres)
    })
}

/// The keys in both sorted lists, sorted.
fn intersect(left: &[i64], right: &[i64]) -> Vec<i64> {
    let (small, large) = if left.len() <= right.len() {
        (left, right)
    } else {
        (right, left)
    };
    small
        .iter()
        .copied()
        .filter(|key| large.binary_search(key).is_ok())
        .collect()
}

/// The page of `matches` (sorted keys) in `order`: picked by the cards'
/// ranks in memory while the list has not changed since they were read;
/// otherwise by walking the order's index when that is likely cheaper than
/// sorting every match, else (or when the walk ran past its budget because
/// the matches gather late in the order) by having SQLite sort the matches,
/// as long as the ranks are being read again off the answer's path
/// ([`super::prepare_order`]).
fn page_of_matches(
    connection: &Connection,
    ranks: &OrderRanks,
    order: &str,
    matches: &[i64],
    offset: u32,
    limit: u32,
) -> Result<Vec<i64>, Error> {
    if matches.is_empty() {
        return Ok(Vec::new());
    }
    if let Some(page) = ranks.page(connection, order, matches, offset as usize, limit as usize)? {
        return Ok(page);
    }
    let wanted = (offset + limit) as usize;
    let budget = matches.len().saturating_mul(STEPS_PER_SORTED_MATCH);
    let live = live_artists(connection)? as usize;
    if walking_is_cheaper(live, matches.len(), wanted)
        && let Some(page) = walk(
            connection,
            order,
            matches,
            offset as usize,
            limit as usize,
            budget,
        )?
    {
        return Ok(page);
    }
    let sql = sort_matches_sql(order);
    let matches: Array = Rc::new(matches.iter().map(|key| Value::Integer(*key)).collect());
    keys(connection, &sql, params![matches, limit, offset])
}

/// Sorts the keys bound to `?1`: the matches first, then each one's row by
/// its key, so the sort never walks an index probing for matches.
fn sort_matches_sql(order: &str) -> String {
    format!(
        "SELECT l.fts_rowid FROM rarray(?1) m CROSS JOIN artist_list l ON l.fts_rowid = m.value \
         ORDER BY {order} LIMIT ?2 OFFSET ?3"
    )
}

/// Whether walking the order's index until `wanted` matches are seen is
/// likely to cost less than sorting all `matches`: spread evenly, they are
/// met after about `wanted × live / matches` steps.
fn walking_is_cheaper(live: usize, matches: usize, wanted: usize) -> bool {
    wanted.saturating_mul(live)
        < matches
            .saturating_mul(matches)
            .saturating_mul(STEPS_PER_SORTED_MATCH)
}

/// Steps through the listed cards in `order` and keeps the keys found in
/// `matches` (sorted), skipping the first `offset` of them. Gives up (`None`)
/// after `budget` steps without a full page.
fn walk(
    connection: &Connection,
    order: &str,
    matches: &[i64],
    offset: usize,
    limit: usize,
    budget: usize,
) -> Result<Option<Vec<i64>>, Error> {
    let mut statement = connection.prepare_cached(&format!(
        "SELECT l.fts_rowid FROM artist_list l ORDER BY {order}"
    ))?;
    let mut rows = statement.query([])?;
    let mut skipped = 0;
    let mut page = Vec::with_capacity(limit);
    for _ in 0..budget {
        let Some(row) = rows.next()? else {
            return Ok(Some(page));
        };
        let key: i64 = row.get(0)?;
        if matches.binary_search(&key).is_err() {
            continue;
        }
        if skipped < offset {
            skipped += 1;
            continue;
        }
        page.push(key);
        if page.len() == limit {
            return Ok(Some(page));
        }
    }
    Ok(None)
}

fn count(matches: &[i64]) -> u32 {
    u32::try_from(matches.len()).unwrap_or(u32::MAX)
}

/// The list's rows for `page` (keys of `artist_list`), in that order: one
/// statement for the rows and one for their tags, whatever the page's size.
fn load_rows(connection: &Connection, page: &[i64]) -> Result<Vec<ArtistRow>, Error> {
    let keys: Array = Rc::new(page.iter().map(|key| Value::Integer(*key)).collect());
    let mut found: HashMap<i64, ArtistRow> = connection
        .prepare_cached(&format!(
            "SELECT {ROW_COLUMNS} FROM rarray(?1) m CROSS JOIN artist_list l ON l.fts_rowid = m.value
             JOIN artists a ON a.id = l.artist_id"
        ))?
        .query_map([keys], list_row)?
        .collect::<rusqlite::Result<_>>()?;
    let ids: Array = Rc::new(
        found
            .values()
            .map(|row| Value::Text(row.id.clone()))
            .collect(),
    );
    let mut tags: HashMap<String, Vec<String>> = HashMap::new();
    let mut statement = connection.prepare_cached(
        "SELECT e.entity_id, t.name FROM entity_tags e JOIN tags t ON t.id = e.tag_id
         WHERE e.entity_type = 'artist' AND e.entity_id IN rarray(?1) AND e.deleted_at IS NULL
         ORDER BY t.name COLLATE NOCASE, t.id",
    )?;
    let mut named = statement.query([ids])?;
    while let Some(row) = named.next()? {
        tags.entry(row.get(0)?).or_default().push(row.get(1)?);
    }
    Ok(page
        .iter()
        .filter_map(|key| found.remove(key))
        .map(|mut row| {
            row.tags = tags.remove(&row.id).unwrap_or_default();
            row
        })
        .collect())
}

fn keys(
    connection: &Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> Result<Vec<i64>, Error> {
    let mut statement = connection.prepare_cached(sql)?;
    let keys = statement
        .query_map(params, |row| row.get(0))?
        .collect::<Result<_, _>>()?;
    Ok(keys)
}

/// How many cards are live, from the counter the triggers keep (counting
/// 100,000 rows on every key press would cost more than the page itself).
pub(crate) fn live_artists(connection: &Connection) -> Result<u32, Error> {
    let live = connection
        .prepare_cached("SELECT value FROM device_counters WHERE name = 'live_artists'")?
        .query_row([], |r| r.get(0))?;
    Ok(live)
}

/// The `ORDER BY` of `artist_list l` for a sort: each one is served by one of
/// the table's indexes (a test checks that SQLite agrees). Ties fall back to
/// the name, A to Z, then the key, so pages never overlap; missing cities and
/// follower counts come last in both directions.
fn order_by(field: ArtistSortField, direction: SortDirection) -> String {
    let dir = match direction {
        SortDirection::Asc => "ASC",
        SortDirection::Desc => "DESC",
    };
    match field {
        ArtistSortField::Name => format!("l.sort_key {dir}, l.fts_rowid {dir}"),
        ArtistSortField::Score => format!("l.score {dir}, l.sort_key, l.fts_rowid"),
        ArtistSortField::Stage => format!("l.stage_rank {dir}, l.sort_key, l.fts_rowid"),
        ArtistSortField::City => format!("l.city_missing, l.city {dir}, l.sort_key, l.fts_rowid"),
        ArtistSortField::Audience => {
            format!("l.audience_missing, l.audience {dir}, l.sort_key, l.fts_rowid")
        }
        ArtistSortField::UpdatedAt => format!("l.updated_at {dir}, l.fts_rowid {dir}"),
        ArtistSortField::LastContact => {
            format!("l.last_contact_missing, l.last_contact_at {dir}, l.sort_key, l.fts_rowid")
        }
    }
}

/// Rebuilds `artist_list` (with every card's score and audience),
/// `artists_fts`, the genre and tag facets and the live count from `artists`
/// in one pass: what a bulk load does instead of maintaining them row by row
/// (the V5 triggers are off in [`Database::write_bulk`]). Inserting and
/// indexing in one statement is about five times faster than the triggers
/// for 100,000 cards. The rows go in the cards' own order, as typed cards
/// join the list: the search index, filled next in the list's order, then
/// reads each card, its accounts and exchanges from neighbouring pages (in
/// name order they jumped across the file, and a 100,000-row import took
/// 1.12 times as long: docs/PERFORMANCE.md). The list's own indexes are
/// made again once its rows are in (sorting once costs less than keeping
/// each index in order row by row), and the scores are computed first and
/// written with the rows (instead of an update of each row after).
pub(crate) fn rebuild_derived(connection: &Connection) -> Result<(), Error> {
    let figures = crate::scoring::all_listed_figures(connection)?;
    rebuild_derived_with(connection, figures)
}

/// [`rebuild_derived`] with every live card's score and audience already
/// known (a large import computes its new cards' while it stores them).
pub(crate) fn rebuild_derived_with(
    connection: &Connection,
    figures: crate::scoring::ListedFigures,
) -> Result<(), Error> {
    crate::pipeline::rerank(connection)?;
    let figures = std::sync::Arc::new(figures);
    with_list_indexes_dropped(connection, &[], || fill_list(connection, figures))?;
    // FTS5 writes the words it holds to a new segment of the index each time
    // they pass `hashsize` (1 MiB by default), and merges segments as they
    // pile up: for 100,000 cards, 19 segments and their merges, a third of
    // the index's work. With room for the whole list, one segment is written
    // once, when the next statement begins; the setting is put back after.
    connection.execute_batch(&format!(
        "INSERT INTO artists_fts (artists_fts, rank) VALUES ('hashsize', {BULK_INDEX_MEMORY});
         INSERT INTO artists_fts (rowid, name, legal_name, city, genres, handles, notes, exchanges)
         SELECT fts_rowid, name, legal_name, city, genres, handles, notes, exchanges
         FROM artist_search_text ORDER BY fts_rowid;
         INSERT INTO artists_fts (artists_fts, rank) VALUES ('hashsize', {INDEX_MEMORY});"
    ))?;
    connection.execute_batch(
        "DELETE FROM device_artist_facets;
         INSERT INTO device_artist_facets (kind, value, fts_rowid, label)
         SELECT 'genre', mona_fold(g.value), l.fts_rowid, g.value
         FROM artist_list l JOIN artists a ON a.id = l.artist_id, json_each(a.genres) g
         WHERE true ON CONFLICT DO NOTHING;
         INSERT INTO device_artist_facets (kind, value, fts_rowid, label)
         SELECT 'tag', e.tag_id, l.fts_rowid, ''
         FROM artist_list l JOIN entity_tags e
             ON e.entity_type = 'artist' AND e.entity_id = l.artist_id AND e.deleted_at IS NULL
         WHERE true ON CONFLICT DO NOTHING;
         UPDATE device_counters SET value = (SELECT count(*) FROM artist_list)
         WHERE name = 'live_artists';
         UPDATE device_counters SET value = value + 1 WHERE name = 'list_members';
         DELETE FROM device_stage_counts;
         INSERT INTO device_stage_counts (stage_rank, cards)
         SELECT stage_rank, count(*) FROM artist_list GROUP BY stage_rank;",
    )?;
    Ok(())
}

/// Makes the list's rows again from the live cards, each with its score and
/// audience (`figures`, by artist).
fn fill_list(
    connection: &Connection,
    figures: std::sync::Arc<crate::scoring::ListedFigures>,
) -> Result<(), Error> {
    // `mona_listed(id, 0)`: the card's score; `mona_listed(id, 1)`: its audience.
    connection.create_scalar_function(
        LISTED_FUNCTION,
        2,
        FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
        move |call| {
            let id = call.get_raw(0).as_str().unwrap_or_default();
            let part: i64 = call.get(1)?;
            Ok(figures.get(id).and_then(|&(score, audience)| match part {
                0 => Some(score),
                _ => audience,
            }))
        },
    )?;
    let filled = connection.execute_batch(
        "INSERT INTO artists_fts (artists_fts) VALUES ('delete-all');
         DELETE FROM artist_list;
         INSERT INTO artist_list
             (artist_id, sort_key, score, stage_rank, city_missing, city, audience_missing,
              audience, updated_at, last_contact_at, last_contact_missing)
         SELECT a.id, a.sort_key, coalesce(mona_listed(a.id, 0), 0), coalesce(r.rank, 0),
                a.city IS NULL, a.city, mona_listed(a.id, 1) IS NULL, mona_listed(a.id, 1),
                a.updated_at, c.latest, c.latest IS NULL
         FROM artists a LEFT JOIN device_stage_ranks r ON r.stage_id = a.stage_id
         LEFT JOIN (SELECT artist_id, max(occurred_at) AS latest FROM interactions
                    WHERE artist_id IS NOT NULL AND deleted_at IS NULL GROUP BY artist_id) c
             ON c.artist_id = a.id
         WHERE a.deleted_at IS NULL ORDER BY a.rowid;",
    );
    connection.remove_function(LISTED_FUNCTION, 2)?;
    Ok(filled?)
}

/// Runs `work` with the indexes of `artist_list` that mention one of
/// `columns` (all of them when empty) dropped, then makes them again as the
/// migrations made them (read from the schema itself): when most of the
/// list's rows are written, sorting once per index costs less than keeping
/// each in order row by row.
pub(crate) fn with_list_indexes_dropped<T>(
    connection: &Connection,
    columns: &[&str],
    work: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    let indexes: Vec<(String, String)> = connection
        .prepare(
            "SELECT name, sql FROM sqlite_schema
             WHERE type = 'index' AND tbl_name = 'artist_list' AND sql IS NOT NULL",
        )?
        .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?
        .filter(|index| {
            index.as_ref().map_or(true, |(_, sql)| {
                columns.is_empty() || columns.iter().any(|column| sql.contains(column))
            })
        })
        .collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        connection.execute_batch(&format!("DROP INDEX \"{name}\""))?;
    }
    let done = work()?;
    for (_, sql) in &indexes {
        connection.execute_batch(sql)?;
    }
    Ok(done)
}

/// Reads again the ranks of the list's order `sort`, `direction` if the list
/// changed since they were read: what the app runs after answering a page,
/// so that the next search of that order picks its page by rank.
pub fn prepare_order(
    db: &Database,
    sort: ArtistSortField,
    direction: SortDirection,
) -> Result<(), Error> {
    db.read(|connection| {
        let snapshot = connection.unchecked_transaction()?;
        db.list_ranks()
            .refresh(&snapshot, &order_by(sort, direction))
    })
}

/// Bytes of words the search index holds before writing them out while it
/// is rebuilt: about 20 MiB for 100,000 cards.
const BULK_INDEX_MEMORY: u32 = 64 << 20;
/// FTS5's own default, for every other write.
const INDEX_MEMORY: u32 = 1 << 20;

/// The SQL function through which the bulk rebuild reads the scores.
const LISTED_FUNCTION: &str = "mona_listed";

#[cfg(test)]
mod tests {
    use super::*;

    fn query_plan(db: &Database, sql: &str) -> String {
        db.read(|c| {
            let mut statement = c.prepare(&format!("EXPLAIN QUERY PLAN {sql}"))?;
            let steps = statement
                .query_map(
                    rusqlite::params_from_iter(vec![Value::Null; statement.parameter_count()]),
                    |row| row.get::<_, String>(3),
                )?
                .collect::<Result<Vec<_>, _>>()?;
            Ok(steps.join(" / "))
        })
        .expect("query plan")
    }

    #[test]
    fn every_order_is_read_from_a_covering_index() {
        let folder = tempfile::tempdir().expect("tempdir");
        let db = Database::open(folder.path()).expect("open");
        for field in ArtistSortField::ALL {
            for direction in [SortDirection::Asc, SortDirection::Desc] {
                let order = order_by(field, direction);
                let plan = query_plan(
                    &db,
                    &format!("SELECT l.fts_rowid FROM artist_list l ORDER BY {order}"),
                );
                assert!(
                    plan.contains("COVERING INDEX") && !plan.contains("TEMP B-TREE"),
                    "{field:?} {direction:?}: {plan}"
                );
            }
        }
    }

    #[test]
    fn broad_filters_walk_and_narrow_ones_sort() {
        // 100,000 cards, first page of 100.
        assert!(walking_is_cheaper(100_000, 15_000, 100), "one card in six");
        assert!(
            walking_is_cheaper(100_000, 5_000, 100),
            "one card in twenty"
        );
        assert!(!walking_is_cheaper(100_000, 500, 100), "a name");
        assert!(!walking_is_cheaper(100_000, 15_000, 40_000), "a deep page");
    }
}
