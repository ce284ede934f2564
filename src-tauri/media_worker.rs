//! The media worker's executable, shipped beside the app's: FFmpeg's work in
//! a process of its own (`mona-media-worker` crate).

fn main() {
    let mut out = std::io::stdout().lock();
    std::process::exit(mona_media_worker::run(std::env::args_os(), &mut out));
}
