//! Search-as-you-type latency in headless Chromium: for each key press of a few queries (one with a typing
//! mistake, one Dutch compound part), the time from the input event to the results being in the page and
//! laid out, on the bundled glossary and on a generated 10,000-concept glossary.
//!
//! `cargo bench --bench search_latency` (set `GLOSSGEN_BENCH_CONCEPTS` to change the generated size). Needs
//! Debian's `chromium`. A benchmark, not a test: it reports numbers and asserts nothing about them.

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

use std::path::Path;
use std::time::Duration;

/// Types each query into the search box of the page at `page` (a path of the site), one character per
/// measured key press (the index is loaded once before, as a reader's first key press loads it), and
/// reports the median and slowest key press per query.
fn measure(name: &str, site: &Path, page: &str, queries: &[&str]) {
    let server = server::Server::start(site, server::free_port());
    let url = format!("http://127.0.0.1:{}{page}", server.port);
    let name = format!("{name} {page}");
    let name = name.as_str();
    let Some(mut browser) = browser::Browser::open(&url) else {
        println!("{name}: skipped, Chromium is not installed");
        return;
    };
    browser.wait_until(
        "document.readyState === 'complete' && !!document.getElementById('search-input')",
        Duration::from_secs(60),
    );
    // Loading the index is what the first key press costs; it is measured on its own.
    let loaded = browser.eval(&format!(
        "(async () => {{ const t0 = performance.now(); const input = document.getElementById('search-input');
           const list = document.getElementById('search-results');
           input.focus(); input.value = {:?}; input.dispatchEvent(new Event('input'));
           while (list.hidden && performance.now() - t0 < 60000) await new Promise(r => setTimeout(r, 2));
           return performance.now() - t0; }})()",
        queries[0]
    ));
    println!("{name}: first key press (fetches the index) {:.0} ms", loaded.as_f64().unwrap_or(f64::NAN));
    for query in queries {
        let script = format!(
            "(async () => {{ const input = document.getElementById('search-input');
               const list = document.getElementById('search-results'); const times = [];
               input.value = ''; input.dispatchEvent(new Event('input')); await new Promise(r => setTimeout(r, 50));
               const q = {query:?};
               for (let i = 1; i <= q.length; i++) {{
                 const t0 = performance.now();
                 input.value = q.slice(0, i); input.dispatchEvent(new Event('input'));
                 await Promise.resolve(); await new Promise(r => setTimeout(r, 0));
                 void list.offsetHeight;
                 times.push(performance.now() - t0);
               }}
               return {{ times, shown: list.children.length }}; }})()"
        );
        let result = browser.eval(&script);
        let mut times: Vec<f64> = result["times"].as_array().unwrap().iter().filter_map(|t| t.as_f64()).collect();
        times.sort_by(f64::total_cmp);
        let median = times[times.len() / 2];
        let slowest = times.last().copied().unwrap_or(f64::NAN);
        println!(
            "{name}, {query:?}: per key press median {median:.1} ms, slowest {slowest:.1} ms over {} presses, {} results shown",
            times.len(),
            result["shown"]
        );
    }
}

fn main() {
    // `cargo test --benches` runs bench targets with no arguments: keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bundled = tempfile::tempdir().unwrap();
    sites::copy_bundled_site(bundled.path());
    let bundled_queries = ["regularisatei", "model", "neurale netwerken"];
    measure("bundled glossary (48 concepts)", bundled.path(), "/nl/overfitting/", &bundled_queries);
    let (name, generated) = sites::generated_site();
    // An entry page, where readers search most; and the home page, which lists every concept, so that
    // each change of the result list lays out a page of 10,000 items.
    measure(&name, generated.path(), "/en/concept-00042/", &["neural decoder", "sprase encoder", "sampler"]);
    measure(&name, generated.path(), "/nl/concept-00042/", &["neurale decoder", "decodr"]);
    measure(&name, generated.path(), "/en/", &["neural decoder", "sprase encoder"]);
}
