//! Questions about what the cursor is on: hover (the target's title, summary, difficulty and translation
//! state), go to definition (the target's file), find references (the entries that link to the concept:
//! its backlinks) and the document's outline (its headings).

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, GotoDefinitionParams, Hover, HoverContents, HoverParams, Location,
    MarkupContent, MarkupKind, Position, Range, ReferenceParams, SymbolKind, TextDocumentPositionParams,
};

use super::cursor::{self, Reference};
use super::text;
use super::{Document, Server};
use crate::types::EntryIndex;

/// The document, the byte offset of a position in it, and the reference there with the entry it leads to.
pub(super) struct Spot {
    pub doc: Document,
    pub reference: Option<(Reference, (usize, usize))>,
    pub target: Option<EntryIndex>,
}

pub(super) fn spot(server: &Server<'_>, at: &TextDocumentPositionParams) -> Option<Spot> {
    let doc = server.document(&at.text_document.uri)?;
    let offset = text::offset(&doc.text, at.position, server.encoding);
    let glossary = server.glossary();
    let reference = cursor::reference_at(&doc.text, offset, glossary, doc.lang_pos, doc.entry);
    let target = reference.as_ref().and_then(|(r, _)| cursor::target_of(glossary, doc.lang_pos, r));
    Some(Spot { doc, reference, target })
}

fn range(server: &Server<'_>, text: &str, (start, end): (usize, usize)) -> Range {
    Range { start: text::position(text, start, server.encoding), end: text::position(text, end, server.encoding) }
}

/// The target's title, summary, difficulty and which languages have it.
pub(super) fn hover(server: &mut Server<'_>, params: HoverParams) -> Option<Hover> {
    let spot = spot(server, &params.text_document_position_params)?;
    let target = spot.target?;
    let glossary = server.glossary();
    let entry = &glossary.entries[target];
    let mut lines = vec![format!("**{}** · `{}`", entry.title, entry.id)];
    if !entry.summary_text.is_empty() {
        lines.push(entry.summary_text.clone());
    }
    let mut facts = Vec::new();
    if let Some(difficulty) = entry.difficulty {
        facts.push(format!("difficulty: {}", difficulty.key()));
    }
    let have: Vec<&str> = glossary
        .versions(&entry.id)
        .iter()
        .zip(&glossary.languages)
        .filter(|(v, _)| v.is_some())
        .map(|(_, l)| l.as_str())
        .collect();
    let page_lang = glossary.languages[spot.doc.lang_pos.get()].as_str();
    if glossary.lang_pos(target) == spot.doc.lang_pos {
        facts.push(format!("in {}", have.join(", ")));
    } else {
        facts.push(format!("not translated into {page_lang} yet: the link leads to the {} entry", entry.lang));
    }
    lines.push(facts.join(" · "));
    let range = spot.reference.map(|(_, r)| range(server, &spot.doc.text, r));
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: lines.join("\n\n") }),
        range,
    })
}

/// Where an entry is defined: its file, at its title.
fn location_of(server: &Server<'_>, index: EntryIndex) -> Option<Location> {
    let entry = &server.glossary().entries[index];
    let path = server.root().join(&entry.path);
    let text = server.text_of(&path).unwrap_or_default();
    let line = entry.lines.title.saturating_sub(1) as u32;
    let width = text::line_text(&text, line).chars().count() as u32;
    let at = text::from_line_column(&text, line + 1, width + 1, server.encoding);
    Some(Location { uri: text::uri_of(&path)?, range: Range { start: Position { line, character: 0 }, end: at } })
}

pub(super) fn definition(
    server: &mut Server<'_>,
    params: GotoDefinitionParams,
) -> Option<lsp_types::GotoDefinitionResponse> {
    let spot = spot(server, &params.text_document_position_params)?;
    location_of(server, spot.target?).map(lsp_types::GotoDefinitionResponse::Scalar)
}

/// Every place in the entries that link to the concept at the cursor (or, off any reference, to the
/// document's own concept): `related` items, `@/id` links, wiki links and linked mentions.
pub(super) fn references(server: &mut Server<'_>, params: ReferenceParams) -> Option<Vec<Location>> {
    let spot = spot(server, &params.text_document_position)?;
    let target = spot.target.or(spot.doc.entry)?;
    let prepared = server.prepared()?;
    let glossary = &prepared.built.glossary;
    let mut found = Vec::new();
    if params.context.include_declaration {
        found.extend(location_of(server, target));
    }
    for &from in prepared.built.backlinks.of(target) {
        let entry = &glossary.entries[from];
        let path = server.root().join(&entry.path);
        let Some(text) = server.text_of(&path) else { continue };
        let Some(uri) = text::uri_of(&path) else { continue };
        let places = places_in(&text, glossary, from, target);
        if places.is_empty() {
            found.extend(location_of(server, from));
        }
        found.extend(places.into_iter().map(|r| Location { uri: uri.clone(), range: range(server, &text, r) }));
    }
    Some(found)
}

/// The byte ranges in `text` (the file of entry `from`) of every reference that leads to `target`:
/// items of `related`, `@/id` links, wiki links and mentions (outside code blocks).
fn places_in(
    text: &str,
    glossary: &crate::link::Glossary,
    from: EntryIndex,
    target: EntryIndex,
) -> Vec<(usize, usize)> {
    let pos = glossary.lang_pos(from);
    let id = glossary.entries[target].id.as_str();
    let body_start = cursor::front_matter_end(text).unwrap_or(0);
    let leads_to_target = |r: &Reference| cursor::target_of(glossary, pos, r) == Some(target);
    let whole_id = |line: &str, at: usize| {
        let before = line[..at].chars().next_back();
        let after = line[at + id.len()..].chars().next();
        let is_id = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        !is_id(before) && !is_id(after)
    };
    let mut places = Vec::new();
    let mut offset = 0;
    let mut in_code = false;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if offset < body_start {
            if cursor::key_at(text, offset + bare.len()) == Some("related") {
                let from_col = if bare.starts_with("related:") { "related:".len() } else { 0 };
                places.extend(
                    bare.match_indices(id)
                        .filter(|&(at, _)| at >= from_col && whole_id(bare, at))
                        .map(|(at, _)| (offset + at, offset + at + id.len())),
                );
            }
        } else if bare.trim_start().starts_with("```") || bare.trim_start().starts_with("~~~") {
            in_code = !in_code;
        } else if !in_code {
            for (at, _) in bare.match_indices("@/") {
                let rest = &bare[at + 2..];
                if rest.starts_with(id) && whole_id(bare, at + 2) {
                    places.push((offset + at, offset + at + 2 + id.len()));
                }
            }
            let mut rest = 0;
            while let Some(open) = bare[rest..].find("[[").map(|i| rest + i) {
                let Some(close) = bare[open..].find("]]").map(|i| open + i) else { break };
                let inner = &bare[open + 2..close];
                let name = inner.split('|').next().unwrap_or(inner).trim();
                if leads_to_target(&Reference::Name(name.to_string())) {
                    places.push((offset + open, offset + close + 2));
                }
                rest = close + 2;
            }
            // A name inside a link is not linked again.
            for (s, e, t) in glossary.terms.mentions(pos, bare) {
                let (s, e) = (offset + s, offset + e);
                if t == target && !places.iter().any(|&(a, b)| a <= s && e <= b) {
                    places.push((s, e));
                }
            }
        }
        offset += line.len();
    }
    places
}

/// The entry's title and its headings, nested by level.
pub(super) fn symbols(
    server: &mut Server<'_>,
    params: DocumentSymbolParams,
) -> Option<lsp_types::DocumentSymbolResponse> {
    let doc = server.document(&params.text_document.uri)?;
    let body_start = cursor::front_matter_end(&doc.text).unwrap_or(0);
    let mut headings: Vec<(usize, DocumentSymbol)> = Vec::new();
    let mut fence: Option<&str> = None;
    let mut offset = body_start;
    for line in doc.text[body_start..].split_inclusive('\n') {
        let bare = line.trim_end();
        let marker = bare.trim_start();
        if marker.starts_with("```") || marker.starts_with("~~~") {
            let mark = &marker[..3];
            fence = match fence {
                Some(open) if open == mark => None,
                None => Some(mark),
                other => other,
            };
        } else if fence.is_none() && bare.starts_with('#') {
            let level = bare.chars().take_while(|&c| c == '#').count();
            let name = bare[level..].trim().trim_end_matches('#').trim();
            if level <= 6 && bare[level..].starts_with(' ') && !name.is_empty() {
                let r = range(server, &doc.text, (offset, offset + bare.len()));
                headings.push((level, heading_symbol(name, r)));
            }
        }
        offset += line.len();
    }
    Some(lsp_types::DocumentSymbolResponse::Nested(nest(headings)))
}

/// The symbol of a heading named `name` on `range`, without children yet.
#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
fn heading_symbol(name: &str, range: lsp_types::Range) -> DocumentSymbol {
    DocumentSymbol {
        name: name.to_string(),
        detail: None,
        kind: SymbolKind::STRING,
        tags: None,
        deprecated: None,
        range,
        selection_range: range,
        children: None,
    }
}

/// Headings in order, each with the deeper ones that follow it as children.
fn nest(mut flat: Vec<(usize, DocumentSymbol)>) -> Vec<DocumentSymbol> {
    let mut out: Vec<(usize, DocumentSymbol)> = Vec::new();
    flat.reverse();
    while let Some((level, mut symbol)) = flat.pop() {
        let mut children = Vec::new();
        while let Some(deeper) = flat.pop_if(|(l, _)| *l > level) {
            children.push(deeper);
        }
        if !children.is_empty() {
            let mut inner = nest(children);
            if let Some(last) = inner.last() {
                symbol.range.end = last.range.end;
            }
            symbol.children = Some(std::mem::take(&mut inner));
        }
        out.push((level, symbol));
    }
    out.into_iter().map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn heading(level: usize, name: &str, line: u32) -> (usize, DocumentSymbol) {
        let r = lsp_types::Range::new(lsp_types::Position::new(line, 0), lsp_types::Position::new(line, 5));
        (level, heading_symbol(name, r))
    }

    #[test]
    fn deeper_headings_become_children_of_the_one_before() {
        let flat = vec![heading(2, "a", 0), heading(3, "a1", 2), heading(4, "a1x", 4), heading(2, "b", 6)];
        let nested = nest(flat);
        let names: Vec<&str> = nested.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["a", "b"]);
        let a1 = &nested[0].children.as_ref().expect("a has children")[0];
        assert_eq!(a1.name, "a1");
        assert_eq!(a1.children.as_ref().expect("a1 has a child")[0].name, "a1x");
        assert_eq!(nested[0].range.end.line, 4, "a section reaches to its last subheading");
        assert!(nested[1].children.is_none());
    }
}
