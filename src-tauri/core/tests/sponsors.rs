//! SPARK's sponsors: a company with its people, the deals in progress
//! weighted by their chance, and every promise with its proof.

mod support;

use mona_core::sponsors::{
    self, DealStage, DeliverableFields, DeliverableKind, DeliverableStatus, OpportunityFields,
    Proof, SponsorContact, SponsorFields, SponsorStatus,
};
use mona_core::validation::FieldProblem;
use mona_core::{Database, Error};
use support::database;

fn lumiere(db: &Database) -> String {
    sponsors::create(
        db,
        SponsorFields {
            name: "Studio Lumière".into(),
            website: Some("https://studio-lumiere.fr".into()),
            status: SponsorStatus::Active,
            contacts: vec![
                SponsorContact {
                    name: "Claire Fontaine".into(),
                    role: Some("Responsable marketing".into()),
                    email: Some("claire@studio-lumiere.fr".into()),
                    ..SponsorContact::default()
                },
                SponsorContact {
                    name: "Marc Petit".into(),
                    phone: Some("+33 6 12 34 56 78".into()),
                    ..SponsorContact::default()
                },
            ],
            ..SponsorFields::default()
        },
    )
    .expect("sponsor")
    .id
}

fn problem(error: Error, field: &str) -> FieldProblem {
    let Error::Invalid(errors) = error else {
        panic!("{error:?}")
    };
    errors
        .0
        .into_iter()
        .find(|e| e.field == field)
        .expect("field")
        .problem
}

#[test]
fn a_sponsor_keeps_its_people_in_order_and_is_found_without_accents() {
    let (_folder, db) = database();
    let id = lumiere(&db);
    let sponsor = sponsors::get(&db, &id).expect("sponsor");
    let names: Vec<&str> = sponsor
        .fields
        .contacts
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(names, ["Claire Fontaine", "Marc Petit"]);
    let found = sponsors::list(&db, Some("lumiere")).expect("list");
    assert_eq!(found.len(), 1);
    assert!(
        sponsors::list(&db, Some("casques"))
            .expect("list")
            .is_empty()
    );

    // Marc leaves; Claire's e-mail changes. Her row is the same one.
    let mut fields = sponsor.fields.clone();
    fields.contacts.remove(1);
    fields.contacts[0].email = Some("c.fontaine@studio-lumiere.fr".into());
    let edited = sponsors::update(&db, &id, fields).expect("edit");
    assert_eq!(edited.fields.contacts.len(), 1);
    assert_eq!(edited.fields.contacts[0].id, sponsor.fields.contacts[0].id);
}

#[test]
fn bad_contacts_and_a_bad_website_are_reported_on_their_fields() {
    let (_folder, db) = database();
    let error = sponsors::create(
        &db,
        SponsorFields {
            name: "Casques Onde".into(),
            website: Some("casques onde".into()),
            contacts: vec![SponsorContact {
                name: "Léa".into(),
                email: Some("pas-un-mail".into()),
                ..SponsorContact::default()
            }],
            ..SponsorFields::default()
        },
    )
    .expect_err("invalid");
    let Error::Invalid(errors) = error else {
        panic!()
    };
    let fields: Vec<&str> = errors.0.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["website", "contacts.0.email"]);
    assert!(
        sponsors::list(&db, None).expect("list").is_empty(),
        "nothing half-saved"
    );
}

#[test]
fn open_deals_add_up_weighted_by_their_chance_to_the_cent() {
    let (_folder, db) = database();
    let id = lumiere(&db);
    let deal = |title: &str, stage, amount, probability| OpportunityFields {
        title: title.into(),
        stage,
        amount_minor: Some(amount),
        probability,
        ..OpportunityFields::default()
    };
    sponsors::save_opportunity(
        &db,
        &id,
        None,
        deal("Live de rentrée", DealStage::Proposal, 250_000, None),
    )
    .expect("proposal");
    sponsors::save_opportunity(
        &db,
        &id,
        None,
        deal("Série de posts", DealStage::Negotiation, 120_050, Some(50)),
    )
    .expect("negotiation");
    let sponsor = sponsors::save_opportunity(
        &db,
        &id,
        None,
        deal("Logo 2026", DealStage::Won, 90_000, None),
    )
    .expect("won");
    assert_eq!(sponsor.open_minor, 370_050, "won deals are no longer open");
    assert_eq!(
        sponsor.weighted_minor,
        100_000 + 60_025,
        "40 % of 2,500 € and 50 % of 1,200.50 €"
    );
    let row = &sponsors::list(&db, None).expect("list")[0];
    assert_eq!((row.open_deals, row.weighted_minor), (2, 160_025));
    let pipeline = sponsors::deal_pipeline(&db).expect("pipeline");
    let proposal = pipeline
        .iter()
        .find(|s| s.stage == DealStage::Proposal)
        .expect("proposal");
    assert_eq!(
        (
            proposal.deals,
            proposal.amount_minor,
            proposal.weighted_minor
        ),
        (1, 250_000, 100_000)
    );

    let refused =
        sponsors::save_opportunity(&db, &id, None, deal("Négatif", DealStage::Lead, -10, None))
            .expect_err("negative");
    assert_eq!(
        problem(refused, "amountMinor"),
        FieldProblem::TooSmall { min: 0 }
    );
}

#[test]
fn a_promise_is_delivered_only_with_a_proof_and_an_overdue_one_is_flagged() {
    let (_folder, db) = database();
    let id = lumiere(&db);
    let sponsor = sponsors::save_deliverable(
        &db,
        &id,
        None,
        DeliverableFields {
            title: "Mention dans le live du vendredi".into(),
            kind: DeliverableKind::Mention,
            due_at: Some("2020-01-10T19:00:00Z".into()),
            ..DeliverableFields::default()
        },
    )
    .expect("promised");
    let promise = &sponsor.deliverables[0];
    assert!(promise.overdue);
    assert_eq!(
        promise.fields.due_at.as_deref(),
        Some("2020-01-10T19:00:00.000Z")
    );
    assert_eq!(
        sponsors::list(&db, None).expect("list")[0].overdue_deliverables,
        1
    );

    let without = sponsors::set_deliverable_status(
        &db,
        &promise.id,
        DeliverableStatus::Delivered,
        Proof::default(),
    )
    .expect_err("no proof");
    assert_eq!(problem(without, "proofUrl"), FieldProblem::Required);
    let delivered = sponsors::set_deliverable_status(
        &db,
        &promise.id,
        DeliverableStatus::Delivered,
        Proof {
            url: Some("https://twitch.tv/videos/123?t=1h02m".into()),
            ..Proof::default()
        },
    )
    .expect("delivered");
    let promise = &delivered.deliverables[0];
    assert_eq!(promise.status, DeliverableStatus::Delivered);
    assert!(!promise.overdue && promise.delivered_at.is_some());
    assert_eq!(
        promise.proof.url.as_deref(),
        Some("https://twitch.tv/videos/123?t=1h02m")
    );
}

#[test]
fn a_deleted_sponsor_comes_back_with_its_deals() {
    let (_folder, db) = database();
    let id = lumiere(&db);
    sponsors::save_opportunity(
        &db,
        &id,
        None,
        OpportunityFields {
            title: "Live de rentrée".into(),
            amount_minor: Some(250_000),
            ..OpportunityFields::default()
        },
    )
    .expect("deal");
    sponsors::delete(&db, &id).expect("delete");
    assert!(sponsors::list(&db, None).expect("list").is_empty());
    assert!(matches!(
        sponsors::get(&db, &id),
        Err(Error::NotFound { .. })
    ));
    let back = sponsors::restore(&db, &id).expect("restore");
    assert_eq!(back.opportunities.len(), 1);
}
