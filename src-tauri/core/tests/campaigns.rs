//! MONA's campaigns: an offer of the catalogue sold to an artist becomes
//! tasks in Planning, content to publish and deliverables to prove, all at
//! once; money adds up to the cent; the team shapes its own catalogue.

mod support;

use mona_core::campaigns::{
    self, AssignTo, CampaignStatus, Offer, PaymentStatus, Sale, TemplateItem, TemplatePart, Tier,
};
use mona_core::responsibilities::{self, Part, Subject};
use mona_core::scoring::Measure;
use mona_core::tasks::{self, TaskFilter};
use mona_core::team::{self, Role};
use mona_core::validation::FieldProblem;
use mona_core::{Database, Error, artists};
use support::{artist, database, person};

fn offer(db: &Database, tier: Tier) -> Offer {
    campaigns::catalogue(db)
        .expect("catalogue")
        .into_iter()
        .find(|o| o.tier == tier)
        .expect("offer")
}

fn sale(artist_id: &str, offer: &Offer, starts_on: &str) -> Sale {
    Sale {
        artist_id: artist_id.into(),
        offer_id: offer.id.clone().expect("id"),
        starts_on: starts_on.into(),
        ..Sale::default()
    }
}

fn problem(error: Error, field: &str) -> FieldProblem {
    let Error::Invalid(errors) = error else {
        panic!("{error:?}")
    };
    errors
        .0
        .into_iter()
        .find(|e| e.field == field)
        .unwrap_or_else(|| panic!("no error on {field}"))
        .problem
}

#[test]
fn a_390_campaign_sold_to_an_artist_puts_its_tasks_in_planning_for_the_right_people() {
    let (_folder, db) = database();
    let camille = team::add_member(&db, person("Camille Morel", Role::Admin))
        .expect("Camille")
        .id;
    team::choose_me(&db, &camille).expect("me");
    let ines = team::add_member(&db, person("Inès Laurent", Role::Streamer))
        .expect("Inès")
        .id;
    let yanis = team::add_member(&db, person("Yanis Belkacem", Role::Manager))
        .expect("Yanis")
        .id;
    let nadia = artist(&db, "Nadia K");
    responsibilities::set(
        &db,
        Subject::Artist,
        &nadia,
        &yanis,
        Some(Part::Responsible),
    )
    .expect("responsible");

    let boost = offer(&db, Tier::Boost390);
    let campaign = campaigns::sell(&db, sale(&nadia, &boost, "2026-12-07")).expect("sold");
    assert_eq!(
        (campaign.price_minor, campaign.currency.as_str()),
        (39_000, "EUR")
    );
    assert_eq!(campaign.status, CampaignStatus::Sold);
    assert_eq!(campaign.payment_status, PaymentStatus::Unpaid);
    assert_eq!(
        campaign.ends_on.as_deref(),
        Some("2027-01-11"),
        "35 days: its last deliverable"
    );
    let template_tasks = boost
        .items
        .iter()
        .filter(|i| i.part == TemplatePart::Task)
        .count();
    assert_eq!(campaign.tasks as usize, template_tasks);
    assert_eq!(
        campaign.deliverables.len(),
        boost
            .items
            .iter()
            .filter(|i| i.part == TemplatePart::Deliverable)
            .count()
    );

    let planned = tasks::list(&db, &TaskFilter::default()).expect("tasks");
    let brief = planned
        .iter()
        .find(|t| t.fields.title.starts_with("Brief"))
        .expect("brief");
    assert_eq!(
        brief.fields.title,
        "Brief de campagne avec l'artiste — Nadia K"
    );
    assert_eq!(
        brief.fields.due_at.as_deref(),
        Some("2026-12-07T09:00:00.000Z"),
        "10:00 in Paris"
    );
    assert_eq!(brief.fields.assignees, [camille], "the seller");
    assert_eq!(brief.fields.artist_id.as_deref(), Some(nadia.as_str()));
    let live = planned
        .iter()
        .find(|t| t.fields.title.starts_with("Préparer le live"))
        .expect("live");
    assert_eq!(live.fields.assignees, [ines], "the streamers");
    assert_eq!(
        live.fields.due_at.as_deref(),
        Some("2026-12-12T09:00:00.000Z")
    );
    let press = planned
        .iter()
        .find(|t| t.fields.title.starts_with("Relance presse"))
        .expect("press");
    assert_eq!(press.fields.assignees, [yanis], "the artist's responsible");
    assert_eq!(
        campaigns::of_artist(&db, &nadia).expect("campaigns")[0].id,
        campaign.id
    );
}

#[test]
fn the_490_offer_takes_more_but_never_less_and_a_negative_price_is_refused() {
    let (_folder, db) = database();
    let lou = artist(&db, "Lou Vidal");
    let premium = offer(&db, Tier::Premium490);
    let more = campaigns::sell(
        &db,
        Sale {
            price_minor: Some(69_000),
            ..sale(&lou, &premium, "2026-12-07")
        },
    )
    .expect("690 €");
    assert_eq!(more.price_minor, 69_000);
    let less = campaigns::sell(
        &db,
        Sale {
            price_minor: Some(45_000),
            ..sale(&lou, &premium, "2026-12-07")
        },
    )
    .expect_err("450 €");
    assert_eq!(
        problem(less, "priceMinor"),
        FieldProblem::TooSmall { min: 49_000 }
    );
    let essential = offer(&db, Tier::Essential290);
    let negative = campaigns::sell(
        &db,
        Sale {
            price_minor: Some(-100),
            ..sale(&lou, &essential, "2026-12-07")
        },
    )
    .expect_err("negative");
    assert_eq!(
        problem(negative, "priceMinor"),
        FieldProblem::TooSmall { min: 0 }
    );
    let no_day = campaigns::sell(&db, sale(&lou, &essential, "31/02/2026")).expect_err("day");
    assert_eq!(problem(no_day, "startsOn"), FieldProblem::InvalidDay);
    let today = mona_core::clock::today();
    let two_years = jiff::Span::new().days(730);
    let long_ago = today.saturating_sub(two_years).to_string();
    let far_ahead = today.saturating_add(two_years).to_string();
    let past = campaigns::sell(&db, sale(&lou, &essential, &long_ago)).expect_err("past");
    assert_eq!(problem(past, "startsOn"), FieldProblem::TooFarBack);
    let ahead = campaigns::sell(&db, sale(&lou, &essential, &far_ahead)).expect_err("ahead");
    assert_eq!(problem(ahead, "startsOn"), FieldProblem::TooFarAhead);
    assert_eq!(
        campaigns::of_artist(&db, &lou).expect("campaigns").len(),
        1,
        "nothing half-sold"
    );
}

#[test]
fn revenue_adds_up_month_by_month_to_the_cent_without_cancelled_sales() {
    let (_folder, db) = database();
    let kenza = artist(&db, "Kenza B.");
    let boost = offer(&db, Tier::Boost390);
    let essential = offer(&db, Tier::Essential290);
    let mut sold = Vec::new();
    for (offer, price) in [
        (&boost, 39_000),
        (&boost, 39_050),
        (&essential, 29_000),
        (&boost, 39_000),
    ] {
        sold.push(
            campaigns::sell(
                &db,
                Sale {
                    price_minor: Some(price),
                    ..sale(&kenza, offer, "2026-12-07")
                },
            )
            .expect("sold"),
        );
    }
    campaigns::set_status(&db, &sold[3].id, CampaignStatus::Cancelled).expect("cancelled");
    campaigns::set_payment(&db, &sold[0].id, PaymentStatus::Paid, None).expect("paid");
    campaigns::set_payment(&db, &sold[1].id, PaymentStatus::Deposit, None).expect("deposit");

    let months = campaigns::revenue(&db, 3).expect("revenue");
    assert_eq!(months.len(), 3);
    let this_month = months.last().expect("this month");
    assert_eq!(this_month.campaigns, 3);
    assert_eq!(this_month.sold_minor, 39_000 + 39_050 + 29_000);
    assert_eq!(
        this_month.paid_minor, 39_000,
        "a deposit is not the whole payment"
    );
    assert!(
        months[..2]
            .iter()
            .all(|m| m.campaigns == 0 && m.sold_minor == 0)
    );
    let paid = campaigns::of_artist(&db, &kenza).expect("campaigns");
    assert!(
        paid.iter()
            .any(|c| c.payment_status == PaymentStatus::Paid && c.paid_on.is_some())
    );
}

#[test]
fn a_completed_campaign_counts_for_the_artists_reliability() {
    let (_folder, db) = database();
    let noe = artist(&db, "Noé Lacroix");
    let campaign = campaigns::sell(
        &db,
        sale(&noe, &offer(&db, Tier::Essential290), "2026-12-07"),
    )
    .expect("sold");
    campaigns::set_status(&db, &campaign.id, CampaignStatus::Completed).expect("completed");
    let card = artists::get(&db, &noe).expect("card");
    let reliability = card
        .score
        .lines
        .iter()
        .find(|l| matches!(l.measure, Measure::Reliability { .. }))
        .expect("reliability line");
    assert!(
        matches!(
            reliability.measure,
            Measure::Reliability { completed: 1, .. }
        ),
        "{reliability:?}"
    );
}

#[test]
fn the_team_reshapes_an_offer_and_the_next_sale_follows_while_sold_ones_keep_theirs() {
    let (_folder, db) = database();
    let maelle = artist(&db, "Maëlle Roux");
    let first = campaigns::sell(
        &db,
        sale(&maelle, &offer(&db, Tier::Essential290), "2026-12-07"),
    )
    .expect("sold");

    let mut essential = offer(&db, Tier::Essential290);
    essential.name = "Essentiel +".into();
    essential.price_minor = 31_000;
    essential.items.push(TemplateItem {
        part: TemplatePart::Task,
        title: "Appel de suivi".into(),
        due_after_days: 10,
        assign_to: AssignTo::Seller,
        ..TemplateItem::default()
    });
    let blank_line = campaigns::save_offer(
        &db,
        Offer {
            items: vec![TemplateItem {
                title: "  ".into(),
                ..TemplateItem::default()
            }],
            ..essential.clone()
        },
    )
    .expect_err("blank line");
    assert_eq!(problem(blank_line, "items.0.title"), FieldProblem::Required);
    campaigns::save_offer(&db, essential.clone()).expect("saved");

    let second = campaigns::sell(
        &db,
        sale(&maelle, &offer(&db, Tier::Essential290), "2026-12-07"),
    )
    .expect("sold");
    assert_eq!(second.price_minor, 31_000);
    assert_eq!(second.offer_name, "Essentiel +");
    assert_eq!(second.tasks, first.tasks + 1);
    let first_again = campaigns::of_artist(&db, &maelle)
        .expect("campaigns")
        .into_iter()
        .find(|c| c.id == first.id)
        .expect("first");
    assert_eq!(first_again.price_minor, 29_000, "a sold price never moves");
    assert_eq!(first_again.tasks, first.tasks);
}

#[test]
fn a_deliverable_is_proved_by_a_link_and_a_bad_link_is_refused() {
    let (_folder, db) = database();
    let theo = artist(&db, "Théo Martin");
    let campaign = campaigns::sell(
        &db,
        sale(&theo, &offer(&db, Tier::Essential290), "2026-12-07"),
    )
    .expect("sold");
    let posts = &campaign.deliverables[0];
    let bad = campaigns::deliver(&db, &posts.id, true, Some("pas un lien")).expect_err("bad link");
    assert_eq!(problem(bad, "proofUrl"), FieldProblem::InvalidUrl);
    let proved = campaigns::deliver(&db, &posts.id, true, Some("https://instagram.com/p/abc"))
        .expect("proved");
    let posts = &proved.deliverables[0];
    assert!(posts.delivered && posts.delivered_at.is_some());
    assert_eq!(
        posts.proof_url.as_deref(),
        Some("https://instagram.com/p/abc")
    );
}
