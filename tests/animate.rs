//! Animations of the chart through time, decoded as a viewer would: how many frames, how long
//! they last, and the colour of a card where the layout puts it on a given frame.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test fails loudly on what it did not expect"
)]

use govchart::animate::{
    Key, Layout, Request, Step, animate, apng::ApngEncoder, gif::GifEncoder, glides_of, keys,
};
use govchart::date::{Day, PartialDate};
use govchart::scene::Theme;

fn day(text: &str) -> Day {
    text.parse::<PartialDate>().unwrap().first_day()
}

fn request(from: &str, to: &str) -> Request {
    Request {
        from: day(from),
        to: day(to),
        step: Step::Change,
        hold: 1.0,
        glide: 0.3,
        fps: 10.0,
        width: 600,
        theme: Theme::light(),
    }
}

/// Every frame of a GIF composed as a viewer shows it, with its delay in milliseconds.
fn decode_gif(bytes: &[u8]) -> (u32, u32, Vec<(Vec<u8>, u32)>) {
    let mut options = gif::DecodeOptions::new();
    options.set_color_output(gif::ColorOutput::RGBA);
    let mut decoder = options.read_info(bytes).unwrap();
    let (w, h) = (u32::from(decoder.width()), u32::from(decoder.height()));
    let mut canvas = vec![0u8; (w * h * 4) as usize];
    let mut frames = Vec::new();
    while let Some(frame) = decoder.read_next_frame().unwrap() {
        for y in 0..u32::from(frame.height) {
            for x in 0..u32::from(frame.width) {
                let from = ((y * u32::from(frame.width) + x) * 4) as usize;
                let pixel = &frame.buffer[from..from + 4];
                if pixel[3] == 0 {
                    continue;
                }
                let (cx, cy) = (x + u32::from(frame.left), y + u32::from(frame.top));
                let to = ((cy * w + cx) * 4) as usize;
                canvas[to..to + 4].copy_from_slice(pixel);
            }
        }
        frames.push((canvas.clone(), u32::from(frame.delay) * 10));
    }
    (w, h, frames)
}

/// The colour at a point of the chart, in chart units of the frame, on a composed frame.
fn colour_at(frame: &[u8], width: u32, scale: f32, x: f64, y: f64) -> [u8; 3] {
    let (px, py) = ((x * f64::from(scale)) as u32, (y * f64::from(scale)) as u32);
    let i = ((py * width + px) * 4) as usize;
    [frame[i], frame[i + 1], frame[i + 2]]
}

/// Where the layout puts a post's card on a key day, in frame units.
fn card(layout: &Layout, keys: &[Key], on: &str, post: &str) -> govchart::layout::Rect {
    let chart = govchart::io::builtin().unwrap().chart;
    let id = chart.post_id(post).unwrap();
    let k = keys
        .iter()
        .position(|k| k.day == day(on))
        .expect("a key day");
    layout.scenes[k]
        .cards
        .iter()
        .find(|(p, _)| *p == id)
        .map(|(_, r)| *r)
        .expect("the card is on the chart that day")
}

#[test]
fn a_gif_holds_each_change_day_and_shows_the_cto_vacant_then_held() {
    let chart = govchart::io::builtin().unwrap().chart;
    let request = request("2019-06-01", "2019-08-01");
    let keys = keys(&chart, &request);
    // The days the chart changes in June and July 2019, each with its caption.
    assert!(
        keys.iter()
            .any(|k| k.caption.starts_with("1 Jul 2019: NHSX operational")),
        "{keys:?}"
    );
    let mut bytes = Vec::new();
    let mut encoder = GifEncoder::new(
        &mut bytes,
        govchart::animate::gif::theme_colours(&Theme::light()),
    );
    let mut reported = 0;
    animate(&chart, &request, &mut encoder, &mut |done, _| {
        reported = done;
        true
    })
    .unwrap();
    drop(encoder);
    let glides = glides_of(&request);
    let planned = keys.len() + (keys.len() - 1) * glides;
    assert_eq!(reported, planned, "every frame is made and reported");
    let (w, h, frames) = decode_gif(&bytes);
    assert_eq!(w, 600);
    // Frames that change nothing lengthen the one before, so the GIF may have fewer, but
    // it lasts exactly as long: a second a day, and 0.1 s a glide frame.
    assert!(frames.len() <= planned && frames.len() > keys.len());
    let total: u32 = frames.iter().map(|(_, d)| d).sum();
    assert_eq!(
        total,
        keys.len() as u32 * 1000 + (keys.len() as u32 - 1) * glides as u32 * 100
    );
    assert!(h > 200);
    // On 20 Jun 2019 the NHSX CTO post is vacant (drawn white); from Jul 2019 Hadley Beeman
    // is acting CTO (drawn in the card colour). Find each day's held frame by its time.
    let layout = Layout::new(&chart, &keys, &request);
    let at_time = |ms: u32| {
        let mut t = 0;
        for (frame, delay) in &frames {
            if t + delay > ms {
                return frame;
            }
            t += delay;
        }
        &frames.last().unwrap().0
    };
    let held = |on: &str| {
        let k = keys.iter().position(|k| k.day == day(on)).unwrap() as u32;
        at_time(k * (1000 + glides as u32 * 100) + 500)
    };
    let theme = Theme::light();
    let inside = |r: govchart::layout::Rect| (r.x + r.w - 6.0, r.y + 6.0);
    let june = keys
        .iter()
        .rev()
        .find(|k| k.day <= day("2019-06-20"))
        .unwrap();
    let june = PartialDate::from_day(june.day).to_string();
    let vacant = card(&layout, &keys, &june, "nhsx-cto");
    let (x, y) = inside(vacant);
    let v = theme.vacant;
    assert_eq!(
        colour_at(held(&june), w, layout.scale, x, y),
        [v.r, v.g, v.b]
    );
    let july = keys.iter().find(|k| k.day >= day("2019-07-01")).unwrap();
    let july = PartialDate::from_day(july.day).to_string();
    let held_card = card(&layout, &keys, &july, "nhsx-cto");
    let (x, y) = inside(held_card);
    let c = theme.card;
    assert_eq!(
        colour_at(held(&july), w, layout.scale, x, y),
        [c.r, c.g, c.b]
    );
}

#[test]
fn an_apng_has_every_frame_and_its_delays() {
    let chart = govchart::io::builtin().unwrap().chart;
    let request = request("2019-06-01", "2019-08-01");
    let keys = keys(&chart, &request);
    let mut bytes = Vec::new();
    let mut encoder = ApngEncoder::new(&mut bytes);
    animate(&chart, &request, &mut encoder, &mut |_, _| true).unwrap();
    drop(encoder);
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
    let mut reader = decoder.read_info().unwrap();
    let control = reader.info().animation_control().unwrap();
    let planned = keys.len() + (keys.len() - 1) * glides_of(&request);
    assert_eq!(control.num_frames as usize, planned);
    assert_eq!(control.num_plays, 0, "it loops");
    let mut buffer = vec![0; reader.output_buffer_size().unwrap()];
    let mut delays = Vec::new();
    for i in 0..planned {
        reader.next_frame(&mut buffer).unwrap();
        if i == 0 {
            let drawn = buffer
                .chunks_exact(3)
                .filter(|p| p != &[255, 255, 255])
                .count();
            let all = buffer.len() / 3;
            assert!(
                drawn * 10 > all,
                "the first frame has the chart on it: {drawn} of {all}"
            );
        }
        let fc = reader.info().frame_control().unwrap();
        delays.push((fc.delay_num, fc.delay_den));
    }
    assert_eq!(delays[0], (1000, 1000), "a day's frame is held a second");
    assert_eq!(delays[1], (100, 1000), "a glide frame lasts a tenth");
}
