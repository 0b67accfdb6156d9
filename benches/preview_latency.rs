//! Edit-to-visible latency of `glossgen serve` in headless Chromium: the time from saving an entry to the
//! edited text being on the open page and painted, for body, summary and title edits, with the page patched
//! in place (the default) and with a full reload (`sessionStorage["glossgen-live"] = "reload"`), alternating.
//!
//! `cargo bench --bench preview_latency` (set `GLOSSGEN_BENCH_CONCEPTS` to change the generated size, 10,000
//! by default, and `GLOSSGEN_BENCH_ROUNDS` for the saves per kind and mode, 10 by default). Writes every save
//! to `benches/results/preview.csv` (`edit,mode,run,ms`), which `benches/plot.py` reads. Needs Debian's
//! `chromium`. A benchmark, not a test: it reports numbers and asserts nothing about them.

#[path = "../tests/suite/common/browser.rs"]
#[allow(dead_code)]
mod browser;
#[path = "support/corpus.rs"]
mod corpus;
#[path = "../tests/suite/common/server.rs"]
#[allow(dead_code)]
mod server;
#[path = "support/sites.rs"]
#[allow(dead_code)]
mod sites;

use std::fmt::Write as _;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::json;

/// Installed in every document the page loads: once the text in `sessionStorage["bench-marker"]` is on the
/// page, it records the wall-clock time after the next paint in `sessionStorage["bench-seen"]`. A patch is
/// seen by the mutation observer, a reload when its document is parsed.
const WATCHER: &str = r#"(() => {
  let pending = false;
  const check = () => {
    pending = false;
    const marker = sessionStorage.getItem("bench-marker");
    if (!marker || sessionStorage.getItem("bench-seen") || !document.body) return;
    if (!document.body.textContent.includes(marker)) return;
    requestAnimationFrame(() => setTimeout(() => sessionStorage.setItem("bench-seen", String(Date.now())), 0));
  };
  const soon = () => { if (!pending) { pending = true; requestAnimationFrame(check); } };
  new MutationObserver(soon).observe(document, { subtree: true, childList: true, characterData: true });
  document.addEventListener("DOMContentLoaded", check);
})();"#;

/// Makes the edited text of the entry from the marker the page waits for.
type Edit<'a> = dyn Fn(&str) -> String + 'a;

fn now_ms() -> f64 {
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs_f64() * 1000.0
}

fn main() {
    // `cargo test --benches` runs bench targets with no arguments: keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let rounds: usize = std::env::var("GLOSSGEN_BENCH_ROUNDS").ok().and_then(|v| v.parse().ok()).unwrap_or(10);
    let (name, site) = sites::generated_site();
    let entry = sites::GENERATED_ENTRY;
    let file = site.path().join(entry);
    let original = std::fs::read_to_string(&file).unwrap();
    let server = server::Server::start(site.path(), server::free_port());
    let page = entry.trim_start_matches("content/").trim_end_matches(".md");
    let url = format!("http://127.0.0.1:{}/{page}/", server.port);
    let index = format!("/{}/search-index.json", page.split('/').next().unwrap());
    let Some(mut browser) = browser::Browser::open(&url) else {
        println!("{name}: skipped, Chromium is not installed");
        return;
    };
    browser.call("Page.enable", json!({}));
    browser.call("Page.addScriptToEvaluateOnNewDocument", json!({ "source": WATCHER }));
    browser.navigate(&url);
    browser.eval(WATCHER);
    let wait = Duration::from_secs(60);

    let edits: [(&str, &Edit); 3] = [
        ("body", &|m: &str| format!("{original}\n{m} was added to the body.\n")),
        ("summary", &|m: &str| original.replacen("summary: \"", &format!("summary: \"{m} "), 1)),
        ("title", &|m: &str| original.replacen("title: \"", &format!("title: \"{m} "), 1)),
    ];
    let mut csv = String::from("edit,mode,run,ms\n");
    let mut results: Vec<(String, Vec<f64>)> = Vec::new();
    let mut last: Option<String> = None;
    for round in 0..rounds {
        for (kind, edit) in &edits {
            for mode in ["patch", "reload"] {
                let setting = if mode == "reload" {
                    "sessionStorage.setItem('glossgen-live', 'reload')"
                } else {
                    "sessionStorage.removeItem('glossgen-live')"
                };
                // Each save starts from the original text, on a page whose live-reload stream is open.
                if let Some(previous) = last.take() {
                    std::fs::write(&file, &original).unwrap();
                    browser.wait_until(&format!("!document.body.textContent.includes({previous:?})"), wait);
                    // A renamed entry's page goes out before the rest of the rebuild: wait for the rest too
                    // (the language's search index lists every title), so that no save waits for another.
                    let settling = std::time::Instant::now();
                    while server.get(&index).body.contains(previous.as_str()) {
                        assert!(settling.elapsed() < wait, "the rebuild after {previous} did not finish");
                        std::thread::sleep(Duration::from_millis(20));
                    }
                }
                browser.wait_until("document.readyState === 'complete' && window.__glossgenLive === 'open'", wait);
                let marker = format!("Marker{mode}{kind}{round}x");
                browser.eval(&format!(
                    "{setting}; sessionStorage.removeItem('bench-seen'); sessionStorage.setItem('bench-marker', {marker:?})"
                ));
                let saved = now_ms();
                std::fs::write(&file, edit(&marker)).unwrap();
                browser.wait_until("sessionStorage.getItem('bench-seen') !== null", wait);
                let seen: f64 = browser.eval("Number(sessionStorage.getItem('bench-seen'))").as_f64().unwrap();
                let ms = seen - saved;
                last = Some(marker);
                let _ = writeln!(csv, "{kind},{mode},{},{ms:.1}", round + 1);
                let key = format!("{kind} edit, {mode}");
                match results.iter_mut().find(|(k, _)| *k == key) {
                    Some((_, v)) => v.push(ms),
                    None => results.push((key, vec![ms])),
                }
            }
        }
    }
    std::fs::write(&file, &original).unwrap();
    for (key, mut samples) in results {
        samples.sort_by(f64::total_cmp);
        let n = samples.len();
        println!(
            "{name}, {key}: edit to visible over {n} saves: median {:.0} ms, p90 {:.0} ms, max {:.0} ms",
            samples[n / 2],
            samples[(n * 9 / 10).min(n - 1)],
            samples[n - 1]
        );
    }
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/results");
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("preview.csv"), csv).unwrap();
    println!("wrote benches/results/preview.csv");
}
