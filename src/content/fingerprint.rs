//! Translation stamps: each translated entry can record which version of its source entry it was
//! translated from (`translated_from: 3f9c2a1b7d4e0b11` in its front-matter). The stamp is a fingerprint
//! of the source entry: 16 bits each for its title, summary, aliases and body, so a stale stamp also says
//! which of them changed. Text is normalised before hashing (runs of whitespace count as one space), so
//! reflowing a paragraph does not make every translation outdated.

use std::fmt;
use std::path::Path;
use std::str::FromStr;

use super::Entry;

/// The fields a fingerprint covers, in stamp order.
pub const FIELDS: [&str; 4] = ["title", "summary", "aliases", "body"];

/// A fingerprint of a source entry: one 16-bit hash per field of [`FIELDS`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u16; 4]);

/// FNV-1a, 64 bits: fixed by its specification, so stamps stay valid across glossgen versions and platforms
/// (Rust's own hashers make no such promise).
#[cfg(test)]
fn fnv1a(bytes: impl Iterator<Item = u8>) -> u64 {
    bytes.fold(FNV_OFFSET, fnv1a_step)
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

fn fnv1a_step(hash: u64, byte: u8) -> u64 {
    (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3)
}

/// Hash of text with every run of whitespace read as one space and the ends trimmed.
/// The bytes hashed are those of the words (`str::split_whitespace`) joined by single spaces; one pass over
/// the text, since bodies are most of what a build hashes.
fn text_hash(text: &str) -> u16 {
    let mut h = FNV_OFFSET;
    let (mut pending_space, mut started) = (false, false);
    let bytes = text.as_bytes();
    let mut at = 0;
    while at < bytes.len() {
        let b = bytes[at];
        // The whitespace of `split_whitespace`: ASCII here, the Unicode kind for other characters.
        let (is_space, len) = if b.is_ascii() {
            (matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' '), 1)
        } else {
            let c = text[at..].chars().next().unwrap_or(' ');
            (c.is_whitespace(), c.len_utf8())
        };
        if is_space {
            pending_space = started;
        } else {
            if std::mem::take(&mut pending_space) {
                h = fnv1a_step(h, b' ');
            }
            started = true;
            h = bytes[at..at + len].iter().fold(h, |h, &b| fnv1a_step(h, b));
        }
        at += len;
    }
    (h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48)) as u16
}

/// An entry's fingerprint, computed the first time something compares a translation with it: most builds
/// compare few entries or none, and hashing every body while loading cost about 5% of a large build.
#[derive(Debug, Clone, Default)]
pub struct LazyFingerprint(std::sync::OnceLock<Fingerprint>);

/// Always equal: the fingerprint follows from the entry's other fields, which entry equality compares, and
/// whether it has been computed yet must not make two identical entries differ.
impl PartialEq for LazyFingerprint {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for LazyFingerprint {}

impl Fingerprint {
    /// The fingerprint of an entry as it is now (computed on first use, then kept with the entry).
    pub fn of(entry: &Entry) -> Self {
        *entry.fingerprint.0.get_or_init(|| Self::of_fields(&entry.title, &entry.summary, &entry.aliases, &entry.body))
    }

    /// The fingerprint of an entry's fields.
    pub fn of_fields(title: &str, summary: &str, aliases: &[String], body: &str) -> Self {
        let aliases = aliases.iter().map(|a| a.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>();
        Fingerprint([text_hash(title), text_hash(summary), text_hash(&aliases.join("\u{1f}")), text_hash(body)])
    }

    /// The fields whose hash differs from `other`'s.
    pub fn changed_fields(&self, other: &Fingerprint) -> Vec<&'static str> {
        FIELDS.iter().zip(self.0.iter().zip(other.0.iter())).filter(|(_, (a, b))| a != b).map(|(f, _)| *f).collect()
    }
}

impl fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for part in self.0 {
            write!(f, "{part:04x}")?;
        }
        Ok(())
    }
}

impl FromStr for Fingerprint {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || format!("`{s}` is not a translation stamp (16 hexadecimal digits)");
        if s.len() != 16 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Err(bad());
        }
        let mut parts = [0u16; 4];
        for (i, part) in parts.iter_mut().enumerate() {
            *part = u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).map_err(|_| bad())?;
        }
        Ok(Fingerprint(parts))
    }
}

/// Writes `stamp` into the front-matter of the file at `path`, changing nothing else: an existing
/// `translated_from:` line gets the new value, otherwise one is added as the last front-matter line. Line
/// endings, a byte-order mark, comments and key order are kept.
pub fn write_stamp(path: &Path, stamp: Fingerprint) -> Result<bool, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let updated = stamp_text(&text, stamp).ok_or_else(|| format!("{} has no front-matter to stamp", path.display()))?;
    if updated == text {
        return Ok(false);
    }
    std::fs::write(path, updated).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(true)
}

/// The file text with `translated_from` set to `stamp`; `None` without front-matter.
pub fn stamp_text(text: &str, stamp: Fingerprint) -> Option<String> {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let first = lines.first()?.trim_start_matches('\u{feff}');
    if first.trim_end() != "---" {
        return None;
    }
    let newline = if lines[0].ends_with("\r\n") { "\r\n" } else { "\n" };
    let close = lines.iter().skip(1).position(|l| l.trim_end() == "---")? + 1;
    let new_line = format!("translated_from: {stamp}{newline}");
    match (1..close).find(|&i| lines[i].starts_with("translated_from:")) {
        Some(i) => {
            let mut out: String = lines[..i].concat();
            out.push_str(&new_line);
            out.push_str(&lines[i + 1..].concat());
            Some(out)
        }
        None => {
            // Keep the file's own line ending on the line before the closing fence.
            let mut out: String = lines[..close].concat();
            if !out.ends_with('\n') {
                out.push_str(newline);
            }
            out.push_str(&new_line);
            lines.drain(..close);
            out.push_str(&lines.concat());
            Some(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> Fingerprint {
        "0123456789abcdef".parse().unwrap()
    }

    #[test]
    fn one_pass_hash_equals_hashing_the_joined_words() {
        let general = |text: &str| {
            let words = text.split_whitespace();
            let h = fnv1a(words.enumerate().flat_map(|(i, w)| (i > 0).then_some(b' ').into_iter().chain(w.bytes())));
            (h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48)) as u16
        };
        for text in [
            "",
            " ",
            "a",
            "  a  b\t\tc\n",
            "x\x0by\x0cz\r\n",
            "one two",
            "\n\nlead and trail \n",
            "Één\u{a0}woord\u{2003}en  nóg één\u{85}",
            "\u{3000}ideographic\u{3000}",
        ] {
            assert_eq!(text_hash(text), general(text), "{text:?}");
        }
    }

    #[test]
    fn text_hash_ignores_whitespace_only_edits() {
        assert_eq!(text_hash("A  sentence\nwith   spaces. "), text_hash(" A sentence with spaces."));
        assert_ne!(text_hash("A sentence."), text_hash("A sentence!"));
    }

    #[test]
    fn fingerprints_round_trip_and_name_changed_fields() {
        let f: Fingerprint = "0001000200030004".parse().unwrap();
        assert_eq!(f.to_string(), "0001000200030004");
        let g: Fingerprint = "0001ffff00030005".parse().unwrap();
        assert_eq!(f.changed_fields(&g), ["summary", "body"]);
        assert!("123".parse::<Fingerprint>().is_err());
        assert!("zzzzzzzzzzzzzzzz".parse::<Fingerprint>().is_err());
    }

    #[test]
    fn stamping_adds_or_replaces_one_line_only() {
        let text = "---\ntitle: A # comment\nsummary: B\n---\nbody\n";
        let once = stamp_text(text, stamp()).unwrap();
        assert_eq!(once, "---\ntitle: A # comment\nsummary: B\ntranslated_from: 0123456789abcdef\n---\nbody\n");
        let again = stamp_text(&once.replace("0123456789abcdef", "ffffffffffffffff"), stamp()).unwrap();
        assert_eq!(again, once);
        let crlf = "\u{feff}---\r\ntitle: A\r\n---\r\nbody\r\n";
        assert_eq!(
            stamp_text(crlf, stamp()).unwrap(),
            "\u{feff}---\r\ntitle: A\r\ntranslated_from: 0123456789abcdef\r\n---\r\nbody\r\n"
        );
        assert_eq!(stamp_text("no front-matter", stamp()), None);
    }
}
