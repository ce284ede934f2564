//! Reading a video with FFmpeg: its duration, its tracks, a thumbnail, and
//! whether it plays at all, in one pass (deciding that a file plays means
//! decoding a picture, and the thumbnail is a decoded picture; a recording
//! of several gigabytes is opened once, not twice).

use std::path::Path;

use ffmpeg_next::codec::{self, Id};
use ffmpeg_next::format::{self, Pixel};
use ffmpeg_next::frame::Video as Frame;
use ffmpeg_next::media::Type;
use ffmpeg_next::software::scaling::{self, Flags};
use ffmpeg_next::{Packet, Rational};
use mona_media::{
    AudioTrack, Inspected, MediaError, NotPlayable, Probe, THUMBNAIL_WIDTH, VideoTrack,
};

use crate::ffmpeg;

/// How far into the video the thumbnail is taken, at most: past the first
/// second a recording rarely shows the black of its very first frame.
const THUMBNAIL_AT_MS: u64 = 1_000;
/// How many packets are read looking for one decodable picture before the
/// file is called unplayable.
const PACKETS_FOR_A_PICTURE: usize = 2_000;

/// Reads what the video at `path` holds and makes its thumbnail, in this
/// process. A file
/// that is not a video a person could watch is [`MediaError::NotPlayable`].
pub fn inspect_here(path: &Path) -> Result<Inspected, MediaError> {
    let failed = |e: ffmpeg_next::Error| MediaError::Ffmpeg {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let not_playable = |reason| MediaError::NotPlayable {
        path: path.to_path_buf(),
        reason,
    };
    ffmpeg().map_err(failed)?;
    // Opened here first so that a missing or forbidden file says so; what
    // FFmpeg then refuses is not media.
    std::fs::File::open(path).map_err(|source| MediaError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let mut input = format::input(path).map_err(|_| not_playable(NotPlayable::NotMedia))?;

    let (video_index, video_time_base, video, mut decoder) = {
        let stream = input
            .streams()
            .best(Type::Video)
            .ok_or_else(|| not_playable(NotPlayable::NoVideo))?;
        let parameters = stream.parameters();
        if parameters.id() == Id::None {
            return Err(not_playable(NotPlayable::UnknownCodec));
        }
        let codec_name = parameters.id().name().to_owned();
        let decoder = codec::context::Context::from_parameters(parameters)
            .and_then(|context| context.decoder().video())
            .map_err(|_| not_playable(NotPlayable::UnknownCodec))?;
        // The average rate, else the rate the container states.
        let frame_rate = [stream.avg_frame_rate(), stream.rate()]
            .into_iter()
            .find(|rate| rate.numerator() > 0 && rate.denominator() > 0)
            .map(|rate| f64::from(rate.numerator()) / f64::from(rate.denominator()));
        let video = VideoTrack {
            codec: codec_name,
            width: decoder.width(),
            height: decoder.height(),
            frame_rate,
        };
        (stream.index(), stream.time_base(), video, decoder)
    };
    let audio = input.streams().best(Type::Audio).and_then(|stream| {
        let parameters = stream.parameters();
        let codec_name = parameters.id().name().to_owned();
        let decoder = codec::context::Context::from_parameters(parameters)
            .and_then(|context| context.decoder().audio())
            .ok()?;
        Some(AudioTrack {
            codec: codec_name,
            sample_rate: decoder.rate(),
            channels: decoder.channels(),
        })
    });
    let container = input.format().name().to_owned();

    // The container's own duration; a recording cut short (OBS killed) may
    // not have one: its packets then tell how far it goes.
    let stated_ms = u64::try_from(input.duration())
        .ok()
        .filter(|us| *us > 0)
        .map(|us| us / 1_000);
    let duration_ms = match stated_ms {
        Some(ms) => ms,
        None => {
            let ms = packets_end_ms(&mut input);
            input.seek(0, ..).ok();
            ms
        }
    };

    let at_ms = THUMBNAIL_AT_MS.min(duration_ms / 3);
    if at_ms > 0 {
        let at_us = i64::try_from(at_ms * 1_000).unwrap_or(0);
        // To the key frame before; decoded on from there.
        if input.seek(at_us, ..at_us).is_err() {
            input.seek(0, ..).ok();
        }
    }
    let target = to_stream_ts(at_ms, video_time_base);
    let picture = first_picture_from(&mut input, video_index, &mut decoder, target)
        .ok_or_else(|| not_playable(NotPlayable::NoPicture))?;
    let thumbnail_jpeg = thumbnail(&picture).map_err(failed)?;
    Ok(Inspected {
        probe: Probe {
            container,
            duration_ms,
            video,
            audio,
        },
        thumbnail_jpeg,
    })
}

/// `ms` in a stream's time base.
fn to_stream_ts(ms: u64, time_base: Rational) -> i64 {
    let (num, den) = (
        i128::from(time_base.numerator()),
        i128::from(time_base.denominator()),
    );
    if num <= 0 || den <= 0 {
        return 0;
    }
    i64::try_from(i128::from(ms) * den / (num * 1_000)).unwrap_or(i64::MAX)
}

/// A timestamp of a stream's time base in milliseconds.
fn to_ms(ts: i64, time_base: Rational) -> u64 {
    let (num, den) = (
        i128::from(time_base.numerator()),
        i128::from(time_base.denominator()),
    );
    if den <= 0 || ts <= 0 {
        return 0;
    }
    u64::try_from(i128::from(ts) * num * 1_000 / den).unwrap_or(0)
}

/// How far the file's packets go, read to its end.
fn packets_end_ms(input: &mut format::context::Input) -> u64 {
    let mut end = 0;
    for (stream, packet) in input.packets() {
        if let Some(at) = packet.pts().or(packet.dts()) {
            end = end.max(to_ms(at + packet.duration().max(0), stream.time_base()));
        }
    }
    end
}

/// The first picture at or after `target` (in the stream's time base), or
/// the last one decoded if the video ends before it.
fn first_picture_from(
    input: &mut format::context::Input,
    video_index: usize,
    decoder: &mut ffmpeg_next::decoder::Video,
    target: i64,
) -> Option<Frame> {
    let mut latest: Option<Frame> = None;
    let mut frame = Frame::empty();
    let mut read = 0;
    let mut reached = |decoder: &mut ffmpeg_next::decoder::Video, latest: &mut Option<Frame>| {
        while decoder.receive_frame(&mut frame).is_ok() {
            let at = frame.timestamp().unwrap_or(target);
            *latest = Some(frame.clone());
            if at >= target {
                return true;
            }
        }
        false
    };
    for (stream, packet) in input.packets() {
        if stream.index() != video_index {
            continue;
        }
        read += 1;
        // A damaged packet is skipped, as a player skips it.
        if decoder.send_packet(&packet).is_ok() && reached(decoder, &mut latest) {
            return latest;
        }
        if read >= PACKETS_FOR_A_PICTURE && latest.is_some() {
            return latest;
        }
    }
    if decoder.send_eof().is_ok() {
        reached(decoder, &mut latest);
    }
    latest
}

/// `picture` as a JPEG [`THUMBNAIL_WIDTH`] pixels wide.
fn thumbnail(picture: &Frame) -> Result<Vec<u8>, ffmpeg_next::Error> {
    let width = THUMBNAIL_WIDTH.min(picture.width()).max(2) & !1;
    let height = (u64::from(picture.height()) * u64::from(width)
        / u64::from(picture.width().max(1)))
    .clamp(2, 4_096);
    let height = u32::try_from(height).unwrap_or(2) & !1;
    let mut scaler = scaling::Context::get(
        picture.format(),
        picture.width(),
        picture.height(),
        Pixel::YUVJ420P,
        width,
        height,
        Flags::BILINEAR,
    )?;
    let mut scaled = Frame::empty();
    scaler.run(picture, &mut scaled)?;
    scaled.set_pts(Some(0));

    let jpeg = ffmpeg_next::encoder::find(Id::MJPEG).ok_or(ffmpeg_next::Error::EncoderNotFound)?;
    let mut encoder = codec::context::Context::new_with_codec(jpeg)
        .encoder()
        .video()?;
    encoder.set_width(width);
    encoder.set_height(height);
    encoder.set_format(Pixel::YUVJ420P);
    encoder.set_time_base(Rational(1, 25));
    let mut encoder = encoder.open()?;
    encoder.send_frame(&scaled)?;
    encoder.send_eof()?;
    let mut packet = Packet::empty();
    encoder.receive_packet(&mut packet)?;
    packet
        .data()
        .map(<[u8]>::to_vec)
        .ok_or(ffmpeg_next::Error::InvalidData)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn milliseconds_go_to_a_stream_time_base_and_back() {
        let matroska = Rational(1, 1_000);
        let mp4 = Rational(1, 90_000);
        assert_eq!(to_stream_ts(1_500, matroska), 1_500);
        assert_eq!(to_stream_ts(1_500, mp4), 135_000);
        assert_eq!(to_ms(135_000, mp4), 1_500);
        assert_eq!(to_ms(-5, mp4), 0, "a negative timestamp is the start");
        assert_eq!(to_stream_ts(1_000, Rational(0, 0)), 0, "no time base");
    }
}
