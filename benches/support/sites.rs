//! What the latency benchmarks share: a copy of the bundled glossary to work on, and one line of medians.

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
