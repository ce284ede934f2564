//! Calendars brought from Google, Outlook and Thunderbird, as the team
//! exports them: a weekly live with a skipped and a moved Tuesday, a
//! release day, a visio in UTC; and the files that go wrong, which import
//! nothing and say why.

mod support;

use mona_core::calendar::{self, CalendarItem};
use mona_core::ical::{self, IcsProblem};
use mona_core::team::{self, MemberFields, Role};
use mona_core::{Database, Error};
use support::{database, fixture};

fn member(db: &Database, name: &str, email: &str, role: Role) -> String {
    team::add_member(
        db,
        MemberFields {
            name: name.into(),
            email: Some(email.into()),
            role,
            color: None,
            time_zone: Some("Europe/Paris".into()),
        },
    )
    .expect("member")
    .id
}

fn march(db: &Database) -> Vec<CalendarItem> {
    calendar::window(db, "2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z")
        .expect("window")
        .items
}

fn starts_of<'a>(items: &'a [CalendarItem], title: &str) -> Vec<&'a str> {
    items
        .iter()
        .filter(|i| i.title.starts_with(title))
        .map(|i| i.starts_at.as_str())
        .collect()
}

#[test]
fn a_google_export_brings_the_weekly_live_with_its_skipped_and_moved_tuesdays() {
    let (_folder, db) = database();
    let ines = member(&db, "Inès Laurent", "ines@mona-spark.fr", Role::Admin);
    let file = fixture("google-export.ics");

    let preview = ical::preview(&db, &file, "Europe/Paris").expect("preview");
    assert_eq!(
        (preview.events, preview.updates, preview.repeating),
        (3, 0, 1)
    );
    assert_eq!(preview.unknown_attendees, ["prod@studio-lumiere.fr"]);
    assert_eq!(preview.sample[0].title, "Live du mardi");

    let report = ical::import(&db, &file, "Europe/Paris").expect("import");
    assert_eq!((report.created, report.updated), (3, 0));

    let items = march(&db);
    // 20:00 in Paris: 19:00 UTC in winter, 18:00 UTC after the change of
    // 28 March; the 16th skipped; the 23rd moved to 21:00 and renamed.
    assert_eq!(
        starts_of(&items, "Live du mardi"),
        [
            "2027-03-09T19:00:00.000Z",
            "2027-03-23T20:00:00.000Z",
            "2027-03-30T18:00:00.000Z",
        ]
    );
    let special = items
        .iter()
        .find(|i| i.title == "Live du mardi (spécial Nadia)")
        .expect("the moved Tuesday");
    assert_eq!(special.ends_at, "2027-03-23T22:00:00.000Z");
    let live = items
        .iter()
        .find(|i| i.title == "Live du mardi")
        .expect("live");
    assert_eq!(live.people, [ines]);
    let release = items
        .iter()
        .find(|i| i.title == "Sortie du single de Nadia")
        .expect("release day");
    assert!(release.all_day);
    assert_eq!(release.starts_at, "2027-03-25T23:00:00.000Z");
    assert_eq!(
        starts_of(&items, "Rendez-vous label"),
        ["2027-03-11T13:00:00.000Z"]
    );
    let event = mona_core::events::get(&db, &live.id).expect("event");
    assert_eq!(
        event.fields.location.as_deref(),
        Some("Studio B, 12 rue des Vinaigriers, 75010 Paris")
    );
    assert_eq!(
        event.fields.description,
        "Live hebdo du collectif, avec invités.\nOrdre du jour : actu des artistes; questions du chat."
    );
}

#[test]
fn importing_the_same_file_again_updates_its_events_instead_of_doubling_them() {
    let (_folder, db) = database();
    let file = fixture("google-export.ics");
    ical::import(&db, &file, "Europe/Paris").expect("first");
    let again = ical::preview(&db, &file, "Europe/Paris").expect("preview");
    assert_eq!(again.updates, 3);
    let report = ical::import(&db, &file, "Europe/Paris").expect("second");
    assert_eq!((report.created, report.updated), (0, 3));
    assert_eq!(starts_of(&march(&db), "Live du mardi").len(), 3);
}

#[test]
fn a_file_with_one_impossible_date_imports_nothing_and_names_the_event_and_the_value() {
    let (_folder, db) = database();
    let refused = ical::import(&db, &fixture("broken-date.ics"), "Europe/Paris");
    match refused {
        Err(Error::Ics(IcsProblem::BadDate {
            event,
            title,
            value,
        })) => {
            assert_eq!((event, title.as_str()), (3, "Répétition"));
            assert_eq!(value, "2027-04-31 18:00");
        }
        other => panic!("{other:?}"),
    }
    let april =
        calendar::window(&db, "2027-04-01T00:00:00Z", "2027-05-01T00:00:00Z").expect("window");
    assert!(april.items.is_empty(), "the two good events were not kept");
}

#[test]
fn an_outlook_windows_zone_is_named_in_the_message_and_nothing_is_imported() {
    let (_folder, db) = database();
    let refused = ical::preview(&db, &fixture("outlook-windows-zone.ics"), "Europe/Paris");
    assert!(
        matches!(
            &refused,
            Err(Error::Ics(IcsProblem::UnknownTimeZone { zone, title, .. }))
                if zone == "Romance Standard Time" && title == "Point sponsor Boissons Éclair"
        ),
        "{refused:?}"
    );
}

#[test]
fn a_thunderbird_zone_path_and_floating_times_land_at_the_right_hour() {
    let (_folder, db) = database();
    ical::import(&db, &fixture("thunderbird-old-zone.ics"), "Europe/Paris").expect("import");
    // Floating times are the importing person's: here, Montréal's.
    ical::import(
        &db,
        &fixture("broken-date.ics").replace("2027-04-31 18:00", "20270404T180000"),
        "America/Montreal",
    )
    .expect("hand-made file, fixed");
    let items = calendar::window(&db, "2027-03-01T00:00:00Z", "2027-05-01T00:00:00Z")
        .expect("window")
        .items;
    assert_eq!(
        starts_of(&items, "Réunion collectif"),
        ["2027-03-05T17:00:00.000Z"]
    );
    assert_eq!(
        starts_of(&items, "Shooting pochette"),
        ["2027-04-02T13:00:00.000Z"]
    );
    let interview = items
        .iter()
        .find(|i| i.title == "Interview radio")
        .expect("interview");
    assert_eq!(
        interview.ends_at, "2027-04-03T18:45:00.000Z",
        "45 minutes (DURATION)"
    );
}

#[test]
fn a_rule_that_never_ends_costs_one_bounded_window() {
    let (_folder, db) = database();
    ical::import(&db, &fixture("endless-rule.ics"), "Europe/Paris").expect("import");
    let window =
        calendar::window(&db, "2027-03-01T00:00:00Z", "2027-04-01T00:00:00Z").expect("window");
    assert!(window.truncated);
    assert!(window.items.len() <= 5_000, "{}", window.items.len());
}

#[test]
fn what_is_not_a_calendar_is_said_so() {
    let (_folder, db) = database();
    for text in [
        fixture("not-a-calendar.ics"),
        String::new(),
        "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n".into(),
    ] {
        let refused = ical::preview(&db, &text, "Europe/Paris");
        assert!(
            matches!(
                refused,
                Err(Error::Ics(
                    IcsProblem::Unreadable { .. } | IcsProblem::NoEvents
                ))
            ),
            "{refused:?}"
        );
    }
    let huge = "X".repeat(ical::MAX_BYTES + 1);
    assert!(matches!(
        ical::preview(&db, &huge, "Europe/Paris"),
        Err(Error::Ics(IcsProblem::TooLarge { max_megabytes: 20 }))
    ));
}

#[test]
fn the_exported_calendar_imports_back_to_the_same_month() {
    let (_folder, db) = database();
    ical::import(&db, &fixture("google-export.ics"), "Europe/Paris").expect("import");
    let exported = ical::export(&db).expect("export");
    assert!(exported.contains("RRULE:FREQ=WEEKLY;BYDAY=TU"));
    assert!(exported.contains("EXDATE;TZID=Europe/Paris:20270316T200000"));
    assert!(exported.contains("RECURRENCE-ID;TZID=Europe/Paris:20270323T200000"));
    assert!(exported.contains("DTSTART;VALUE=DATE:20270326"));
    assert!(exported.lines().all(|l| l.len() <= 75));

    let (_other_folder, other) = database();
    ical::import(&other, &exported, "Europe/Paris").expect("round trip");
    let titles_and_starts = |items: Vec<CalendarItem>| {
        let mut list: Vec<(String, String)> =
            items.into_iter().map(|i| (i.title, i.starts_at)).collect();
        list.sort();
        list
    };
    assert_eq!(
        titles_and_starts(march(&other)),
        titles_and_starts(march(&db))
    );
}

#[test]
fn a_guest_cannot_import_a_calendar() {
    let (_folder, db) = database();
    member(&db, "Camille Morel", "camille@mona-spark.fr", Role::Admin);
    let guest = member(&db, "Léa", "lea@mona-spark.fr", Role::Guest);
    team::choose_me(&db, &guest).expect("Léa");
    assert!(matches!(
        ical::import(&db, &fixture("google-export.ics"), "Europe/Paris"),
        Err(Error::NotAllowed { .. })
    ));
}
