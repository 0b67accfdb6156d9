//! Reading a CSV or TSV table as glossgen exports it: a header row naming `id` and, per language,
//! `title_<lang>`, `aliases_<lang>` (names separated by `|`) and `summary_<lang>`; one row per concept.
//! Columns with other names are counted as left out.

use std::collections::BTreeMap;

use super::{Concept, Entry};
use crate::content::aliases::Status;

/// The concepts of a table.
pub fn read(text: &str, separator: u8, dropped: &mut BTreeMap<String, usize>) -> Result<Vec<Concept>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .flexible(true)
        .quoting(separator != b'\t')
        .from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("no header row: {e}"))?
        .iter()
        .map(str::trim)
        .map(str::to_string)
        .collect();
    let column = |name: &str| header.iter().position(|h| h.eq_ignore_ascii_case(name));
    let mut languages: Vec<String> =
        header.iter().filter_map(|h| h.strip_prefix("title_")).map(str::to_string).collect();
    languages.dedup();
    if languages.is_empty() {
        return Err("the header names no `title_<lang>` column".to_string());
    }
    let unknown: Vec<usize> = (0..header.len())
        .filter(|&i| header[i] != "id" && !["title_", "aliases_", "summary_"].iter().any(|p| header[i].starts_with(p)))
        .collect();
    let id = column("id");
    let mut concepts = Vec::new();
    for (n, record) in reader.records().enumerate() {
        let record = record.map_err(|e| format!("row {}: {e}", n + 2))?;
        let get = |at: Option<usize>| at.and_then(|i| record.get(i)).map(str::trim).unwrap_or_default().to_string();
        for &i in &unknown {
            if record.get(i).is_some_and(|v| !v.trim().is_empty()) {
                *dropped.entry(format!("value(s) of the column `{}`", header[i])).or_default() += 1;
            }
        }
        let mut concept = Concept { id: Some(get(id)).filter(|i| !i.is_empty()), ..Concept::default() };
        for lang in &languages {
            let title = get(column(&format!("title_{lang}")));
            if title.is_empty() {
                continue;
            }
            let aliases = get(column(&format!("aliases_{lang}")))
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
                .map(|a| (a.to_string(), Status::Admitted, None))
                .collect();
            let summary = get(column(&format!("summary_{lang}")));
            concept.entries.push(Entry { lang: lang.clone(), title, aliases, summary, ..Entry::default() });
        }
        if !concept.entries.is_empty() {
            concepts.push(concept);
        }
    }
    Ok(concepts)
}
