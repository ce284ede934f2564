//! What can go wrong with a request to OBS, with what the person needs to
//! know and nothing else (never a password, never a raw frame).

use serde::Serialize;
use thiserror::Error;

/// What a request is about, for OBS's "not found".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum ObsResource {
    Scene,
    Input,
    Output,
}

impl std::fmt::Display for ObsResource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ObsResource::Scene => "scene",
            ObsResource::Input => "input",
            ObsResource::Output => "output",
        })
    }
}

/// A request to OBS that did not do what was asked.
#[derive(Debug, Clone, PartialEq, Eq, Error, Serialize, specta::Type)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ObsError {
    /// The link is not connected right now (see [`super::ObsHealth`]).
    #[error("OBS is not connected")]
    NotConnected,
    /// OBS did not answer within the request's deadline; the link checks
    /// the connection.
    #[error("OBS did not answer in time")]
    NoAnswer,
    /// The connection dropped while the request was under way.
    #[error("the connection to OBS dropped during the request")]
    Lost,
    /// What the request names (a scene, a source) does not exist in OBS
    /// (any more).
    #[error("OBS has no {what} named \"{name}\"")]
    NotFound { what: ObsResource, name: String },
    /// OBS refused the request.
    #[error("OBS refused the request (code {status}): {comment}")]
    Refused {
        status: u16,
        /// OBS's own words (in English), empty when it gave none.
        comment: String,
    },
}

impl ObsError {
    /// A request's failure from obws. `what` and `name` say what the
    /// request was about, for OBS's "resource not found".
    pub(crate) fn from_request(
        error: obws::error::Error,
        what: ObsResource,
        name: &str,
    ) -> ObsError {
        match error {
            obws::error::Error::Api { code, message } => {
                if code == obws::responses::StatusCode::ResourceNotFound {
                    ObsError::NotFound {
                        what,
                        name: name.to_owned(),
                    }
                } else {
                    ObsError::Refused {
                        status: code as u16,
                        comment: message.unwrap_or_default(),
                    }
                }
            }
            obws::error::Error::Disconnected
            | obws::error::Error::ReceiveMessage(_)
            | obws::error::Error::Send(_) => ObsError::Lost,
            _ => ObsError::Refused {
                status: 0,
                comment: String::new(),
            },
        }
    }
}
