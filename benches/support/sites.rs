//! What the latency benchmarks share: the two sites they work on, and one line of medians.

use std::path::Path;
use std::time::Duration;

/// Copies the repository's own glossary (settings, content, UI strings) to `to`.
pub fn copy_bundled_site(to: &Path) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("site.toml"), to.join("site.toml")).unwrap();
    for dir in ["content/en", "content/nl", "i18n"] {
        std::fs::create_dir_all(to.join(dir)).unwrap();
        for file in std::fs::read_dir(root.join(dir)).unwrap() {
            let file = file.unwrap();
            std::fs::copy(file.path(), to.join(dir).join(file.file_name())).unwrap();
        }
    }
}

/// `median …, p90 …, max …` of `samples` in milliseconds.
pub fn medians(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let n = samples.len();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    format!(
        "median {:.1} ms, p90 {:.1} ms, max {:.1} ms",
        ms(samples[n / 2]),
        ms(samples[n * 9 / 10]),
        ms(samples[n - 1])
    )
}

/// The entry of the generated glossary the latency benchmarks edit.
pub const GENERATED_ENTRY: &str = "content/nl/concept-00042.md";

/// A generated glossary of `GLOSSGEN_BENCH_CONCEPTS` concepts (10,000 unless set), and its name.
pub fn generated_site() -> (String, tempfile::TempDir) {
    let concepts: usize = std::env::var("GLOSSGEN_BENCH_CONCEPTS").ok().and_then(|v| v.parse().ok()).unwrap_or(10_000);
    let dir = tempfile::tempdir().unwrap();
    crate::corpus::write_site(dir.path(), concepts, 42).unwrap();
    (format!("generated glossary ({concepts} concepts)"), dir)
}
