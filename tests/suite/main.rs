//! The integration tests, linked into one test binary: one link of the dev-dependencies instead of one per
//! file, and one `cargo test` process that runs every module's tests side by side on its threads. So a test
//! here must not change what the process shares: the environment, the current directory, or a fixed port.

mod common;

mod alias_redirects;
mod browser_live_reload;
mod browser_previews;
mod build_errors;
mod build_valid;
mod bundled_content;
mod check_and_new;
mod fallback;
mod import_sites;
mod incremental;
mod incremental_kinds;
mod incremental_site_kinds;
mod incremental_table;
mod inflections;
mod layering;
mod linking;
mod lsp;
mod machines;
mod mv;
mod properties;
mod published;
mod reliability;
mod robustness;
mod scripts;
mod serve;
mod serve_abuse;
mod shortcodes;
mod subpath;
mod summaries;
mod tags;
mod termbase;
mod translations;
mod validity;
mod website;
mod xliff;
