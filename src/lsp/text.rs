//! Positions and file names as the Language Server Protocol has them. glossgen counts columns in
//! characters from 1; the protocol counts from 0 in UTF-16 code units unless client and server agree on
//! UTF-8 bytes. A Dutch `ë` is one unit either way in UTF-16 but two bytes; an emoji is two UTF-16 units:
//! every conversion goes through the line's text.

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, Uri};

/// How the client counts columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-16 code units (the protocol's default).
    Utf16,
    /// Bytes of UTF-8.
    Utf8,
}

impl Encoding {
    fn width(self, c: char) -> u32 {
        match self {
            Encoding::Utf16 => c.len_utf16() as u32,
            Encoding::Utf8 => c.len_utf8() as u32,
        }
    }
}

/// The text of 0-based line `line`, without its line ending.
pub fn line_text(text: &str, line: u32) -> &str {
    text.split('\n').nth(line as usize).map_or("", |l| l.strip_suffix('\r').unwrap_or(l))
}

/// The byte offset in `text` of an LSP position (clamped to the line's end and the text's end).
pub fn offset(text: &str, position: Position, encoding: Encoding) -> usize {
    let mut start = 0;
    for _ in 0..position.line {
        match text[start..].find('\n') {
            Some(at) => start += at + 1,
            None => return text.len(),
        }
    }
    let line = line_text(&text[start..], 0);
    let mut units = 0;
    for (at, c) in line.char_indices() {
        if units >= position.character {
            return start + at;
        }
        units += encoding.width(c);
    }
    start + line.len()
}

/// The LSP position of byte `offset` of `text`.
pub fn position(text: &str, offset: usize, encoding: Encoding) -> Position {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let character = before[line_start..].chars().map(|c| encoding.width(c)).sum();
    Position { line: before.matches('\n').count() as u32, character }
}

/// The LSP position of glossgen's 1-based `line` and character `column`.
pub fn from_line_column(text: &str, line: u32, column: u32, encoding: Encoding) -> Position {
    let line = line.saturating_sub(1);
    let character =
        line_text(text, line).chars().take(column.saturating_sub(1) as usize).map(|c| encoding.width(c)).sum();
    Position { line, character }
}

/// The range a finding at 1-based `line` (and `column`, when known) covers: from the column to the end
/// of the word there, or the line without its indentation when only the line is known.
pub fn finding_range(text: &str, line: Option<u32>, column: Option<u32>, encoding: Encoding) -> Range {
    let Some(line) = line else { return Range::default() };
    let row = line_text(text, line.saturating_sub(1));
    let width = |s: &str| s.chars().map(|c| encoding.width(c)).sum::<u32>();
    let (from, to) = match column {
        Some(column) => {
            let skip: usize = row.chars().take(column.saturating_sub(1) as usize).map(char::len_utf8).sum();
            let rest = &row[skip.min(row.len())..];
            // An id or a word ends at punctuation; anything else (`[[name]]`, a link) at a space.
            let word_like = rest.starts_with(|c: char| c.is_alphanumeric());
            let ends = |c: char| c.is_whitespace() || (word_like && !(c.is_alphanumeric() || "-_.".contains(c)));
            let word = rest.find(ends).unwrap_or(rest.len()).max(rest.chars().next().map_or(0, char::len_utf8));
            (skip.min(row.len()), skip.min(row.len()) + word)
        }
        None => (row.len() - row.trim_start().len(), row.trim_end().len()),
    };
    let line = line.saturating_sub(1);
    Range {
        start: Position { line, character: width(&row[..from]) },
        end: Position { line, character: width(&row[..to.max(from)]) },
    }
}

/// The file a `file://` URI names.
pub fn path_of(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file:///C:/…` on Windows, `file:///home/…` elsewhere; a host part (`file://server/…`) is not ours.
    let path = rest.strip_prefix('/').map(|p| format!("/{p}"))?;
    let mut bytes = Vec::with_capacity(path.len());
    let raw = path.as_bytes();
    let mut i = 0;
    while i < raw.len() {
        if raw[i] == b'%'
            && let Some(byte) =
                raw.get(i + 1..i + 3).and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok())
        {
            bytes.push(byte);
            i += 3;
            continue;
        }
        bytes.push(raw[i]);
        i += 1;
    }
    let path = String::from_utf8(bytes).ok()?;
    #[cfg(windows)]
    let path = path.trim_start_matches('/').to_string();
    Some(PathBuf::from(path))
}

/// The `file://` URI of an absolute path, percent-encoding what a URI may not hold.
pub fn uri_of(path: &Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => uri.push(byte as char),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units_or_bytes() {
        let text = "title: \"Één 🙂 model\"\nx";
        // Column 15 (1-based, in characters) is the `m` of `model`.
        let m = from_line_column(text, 1, 15, Encoding::Utf16);
        assert_eq!(m, Position { line: 0, character: 15 }, "the emoji is two UTF-16 units");
        assert_eq!(from_line_column(text, 1, 15, Encoding::Utf8).character, 19, "É, é and the emoji are 8 bytes");
        let at = offset(text, m, Encoding::Utf16);
        assert_eq!(&text[at..at + 5], "model");
        assert_eq!(position(text, at, Encoding::Utf16), m);
        assert_eq!(offset(text, Position { line: 1, character: 9 }, Encoding::Utf16), text.len());
    }

    #[test]
    fn a_finding_covers_the_word_at_its_column_or_its_line() {
        let text = "---\n  related: [naïve-bayes, x]\n";
        let r = finding_range(text, Some(2), Some(13), Encoding::Utf16);
        assert_eq!((r.start.character, r.end.character), (12, 23));
        let whole = finding_range(text, Some(2), None, Encoding::Utf16);
        assert_eq!((whole.start.character, whole.end.character), (2, 27));
    }

    #[test]
    fn file_uris_round_trip_with_spaces_and_diacritics() {
        let path = Path::new("/tmp/mijn site/content/nl/één.md");
        let uri = uri_of(path).unwrap();
        assert_eq!(uri.as_str(), "file:///tmp/mijn%20site/content/nl/%C3%A9%C3%A9n.md");
        assert_eq!(path_of(&uri).unwrap(), path);
        assert!(path_of(&"https://example.org/x".parse().unwrap()).is_none());
    }
}
