//! Aliases two concepts of a language share: a warning in `build`, `serve` and `check` alike, found by the
//! link stage over every entry, and after an edit over the edited entries only.

use rustc_hash::FxHashMap;

use super::{EntryIndex, Glossary};
use crate::diagnostics::Diagnostic;

/// An alias two concepts of a language claim: a warning (a wiki link by it is an error, since it could not
/// choose), the same in `build`, `serve` and `check`. Aliases are compared by their slug, which is also the
/// address of their redirect.
pub fn alias_conflicts(glossary: &Glossary) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for pos in crate::types::LangPos::all(glossary.languages.len()) {
        let mut claims: FxHashMap<&crate::slug::Slug, Vec<(EntryIndex, usize)>> = FxHashMap::default();
        for index in glossary.range(pos) {
            for (n, slug) in glossary.entries[index].alias_slugs.iter().enumerate() {
                let Some(slug) = slug else { continue };
                let claimed = claims.entry(slug).or_default();
                if !claimed.iter().any(|(i, _)| *i == index) {
                    claimed.push((index, n));
                }
            }
        }
        let mut shared: Vec<&Vec<(EntryIndex, usize)>> = claims.values().filter(|c| c.len() > 1).collect();
        shared.sort();
        for claimants in shared {
            let entries: Vec<EntryIndex> = claimants.iter().map(|(i, _)| *i).collect();
            for &(index, n) in claimants {
                problems.push(alias_warning(glossary, index, n, &entries));
            }
        }
    }
    problems
}

/// [`alias_conflicts`] for the aliases of `entries` only: after an edit of a few entries, only their aliases
/// can have come to be shared.
pub fn alias_conflicts_of(glossary: &Glossary, entries: &[EntryIndex]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: Vec<(EntryIndex, usize)> = Vec::new();
    for &index in entries {
        let pos = glossary.lang_pos(index);
        for slug in glossary.entries[index].alias_slugs.iter().flatten() {
            let claimants: Vec<(EntryIndex, usize)> = glossary
                .range(pos)
                .filter_map(|i| {
                    let n = glossary.entries[i].alias_slugs.iter().position(|s| s.as_ref() == Some(slug))?;
                    Some((i, n))
                })
                .collect();
            if claimants.len() < 2 {
                continue;
            }
            let entries: Vec<EntryIndex> = claimants.iter().map(|(i, _)| *i).collect();
            for &(claimant, n) in &claimants {
                if !seen.contains(&(claimant, n)) {
                    seen.push((claimant, n));
                    problems.push(alias_warning(glossary, claimant, n, &entries));
                }
            }
        }
    }
    problems
}

fn alias_warning(glossary: &Glossary, index: EntryIndex, n: usize, claimants: &[EntryIndex]) -> Diagnostic {
    let entry = &glossary.entries[index];
    let others: Vec<String> =
        claimants.iter().filter(|&&c| c != index).map(|&c| format!("`{}`", glossary.entries[c].id)).collect();
    let line = entry.lines.aliases.get(n).copied().unwrap_or(entry.lines.title);
    Diagnostic::warning(&entry.path, format!("alias `{}` is also an alias of {}", entry.aliases[n], others.join(", ")))
        .at_line(line)
        .hint("an alias should name one concept: keep it on one entry, or link by id ([text](@/<id>.md))")
        .code("alias-ambiguous")
}
