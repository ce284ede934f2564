//! Scenes and their sources, as the Streaming screen lists them.

use serde::Serialize;

/// OBS's scenes in the order OBS's own list shows them (top first), with
/// the one on air and, in studio mode, the one in preview.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SceneList {
    pub program: Option<String>,
    /// `None` outside studio mode.
    pub preview: Option<String>,
    pub scenes: Vec<String>,
}

impl SceneList {
    pub(crate) fn from_obs(list: obws::responses::scenes::Scenes) -> SceneList {
        let mut scenes = list.scenes;
        // obs-websocket numbers the list from the bottom.
        scenes.sort_by_key(|s| std::cmp::Reverse(s.index));
        SceneList {
            program: list.current_program_scene.map(|s| s.name),
            preview: list.current_preview_scene.map(|s| s.name),
            scenes: scenes.into_iter().map(|s| s.id.name).collect(),
        }
    }
}

/// An input of OBS that carries sound (a microphone, the desktop's audio,
/// a media file), as the mixer shows it.
#[derive(Debug, Clone, PartialEq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct AudioInput {
    pub name: String,
    /// OBS's kind of input ("pulse_input_capture", "ffmpeg_source"...).
    pub kind: String,
    pub muted: bool,
    /// The fader, in decibels (0 is unchanged; OBS's silence is −100).
    pub volume_db: f64,
}

/// A source placed in a scene (OBS calls it a scene item).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct SceneItem {
    /// OBS's number for the item, unique within its scene.
    pub id: u32,
    pub source: String,
    pub visible: bool,
    /// OBS's kind of input ("color_source_v3", "pulse_input_capture"...),
    /// `None` for a nested scene or a group.
    pub input_kind: Option<String>,
    pub is_group: bool,
}
