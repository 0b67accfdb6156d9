//! Writes a realistic bilingual glossary for benchmarks:
//! `cargo run --release --example gen_corpus -- --concepts 10000 --out DIR [--seed 42]`.
//! The generator itself lives in `benches/support/corpus.rs`, shared with the benchmarks.

#[path = "../benches/support/corpus.rs"]
mod corpus;

use std::path::PathBuf;

fn main() {
    let mut concepts = 1000;
    let mut out = PathBuf::from("corpus");
    let mut seed = 42;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let value = args.next();
        match (arg.as_str(), value) {
            ("--concepts", Some(v)) => concepts = v.parse().expect("--concepts takes a number"),
            ("--out", Some(v)) => out = PathBuf::from(v),
            ("--seed", Some(v)) => seed = v.parse().expect("--seed takes a number"),
            _ => {
                eprintln!("usage: gen_corpus [--concepts N] [--out DIR] [--seed N]");
                std::process::exit(2);
            }
        }
    }
    if let Err(e) = corpus::write_site(&out, concepts, seed) {
        eprintln!("error: {e}");
        std::process::exit(1);
    }
    println!("wrote {concepts} concepts in 2 languages to {}", out.display());
}
