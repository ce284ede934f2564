//! The encrypted connection to the team's server.
//!
//! Why it exists: a team server often sits on the internet, and the people
//! syncing with it are on hotel and train networks. The mode is the user's
//! choice (`mona_core::team_server::TlsMode`, named after PostgreSQL's
//! `sslmode`); this module turns it into a rustls configuration and a
//! failure into something the user can act on (which CA file, which name,
//! a server that offers no TLS at all).

use std::path::Path;
use std::sync::Arc;

use mona_core::team_server::TlsMode;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::{CryptoProvider, verify_tls12_signature, verify_tls13_signature};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{
    CertificateError, ClientConfig, DigitallySignedStruct, RootCertStore, SignatureScheme,
};
use serde::Serialize;
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::SyncError;

/// Why the secure connection failed, as the UI explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, specta::Type)]
#[serde(rename_all = "snake_case")]
pub enum TlsFailure {
    /// TLS is required, and the server does not offer it.
    NotOffered,
    /// The certificate is not signed by the CA file or an authority the OS
    /// trusts.
    Untrusted,
    /// The certificate is for another host name.
    WrongName,
    /// The certificate has expired or is not valid yet.
    Expired,
    /// The CA file cannot be read or holds no certificate.
    CaFile,
    /// Any other failure of the handshake.
    Handshake,
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// The TLS connector for `mode`; `ca_file` is only read for `VerifyFull`
/// (with `Disable` the connection never asks for TLS).
pub(crate) fn connector(
    mode: TlsMode,
    ca_file: Option<&Path>,
) -> Result<MakeRustlsConnect, SyncError> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| handshake(e.to_string()))?;
    let config = match (mode, ca_file) {
        (TlsMode::VerifyFull, Some(path)) => builder
            .with_root_certificates(roots_from(path)?)
            .with_no_client_auth(),
        (TlsMode::VerifyFull, None) => {
            let verifier = rustls_platform_verifier::Verifier::new(provider())
                .map_err(|e| handshake(e.to_string()))?;
            builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(verifier))
                .with_no_client_auth()
        }
        (TlsMode::Require | TlsMode::Disable, _) => builder
            .dangerous()
            .with_custom_certificate_verifier(Arc::new(EncryptionOnly(provider())))
            .with_no_client_auth(),
    };
    Ok(MakeRustlsConnect::new(config))
}

fn roots_from(path: &Path) -> Result<RootCertStore, SyncError> {
    let ca_file = |detail: String| SyncError::Tls {
        failure: TlsFailure::CaFile,
        detail: format!("{}: {detail}", path.display()),
    };
    let certificates: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
        .map_err(|e| ca_file(e.to_string()))?
        .collect::<Result<_, _>>()
        .map_err(|e| ca_file(e.to_string()))?;
    let mut roots = RootCertStore::empty();
    let (added, _) = roots.add_parsable_certificates(certificates);
    if added == 0 {
        return Err(ca_file("no certificate in this file".into()));
    }
    Ok(roots)
}

fn handshake(detail: String) -> SyncError {
    SyncError::Tls {
        failure: TlsFailure::Handshake,
        detail,
    }
}

/// The TLS failure in a connection error, if it is one.
pub(crate) fn failure_of(error: &tokio_postgres::Error) -> Option<SyncError> {
    let text = crate::error::full_text(error);
    if text.contains("server does not support TLS") {
        return Some(SyncError::Tls {
            failure: TlsFailure::NotOffered,
            detail: text,
        });
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(current) = source {
        let rustls_error = current.downcast_ref::<rustls::Error>().or_else(|| {
            current
                .downcast_ref::<std::io::Error>()
                .and_then(|io| io.get_ref())
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
        });
        if let Some(rustls_error) = rustls_error {
            let failure = match rustls_error {
                rustls::Error::InvalidCertificate(
                    CertificateError::NotValidForName
                    | CertificateError::NotValidForNameContext { .. },
                ) => TlsFailure::WrongName,
                rustls::Error::InvalidCertificate(
                    CertificateError::Expired
                    | CertificateError::ExpiredContext { .. }
                    | CertificateError::NotValidYet
                    | CertificateError::NotValidYetContext { .. },
                ) => TlsFailure::Expired,
                rustls::Error::InvalidCertificate(_) => TlsFailure::Untrusted,
                _ => TlsFailure::Handshake,
            };
            return Some(SyncError::Tls {
                failure,
                detail: text,
            });
        }
        source = current.source();
    }
    None
}

/// `require`: the connection is encrypted and the handshake's signatures are
/// checked, but any certificate is accepted (as PostgreSQL's own clients do
/// in this mode).
#[derive(Debug)]
struct EncryptionOnly(Arc<CryptoProvider>);

impl ServerCertVerifier for EncryptionOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
