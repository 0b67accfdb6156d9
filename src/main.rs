//! The `glossgen` command line: parses arguments and calls the library (see `glossgen::commands`).

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use glossgen::commands::{self, Format};

/// mimalloc instead of the system allocator: builds allocate millions of small strings from several threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's option setter; the mimalloc crate links the library but does not re-export it.
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
    #[cfg(test)]
    fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
}

/// `mi_option_purge_delay` in the mimalloc 3 the crate builds: how long freed memory stays with the
/// process before it goes back to the system.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Keeps freed memory for the rest of a build instead of returning it to the system after a second:
/// a build frees and allocates hundreds of megabytes in waves, and each page handed back has to be
/// zeroed by the kernel again when it is reused (a tenth of a large build went into that). A build
/// exits when done, so nothing is held for long; `serve` keeps the default and gives memory back.
fn keep_freed_memory() {
    // SAFETY: sets a plain integer option; mimalloc allows it at any time, from any thread.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, -1) }
}

/// A static-site generator for bilingual glossaries.
#[derive(Parser)]
#[command(name = "glossgen", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build {
        /// The site folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site (default: output_dir from site.toml, usually public/).
        #[arg(long)]
        output_dir: Option<PathBuf>,
        /// Publish under this URL instead of base_url from site.toml.
        #[arg(long)]
        base_url: Option<String>,
        /// Include entries marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// List every outdated translation, not only how many there are.
        #[arg(long)]
        verbose: bool,
        /// Replace the output folder even if it holds files glossgen did not write.
        #[arg(long)]
        force: bool,
        /// If another build is writing the same output folder, exit with 1 instead of waiting for it.
        #[arg(long)]
        no_wait: bool,
    },
    /// Build the site into memory and serve it with live reload.
    Serve {
        /// The site folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Address to listen on; loopback by default.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Port to listen on; the next free one is taken if it is in use.
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        /// Include entries marked `draft: true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Check the content for errors and inconsistencies without writing anything.
    Check {
        /// The site folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// `text` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Treat warnings as errors (exit code 1).
        #[arg(long)]
        strict: bool,
        /// Include entries marked `draft: true`.
        #[arg(long)]
        drafts: bool,
        /// Print what the rule CODE finds and how to fix it, and check nothing.
        #[arg(long, value_name = "CODE")]
        explain: Option<String>,
    },
    /// Create a new concept: one entry file per language with complete front-matter.
    New {
        /// The concept id, e.g. `gradient-descent` (lowercase letters, digits, hyphens).
        id: String,
        /// The site folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The title (default: the id in words).
        #[arg(long)]
        title: Option<String>,
        /// Languages, comma-separated (default: every language of the site).
        #[arg(long, value_delimiter = ',')]
        lang: Vec<String>,
        /// The category.
        #[arg(long)]
        category: Option<String>,
        /// beginner, intermediate or advanced.
        #[arg(long)]
        difficulty: Option<glossgen::content::Difficulty>,
    },
    /// Create a new glossary site in an empty folder (site.toml, UI strings, one sample concept).
    Init {
        /// The folder to create.
        dir: PathBuf,
    },
    /// Rename a concept: its files, every `related:` id and `@/` link to it; its old address keeps working.
    Mv {
        /// The concept's id now.
        old: String,
        /// Its new id.
        new: String,
        /// The site folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Also give the entry a new title (the old one stays as an alias).
        #[arg(long)]
        title: Option<String>,
        /// Only this language: `en`, `nl`, … or `all` (the default).
        #[arg(long, default_value = "all")]
        lang: String,
        /// Print the changes as a diff instead of making them.
        #[arg(long)]
        dry_run: bool,
    },
    /// Run a language server over stdio for editors: findings as you type, completion, hover, go to
    /// definition, references, outline, rename and quick fixes for the entry files.
    Lsp {
        /// The site folder, holding site.toml (default: the editor's workspace folder, else `.`).
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Report which translations are up to date, outdated, unstamped or missing; or stamp them.
    Translations {
        /// The site folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only this language.
        #[arg(long)]
        lang: Option<String>,
        /// `text` for people, `json` for tools.
        #[arg(long, value_enum, default_value_t = FormatArg::Text)]
        format: FormatArg,
        /// Exit with 1 unless every translation is up to date.
        #[arg(long)]
        strict: bool,
        /// Record that the translations of this concept match the current source entry.
        #[arg(long, value_name = "ID", conflicts_with = "stamp_all")]
        stamp: Option<String>,
        /// Stamp every translation (to adopt stamps on existing content).
        #[arg(long)]
        stamp_all: bool,
        /// Write one XLIFF 2.0 file per target language (`DIR/<lang>.xlf`) for CAT tools.
        #[arg(long, value_name = "DIR", conflicts_with_all = ["stamp", "stamp_all", "import_xliff"])]
        export_xliff: Option<PathBuf>,
        /// With --export-xliff: which translations, `outdated,missing,unstamped` (the default) or `all`.
        #[arg(long, value_name = "KINDS", requires = "export_xliff")]
        only: Option<String>,
        /// Write the translations of an XLIFF 2.0 file into the content, and stamp them.
        #[arg(long, value_name = "FILE", conflicts_with_all = ["stamp", "stamp_all"])]
        import_xliff: Option<PathBuf>,
    },
    /// Make entries from a termbase, `tbx` (TBX v3 or v2) or `csv`/`tsv` (as `glossgen export` writes
    /// them), or from a `hugo` or `zola` site. Existing entries are left alone unless --update; all files
    /// are written, or none.
    Import {
        /// tbx, csv, tsv, hugo or zola.
        format: String,
        /// The file to read (for hugo and zola: the site's folder, holding content/).
        source: PathBuf,
        /// For hugo and zola: only this folder below content/ (such as docs/reference/glossary).
        #[arg(long)]
        section: Option<PathBuf>,
        /// For hugo and zola: map a front-matter key onto a field, `key=field` (title, summary, aliases,
        /// tags, category, week, updated, drop); repeatable.
        #[arg(long = "map", value_name = "KEY=FIELD")]
        map: Vec<String>,
        /// The site folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only these languages (repeat the option, or separate with commas).
        #[arg(long, value_delimiter = ',')]
        lang: Vec<String>,
        /// Print the files it would write, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// Also change the front-matter of entries that exist (their bodies stay).
        #[arg(long)]
        update: bool,
    },
    /// Write the glossary as a termbase: `tbx` (TBX-Basic, for CAT tools), `csv` or `tsv` (a table, or with
    /// --pairs a machine-translation glossary), `skos` (Turtle, for linked data).
    Export {
        /// tbx, csv, tsv or skos.
        format: String,
        /// The site folder, holding site.toml.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Only these languages (repeat the option, or separate with commas).
        #[arg(long, value_delimiter = ',')]
        lang: Vec<String>,
        /// Write to this file instead of standard output.
        #[arg(short, long)]
        output: Option<PathBuf>,
        /// With csv or tsv: `en,nl` gives header-less source → target rows, as DeepL and Google take them.
        #[arg(long, value_name = "SOURCE,TARGET")]
        pairs: Option<String>,
        /// Start the file with a UTF-8 byte-order mark (some spreadsheet programs need it).
        #[arg(long)]
        bom: bool,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Json,
}

fn main() -> ExitCode {
    let code = match Cli::parse().command {
        Command::Build { root, output_dir, base_url, drafts, verbose, force, no_wait } => {
            keep_freed_memory();
            commands::build(
                &glossgen::BuildOptions { root, output_dir, base_url, drafts, force, no_wait, ..Default::default() },
                verbose,
            )
        }
        Command::Serve { root, bind, port, open, drafts } => {
            commands::serve(glossgen::serve::ServeOptions { root, bind, port, open, drafts })
        }
        Command::Check { explain: Some(code), .. } => commands::explain(&code),
        Command::Check { root, format, strict, drafts, explain: None } => {
            let format = match format {
                FormatArg::Text => Format::Text,
                FormatArg::Json => Format::Json,
            };
            commands::check(&glossgen::BuildOptions { root, drafts, ..Default::default() }, format, strict)
        }
        Command::New { id, root, title, lang, category, difficulty } => {
            commands::new(root, glossgen::scaffold::NewEntry { id, title, languages: lang, category, difficulty })
        }
        Command::Init { dir } => commands::init(dir),
        Command::Mv { old, new, root, title, lang, dry_run } => {
            let lang = (lang != "all").then_some(lang);
            commands::mv(&root, &glossgen::mv::Move { old, new, title, lang }, dry_run)
        }
        Command::Lsp { root } => glossgen::lsp::run(root),
        Command::Translations { root, lang, format, strict, stamp, stamp_all, export_xliff, only, import_xliff } => {
            let request = commands::TranslationsRequest {
                lang,
                json: matches!(format, FormatArg::Json),
                strict,
                stamp,
                stamp_all,
                export_xliff,
                only,
                import_xliff,
            };
            commands::translations(&glossgen::BuildOptions { root, ..Default::default() }, &request)
        }
        Command::Import { format, source, section, map, root, lang, dry_run, update } => {
            let mut pairs = Vec::new();
            for item in &map {
                match item.split_once('=').filter(|(_, f)| glossgen::import::site::FIELDS.contains(f)) {
                    Some((key, field)) => pairs.push((key.to_string(), field.to_string())),
                    None => {
                        let fields = glossgen::import::site::FIELDS.join(", ");
                        eprintln!("error: --map {item}: write key=field, a field being one of {fields}");
                        return ExitCode::from(2);
                    }
                }
            }
            let site = glossgen::import::site::Options { section, map: pairs };
            let request = glossgen::import::Request { format, source, site, languages: lang, dry_run, update };
            glossgen::import::run(&root, &request)
        }
        Command::Export { format, root, lang, output, pairs, bom } => {
            let request = commands::ExportRequest { format, languages: lang, output, pairs, bom };
            commands::export(&glossgen::BuildOptions { root, without_search: true, ..Default::default() }, &request)
        }
    };
    ExitCode::from(code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // mimalloc 3 purges after 1000 ms by default, and no other option defaults to 1000: if the
        // library's numbering changed, this fails instead of some other option being set.
        // SAFETY: reads and sets plain integer options.
        assert_eq!(unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }, 1000);
        keep_freed_memory();
        assert_eq!(unsafe { mi_option_get(MI_OPTION_PURGE_DELAY) }, -1);
    }
}
