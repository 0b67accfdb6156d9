//! Any bytes as `site.toml`: glossgen must either accept the settings or report problems, never panic or hang.
#![no_main]

use glossgen::config::SiteConfig;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Half of the inputs start from valid settings, so the fuzzer reaches the checks behind the syntax.
    let text = if data.first().is_some_and(|b| b % 2 == 0) {
        format!("base_url = \"https://example.org/\"\ndefault_language = \"en\"\n[languages.en]\nname = \"E\"\ntitle = \"T\"\n{text}")
    } else {
        text.into_owned()
    };
    if let Err(problems) = SiteConfig::parse(&text) {
        assert!(!problems.is_empty(), "a refusal says why");
    }
});
