//! A PostgreSQL cluster of one test's own, for what the shared test server
//! cannot show: it trusts every local login and its TLS certificate is
//! Debian's self-signed one. This one checks passwords (SCRAM) and, when
//! asked, serves TLS with a certificate signed by a CA made for the test.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::Command;

use mona_core::team_server::TlsMode;
use mona_sync::server::ServerAddress;

/// The password of the cluster's `postgres` role.
pub const PASSWORD: &str = "mot-de-passe-de-l-équipe";

pub struct PrivateCluster {
    folder: tempfile::TempDir,
    bin: PathBuf,
    pub port: u16,
}

/// Where PostgreSQL's server programs are: `MONA_TEST_PG_BIN`, or Debian's
/// newest `/usr/lib/postgresql/<version>/bin`.
fn server_programs() -> PathBuf {
    if let Ok(bin) = std::env::var("MONA_TEST_PG_BIN") {
        return bin.into();
    }
    let mut versions: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .expect("PostgreSQL's server programs (scripts/test.sh installs them)")
        .filter_map(|entry| entry.ok().map(|e| e.path().join("bin")))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    versions.sort();
    versions.pop().expect("initdb in /usr/lib/postgresql/*/bin")
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

/// Runs a PostgreSQL program as the `postgres` user when the tests run as
/// root (PostgreSQL refuses to run as root).
fn run(program: &Path, args: &[&str]) {
    let mut command = if running_as_root() {
        let mut c = Command::new("runuser");
        c.args(["-u", "postgres", "--"]).arg(program);
        c
    } else {
        Command::new(program)
    };
    let out = command
        .args(args)
        .output()
        .expect("run a PostgreSQL program");
    assert!(
        out.status.success(),
        "{} failed: {}{}",
        program.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

fn give_to_postgres(path: &Path) {
    if running_as_root() {
        let status = Command::new("chown")
            .args(["-R", "postgres"])
            .arg(path)
            .status()
            .expect("chown");
        assert!(status.success());
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free port")
        .port()
}

/// A certificate authority and a server certificate it signed for
/// `127.0.0.1` and `localhost`, as PEM files in `folder`.
pub struct Certificates {
    pub ca: PathBuf,
    pub server_cert: PathBuf,
    pub server_key: PathBuf,
}

pub fn certificates(folder: &Path, names: &[&str]) -> Certificates {
    use rcgen::{BasicConstraints, CertificateParams, DnType, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().expect("CA key");
    let mut ca = CertificateParams::new(Vec::<String>::new()).expect("CA params");
    ca.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(DnType::CommonName, "Équipe MONA test CA");
    let ca_cert = ca.self_signed(&ca_key).expect("CA certificate");
    let issuer = Issuer::new(ca, ca_key);
    let server_key = KeyPair::generate().expect("server key");
    let names: Vec<String> = names.iter().map(|n| (*n).to_owned()).collect();
    let server = CertificateParams::new(names).expect("server params");
    let server_cert = server
        .signed_by(&server_key, &issuer)
        .expect("server certificate");
    let files = Certificates {
        ca: folder.join("ca.pem"),
        server_cert: folder.join("server.crt"),
        server_key: folder.join("server.key"),
    };
    std::fs::write(&files.ca, ca_cert.pem()).expect("write CA");
    std::fs::write(&files.server_cert, server_cert.pem()).expect("write cert");
    std::fs::write(&files.server_key, server_key.serialize_pem()).expect("write key");
    files
}

impl PrivateCluster {
    /// Starts a cluster that checks passwords; with `certificates`, it also
    /// offers TLS with them.
    pub fn start(tls: Option<&Certificates>) -> PrivateCluster {
        let folder = tempfile::tempdir().expect("cluster folder");
        let bin = server_programs();
        let data = folder.path().join("data");
        let password_file = folder.path().join("password");
        std::fs::write(&password_file, PASSWORD).expect("password file");
        let mut ssl = String::new();
        if let Some(certs) = tls {
            for (from, to) in [
                (&certs.server_cert, "server.crt"),
                (&certs.server_key, "server.key"),
            ] {
                std::fs::copy(from, folder.path().join(to)).expect("copy certificate");
            }
            ssl = format!(
                " -c ssl=on -c ssl_cert_file={dir}/server.crt -c ssl_key_file={dir}/server.key",
                dir = folder.path().display()
            );
        }
        give_to_postgres(folder.path());
        if let Some(_certs) = tls {
            // PostgreSQL refuses a key others can read.
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(
                folder.path().join("server.key"),
                std::fs::Permissions::from_mode(0o600),
            )
            .expect("key permissions");
        }
        let data_arg = data.display().to_string();
        let pw_arg = format!("--pwfile={}", password_file.display());
        run(
            &bin.join("initdb"),
            &[
                "-D",
                &data_arg,
                "-U",
                "postgres",
                "-A",
                "scram-sha-256",
                &pw_arg,
                "--no-sync",
            ],
        );
        let port = free_port();
        let options = format!(
            "-c port={port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={dir} -c fsync=off{ssl}",
            dir = folder.path().display()
        );
        let log = folder.path().join("log");
        let log_arg = log.display().to_string();
        run(
            &bin.join("pg_ctl"),
            &[
                "-D", &data_arg, "-o", &options, "-l", &log_arg, "-w", "start",
            ],
        );
        PrivateCluster { folder, bin, port }
    }

    /// The cluster's `postgres` database, reached with `tls`.
    pub fn address(&self, tls: TlsMode, ca_file: Option<&Path>) -> ServerAddress {
        ServerAddress {
            host: "127.0.0.1".into(),
            port: self.port,
            database: "postgres".into(),
            user: "postgres".into(),
            tls,
            ca_file: ca_file.map(Path::to_path_buf),
        }
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let data = self.folder.path().join("data").display().to_string();
        run(
            &self.bin.join("pg_ctl"),
            &["-D", &data, "-m", "immediate", "-w", "stop"],
        );
    }
}
