//! The compare report as a browser draws it: headless Chromium opens the page (from a file,
//! with networking off) at 1280 px wide, and the test reads back what it laid out — no
//! sideways scroll, the heatmap and the two bar charts drawn at a size, no request for any
//! resource — and looks at the screenshot's pixels in the heatmap and the charts. The
//! screenshot is kept at `target/report/report.png` for a person to look at.
//!
//! Needs Debian's `chromium` (`.ci/run` installs it): without it the test is skipped, except
//! in CI, where it fails.

use crate::util::{Dir, bin, tool};
use scraper::{Html, Selector};
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const WIDTH: u32 = 1280;
const HEIGHT: u32 = 4200;

/// Measures the laid-out page and writes the result into it, for `--dump-dom` to print.
const MEASURE: &str = r##"<script>
(function () {
  var root = document.documentElement, vw = root.clientWidth, out = {};
  out.viewport = vw;
  out.scrollWidth = Math.max(root.scrollWidth, document.body.scrollWidth);
  out.wide = [];
  document.querySelectorAll("body *").forEach(function (e) {
    var b = e.getBoundingClientRect();
    if (b.width > 0 && b.right > vw + 1) out.wide.push(e.tagName + "#" + e.id + "." + e.getAttribute("class"));
  });
  out.scrollers = [];
  document.querySelectorAll(".scroll, figure.chart").forEach(function (e) {
    if (e.scrollWidth > e.clientWidth + 1) out.scrollers.push(e.id || e.className);
  });
  function box(sel) {
    var e = document.querySelector(sel);
    if (!e) return null;
    var b = e.getBoundingClientRect();
    return { x: b.left + window.scrollX, y: b.top + window.scrollY, w: b.width, h: b.height };
  }
  out.heatmap = box("#heatmap svg");
  out.progress = box("#progress-bars");
  out.kinds = box("#kind-bars");
  out.cells = document.querySelectorAll("#heatmap g.cell").length;
  var svg = box("#heatmap svg");
  out.headingsInside = Array.prototype.every.call(document.querySelectorAll("#heatmap text.colhead"), function (t) {
    var b = t.getBoundingClientRect();
    return b.top + window.scrollY >= svg.y - 1 && b.right <= svg.x + svg.w + 1;
  });
  out.resources = performance.getEntriesByType("resource").length;
  var pre = document.createElement("pre");
  pre.id = "measurement";
  pre.textContent = JSON.stringify(out);
  document.body.appendChild(pre);
})();
</script>"##;

fn chromium(exe: &Path, profile: &Path, extra: &[String], page: &Path) -> std::process::Output {
    Command::new(exe)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--force-device-scale-factor=1",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--window-size={WIDTH},{HEIGHT}"))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium")
}

/// Where the screenshot is kept: `report/` beside the test builds' folder (`target/`).
fn artefacts() -> PathBuf {
    let tmp = Path::new(env!("CARGO_TARGET_TMPDIR"));
    tmp.parent().unwrap_or(tmp).join("report")
}

/// Pixels of the screenshot inside a box, as RGB.
fn pixels(png: &[u8], w: u32, region: &Value) -> Vec<[u8; 3]> {
    let decoder = png::Decoder::new(std::io::Cursor::new(png));
    let mut reader = decoder.read_info().expect("a PNG");
    let mut buf = vec![0; reader.output_buffer_size().expect("size")];
    let info = reader.next_frame(&mut buf).expect("a frame");
    assert_eq!(info.width, w);
    let channels = info.color_type.samples();
    let (x0, y0) = (
        region["x"].as_f64().unwrap_or(0.0),
        region["y"].as_f64().unwrap_or(0.0),
    );
    let (x1, y1) = (
        x0 + region["w"].as_f64().unwrap_or(0.0),
        y0 + region["h"].as_f64().unwrap_or(0.0),
    );
    let mut out = Vec::new();
    for y in (y0.max(0.0) as u32)..(y1.min(info.height as f64) as u32) {
        for x in (x0.max(0.0) as u32)..(x1.min(info.width as f64) as u32) {
            let i = ((y * info.width + x) as usize) * channels;
            out.push([buf[i], buf[i + 1], buf[i + 2]]);
        }
    }
    out
}

fn hex(c: &str) -> [u8; 3] {
    let v = |i: usize| u8::from_str_radix(&c[i..i + 2], 16).expect("hex");
    [v(1), v(3), v(5)]
}

fn count(px: &[[u8; 3]], colour: &str) -> usize {
    let c = hex(colour);
    px.iter()
        .filter(|p| (0..3).all(|i| p[i].abs_diff(c[i]) <= 6))
        .count()
}

#[test]
fn the_report_renders_at_1280_px_with_its_charts_and_no_sideways_scroll() {
    let Some(exe) = tool(&["chromium", "chromium-browser", "google-chrome"]) else {
        return;
    };
    let dir = Dir::new("render");
    let fixtures = dir.path("fixtures.jsonl");
    let out = bin()
        .args(["extract", "-q", "fixtures/", "-o"])
        .arg(&fixtures)
        .output()
        .expect("extract");
    assert!(out.status.code().is_some_and(|c| c <= 1));
    let report = artefacts().join("report.html");
    std::fs::create_dir_all(artefacts()).expect("report folder");
    let out = bin()
        .args([
            "compare",
            "-q",
            "tests/data/multi-council.jsonl",
            "tests/data/paraphrases.jsonl",
        ])
        .arg(&fixtures)
        .args([
            "--council-from",
            "regex:^papers/([^/]+)/",
            "--format",
            "html",
            "-o",
        ])
        .arg(&report)
        .output()
        .expect("compare");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = std::fs::read_to_string(&report).expect("report");

    // The page's own structure: three charts, links to sources, what it was made from.
    let doc = Html::parse_document(&html);
    let sel = |s: &str| Selector::parse(s).expect("selector");
    assert_eq!(doc.select(&sel("figure.chart svg")).count(), 3);
    assert!(doc.select(&sel("#about .inputs li")).count() == 3);
    assert!(
        doc.select(&sel("a[href^='https://democracy.wirral.gov.uk/']"))
            .count()
            > 0
    );

    // Laid out by the browser.
    let profile = dir.path("profile");
    let measured = dir.path("measured.html");
    std::fs::write(
        &measured,
        html.replace("</body>", &format!("{MEASURE}</body>")),
    )
    .expect("write");
    let dom = chromium(&exe, &profile, &["--dump-dom".into()], &measured);
    let dom = Html::parse_document(&String::from_utf8_lossy(&dom.stdout));
    let text: String = dom
        .select(&sel("#measurement"))
        .next()
        .unwrap_or_else(|| panic!("chromium printed no measurement"))
        .text()
        .collect();
    let m: Value = serde_json::from_str(&text).expect("measurement");
    assert_eq!(m["viewport"], WIDTH);
    assert!(
        m["scrollWidth"].as_u64() <= Some(WIDTH as u64),
        "sideways scroll: {m}"
    );
    assert_eq!(m["wide"].as_array().map(Vec::len), Some(0), "too wide: {m}");
    assert_eq!(
        m["scrollers"].as_array().map(Vec::len),
        Some(0),
        "scrolls inside: {m}"
    );
    assert_eq!(m["resources"], 0, "the page asked for resources");
    assert_eq!(m["headingsInside"], true);
    assert!(m["cells"].as_u64().is_some_and(|n| n > 100), "{m}");
    for chart in ["heatmap", "progress", "kinds"] {
        let b = &m[chart];
        assert!(b["w"].as_f64().is_some_and(|w| w > 600.0), "{chart}: {m}");
        assert!(b["h"].as_f64().is_some_and(|h| h > 150.0), "{chart}: {m}");
    }

    // Drawn: the screenshot holds the heatmap's scale and the charts' colours where the
    // browser put them.
    let png_path = artefacts().join("report.png");
    let _ = std::fs::remove_file(&png_path);
    chromium(
        &exe,
        &profile,
        &[format!("--screenshot={}", png_path.display())],
        &report,
    );
    let png = std::fs::read(&png_path).expect("a screenshot");
    assert!(png.len() > 50_000, "screenshot of {} bytes", png.len());
    let heat = pixels(&png, WIDTH, &m["heatmap"]);
    let classes = councilrecs::output::html::charts::CLASSES
        .iter()
        .filter(|c| count(&heat, c) > 200)
        .count();
    assert!(
        classes >= 4,
        "only {classes} colour classes drawn in the heatmap"
    );
    assert!(count(&heat, councilrecs::output::html::charts::EMPTY) > 10_000);
    if m["progress"]["y"].as_f64().unwrap_or(f64::MAX) + 100.0 < HEIGHT as f64 {
        let bars = pixels(&png, WIDTH, &m["progress"]);
        assert!(count(&bars, "#2e7d32") > 500, "no completed bars drawn");
        assert!(count(&bars, "#c62828") > 500, "no remaining bars drawn");
    }
    if m["kinds"]["y"].as_f64().unwrap_or(f64::MAX) + 100.0 < HEIGHT as f64 {
        let kinds = pixels(&png, WIDTH, &m["kinds"]);
        assert!(count(&kinds, "#6a3d9a") > 500, "no peer bars drawn");
    }
}
