//! Criterion benchmarks of the build stages (load, link, Markdown with highlighting, templates, write) on a
//! generated 1,000-concept glossary, full builds at 1,000 and 10,000 concepts, and the dev server's
//! incremental rebuild after editing one entry at 10,000 concepts.
//!
//! `cargo bench --bench stages`. The side-by-side comparison with Hugo is in BENCHMARKS.md.

#[path = "support/corpus.rs"]
mod corpus;

use std::io;
use std::path::Path;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use glossgen::highlight::Highlighter;
use glossgen::link::Glossary;
use glossgen::output::{DirSink, Sink};
use glossgen::render::{bodies, pages};
use glossgen::{BuildOptions, Built, rebuild::Workspace};

/// Throws pages away, so template rendering is measured without the file system.
struct Discard;

impl Sink for Discard {
    fn write(&self, _path: &str, bytes: &[u8]) -> io::Result<()> {
        std::hint::black_box(bytes);
        Ok(())
    }
}

fn corpus(concepts: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    corpus::write_site(dir.path(), concepts, 42).unwrap();
    dir
}

fn options(root: &Path) -> BuildOptions {
    BuildOptions { root: root.to_path_buf(), ..Default::default() }
}

fn stages(c: &mut Criterion) {
    let site = corpus(1000);
    let opts = options(site.path());
    let mut group = c.benchmark_group("stages (1,000 concepts)");
    group.sample_size(10).measurement_time(Duration::from_secs(10));

    group.bench_function("load", |b| b.iter(|| glossgen::load(&opts).unwrap()));

    let loaded = glossgen::load(&opts).unwrap();
    group.bench_function("link", |b| b.iter(|| Glossary::link(&loaded.config, loaded.entries(Default::default()))));

    let highlighter = Highlighter::new();
    let prepared = glossgen::prepare(&opts, &highlighter).unwrap();
    group.bench_function("markdown and highlighting", |b| {
        b.iter(|| {
            // Each iteration highlights from scratch (only translations share blocks, as in a build).
            highlighter.clear();
            let site = &prepared.site;
            bodies::render_all(&site.config, &prepared.built.glossary, &highlighter, &site.badges, &site.shortcodes)
        })
    });

    group.bench_function("templates", |b| {
        let built = &prepared.built;
        b.iter(|| {
            // Parts are built once per render: start each iteration without them.
            let fragments = glossgen::fragments::Fragments::for_entries(built.glossary.entries.len());
            let copy = Built {
                glossary: built.glossary.clone(),
                bodies: built.bodies.clone(),
                backlinks: built.backlinks.clone(),
                groups: built.groups.clone(),
                fragments,
            };
            let data = copy.data(&prepared.site.config);
            pages::render_pages(&data, &prepared.renderer, &Discard, &pages::all_pages(&data)).unwrap()
        })
    });

    group.bench_function("write", |b| {
        let out = tempfile::tempdir().unwrap();
        b.iter(|| glossgen::write_site(&prepared, site.path(), &DirSink::new(out.path())).unwrap())
    });
    group.finish();
}

fn full_builds(c: &mut Criterion) {
    let mut group = c.benchmark_group("full build");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    for concepts in [1000, 10_000] {
        let site = corpus(concepts);
        let opts = options(site.path());
        group.bench_function(format!("{concepts} concepts"), |b| b.iter(|| glossgen::build(&opts).unwrap()));
    }
    group.finish();
}

fn incremental(c: &mut Criterion) {
    let site = corpus(10_000);
    let (mut workspace, _) = Workspace::new(options(site.path())).unwrap();
    let file = site.path().canonicalize().unwrap().join("content/nl/concept-00042.md");
    let original = std::fs::read_to_string(&file).unwrap();
    let mut group = c.benchmark_group("incremental rebuild (10,000 concepts)");
    group.sample_size(20);
    let mut round = 0u64;
    for (name, edit) in [
        ("body edit", &(|r: u64| format!("{original}\nRound {r}.\n")) as &dyn Fn(u64) -> String),
        ("summary edit", &|r: u64| original.replacen("summary: \"", &format!("summary: \"Round {r}. "), 1)),
        ("title edit", &|r: u64| original.replacen("title: \"", &format!("title: \"Round {r} "), 1)),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                round += 1;
                std::fs::write(&file, edit(round)).unwrap();
                workspace.rebuild(std::slice::from_ref(&file)).unwrap()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages, full_builds, incremental);
criterion_main!(benches);
