//! Helpers shared by the integration tests: fixture sites in temporary folders, the real binary, and HTML
//! parsing.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Output;

use scraper::{Html, Selector};

/// The folder holding the fixture sites.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests").join("fixtures")
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for item in walkdir::WalkDir::new(from) {
        let item = item.unwrap();
        let rel = item.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if item.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(item.path(), &target).unwrap();
        }
    }
}

/// A temporary copy of the valid fixture with the named broken case (if any) laid over it.
pub fn site(case: Option<&str>) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join("valid"), dir.path());
    if let Some(case) = case {
        copy_tree(&fixtures().join(case), dir.path());
    }
    dir
}

/// A temporary copy of a fixture that is a whole site of its own (not a case laid over `valid/`).
pub fn own_site(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&fixtures().join(name), dir.path());
    dir
}

/// A temporary copy of the bundled glossary (the repository's own site: content, UI strings, settings).
pub fn bundled_site() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(repo.join("site.toml"), dir.path().join("site.toml")).unwrap();
    for part in ["content", "i18n"] {
        copy_tree(&repo.join(part), &dir.path().join(part));
    }
    dir
}

/// Writes `text` to `file` below `root`, making its folders.
pub fn write(root: &Path, file: &str, text: impl AsRef<[u8]>) {
    let path = root.join(file);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// Runs the real `glossgen` binary with `args`.
pub fn glossgen(args: &[&str]) -> Output {
    assert_cmd::cargo::cargo_bin_cmd!("glossgen").args(args).output().unwrap()
}

/// Runs `glossgen build --root <root>` plus `extra` arguments.
pub fn build(root: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["build", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    glossgen(&args)
}

/// Standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Parses an output file of a built site.
pub fn page(root: &Path, path: &str) -> Html {
    let file = root.join("public").join(path);
    let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    Html::parse_document(&text)
}

/// Text of every element matching `selector`, whitespace collapsed.
pub fn texts(html: &Html, selector: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel).map(|e| e.text().collect::<String>().split_whitespace().collect::<Vec<_>>().join(" ")).collect()
}

/// The `attr` of every element matching `selector`.
pub fn attrs(html: &Html, selector: &str, attr: &str) -> Vec<String> {
    let sel = Selector::parse(selector).unwrap();
    html.select(&sel).filter_map(|e| e.value().attr(attr).map(str::to_string)).collect()
}

/// Every file below `dir` with its contents, for comparing whole outputs.
pub fn snapshot(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut files: Vec<(PathBuf, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), std::fs::read(e.path()).unwrap()))
        .collect();
    files.sort();
    files
}

pub mod browser;
pub mod lsp;
pub mod server;
pub mod tools;

/// True if `text` holds no character an output file may not contain (C0 controls but tab and line breaks,
/// DEL, U+FFFE, U+FFFF).
pub fn forbidden_free(text: &str) -> bool {
    !text
        .chars()
        .any(|c| (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{7f}' | '\u{fffe}' | '\u{ffff}'))
}
