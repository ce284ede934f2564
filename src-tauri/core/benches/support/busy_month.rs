//! A busy month on the team calendar, written straight into a database:
//! `events` one-hour events over days 1 to 28 between 08:00 and 20:00 UTC,
//! each with two of the team attending. Shared by the core's calendar
//! benchmark and the app window's render benchmark (the `seed_calendar`
//! example), so both measure the same month.

use mona_core::{Database, Error, ids};
use rusqlite::params;

/// `size` team members named "Membre n"; their ids.
pub fn team(db: &Database, size: usize) -> Result<Vec<String>, Error> {
    let people: Vec<String> = (0..size).map(|_| ids::new_id()).collect();
    db.write(|t| {
        for (n, id) in people.iter().enumerate() {
            t.execute(
                "INSERT INTO users (id, display_name, role, created_at, updated_at)
                 VALUES (?1, ?2, 'streamer', '2026-11-01T00:00:00.000Z', '2026-11-01T00:00:00.000Z')",
                params![id, format!("Membre {n}")],
            )?;
        }
        Ok(())
    })?;
    Ok(people)
}

/// `events` events in `month` of `year`, attended by two of `people` each.
pub fn seed(
    db: &Database,
    year: i16,
    month: i8,
    events: usize,
    people: &[String],
) -> Result<(), Error> {
    db.write(|t| {
        for n in 0..events {
            let day = 1 + n % 28;
            let hour = 8 + (n / 28) % 12;
            let minute = (n % 4) * 15;
            let start = format!("{year}-{month:02}-{day:02}T{hour:02}:{minute:02}:00.000Z");
            let end = format!("{year}-{month:02}-{day:02}T{:02}:{minute:02}:00.000Z", hour + 1);
            let id = ids::new_id();
            t.execute(
                "INSERT INTO spark_events (id, title, starts_at, ends_at, time_zone, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'Europe/Paris', ?3, ?3)",
                params![id, format!("Événement {n}"), start, end],
            )?;
            for k in 0..2 {
                t.execute(
                    "INSERT INTO event_attendees (id, event_id, user_id, created_at, updated_at)
                     VALUES (?1, ?2, ?3, ?4, ?4)",
                    params![ids::new_id(), id, people[(n + k * 7) % people.len()], start],
                )?;
            }
        }
        Ok(())
    })
}
