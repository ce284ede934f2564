//! A fake of Twitch's sign-in service (id.twitch.tv/oauth2) on loopback,
//! speaking its real protocol: the device code flow with
//! `authorization_pending`, single-use rotating refresh tokens, validate
//! with `Authorization: OAuth`, revoke. What it was asked is recorded, so
//! a test can count refreshes or find a spent token.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use mona_core::keychain::Secret;
use mona_streaming::twitch::{TwitchAccount, TwitchAccountState, TwitchEndpoints, TwitchHttp};
use serde_json::json;

pub const CLIENT_ID: &str = "fakeclientid0000000000000000000";
pub const LOGIN: &str = "nadia_live";
pub const USER_ID: &str = "141981764";
pub const USER_CODE: &str = "MONA-2026";

static UNIQUE: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(1);

/// What the fake does and has seen.
#[derive(Debug)]
pub struct Twitch {
    /// `authorization_pending` answers before the code counts as typed;
    /// `u32::MAX`: never typed.
    pub pending_polls: u32,
    /// The person refuses on twitch.tv.
    pub deny: bool,
    /// Seconds a device code lives.
    pub code_lifetime: u64,
    /// Access tokens Twitch accepts now.
    pub valid: HashSet<String>,
    /// Refresh tokens not spent yet.
    pub unspent: HashSet<String>,
    pub refreshes: u32,
    pub revoked: Vec<String>,
    /// Every token the fake ever issued (for a test that looks for them in
    /// logs and files).
    pub issued: Vec<String>,
    /// What moderation Helix was asked, in order ("delete m-1", "ban 42 600
    /// spam", "unban 42").
    pub moderation: Vec<String>,
    /// Channels (broadcaster ids) where the signed-in person is no
    /// moderator.
    pub not_moderator_in: HashSet<String>,
    /// The channel: its title and category (id, name).
    pub title: String,
    pub category: (String, String),
    /// Viewers while live; none when offline.
    pub viewers: Option<u32>,
    /// Markers created ("description").
    pub markers: Vec<String>,
    /// The channel's schedule, as Twitch keeps it.
    pub schedule: Vec<Broadcast>,
    /// How many broadcasts were ever made (numbers the next one).
    pub broadcasts_made: u32,
    /// How many pairs were issued (numbers the next one).
    pub next: u32,
}

impl Default for Twitch {
    fn default() -> Self {
        Twitch {
            pending_polls: 1,
            deny: false,
            code_lifetime: 1800,
            valid: HashSet::new(),
            unspent: HashSet::new(),
            refreshes: 0,
            revoked: Vec::new(),
            issued: Vec::new(),
            moderation: Vec::new(),
            not_moderator_in: HashSet::new(),
            title: "Session compo du jeudi".into(),
            category: ("26936".into(), "Music".into()),
            viewers: None,
            markers: Vec::new(),
            schedule: Vec::new(),
            broadcasts_made: 0,
            next: 0,
        }
    }
}

impl Twitch {
    fn issue(&mut self) -> serde_json::Value {
        self.next += 1;
        // Unique across the fakes of a test binary (they share one chat
        // server, which asks every fake whether a token is valid).
        let unique = UNIQUE.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let access = format!("acc{unique:06}xq7s9fakeaccesstokenvalue");
        let refresh = format!("ref{unique:06}m2k8fakerefreshtokenvalue");
        self.valid.insert(access.clone());
        self.unspent.insert(refresh.clone());
        self.issued.push(access.clone());
        self.issued.push(refresh.clone());
        json!({
            "access_token": access,
            "refresh_token": refresh,
            "expires_in": 14_400,
            "scope": ["chat:read", "chat:edit"],
            "token_type": "bearer",
        })
    }

    /// Twitch stops taking every access token (they expired), refresh
    /// tokens still work.
    pub fn expire_access_tokens(&mut self) {
        self.valid.clear();
    }

    /// The person revoked the app on twitch.tv: nothing works any more.
    pub fn revoke_everything(&mut self) {
        self.valid.clear();
        self.unspent.clear();
    }
}

/// A broadcast on the channel's schedule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broadcast {
    pub id: String,
    /// RFC 3339, as sent.
    pub start_time: String,
    pub timezone: String,
    pub minutes: u32,
    pub title: String,
    pub weekly: bool,
    pub canceled: bool,
    pub category_id: Option<String>,
}

pub struct FakeTwitch {
    pub port: u16,
    pub twitch: Arc<Mutex<Twitch>>,
}

impl FakeTwitch {
    pub async fn start(twitch: Twitch) -> FakeTwitch {
        let twitch = Arc::new(Mutex::new(twitch));
        let app = Router::new()
            .route("/oauth2/device", post(device))
            .route("/oauth2/token", post(token))
            .route("/oauth2/validate", get(validate))
            .route("/oauth2/revoke", post(revoke))
            .route(
                "/helix/moderation/chat",
                axum::routing::delete(delete_message),
            )
            .route("/helix/moderation/bans", post(ban).delete(unban))
            .route("/helix/channels", get(channel).patch(modify_channel))
            .route("/helix/streams", get(streams))
            .route("/helix/search/categories", get(search_categories))
            .route("/helix/streams/markers", post(marker))
            .route(
                "/helix/schedule/segment",
                post(create_broadcast)
                    .patch(update_broadcast)
                    .delete(delete_broadcast),
            )
            .with_state(twitch.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a port");
        let port = listener.local_addr().expect("an address").port();
        tokio::spawn(async move { axum::serve(listener, app).await });
        FakeTwitch { port, twitch }
    }

    pub fn endpoints(&self) -> TwitchEndpoints {
        TwitchEndpoints::on_loopback(self.port, 1)
    }

    /// This fake's addresses with the binary's chat server, which from now
    /// on takes the tokens this fake issues.
    pub fn with_chat(&self) -> TwitchEndpoints {
        let irc = super::fake_irc::FakeIrc::shared();
        let twitch = self.twitch.clone();
        irc.accept(move |token| twitch.lock().expect("not poisoned").valid.contains(token));
        TwitchEndpoints {
            irc: TwitchEndpoints::on_loopback(self.port, irc.port).irc,
            ..self.endpoints()
        }
    }

    /// An account of this fake's application at `endpoints`, its sign-in
    /// kept under `name` in the (memory) keychain.
    pub fn account(&self, endpoints: TwitchEndpoints, name: &str) -> TwitchAccount {
        super::keychain::use_memory_keychain();
        TwitchAccount::new(
            TwitchHttp::new(endpoints),
            Some(CLIENT_ID.into()),
            Secret::new("MONA x SPARK Desk tests", name),
        )
    }

    pub fn with<T>(&self, f: impl FnOnce(&mut Twitch) -> T) -> T {
        f(&mut self.twitch.lock().expect("not poisoned"))
    }
}

type Shared = State<Arc<Mutex<Twitch>>>;

fn refuse(status: StatusCode, message: &str) -> Response {
    (
        status,
        Json(json!({ "status": status.as_u16(), "message": message })),
    )
        .into_response()
}

async fn device(
    State(twitch): Shared,
    Query(query): Query<HashMap<String, String>>,
    body: String,
) -> Response {
    let form: HashMap<String, String> = serde_urlencoded::from_str(&body).unwrap_or_default();
    let client_id = query.get("client_id").or(form.get("client_id"));
    if client_id.map(String::as_str) != Some(CLIENT_ID) {
        return refuse(StatusCode::BAD_REQUEST, "invalid client");
    }
    Json(json!({
        "device_code": "device-code-1",
        "expires_in": twitch.lock().expect("not poisoned").code_lifetime,
        "interval": 1,
        "user_code": USER_CODE,
        "verification_uri": format!("https://www.twitch.tv/activate?device-code={USER_CODE}"),
    }))
    .into_response()
}

async fn token(
    State(twitch): Shared,
    Query(query): Query<HashMap<String, String>>,
    body: String,
) -> Response {
    let mut fields: HashMap<String, String> = serde_urlencoded::from_str(&body).unwrap_or_default();
    fields.extend(query);
    let grant = fields.get("grant_type").cloned().unwrap_or_default();
    if grant == "refresh_token" {
        // A refresh takes a moment, as Twitch's does: long enough for a
        // second refresh to start if the app let two race.
        tokio::time::sleep(Duration::from_millis(100)).await;
        let mut twitch = twitch.lock().expect("not poisoned");
        twitch.refreshes += 1;
        let presented = fields.get("refresh_token").cloned().unwrap_or_default();
        if !twitch.unspent.remove(&presented) {
            return refuse(StatusCode::BAD_REQUEST, "Invalid refresh token");
        }
        return Json(twitch.issue()).into_response();
    }
    let mut twitch = twitch.lock().expect("not poisoned");
    if twitch.deny {
        return refuse(StatusCode::BAD_REQUEST, "authorization_denied");
    }
    if twitch.pending_polls > 0 {
        if twitch.pending_polls != u32::MAX {
            twitch.pending_polls -= 1;
        }
        return refuse(StatusCode::BAD_REQUEST, "authorization_pending");
    }
    Json(twitch.issue()).into_response()
}

async fn validate(State(twitch): Shared, headers: HeaderMap) -> Response {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("OAuth "))
        .unwrap_or_default()
        .to_owned();
    let twitch = twitch.lock().expect("not poisoned");
    if !twitch.valid.contains(&token) {
        return refuse(StatusCode::UNAUTHORIZED, "invalid access token");
    }
    Json(json!({
        "client_id": CLIENT_ID,
        "login": LOGIN,
        "scopes": ["chat:read", "chat:edit"],
        "user_id": USER_ID,
        "expires_in": 14_000,
    }))
    .into_response()
}

async fn revoke(
    State(twitch): Shared,
    Query(query): Query<HashMap<String, String>>,
    body: String,
) -> Response {
    let mut fields: HashMap<String, String> = serde_urlencoded::from_str(&body).unwrap_or_default();
    fields.extend(query);
    let token = fields.get("token").cloned().unwrap_or_default();
    let mut twitch = twitch.lock().expect("not poisoned");
    if !twitch.valid.remove(&token) {
        return refuse(StatusCode::BAD_REQUEST, "Invalid token");
    }
    twitch.revoked.push(token);
    StatusCode::OK.into_response()
}

/// Helix's checks before any call: a valid bearer token and a client id; a
/// moderator of the channel.
fn helix_refusal(
    twitch: &Twitch,
    headers: &HeaderMap,
    query: &HashMap<String, String>,
) -> Option<Response> {
    let token = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !twitch.valid.contains(token) || headers.get("client-id").is_none() {
        return Some((StatusCode::UNAUTHORIZED, Json(json!({"error": "Unauthorized", "status": 401, "message": "Invalid OAuth token"}))).into_response());
    }
    let broadcaster = query.get("broadcaster_id").cloned().unwrap_or_default();
    if twitch.not_moderator_in.contains(&broadcaster) {
        return Some((StatusCode::FORBIDDEN, Json(json!({"error": "Forbidden", "status": 403, "message": "The user in moderator_id is not one of the broadcaster's moderators."}))).into_response());
    }
    None
}

async fn delete_message(
    State(twitch): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut twitch = twitch.lock().expect("not poisoned");
    if let Some(refusal) = helix_refusal(&twitch, &headers, &query) {
        return refusal;
    }
    let id = query.get("message_id").cloned().unwrap_or_default();
    if id == "old" {
        return (StatusCode::BAD_REQUEST, Json(json!({"error": "Bad Request", "status": 400, "message": "You cannot delete messages older than 6 hours."}))).into_response();
    }
    twitch.moderation.push(format!("delete {id}"));
    StatusCode::NO_CONTENT.into_response()
}

async fn ban(
    State(twitch): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
    body: String,
) -> Response {
    let mut twitch = twitch.lock().expect("not poisoned");
    if let Some(refusal) = helix_refusal(&twitch, &headers, &query) {
        return refusal;
    }
    let body: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let data = &body["data"];
    let duration = data["duration"]
        .as_u64()
        .map(|d| d.to_string())
        .unwrap_or_else(|| "-".into());
    twitch.moderation.push(format!(
        "ban {} {duration} {}",
        data["user_id"].as_str().unwrap_or_default(),
        data["reason"].as_str().unwrap_or_default()
    ));
    Json(json!({"data": [{"broadcaster_id": query.get("broadcaster_id"), "moderator_id": query.get("moderator_id"), "user_id": data["user_id"], "created_at": "2026-12-04T20:00:00Z", "end_time": null}]})).into_response()
}

async fn unban(
    State(twitch): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut twitch = twitch.lock().expect("not poisoned");
    if let Some(refusal) = helix_refusal(&twitch, &headers, &query) {
        return refusal;
    }
    twitch.moderation.push(format!(
        "unban {}",
        query.get("user_id").cloned().unwrap_or_default()
    ));
    StatusCode::NO_CONTENT.into_response()
}

async fn channel(
    State(twitch): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let twitch = twitch.lock().expect("not poisoned");
    if let Some(refusal) = helix_refusal(&twitch, &headers, &HashMap::new()) {
        return refusal;
    }
    Json(json!({"data": [{
        "broadcaster_id": query.get("broadcaster_id"), "broadcaster_login": LOGIN, "broadcaster_name": "Nadia_Live",
        "broadcaster_language": "fr", "game_id": twitch.category.0, "game_name": twitch.category.1, "title": twitch.title,
        "delay": 0, "tags": ["Français"], "content_classification_labels": [], "is_branded_content": false
    }]}))
    .into_response()
}

async fn modify_channel(State(twitch): Shared, headers: HeaderMap, body: String) -> Response {
    let mut twitch = twitch.lock().expect("not poisoned");
    if let Some(refusal) = helix_refusal(&twitch, &headers, &HashMap::new()) {
        return refusal;
    }
    let body: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    if let Some(title) = body["title"].as_str() {
        twitch.title = title.to_owned();
    }
    if let Some(id) = body["game_id"].as_str() {
        let name = if id == "509658" {
            "Just Chatting"
        } else {
            "Music"
        };
        twitch.category = (id.to_owned(), name.to_owned());
    }
    StatusCode::NO_CONTENT.into_response()
}

async fn streams(
    State(twitch): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let twitch = twitch.lock().expect("not poisoned");
    if let Some(refusal) = helix_refusal(&twitch, &headers, &HashMap::new()) {
        return refusal;
    }
    let data = match twitch.viewers {
        Some(viewers) => json!([{
            "id": "40952121085", "user_id": query.get("user_id"), "user_login": LOGIN, "user_name": "Nadia_Live",
            "game_id": twitch.category.0, "game_name": twitch.category.1, "type": "live", "title": twitch.title,
            "tags": ["Français"], "tag_ids": [], "viewer_count": viewers, "started_at": "2026-12-04T19:00:00Z", "language": "fr",
            "thumbnail_url": "https://static-cdn.jtvnw.net/previews-ttv/live_user_nadia_live-{width}x{height}.jpg", "is_mature": false
        }]),
        None => json!([]),
    };
    Json(json!({"data": data, "pagination": {}})).into_response()
}

async fn search_categories(
    State(twitch): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let twitch = twitch.lock().expect("not poisoned");
    if let Some(refusal) = helix_refusal(&twitch, &headers, &HashMap::new()) {
        return refusal;
    }
    let wanted = query
        .get("query")
        .cloned()
        .unwrap_or_default()
        .to_lowercase();
    let data: Vec<_> = [("509658", "Just Chatting"), ("26936", "Music"), ("509660", "Art")]
        .into_iter()
        .filter(|(_, name)| name.to_lowercase().contains(&wanted))
        .map(|(id, name)| json!({"id": id, "name": name, "box_art_url": format!("https://static-cdn.jtvnw.net/ttv-boxart/{id}-{{width}}x{{height}}.jpg")}))
        .collect();
    Json(json!({"data": data, "pagination": {}})).into_response()
}

async fn marker(State(twitch): Shared, headers: HeaderMap, body: String) -> Response {
    let mut twitch = twitch.lock().expect("not poisoned");
    if let Some(refusal) = helix_refusal(&twitch, &headers, &HashMap::new()) {
        return refusal;
    }
    if twitch.viewers.is_none() {
        return (
            StatusCode::NOT_FOUND,
            Json(json!({"error": "Not Found", "status": 404, "message": "user is not live"})),
        )
            .into_response();
    }
    let body: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let description = body["description"].as_str().unwrap_or_default().to_owned();
    twitch.markers.push(description.clone());
    Json(json!({"data": [{"id": "123", "created_at": "2026-12-04T20:00:00Z", "description": description, "position_seconds": 3600}]})).into_response()
}

/// Signs `account` in (the fake approves the code) and waits until it is.
pub async fn sign_in(account: &TwitchAccount) {
    let mut states = account.follow();
    account.start_sign_in().await.expect("a code");
    tokio::time::timeout(
        Duration::from_secs(10),
        states.wait_for(|s| matches!(s, TwitchAccountState::SignedIn { .. })),
    )
    .await
    .expect("signed in in time")
    .expect("the account lives");
}

/// A fake that approves the code at once and an account signed in on it
/// (its sign-in kept under `name`).
pub async fn signed_in(name: &str) -> (FakeTwitch, TwitchAccount) {
    let fake = FakeTwitch::start(Twitch {
        pending_polls: 0,
        ..Twitch::default()
    })
    .await;
    let account = fake.account(fake.endpoints(), name);
    sign_in(&account).await;
    (fake, account)
}

/// Twitch's answer about one broadcast of the schedule.
fn schedule_answer(broadcast: &Broadcast) -> Response {
    let start: jiff::Timestamp = broadcast.start_time.parse().expect("a start");
    let end = start
        .checked_add(jiff::SignedDuration::from_mins(i64::from(
            broadcast.minutes,
        )))
        .expect("an end");
    let category = broadcast
        .category_id
        .as_ref()
        .map(|id| json!({"id": id, "name": "Music"}));
    Json(json!({"data": {
        "segments": [{
            "id": broadcast.id,
            "start_time": start.to_string(),
            "end_time": end.to_string(),
            "title": broadcast.title,
            "canceled_until": if broadcast.canceled { Some(end.to_string()) } else { None },
            "category": category,
            "is_recurring": broadcast.weekly,
        }],
        "broadcaster_id": USER_ID,
        "broadcaster_name": "Nadia_Live",
        "broadcaster_login": LOGIN,
        "vacation": null,
    }}))
    .into_response()
}

/// What Twitch refuses in a broadcast: its length and title.
fn broadcast_refusal(broadcast: &Broadcast) -> Option<Response> {
    if !(30..=1380).contains(&broadcast.minutes) {
        return Some(refuse(
            StatusCode::BAD_REQUEST,
            "duration must be between 30 and 1380",
        ));
    }
    if broadcast.title.chars().count() > 140 {
        return Some(refuse(
            StatusCode::BAD_REQUEST,
            "title must be 140 characters or less",
        ));
    }
    if broadcast.start_time.parse::<jiff::Timestamp>().is_err()
        || jiff::tz::TimeZone::get(&broadcast.timezone).is_err()
    {
        return Some(refuse(
            StatusCode::BAD_REQUEST,
            "invalid start_time or timezone",
        ));
    }
    None
}

fn own_schedule_refusal(
    twitch: &Twitch,
    headers: &HeaderMap,
    query: &HashMap<String, String>,
) -> Option<Response> {
    if let Some(refusal) = helix_refusal(twitch, headers, query) {
        return Some(refusal);
    }
    (query.get("broadcaster_id").map(String::as_str) != Some(USER_ID)).then(|| {
        refuse(
            StatusCode::FORBIDDEN,
            "broadcaster_id must match the user ID in the access token",
        )
    })
}

async fn create_broadcast(
    State(twitch): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
    body: String,
) -> Response {
    let mut twitch = twitch.lock().expect("not poisoned");
    if let Some(refusal) = own_schedule_refusal(&twitch, &headers, &query) {
        return refusal;
    }
    let body: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    twitch.broadcasts_made += 1;
    let broadcast = Broadcast {
        id: format!("eyJzZWdtZW50SUQiOiJ{}", twitch.broadcasts_made),
        start_time: body["start_time"].as_str().unwrap_or_default().to_owned(),
        timezone: body["timezone"].as_str().unwrap_or_default().to_owned(),
        minutes: body["duration"]
            .as_str()
            .and_then(|d| d.parse().ok())
            .unwrap_or(240),
        title: body["title"].as_str().unwrap_or_default().to_owned(),
        weekly: body["is_recurring"].as_bool().unwrap_or(false),
        canceled: false,
        category_id: body["category_id"].as_str().map(str::to_owned),
    };
    if let Some(refusal) = broadcast_refusal(&broadcast) {
        return refusal;
    }
    let answer = schedule_answer(&broadcast);
    twitch.schedule.push(broadcast);
    answer
}

async fn update_broadcast(
    State(twitch): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
    body: String,
) -> Response {
    let mut twitch = twitch.lock().expect("not poisoned");
    if let Some(refusal) = own_schedule_refusal(&twitch, &headers, &query) {
        return refusal;
    }
    let id = query.get("id").cloned().unwrap_or_default();
    let Some(at) = twitch.schedule.iter().position(|b| b.id == id) else {
        return refuse(StatusCode::NOT_FOUND, "segment not found");
    };
    let body: serde_json::Value = serde_json::from_str(&body).unwrap_or_default();
    let mut broadcast = twitch.schedule[at].clone();
    if let Some(start) = body["start_time"].as_str() {
        broadcast.start_time = start.to_owned();
    }
    if let Some(zone) = body["timezone"].as_str() {
        broadcast.timezone = zone.to_owned();
    }
    if let Some(minutes) = body["duration"].as_str().and_then(|d| d.parse().ok()) {
        broadcast.minutes = minutes;
    }
    if let Some(title) = body["title"].as_str() {
        broadcast.title = title.to_owned();
    }
    if let Some(canceled) = body["is_canceled"].as_bool() {
        broadcast.canceled = canceled;
    }
    if let Some(category) = body["category_id"].as_str() {
        broadcast.category_id = Some(category.to_owned());
    }
    if let Some(refusal) = broadcast_refusal(&broadcast) {
        return refusal;
    }
    let answer = schedule_answer(&broadcast);
    twitch.schedule[at] = broadcast;
    answer
}

async fn delete_broadcast(
    State(twitch): Shared,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let mut twitch = twitch.lock().expect("not poisoned");
    if let Some(refusal) = own_schedule_refusal(&twitch, &headers, &query) {
        return refusal;
    }
    let id = query.get("id").cloned().unwrap_or_default();
    let before = twitch.schedule.len();
    twitch.schedule.retain(|b| b.id != id);
    if twitch.schedule.len() == before {
        return refuse(StatusCode::NOT_FOUND, "segment not found");
    }
    StatusCode::NO_CONTENT.into_response()
}
