//! How the window paints on a machine without a GPU.
//!
//! Why it exists: on Linux, WebKitGTK composites the page with OpenGL. With
//! no GPU (a virtual machine, a remote desktop, a container under Xvfb) that
//! OpenGL is Mesa's software renderer, and every composited layer keeps its
//! own buffers: the page's process took 200 MiB instead of 121 MiB on such a
//! machine, for no gain in speed. There WebKit is told, before it makes the
//! page, not to composite (`WEBKIT_DISABLE_COMPOSITING_MODE`, WebKitGTK's own
//! switch); the page is then made without OpenGL at all, and its HTML
//! arrives 15–30 ms sooner than when the same choice is made through the
//! web view's settings once the page exists (docs/PERFORMANCE.md, "Launch
//! to interactive"). With a GPU, WebKit's default stays. Windows and macOS
//! paint through their own system views and are left alone.
//!
//! Painting this way has one trap, which is why the window opens hidden
//! (`tauri.conf.json`) and `commands::app::ui_ready` shows it: a window
//! mapped before its page has drawn once makes WebKit's UI thread wait up to
//! 500 ms for that drawing, and the same thread serves the page its files,
//! so a third of the launches stalled for half a second.

/// The variable WebKitGTK reads when it makes a page.
#[cfg(target_os = "linux")]
const NO_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Tells WebKit not to composite with OpenGL when this computer has no GPU,
/// unless the person launching the app already chose either way.
///
/// Call it first thing in `main`'s thread, before any other thread exists
/// and before the window is made.
#[cfg(target_os = "linux")]
#[allow(unsafe_code)] // the workspace's one `unsafe`: see SAFETY below
pub fn fit_to_this_machine() {
    if std::env::var_os(NO_COMPOSITING).is_some() || has_gpu(std::path::Path::new("/dev/dri")) {
        return;
    }
    // SAFETY: called at the start of `run`, while the process has one
    // thread: nothing else reads or writes the environment concurrently.
    unsafe { std::env::set_var(NO_COMPOSITING, "1") };
}

#[cfg(not(target_os = "linux"))]
pub fn fit_to_this_machine() {}

/// Whether `dri` (`/dev/dri` on Linux) holds a GPU render node (`renderD128`...).
#[cfg_attr(not(target_os = "linux"), allow(dead_code))]
fn has_gpu(dri: &std::path::Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|entry| entry.file_name().to_string_lossy().starts_with("renderD"))
    })
}

#[cfg(test)]
mod tests {
    use super::has_gpu;

    #[test]
    fn a_render_node_means_a_gpu() {
        let dri = tempfile::tempdir().expect("folder");
        assert!(!has_gpu(dri.path()), "empty /dev/dri");
        std::fs::write(dri.path().join("card0"), "").expect("card");
        assert!(!has_gpu(dri.path()), "a display card alone renders nothing");
        std::fs::write(dri.path().join("renderD128"), "").expect("node");
        assert!(has_gpu(dri.path()));
        assert!(!has_gpu(&dri.path().join("missing")), "no /dev/dri at all");
    }
}
