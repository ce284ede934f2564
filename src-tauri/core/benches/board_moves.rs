//! What moving a card costs on a big board (docs/PERFORMANCE.md, "Boards").
//!
//! Run: `cargo bench -p mona-core --bench board_moves`
//!
//! A real SQLite file with a board of 4 columns and 2,000 cards. Times
//! `boards::move_card` (one transaction: the neighbours' positions, the new
//! position, the card's column and status, change capture included) for
//! moves between and within columns, as a drag and drop makes them. The
//! baseline, measured in the same run and alternated with the moves, is
//! the cheapest write of the same card through the same path: an UPDATE of
//! its title in one captured transaction. Reports medians and the ratio.

mod support;

use std::time::Instant;

use mona_core::boards::{self, BoardFields, ColumnFields};
use mona_core::tasks::{self, TaskFields, TaskStatus};
use mona_core::{Database, clock};
use support::median;

const CARDS: usize = 2_000;
const ROUNDS: usize = 15;
const MOVES_PER_ROUND: usize = 200;

fn main() {
    let folder = tempfile::tempdir().expect("temporary folder");
    let db = Database::open(folder.path()).expect("open");
    let column = |name: &str, status| ColumnFields {
        name: name.into(),
        wip_limit: None,
        status,
    };
    let board = boards::create(
        &db,
        BoardFields {
            name: "Grand tableau".into(),
            columns: vec![
                column("Idées", None),
                column("À faire", Some(TaskStatus::Todo)),
                column("En cours", Some(TaskStatus::InProgress)),
                column("Terminé", Some(TaskStatus::Done)),
            ],
        },
    )
    .expect("board");
    let columns: Vec<String> = board.columns.iter().map(|c| c.id.clone()).collect();
    for n in 0..CARDS {
        tasks::create(
            &db,
            TaskFields {
                title: format!("Carte {n}"),
                column_id: Some(columns[n % columns.len()].clone()),
                ..TaskFields::default()
            },
        )
        .expect("card");
    }

    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut next = move |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let (mut moves, mut baseline, mut loads) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..ROUNDS {
        let started = Instant::now();
        let now = boards::get(&db, &board.id).expect("board");
        loads.push(started.elapsed().as_secs_f64() * 1000.0);
        let cards: Vec<(String, usize)> = now
            .columns
            .iter()
            .enumerate()
            .flat_map(|(n, c)| c.cards.iter().map(move |card| (card.id.clone(), n)))
            .collect();
        let mut round_moves = Vec::with_capacity(MOVES_PER_ROUND);
        let mut round_base = Vec::with_capacity(MOVES_PER_ROUND);
        for m in 0..MOVES_PER_ROUND {
            let (card, _) = &cards[next(cards.len())];
            let target = next(columns.len());
            let column_cards = &now.columns[target].cards;
            // Between two neighbours of the target column, as a drop does.
            let at = next(column_cards.len().max(1));
            let after = column_cards.get(at).map(|c| c.id.as_str());
            let before = column_cards.get(at + 1).map(|c| c.id.as_str());
            let mut move_card = || {
                let started = Instant::now();
                // A card dropped between itself and a neighbour is a plain move.
                let (after, before) =
                    if after == Some(card.as_str()) || before == Some(card.as_str()) {
                        (None, None)
                    } else {
                        (after, before)
                    };
                boards::move_card(&db, card, &columns[target], after, before).expect("move");
                round_moves.push(started.elapsed().as_secs_f64() * 1e6);
            };
            let mut write_title = || {
                let started = Instant::now();
                db.write(|t| {
                    t.execute(
                        "UPDATE tasks SET title = ?2, updated_at = ?3 WHERE id = ?1",
                        rusqlite::params![card, format!("Carte {round}-{m}"), clock::now()],
                    )?;
                    Ok(())
                })
                .expect("title");
                round_base.push(started.elapsed().as_secs_f64() * 1e6);
            };
            if (round + m).is_multiple_of(2) {
                move_card();
                write_title();
            } else {
                write_title();
                move_card();
            }
        }
        moves.push(median(&mut round_moves));
        baseline.push(median(&mut round_base));
    }
    let (move_us, base_us, load_ms) = (
        median(&mut moves),
        median(&mut baseline),
        median(&mut loads),
    );
    println!(
        "board of {CARDS} cards in 4 columns, median of {ROUNDS} rounds of {MOVES_PER_ROUND} moves"
    );
    println!("move_card:                       {move_us:9.1} µs");
    println!("baseline (one captured UPDATE):  {base_us:9.1} µs");
    println!("ratio:                           {:9.2}", move_us / base_us);
    println!("whole board read (boards::get):  {load_ms:9.2} ms");
}
