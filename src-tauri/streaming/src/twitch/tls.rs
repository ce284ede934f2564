//! TLS to Twitch (its API and its chat): rustls with ring and the OS's
//! certificate verifier, as the team sync's connection.

use std::sync::Arc;

/// The client configuration; none when the OS's verifier cannot start
/// (then the HTTP client falls back to its defaults and the chat cannot
/// use TLS, and says so).
pub(crate) fn client_config() -> Option<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let verifier = rustls_platform_verifier::Verifier::new(provider.clone()).ok()?;
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .ok()?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth();
    Some(config)
}
