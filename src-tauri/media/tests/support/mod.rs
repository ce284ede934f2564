//! Videos made for the tests, with FFmpeg's own encoder: a moving picture
//! of a known length and size, so what the crate reads can be checked
//! against what was written; and what a folder holds afterwards. Each test
//! binary (here and in the streaming crate's archive tests) uses a part.
#![allow(dead_code)]

use std::path::Path;

use ffmpeg_next::codec::{self, Id};
use ffmpeg_next::format::{self, Pixel};
use ffmpeg_next::frame::Video as Frame;
use ffmpeg_next::{Packet, Rational};

/// Writes a video of `seconds` at `fps` frames a second, `width` × `height`
/// (MPEG-4 Part 2, in the container `path`'s extension names).
pub fn clip(path: &Path, seconds: u32, fps: i32, width: u32, height: u32) {
    ffmpeg_next::init().expect("FFmpeg");
    let mut output = format::output(path).expect("output file");
    let mpeg4 = ffmpeg_next::encoder::find(Id::MPEG4).expect("MPEG-4 encoder");
    let global_header = output
        .format()
        .flags()
        .contains(format::Flags::GLOBAL_HEADER);
    let mut encoder = codec::context::Context::new_with_codec(mpeg4)
        .encoder()
        .video()
        .expect("video encoder");
    encoder.set_width(width);
    encoder.set_height(height);
    encoder.set_format(Pixel::YUV420P);
    let time_base = Rational(1, fps);
    encoder.set_time_base(time_base);
    encoder.set_frame_rate(Some(Rational(fps, 1)));
    if global_header {
        encoder.set_flags(codec::Flags::GLOBAL_HEADER);
    }
    let mut encoder = encoder.open().expect("open encoder");
    let index = {
        let mut stream = output.add_stream(mpeg4).expect("stream");
        stream.set_parameters(&encoder);
        stream.set_time_base(time_base);
        stream.index()
    };
    output.write_header().expect("header");
    let stream_time_base = output.stream(index).expect("stream").time_base();
    let drain = |encoder: &mut ffmpeg_next::encoder::Video,
                 output: &mut format::context::Output| {
        let mut packet = Packet::empty();
        while encoder.receive_packet(&mut packet).is_ok() {
            packet.set_stream(index);
            packet.rescale_ts(time_base, stream_time_base);
            packet.write_interleaved(output).expect("write");
        }
    };
    let frames = seconds * u32::try_from(fps).expect("fps");
    for n in 0..frames {
        let mut frame = Frame::new(Pixel::YUV420P, width, height);
        let stride = frame.stride(0);
        let luma = frame.data_mut(0);
        for y in 0..height as usize {
            for x in 0..width as usize {
                luma[y * stride + x] = ((x + y + n as usize * 4) % 256) as u8;
            }
        }
        frame.data_mut(1).fill(128);
        frame.data_mut(2).fill(128);
        frame.set_pts(Some(i64::from(n)));
        encoder.send_frame(&frame).expect("frame");
        drain(&mut encoder, &mut output);
    }
    encoder.send_eof().expect("end");
    drain(&mut encoder, &mut output);
    output.write_trailer().expect("trailer");
}

/// The names of the files in `folder`, sorted (none when it does not exist).
pub fn files_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}
