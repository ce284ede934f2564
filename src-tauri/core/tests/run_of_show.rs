//! A live's run-of-show: segments in order with their planned times, the
//! real start of each logged, and the sponsor's moment delivered with its
//! proof, first the segment, then the archived recording and the moment in
//! it.

mod support;

use std::path::Path;

use jiff::Timestamp;
use mona_core::Database;
use mona_core::events::{self, EventFields, EventKind};
use mona_core::recordings::{self, ArchivedRecording};
use mona_core::run_of_show::{self, SegmentFields};
use mona_core::sponsors::{
    self, DeliverableFields, DeliverableKind, DeliverableStatus, SponsorFields, SponsorStatus,
};
use mona_core::validation::FieldProblem;
use mona_core::{Error, clock};
use support::database;

/// Friday's live, 20:00–22:00 Paris (19:00–21:00 UTC), with Studio
/// Lumière's mention promised in it. Returns (live, deliverable, sponsor).
fn live_with_a_mention(db: &Database, starts_at: &str) -> (String, String, String) {
    let event = events::create(
        db,
        EventFields {
            title: "Release party de Kenza B.".into(),
            kind: EventKind::Live,
            starts_at: starts_at.into(),
            ends_at: clock::format_instant(
                starts_at
                    .parse::<Timestamp>()
                    .expect("instant")
                    .saturating_add(jiff::SignedDuration::from_hours(2))
                    .expect("end"),
            ),
            time_zone: "Europe/Paris".into(),
            ..EventFields::default()
        },
    )
    .expect("live")
    .id;
    let sponsor = sponsors::create(
        db,
        SponsorFields {
            name: "Studio Lumière".into(),
            status: SponsorStatus::Active,
            ..SponsorFields::default()
        },
    )
    .expect("sponsor");
    let with_deliverable = sponsors::save_deliverable(
        db,
        &sponsor.id,
        None,
        DeliverableFields {
            title: "Mention du studio".into(),
            kind: DeliverableKind::Mention,
            event_id: Some(event.clone()),
            ..DeliverableFields::default()
        },
    )
    .expect("deliverable");
    let deliverable = with_deliverable.deliverables[0].id.clone();
    (event, deliverable, sponsor.id)
}

fn segment(title: &str, minutes: u32) -> SegmentFields {
    SegmentFields {
        title: title.into(),
        duration_min: minutes,
        ..SegmentFields::default()
    }
}

#[test]
fn segments_follow_each_other_from_the_live_start() {
    let (_folder, db) = database();
    let (live, deliverable, _) = live_with_a_mention(&db, "2026-12-04T19:00:00.000Z");
    let show = run_of_show::save(
        &db,
        &live,
        vec![
            SegmentFields {
                obs_scene: Some("Intro".into()),
                chat_message: Some("C'est parti ! 🎉".into()),
                automatic: true,
                ..segment("Ouverture", 10)
            },
            SegmentFields {
                talent: Some("Kenza B.".into()),
                deliverable_id: Some(deliverable.clone()),
                ..segment("Interview et mention du studio", 25)
            },
            segment("DJ set", 45),
        ],
    )
    .expect("saved");
    let times: Vec<(&str, &str, &str)> = show
        .segments
        .iter()
        .map(|s| {
            (
                s.fields.title.as_str(),
                s.planned_start.as_str(),
                s.planned_end.as_str(),
            )
        })
        .collect();
    assert_eq!(
        times,
        vec![
            (
                "Ouverture",
                "2026-12-04T19:00:00.000Z",
                "2026-12-04T19:10:00.000Z"
            ),
            (
                "Interview et mention du studio",
                "2026-12-04T19:10:00.000Z",
                "2026-12-04T19:35:00.000Z"
            ),
            (
                "DJ set",
                "2026-12-04T19:35:00.000Z",
                "2026-12-04T20:20:00.000Z"
            ),
        ]
    );
    assert_eq!(
        show.segments[1].deliverable.as_deref(),
        Some("Studio Lumière · Mention du studio")
    );
    assert_eq!(
        show.deliverables
            .iter()
            .map(|d| d.label.as_str())
            .collect::<Vec<_>>(),
        vec!["Studio Lumière · Mention du studio"],
        "the promises made for this live, to pick from"
    );

    // The DJ set moves first: every planned time after it follows.
    let mut reordered: Vec<SegmentFields> =
        show.segments.iter().map(|s| s.fields.clone()).collect();
    reordered.rotate_right(1);
    let show = run_of_show::save(&db, &live, reordered).expect("reordered");
    assert_eq!(show.segments[0].fields.title, "DJ set");
    assert_eq!(show.segments[1].planned_start, "2026-12-04T19:45:00.000Z");
    assert_eq!(
        show.segments
            .iter()
            .map(|s| s.id.clone())
            .collect::<Vec<_>>()
            .len(),
        3,
        "the same segments, ids kept"
    );
    assert_eq!(run_of_show::get(&db, &live).expect("read"), show);
}

#[test]
fn a_segment_without_a_title_or_with_a_chat_message_too_long_is_refused_field_by_field() {
    let (_folder, db) = database();
    let (live, _, _) = live_with_a_mention(&db, "2026-12-04T19:00:00.000Z");
    let error = run_of_show::save(
        &db,
        &live,
        vec![
            segment("Ouverture", 10),
            SegmentFields {
                chat_message: Some("a".repeat(501)),
                ..segment("  ", 0)
            },
        ],
    )
    .expect_err("refused");
    let Error::Invalid(errors) = error else {
        panic!("{error:?}")
    };
    let problems: Vec<(&str, &FieldProblem)> = errors
        .0
        .iter()
        .map(|e| (e.field.as_str(), &e.problem))
        .collect();
    assert_eq!(
        problems,
        vec![
            ("segments.1.title", &FieldProblem::Required),
            ("segments.1.durationMin", &FieldProblem::TooSmall { min: 1 }),
            (
                "segments.1.chatMessage",
                &FieldProblem::TooLong { max: 500 }
            ),
        ]
    );
    assert!(
        run_of_show::get(&db, &live)
            .expect("read")
            .segments
            .is_empty(),
        "nothing saved"
    );
}

#[test]
fn starting_the_sponsor_segment_delivers_the_mention_then_the_recording_proves_it() {
    let (_folder, db) = database();
    // The live started 20 minutes ago.
    let started = Timestamp::now()
        .saturating_sub(jiff::SignedDuration::from_mins(20))
        .expect("instant");
    let (live, deliverable, sponsor) = live_with_a_mention(&db, &clock::format_instant(started));
    let show = run_of_show::save(
        &db,
        &live,
        vec![
            SegmentFields {
                automatic: true,
                ..segment("Ouverture", 10)
            },
            SegmentFields {
                deliverable_id: Some(deliverable.clone()),
                automatic: true,
                ..segment("Mention du studio", 30)
            },
        ],
    )
    .expect("saved");
    // Ten minutes in the mention's slot: it is due, the opening is over.
    assert_eq!(
        run_of_show::due(&db, &live, Timestamp::now()).expect("due"),
        vec![show.segments[1].id.clone()]
    );

    assert_eq!(show.on_air, None, "nothing on air before a start");
    assert_eq!(show.next.as_deref(), Some(show.segments[0].id.as_str()));
    let start = run_of_show::start(&db, &show.segments[1].id).expect("started");
    assert!(start.first_time);
    let now = run_of_show::get(&db, &live).expect("read");
    assert_eq!(now.on_air.as_deref(), Some(show.segments[1].id.as_str()));
    assert_eq!(now.next, None, "the opening, skipped, is not next");
    let started_at = start.segment.started_at.clone().expect("logged");
    assert!(
        run_of_show::due(&db, &live, Timestamp::now())
            .expect("due")
            .is_empty()
    );
    let again = run_of_show::start(&db, &show.segments[1].id).expect("again");
    assert!(!again.first_time);
    assert_eq!(
        again.segment.started_at.as_deref(),
        Some(started_at.as_str()),
        "logged once"
    );

    let promise = &sponsors::get(&db, &sponsor).expect("sponsor").deliverables[0];
    assert_eq!(promise.status, DeliverableStatus::Delivered);
    assert_eq!(promise.delivered_at.as_deref(), Some(started_at.as_str()));

    // The live's recording stops five minutes later and is archived: the
    // mention is at its moment in it.
    let stopped = started_at
        .parse::<Timestamp>()
        .expect("instant")
        .saturating_add(jiff::SignedDuration::from_mins(5))
        .expect("stop");
    recordings::note_stopped(
        &db,
        Path::new("/obs/live.mkv"),
        &clock::format_instant(stopped),
    )
    .expect("noted");
    let intake = recordings::waiting(&db).expect("waiting")[0].id.clone();
    let asset = recordings::archive(
        &db,
        &ArchivedRecording {
            intake_id: intake,
            stored_name: "ab.mkv".into(),
            thumbnail_name: "ab.jpg".into(),
            sha256: "ab".into(),
            byte_size: 1 << 30,
            // Recording since the live's start.
            duration_ms: 25 * 60_000,
            width: 1920,
            height: 1080,
            video_codec: "h264".into(),
            audio_codec: None,
        },
    )
    .expect("archived");
    let promise = &sponsors::get(&db, &sponsor).expect("sponsor").deliverables[0];
    assert_eq!(promise.proof.asset_id.as_deref(), Some(asset.as_str()));
    assert_eq!(
        promise.proof.offset_ms,
        Some(20 * 60_000),
        "20 minutes into the recording"
    );
}

#[test]
fn a_segment_a_person_starts_by_hand_is_never_due() {
    let (_folder, db) = database();
    let now = clock::format_instant(Timestamp::now());
    let (live, _, _) = live_with_a_mention(&db, &now);
    run_of_show::save(&db, &live, vec![segment("Ouverture", 10)]).expect("saved");
    assert!(
        run_of_show::due(&db, &live, Timestamp::now())
            .expect("due")
            .is_empty()
    );
}

#[test]
fn the_lives_offered_to_run_are_the_one_under_way_and_the_next_ones() {
    let (_folder, db) = database();
    let now = Timestamp::now();
    let at = |minutes: i64| {
        clock::format_instant(
            now.saturating_add(jiff::SignedDuration::from_mins(minutes))
                .expect("instant"),
        )
    };
    let (under_way, _, _) = live_with_a_mention(&db, &at(-30));
    let (tomorrow, _, _) = live_with_a_mention(&db, &at(24 * 60));
    live_with_a_mention(&db, &at(-24 * 60));
    let offered: Vec<String> = run_of_show::upcoming_lives(&db, now)
        .expect("lives")
        .into_iter()
        .map(|l| l.id)
        .collect();
    assert_eq!(offered, vec![under_way, tomorrow]);
}
