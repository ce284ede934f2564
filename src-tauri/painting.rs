//! How the window paints on a machine without a GPU.
//!
//! Why it exists: on Linux, WebKitGTK composites the page with OpenGL. With
//! no GPU (a virtual machine, a remote desktop, a container under Xvfb) that
//! OpenGL is Mesa's software renderer, and every composited layer keeps its
//! own buffers: the page's process took 200 MiB instead of 121 MiB on such a
//! machine, for no gain in speed (docs/PERFORMANCE.md, "Launch to
//! interactive and idle memory"). There the window asks WebKit for no
//! hardware acceleration; with a GPU, WebKit's default stays. Windows and
//! macOS paint through their own system views and are left alone.

/// Turns off WebKit's OpenGL compositing for `window` when this computer
/// has no GPU; a failure only leaves WebKit's default.
#[cfg(target_os = "linux")]
pub fn fit_to_this_machine(window: &tauri::WebviewWindow) {
    use webkit2gtk::{HardwareAccelerationPolicy, SettingsExt, WebViewExt};

    if has_gpu(std::path::Path::new("/dev/dri")) {
        return;
    }
    let result = window.with_webview(|webview| {
        if let Some(settings) = WebViewExt::settings(&webview.inner()) {
            settings.set_hardware_acceleration_policy(HardwareAccelerationPolicy::Never);
        }
    });
    match result {
        Ok(()) => tracing::info!("no GPU: the window paints without OpenGL compositing"),
        Err(error) => tracing::warn!(%error, "the window's painting could not be set"),
    }
}

#[cfg(not(target_os = "linux"))]
pub fn fit_to_this_machine(_window: &tauri::WebviewWindow) {}

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
