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
    /// The notifications that bring the editor's view of `files` to their findings: one per file whose
    /// findings differ from what was sent (or whose text changed since), an empty one for a file that has
    /// none left. `text_of` gives a file's current text (the editor's buffer or the disk), for positions.
    pub fn send(
        &mut self,
        root: &Path,
        files: impl IntoIterator<Item = (PathBuf, Vec<Diagnostic>)>,
        encoding: Encoding,
        text_of: &dyn Fn(&Path) -> Option<String>,
    ) -> Vec<PublishDiagnosticsParams> {
        let mut out = Vec::new();
        for (path, list) in files {
            let stale = self.stale.remove(&path);
            let sent = self.sent.get(&path);
            if (!stale && sent == Some(&list)) || (sent.is_none() && list.is_empty()) {
                continue;
            }
            let Some(uri) = text::uri_of(&root.join(&path)) else { continue };
            let file_text =
                if list.is_empty() { String::new() } else { text_of(&root.join(&path)).unwrap_or_default() };
            let diagnostics = list.iter().map(|d| to_lsp(d, &uri, &file_text, encoding)).collect();
            if list.is_empty() {
                self.sent.remove(&path);
            } else {
                self.sent.insert(path, list);
            }
            out.push(PublishDiagnosticsParams { uri, diagnostics, version: None });
        }
        out.sort_by(|a, b| a.uri.as_str().cmp(b.uri.as_str()));
        out
    }

    /// Marks `path` as changed in the editor, so its findings go out again (positions may convert
    /// differently even when the findings are the same).
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
