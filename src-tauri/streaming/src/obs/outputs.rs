//! OBS's outputs: the stream, the recording and the replay buffer. What the
//! live controls start and stop, and the figures obs-websocket has no event
//! for (timecodes, "reconnecting", bitrate), read with each heartbeat.

use std::time::Instant;

use serde::{Deserialize, Serialize};

/// One thing the live controls ask of OBS's outputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum OutputAction {
    StartStream,
    StopStream,
    StartRecording,
    StopRecording,
    PauseRecording,
    ResumeRecording,
    StartReplayBuffer,
    StopReplayBuffer,
    /// Writes the replay buffer's last seconds to a file.
    SaveReplay,
}

impl OutputAction {
    /// What the action is about, for OBS's "not found" and refusals.
    pub(crate) fn output(self) -> &'static str {
        match self {
            OutputAction::StartStream | OutputAction::StopStream => "stream",
            OutputAction::StartRecording
            | OutputAction::StopRecording
            | OutputAction::PauseRecording
            | OutputAction::ResumeRecording => "recording",
            OutputAction::StartReplayBuffer
            | OutputAction::StopReplayBuffer
            | OutputAction::SaveReplay => "replay buffer",
        }
    }

    /// Runs the action; stopping a recording answers with its file.
    pub(crate) async fn run(self, obs: &obws::Client) -> obws::error::Result<Option<String>> {
        match self {
            OutputAction::StartStream => obs.streaming().start().await?,
            OutputAction::StopStream => obs.streaming().stop().await?,
            OutputAction::StartRecording => obs.recording().start().await?,
            OutputAction::StopRecording => return obs.recording().stop().await.map(Some),
            OutputAction::PauseRecording => obs.recording().pause().await?,
            OutputAction::ResumeRecording => obs.recording().resume().await?,
            OutputAction::StartReplayBuffer => obs.replay_buffer().start().await?,
            OutputAction::StopReplayBuffer => obs.replay_buffer().stop().await?,
            OutputAction::SaveReplay => obs.replay_buffer().save().await?,
        }
        Ok(None)
    }
}

/// Where one output stands, as the live controls show it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, specta::Type)]
#[serde(rename_all = "camelCase")]
pub struct OutputFigures {
    pub active: bool,
    /// Recording only.
    pub paused: bool,
    /// Stream only: OBS lost the server and is trying again.
    pub reconnecting: bool,
    /// How long the output has run (the recording's excludes its pauses).
    pub timecode_ms: u32,
    /// Bitrate since the previous heartbeat, in kilobits per second.
    pub kbps: u32,
}

/// The bytes an output had written at the previous heartbeat, for its
/// bitrate.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct BytesSeen {
    at: Option<(Instant, u64)>,
}

impl BytesSeen {
    pub(crate) fn kbps(&mut self, bytes: u64, now: Instant) -> u32 {
        let rate = match self.at {
            Some((then, before)) if bytes >= before => {
                let seconds = now.duration_since(then).as_secs_f64();
                if seconds > 0.0 {
                    ((bytes - before) as f64 * 8.0 / 1000.0 / seconds).round() as u32
                } else {
                    0
                }
            }
            _ => 0,
        };
        self.at = Some((now, bytes));
        rate
    }
}

/// Whole milliseconds (obws's durations count them in `i128`).
pub(crate) fn millis(whole_milliseconds: i128) -> u32 {
    u32::try_from(whole_milliseconds.max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_bitrate_is_the_bytes_written_since_the_last_look() {
        let mut seen = BytesSeen::default();
        let start = Instant::now();
        assert_eq!(
            seen.kbps(1_000_000, start),
            0,
            "nothing to compare with yet"
        );
        // 250 kB in 2 s: 1,000 kbit/s.
        assert_eq!(seen.kbps(1_250_000, start + Duration::from_secs(2)), 1000);
        // A new recording starts from zero bytes: no negative rate.
        assert_eq!(seen.kbps(10, start + Duration::from_secs(4)), 0);
    }
}
