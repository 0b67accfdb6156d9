//! Completion where an entry file names something glossgen knows: concept ids in `related:` and after
//! `@/`, titles and aliases after `[[` (the page's language first), categories already used in the
//! language, front-matter keys, difficulty levels and the current ISO week.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionParams, CompletionResponse, CompletionTextEdit,
    Documentation, Range, TextEdit,
};

use super::cursor;
use super::{Document, Server, text};
use crate::content::front_matter::KNOWN_KEYS;
use crate::types::{Difficulty, LangPos};

/// At most this many items go out at once; the list says it is incomplete, so typing asks again.
const MOST: usize = 100;

/// What the cursor is completing.
enum Slot<'t> {
    /// A concept id (`related:` item or after `@/`); `link` adds `.md` when none follows.
    Id { link: bool },
    /// A wiki-link name after `[[`.
    Name,
    /// A front-matter key at the start of a line.
    Key,
    /// The value of front-matter key.
    Value(&'t str),
}

pub(super) fn complete(server: &mut Server<'_>, params: CompletionParams) -> Option<CompletionResponse> {
    let at = &params.text_document_position;
    let doc = server.document(&at.text_document.uri)?;
    let offset = text::offset(&doc.text, at.position, server.encoding);
    let (line_start, line) = cursor::line_at(&doc.text, offset);
    let before = &line[..offset - line_start];
    let in_front = cursor::front_matter_end(&doc.text).is_some_and(|end| offset < end && offset > 3);
    let (slot, typed) = slot(&doc.text, offset, before, in_front)?;
    let replace = Range { start: text::position(&doc.text, offset - typed.len(), server.encoding), end: at.position };
    let after = &line[offset - line_start..];
    let mut items = match slot {
        Slot::Id { link } => ids(server, &doc, typed, link && !after.starts_with(".md")),
        Slot::Name => names(server, &doc, typed),
        Slot::Key => KNOWN_KEYS
            .iter()
            .filter(|k| k.starts_with(typed))
            .map(|k| item(format!("{k}: "), CompletionItemKind::PROPERTY, None, None))
            .collect(),
        Slot::Value(key) => values(server, &doc, key, typed),
    };
    let incomplete = items.len() > MOST;
    items.truncate(MOST);
    for item in &mut items {
        let new_text = item.insert_text.take().unwrap_or_else(|| item.label.clone());
        item.text_edit = Some(CompletionTextEdit::Edit(TextEdit { range: replace, new_text }));
    }
    Some(CompletionResponse::List(CompletionList { is_incomplete: incomplete, items }))
}

/// What is being completed at `offset`, and the part of it already typed.
fn slot<'t>(text: &'t str, offset: usize, before: &'t str, in_front: bool) -> Option<(Slot<'t>, &'t str)> {
    let is_id = |c: char| c.is_ascii_alphanumeric() || c == '-' || c == '_';
    let word_start = before.char_indices().rev().find(|&(_, c)| !is_id(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if in_front {
        if !before.starts_with([' ', '\t', '-']) && !before.contains(':') {
            return Some((Slot::Key, word));
        }
        let key = cursor::key_at(text, offset)?;
        if key == "related" {
            return Some((Slot::Id { link: false }, word));
        }
        if key == "tags" {
            // One item of the list: what follows `[`, `,` or the list item's `-`.
            let item = before.rsplit(['[', ',', ':']).next().unwrap_or_default();
            let item = item.trim_start().trim_start_matches(['-', '"', '\'']).trim_start();
            return Some((Slot::Value(key), item));
        }
        let value = before.split_once(':').map_or(before, |(_, v)| v).trim_start().trim_start_matches(['"', '\'']);
        return Some((Slot::Value(key), value));
    }
    if before[..word_start].ends_with("@/") {
        return Some((Slot::Id { link: true }, word));
    }
    let open = before.rfind("[[")?;
    let name = &before[open + 2..];
    (!name.contains("]]") && !name.contains('|')).then_some((Slot::Name, name))
}

fn item(label: String, kind: CompletionItemKind, detail: Option<String>, doc: Option<String>) -> CompletionItem {
    CompletionItem {
        label,
        kind: Some(kind),
        detail,
        documentation: doc.filter(|d| !d.is_empty()).map(Documentation::String),
        ..CompletionItem::default()
    }
}

/// The languages a page of `pos` links into: its own, then those it falls back to.
fn reachable(server: &Server<'_>, pos: LangPos) -> Vec<LangPos> {
    let glossary = server.glossary();
    std::iter::once(pos).chain(glossary.fallbacks(pos).iter().copied()).collect()
}

/// Concept ids the page can link to, the page's language first; the entry itself and ids already in its
/// `related` are left out.
fn ids(server: &Server<'_>, doc: &Document, typed: &str, add_md: bool) -> Vec<CompletionItem> {
    let glossary = server.glossary();
    let own = doc.entry.map(|e| &glossary.entries[e]);
    let listed =
        |id: &str| own.is_some_and(|e| e.id.as_str() == id || e.related.iter().any(|r| r.value.as_str() == id));
    let mut seen = std::collections::HashSet::new();
    let mut items = Vec::new();
    for (rank, pos) in reachable(server, doc.lang_pos).into_iter().enumerate() {
        for entry in glossary.in_language(pos) {
            let id = entry.id.as_str();
            if !id.starts_with(typed) || (listed(id) && !add_md) || !seen.insert(id) {
                continue;
            }
            let detail = if rank == 0 { entry.title.clone() } else { format!("{} ({})", entry.title, entry.lang) };
            let mut it =
                item(id.to_string(), CompletionItemKind::REFERENCE, Some(detail), Some(entry.summary_text.clone()));
            it.sort_text = Some(format!("{rank}{id}"));
            it.filter_text = Some(id.to_string());
            if add_md {
                it.insert_text = Some(format!("{id}.md"));
            }
            items.push(it);
        }
    }
    items
}

/// Titles and aliases for a wiki link, the page's language first.
fn names(server: &Server<'_>, doc: &Document, typed: &str) -> Vec<CompletionItem> {
    let glossary = server.glossary();
    let typed = crate::terms::loose_key(typed);
    let mut items = Vec::new();
    for (rank, pos) in reachable(server, doc.lang_pos).into_iter().enumerate() {
        let range = glossary.range(pos);
        for (index, entry) in range.zip(glossary.in_language(pos)) {
            if Some(index) == doc.entry {
                continue;
            }
            let names = std::iter::once((&entry.title, "title")).chain(entry.aliases.iter().map(|a| (a, "alias")));
            for (name, what) in names {
                if !crate::terms::loose_key(name).starts_with(&typed) {
                    continue;
                }
                let detail = match (rank, what) {
                    (0, "title") => entry.id.to_string(),
                    (0, _) => format!("alias of {}", entry.title),
                    _ => format!("{} ({})", entry.id, entry.lang),
                };
                let mut it =
                    item(name.clone(), CompletionItemKind::TEXT, Some(detail), Some(entry.summary_text.clone()));
                it.sort_text = Some(format!("{rank}{}{}", u8::from(what == "alias"), name.to_lowercase()));
                it.insert_text = Some(format!("{name}]]"));
                items.push(it);
            }
        }
        items.sort_by(|a, b| a.sort_text.cmp(&b.sort_text));
    }
    items
}

/// Values of a front-matter key: categories and tags used in the language, difficulty levels, this week.
fn values(server: &Server<'_>, doc: &Document, key: &str, typed: &str) -> Vec<CompletionItem> {
    let glossary = server.glossary();
    match key {
        "difficulty" => Difficulty::ALL
            .iter()
            .map(|d| item(d.key().to_string(), CompletionItemKind::ENUM_MEMBER, None, None))
            .filter(|i| i.label.starts_with(typed))
            .collect(),
        "week" => {
            let week = crate::week::IsoWeek::containing(time::OffsetDateTime::now_utc().date());
            vec![item(week.to_string(), CompletionItemKind::VALUE, Some("this week".to_string()), None)]
        }
        "category" | "tags" => {
            let mut used: Vec<(&str, usize)> = Vec::new();
            for entry in glossary.in_language(doc.lang_pos) {
                let names: Vec<&str> = match key {
                    "tags" => entry.tags.iter().map(|t| t.name.as_str()).collect(),
                    _ => entry.category.as_deref().into_iter().collect(),
                };
                for c in names {
                    match used.iter_mut().find(|(u, _)| *u == c) {
                        Some((_, n)) => *n += 1,
                        None => used.push((c, 1)),
                    }
                }
            }
            used.sort();
            let typed = typed.to_lowercase();
            used.into_iter()
                .filter(|(c, _)| c.to_lowercase().starts_with(&typed))
                .map(|(c, n)| {
                    let mut it =
                        item(c.to_string(), CompletionItemKind::ENUM_MEMBER, Some(format!("{n} entries")), None);
                    it.insert_text = Some(crate::edits::scalar(c));
                    it
                })
                .collect()
        }
        _ => Vec::new(),
    }
}
