//! Findings as the editor shows them: glossgen's [`Diagnostic`]s grouped by file, turned into LSP
//! diagnostics (the hint becomes related information at the same place), and sent only for the files
//! whose findings changed since the last time, so fixing a problem clears it everywhere it showed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use lsp_types::{DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, PublishDiagnosticsParams};

use super::text::{self, Encoding};
use crate::diagnostics::{Diagnostic, Severity};

/// What was last sent for each file (relative to the site root), as glossgen's findings: a file whose
/// findings are the same as last time is neither read nor converted again.
#[derive(Debug, Default)]
pub struct Published {
    sent: HashMap<PathBuf, Vec<Diagnostic>>,
    /// Files whose text changed since: sent again even with the same findings.
    stale: std::collections::HashSet<PathBuf>,
}

impl Published {
    /// The notifications that bring the editor from what it shows to `findings`: one per file whose
    /// findings differ, an empty one for a file that has none left. `text_of` gives a file's current text
    /// (the editor's buffer or the disk), for converting positions.
    pub fn update(
        &mut self,
        root: &Path,
        findings: &[Diagnostic],
        encoding: Encoding,
        text_of: &dyn Fn(&Path) -> Option<String>,
    ) -> Vec<PublishDiagnosticsParams> {
        let mut by_file: HashMap<&Path, Vec<&Diagnostic>> = HashMap::new();
        for finding in findings {
            let list = by_file.entry(finding.path.as_path()).or_default();
            if !list.contains(&finding) {
                list.push(finding);
            }
        }
        let mut out = Vec::new();
        let gone: Vec<PathBuf> = self.sent.keys().filter(|p| !by_file.contains_key(p.as_path())).cloned().collect();
        for path in gone {
            self.sent.remove(&path);
            if let Some(uri) = text::uri_of(&root.join(&path)) {
                out.push(PublishDiagnosticsParams { uri, diagnostics: Vec::new(), version: None });
            }
        }
        for (path, list) in by_file {
            let same = !self.stale.contains(path)
                && self
                    .sent
                    .get(path)
                    .is_some_and(|sent| sent.len() == list.len() && sent.iter().zip(&list).all(|(a, b)| a == *b));
            if same {
                continue;
            }
            let Some(uri) = text::uri_of(&root.join(path)) else { continue };
            let file_text = text_of(&root.join(path)).unwrap_or_default();
            let diagnostics = list.iter().map(|d| to_lsp(d, &uri, &file_text, encoding)).collect();
            self.sent.insert(path.to_path_buf(), list.into_iter().cloned().collect());
            out.push(PublishDiagnosticsParams { uri, diagnostics, version: None });
        }
        self.stale.clear();
        out.sort_by(|a, b| a.uri.as_str().cmp(b.uri.as_str()));
        out
    }

    /// Forgets what was sent for `path`, so its findings go out again (its text changed: positions may
    /// convert differently even when the findings are the same).
    pub fn forget(&mut self, path: &Path) {
        self.stale.insert(path.to_path_buf());
    }
}

/// One finding as an LSP diagnostic of the file `uri` whose text is `file_text`.
pub fn to_lsp(
    finding: &Diagnostic,
    uri: &lsp_types::Uri,
    file_text: &str,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let range = text::finding_range(file_text, finding.line, finding.column, encoding);
    let related_information = finding.hint.as_ref().map(|hint| {
        vec![DiagnosticRelatedInformation { location: Location { uri: uri.clone(), range }, message: hint.clone() }]
    });
    lsp_types::Diagnostic {
        range,
        severity: Some(match finding.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(finding.code.unwrap_or("build").to_string())),
        source: Some("glossgen".to_string()),
        message: finding.message.clone(),
        related_information,
        ..lsp_types::Diagnostic::default()
    }
}

/// The findings while the site fails to build: what the failed rebuild found, and for every file but the
/// edited ones the findings of the last good state (an edit elsewhere does not make them go away). Repeats
/// are dropped when they are grouped by file.
pub fn while_failing(found: Vec<Diagnostic>, last_good: &[Diagnostic], edited: &[PathBuf]) -> Vec<Diagnostic> {
    let mut all = found;
    all.extend(last_good.iter().filter(|d| !edited.contains(&d.path)).cloned());
    all
}
