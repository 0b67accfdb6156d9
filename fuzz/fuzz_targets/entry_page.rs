//! Any bytes as an entry file: glossgen must either render a page or report problems, never panic or hang.
#![no_main]

use std::sync::OnceLock;

use glossgen::standalone::Standalone;
use libfuzzer_sys::fuzz_target;

static SITE: OnceLock<Standalone> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let site = SITE.get_or_init(|| Standalone::new().expect("the built-in theme renders"));
    let text = String::from_utf8_lossy(data);
    // Half of the inputs get valid front-matter, so the fuzzer spends time in Markdown and rendering too.
    let text = if data.first().is_some_and(|b| b % 2 == 0) {
        format!("---\ntitle: Fuzz\nsummary: A fuzzed entry.\n---\n{text}")
    } else {
        text.into_owned()
    };
    let _ = site.render(&text);
});
