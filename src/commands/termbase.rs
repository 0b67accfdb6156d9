//! `glossgen export FORMAT`: the glossary as a termbase file (TBX, CSV, TSV, SKOS), on standard output or
//! into a file that is replaced only once it is complete.

use std::path::PathBuf;

use crate::BuildOptions;
use crate::termbase::{self, Format};

/// What `glossgen export` was asked for.
#[derive(Debug, Clone, Default)]
pub struct ExportRequest {
    /// `tbx`, `csv`, `tsv` or `skos`.
    pub format: String,
    /// Only these languages (all when empty).
    pub languages: Vec<String>,
    /// Write here instead of standard output.
    pub output: Option<PathBuf>,
    /// `en,nl`: the two-column source → target file of machine-translation glossaries (CSV and TSV).
    pub pairs: Option<String>,
    /// Start the file with a byte-order mark (for spreadsheet programs that need one).
    pub bom: bool,
}

/// Runs `glossgen export`; the exit code is 0, 1 for a site with errors, 2 for a request that cannot be met.
pub fn export(options: &BuildOptions, request: &ExportRequest) -> u8 {
    let Some(format) = Format::parse(&request.format) else {
        let names: Vec<&str> = Format::NAMES.iter().map(|(n, _)| *n).collect();
        eprintln!("error: `{}` is not an export format; glossgen exports {}", request.format, names.join(", "));
        return 2;
    };
    let linked = match crate::build::link_site(options) {
        Ok(linked) => linked,
        Err(report) => {
            eprintln!("{report}");
            return 1;
        }
    };
    let errors: Vec<&crate::Diagnostic> = linked.diagnostics.iter().filter(|d| d.is_error()).collect();
    if !errors.is_empty() {
        for e in &errors {
            eprintln!("{e}");
        }
        eprintln!("Nothing was exported: fix these errors first.");
        return 1;
    }
    let config = &linked.site.config;
    let known = |code: &str| config.language(code).is_some();
    if let Some(unknown) = request.languages.iter().find(|l| !known(l)) {
        eprintln!("error: --lang {unknown}: the site has no such language");
        return 2;
    }
    let text = match &request.pairs {
        Some(_) if !matches!(format, Format::Csv | Format::Tsv) => {
            eprintln!("error: --pairs makes a CSV or TSV file");
            return 2;
        }
        Some(pair) => {
            let Some((source, target)) = pair.split_once(',').filter(|(s, t)| known(s) && known(t) && s != t) else {
                eprintln!("error: --pairs {pair}: write two of the site's languages, source first, as `en,nl`");
                return 2;
            };
            let separator = if format == Format::Csv { b',' } else { b'\t' };
            termbase::table::pairs(config, &linked.glossary, source, target, separator)
        }
        None => termbase::export(config, &linked.glossary, format, &request.languages),
    };
    let text = if request.bom { format!("\u{feff}{text}") } else { text };
    match &request.output {
        None => {
            use std::io::Write;
            let mut out = std::io::stdout().lock();
            if out.write_all(text.as_bytes()).and_then(|()| out.flush()).is_err() {
                return 1;
            }
        }
        Some(path) => {
            if let Err(e) = write_whole(path, text.as_bytes()) {
                eprintln!("error: cannot write {}: {e}", path.display());
                return 1;
            }
            eprintln!("Wrote {}", path.display());
        }
    }
    0
}

/// Writes a file beside its final name first, so a reader never sees half of it.
fn write_whole(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let partial = path.with_file_name(format!(".{name}.partial"));
    std::fs::write(&partial, bytes)?;
    std::fs::rename(&partial, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&partial);
    })
}
