//! The artist slice of the CRM, told as a manager uses it.

mod support;

use mona_core::artists::{self, ArtistFields, ArtistQuery, ArtistSortField, SortDirection};
use mona_core::pipeline::StagePreset;
use mona_core::validation::FieldProblem;
use mona_core::{Database, Entity, Error, demo};
use support::{database, days_ago, exchange, followed};

fn card(name: &str) -> ArtistFields {
    ArtistFields {
        name: name.to_owned(),
        ..ArtistFields::default()
    }
}

/// How many artists the list shows in all.
fn live_count(db: &Database) -> u32 {
    artists::list(
        db,
        &ArtistQuery {
            limit: 1,
            ..ArtistQuery::default()
        },
    )
    .expect("list")
    .total
}

/// The names on the first page of `query`, in the order shown.
fn names(db: &Database, query: ArtistQuery) -> Vec<String> {
    artists::list(db, &query)
        .expect("list")
        .rows
        .into_iter()
        .map(|r| r.name)
        .collect()
}

fn search(db: &Database, typed: &str) -> Vec<String> {
    names(
        db,
        ArtistQuery {
            search: Some(typed.to_owned()),
            limit: 50,
            ..ArtistQuery::default()
        },
    )
}

#[test]
fn artist_found_by_name_without_accent() {
    let (_folder, db) = database();
    artists::create(&db, card("Élodie Mars")).expect("create");
    artists::create(&db, card("Noé Lacroix")).expect("create");
    assert_eq!(search(&db, "elodie"), ["Élodie Mars"]);
    assert_eq!(search(&db, "ELO"), ["Élodie Mars"]);
    assert_eq!(search(&db, "noe lac"), ["Noé Lacroix"]);
    assert!(search(&db, "zzz").is_empty());
}

#[test]
fn artist_found_by_city_and_genre() {
    let (_folder, db) = database();
    artists::create(
        &db,
        ArtistFields {
            city: Some("Marseille".into()),
            genres: vec!["Électro".into()],
            ..card("Sacha Vidal")
        },
    )
    .expect("create");
    assert_eq!(search(&db, "marseil"), ["Sacha Vidal"]);
    assert_eq!(search(&db, "electro"), ["Sacha Vidal"]);
}

#[test]
fn list_sorts_names_as_a_french_reader_expects() {
    let (_folder, db) = database();
    for name in ["Zoé", "élodie", "Anaïs", "Émile", "bastien"] {
        artists::create(&db, card(name)).expect("create");
    }
    let names: Vec<String> = artists::list(
        &db,
        &ArtistQuery {
            limit: 10,
            ..ArtistQuery::default()
        },
    )
    .expect("list")
    .rows
    .into_iter()
    .map(|r| r.name)
    .collect();
    assert_eq!(names, ["Anaïs", "bastien", "élodie", "Émile", "Zoé"]);

    let descending = artists::list(
        &db,
        &ArtistQuery {
            direction: SortDirection::Desc,
            limit: 1,
            ..ArtistQuery::default()
        },
    )
    .expect("list");
    assert_eq!(descending.rows[0].name, "Zoé");
    assert_eq!(descending.total, 5);
}

#[test]
fn pages_cover_every_artist_once() {
    let (_folder, db) = database();
    let cards = (0..130).map(|i| card(&format!("Artiste {i:03}"))).collect();
    assert_eq!(artists::create_many(&db, cards).expect("bulk"), 130);
    let mut seen = Vec::new();
    let mut offset = 0;
    loop {
        let page = artists::list(
            &db,
            &ArtistQuery {
                offset,
                limit: 50,
                ..ArtistQuery::default()
            },
        )
        .expect("page");
        assert_eq!(page.total, 130);
        if page.rows.is_empty() {
            break;
        }
        offset += page.rows.len() as u32;
        seen.extend(page.rows.into_iter().map(|r| r.id));
    }
    let unique: std::collections::HashSet<_> = seen.iter().collect();
    assert_eq!(seen.len(), 130);
    assert_eq!(unique.len(), 130);
}

#[test]
fn higher_scores_come_first_when_sorted_by_score() {
    let (_folder, db) = database();
    artists::create(
        &db,
        ArtistFields {
            accounts: followed(Some(500)),
            ..card("Petite audience")
        },
    )
    .expect("create");
    artists::create(
        &db,
        ArtistFields {
            accounts: followed(Some(500_000)),
            ..card("Grande audience")
        },
    )
    .expect("create");
    let page = artists::list(
        &db,
        &ArtistQuery {
            sort: ArtistSortField::Score,
            direction: SortDirection::Desc,
            limit: 10,
            ..ArtistQuery::default()
        },
    )
    .expect("list");
    assert_eq!(page.rows[0].name, "Grande audience");
    assert!(page.rows[0].score > page.rows[1].score);
}

#[test]
fn editing_a_card_keeps_its_identity_and_updates_search() {
    let (_folder, db) = database();
    let created = artists::create(&db, card("Maelle Roux")).expect("create");
    let edited = artists::update(
        &db,
        &created.id,
        ArtistFields {
            stage_id: Some(StagePreset::Signed.id().to_owned()),
            genres: vec!["Rap".into()],
            ..card("Maëlle Roux")
        },
    )
    .expect("update");
    assert_eq!(edited.id, created.id);
    assert_eq!(
        edited.fields.stage_id.as_deref(),
        Some(StagePreset::Signed.id())
    );
    assert_eq!(edited.created_at, created.created_at);
    assert!(
        edited.score.total > created.score.total,
        "rap is one of MONA's genres"
    );
    assert_eq!(search(&db, "maelle"), ["Maëlle Roux"]);
    assert_eq!(artists::get(&db, &created.id).expect("get"), edited);
}

#[test]
fn deleted_artist_disappears_and_undo_brings_it_back_whole() {
    let (_folder, db) = database();
    let created = artists::create(
        &db,
        ArtistFields {
            city: Some("Lyon".into()),
            notes: "Signée en 2026".into(),
            ..card("Élodie Mars")
        },
    )
    .expect("create");
    artists::delete(&db, &created.id).expect("delete");
    assert!(search(&db, "elodie").is_empty());
    assert!(matches!(
        artists::get(&db, &created.id),
        Err(Error::NotFound {
            entity: Entity::Artist,
            ..
        })
    ));
    assert_eq!(
        artists::list(
            &db,
            &ArtistQuery {
                limit: 10,
                ..ArtistQuery::default()
            }
        )
        .expect("list")
        .total,
        0
    );

    let restored = artists::restore(&db, &created.id).expect("restore");
    assert_eq!(restored.fields, created.fields);
    assert_eq!(search(&db, "elodie"), ["Élodie Mars"]);
}

#[test]
fn deleting_twice_or_editing_a_deleted_card_says_it_is_gone() {
    let (_folder, db) = database();
    let created = artists::create(&db, card("Théo Mercier")).expect("create");
    artists::delete(&db, &created.id).expect("delete");
    assert!(matches!(
        artists::delete(&db, &created.id),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        artists::update(&db, &created.id, card("Théo")),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        artists::restore(&db, "01890000-0000-7000-8000-000000000000"),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn invalid_card_is_refused_with_every_field_named_and_nothing_saved() {
    let (_folder, db) = database();
    let error = artists::create(
        &db,
        ArtistFields {
            email: Some("pas-un-mail".into()),
            ..card("")
        },
    )
    .expect_err("refused");
    let Error::Invalid(errors) = error else {
        panic!("expected Invalid, got {error:?}")
    };
    assert_eq!(errors.0.len(), 2);
    assert_eq!(errors.0[0].problem, FieldProblem::Required);
    assert_eq!(errors.0[1].field, "email");
    assert_eq!(live_count(&db), 0);
}

#[test]
fn one_invalid_card_in_a_bulk_import_saves_none_of_them() {
    let (_folder, db) = database();
    let error = artists::create_many(&db, vec![card("Valide"), card(" ")]).expect_err("refused");
    let Error::Invalid(errors) = error else {
        panic!("expected Invalid")
    };
    assert_eq!(errors.0[0].field, "1.name");
    assert_eq!(live_count(&db), 0);
}

#[test]
fn demo_data_fills_an_empty_database_once() {
    let (_folder, db) = database();
    let summary = demo::load_if_empty(&db).expect("demo").expect("loaded");
    assert!(summary.artists >= 20);
    assert!(
        !mona_core::settings::get(&db).expect("settings").onboarded,
        "the first run still asks who uses this computer"
    );
    assert_eq!(search(&db, "kenza"), ["Kenza B."]);
    assert_eq!(demo::load_if_empty(&db).expect("second time"), None);
}

#[test]
fn starting_with_the_demo_opens_the_app_as_the_demo_teams_admin() {
    let (_folder, db) = database();
    demo::start_with_demo(&db).expect("demo");
    assert!(mona_core::settings::get(&db).expect("settings").onboarded);
    let me = mona_core::team::me(&db).expect("me").expect("chosen");
    assert_eq!(
        (me.name.as_str(), me.role),
        ("Camille Morel", mona_core::team::Role::Admin)
    );
}

#[test]
fn readers_see_committed_cards_while_the_writer_works() {
    let (_folder, db) = database();
    let db = std::sync::Arc::new(db);
    let writer = {
        let db = db.clone();
        std::thread::spawn(move || {
            for i in 0..40 {
                artists::create(&db, card(&format!("Artiste {i}"))).expect("create");
            }
        })
    };
    let mut last = 0;
    while !writer.is_finished() {
        let total = live_count(&db);
        assert!(total >= last, "a reader went back in time");
        last = total;
    }
    writer.join().expect("writer");
    assert_eq!(live_count(&db), 40);
}

#[test]
fn search_results_follow_score_changes_when_sorted_by_score() {
    let (_folder, db) = database();
    let small = artists::create(
        &db,
        ArtistFields {
            city: Some("Lyon".into()),
            accounts: followed(Some(100)),
            ..card("Petite")
        },
    )
    .expect("create");
    artists::create(
        &db,
        ArtistFields {
            city: Some("Lyon".into()),
            accounts: followed(Some(50_000)),
            ..card("Grande")
        },
    )
    .expect("create");
    let by_score = |db: &Database| {
        names(
            db,
            ArtistQuery {
                search: Some("lyon".into()),
                sort: ArtistSortField::Score,
                direction: SortDirection::Desc,
                limit: 10,
                ..ArtistQuery::default()
            },
        )
    };
    assert_eq!(by_score(&db), ["Grande", "Petite"]);
    artists::update(
        &db,
        &small.id,
        ArtistFields {
            city: Some("Lyon".into()),
            accounts: followed(Some(900_000)),
            ..card("Petite")
        },
    )
    .expect("grow");
    assert_eq!(by_score(&db), ["Petite", "Grande"]);
}

/// Every name the list shows for `typed` in one order, read five at a time
/// the way the screen scrolls.
fn every_page(
    db: &Database,
    typed: Option<&str>,
    sort: ArtistSortField,
    direction: SortDirection,
) -> Vec<String> {
    let mut shown = Vec::new();
    loop {
        let page = artists::list(
            db,
            &ArtistQuery {
                search: typed.map(str::to_owned),
                sort,
                direction,
                offset: shown.len() as u32,
                limit: 5,
                ..ArtistQuery::default()
            },
        )
        .expect("list");
        if page.rows.is_empty() {
            assert_eq!(
                shown.len() as u32,
                page.total,
                "{typed:?} {sort:?} {direction:?}"
            );
            return shown;
        }
        shown.extend(page.rows.into_iter().map(|r| r.name));
    }
}

#[test]
fn a_search_keeps_the_order_of_the_full_list_in_every_sort() {
    let (_folder, db) = database();
    let cities = [
        Some("Lyon"),
        None,
        Some("Marseille"),
        Some("lille"),
        Some("Évry"),
    ];
    let cards: Vec<ArtistFields> = (0..40)
        .map(|i| ArtistFields {
            // Every third card is a "Maëlle": a search for "ma" matches most
            // cards (cities Marseille, names Martin), "maelle" a third of them.
            name: if i % 3 == 0 {
                format!("Maëlle {} {i}", ["Roux", "Martin", "Sy", "Koné"][i % 4])
            } else {
                format!(
                    "{} {} {i}",
                    ["Noé", "Lou", "Kenza", "Théo"][i % 4],
                    ["Martin", "Vidal"][i % 2]
                )
            },
            city: cities[i % cities.len()].map(str::to_owned),
            accounts: followed((i % 4 != 1).then_some((i as u32 % 6) * 1000)),
            stage_id: Some(StagePreset::ALL[i % 6].id().to_owned()),
            ..ArtistFields::default()
        })
        .collect();
    artists::create_many(&db, cards.clone()).expect("create");
    let folded = |name: &str| name.replace('ë', "e").to_lowercase();

    for sort in ArtistSortField::ALL {
        for direction in [SortDirection::Asc, SortDirection::Desc] {
            let everyone = every_page(&db, None, sort, direction);
            assert_eq!(everyone.len(), 40);
            // "ma" is broad enough to walk the order's index, "maelle martin"
            // narrow enough to be sorted: both must agree with the full list.
            for typed in ["ma", "maelle", "maelle martin"] {
                let words: Vec<&str> = typed.split(' ').collect();
                let card_matches = |name: &String| {
                    let card = cards.iter().find(|c| &c.name == name).expect("card");
                    let text = folded(&format!(
                        "{} {}",
                        card.name,
                        card.city.clone().unwrap_or_default()
                    ));
                    words
                        .iter()
                        .all(|w| text.split(' ').any(|t| t.starts_with(w)))
                };
                let expected: Vec<String> = everyone
                    .iter()
                    .filter(|n| card_matches(n))
                    .cloned()
                    .collect();
                assert!(!expected.is_empty());
                assert_eq!(
                    every_page(&db, Some(typed), sort, direction),
                    expected,
                    "{typed:?} sorted by {sort:?} {direction:?}"
                );
                // The same once the order's ranks are read, as the app does
                // in the background after a page.
                artists::prepare_order(&db, sort, direction).expect("prepare");
                assert_eq!(
                    every_page(&db, Some(typed), sort, direction),
                    expected,
                    "{typed:?} sorted by {sort:?} {direction:?}, by rank"
                );
            }
        }
    }
}

#[test]
fn cards_without_a_city_or_an_audience_come_last_in_both_directions() {
    let (_folder, db) = database();
    for (name, city, followers) in [
        ("Noé", None, None),
        ("Lou", Some("Lyon"), Some(10)),
        ("Zoé", Some("Évry"), Some(5_000)),
        ("Théo", Some("Paris"), Some(200)),
    ] {
        artists::create(
            &db,
            ArtistFields {
                city: city.map(str::to_owned),
                accounts: followed(followers),
                ..card(name)
            },
        )
        .expect("create");
    }
    let sorted = |sort, direction| every_page(&db, None, sort, direction);
    assert_eq!(
        sorted(ArtistSortField::Audience, SortDirection::Desc),
        ["Zoé", "Théo", "Lou", "Noé"]
    );
    assert_eq!(
        sorted(ArtistSortField::Audience, SortDirection::Asc),
        ["Lou", "Théo", "Zoé", "Noé"]
    );
    assert_eq!(
        sorted(ArtistSortField::City, SortDirection::Asc)
            .last()
            .map(String::as_str),
        Some("Noé")
    );
    assert_eq!(
        sorted(ArtistSortField::City, SortDirection::Desc)
            .last()
            .map(String::as_str),
        Some("Noé")
    );
}

#[test]
fn a_card_keeps_its_languages_owner_and_the_people_around_the_artist() {
    use mona_core::artists::{ArtistContact, ContactRole};
    use mona_core::team::{self, MemberFields, Role};
    let (_folder, db) = database();
    let yanis = team::add_member(
        &db,
        MemberFields {
            name: "Yanis Belkacem".into(),
            email: None,
            role: Role::Manager,
            color: None,
            time_zone: None,
        },
    )
    .expect("member")
    .id;
    let created = artists::create(
        &db,
        ArtistFields {
            name: "Kenza B.".into(),
            languages: vec!["FR".into(), " en ".into(), "fr".into()],
            owner_id: Some(yanis.clone()),
            contacts: vec![
                ArtistContact {
                    role: ContactRole::Manager,
                    name: "Samir Haddad".into(),
                    email: Some("samir@bmanagement.fr".into()),
                    ..ArtistContact::default()
                },
                ArtistContact {
                    role: ContactRole::Label,
                    name: "Julie Caron".into(),
                    company: Some("Nuit Blanche Records".into()),
                    ..ArtistContact::default()
                },
            ],
            ..ArtistFields::default()
        },
    )
    .expect("card");
    assert_eq!(created.fields.languages, ["fr", "en"]);
    assert_eq!(created.fields.owner_id.as_deref(), Some(yanis.as_str()));
    let people: Vec<(ContactRole, &str)> = created
        .fields
        .contacts
        .iter()
        .map(|c| (c.role, c.name.as_str()))
        .collect();
    assert_eq!(
        people,
        [
            (ContactRole::Manager, "Samir Haddad"),
            (ContactRole::Label, "Julie Caron")
        ]
    );

    let mut fields = created.fields.clone();
    fields.contacts[0].email = Some("pas-un-mail".into());
    fields.languages.push("français".into());
    fields.owner_id = Some("personne".into());
    let Err(Error::Invalid(errors)) = artists::update(&db, &created.id, fields) else {
        panic!("invalid")
    };
    let wrong: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(wrong, ["languages", "contacts.0.email"]);
    let mut fields = created.fields.clone();
    fields.owner_id = Some("personne".into());
    let Err(Error::Invalid(errors)) = artists::update(&db, &created.id, fields) else {
        panic!("unknown owner")
    };
    assert_eq!(errors.0[0].problem, FieldProblem::UnknownMember);
}

#[test]
fn the_list_filtered_by_stage_score_and_owner_shows_exactly_those_cards_in_order() {
    use mona_core::artists::ArtistFilters;
    use mona_core::team::{self, MemberFields, Role};
    let (_folder, db) = database();
    let ines = team::add_member(
        &db,
        MemberFields {
            name: "Inès Laurent".into(),
            email: None,
            role: Role::Streamer,
            color: None,
            time_zone: None,
        },
    )
    .expect("member")
    .id;
    let cards: Vec<ArtistFields> = (0..30)
        .map(|i| ArtistFields {
            name: format!("{} {i}", ["Élodie", "Noé", "Lou"][i % 3]),
            accounts: followed(Some((i as u32 % 5) * 20_000)),
            genres: if i % 2 == 0 {
                vec!["rap".into()]
            } else {
                vec![]
            },
            stage_id: Some(StagePreset::ALL[i % 3].id().to_owned()),
            owner_id: (i % 4 == 0).then(|| ines.clone()),
            ..ArtistFields::default()
        })
        .collect();
    artists::create_many(&db, cards).expect("create");
    let all = artists::list(
        &db,
        &ArtistQuery {
            limit: 100,
            sort: ArtistSortField::Score,
            direction: SortDirection::Desc,
            ..ArtistQuery::default()
        },
    )
    .expect("all");
    let stage_of = |name: &str| {
        let n: usize = name
            .rsplit(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .expect("number");
        (n % 3, n.is_multiple_of(4))
    };
    for (filters, typed) in [
        (
            ArtistFilters {
                stage_ids: vec![StagePreset::Contacted.id().into()],
                ..ArtistFilters::default()
            },
            None,
        ),
        (
            ArtistFilters {
                min_score: Some(10),
                max_score: Some(30),
                ..ArtistFilters::default()
            },
            None,
        ),
        (
            ArtistFilters {
                owner_id: Some(ines.clone()),
                ..ArtistFilters::default()
            },
            None,
        ),
        (
            ArtistFilters {
                stage_ids: vec![StagePreset::Identified.id().into()],
                ..ArtistFilters::default()
            },
            Some("elo"),
        ),
    ] {
        let page = artists::list(
            &db,
            &ArtistQuery {
                search: typed.map(str::to_owned),
                sort: ArtistSortField::Score,
                direction: SortDirection::Desc,
                limit: 100,
                filters: filters.clone(),
                ..ArtistQuery::default()
            },
        )
        .expect("filtered");
        let expected: Vec<&str> = all
            .rows
            .iter()
            .filter(|r| {
                let (stage, followed_by_ines) = stage_of(&r.name);
                filters
                    .stage_ids
                    .iter()
                    .all(|s| s == StagePreset::ALL[stage].id())
                    && filters.min_score.is_none_or(|m| r.score >= m)
                    && filters.max_score.is_none_or(|m| r.score <= m)
                    && (filters.owner_id.is_none() || followed_by_ines)
                    && typed.is_none_or(|_| r.name.starts_with("Élodie"))
            })
            .map(|r| r.name.as_str())
            .collect();
        let shown: Vec<&str> = page.rows.iter().map(|r| r.name.as_str()).collect();
        assert!(!expected.is_empty(), "{filters:?}");
        assert_eq!(shown, expected, "{filters:?} {typed:?}");
        assert_eq!(page.total as usize, expected.len());
    }
}

#[test]
fn a_saved_view_keeps_the_search_order_and_filters_and_its_name_replaces_it() {
    use mona_core::artists::ArtistFilters;
    let (_folder, db) = database();
    let query = ArtistQuery {
        search: Some("rap".into()),
        sort: ArtistSortField::Score,
        direction: SortDirection::Desc,
        offset: 200,
        limit: 100,
        filters: ArtistFilters {
            min_score: Some(60),
            ..ArtistFilters::default()
        },
    };
    let views = artists::save_view(&db, "  Rap, score ≥ 60 ", &query).expect("saved");
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].name, "Rap, score ≥ 60");
    assert_eq!(views[0].query.filters.min_score, Some(60));
    assert_eq!(
        (views[0].query.offset, views[0].query.limit),
        (0, 0),
        "the page is not kept"
    );

    let again = ArtistQuery {
        search: None,
        ..query
    };
    let views = artists::save_view(&db, "rap, SCORE ≥ 60", &again).expect("replaced");
    assert_eq!(views.len(), 1);
    assert_eq!(views[0].query.search, None);

    let blank = artists::save_view(&db, " ", &again).expect_err("no name");
    assert!(matches!(blank, Error::Invalid(_)));
    assert!(
        artists::remove_view(&db, &views[0].id)
            .expect("removed")
            .is_empty()
    );
}

/// The first row the list shows for what was typed.
fn first_found(db: &Database, typed: &str) -> mona_core::artists::ArtistRow {
    artists::list(
        db,
        &ArtistQuery {
            search: Some(typed.to_owned()),
            limit: 1,
            ..ArtistQuery::default()
        },
    )
    .expect("list")
    .rows
    .remove(0)
}

/// The names on the first page of the list filtered by `filters`, by name.
fn filtered(db: &Database, filters: mona_core::artists::ArtistFilters) -> Vec<String> {
    names(
        db,
        ArtistQuery {
            filters,
            limit: 100,
            ..ArtistQuery::default()
        },
    )
}

#[test]
fn a_tag_put_on_a_card_shows_in_the_list_and_filters_it_until_taken_off() {
    use mona_core::artists::ArtistFilters;
    use mona_core::tags;
    let (_folder, db) = database();
    let tour = tags::create(&db, "Tournée 2027").expect("tag");
    let press = tags::create(&db, "Presse").expect("tag");
    let elodie = artists::create(
        &db,
        ArtistFields {
            tags: vec![tour.id.clone(), press.id.clone(), tour.id.clone()],
            ..card("Élodie Mars")
        },
    )
    .expect("create");
    artists::create(&db, card("Noé Lacroix")).expect("create");
    assert_eq!(
        elodie.fields.tags,
        [press.id.clone(), tour.id.clone()],
        "once each, by name"
    );
    let row = &artists::list(
        &db,
        &ArtistQuery {
            limit: 10,
            ..ArtistQuery::default()
        },
    )
    .expect("list")
    .rows[0];
    assert_eq!(row.tags, ["Presse", "Tournée 2027"]);

    let on_tour = ArtistFilters {
        tag_id: Some(tour.id.clone()),
        ..ArtistFilters::default()
    };
    assert_eq!(filtered(&db, on_tour.clone()), ["Élodie Mars"]);

    let mut fields = elodie.fields;
    fields.tags = vec![press.id.clone()];
    artists::update(&db, &elodie.id, fields.clone()).expect("tag taken off");
    assert!(filtered(&db, on_tour.clone()).is_empty());
    fields.tags = vec![press.id.clone(), tour.id.clone()];
    artists::update(&db, &elodie.id, fields).expect("put back");
    assert_eq!(filtered(&db, on_tour.clone()), ["Élodie Mars"]);

    // A deleted card leaves the filter; restored, it comes back with its tags.
    artists::delete(&db, &elodie.id).expect("delete");
    assert!(filtered(&db, on_tour.clone()).is_empty());
    artists::restore(&db, &elodie.id).expect("restore");
    assert_eq!(filtered(&db, on_tour), ["Élodie Mars"]);
}

#[test]
fn a_tag_removed_by_a_colleague_meanwhile_is_named_not_saved() {
    let (_folder, db) = database();
    let refused = artists::create(
        &db,
        ArtistFields {
            tags: vec!["0193a001-0000-7000-8000-00000000dead".into()],
            ..card("Élodie Mars")
        },
    );
    let Err(Error::Invalid(errors)) = refused else {
        panic!("refused: {refused:?}");
    };
    assert_eq!(errors.0[0].field, "tags");
    assert_eq!(errors.0[0].problem, FieldProblem::UnknownTag);
    assert_eq!(live_count(&db), 0, "nothing half saved");
}

#[test]
fn the_genre_filter_ignores_case_and_accents_and_counts_each_genre() {
    use mona_core::artists::{ArtistFilters, GenreCount};
    let (_folder, db) = database();
    for (name, genres) in [
        ("Élodie Mars", vec!["Électro", "Pop"]),
        ("Noé Lacroix", vec!["electro"]),
        ("Lou Bernard", vec!["Rap"]),
    ] {
        artists::create(
            &db,
            ArtistFields {
                genres: genres.into_iter().map(str::to_owned).collect(),
                ..card(name)
            },
        )
        .expect("create");
    }
    let electro = ArtistFilters {
        genre: Some("ELECTRO".into()),
        ..ArtistFilters::default()
    };
    assert_eq!(
        filtered(&db, electro.clone()),
        ["Élodie Mars", "Noé Lacroix"]
    );
    let genres = artists::genres(&db).expect("genres");
    assert_eq!(genres[0].cards, 2);
    assert!(genres[1..].iter().all(|g| g.cards == 1));
    assert_eq!(genres.len(), 3);
    assert!(genres.contains(&GenreCount {
        name: "Rap".into(),
        cards: 1
    }));

    // The genre edited away, the card leaves the filter.
    let noe = first_found(&db, "noe").id;
    let mut fields = artists::get(&db, &noe).expect("card").fields;
    fields.genres = vec!["House".into()];
    artists::update(&db, &noe, fields).expect("edit");
    assert_eq!(filtered(&db, electro), ["Élodie Mars"]);
}

#[test]
fn artists_not_contacted_for_a_month_are_the_ones_to_call_back() {
    use mona_core::artists::{ArtistFilters, LastContact};
    use mona_core::interactions::{self, Direction};
    let (_folder, db) = database();
    let mut ids = Vec::new();
    for name in ["Élodie Mars", "Noé Lacroix", "Lou Bernard"] {
        ids.push(artists::create(&db, card(name)).expect("create").id);
    }
    let log = |id: &str, days: i64| {
        interactions::log(&db, exchange(id, Direction::Outbound, days, "Appel")).expect("log")
    };
    log(&ids[0], 3);
    let old = log(&ids[1], 45);
    log(&ids[1], 60);

    let not_for_30 = ArtistFilters {
        last_contact: Some(LastContact::NotFor { days: 30 }),
        ..ArtistFilters::default()
    };
    assert_eq!(
        filtered(&db, not_for_30.clone()),
        ["Lou Bernard", "Noé Lacroix"]
    );
    let counted = artists::list(
        &db,
        &ArtistQuery {
            filters: not_for_30.clone(),
            limit: 1,
            ..ArtistQuery::default()
        },
    )
    .expect("count")
    .total;
    assert_eq!(counted, 2, "the count the screen shows");
    assert_eq!(
        filtered(
            &db,
            ArtistFilters {
                last_contact: Some(LastContact::Within { days: 7 }),
                ..ArtistFilters::default()
            }
        ),
        ["Élodie Mars"]
    );
    assert_eq!(
        filtered(
            &db,
            ArtistFilters {
                last_contact: Some(LastContact::Never),
                ..ArtistFilters::default()
            }
        ),
        ["Lou Bernard"]
    );
    // Sorted by last contact, the most recent first; never contacted last.
    let by_contact = names(
        &db,
        ArtistQuery {
            sort: ArtistSortField::LastContact,
            direction: SortDirection::Desc,
            limit: 10,
            ..ArtistQuery::default()
        },
    );
    assert_eq!(by_contact, ["Élodie Mars", "Noé Lacroix", "Lou Bernard"]);

    // The call of 45 days ago was logged by mistake: removed, Noé's latest
    // exchange is 60 days old; a call today takes Noé off the list.
    interactions::delete(&db, &old.id).expect("remove");
    let row = first_found(&db, "noe");
    assert_eq!(
        row.last_contact_at.as_deref().map(|d| &d[..10]),
        Some(&days_ago(60)[..10])
    );
    log(&ids[1], 0);
    assert_eq!(filtered(&db, not_for_30), ["Lou Bernard"]);
}

#[test]
fn genre_tag_and_contact_filters_combine_with_each_other_and_a_search() {
    use mona_core::artists::{ArtistFilters, LastContact};
    use mona_core::tags;
    let (_folder, db) = database();
    let press = tags::create(&db, "Presse").expect("tag");
    let cards: Vec<ArtistFields> = (0..40)
        .map(|i| ArtistFields {
            name: format!("{} {i}", ["Élodie", "Noé"][i % 2]),
            genres: if i % 3 == 0 {
                vec!["Rap".into()]
            } else {
                vec!["Pop".into()]
            },
            tags: if i % 4 == 0 {
                vec![press.id.clone()]
            } else {
                vec![]
            },
            ..ArtistFields::default()
        })
        .collect();
    artists::create_many(&db, cards).expect("create");
    let filters = ArtistFilters {
        genre: Some("rap".into()),
        tag_id: Some(press.id.clone()),
        last_contact: Some(LastContact::Never),
        ..ArtistFilters::default()
    };
    let shown = names(
        &db,
        ArtistQuery {
            search: Some("elodie".into()),
            filters,
            limit: 100,
            ..ArtistQuery::default()
        },
    );
    // Élodie: even numbers; rap: multiples of 3; press: multiples of 4.
    assert_eq!(shown, ["Élodie 0", "Élodie 12", "Élodie 24", "Élodie 36"]);
}

/// The first page of a search, with why each card was found when not by its name.
fn found_with_hints(
    db: &Database,
    typed: &str,
) -> Vec<(String, Option<mona_core::artists::SearchHint>)> {
    artists::list(
        db,
        &ArtistQuery {
            search: Some(typed.to_owned()),
            limit: 50,
            ..ArtistQuery::default()
        },
    )
    .expect("list")
    .rows
    .into_iter()
    .map(|r| (r.name, r.found_in))
    .collect()
}

#[test]
fn an_artist_is_found_by_a_handle_a_note_or_what_was_said_and_the_row_says_where() {
    use mona_core::artists::{Platform, SearchHint, SocialAccount};
    use mona_core::interactions::{self, Direction};
    let (_folder, db) = database();
    let lou = artists::create(
        &db,
        ArtistFields {
            accounts: vec![SocialAccount {
                platform: Platform::Instagram,
                handle: Some("lou_beats".into()),
                ..SocialAccount::default()
            }],
            notes: "Rencontrée au festival des Vieilles Charrues, très à l'aise sur scène.".into(),
            ..card("Lou Bernard")
        },
    )
    .expect("create")
    .id;
    let noe = artists::create(&db, card("Noé Lacroix"))
        .expect("create")
        .id;
    artists::create(
        &db,
        ArtistFields {
            city: Some("Montréal".into()),
            ..card("Élodie Mars")
        },
    )
    .expect("create");
    let call = interactions::log(
        &db,
        exchange(
            &noe,
            Direction::Inbound,
            2,
            "Son manager confirme une date à Montréal en mars.",
        ),
    )
    .expect("log");

    assert_eq!(
        found_with_hints(&db, "beats"),
        [(
            "Lou Bernard".to_owned(),
            Some(SearchHint::Handle {
                handle: "lou_beats".into()
            })
        )]
    );
    assert_eq!(
        found_with_hints(&db, "charrues"),
        [(
            "Lou Bernard".to_owned(),
            Some(SearchHint::Notes {
                excerpt: "Rencontrée au festival des Vieilles Charrues, très à l'aise sur scène"
                    .into()
            })
        )]
    );
    // Élodie lives there: found by her city, nothing to explain; Noé was
    // found by what his manager said, with the day it was said.
    let montreal = found_with_hints(&db, "montreal");
    assert_eq!(montreal[0], ("Élodie Mars".to_owned(), None));
    assert_eq!(montreal[1].0, "Noé Lacroix");
    let Some(SearchHint::Exchange {
        excerpt,
        occurred_at,
    }) = &montreal[1].1
    else {
        panic!("Noé found by an exchange: {:?}", montreal[1]);
    };
    assert_eq!(excerpt, "Son manager confirme une date à Montréal en mars");
    assert_eq!(occurred_at, &call.fields.occurred_at);
    // Two words, one in the name and one in the notes.
    assert_eq!(found_with_hints(&db, "lou festival").len(), 1);

    // Reworded, the exchange no longer says it; the handle changed, the old one is gone.
    interactions::update(
        &db,
        &call.id,
        exchange(&noe, Direction::Inbound, 2, "Date à Québec en mars."),
    )
    .expect("reword");
    assert_eq!(search(&db, "montreal"), ["Élodie Mars"]);
    assert_eq!(search(&db, "quebec"), ["Noé Lacroix"]);
    let mut edited = artists::get(&db, &lou).expect("get").fields;
    edited.accounts[0].handle = Some("lou_live".into());
    artists::update(&db, &lou, edited).expect("edit");
    assert!(search(&db, "beats").is_empty());
    assert_eq!(search(&db, "lou_live"), ["Lou Bernard"]);
    interactions::delete(&db, &call.id).expect("remove");
    assert!(search(&db, "quebec").is_empty());
}

#[test]
fn the_card_lists_the_tasks_and_events_about_the_artist_and_no_one_elses() {
    use mona_core::events::{self, EventFields};
    use mona_core::tasks::{self, TaskFields, TaskFilter, TaskStatus};
    let (_folder, db) = database();
    let lina = artists::create(&db, card("Lina Rose")).expect("lina").id;
    let theo = artists::create(&db, card("Théo Martin")).expect("theo").id;
    let about = |title: &str, artist: &str, status: TaskStatus| {
        tasks::create(
            &db,
            TaskFields {
                title: title.into(),
                artist_id: Some(artist.into()),
                status,
                ..TaskFields::default()
            },
        )
        .expect("task");
    };
    about("Envoyer le contrat", &lina, TaskStatus::Todo);
    about("Monter le teaser", &lina, TaskStatus::Done);
    about("Appeler le label", &theo, TaskStatus::Todo);
    let hers = tasks::list(
        &db,
        &TaskFilter {
            artist: Some(lina.clone()),
            include_closed: true,
            ..TaskFilter::default()
        },
    )
    .expect("tasks");
    let mut titles: Vec<_> = hers.iter().map(|t| t.fields.title.as_str()).collect();
    titles.sort_unstable();
    assert_eq!(titles, ["Envoyer le contrat", "Monter le teaser"]);

    let event = |title: &str, day: &str, artist: &str| {
        events::create(
            &db,
            EventFields {
                title: title.into(),
                starts_at: format!("{day}T19:00:00Z"),
                ends_at: format!("{day}T21:00:00Z"),
                time_zone: "Europe/Paris".into(),
                artist_id: Some(artist.into()),
                ..EventFields::default()
            },
        )
        .expect("event");
    };
    event("Live de sortie", "2027-03-02", &lina);
    event("Shooting photo", "2026-10-12", &lina);
    event("Concert à Lyon", "2027-01-20", &theo);
    let titles: Vec<_> = events::of_artist(&db, &lina)
        .expect("events")
        .into_iter()
        .map(|e| e.fields.title)
        .collect();
    assert_eq!(
        titles,
        ["Shooting photo", "Live de sortie"],
        "in time order"
    );
}

#[test]
fn tidying_the_search_index_in_small_steps_finds_the_same_artists_and_then_stops() {
    use mona_core::artists::search_index;
    use mona_core::interactions::{self, Direction};
    let (_folder, db) = database();
    // A lived-in index: every exchange logged rewrites its card's index row.
    let cities = ["Lyon", "Montréal", "Lille"];
    let mut cards = Vec::new();
    for n in 0..60 {
        let fields = ArtistFields {
            city: Some(cities[n % 3].to_owned()),
            ..card(&format!("Artiste {n}"))
        };
        cards.push(artists::create(&db, fields).expect("create").id);
    }
    for (n, id) in cards.iter().enumerate() {
        for day in 0..4 {
            let summary = format!("Budget tournée {n}, point du jour {day}");
            interactions::log(&db, exchange(id, Direction::Outbound, day, &summary)).expect("log");
        }
    }
    let typed = ["lyon", "budget", "tournee 4", "montreal", "artiste 5"];
    let before: Vec<Vec<String>> = typed.iter().map(|t| search(&db, t)).collect();
    assert_eq!(before[0].len(), 20);

    let mut steps = 0;
    while search_index::tidy(&db, 2).expect("tidy") {
        steps += 1;
        assert!(steps < 1_000, "tidying ends");
    }
    assert!(steps > 0, "a lived-in index had pieces to merge");
    let after: Vec<Vec<String>> = typed.iter().map(|t| search(&db, t)).collect();
    assert_eq!(after, before);
    assert!(
        !search_index::tidy(&db, 2).expect("tidy"),
        "nothing left to merge"
    );
}

#[test]
fn a_search_follows_a_renamed_card_and_new_ones_at_once() {
    let (_folder, db) = database();
    // Each search twice: as answered right after a change, and once the
    // order's ranks were read again (the app does it after a page).
    let search = |db: &Database, typed: &str| {
        let right_after = search(db, typed);
        artists::prepare_order(db, ArtistSortField::Name, SortDirection::Asc).expect("prepare");
        assert_eq!(search(db, typed), right_after, "{typed:?} by rank");
        right_after
    };
    for name in ["Zoé Martin", "Marc Olivier", "Léa Marin"] {
        artists::create(&db, card(name)).expect("create");
    }
    assert_eq!(
        search(&db, "mar"),
        ["Léa Marin", "Marc Olivier", "Zoé Martin"]
    );
    let zoe = first_found(&db, "zoe").id;
    let mut fields = artists::get(&db, &zoe).expect("card").fields;
    fields.name = "Aline Martin".into();
    artists::update(&db, &zoe, fields).expect("rename");
    artists::create(&db, card("Bruno Marchal")).expect("create");
    assert_eq!(
        search(&db, "mar"),
        ["Aline Martin", "Bruno Marchal", "Léa Marin", "Marc Olivier"]
    );
    // An import rebuilds the whole list in one go.
    let sheet = "Nom;Ville\nAmbre Marceau;Lyon\nYanis Marly;Lille\n";
    let mapping = artists::import::read(sheet.as_bytes())
        .expect("read")
        .mapping;
    artists::import::import(
        &db,
        sheet.as_bytes(),
        &mapping,
        &artists::import::ImportChoices::default(),
        &mut |_| {},
        &std::sync::atomic::AtomicBool::new(false),
    )
    .expect("import");
    assert_eq!(
        search(&db, "mar"),
        [
            "Aline Martin",
            "Ambre Marceau",
            "Bruno Marchal",
            "Léa Marin",
            "Marc Olivier",
            "Yanis Marly"
        ]
    );
}

#[test]
fn a_search_in_every_order_is_right_just_after_each_kind_of_change() {
    // The ranks an order keeps in memory survive the changes that do not
    // move it (a card's notes saved keep the name order's): each page is
    // checked, right after the change, against the same page found by a
    // database opened afresh, which has no ranks yet.
    let (folder, db) = database();
    let mut db = Some(db);
    let mut ids = Vec::new();
    for (name, city, audience) in [
        ("Mara Lenoir", Some("Lyon"), Some(1_200)),
        ("Marius Petit", None, Some(40)),
        ("Amaury Blanc", Some("Évry"), None),
        ("Maëlle Roux", Some("Paris"), Some(90_000)),
        ("Omar Dali", Some("Lille"), Some(5)),
    ] {
        let fields = ArtistFields {
            city: city.map(str::to_owned),
            accounts: followed(audience),
            ..card(name)
        };
        ids.push(artists::create(now(&db), fields).expect("create").id);
    }
    let stages = mona_core::pipeline::stages(now(&db)).expect("stages");
    let edit = |db: &Database, id: &str, change: &dyn Fn(&mut ArtistFields)| {
        let mut fields = artists::get(db, id).expect("card").fields;
        change(&mut fields);
        artists::update(db, id, fields).expect("save");
    };
    let mut round = 0_u32;
    let mut change = |db: &Database, kind: usize| {
        round += 1;
        let at = round as usize % ids.len();
        let id = &ids[at].clone();
        match kind {
            0 => edit(db, id, &|f| f.notes = format!("Relancer ({round})")),
            1 => edit(db, id, &|f| f.name = format!("Marin {round}")),
            2 => edit(db, id, &|f| {
                f.city = Some(format!("Ville {}", 9 - round % 9))
            }),
            3 => edit(db, id, &|f| f.accounts = followed(Some(round * 37 % 500))),
            4 => {
                let stage = &stages[round as usize % stages.len()].id;
                let lost = Some("Pas disponible");
                mona_core::pipeline::move_artist(db, id, stage, lost).expect("move");
            }
            5 => {
                let days = i64::from(round % 30);
                let call = exchange(
                    id,
                    mona_core::interactions::Direction::Outbound,
                    days,
                    "Appel",
                );
                mona_core::interactions::log(db, call).expect("log");
            }
            _ => {
                let id = artists::create(db, card(&format!("Mathis {round}")))
                    .expect("create")
                    .id;
                artists::delete(db, &ids[at]).expect("delete");
                ids[at] = id;
            }
        }
    };
    let page = |db: &Database, sort, direction| {
        names(
            db,
            ArtistQuery {
                search: Some("ma".into()),
                sort,
                direction,
                limit: 3,
                ..ArtistQuery::default()
            },
        )
    };
    for sort in ArtistSortField::ALL {
        for direction in [SortDirection::Asc, SortDirection::Desc] {
            for kind in 0..7 {
                artists::prepare_order(now(&db), sort, direction).expect("prepare");
                change(now(&db), kind);
                let right_after = page(now(&db), sort, direction);
                drop(db.take());
                db = Some(Database::open(folder.path()).expect("open again"));
                assert_eq!(
                    right_after,
                    page(now(&db), sort, direction),
                    "{sort:?} {direction:?}, change {kind}"
                );
            }
        }
    }
}

/// The database a test reopens along the way.
fn now(db: &Option<Database>) -> &Database {
    db.as_ref().expect("open")
}
