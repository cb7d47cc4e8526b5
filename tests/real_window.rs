//! The real window: govchart started on a virtual X display (Xvfb) with Mesa's software
//! OpenGL, a screenshot taken with ImageMagick's `import`, and the chart checked in its
//! pixels. Ignored by default because it needs those Debian packages; `.ci/run` installs them
//! and runs it.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    reason = "a test that cannot unwrap has failed, which is what the panic reports"
)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use resvg::tiny_skia::Pixmap;

/// Kills a child process when dropped, so a failed test leaves nothing running.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A display number nobody uses.
fn free_display() -> u32 {
    (90..140)
        .find(|n| !Path::new(&format!("/tmp/.X{n}-lock")).exists())
        .expect("a free X display number")
}

fn screenshot(display: &str, out: &Path) -> Option<Pixmap> {
    let status = Command::new("import")
        .args(["-display", display, "-window", "root"])
        .arg(out)
        .stderr(Stdio::null())
        .status()
        .ok()?;
    if !status.success() {
        return None;
    }
    Pixmap::decode_png(&std::fs::read(out).ok()?).ok()
}

/// How many pixels in `area` are within a small distance of `rgb`.
fn count(pixmap: &Pixmap, area: (u32, u32, u32, u32), rgb: u32) -> usize {
    let (r, g, b) = ((rgb >> 16) as u8, (rgb >> 8) as u8, rgb as u8);
    let (x0, y0, x1, y1) = area;
    let mut n = 0;
    for y in y0..y1.min(pixmap.height()) {
        for x in x0..x1.min(pixmap.width()) {
            let p = pixmap.pixel(x, y).unwrap();
            if p.red().abs_diff(r) < 6 && p.green().abs_diff(g) < 6 && p.blue().abs_diff(b) < 6 {
                n += 1;
            }
        }
    }
    n
}

#[test]
#[ignore = "needs Xvfb, Mesa and ImageMagick (Debian packages); .ci/run installs them"]
fn the_window_draws_the_built_in_chart() {
    let n = free_display();
    let display = format!(":{n}");
    let _xvfb = Running(
        Command::new("Xvfb")
            .args([
                display.as_str(),
                "-screen",
                "0",
                "1600x1000x24",
                "-nolisten",
                "tcp",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb starts"),
    );
    let home = tempfile::tempdir().unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists() && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut app = Running(
        Command::new(env!("CARGO_BIN_EXE_govchart"))
            .env("DISPLAY", &display)
            .env_remove("WAYLAND_DISPLAY")
            .env("XDG_RUNTIME_DIR", home.path())
            .env("XDG_DATA_HOME", home.path())
            .env("HOME", home.path())
            .env("LIBGL_ALWAYS_SOFTWARE", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("govchart starts"),
    );
    let shot: PathBuf = Path::new(env!("CARGO_TARGET_TMPDIR")).join("window.png");
    // Wait for the chart to be drawn: card fill in the canvas, not just a blank window.
    let canvas = (240, 60, 1180, 700);
    let mut last = None;
    while Instant::now() < deadline {
        if let Ok(Some(status)) = app.0.try_wait() {
            let mut err = String::new();
            use std::io::Read;
            app.0
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            panic!("govchart exited with {status}: {err}");
        }
        if let Some(pixmap) = screenshot(&display, &shot)
            && count(&pixmap, canvas, 0xf6f7fb) > 20_000
        {
            // Drawn; give it a moment to settle and take the picture again.
            std::thread::sleep(Duration::from_millis(500));
            last = screenshot(&display, &shot).or(Some(pixmap));
            break;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    let pixmap = last.unwrap_or_else(|| {
        panic!(
            "no chart drawn within 20 s; last screenshot at {}",
            shot.display()
        )
    });
    // Card fill, organisation stripes (DHSC's orange and NHS England's blue) and dark text
    // are all in the canvas.
    assert!(count(&pixmap, canvas, 0xf6f7fb) > 20_000);
    assert!(count(&pixmap, canvas, 0xe69f00) > 100, "DHSC's colour");
    assert!(
        count(&pixmap, canvas, 0x0072b2) > 100,
        "NHS England's colour"
    );
    let distinct: std::collections::HashSet<u32> = pixmap
        .pixels()
        .iter()
        .map(|p| u32::from(p.red()) << 16 | u32::from(p.green()) << 8 | u32::from(p.blue()))
        .collect();
    assert!(
        distinct.len() > 200,
        "{} colours: not blank",
        distinct.len()
    );
}
