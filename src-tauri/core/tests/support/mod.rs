//! What every story in these tests starts from: a fresh database file, a
//! team member, a sample file. Each test binary uses a part of it.
#![allow(dead_code)]

use jiff::{SignedDuration, Timestamp};
use mona_core::Database;
use mona_core::artists::{self, ArtistFields, Platform, SocialAccount};
use mona_core::interactions::{Direction, InteractionFields, InteractionKind, Party};
use mona_core::team::{MemberFields, Role};

/// A new, empty database in a temporary folder (removed when the folder
/// handle drops, so keep it alive as long as the database).
pub fn database() -> (tempfile::TempDir, Database) {
    let folder = tempfile::tempdir().expect("temporary folder");
    let db = Database::open(folder.path()).expect("open");
    (folder, db)
}

/// A team member living in Paris, without e-mail or colour.
pub fn person(name: &str, role: Role) -> MemberFields {
    MemberFields {
        name: name.into(),
        email: None,
        role,
        color: None,
        time_zone: Some("Europe/Paris".into()),
    }
}

/// A sample file from `tests/fixtures`.
pub fn fixture(name: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(path).expect("fixture")
}

/// A sample file's bytes, as a person's spreadsheet wrote them.
pub fn fixture_bytes(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read(path).expect("fixture")
}

/// An artist card with only a name; returns its id.
pub fn artist(db: &Database, name: &str) -> String {
    artists::create(
        db,
        ArtistFields {
            name: name.into(),
            ..ArtistFields::default()
        },
    )
    .expect("artist")
    .id
}

/// One Instagram account followed by `audience` people today, or no account.
pub fn followed(audience: Option<u32>) -> Vec<SocialAccount> {
    audience
        .map(|audience| SocialAccount {
            platform: Platform::Instagram,
            handle: Some("compte".into()),
            audience: Some(audience),
            ..SocialAccount::default()
        })
        .into_iter()
        .collect()
}

/// `days` days before now, as an exchange's instant.
pub fn days_ago(days: i64) -> String {
    (Timestamp::now() - SignedDuration::from_hours(24 * days)).to_string()
}

/// An e-mail exchanged with the artist `artist` `days` days ago.
pub fn exchange(artist: &str, direction: Direction, days: i64, summary: &str) -> InteractionFields {
    InteractionFields {
        party: Party::Artist(artist.into()),
        kind: InteractionKind::Email,
        direction,
        summary: summary.into(),
        occurred_at: days_ago(days),
    }
}
