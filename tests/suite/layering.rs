//! The crate's modules form layers: each may use modules of its own layer and of lower ones, never of a
//! higher one, so the pipeline reads bottom-up (types, configuration, loading, linking, rendering, writing,
//! then the commands on top).
//!
//! The test reads every `src/**/*.rs` file except `src/lib.rs` and `src/main.rs` (the crate root and the
//! command line tie all layers together), takes the top-level module it belongs to (`src/render/pages.rs` is
//! `render`), and collects every `crate::<module>` it names: in `use crate::...` lines, grouped ones
//! (`use crate::{a, b::c}`) included, and in inline paths (`crate::markdown::render(`). What it ignores:
//!
//! - comments (doc comments included), string and character literals, so prose naming a module is no use;
//! - items marked `#[cfg(test)]` (test modules and test-only helpers): tests may reach anywhere;
//! - names after `crate::` that are not modules of the crate: items of `src/lib.rs` such as
//!   `crate::BuildOptions` belong to the root, which is outside the table;
//! - `super::` and `self::` paths, which stay inside a module (or name the crate root).

use std::collections::BTreeSet;
use std::path::Path;

/// The layers, lowest first; a module may use its own layer and lower ones. Edit here when a module is added
/// or moves.
const LAYERS: &[(&str, &[&str])] = &[
    ("types", &["types", "diagnostics", "slug", "week", "collate", "timings", "rules"]),
    ("config", &["config", "i18n", "theme", "urls"]),
    ("load", &["content"]),
    ("names", &["terms"]),
    ("link", &["link", "translation"]),
    ("render", &["markdown", "highlight", "render", "fragments", "search", "feeds", "sitemap", "termbase"]),
    ("write", &["output", "minify", "build"]),
    (
        "check/serve",
        &[
            "check",
            "avoided",
            "linkcheck",
            "rebuild",
            "serve",
            "scaffold",
            "standalone",
            "messages",
            "xliff",
            "import",
            "edits",
            "mv",
            "lsp",
        ],
    ),
    ("cli", &["commands"]),
];

const NOT_LISTED: &str = "not in LAYERS (tests/suite/layering.rs): add it to its layer";

/// The layer of a module: its number and name.
fn layer_of(module: &str) -> Option<(usize, &'static str)> {
    LAYERS.iter().enumerate().find(|(_, (_, members))| members.contains(&module)).map(|(n, (name, _))| (n, *name))
}

/// A module named after `crate::` in a source file.
#[derive(Debug, PartialEq, Eq)]
struct Reference {
    /// 1-based line of the module's name.
    line: usize,
    /// The top-level module (`render` for `crate::render::pages`).
    module: String,
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `source` with comments, string literals and character literals replaced by spaces (line breaks kept), so
/// only code is left and every character stays on its line.
fn code_only(source: &str) -> Vec<char> {
    let s: Vec<char> = source.chars().collect();
    let mut out = s.clone();
    let blank = |out: &mut Vec<char>, from: usize, to: usize| {
        for c in &mut out[from..to.min(s.len())] {
            if *c != '\n' {
                *c = ' ';
            }
        }
    };
    let mut i = 0;
    while i < s.len() {
        let at = |k: usize| s.get(k).copied().unwrap_or('\0');
        let ident_before = i > 0 && is_ident(s[i - 1]);
        // A byte literal (b'x') is a character literal after its prefix.
        let byte_prefix = i > 0 && s[i - 1] == 'b' && (i < 2 || !is_ident(s[i - 2]));
        if at(i) == '/' && at(i + 1) == '/' {
            let end = (i..s.len()).find(|&k| s[k] == '\n').unwrap_or(s.len());
            blank(&mut out, i, end);
            i = end;
        } else if at(i) == '/' && at(i + 1) == '*' {
            // Block comments nest.
            let (mut depth, mut k) = (0usize, i);
            while k < s.len() {
                if at(k) == '/' && at(k + 1) == '*' {
                    depth += 1;
                    k += 2;
                } else if at(k) == '*' && at(k + 1) == '/' {
                    depth -= 1;
                    k += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    k += 1;
                }
            }
            blank(&mut out, i, k);
            i = k;
        } else if !ident_before && (at(i) == 'r' || (at(i) == 'b' && at(i + 1) == 'r')) && {
            let start = if at(i) == 'b' { i + 2 } else { i + 1 };
            let hashes = (start..s.len()).take_while(|&k| s[k] == '#').count();
            at(start + hashes) == '"'
        } {
            // Raw string: r"…", r#"…"#, br"…".
            let start = if at(i) == 'b' { i + 2 } else { i + 1 };
            let hashes = (start..s.len()).take_while(|&k| s[k] == '#').count();
            let mut k = start + hashes + 1;
            while k < s.len() && !(s[k] == '"' && (1..=hashes).all(|h| at(k + h) == '#')) {
                k += 1;
            }
            let end = k + 1 + hashes;
            blank(&mut out, i, end);
            i = end;
        } else if at(i) == '"' {
            let mut k = i + 1;
            while k < s.len() && s[k] != '"' {
                k += if s[k] == '\\' { 2 } else { 1 };
            }
            blank(&mut out, i, k + 1);
            i = k + 1;
        } else if at(i) == '\'' && (!ident_before || byte_prefix) {
            // A character literal ('x', '\n', '\u{7f}', '{'); otherwise a lifetime or a label, which is code.
            let end = if at(i + 1) == '\\' {
                (i + 3..s.len()).find(|&k| s[k] == '\'').map(|k| k + 1)
            } else if at(i + 2) == '\'' {
                Some(i + 3)
            } else {
                None
            };
            match end {
                Some(end) => {
                    blank(&mut out, i, end);
                    i = end;
                }
                None => i += 1,
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Blanks every item marked `#[cfg(test)]`: from the attribute to the end of the item (its closing brace,
/// or its semicolon when it has no body).
fn without_test_items(code: &mut [char]) {
    let attr: Vec<char> = "#[cfg(test)]".chars().collect();
    let mut i = 0;
    while i + attr.len() <= code.len() {
        if code[i..i + attr.len()] != attr[..] {
            i += 1;
            continue;
        }
        let mut k = i + attr.len();
        let mut depth = 0usize;
        while k < code.len() {
            match code[k] {
                ';' if depth == 0 => break,
                '{' => depth += 1,
                '}' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            k += 1;
        }
        let end = (k + 1).min(code.len());
        for c in &mut code[i..end] {
            if *c != '\n' {
                *c = ' ';
            }
        }
        i = end;
    }
}

/// Every `crate::<name>` in `source` outside comments, literals and `#[cfg(test)]` items, in order; for
/// `crate::{a, b::c}` each of `a` and `b`. The names are not checked against the crate's modules here.
fn references(source: &str) -> Vec<Reference> {
    let mut code = code_only(source);
    without_test_items(&mut code);
    let line_at = |pos: usize| 1 + code[..pos].iter().filter(|&&c| c == '\n').count();
    let skip_space = |mut k: usize| {
        while k < code.len() && code[k].is_whitespace() {
            k += 1;
        }
        k
    };
    let ident_at = |k: usize| -> String { code[k..].iter().take_while(|&&c| is_ident(c)).collect() };
    let word: Vec<char> = "crate".chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + word.len() <= code.len() {
        let starts_here = code[i..i + word.len()] == word[..]
            && (i == 0 || !is_ident(code[i - 1]))
            && code.get(i + word.len()).is_none_or(|&c| !is_ident(c));
        if !starts_here {
            i += 1;
            continue;
        }
        let mut k = skip_space(i + word.len());
        if code.get(k) != Some(&':') || code.get(k + 1) != Some(&':') {
            i = k;
            continue;
        }
        k = skip_space(k + 2);
        if code.get(k) == Some(&'{') {
            // A group: the first name of each element at the group's own depth.
            let mut depth = 0usize;
            let mut expect_name = true;
            while k < code.len() {
                match code[k] {
                    '{' => {
                        depth += 1;
                        expect_name = depth == 1;
                    }
                    '}' => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    ',' if depth == 1 => expect_name = true,
                    c if expect_name && depth == 1 && is_ident(c) => {
                        let name = ident_at(k);
                        if name != "self" {
                            found.push(Reference { line: line_at(k), module: name.clone() });
                        }
                        expect_name = false;
                        k += name.chars().count();
                        continue;
                    }
                    _ => {}
                }
                k += 1;
            }
        } else {
            let name = ident_at(k);
            if !name.is_empty() {
                found.push(Reference { line: line_at(k), module: name });
            }
        }
        i = k.max(i + 1);
    }
    found
}

/// Problems with the layering of `files` (display path, module, source): modules missing from [`LAYERS`]
/// and uses of a higher layer, one line each. Names that are not in `modules` (the crate's modules) are
/// items of the crate root and are skipped.
fn layering_problems(files: &[(String, String, String)], modules: &BTreeSet<String>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut unknown = BTreeSet::new();
    for (path, module, source) in files {
        let Some((own, own_name)) = layer_of(module) else {
            if unknown.insert(module.clone()) {
                problems.push(format!("{path}: module {module} is {NOT_LISTED}"));
            }
            continue;
        };
        let mut seen = BTreeSet::new();
        for Reference { line, module: used } in references(source) {
            if !modules.contains(&used) || !seen.insert((line, used.clone())) {
                continue;
            }
            match layer_of(&used) {
                Some((theirs, their_name)) if theirs > own => problems.push(format!(
                    "{path}:{line}: module {module} ({own} {own_name}) uses {used} ({theirs} {their_name})"
                )),
                Some(_) => {}
                None => {
                    if unknown.insert(used.clone()) {
                        problems.push(format!("{path}:{line}: module {used} is {NOT_LISTED}"));
                    }
                }
            }
        }
    }
    problems
}

/// The crate's top-level modules (`src/<name>.rs` and `src/<name>/`) and every source file but the root and
/// the command line, as (path from the repository, module, text), sorted by path.
fn crate_sources() -> (BTreeSet<String>, Vec<(String, String, String)>) {
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let src = repo.join("src");
    let mut modules = BTreeSet::new();
    for item in std::fs::read_dir(&src).unwrap() {
        let path = item.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if path.is_dir() || (path.extension().is_some_and(|e| e == "rs") && name != "lib" && name != "main") {
            modules.insert(name);
        }
    }
    let mut files = Vec::new();
    for item in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let item = item.unwrap();
        let rel = item.path().strip_prefix(&src).unwrap();
        if !item.file_type().is_file() || rel.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        if rel == Path::new("lib.rs") || rel == Path::new("main.rs") {
            continue;
        }
        let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
        let module = first.strip_suffix(".rs").unwrap_or(&first).to_string();
        let display = item.path().strip_prefix(repo).unwrap().display().to_string();
        files.push((display, module, std::fs::read_to_string(item.path()).unwrap()));
    }
    (modules, files)
}

#[test]
fn every_module_uses_only_its_own_layer_and_lower_ones() {
    let (modules, files) = crate_sources();
    assert!(files.len() > 20 && modules.contains("render"), "src/ was not found: {} files", files.len());
    let problems = layering_problems(&files, &modules);
    assert!(
        problems.is_empty(),
        "{} layering problems (a module may use its own layer and lower ones; see LAYERS):\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_parser_finds_every_kind_of_reference_and_nothing_else() {
    let source = r####"//! Uses crate::render in a doc comment, which does not count.
use std::fmt;
use crate::content::{self, Entry};
use crate::{
    config::SiteConfig,
    link::{EntryIndex, Glossary},
    self,
    urls,
};
/* crate::feeds in a block comment /* nested crate::search */ still a comment crate::sitemap */
pub(crate) fn f<'a>(x: &'a str) -> char {
    let _ = "crate::output in a string";
    let _ = r#"crate::minify in a "raw" string"#;
    let open = '{';
    let _ = crate::markdown::render(x);
    let _ = crate :: highlight::highlight(x, "rust");
    let _: my_crate::Thing = $crate::week::IsoWeek::parse(x);
    let _ = crate::BuildOptions::default();
    '}'
}
#[cfg(test)]
fn helper() { crate::check::run() }
#[cfg(test)]
mod tests {
    use crate::serve;
    fn nested() { if true { crate::commands::run() } }
}
fn after() { crate::slug::Slug::from_text("x"); }
"####;
    let found: Vec<(usize, String)> = references(source).into_iter().map(|r| (r.line, r.module)).collect();
    let expected = [
        (3, "content"),
        (5, "config"),
        (6, "link"),
        (8, "urls"),
        (15, "markdown"),
        (16, "highlight"),
        (17, "week"),
        (18, "BuildOptions"),
        (28, "slug"),
    ]
    .map(|(line, module)| (line, module.to_string()));
    assert_eq!(found, expected);
}

#[test]
fn a_use_of_a_higher_layer_is_reported_with_file_line_and_layers() {
    let modules: BTreeSet<String> = ["link", "render", "slug", "nowhere"].map(String::from).into();
    let files = [
        ("src/link.rs", "link", "use crate::slug::Slug;\nuse crate::{render, BuildOptions};\n"),
        ("src/render/mod.rs", "render", "fn f() { crate::link::Glossary::new(); }\n"),
        ("src/nowhere.rs", "nowhere", "use crate::link;\n"),
    ]
    .map(|(p, m, s)| (p.to_string(), m.to_string(), s.to_string()));
    assert_eq!(
        layering_problems(&files, &modules),
        [
            "src/link.rs:2: module link (4 link) uses render (5 render)",
            "src/nowhere.rs: module nowhere is not in LAYERS (tests/suite/layering.rs): add it to its layer",
        ]
    );
}
