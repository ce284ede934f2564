//! A real OBS Studio 30.2, headless, started by `scripts/obs-headless.sh`
//! with a known profile and scene collection (scenes "Intro", "Live",
//! "Pause"; "Live" holds "Fond" and "Logo"). Each test gets its own OBS on
//! its own port and state folder; dropping the handle kills it.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use tokio::process::{Child, Command};

pub struct RealObs {
    pub port: u16,
    pub password: Option<String>,
    pub state: PathBuf,
    child: Option<Child>,
    _folder: tempfile::TempDir,
}

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/obs-headless.sh")
}

/// A port nothing listens on right now.
pub fn free_port() -> u16 {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    listener.local_addr().expect("its address").port()
}

impl RealObs {
    /// Starts OBS; it is ready some time later (the link waits for it).
    pub fn start(password: Option<&str>) -> RealObs {
        let folder = tempfile::tempdir().expect("a state folder");
        let mut obs = RealObs {
            port: free_port(),
            password: password.map(str::to_owned),
            state: folder.path().to_owned(),
            child: None,
            _folder: folder,
        };
        obs.launch();
        obs
    }

    fn launch(&mut self) {
        let root = std::env::var("MONA_OBS_ROOT")
            .unwrap_or_else(|_| "/var/cache/mona-spark/obs-trixie".to_owned());
        assert!(
            Path::new(&root).join(".mona-ready").exists(),
            "no headless OBS in {root}: run `scripts/obs-headless.sh setup` first (the README's test command does)"
        );
        let mut command = Command::new(script());
        command
            .arg("run")
            .arg(&self.state)
            .arg(self.port.to_string())
            .args(self.password.as_deref())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true);
        self.child = Some(command.spawn().expect("start scripts/obs-headless.sh"));
    }

    /// OBS dies at once (SIGKILL), as in a crash.
    pub async fn kill(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill().await;
        }
        // The port is free once OBS's process is gone.
        for _ in 0..100 {
            if std::net::TcpListener::bind(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }

    /// OBS started again, on the same port and settings.
    pub fn restart(&mut self) {
        self.launch();
    }
}

impl Drop for RealObs {
    fn drop(&mut self) {
        if let Some(child) = self.child.as_mut() {
            let _ = child.start_kill();
        }
    }
}
