//! The pull cursor never skips a change, even when the server's
//! transactions commit in another order than they started.

mod support;

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use mona_core::replica::FeedPosition;
use mona_sync::pull::pull;
use support::TestServer;

const WRITE: &str = "INSERT INTO sync_changes (tbl, pk, birth_clock, birth_site, cells)
                     VALUES ('artists', $1, 1, 'writer', '{}')";

/// Everything the feed serves after `cursor`, moving the cursor.
async fn pull_all(server: &mona_sync::Server, cursor: &mut FeedPosition) -> Vec<String> {
    let mut ids = Vec::new();
    loop {
        let page = pull(server, cursor, 100).await.expect("pull");
        if page.rows.is_empty() {
            return ids;
        }
        ids.extend(page.rows.into_iter().map(|r| r.id));
        *cursor = page.next;
    }
}

#[tokio::test]
async fn a_transaction_that_commits_late_is_still_pulled() {
    let server = TestServer::prepared().await;
    let reader = server.connect().await;
    let mut cursor = FeedPosition::start();
    let mut a = server.client().await;
    let b = server.client().await;

    let a_open = a.transaction().await.expect("begin A");
    a_open
        .execute(WRITE, &[&"written by A"])
        .await
        .expect("A writes");
    b.execute(WRITE, &[&"written by B"])
        .await
        .expect("B writes and commits");
    let mut seen = pull_all(&reader, &mut cursor).await;
    a_open.commit().await.expect("A commits");
    // The feed serves a change once no older transaction runs anywhere on
    // the cluster; other tests keep some open for a moment.
    for _ in 0..500 {
        seen.extend(pull_all(&reader, &mut cursor).await);
        if seen.len() >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert_eq!(
        seen,
        vec!["written by A".to_owned(), "written by B".to_owned()]
    );
}

#[tokio::test]
async fn a_reader_pulling_in_a_loop_gets_every_change_of_many_writers_once() {
    let server = TestServer::prepared().await;
    let writers_done = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for writer in 0..8 {
        let mut client = server.client().await;
        writers.push(tokio::spawn(async move {
            for n in 0..40 {
                let transaction = client.transaction().await.expect("begin");
                transaction
                    .execute(WRITE, &[&format!("{writer}-{n}")])
                    .await
                    .expect("write");
                // Hold some transactions open so that commits interleave.
                if (writer + n) % 3 == 0 {
                    tokio::time::sleep(std::time::Duration::from_millis(
                        ((writer * 7 + n) % 5) as u64,
                    ))
                    .await;
                }
                transaction.commit().await.expect("commit");
            }
        }));
    }
    let reader = server.connect().await;
    let done = Arc::clone(&writers_done);
    let reading = tokio::spawn(async move {
        let mut cursor = FeedPosition::start();
        let mut seen = Vec::new();
        loop {
            let finished = done.load(Ordering::SeqCst);
            seen.extend(pull_all(&reader, &mut cursor).await);
            if finished && seen.len() >= 320 {
                return seen;
            }
            tokio::task::yield_now().await;
        }
    });
    for writer in writers {
        writer.await.expect("writer");
    }
    writers_done.store(true, Ordering::SeqCst);
    let seen = tokio::time::timeout(std::time::Duration::from_secs(60), reading)
        .await
        .expect("the reader catches up")
        .expect("reader");

    let unique: HashSet<&String> = seen.iter().collect();
    assert_eq!(seen.len(), 320, "every change once");
    assert_eq!(unique.len(), 320);
}

#[tokio::test]
async fn the_feed_is_read_in_transaction_order_not_in_text_order() {
    let server = TestServer::prepared().await;
    let client = server.client().await;
    // Transaction 10 sorts before 9 as text; the feed must not.
    for (xid, id) in [("10", "second"), ("9", "first")] {
        client
            .execute(
                "INSERT INTO sync_changes (xid, tbl, pk, birth_clock, birth_site, cells)
                 VALUES ($1::text::xid8, 'artists', $2, 1, 'writer', '{}')",
                &[&xid, &id],
            )
            .await
            .expect("write");
    }
    let reader = server.connect().await;
    let mut cursor = FeedPosition::start();
    let first = pull(&reader, &cursor, 1).await.expect("pull");
    cursor = first.next;
    let second = pull(&reader, &cursor, 1).await.expect("pull");
    let ids: Vec<String> = first
        .rows
        .into_iter()
        .chain(second.rows)
        .map(|r| r.id)
        .collect();
    assert_eq!(ids, vec!["first".to_owned(), "second".to_owned()]);
}
