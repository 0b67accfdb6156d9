//! Any bytes as an `i18n/<lang>.toml` file: glossgen must either read the UI strings or report the problem,
//! never panic, and never accept a string holding a control character.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(strings) = glossgen::i18n::parse(Path::new("i18n/en.toml"), &text) {
        for value in strings.values() {
            assert!(glossgen::diagnostics::forbidden_char(value).is_none(), "{value:?}");
        }
    }
});
