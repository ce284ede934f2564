//! CRM commands: artist cards and their score, the prospecting pipeline,
//! MONA's campaigns, the history of exchanges, and the records every
//! module links to.

use mona_core::artists::{
    self, Artist, ArtistFields, ArtistPage, ArtistQuery, CsvLayout, CsvSheet, GenreCount,
    ImportChoices, ImportField, ImportPreview, ImportProgress, ImportReport, SavedView, import,
};
use mona_core::campaigns::{
    self, Campaign, CampaignStatus, MonthRevenue, Offer, PaymentStatus, Sale,
};
use mona_core::events::{self, Event};
use mona_core::files::{self, KeptFile};
use mona_core::interactions::{self, Interaction, InteractionFields, Party, Timeline};
use mona_core::pipeline::{
    self, PipelineColumn, PipelineReport, Prospect, ProspectPage, ProspectQuery, Stage,
    StageFields, StageVisit,
};
use mona_core::records::{self, RecordKind, RecordRef};
use mona_core::scoring::{self, Criterion, Score, ScorePoint};
use mona_core::sponsors::{
    self, DealStageTotal, DeliverableFields, DeliverableStatus, OpportunityFields, Proof, Sponsor,
    SponsorFields, SponsorRow,
};
use mona_core::tasks::Task;
use tauri::State;

use crate::error::AppError;
use crate::state::AppState;

#[tauri::command]
#[specta::specta]
pub async fn list_artists(
    state: State<'_, AppState>,
    query: ArtistQuery,
) -> Result<ArtistPage, AppError> {
    let (sort, direction) = (query.sort, query.direction);
    let page = state.run(move |db| artists::list(db, &query)).await?;
    // If the list changed, its order's ranks are read again off this
    // answer's path, so the next search picks its page by rank.
    state.in_background("artist order ranks", move |db| {
        artists::prepare_order(db, sort, direction)
    });
    Ok(page)
}

/// The genres the list's genre filter offers, the most common first.
#[tauri::command]
#[specta::specta]
pub async fn artist_genres(state: State<'_, AppState>) -> Result<Vec<GenreCount>, AppError> {
    state.run(artists::genres).await
}

#[tauri::command]
#[specta::specta]
pub async fn get_artist(state: State<'_, AppState>, id: String) -> Result<Artist, AppError> {
    state.run(move |db| artists::get(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_artist(
    state: State<'_, AppState>,
    fields: ArtistFields,
) -> Result<Artist, AppError> {
    state.run(move |db| artists::create(db, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_artist(
    state: State<'_, AppState>,
    id: String,
    fields: ArtistFields,
) -> Result<Artist, AppError> {
    state.run(move |db| artists::update(db, &id, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_artist(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.run(move |db| artists::delete(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn restore_artist(state: State<'_, AppState>, id: String) -> Result<Artist, AppError> {
    state.run(move |db| artists::restore(db, &id)).await
}

/// Artists, sponsors, events and content items whose name matches what was
/// typed, for the pickers that link a record to another.
#[tauri::command]
#[specta::specta]
pub async fn find_records(
    state: State<'_, AppState>,
    typed: String,
    kinds: Vec<RecordKind>,
    per_kind: u32,
) -> Result<Vec<RecordRef>, AppError> {
    state
        .run(move |db| records::find(db, &typed, &kinds, per_kind))
        .await
}

/// An artist's score every week over the last `weeks` weeks, for the chart.
#[tauri::command]
#[specta::specta]
pub async fn score_history(
    state: State<'_, AppState>,
    artist_id: String,
    weeks: u32,
) -> Result<Vec<ScorePoint>, AppError> {
    state
        .run(move |db| scoring::history(db, &artist_id, weeks))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn score_criteria(state: State<'_, AppState>) -> Result<Vec<Criterion>, AppError> {
    state.run(scoring::criteria).await
}

#[tauri::command]
#[specta::specta]
pub async fn save_score_criterion(
    state: State<'_, AppState>,
    criterion: Criterion,
) -> Result<Vec<Criterion>, AppError> {
    state
        .run(move |db| scoring::save_criterion(db, criterion))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_score_criterion(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<Criterion>, AppError> {
    state
        .run(move |db| scoring::remove_criterion(db, &id))
        .await
}

/// Rates an artist on a manual criterion (0 to 5 stars, or no rating).
#[tauri::command]
#[specta::specta]
pub async fn rate_artist(
    state: State<'_, AppState>,
    artist_id: String,
    criterion_id: String,
    stars: Option<u8>,
) -> Result<Score, AppError> {
    state
        .run(move |db| scoring::rate(db, &artist_id, &criterion_id, stars))
        .await
}

/// Logs a call, e-mail, DM, meeting or note with an artist or a sponsor.
#[tauri::command]
#[specta::specta]
pub async fn log_interaction(
    state: State<'_, AppState>,
    fields: InteractionFields,
) -> Result<Interaction, AppError> {
    state.run(move |db| interactions::log(db, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_interaction(
    state: State<'_, AppState>,
    id: String,
    fields: InteractionFields,
) -> Result<Interaction, AppError> {
    state
        .run(move |db| interactions::update(db, &id, fields))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_interaction(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.run(move |db| interactions::delete(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn restore_interaction(
    state: State<'_, AppState>,
    id: String,
) -> Result<Interaction, AppError> {
    state.run(move |db| interactions::restore(db, &id)).await
}

/// A page of an artist's or a sponsor's history, newest first.
#[tauri::command]
#[specta::specta]
pub async fn interaction_timeline(
    state: State<'_, AppState>,
    party: Party,
    before: Option<String>,
    limit: u32,
) -> Result<Timeline, AppError> {
    state
        .run(move |db| interactions::timeline(db, &party, before.as_deref(), limit))
        .await
}

/// Writes the artist list as the person sees it (search, order, columns)
/// into a CSV file in the Downloads folder and returns its path.
#[tauri::command]
#[specta::specta]
pub async fn export_artists(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    query: ArtistQuery,
    layout: CsvLayout,
) -> Result<String, AppError> {
    let folder = crate::commands::export_folder(&app)?;
    state
        .run(move |db| {
            artists::export_csv_to_folder(db, &query, &layout, &folder)
                .map(|path| path.display().to_string())
        })
        .await
}

/// The events with an artist, in time order (the latest hundred).
#[tauri::command]
#[specta::specta]
pub async fn artist_events(
    state: State<'_, AppState>,
    artist_id: String,
) -> Result<Vec<Event>, AppError> {
    state.run(move |db| events::of_artist(db, &artist_id)).await
}

/// The files kept with an artist's card, the latest first.
#[tauri::command]
#[specta::specta]
pub async fn artist_files(
    state: State<'_, AppState>,
    artist_id: String,
) -> Result<Vec<KeptFile>, AppError> {
    state.run(move |db| files::of_artist(db, &artist_id)).await
}

/// Keeps a file (its bytes in base64, as the page reads them) with a card.
#[tauri::command]
#[specta::specta]
pub async fn attach_artist_file(
    state: State<'_, AppState>,
    artist_id: String,
    name: String,
    file: String,
) -> Result<KeptFile, AppError> {
    let bytes = file_bytes(&file)?;
    state
        .run(move |db| files::attach_to_artist(db, &artist_id, &name, &bytes))
        .await
}

/// Opens a kept file with the program the system chooses for it.
#[tauri::command]
#[specta::specta]
pub async fn open_kept_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    id: String,
) -> Result<(), AppError> {
    let path = state.run(move |db| files::path_of(db, &id)).await?;
    super::open_with_system(&app, &path)
}

/// Takes a file off its card ([`restore_kept_file`] puts it back).
#[tauri::command]
#[specta::specta]
pub async fn remove_kept_file(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.run(move |db| files::remove(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn restore_kept_file(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.run(move |db| files::restore(db, &id)).await
}

/// A file's bytes as the page sends them (base64).
fn file_bytes(base64: &str) -> Result<Vec<u8>, AppError> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(base64)
        .map_err(|_| AppError::FileGarbled)
}

/// Reads a spreadsheet of artists and suggests a field for each column.
#[tauri::command]
#[specta::specta]
pub async fn read_artist_spreadsheet(
    state: State<'_, AppState>,
    file: String,
) -> Result<CsvSheet, AppError> {
    let bytes = file_bytes(&file)?;
    state.run(move |_| import::read(&bytes)).await
}

/// What importing the spreadsheet with this mapping would do.
#[tauri::command]
#[specta::specta]
pub async fn preview_artist_import(
    state: State<'_, AppState>,
    file: String,
    mapping: Vec<Option<ImportField>>,
) -> Result<ImportPreview, AppError> {
    let bytes = file_bytes(&file)?;
    state
        .run(move |db| import::preview(db, &bytes, &mapping))
        .await
}

/// Imports the spreadsheet, telling `progress` how far it is; stopped by
/// [`stop_artist_import`], it saves nothing.
#[tauri::command]
#[specta::specta]
pub async fn import_artists(
    state: State<'_, AppState>,
    file: String,
    mapping: Vec<Option<ImportField>>,
    choices: ImportChoices,
    progress: tauri::ipc::Channel<ImportProgress>,
) -> Result<ImportReport, AppError> {
    let bytes = file_bytes(&file)?;
    let stop = state.start_import();
    let imported = state
        .run(move |db| {
            let mut report = |step: ImportProgress| {
                // A page that went away stops listening, not the import.
                let _ = progress.send(step);
            };
            import::import(db, &bytes, &mapping, &choices, &mut report, &stop)
        })
        .await;
    // The import's commit left the log's copy into the file for later.
    state.in_background("checkpoint after an import", |db| db.checkpoint().map(drop));
    imported
}

/// Stops the running import.
#[tauri::command]
#[specta::specta]
pub fn stop_artist_import(state: State<'_, AppState>) {
    state.stop_import();
}

/// The pipeline's stages, in order.
#[tauri::command]
#[specta::specta]
pub async fn pipeline_stages(state: State<'_, AppState>) -> Result<Vec<Stage>, AppError> {
    state.run(pipeline::stages).await
}

/// Adds a stage (`id` absent) or changes one; returns every stage.
#[tauri::command]
#[specta::specta]
pub async fn save_pipeline_stage(
    state: State<'_, AppState>,
    id: Option<String>,
    fields: StageFields,
) -> Result<Vec<Stage>, AppError> {
    state
        .run(move |db| pipeline::save_stage(db, id.as_deref(), fields))
        .await
}

/// Puts a stage between two others.
#[tauri::command]
#[specta::specta]
pub async fn reorder_pipeline_stage(
    state: State<'_, AppState>,
    id: String,
    after: Option<String>,
    before: Option<String>,
) -> Result<Vec<Stage>, AppError> {
    state
        .run(move |db| pipeline::reorder_stage(db, &id, after.as_deref(), before.as_deref()))
        .await
}

/// Removes a stage, moving its cards to `move_to`.
#[tauri::command]
#[specta::specta]
pub async fn remove_pipeline_stage(
    state: State<'_, AppState>,
    id: String,
    move_to: String,
    lost_reason: Option<String>,
) -> Result<Vec<Stage>, AppError> {
    state
        .run(move |db| pipeline::remove_stage(db, &id, &move_to, lost_reason.as_deref()))
        .await
}

/// Moves an artist to a stage (a lost stage needs a reason).
#[tauri::command]
#[specta::specta]
pub async fn move_artist_stage(
    state: State<'_, AppState>,
    artist_id: String,
    stage_id: String,
    lost_reason: Option<String>,
) -> Result<Prospect, AppError> {
    state
        .run(move |db| pipeline::move_artist(db, &artist_id, &stage_id, lost_reason.as_deref()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn stage_history(
    state: State<'_, AppState>,
    artist_id: String,
) -> Result<Vec<StageVisit>, AppError> {
    state.run(move |db| pipeline::history(db, &artist_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn pipeline_board(
    state: State<'_, AppState>,
    per_column: u32,
) -> Result<Vec<PipelineColumn>, AppError> {
    state.run(move |db| pipeline::board(db, per_column)).await
}

#[tauri::command]
#[specta::specta]
pub async fn pipeline_prospects(
    state: State<'_, AppState>,
    query: ProspectQuery,
) -> Result<ProspectPage, AppError> {
    state.run(move |db| pipeline::prospects(db, &query)).await
}

/// Plans an artist's next action as a task in Planning.
#[tauri::command]
#[specta::specta]
pub async fn plan_next_action(
    state: State<'_, AppState>,
    artist_id: String,
    title: String,
    due_at: String,
) -> Result<Task, AppError> {
    state
        .run(move |db| pipeline::plan_next_action(db, &artist_id, &title, &due_at))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn pipeline_report(state: State<'_, AppState>) -> Result<PipelineReport, AppError> {
    state.run(pipeline::report).await
}

/// MONA's offers with their templates.
#[tauri::command]
#[specta::specta]
pub async fn offer_catalogue(state: State<'_, AppState>) -> Result<Vec<Offer>, AppError> {
    state.run(campaigns::catalogue).await
}

#[tauri::command]
#[specta::specta]
pub async fn save_offer(state: State<'_, AppState>, offer: Offer) -> Result<Vec<Offer>, AppError> {
    state.run(move |db| campaigns::save_offer(db, offer)).await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_offer(state: State<'_, AppState>, id: String) -> Result<Vec<Offer>, AppError> {
    state.run(move |db| campaigns::remove_offer(db, &id)).await
}

/// Sells an offer to an artist: the campaign and everything its template makes.
#[tauri::command]
#[specta::specta]
pub async fn sell_campaign(state: State<'_, AppState>, sale: Sale) -> Result<Campaign, AppError> {
    state.run(move |db| campaigns::sell(db, sale)).await
}

#[tauri::command]
#[specta::specta]
pub async fn artist_campaigns(
    state: State<'_, AppState>,
    artist_id: String,
) -> Result<Vec<Campaign>, AppError> {
    state
        .run(move |db| campaigns::of_artist(db, &artist_id))
        .await
}

/// The campaigns sold in a month (`2026-11`), or all of them.
#[tauri::command]
#[specta::specta]
pub async fn list_campaigns(
    state: State<'_, AppState>,
    month: Option<String>,
) -> Result<Vec<Campaign>, AppError> {
    state
        .run(move |db| campaigns::list(db, month.as_deref()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_campaign_status(
    state: State<'_, AppState>,
    id: String,
    status: CampaignStatus,
) -> Result<Campaign, AppError> {
    state
        .run(move |db| campaigns::set_status(db, &id, status))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_campaign_payment(
    state: State<'_, AppState>,
    id: String,
    payment: PaymentStatus,
    paid_on: Option<String>,
) -> Result<Campaign, AppError> {
    state
        .run(move |db| campaigns::set_payment(db, &id, payment, paid_on.as_deref()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn deliver_campaign_item(
    state: State<'_, AppState>,
    deliverable_id: String,
    delivered: bool,
    proof_url: Option<String>,
) -> Result<Campaign, AppError> {
    state
        .run(move |db| campaigns::deliver(db, &deliverable_id, delivered, proof_url.as_deref()))
        .await
}

/// Campaign revenue, month by month, up to this month.
#[tauri::command]
#[specta::specta]
pub async fn campaign_revenue(
    state: State<'_, AppState>,
    months: u32,
) -> Result<Vec<MonthRevenue>, AppError> {
    state.run(move |db| campaigns::revenue(db, months)).await
}

/// Sponsors whose name matches what was typed (accents ignored), by name.
#[tauri::command]
#[specta::specta]
pub async fn list_sponsors(
    state: State<'_, AppState>,
    search: Option<String>,
) -> Result<Vec<SponsorRow>, AppError> {
    state
        .run(move |db| sponsors::list(db, search.as_deref()))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn get_sponsor(state: State<'_, AppState>, id: String) -> Result<Sponsor, AppError> {
    state.run(move |db| sponsors::get(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn create_sponsor(
    state: State<'_, AppState>,
    fields: SponsorFields,
) -> Result<Sponsor, AppError> {
    state.run(move |db| sponsors::create(db, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn update_sponsor(
    state: State<'_, AppState>,
    id: String,
    fields: SponsorFields,
) -> Result<Sponsor, AppError> {
    state.run(move |db| sponsors::update(db, &id, fields)).await
}

#[tauri::command]
#[specta::specta]
pub async fn delete_sponsor(state: State<'_, AppState>, id: String) -> Result<(), AppError> {
    state.run(move |db| sponsors::delete(db, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn restore_sponsor(state: State<'_, AppState>, id: String) -> Result<Sponsor, AppError> {
    state.run(move |db| sponsors::restore(db, &id)).await
}

/// Adds a deal to a sponsor (`id` absent) or changes one.
#[tauri::command]
#[specta::specta]
pub async fn save_opportunity(
    state: State<'_, AppState>,
    sponsor_id: String,
    id: Option<String>,
    fields: OpportunityFields,
) -> Result<Sponsor, AppError> {
    state
        .run(move |db| sponsors::save_opportunity(db, &sponsor_id, id.as_deref(), fields))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_opportunity(
    state: State<'_, AppState>,
    id: String,
) -> Result<Sponsor, AppError> {
    state
        .run(move |db| sponsors::remove_opportunity(db, &id))
        .await
}

/// Promises something to a sponsor (`id` absent) or changes the promise.
#[tauri::command]
#[specta::specta]
pub async fn save_sponsor_deliverable(
    state: State<'_, AppState>,
    sponsor_id: String,
    id: Option<String>,
    fields: DeliverableFields,
) -> Result<Sponsor, AppError> {
    state
        .run(move |db| sponsors::save_deliverable(db, &sponsor_id, id.as_deref(), fields))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn set_deliverable_status(
    state: State<'_, AppState>,
    id: String,
    status: DeliverableStatus,
    proof: Proof,
) -> Result<Sponsor, AppError> {
    state
        .run(move |db| sponsors::set_deliverable_status(db, &id, status, proof))
        .await
}

/// The sponsors' deals, stage by stage, as asked and weighted.
#[tauri::command]
#[specta::specta]
pub async fn deal_pipeline(state: State<'_, AppState>) -> Result<Vec<DealStageTotal>, AppError> {
    state.run(sponsors::deal_pipeline).await
}

/// The team's saved views of the artist list.
#[tauri::command]
#[specta::specta]
pub async fn artist_views(state: State<'_, AppState>) -> Result<Vec<SavedView>, AppError> {
    state.run(artists::views).await
}

/// Saves the list's search, order and filters under a name.
#[tauri::command]
#[specta::specta]
pub async fn save_artist_view(
    state: State<'_, AppState>,
    name: String,
    query: ArtistQuery,
) -> Result<Vec<SavedView>, AppError> {
    state
        .run(move |db| artists::save_view(db, &name, &query))
        .await
}

#[tauri::command]
#[specta::specta]
pub async fn remove_artist_view(
    state: State<'_, AppState>,
    id: String,
) -> Result<Vec<SavedView>, AppError> {
    state.run(move |db| artists::remove_view(db, &id)).await
}
