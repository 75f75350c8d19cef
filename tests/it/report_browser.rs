//! The report of `hypoxic-exosomes` in a real browser (headless Chromium): no console
//! errors, the outcome table and every outcome's picture in the rendered DOM, and a
//! screenshot under `target/` that is not blank. Skips, saying so, only when Chromium
//! cannot run at all (`.ci/run` installs Debian's `chromium`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::marrow;

/// The Chromium binary: `$MARROW_CHROMIUM`, else the first of the usual names that runs.
fn chromium() -> Option<PathBuf> {
    let named = std::env::var_os("MARROW_CHROMIUM").map(PathBuf::from);
    let candidates = named.into_iter().chain(
        ["chromium", "chromium-browser", "google-chrome"]
            .iter()
            .map(PathBuf::from),
    );
    for c in candidates {
        let ok = Command::new(&c)
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return Some(c);
        }
    }
    None
}

/// What one headless run printed.
struct Browsed {
    stdout: String,
    stderr: String,
}

/// Run headless Chromium on a page with a fresh profile, killed after two minutes.
fn browse(bin: &Path, page: &Path, extra: &[String]) -> Browsed {
    let profile = tempfile::tempdir().expect("a profile folder");
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("chromium starts");
    let (out_pipe, err_pipe) = (child.stdout.take(), child.stderr.take());
    let read = |pipe: Option<Box<dyn std::io::Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut p) = pipe {
                let _ = std::io::Read::read_to_string(&mut p, &mut s);
            }
            s
        })
    };
    let out_t = read(out_pipe.map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let err_t = read(err_pipe.map(|p| Box::new(p) as Box<dyn std::io::Read + Send>));
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium did not finish within two minutes");
            }
        }
    }
    Browsed {
        stdout: out_t.join().unwrap_or_default(),
        stderr: err_t.join().unwrap_or_default(),
    }
}

/// Console messages and uncaught errors Chromium logged (the page has no script, so any
/// console line — a failed load, an error — is a fault).
fn console_errors(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(":CONSOLE") || l.contains("Uncaught"))
        .collect()
}

/// Fraction of pixels that are not near-white, and the number of distinct colours.
fn ink(png_file: &Path) -> (f64, usize) {
    let file = std::fs::File::open(png_file).expect("the screenshot exists");
    let mut decoder = png::Decoder::new(std::io::BufReader::new(file));
    decoder.set_transformations(png::Transformations::normalize_to_color8());
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("a size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    let channels = info.color_type.samples();
    let pixels = &buf[..info.buffer_size()];
    let mut inked = 0usize;
    let mut colours = std::collections::BTreeSet::new();
    let mut total = 0usize;
    for px in pixels.chunks(channels) {
        total += 1;
        let rgb = &px[..channels.min(3)];
        if rgb.iter().any(|&c| c < 235) {
            inked += 1;
        }
        colours.insert(rgb.to_vec());
    }
    (inked as f64 / total.max(1) as f64, colours.len())
}

#[test]
fn hypoxic_exosomes_report_in_chromium() {
    let Some(bin) = chromium() else {
        eprintln!(
            "SKIPPED: Chromium cannot run here (tried $MARROW_CHROMIUM, chromium, \
             chromium-browser, google-chrome); `.ci/run` installs Debian's chromium"
        );
        return;
    };
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("report-browser");
    std::fs::create_dir_all(&dir).expect("a folder under target/");
    let page = dir.join("hypoxic-exosomes.html");
    let out = marrow()
        .args([
            "report",
            "-r",
            "rules/osseointegration",
            "--scenario",
            "hypoxic-exosomes",
            "-o",
            &page.to_string_lossy(),
        ])
        .run();
    out.success();
    let html = std::fs::read_to_string(&page).expect("the report");
    let outcomes = html.matches("<section class=\"outcome\"").count();
    assert!(outcomes >= 5);

    // The console check must be able to fail: a page with an error is caught.
    let bad = dir.join("console-error.html");
    std::fs::write(
        &bad,
        "<!DOCTYPE html><title>x</title><script>console.error('e'); missing();</script>",
    )
    .expect("write");
    let seen = browse(&bin, &bad, &["--dump-dom".into()]);
    assert!(
        !console_errors(&seen.stderr).is_empty(),
        "the console check sees nothing on a page with errors: {}",
        seen.stderr
    );

    let dom = browse(&bin, &page, &["--dump-dom".into()]);
    let errors = console_errors(&dom.stderr);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    let rendered = &dom.stdout;
    assert!(
        rendered.contains("<table class=\"outcomes\">"),
        "no outcome table in the DOM"
    );
    assert!(rendered.contains("<th scope=\"row\"><a href=\"#outcome-osteogenesis\">"));
    let sections: Vec<&str> = rendered
        .split("<section class=\"outcome\"")
        .skip(1)
        .collect();
    assert_eq!(sections.len(), outcomes, "outcome sections in the DOM");
    for s in &sections {
        let s = s.split("</section>").next().unwrap_or_default();
        assert!(s.contains("<svg "), "an outcome without its picture");
        assert!(s.contains("role=\"img\""));
    }

    let shot = dir.join("hypoxic-exosomes.png");
    let _ = std::fs::remove_file(&shot);
    let run = browse(
        &bin,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1280,2000".into(),
        ],
    );
    let errors = console_errors(&run.stderr);
    assert!(errors.is_empty(), "console errors: {errors:#?}");
    let (ink, colours) = ink(&shot);
    eprintln!(
        "screenshot {}: {:.1}% inked, {colours} colours",
        shot.display(),
        ink * 100.0
    );
    assert!(ink > 0.02, "the screenshot is blank ({ink})");
    assert!(colours > 50, "the screenshot has only {colours} colours");
}
