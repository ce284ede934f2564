//! The supervised link to one OBS Studio.
//!
//! [`ObsLink::start`] spawns the task that owns the connection
//! ([`supervisor`]); the link's clones share it. The app reads
//! [`ObsLink::health`] to show where the link stands, follows
//! [`ObsLink::changes`] to stay in step with OBS, and makes requests
//! ([`ObsLink::scenes`], [`ObsLink::switch_program`]...) that fail at once
//! with [`ObsError::NotConnected`] while OBS is away: nothing is queued to
//! fire minutes later, in the middle of another scene.

mod changes;
mod endpoint;
mod error;
mod health;
mod outputs;
mod scenes;
pub mod setup;
mod supervisor;

use std::sync::Arc;

use obws::requests::scene_items::SetEnabled;
use obws::requests::sources::TakeScreenshot;
use serde::Serialize;
use tokio::sync::{broadcast, mpsc, watch};

pub use changes::{ObsChange, OutputPhase};
pub use endpoint::{ObsEndpoint, ObsTiming};
pub use error::{ObsError, ObsResource};
pub use health::{ObsHealth, ObsProblem};
pub use outputs::{OutputAction, OutputFigures};
pub use scenes::{AudioInput, SceneItem, SceneList};

/// OBS's own figures, read by every heartbeat.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct ObsStats {
    pub active_fps: f64,
    pub cpu_percent: f64,
    pub memory_mb: f64,
    pub average_render_ms: f64,
    /// Frames OBS's renderer missed (lagged), of all it rendered.
    pub render_skipped_frames: u32,
    pub render_total_frames: u32,
    /// Frames the encoder dropped, of all it encoded.
    pub output_skipped_frames: u32,
    pub output_total_frames: u32,
    pub stream: OutputFigures,
    pub recording: OutputFigures,
    /// `None` when the replay buffer is not enabled in OBS's settings.
    pub replay_buffer_active: Option<bool>,
}

/// One message to a screen that follows the link ([`ObsLink::follow`]).
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ObsUpdate {
    Health { health: ObsHealth },
    Stats { stats: Option<ObsStats> },
    Change { change: ObsChange },
}

/// How many changes a slow listener may fall behind before it misses some
/// (it then learns it lagged and reads the state again).
const CHANGES_KEPT: usize = 256;

/// What the supervisor shares with the link's clones.
struct Published {
    client: watch::Sender<Option<Arc<obws::Client>>>,
    health: watch::Sender<ObsHealth>,
    stats: watch::Sender<Option<ObsStats>>,
    changes: broadcast::Sender<ObsChange>,
}

/// What a link asks of its supervisor.
enum Control {
    /// New settings (or none): drop the connection and start again.
    Configure(Option<ObsEndpoint>),
    /// Try now, whatever the wait or the problem.
    RetryNow,
    /// A request went unanswered: check the connection now.
    Check,
    /// The app stopped a recording and OBS named its file: the supervisor
    /// announces it stopped once OBS has finished writing it.
    Recorded(String),
    Stop,
}

/// A handle on the supervised connection to one OBS. Cheap to clone; the
/// supervisor stops when the last clone is dropped or on [`ObsLink::stop`].
#[derive(Clone)]
pub struct ObsLink {
    published: Arc<Published>,
    control: mpsc::UnboundedSender<Control>,
    timing: ObsTiming,
}

impl ObsLink {
    /// Starts supervising the connection to `endpoint` (none: wait for
    /// settings). Must be called inside a Tokio runtime.
    pub fn start(endpoint: Option<ObsEndpoint>, timing: ObsTiming) -> ObsLink {
        let initial = if endpoint.is_some() {
            ObsHealth::Connecting {
                attempt: 1,
                problem: None,
                since: mona_core::clock::now(),
            }
        } else {
            ObsHealth::NotConfigured
        };
        let published = Arc::new(Published {
            client: watch::Sender::new(None),
            health: watch::Sender::new(initial),
            stats: watch::Sender::new(None),
            changes: broadcast::Sender::new(CHANGES_KEPT),
        });
        let (control, commands) = mpsc::unbounded_channel();
        tokio::spawn(supervisor::supervise(
            endpoint,
            timing,
            Arc::clone(&published),
            commands,
        ));
        ObsLink {
            published,
            control,
            timing,
        }
    }

    /// Where the link stands now, and every change after.
    pub fn health(&self) -> watch::Receiver<ObsHealth> {
        self.published.health.subscribe()
    }

    /// OBS's figures from the last heartbeat (`None` while not connected).
    pub fn stats(&self) -> watch::Receiver<Option<ObsStats>> {
        self.published.stats.subscribe()
    }

    /// The changes OBS announces from now on, and the link's own
    /// (connected, disconnected).
    pub fn changes(&self) -> broadcast::Receiver<ObsChange> {
        self.published.changes.subscribe()
    }

    /// Sends the health and OBS's figures now and whenever they change, and
    /// every change OBS announces, in order, until `send` says the
    /// receiver is gone (a screen closed).
    pub async fn follow(&self, mut send: impl FnMut(ObsUpdate) -> bool) {
        let mut health = self.health();
        let mut stats = self.stats();
        let mut changes = self.changes();
        let now = health.borrow_and_update().clone();
        if !send(ObsUpdate::Health { health: now }) {
            return;
        }
        let figures = stats.borrow_and_update().clone();
        if !send(ObsUpdate::Stats { stats: figures }) {
            return;
        }
        loop {
            let update = tokio::select! {
                changed = health.changed() => match changed {
                    Ok(()) => ObsUpdate::Health { health: health.borrow_and_update().clone() },
                    Err(_) => return,
                },
                changed = stats.changed() => match changed {
                    Ok(()) => ObsUpdate::Stats { stats: stats.borrow_and_update().clone() },
                    Err(_) => return,
                },
                change = changes.recv() => match change {
                    Ok(change) => ObsUpdate::Change { change },
                    // Fell behind: the screen reads everything again.
                    Err(broadcast::error::RecvError::Lagged(_)) => {
                        ObsUpdate::Change { change: ObsChange::Missed }
                    }
                    Err(broadcast::error::RecvError::Closed) => return,
                },
            };
            if !send(update) {
                return;
            }
        }
    }

    /// New settings: the link drops its connection (if any) and connects
    /// to the new address.
    pub fn configure(&self, endpoint: Option<ObsEndpoint>) {
        let _ = self.control.send(Control::Configure(endpoint));
    }

    /// "Retry": connect now, even after a problem that waits for a person.
    pub fn retry_now(&self) {
        let _ = self.control.send(Control::RetryNow);
    }

    /// Stops the supervisor and closes the connection.
    pub fn stop(&self) {
        let _ = self.control.send(Control::Stop);
    }

    /// The scenes, with the one on air.
    pub async fn scenes(&self) -> Result<SceneList, ObsError> {
        let list = self
            .request(ObsResource::Scene, "", async |obs| {
                obs.scenes().list().await
            })
            .await?;
        Ok(SceneList::from_obs(list))
    }

    /// Puts `scene` on air (in studio mode too: the program, not the
    /// preview).
    pub async fn switch_program(&self, scene: &str) -> Result<(), ObsError> {
        self.request(ObsResource::Scene, scene, async |obs| {
            obs.scenes().set_current_program_scene(scene).await
        })
        .await
    }

    /// The sources of `scene`, top of OBS's list first, with whether each
    /// is shown.
    pub async fn scene_items(&self, scene: &str) -> Result<Vec<SceneItem>, ObsError> {
        self.request(ObsResource::Scene, scene, async |obs| {
            let mut listed = obs.scene_items().list(scene.into()).await?;
            listed.sort_by_key(|i| std::cmp::Reverse(i.index));
            let mut items = Vec::with_capacity(listed.len());
            for item in listed {
                // obws leaves the visibility out of the list: one question
                // per item (a scene holds tens of them at most).
                let visible = obs.scene_items().enabled(scene.into(), item.id).await?;
                // OBS numbers items from 1 up, one by one.
                let Ok(id) = u32::try_from(item.id) else {
                    continue;
                };
                items.push(SceneItem {
                    id,
                    source: item.source_name,
                    visible,
                    input_kind: item.input_kind,
                    is_group: item.is_group.unwrap_or(false),
                });
            }
            Ok(items)
        })
        .await
    }

    /// Shows or hides a source in a scene.
    pub async fn set_item_visible(
        &self,
        scene: &str,
        item_id: u32,
        visible: bool,
    ) -> Result<(), ObsError> {
        self.request(ObsResource::Scene, scene, async |obs| {
            obs.scene_items()
                .set_enabled(SetEnabled {
                    scene: scene.into(),
                    item_id: i64::from(item_id),
                    enabled: visible,
                })
                .await
        })
        .await
    }

    /// Starts, stops or pauses an output. Stopping a recording answers
    /// with the file OBS wrote. The figures are read again at once.
    pub async fn output(&self, action: OutputAction) -> Result<Option<String>, ObsError> {
        let done = self
            .request(ObsResource::Output, action.output(), async |obs| {
                action.run(obs).await
            })
            .await;
        let _ = match &done {
            Ok(Some(file)) => self.control.send(Control::Recorded(file.clone())),
            _ => self.control.send(Control::Check),
        };
        done
    }

    /// A picture of what is on air, `width` pixels wide (JPEG, as a
    /// `data:` URL the page shows as it is): the program preview, asked a
    /// few times a second while it is on screen.
    pub async fn program_snapshot(&self, width: u32) -> Result<String, ObsError> {
        let width = width.clamp(64, 1920);
        self.request(ObsResource::Scene, "", async |obs| {
            let program = obs.scenes().current_program_scene().await?.id.name;
            obs.sources()
                .take_screenshot(TakeScreenshot {
                    source: program.as_str().into(),
                    format: "jpg",
                    width: Some(width),
                    height: None,
                    compression_quality: Some(70),
                })
                .await
        })
        .await
    }

    /// The inputs that carry sound, in OBS's order, with their mute and
    /// fader. (obs-websocket does not say which inputs have audio: an
    /// input whose volume it will not give has none.)
    pub async fn audio_inputs(&self) -> Result<Vec<AudioInput>, ObsError> {
        self.request(ObsResource::Input, "", async |obs| {
            let mut found = Vec::new();
            for input in obs.inputs().list(None).await? {
                let name = input.id.name.as_str();
                let Ok(volume) = obs.inputs().volume(name.into()).await else {
                    continue;
                };
                let muted = obs.inputs().muted(name.into()).await?;
                found.push(AudioInput {
                    name: input.id.name.clone(),
                    kind: input.kind,
                    muted,
                    volume_db: f64::from(volume.db),
                });
            }
            Ok(found)
        })
        .await
    }

    pub async fn set_muted(&self, input: &str, muted: bool) -> Result<(), ObsError> {
        self.request(ObsResource::Input, input, async |obs| {
            obs.inputs().set_muted(input.into(), muted).await
        })
        .await
    }

    /// Moves an input's fader, in decibels (−100 to +26, OBS's range).
    pub async fn set_volume_db(&self, input: &str, volume_db: f64) -> Result<(), ObsError> {
        let volume_db = if volume_db.is_finite() {
            volume_db.clamp(-100.0, 26.0)
        } else {
            -100.0
        };
        self.request(ObsResource::Input, input, async |obs| {
            obs.inputs()
                .set_volume(
                    input.into(),
                    obws::requests::inputs::Volume::Db(volume_db as f32),
                )
                .await
        })
        .await
    }

    /// Studio mode on or off (a preview beside the program).
    pub async fn set_studio_mode(&self, enabled: bool) -> Result<(), ObsError> {
        self.request(ObsResource::Scene, "", async |obs| {
            obs.ui().set_studio_mode_enabled(enabled).await
        })
        .await
    }

    /// In studio mode: prepares `scene` in the preview.
    pub async fn set_preview(&self, scene: &str) -> Result<(), ObsError> {
        self.request(ObsResource::Scene, scene, async |obs| {
            obs.scenes().set_current_preview_scene(scene).await
        })
        .await
    }

    /// In studio mode: the preview goes on air with the current transition.
    pub async fn transition(&self) -> Result<(), ObsError> {
        self.request(ObsResource::Scene, "", async |obs| {
            obs.transitions().trigger().await
        })
        .await
    }

    /// Runs `call` on the current connection within the request deadline.
    /// `what` and `name` name the thing the request is about, for OBS's
    /// "not found".
    async fn request<T>(
        &self,
        what: ObsResource,
        name: &str,
        call: impl AsyncFnOnce(&obws::Client) -> obws::error::Result<T>,
    ) -> Result<T, ObsError> {
        let client = self
            .published
            .client
            .borrow()
            .clone()
            .ok_or(ObsError::NotConnected)?;
        match tokio::time::timeout(self.timing.request_timeout, call(&client)).await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(error)) => Err(ObsError::from_request(error, what, name)),
            Err(_) => {
                let _ = self.control.send(Control::Check);
                Err(ObsError::NoAnswer)
            }
        }
    }
}
