//! The `glossgen` command line: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build { root, output_dir, base_url, drafts } => {
            let options = glossgen::BuildOptions { root, output_dir, base_url, drafts };
            match glossgen::build(&options) {
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
                    ExitCode::SUCCESS
                }
                Err(report) => {
                    eprintln!("{report}");
                    eprintln!("Build failed; the previous output was left as it was.");
                    ExitCode::FAILURE
                }
            }
        }
        Command::Serve { root, bind, port, open, drafts } => {
            match glossgen::serve::run(glossgen::serve::ServeOptions { root, bind, port, open, drafts }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(message) => {
                    eprintln!("error: {message}");
                    ExitCode::FAILURE
                }
            }
        }
    }
}
