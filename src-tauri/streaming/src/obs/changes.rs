//! What OBS announces, in the app's words: the Streaming screen follows
//! OBS through these instead of asking it again and again.

use obws::events::{Event, OutputState};
use serde::Serialize;

/// A phase of one of OBS's outputs (stream, recording).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OutputPhase {
    Starting,
    Started,
    Stopping,
    Stopped,
    Paused,
    Resumed,
    Reconnecting,
    Reconnected,
}

impl OutputPhase {
    fn from_obs(state: OutputState) -> Option<OutputPhase> {
        Some(match state {
            OutputState::Starting => OutputPhase::Starting,
            OutputState::Started => OutputPhase::Started,
            OutputState::Stopping => OutputPhase::Stopping,
            OutputState::Stopped => OutputPhase::Stopped,
            OutputState::Paused => OutputPhase::Paused,
            OutputState::Resumed => OutputPhase::Resumed,
            OutputState::Reconnecting => OutputPhase::Reconnecting,
            OutputState::Reconnected => OutputPhase::Reconnected,
            _ => return None,
        })
    }
}

/// A change in OBS, or in the link itself.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(
    tag = "kind",
    rename_all = "snake_case",
    rename_all_fields = "camelCase"
)]
pub enum ObsChange {
    /// The link connected (again): whatever the screen showed may be stale.
    Connected,
    /// The link lost OBS.
    Disconnected,
    /// A listener fell behind and missed changes: read the state again.
    Missed,
    /// The scene on air changed, from the app or from OBS itself.
    ProgramScene {
        name: String,
    },
    /// Studio mode's preview scene changed.
    PreviewScene {
        name: String,
    },
    StudioMode {
        enabled: bool,
    },
    /// Scenes were added, removed, renamed or reordered.
    SceneList,
    /// A scene's items were added, removed or reordered.
    SceneItems {
        scene: String,
    },
    /// A source was shown or hidden in a scene.
    SceneItemVisibility {
        scene: String,
        item_id: u32,
        visible: bool,
    },
    /// Inputs were added, removed or renamed (the mixer reads them again).
    AudioInputs,
    InputMuted {
        input: String,
        muted: bool,
    },
    InputVolume {
        input: String,
        volume_db: f64,
    },
    Stream {
        phase: OutputPhase,
    },
    /// The recording's phase; a stopped recording names its file as OBS
    /// wrote it. A recording the app stopped may be announced stopped twice
    /// (by the app and by OBS): a listener keys on the file.
    Recording {
        phase: OutputPhase,
        path: Option<String>,
    },
}

impl ObsChange {
    /// The app's reading of an OBS event; `None` for events the app does
    /// not follow.
    pub(crate) fn from_event(event: Event) -> Option<ObsChange> {
        Some(match event {
            Event::CurrentProgramSceneChanged { id } => ObsChange::ProgramScene { name: id.name },
            Event::CurrentPreviewSceneChanged { id } => ObsChange::PreviewScene { name: id.name },
            Event::StudioModeStateChanged { enabled } => ObsChange::StudioMode { enabled },
            Event::SceneCreated { .. }
            | Event::SceneRemoved { .. }
            | Event::SceneNameChanged { .. }
            | Event::SceneListChanged { .. } => ObsChange::SceneList,
            Event::SceneItemCreated { scene, .. }
            | Event::SceneItemRemoved { scene, .. }
            | Event::SceneItemListReindexed { scene, .. } => {
                ObsChange::SceneItems { scene: scene.name }
            }
            Event::SceneItemEnableStateChanged {
                scene,
                item_id,
                enabled,
            } => ObsChange::SceneItemVisibility {
                scene: scene.name,
                item_id: u32::try_from(item_id).ok()?,
                visible: enabled,
            },
            Event::InputCreated { .. }
            | Event::InputRemoved { .. }
            | Event::InputNameChanged { .. } => ObsChange::AudioInputs,
            Event::InputMuteStateChanged { id, muted } => ObsChange::InputMuted {
                input: id.name,
                muted,
            },
            Event::InputVolumeChanged { id, db, .. } => ObsChange::InputVolume {
                input: id.name,
                volume_db: db,
            },
            Event::StreamStateChanged { state, .. } => ObsChange::Stream {
                phase: OutputPhase::from_obs(state)?,
            },
            Event::RecordStateChanged { state, path, .. } => ObsChange::Recording {
                phase: OutputPhase::from_obs(state)?,
                path,
            },
            _ => return None,
        })
    }
}
