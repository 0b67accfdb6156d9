//! Problems found in a site, reported to people.
//!
//! Every stage collects [`Diagnostic`]s instead of stopping at the first problem, so an author who runs
//! `glossgen build` sees everything that is wrong with their content at once. A diagnostic names the file
//! (relative to the site root), the line and column where it knows them, what is wrong, and a hint on how
//! to fix it.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

/// How serious a finding is: errors stop the build, warnings are printed and the build goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The site cannot be built correctly until this is fixed.
    Error,
    /// Worth fixing, but the site still builds.
    Warning,
}

/// One problem, located as precisely as the stage that found it knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the site root, so messages are the same on every machine.
    pub path: PathBuf,
    /// 1-based line in `path`, when known.
    pub line: Option<u32>,
    /// 1-based column in `path`, when known.
    pub column: Option<u32>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub hint: Option<String>,
    /// A stable name for the kind of finding (`check`'s rules); `None` for build errors.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<&'static str>,
}

impl Diagnostic {
    /// An error in `path` with no position yet; add one with [`Diagnostic::at`].
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            code: None,
        }
    }

    /// A warning in `path`; it never fails a plain build.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, message) }
    }

    /// Places the diagnostic at a 1-based line and column.
    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(u32::try_from(line).unwrap_or(u32::MAX));
        self.column = Some(u32::try_from(column).unwrap_or(u32::MAX));
        self
    }

    /// Places the diagnostic on a 1-based line whose column is unknown.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(u32::try_from(line).unwrap_or(u32::MAX));
        self
    }

    /// Adds advice on how to fix the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Names the rule that found the problem.
    pub fn code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    /// True for errors, which make the build fail.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {label}: {}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Sorts diagnostics by file and position so reports are stable and easy to scan.
pub fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message)));
}

/// The error of a build that found problems: every diagnostic, errors and warnings alike.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// All findings, sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    /// Wraps a list of findings, sorting them.
    pub fn new(mut diagnostics: Vec<Diagnostic>) -> Self {
        sort(&mut diagnostics);
        Report { diagnostics }
    }

    /// A report about a single problem.
    pub fn single(diagnostic: Diagnostic) -> Self {
        Report::new(vec![diagnostic])
    }

    /// How many of the findings are errors.
    pub fn error_count(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in &self.diagnostics {
            writeln!(f, "{d}")?;
        }
        let errors = self.error_count();
        let warnings = self.diagnostics.len() - errors;
        write!(
            f,
            "{errors} error{}, {warnings} warning{}",
            if errors == 1 { "" } else { "s" },
            if warnings == 1 { "" } else { "s" }
        )
    }
}

impl std::error::Error for Report {}

/// Turns a path under the site root into the relative form diagnostics show.
pub fn relative(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root).unwrap_or(path).to_path_buf()
}

/// Converts a byte offset in `text` to a 1-based (line, column) pair, counting columns in characters.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..floor_char_boundary(text, offset)];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// True for characters no output may hold: C0 controls but tab, line feed and carriage return; DEL; and the
/// noncharacters U+FFFE and U+FFFF. XML forbids most of them, and in HTML and JSON they are at best invisible.
pub fn is_forbidden_char(c: char) -> bool {
    (c < ' ' && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{7f}' | '\u{fffe}' | '\u{ffff}')
}

/// The byte offset and character of the first forbidden character of `text` ([`is_forbidden_char`]).
pub fn forbidden_char(text: &str) -> Option<(usize, char)> {
    // Every such character is one ASCII byte, or `EF BF BE`/`EF BF BF`. A quick pass over blocks of bytes
    // (one the compiler vectorises) finds the blocks worth a close look.
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let control = |b: u8| (b < b' ' && b != b'\t' && b != b'\n' && b != b'\r') || b == 0x7f;
    let forbidden_at = |at: usize| {
        let b = bytes[at];
        control(b) || (b == 0xef && bytes.get(at + 1) == Some(&0xbf) && matches!(bytes.get(at + 2), Some(0xbe | 0xbf)))
    };
    for (n, block) in bytes.chunks(BLOCK).enumerate() {
        if block.iter().fold(0, |any, &b| any | u8::from(control(b) || b == 0xef)) != 0 {
            let start = n * BLOCK;
            if let Some(at) = (start..start + block.len()).find(|&at| forbidden_at(at)) {
                return text[at..].chars().next().map(|c| (at, c));
            }
        }
    }
    None
}

/// How a forbidden character is named in messages: `U+0007`.
pub fn char_name(c: char) -> String {
    format!("U+{:04X}", u32::from(c))
}

/// The known word closest to `word`, if it is close enough to be a plausible typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&word, &c.to_lowercase()), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The known id closest to `id` when it is one typo away: a few letters wrong, missing, extra or swapped
/// (at most one edit in four letters). Unlike [`closest`], a concept that merely shares a prefix
/// (`containerd`, `container-runtime`) is not offered.
pub fn closest_typo<'a>(id: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let allowed = (id.chars().count() / 4).max(1);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(id, c), c))
        .filter(|(distance, _)| *distance <= allowed)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_characters_are_found_where_a_char_by_char_search_finds_them() {
        let long = format!("{}\u{ff01}\u{ffff}", "ë—x".repeat(40));
        for text in [
            "",
            "plain\ttext\r\n",
            "a\u{7}b",
            "ë\u{1b}",
            "x\u{fffe}",
            "\u{ffff}",
            "\u{fffd}\u{fdd0}\u{7f}",
            "éé",
            &long,
        ] {
            let slow = text.char_indices().find(|&(_, c)| is_forbidden_char(c));
            assert_eq!(forbidden_char(text), slow, "{text:?}");
        }
    }

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "ab\ncdë\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 7), (2, 4));
        assert_eq!(line_col(text, 8), (3, 1));
        assert_eq!(line_col(text, 6), (2, 3));
        assert_eq!(line_col(text, 100), (3, 2));
    }

    #[test]
    fn closest_suggests_typos_only() {
        let keys = ["title", "summary", "aliases"];
        assert_eq!(closest("titel", keys), Some("title"));
        assert_eq!(closest("alias", keys), Some("aliases"));
        assert_eq!(closest("zzzz", keys), None);
    }

    #[test]
    fn typo_suggestions_are_typos_not_neighbours() {
        let ids = ["container-runtime", "overfitting", "token"];
        assert_eq!(closest_typo("containerd", ids), None);
        assert_eq!(closest_typo("overfiting", ids), Some("overfitting"));
        assert_eq!(closest_typo("tokne", ids), Some("token"));
        assert_eq!(closest_typo("attention", ids), None);
    }

    #[test]
    fn display_has_path_line_column_and_hint() {
        let d = Diagnostic::error("content/en/a.md", "bad").at(3, 5).hint("fix it");
        assert_eq!(d.to_string(), "content/en/a.md:3:5: error: bad\n  hint: fix it");
    }
}
