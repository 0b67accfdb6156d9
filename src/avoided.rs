//! The `deprecated-term` rule of `glossgen check`: a body that uses a name the glossary marks deprecated or
//! obsolete (`aliases: [{name: …, status: deprecated}]`), found as whole words outside code, with the
//! preferred name as the hint. An entry may name its own old names (to say they are old): those are not
//! reported.

use aho_corasick::{AhoCorasick, MatchKind};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};
use rayon::prelude::*;

use crate::diagnostics::{Diagnostic, line_col};
use crate::link::{EntryIndex, Glossary};
use crate::types::LangPos;

/// One name to avoid: as written, whose it is, and why.
struct Avoided<'g> {
    name: &'g str,
    entry: EntryIndex,
    status: &'static str,
    note: Option<&'g str>,
}

/// Every use of a deprecated or obsolete name in another entry's body.
pub fn findings(glossary: &Glossary) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for pos in LangPos::all(glossary.languages.len()) {
        let mut names: Vec<Avoided<'_>> = Vec::new();
        for index in glossary.range(pos) {
            let entry = &glossary.entries[index];
            for (n, status) in entry.alias_terms.status.iter().enumerate().filter(|(_, s)| s.is_avoided()) {
                let note = entry.alias_terms.notes.get(n).and_then(|n| n.as_deref());
                names.push(Avoided { name: &entry.aliases[n], entry: index, status: status.key(), note });
            }
        }
        if names.is_empty() {
            continue;
        }
        let folded: Vec<String> = names.iter().map(|a| crate::terms::fold(a.name)).collect();
        let Ok(matcher) = AhoCorasick::builder().match_kind(MatchKind::LeftmostLongest).build(&folded) else {
            continue;
        };
        let found: Vec<Vec<Diagnostic>> =
            glossary.range(pos).into_par_iter().map(|index| uses_in(glossary, index, &names, &matcher)).collect();
        out.extend(found.into_iter().flatten());
    }
    out
}

fn uses_in(glossary: &Glossary, index: EntryIndex, names: &[Avoided<'_>], matcher: &AhoCorasick) -> Vec<Diagnostic> {
    let entry = &glossary.entries[index];
    let mut out = Vec::new();
    let mut in_code = false;
    for (event, range) in Parser::new_ext(&entry.body, crate::content::body_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(text) if !in_code => {
                let (folded, offsets) = crate::terms::fold_case(&text);
                for m in matcher.find_iter(&folded) {
                    let name = &names[m.pattern().as_usize()];
                    let (start, end) = (offsets[m.start()], offsets[m.end()]);
                    let is_word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    if name.entry == index
                        || is_word(text[..start].chars().next_back())
                        || is_word(text[end..].chars().next())
                    {
                        continue;
                    }
                    // Text events may not start where their range does (entities, escapes): search the
                    // source from there for where the words are.
                    let source = &entry.body[range.clone()];
                    let offset = range.start + source.find(&text[start..end]).unwrap_or(0);
                    let (line, column) = line_col(&entry.body, offset);
                    let preferred = &glossary.entries[name.entry].title;
                    let why = name.note.map(|n| format!(" ({n})")).unwrap_or_default();
                    out.push(
                        Diagnostic::warning(
                            &entry.path,
                            format!("`{}` is a {} name of `{preferred}`", &text[start..end], name.status),
                        )
                        .at(entry.body_line + line - 1, column)
                        .hint(format!("write `{preferred}` instead{why}"))
                        .code("deprecated-term"),
                    );
                }
            }
            _ => {}
        }
    }
    out
}
