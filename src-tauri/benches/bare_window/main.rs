//! The baselines of the launch and memory benchmarks (docs/PERFORMANCE.md):
//! a bare Tauri window with no database and no app UI, logged like the real
//! app's "window interactive". Its page reports ready the moment it loads;
//! with `--react` the page is the smallest React app instead (`react/`,
//! built into `dist/react` by `scripts/bench-launch.sh`), which reports
//! once React has mounted it.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::time::Instant;

struct Started(Instant);

#[tauri::command]
fn ready(started: tauri::State<'_, Started>, page_ms: f64, document_ms: f64) {
    println!(
        "window interactive elapsed_ms={} page_ms={} document_ms={}",
        started.0.elapsed().as_millis(),
        page_ms.round(),
        document_ms.round()
    );
}

fn main() {
    let started = Started(Instant::now());
    let page = if std::env::args().any(|argument| argument == "--react") {
        "react/index.html"
    } else {
        "index.html"
    };
    let result = tauri::Builder::default()
        .manage(started)
        .invoke_handler(tauri::generate_handler![ready])
        .setup(move |app| {
            tauri::WebviewWindowBuilder::new(app, "main", tauri::WebviewUrl::App(page.into()))
                .title("bare")
                .inner_size(1280.0, 800.0)
                .build()?;
            Ok(())
        })
        .run(tauri::generate_context!(
            "src-tauri/benches/bare_window/tauri.conf.json"
        ));
    if let Err(error) = result {
        eprintln!("bare window failed: {error}");
        std::process::exit(1);
    }
}
