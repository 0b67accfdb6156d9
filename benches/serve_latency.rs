//! Edit-to-reload latency of `glossgen serve`: the time from saving an entry to the live-reload event that
//! tells open pages to refresh, on the bundled glossary and on a generated 10,000-concept glossary.
//!
//! `cargo bench --bench serve_latency` (set `GLOSSGEN_BENCH_CONCEPTS` to change the generated size).
//! A benchmark, not a test: it reports numbers and asserts nothing about them.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "../tests/suite/common/server.rs"]
#[allow(dead_code)]
mod server;
#[path = "support/sites.rs"]
mod sites;

use std::path::Path;
use std::time::{Duration, Instant};

/// Saves `entry` `rounds` times, each time with `edit` applied to the original text, and reports the time
/// from each save to the reload event.
fn measure(name: &str, site: &Path, entry: &str, rounds: usize) {
    let started = Instant::now();
    let server = server::Server::start(site, server::free_port());
    println!("{name}: server ready in {} ms", started.elapsed().as_millis());
    let mut events = server.events();
    let file = site.join(entry);
    let original = std::fs::read_to_string(&file).unwrap();
    let body_edit = |round: usize| format!("{original}\nEdited in round {round}.\n");
    let summary_edit = |round: usize| original.replacen("summary: ", &format!("summary: Round {round}. "), 1);
    // A new title moves the entry in the alphabetical order: the glossary is re-linked.
    let title_edit = |round: usize| original.replacen("title: ", &format!("title: Round {round} "), 1);
    let kinds: [(&str, &dyn Fn(usize) -> String); 3] =
        [("body edit", &body_edit), ("summary edit", &summary_edit), ("title edit", &title_edit)];
    for (kind, edit) in kinds {
        // Start each kind from the original text, so every measured save is an edit of that kind only (the
        // first title edit would otherwise also undo the last summary edit). Not measured.
        if std::fs::read_to_string(&file).unwrap() != original {
            std::fs::write(&file, &original).unwrap();
            events.wait_for("reload", Duration::from_secs(30)).expect("no reload event");
        }
        let mut samples = Vec::new();
        for round in 0..rounds {
            let saved = Instant::now();
            std::fs::write(&file, edit(round)).unwrap();
            events.wait_for("reload", Duration::from_secs(30)).expect("no reload event");
            samples.push(saved.elapsed());
        }
        println!("{name}, {kind}: edit-to-reload over {rounds} saves: {}", sites::medians(samples));
    }
}

fn main() {
    // `cargo test --benches` runs bench targets with no arguments: keep that quick.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bundled = tempfile::tempdir().unwrap();
    sites::copy_bundled_site(bundled.path());
    measure("bundled glossary (48 concepts)", bundled.path(), "content/nl/overfitting.md", 20);

    let (name, generated) = sites::generated_site();
    measure(&name, generated.path(), sites::GENERATED_ENTRY, 20);
}
