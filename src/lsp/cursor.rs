//! What the cursor is on in an entry file: a concept id (in `related:` or an `@/id` link), a wiki-link name,
//! a mention of another concept's name, or a front-matter key's value. Works on the editor's text as it is
//! now, broken or not, one line at a time.

use crate::link::Glossary;
use crate::terms::Resolution;
use crate::types::{EntryIndex, LangPos};

/// A reference to a concept at the cursor, with the byte range it covers in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reference {
    /// A concept id: an item of `related:` or the id of an `@/id.md` link.
    Id(String),
    /// The name inside `[[…]]` (before any `|`).
    Name(String),
    /// A mention of a concept's title or alias in running text, which the build links.
    Mention(EntryIndex),
}

/// Where the front-matter ends (the byte after the closing `---` line), if the text has one.
pub fn front_matter_end(text: &str) -> Option<usize> {
    let normal = text.replace("\r\n", "\n");
    let split = crate::content::front_matter::split(&normal).ok()?;
    // Line counts are the same with or without `\r`: find the body's first line in the original text.
    Some(line_start(text, split.body_line - 1))
}

/// The byte offset where 0-based `line` starts (the text's end past the last line).
pub fn line_start(text: &str, line: usize) -> usize {
    if line == 0 {
        return 0;
    }
    text.match_indices('\n').nth(line - 1).map_or(text.len(), |(at, _)| at + 1)
}

/// The line around `offset`: its start and its text without the line ending.
pub fn line_at(text: &str, offset: usize) -> (usize, &str) {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    (start, text[start..end].strip_suffix('\r').unwrap_or(&text[start..end]))
}

/// The front-matter key whose value holds `offset` (the nearest unindented `key:` line at or above it),
/// or `None` outside the front-matter.
pub fn key_at(text: &str, offset: usize) -> Option<&str> {
    let end = front_matter_end(text)?;
    let first = text.find('\n')? + 1;
    if offset < first || offset >= end {
        return None;
    }
    let (start, _) = line_at(text, offset);
    text[first..start + line_at(text, offset).1.len()].lines().rev().find_map(|line| {
        let key = line.split(':').next()?;
        (!line.starts_with([' ', '\t', '-']) && line.contains(':') && !key.is_empty()).then_some(key.trim())
    })
}

fn is_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// The run of id characters around `offset` on its line: `(start, end)` byte offsets.
fn id_around(text: &str, offset: usize) -> Option<(usize, usize)> {
    let (line_start, line) = line_at(text, offset);
    let at = offset - line_start;
    let start = line[..at].char_indices().rev().find(|&(_, c)| !is_id_char(c)).map_or(0, |(i, c)| i + c.len_utf8());
    let end = line[at..].find(|c| !is_id_char(c)).map_or(line.len(), |i| at + i);
    (start < end).then_some((line_start + start, line_start + end))
}

/// The reference at byte `offset` of `text` and its byte range. `lang_pos` is the page's language, for
/// mentions.
pub fn reference_at(
    text: &str,
    offset: usize,
    glossary: &Glossary,
    lang_pos: LangPos,
    own: Option<EntryIndex>,
) -> Option<(Reference, (usize, usize))> {
    let offset = offset.min(text.len());
    if !text.is_char_boundary(offset) {
        return None;
    }
    let (line_start, line) = line_at(text, offset);
    let at = offset - line_start;
    if key_at(text, offset) == Some("related") {
        let (start, end) = id_around(text, offset)?;
        return Some((Reference::Id(text[start..end].to_string()), (start, end)));
    }
    if front_matter_end(text).is_some_and(|end| offset < end) {
        return None;
    }
    // `@/id.md`, `@/id`, `@/id.md#anchor`: the cursor anywhere on it.
    let before = text[..offset].chars().next_back().map_or(offset, |c| offset - c.len_utf8());
    if let Some((start, end)) = id_around(text, offset).or_else(|| id_around(text, before)) {
        let id_start = if text[..start].ends_with("@/") { Some(start) } else { None };
        if let Some(s) = id_start {
            return Some((Reference::Id(text[s..end].to_string()), (s - 2, end)));
        }
    }
    if let Some(marker) = line[..at].rfind("@/") {
        let rest = &line[marker + 2..];
        let id_len = rest.find(|c| !is_id_char(c)).unwrap_or(rest.len());
        let tail = rest[id_len..].find([')', ' ', '"', '\'', '>']).map_or(rest.len(), |i| id_len + i);
        if id_len > 0 && at <= marker + 2 + tail {
            let s = line_start + marker + 2;
            return Some((Reference::Id(rest[..id_len].to_string()), (s - 2, s + tail)));
        }
    }
    // `[[name]]` or `[[name|text]]` around the cursor.
    if let (Some(open), Some(close)) = (line[..at].rfind("[["), line[at..].find("]]"))
        && !line[open..at].contains("]]")
    {
        let inner = &line[open + 2..at + close];
        let name = inner.split('|').next().unwrap_or(inner).trim();
        return Some((Reference::Name(name.to_string()), (line_start + open, line_start + at + close + 2)));
    }
    glossary
        .terms
        .mentions(lang_pos, line)
        .into_iter()
        .find(|&(s, e, target)| s <= at && at <= e && Some(target) != own)
        .map(|(s, e, target)| (Reference::Mention(target), (line_start + s, line_start + e)))
}

/// The entry a reference leads to from a page in language `lang_pos`: its own language first, then the
/// languages that language falls back to (as the build links it).
pub fn target_of(glossary: &Glossary, lang_pos: LangPos, reference: &Reference) -> Option<EntryIndex> {
    match reference {
        Reference::Id(id) => {
            let id = crate::slug::ConceptId::parse(id).ok()?;
            glossary.resolve(lang_pos, &id).map(crate::link::Target::index)
        }
        Reference::Name(name) => std::iter::once(lang_pos)
            .chain(glossary.fallbacks(lang_pos).iter().copied())
            .find_map(|pos| match glossary.terms.lookup(pos, name) {
                Some(Resolution::Found(found)) => {
                    glossary.resolve(lang_pos, &glossary.entries[found].id).map(crate::link::Target::index)
                }
                _ => None,
            }),
        Reference::Mention(target) => Some(*target),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_key_of_a_block_list_item_is_the_list_above_it() {
        let text = "---\ntitle: A\nrelated:\n  - overfitting\n  - bias\nweek: 2026-W01\n---\nBody\n";
        let bias = text.find("bias").unwrap();
        assert_eq!(key_at(text, bias + 1), Some("related"));
        assert_eq!(key_at(text, text.find("2026").unwrap()), Some("week"));
        assert_eq!(key_at(text, text.find("Body").unwrap()), None);
        assert_eq!(id_around(text, bias + 2), Some((bias, bias + 4)));
    }

    #[test]
    fn a_cursor_after_a_wide_character_finds_nothing_and_does_not_panic() {
        let text = "---\ntitle: Één\n---\nWat ë\u{1F642}";
        let toml =
            "base_url = \"https://x.org/\"\ndefault_language = \"nl\"\n[languages.nl]\nname = \"N\"\ntitle = \"W\"\n";
        let config = crate::config::SiteConfig::parse(toml).unwrap();
        let glossary = crate::link::Glossary::link(&config, Default::default()).0;
        for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
            assert!(reference_at(text, offset, &glossary, LangPos::new(0), None).is_none(), "{offset}");
        }
    }

    #[test]
    fn line_starts_count_lines_from_zero() {
        let text = "a\r\nbc\nd";
        assert_eq!((line_start(text, 0), line_start(text, 1), line_start(text, 2), line_start(text, 3)), (0, 3, 6, 7));
        assert_eq!(line_at(text, 1), (0, "a"));
        assert_eq!(front_matter_end("---\r\nx: 1\r\n---\r\nbody"), Some(16));
    }
}
