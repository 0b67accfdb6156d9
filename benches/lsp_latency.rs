//! `glossgen lsp` on a large site: how long the server takes to index it, and how long after typing
//! pauses the findings of an edited file arrive, on the bundled glossary and a generated 10,000-concept
//! glossary.
//!
//! `cargo bench --bench lsp_latency` (set `GLOSSGEN_BENCH_CONCEPTS` to change the generated size). Each
//! round changes the buffer so that its findings change (a warning or an error appears, then goes), and
//! measures from sending the change to receiving the file's diagnostics, less the server's debounce.
//! A benchmark, not a test: it reports numbers and asserts nothing about them.

#[path = "support/corpus.rs"]
mod corpus;
#[path = "../tests/suite/common/lsp.rs"]
#[allow(dead_code)]
mod lsp;
#[path = "support/sites.rs"]
mod sites;

use std::path::Path;
use std::time::{Duration, Instant};

/// The server's pause before analysing (`glossgen::lsp::DEBOUNCE`).
const DEBOUNCE: Duration = glossgen::lsp::DEBOUNCE;

fn measure(name: &str, site: &Path, entry: &str, rounds: usize) {
    let started = Instant::now();
    let mut client = lsp::Client::start(site);
    let uri = lsp::uri(site, entry);
    // The first answer after `initialized` comes once the index is built.
    client.ask("textDocument/documentSymbol", serde_json::json!({ "textDocument": { "uri": uri } }));
    println!("{name}: index ready {} ms after start", started.elapsed().as_millis());
    let original = std::fs::read_to_string(site.join(entry)).unwrap();
    client.open(entry, &original);
    let long = format!("summary: {} ", "A much longer summary than listings can show well.".repeat(5));
    let warning = |round: usize| original.replacen("summary: ", &format!("{long}{round} "), 1);
    let error = |round: usize| format!("{original}\nSee [[No such concept {round}]].\n");
    type Edit<'a> = &'a dyn Fn(usize) -> String;
    let kinds: [(&str, &str, Edit); 2] = [
        ("a warning comes and goes (a summary too long)", "the summary has", &warning),
        ("an error comes and goes (a broken wiki link)", "No such concept", &error),
    ];
    let mut version = 1;
    for (kind, marker, edit) in kinds {
        let mut samples = Vec::new();
        for round in 0..rounds {
            let broken = round % 2 == 0;
            let text = if broken { edit(round) } else { original.clone() };
            version += 1;
            let sent = Instant::now();
            client.change(entry, version, &text);
            client.diagnostics(&uri, |list| {
                list.iter().any(|d| d["message"].as_str().unwrap_or_default().contains(marker)) == broken
            });
            samples.push(sent.elapsed().saturating_sub(DEBOUNCE));
        }
        println!(
            "{name}, {kind}: findings {rounds} times after a change, less the {} ms debounce: {}",
            DEBOUNCE.as_millis(),
            sites::medians(samples)
        );
    }
    client.shutdown();
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
