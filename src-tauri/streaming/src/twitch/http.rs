//! The one HTTP client of the Twitch code: reqwest with rustls (ring, the
//! OS's trusted roots), sending what the `twitch_oauth2` library builds to
//! the configured endpoints.
//!
//! Why it exists: the library builds and parses Twitch's requests (the
//! fields, the error shapes), but takes its addresses from process-wide
//! constants. This client moves each request to [`TwitchEndpoints`] on its
//! way out, so a test's fake servers and Twitch itself go through the
//! same code.

use std::sync::Arc;
use std::time::Duration;

use super::TwitchEndpoints;

const TWITCH_OAUTH: &str = "https://id.twitch.tv/oauth2/";
const TWITCH_HELIX: &str = "https://api.twitch.tv/helix/";

/// Why an HTTP exchange with Twitch failed. Carries no URL (a query could
/// hold an id the person did not choose to show) and no body.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    /// No answer: offline, the name does not resolve, the server is down,
    /// or it answered too late.
    #[error("Twitch could not be reached")]
    Unreachable,
    /// The request could not be made (a library's request this client
    /// cannot send).
    #[error("the request to Twitch could not be made: {0}")]
    Request(String),
}

/// The client; clones share connections.
#[derive(Clone)]
pub struct TwitchHttp {
    client: reqwest::Client,
    endpoints: Arc<TwitchEndpoints>,
}

impl TwitchHttp {
    pub fn new(endpoints: TwitchEndpoints) -> TwitchHttp {
        let builder = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            // Twitch's OAuth answers never redirect; a redirect would carry
            // a form with a token somewhere else.
            .redirect(reqwest::redirect::Policy::none());
        let builder = match super::tls::client_config() {
            Some(config) => builder.tls_backend_preconfigured(config),
            None => builder,
        };
        let client = builder.build().unwrap_or_else(|error| {
            tracing::error!(%error, "the HTTP client could not be built with the system's roots");
            reqwest::Client::new()
        });
        TwitchHttp {
            client,
            endpoints: Arc::new(endpoints),
        }
    }

    pub fn endpoints(&self) -> &TwitchEndpoints {
        &self.endpoints
    }

    /// Where a request the library built for Twitch goes.
    fn moved(&self, uri: &str) -> String {
        if let Some(rest) = uri.strip_prefix(TWITCH_OAUTH) {
            format!("{}{rest}", self.endpoints.oauth)
        } else if let Some(rest) = uri.strip_prefix(TWITCH_HELIX) {
            format!("{}{rest}", self.endpoints.helix)
        } else {
            uri.to_owned()
        }
    }

    pub(crate) async fn send(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<http::Response<Vec<u8>>, HttpError> {
        let (mut parts, body) = request.into_parts();
        parts.uri = self
            .moved(&parts.uri.to_string())
            .parse()
            .map_err(|e: http::uri::InvalidUri| HttpError::Request(e.to_string()))?;
        let request = reqwest::Request::try_from(http::Request::from_parts(parts, body))
            .map_err(|e| HttpError::Request(e.without_url().to_string()))?;
        let response = self.client.execute(request).await.map_err(|error| {
            tracing::debug!(error = %error.without_url(), "Twitch unreachable");
            HttpError::Unreachable
        })?;
        let mut answer = http::Response::builder().status(response.status());
        if let Some(headers) = answer.headers_mut() {
            *headers = response.headers().clone();
        }
        let body = response.bytes().await.map_err(|_| HttpError::Unreachable)?;
        answer
            .body(body.to_vec())
            .map_err(|e| HttpError::Request(e.to_string()))
    }
}

impl twitch_oauth2::client::Client for TwitchHttp {
    type Error = HttpError;

    fn req(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> impl Future<Output = Result<http::Response<Vec<u8>>, HttpError>> + Send + use<> {
        let this = self.clone();
        async move { this.send(request).await }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_built_for_twitch_go_to_the_configured_servers() {
        let http = TwitchHttp::new(TwitchEndpoints::on_loopback(8080, 6667));
        assert_eq!(
            http.moved("https://id.twitch.tv/oauth2/device"),
            "http://127.0.0.1:8080/oauth2/device"
        );
        assert_eq!(
            http.moved("https://api.twitch.tv/helix/users?id=1"),
            "http://127.0.0.1:8080/helix/users?id=1"
        );
    }
}
