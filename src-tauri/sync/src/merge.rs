//! Where a device's edits meet the server's state, cell by cell.
//!
//! Why it exists: this is the one place that decides which value a cell
//! keeps and which overwritten values must be shown to people as conflicts.
//! It is pure (no I/O), so its rules are tested directly.
//!
//! The rules:
//! - Each cell keeps the value with the highest version (clock, then site).
//!   An edit made after seeing the current value has a higher clock (the
//!   hybrid logical clock moves past every version a device has seen), so
//!   it always wins; only truly concurrent edits are decided by time.
//! - An edit is concurrent when its base (the version it overwrote on its
//!   device) is not the server's current version. The value that loses is
//!   kept as a [`Conflict`] unless both sides wrote the same value.
//! - A deletion that did not see some cell's current version, and an edit
//!   that did not see the row's deletion, are conflicts too (update/delete,
//!   delete/update): the row stays deleted with every value in it, and the
//!   conflict offers to restore it.
//! - Two rows born on two devices with one key (insert/insert) merge cell by
//!   cell; differing values that lose are conflicts.
//! - Columns the app sets itself ([`is_bookkeeping`]) merge the same
//!   way but are not reported.
//! - An edit the server already stored (a push sent again after a crash)
//!   changes nothing.
//!
//! The final value of every cell is the highest version pushed, whatever the
//! order of arrival: merging is commutative, associative and idempotent.

use std::collections::BTreeMap;

use mona_core::replica::{Cell, OutgoingRow, RemoteRow, Version};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// What kind of concurrent edits met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConflictKind {
    UpdateUpdate,
    UpdateDelete,
    DeleteUpdate,
    InsertInsert,
}

impl ConflictKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictKind::UpdateUpdate => "update_update",
            ConflictKind::UpdateDelete => "update_delete",
            ConflictKind::DeleteUpdate => "delete_update",
            ConflictKind::InsertInsert => "insert_insert",
        }
    }
}

/// A value that a concurrent edit overwrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub kind: ConflictKind,
    pub table: String,
    pub row_id: String,
    /// The cell, or `None` when the conflict is about the whole row (its
    /// deletion); then `lost` holds an object of the row's affected values.
    pub column: Option<String>,
    pub lost: Cell,
    /// The value kept, or `None` when the row was unknown to the server.
    pub kept: Option<Cell>,
}

/// The server's row after a device's edits met it.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// `None` when the row is unknown to the server and the edit carried no
    /// birth (it only becomes a conflict).
    pub row: Option<RemoteRow>,
    /// The cells whose value or version changed: what the feed carries.
    pub changed: BTreeMap<String, Cell>,
    pub birth_changed: bool,
    pub conflicts: Vec<Conflict>,
}

/// Merges `incoming` (pushed by `pusher`, whose writes up to `acked_clock`
/// the server already stored) into `current`.
pub fn merge(
    current: Option<&RemoteRow>,
    incoming: &OutgoingRow,
    pusher: &str,
    acked_clock: i64,
) -> Merged {
    let Some(current) = current else {
        return match &incoming.birth {
            Some(birth) => {
                let cells: BTreeMap<String, Cell> = incoming
                    .cells
                    .iter()
                    .map(|(column, edit)| {
                        (
                            column.clone(),
                            Cell {
                                value: edit.value.clone(),
                                version: edit.version.clone(),
                            },
                        )
                    })
                    .collect();
                Merged {
                    row: Some(RemoteRow {
                        table: incoming.table.clone(),
                        id: incoming.id.clone(),
                        birth: birth.clone(),
                        cells: cells.clone(),
                    }),
                    changed: cells,
                    birth_changed: true,
                    conflicts: Vec::new(),
                }
            }
            None => {
                // Edits the server stored before the row left it (a push
                // sent again) lose nothing new.
                let unstored = incoming.cells.values().any(|edit| {
                    !(edit.version.site == pusher && edit.version.clock <= acked_clock)
                });
                Merged {
                    row: None,
                    changed: BTreeMap::new(),
                    birth_changed: false,
                    conflicts: unstored
                        .then(|| Conflict {
                            kind: ConflictKind::UpdateDelete,
                            table: incoming.table.clone(),
                            row_id: incoming.id.clone(),
                            column: None,
                            lost: edited_values(incoming),
                            kept: None,
                        })
                        .into_iter()
                        .collect(),
                }
            }
        };
    };

    let mut row = current.clone();
    let mut changed = BTreeMap::new();
    let mut conflicts = Vec::new();
    let two_births = incoming
        .birth
        .as_ref()
        .is_some_and(|birth| *birth != current.birth);
    if let Some(birth) = incoming.birth.as_ref().filter(|_| two_births) {
        row.birth = (&current.birth).max(birth).clone();
    }
    for (column, edit) in &incoming.cells {
        let offered = Cell {
            value: edit.value.clone(),
            version: edit.version.clone(),
        };
        let Some(now) = row.cells.get(column) else {
            changed.insert(column.clone(), offered.clone());
            row.cells.insert(column.clone(), offered);
            continue;
        };
        if now.version == edit.version
            || (edit.version.site == pusher && edit.version.clock <= acked_clock)
        {
            continue;
        }
        // The cells of a row born on the pushing device are based on its birth.
        let base = edit.base.as_ref().or(incoming.birth.as_ref());
        let follows = !two_births && base == Some(&now.version);
        let (kept, lost) = if follows || edit.version > now.version {
            (offered, now.clone())
        } else {
            (now.clone(), offered)
        };
        if !follows && kept.value != lost.value && !is_bookkeeping(column) {
            conflicts.push(Conflict {
                kind: if two_births {
                    ConflictKind::InsertInsert
                } else {
                    ConflictKind::UpdateUpdate
                },
                table: row.table.clone(),
                row_id: row.id.clone(),
                column: Some(column.clone()),
                lost,
                kept: Some(kept.clone()),
            });
        }
        if kept.version == edit.version {
            changed.insert(column.clone(), kept.clone());
            row.cells.insert(column.clone(), kept);
        }
    }

    let deletion = row.cells.get("deleted_at").filter(|c| !c.value.is_null());
    if let Some(deletion) = deletion {
        let deleted_here = changed.contains_key("deleted_at") && incoming.deletes();
        if deleted_here {
            // Values someone else wrote that the deleter never saw (after
            // the version it had, or in a column its version of the app
            // does not have) and that its own edits did not replace.
            let unseen: BTreeMap<&String, &Cell> = current
                .cells
                .iter()
                .filter(|(column, cell)| {
                    let seen = incoming.seen.get(*column).or_else(|| {
                        incoming
                            .cells
                            .get(*column)
                            .map(|edit| edit.base.as_ref().unwrap_or(&current.birth))
                    });
                    !is_bookkeeping(column)
                        && cell.version.site != pusher
                        && seen.map_or(cell.version != current.birth, |seen| *seen != cell.version)
                        && row
                            .cells
                            .get(*column)
                            .is_some_and(|now| now.version == cell.version)
                })
                .collect();
            if !unseen.is_empty() {
                conflicts.push(Conflict {
                    kind: ConflictKind::UpdateDelete,
                    table: row.table.clone(),
                    row_id: row.id.clone(),
                    column: None,
                    lost: values_of(unseen.into_iter()),
                    kept: Some(deletion.clone()),
                });
            }
        } else if !incoming.deletes() {
            // Edits of a row someone deleted without the editor knowing
            // (also when the editor's own "restore" lost to that deletion,
            // and when the row's birth comes again because the answer to the
            // push that stored it was lost: the editor has not seen anything
            // of the row from the server since).
            let seen = incoming.seen.get("deleted_at").or_else(|| {
                incoming
                    .cells
                    .get("deleted_at")
                    .and_then(|edit| edit.base.as_ref())
            });
            let edited: Vec<(&String, &Cell)> = changed
                .iter()
                .filter(|(column, _)| !is_bookkeeping(column) && *column != "deleted_at")
                .collect();
            if !edited.is_empty() && seen != Some(&deletion.version) {
                conflicts.push(Conflict {
                    kind: ConflictKind::DeleteUpdate,
                    table: row.table.clone(),
                    row_id: row.id.clone(),
                    column: None,
                    lost: values_of(edited.into_iter()),
                    kept: Some(deletion.clone()),
                });
            }
        }
    }

    let birth_changed = row.birth != current.birth;
    Merged {
        row: Some(row),
        changed,
        birth_changed,
        conflicts,
    }
}

/// Columns the app sets itself, never a person (when the record was made
/// and last changed, the sort key of a name, the artist score): losing one
/// is not losing anything anybody typed, so it is not shown as a conflict.
/// Two laptops making the same link offline (`mona_core::links`) differ
/// only in those.
pub fn is_bookkeeping(column: &str) -> bool {
    matches!(column, "created_at" | "updated_at" | "sort_key" | "score")
}

/// The cells an edit wrote, as one value (an object by column) with the
/// newest of their versions.
fn edited_values(incoming: &OutgoingRow) -> Cell {
    let cells: Vec<(&String, Cell)> = incoming
        .cells
        .iter()
        .map(|(column, edit)| {
            (
                column,
                Cell {
                    value: edit.value.clone(),
                    version: edit.version.clone(),
                },
            )
        })
        .collect();
    values_of(cells.iter().map(|(column, cell)| (*column, cell)))
}

fn values_of<'a>(cells: impl Iterator<Item = (&'a String, &'a Cell)>) -> Cell {
    let mut values = serde_json::Map::new();
    let mut newest: Option<Version> = None;
    for (column, cell) in cells {
        values.insert(column.clone(), cell.value.clone());
        if newest.as_ref().is_none_or(|v| cell.version > *v) {
            newest = Some(cell.version.clone());
        }
    }
    Cell {
        value: Value::Object(values),
        version: newest.unwrap_or(Version {
            clock: 0,
            site: String::new(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use mona_core::replica::CellEdit;

    fn version(clock: i64, site: &str) -> Version {
        Version {
            clock,
            site: site.into(),
        }
    }

    fn born(city: &str) -> RemoteRow {
        let birth = version(10, "a");
        RemoteRow {
            table: "artists".into(),
            id: "x".into(),
            birth: birth.clone(),
            cells: [("city", city), ("deleted_at", "")]
                .into_iter()
                .map(|(c, v)| {
                    let value = if v.is_empty() { Value::Null } else { v.into() };
                    (
                        c.to_owned(),
                        Cell {
                            value,
                            version: birth.clone(),
                        },
                    )
                })
                .collect(),
        }
    }

    fn edit(city: &str, clock: i64, site: &str, base: Version) -> OutgoingRow {
        OutgoingRow {
            table: "artists".into(),
            id: "x".into(),
            birth: None,
            cells: [(
                "city".to_owned(),
                CellEdit {
                    value: city.into(),
                    version: version(clock, site),
                    base: Some(base),
                },
            )]
            .into_iter()
            .collect(),
            seen: [("deleted_at".to_owned(), version(10, "a"))]
                .into_iter()
                .collect(),
        }
    }

    /// Each conflict's kind and lost value, as JSON text.
    fn lost_values(merged: &Merged) -> Vec<(ConflictKind, String)> {
        merged
            .conflicts
            .iter()
            .map(|c| (c.kind, c.lost.value.to_string()))
            .collect()
    }

    fn city(row: &RemoteRow) -> &Value {
        &row.cells["city"].value
    }

    #[test]
    fn an_edit_based_on_the_current_value_wins_without_conflict() {
        let merged = merge(
            Some(&born("Paris")),
            &edit("Lyon", 20, "b", version(10, "a")),
            "b",
            0,
        );
        assert_eq!(city(merged.row.as_ref().expect("row")), "Lyon");
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.changed.len(), 1);
    }

    /// Paris changed the city then deleted the card, offline; Lyon's newer
    /// city was already on the server. Paris never saw Lyon's city: it is
    /// listed with the deletion, so it survives the card leaving the server.
    #[test]
    fn a_deletion_keeps_the_value_it_never_saw_even_where_its_own_edit_lost() {
        let current = merge(
            Some(&born("Paris")),
            &edit("Lyon", 30, "lyon", version(10, "a")),
            "lyon",
            0,
        )
        .row
        .expect("row");
        let mut deletion = edit("Lille", 20, "paris", version(10, "a"));
        deletion.cells.insert(
            "deleted_at".into(),
            CellEdit {
                value: "2026-11-24T10:00:00Z".into(),
                version: version(21, "paris"),
                base: Some(version(10, "a")),
            },
        );
        deletion.seen.clear();
        let merged = merge(Some(&current), &deletion, "paris", 0);
        assert_eq!(
            lost_values(&merged),
            vec![
                (ConflictKind::UpdateUpdate, "\"Lille\"".to_owned()),
                (ConflictKind::UpdateDelete, r#"{"city":"Lyon"}"#.to_owned()),
            ]
        );
    }

    /// Lyon restored a card and changed its city, offline; meanwhile Paris
    /// deleted it again, later. The restore loses; Lyon's city, applied to
    /// a deleted card Lyon never saw deleted, is listed with the deletion.
    #[test]
    fn an_edit_riding_on_a_restore_that_lost_is_listed_with_the_deletion() {
        let mut current = born("Paris");
        current.cells.insert(
            "deleted_at".into(),
            Cell {
                value: "2026-11-24T12:00:00Z".into(),
                version: version(40, "paris"),
            },
        );
        let mut restore = edit("Lyon", 30, "lyon", version(10, "a"));
        restore.cells.insert(
            "deleted_at".into(),
            CellEdit {
                value: Value::Null,
                version: version(30, "lyon"),
                base: Some(version(20, "paris")),
            },
        );
        restore.seen.clear();
        let merged = merge(Some(&current), &restore, "lyon", 0);
        assert_eq!(
            lost_values(&merged),
            vec![
                (ConflictKind::UpdateUpdate, "null".to_owned()),
                (ConflictKind::DeleteUpdate, r#"{"city":"Lyon"}"#.to_owned()),
            ]
        );
    }

    /// Paris made a card; its first push was stored but the answer never
    /// came back (a crash), so its next push carries the birth again. Before
    /// that, offline, Paris set the city while Lyon deleted the card. Paris
    /// never saw the deletion: the city is listed with it, so a purge cannot
    /// take it.
    #[test]
    fn an_edit_sent_with_its_birth_again_onto_a_card_deleted_meanwhile_is_listed() {
        let mut current = born("");
        current.cells.insert(
            "deleted_at".into(),
            Cell {
                value: "2026-11-24T12:00:00Z".into(),
                version: version(40, "lyon"),
            },
        );
        let birth = version(10, "a");
        let resent = OutgoingRow {
            table: "artists".into(),
            id: "x".into(),
            birth: Some(birth.clone()),
            cells: [
                ("city", "Paris".into(), 30),
                ("deleted_at", Value::Null, 10),
            ]
            .into_iter()
            .map(|(column, value, clock)| {
                let edit = CellEdit {
                    value,
                    version: version(clock, "a"),
                    base: None,
                };
                (column.to_owned(), edit)
            })
            .collect(),
            seen: BTreeMap::new(),
        };
        let merged = merge(Some(&current), &resent, "a", 10);
        assert_eq!(city(merged.row.as_ref().expect("row")), "Paris");
        assert_eq!(
            lost_values(&merged),
            vec![(ConflictKind::DeleteUpdate, r#"{"city":"Paris"}"#.to_owned())]
        );
    }

    #[test]
    fn a_concurrent_older_edit_loses_and_is_kept_as_a_conflict() {
        let current = merge(
            Some(&born("Paris")),
            &edit("Lyon", 30, "b", version(10, "a")),
            "b",
            0,
        )
        .row
        .expect("row");
        let merged = merge(
            Some(&current),
            &edit("Lille", 20, "c", version(10, "a")),
            "c",
            0,
        );
        assert_eq!(city(merged.row.as_ref().expect("row")), "Lyon");
        assert!(merged.changed.is_empty());
        let conflict = &merged.conflicts[0];
        assert_eq!(
            (conflict.kind, conflict.lost.value.as_str()),
            (ConflictKind::UpdateUpdate, Some("Lille"))
        );
    }

    #[test]
    fn the_same_value_typed_twice_is_not_a_conflict() {
        let current = merge(
            Some(&born("Paris")),
            &edit("Lyon", 30, "b", version(10, "a")),
            "b",
            0,
        )
        .row
        .expect("row");
        let merged = merge(
            Some(&current),
            &edit("Lyon", 20, "c", version(10, "a")),
            "c",
            0,
        );
        assert!(merged.conflicts.is_empty());
    }

    #[test]
    fn an_edit_pushed_twice_changes_nothing_the_second_time() {
        let pushed = edit("Lyon", 30, "b", version(10, "a"));
        let once = merge(Some(&born("Paris")), &pushed, "b", 0)
            .row
            .expect("row");
        let twice = merge(Some(&once), &pushed, "b", 30);
        assert_eq!(twice.row.as_ref(), Some(&once));
        assert!(twice.changed.is_empty() && twice.conflicts.is_empty());
    }

    #[test]
    fn columns_the_app_sets_are_merged_but_never_reported() {
        assert!(is_bookkeeping("updated_at") && is_bookkeeping("created_at"));
        assert!(is_bookkeeping("sort_key") && !is_bookkeeping("city"));
    }

    /// Every arrival order of concurrent edits ends with the same value and
    /// the same lost values: the merge commutes.
    #[test]
    fn concurrent_edits_end_the_same_in_any_order() {
        let edits = [
            edit("Lyon", 30, "b", version(10, "a")),
            edit("Lille", 20, "c", version(10, "a")),
            edit("Nantes", 25, "d", version(10, "a")),
            edit("Brest", 40, "b", version(30, "b")),
        ];
        let mut outcomes = Vec::new();
        for order in permutations(edits.len()) {
            // An edit is only pushed after the one it is based on.
            let position = |i: usize| order.iter().position(|&o| o == i).unwrap_or(0);
            if position(3) < position(0) {
                continue;
            }
            let mut row = born("Paris");
            let mut lost: Vec<String> = Vec::new();
            for &i in &order {
                let merged = merge(
                    Some(&row),
                    &edits[i],
                    &edits[i].cells["city"].version.site,
                    0,
                );
                lost.extend(
                    merged
                        .conflicts
                        .iter()
                        .filter_map(|c| c.lost.value.as_str().map(str::to_owned)),
                );
                row = merged.row.expect("row");
            }
            lost.sort();
            outcomes.push((city(&row).clone(), lost));
        }
        assert!(outcomes.len() > 1);
        assert!(outcomes.windows(2).all(|w| w[0] == w[1]), "{outcomes:?}");
        assert_eq!(outcomes[0].0, "Brest");
        assert_eq!(outcomes[0].1, vec!["Lille".to_owned(), "Nantes".to_owned()]);
    }

    fn permutations(n: usize) -> Vec<Vec<usize>> {
        if n == 0 {
            return vec![Vec::new()];
        }
        let mut all = Vec::new();
        for rest in permutations(n - 1) {
            for slot in 0..=rest.len() {
                let mut order = rest.clone();
                order.insert(slot, n - 1);
                all.push(order);
            }
        }
        all
    }
}
