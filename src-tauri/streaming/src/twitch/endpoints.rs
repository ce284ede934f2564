//! Where Twitch is: its sign-in service (OAuth), its API (Helix) and its
//! chat (IRC). Twitch's own addresses unless told otherwise, so that tests
//! (and a developer with the Twitch CLI's mock server) can point the app at
//! servers on this computer.

use url::Url;

/// The chat server: `ircs://` is TLS (Twitch's, port 6697), `irc://` plain
/// TCP (a local test server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IrcAddress {
    pub host: String,
    pub port: u16,
    pub tls: bool,
}

/// The three addresses the Twitch code talks to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TwitchEndpoints {
    /// Ends with a slash: `…/oauth2/` (device, token, validate, revoke
    /// live under it).
    pub oauth: Url,
    /// Ends with a slash: `…/helix/`.
    pub helix: Url,
    pub irc: IrcAddress,
}

/// The environment variables that move an endpoint ([`TwitchEndpoints::from_env`]).
pub const OAUTH_VARIABLE: &str = "MONA_TWITCH_OAUTH_URL";
pub const HELIX_VARIABLE: &str = "MONA_TWITCH_HELIX_URL";
pub const IRC_VARIABLE: &str = "MONA_TWITCH_IRC_URL";

/// An endpoint given in the environment is not an address the app can use.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{variable} is not a usable address ({reason}): {value}")]
pub struct EndpointError {
    pub variable: &'static str,
    pub value: String,
    pub reason: &'static str,
}

impl Default for TwitchEndpoints {
    fn default() -> Self {
        TwitchEndpoints {
            oauth: twitch_oauth2_base(),
            helix: Url::parse("https://api.twitch.tv/helix/")
                .unwrap_or_else(|_| twitch_oauth2_base()),
            irc: IrcAddress {
                host: "irc.chat.twitch.tv".into(),
                port: 6697,
                tls: true,
            },
        }
    }
}

fn twitch_oauth2_base() -> Url {
    // The library's own constant (without its `mock_api` feature it is
    // always Twitch's address); the token URL's folder is the base.
    let mut base = twitch_oauth2::TOKEN_URL.clone();
    base.set_path("/oauth2/");
    base
}

impl TwitchEndpoints {
    /// Twitch's addresses, each replaced by its variable when set
    /// ([`OAUTH_VARIABLE`], [`HELIX_VARIABLE`], [`IRC_VARIABLE`]).
    pub fn from_env(
        read: impl Fn(&str) -> Option<String>,
    ) -> Result<TwitchEndpoints, EndpointError> {
        let mut endpoints = TwitchEndpoints::default();
        if let Some(value) = read(OAUTH_VARIABLE) {
            endpoints.oauth = folder(OAUTH_VARIABLE, &value)?;
        }
        if let Some(value) = read(HELIX_VARIABLE) {
            endpoints.helix = folder(HELIX_VARIABLE, &value)?;
        }
        if let Some(value) = read(IRC_VARIABLE) {
            endpoints.irc = irc(&value)?;
        }
        Ok(endpoints)
    }

    /// The same endpoints with every address on a test server's origin
    /// (`http://127.0.0.1:PORT`): OAuth under `/oauth2/`, Helix under
    /// `/helix/`, and the chat at `irc_port` in plain TCP.
    pub fn on_loopback(http_port: u16, irc_port: u16) -> TwitchEndpoints {
        let origin = format!("http://127.0.0.1:{http_port}");
        TwitchEndpoints {
            oauth: Url::parse(&format!("{origin}/oauth2/"))
                .unwrap_or_else(|_| twitch_oauth2_base()),
            helix: Url::parse(&format!("{origin}/helix/")).unwrap_or_else(|_| twitch_oauth2_base()),
            irc: IrcAddress {
                host: "127.0.0.1".into(),
                port: irc_port,
                tls: false,
            },
        }
    }
}

fn folder(variable: &'static str, value: &str) -> Result<Url, EndpointError> {
    let refuse = |reason| EndpointError {
        variable,
        value: value.to_owned(),
        reason,
    };
    let mut url = Url::parse(value.trim()).map_err(|_| refuse("not a URL"))?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(refuse("not http or https"));
    }
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn irc(value: &str) -> Result<IrcAddress, EndpointError> {
    let refuse = |reason| EndpointError {
        variable: IRC_VARIABLE,
        value: value.to_owned(),
        reason,
    };
    let url = Url::parse(value.trim()).map_err(|_| refuse("not a URL"))?;
    let tls = match url.scheme() {
        "ircs" => true,
        "irc" => false,
        _ => return Err(refuse("not irc:// or ircs://")),
    };
    let host = url.host_str().ok_or_else(|| refuse("no host"))?.to_owned();
    let port = url.port().unwrap_or(if tls { 6697 } else { 6667 });
    Ok(IrcAddress { host, port, tls })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_variables_the_app_talks_to_twitch() {
        let endpoints = TwitchEndpoints::from_env(|_| None).expect("defaults");
        assert_eq!(endpoints.oauth.as_str(), "https://id.twitch.tv/oauth2/");
        assert_eq!(endpoints.helix.as_str(), "https://api.twitch.tv/helix/");
        assert_eq!(endpoints.irc.host, "irc.chat.twitch.tv");
        assert!(endpoints.irc.tls);
    }

    #[test]
    fn each_variable_moves_its_endpoint_and_a_missing_slash_is_added() {
        let endpoints = TwitchEndpoints::from_env(|name| match name {
            OAUTH_VARIABLE => Some("http://127.0.0.1:8080/auth".into()),
            IRC_VARIABLE => Some("irc://127.0.0.1:6667".into()),
            _ => None,
        })
        .expect("valid");
        assert_eq!(endpoints.oauth.as_str(), "http://127.0.0.1:8080/auth/");
        assert_eq!(endpoints.helix.as_str(), "https://api.twitch.tv/helix/");
        assert_eq!(
            endpoints.irc,
            IrcAddress {
                host: "127.0.0.1".into(),
                port: 6667,
                tls: false
            }
        );
    }

    #[test]
    fn a_variable_that_is_not_an_address_is_named_in_the_error() {
        let refused = TwitchEndpoints::from_env(|name| {
            (name == IRC_VARIABLE).then(|| "127.0.0.1:6667".into())
        })
        .expect_err("no scheme");
        assert_eq!(refused.variable, IRC_VARIABLE);
    }
}
