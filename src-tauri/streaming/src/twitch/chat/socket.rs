//! The chat's socket to the configured IRC address.
//!
//! Why it exists: `twitch-irc` connects to Twitch's host, a constant of the
//! crate, unless given a `MakeConnection` of its own. Its `new_socket()`
//! takes no argument, so the address is a process-wide value set when the
//! chat starts ([`point_at`]): one chat server per process, as the app has
//! (and one fake per test binary).

use std::sync::{Arc, RwLock};

use async_trait::async_trait;
use tokio::net::TcpStream;
use tokio_util::either::Either;
use twitch_irc::transport::tcp::{MakeConnection, TCPTransportConnectError};

use crate::twitch::IrcAddress;

static ADDRESS: RwLock<Option<IrcAddress>> = RwLock::new(None);

/// Where the chat's next connection goes.
pub(crate) fn point_at(address: IrcAddress) {
    *ADDRESS
        .write()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(address);
}

fn address() -> IrcAddress {
    ADDRESS
        .read()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone()
        .unwrap_or_else(|| crate::twitch::TwitchEndpoints::default().irc)
}

pub struct TwitchSocket;

#[async_trait]
impl MakeConnection for TwitchSocket {
    type Socket = Either<TcpStream, tokio_rustls::client::TlsStream<TcpStream>>;

    async fn new_socket() -> Result<Self::Socket, TCPTransportConnectError> {
        let address = address();
        let tcp = TcpStream::connect((address.host.as_str(), address.port)).await?;
        if !address.tls {
            return Ok(Either::Left(tcp));
        }
        let config = crate::twitch::tls::client_config().ok_or_else(|| {
            std::io::Error::other("the system's certificate verifier is not available")
        })?;
        let name = rustls::pki_types::ServerName::try_from(address.host.clone())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))?;
        let tls = tokio_rustls::TlsConnector::from(Arc::new(config))
            .connect(name, tcp)
            .await?;
        Ok(Either::Right(tls))
    }
}
