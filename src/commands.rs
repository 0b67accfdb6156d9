//! What each subcommand does once its arguments are parsed: run the library, print for people, and choose
//! the exit code. `main.rs` only parses the command line and calls these.

use std::path::PathBuf;

use crate::check::{self, CheckReport};
use crate::config::SiteConfig;
use crate::scaffold::{self, NewEntry};
use crate::{BuildOptions, serve};

/// `glossgen build`: prints the summary line (and warnings), or every problem; exit code 0 or 1.
pub fn build(options: &BuildOptions) -> u8 {
    match crate::build(options) {
        Ok(summary) => {
            for warning in &summary.warnings {
                eprintln!("{warning}");
            }
            let per_lang: Vec<String> =
                summary.entries_per_language.iter().map(|(lang, n)| format!("{n} {lang}")).collect();
            println!(
                "Built {} entries ({}), {} pages in {} ms into {}",
                summary.entries_per_language.iter().map(|(_, n)| n).sum::<usize>(),
                per_lang.join(" + "),
                summary.pages,
                summary.elapsed.as_millis(),
                summary.output.display()
            );
            0
        }
        Err(report) => {
            eprintln!("{report}");
            eprintln!("Build failed; the previous output was left as it was.");
            1
        }
    }
}

/// `glossgen serve`: runs until Ctrl-C.
pub fn serve(options: serve::ServeOptions) -> u8 {
    match serve::run(options) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

/// Output format of `glossgen check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `path:line:column: severity: message` lines for people.
    Text,
    /// The documented JSON form for tools.
    Json,
}

/// `glossgen check`: prints every finding; exit code 0 clean, 1 with errors (or warnings when `strict`).
pub fn check(options: &BuildOptions, format: Format, strict: bool) -> u8 {
    let report: CheckReport = check::check(options);
    match format {
        Format::Json => println!("{}", report.to_json()),
        Format::Text => {
            for finding in &report.findings {
                println!("{finding}");
            }
            println!("{}", check::summary_line(&report));
        }
    }
    report.exit_code(strict)
}

/// `glossgen new`: creates the entry files and prints their paths.
pub fn new(root: PathBuf, request: NewEntry) -> u8 {
    let config = match SiteConfig::load(&root) {
        Ok(c) => c,
        Err(d) => {
            eprintln!("{d}");
            return 1;
        }
    };
    let today = time::OffsetDateTime::now_utc().date();
    match scaffold::create(&root, &config, &request, today) {
        Ok(paths) => {
            for path in paths {
                println!("{}", path.display());
            }
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}
