//! How names and text are made comparable: folded for mention matching (lower case, hyphens as spaces, with
//! offsets back into the original), and loosened for wiki links (also without diacritics).

/// Lower-cases text for mention matching, with hyphens as spaces ("open-source AI" mentions "open source
/// AI"), keeping, for each byte of the result, the byte offset in the original where its character starts.
pub fn fold_case(text: &str) -> (String, Vec<usize>) {
    let mut folded = String::with_capacity(text.len());
    let mut offsets = Vec::with_capacity(text.len() + 1);
    for (at, c) in text.char_indices() {
        if c.is_ascii() {
            // Most characters, even in Dutch text: one byte in, one byte out.
            folded.push(if c == '-' { ' ' } else { c.to_ascii_lowercase() });
            offsets.push(at);
            continue;
        }
        let before = folded.len();
        push_folded(&mut folded, c);
        offsets.extend(std::iter::repeat_n(at, folded.len() - before));
    }
    offsets.push(text.len());
    (folded, offsets)
}

/// [`fold_case`] without the offset table, for names and for deciding what an edit can affect.
pub fn fold(text: &str) -> String {
    if text.is_ascii() {
        let mut bytes = text.as_bytes().to_vec();
        for b in &mut bytes {
            *b = if *b == b'-' { b' ' } else { b.to_ascii_lowercase() };
        }
        // Still ASCII, hence UTF-8.
        return String::from_utf8(bytes).unwrap_or_default();
    }
    let mut folded = String::with_capacity(text.len());
    text.chars().for_each(|c| push_folded(&mut folded, c));
    folded
}

fn push_folded(folded: &mut String, c: char) {
    if matches!(c, '-' | '\u{2010}' | '\u{2011}') {
        folded.push(' ');
    } else {
        folded.extend(c.to_lowercase());
    }
}

/// The loose form of a name used by wiki links: lower case, without diacritics, hyphens as spaces, single
/// spaces.
pub fn loose_key(name: &str) -> String {
    if name.is_ascii() {
        let mut key = String::with_capacity(name.len());
        for word in name.split(|c: char| c.is_whitespace() || c == '-').filter(|w| !w.is_empty()) {
            if !key.is_empty() {
                key.push(' ');
            }
            key.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        }
        return key;
    }
    let plain = deunicode::deunicode(name).to_lowercase().replace('-', " ");
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_offsets_into_the_original() {
        let (folded, offsets) = fold_case("Één AI");
        assert_eq!(folded, "één ai");
        assert_eq!(offsets[0], 0);
        assert_eq!(offsets[folded.find("ai").unwrap()], "Één ".len());
        assert_eq!(*offsets.last().unwrap(), "Één AI".len());
    }

    #[test]
    fn ascii_fast_paths_agree_with_the_general_ones() {
        for name in ["Open-Source AI", "  a\tB--c\x0bD ", "GPT-4o", "", "-", "k-NN  Search"] {
            let general = {
                let plain = deunicode::deunicode(name).to_lowercase().replace('-', " ");
                plain.split_whitespace().collect::<Vec<_>>().join(" ")
            };
            assert_eq!(loose_key(name), general, "{name:?}");
            assert_eq!(fold(name), fold_case(name).0, "{name:?}");
        }
    }

    #[test]
    fn loose_keys_ignore_case_diacritics_and_spacing() {
        assert_eq!(loose_key("Gradiënt  Afdaling"), "gradient afdaling");
        assert_eq!(loose_key("ÉÉN"), "een");
        assert_eq!(loose_key("Open-Source AI"), loose_key("open source  AI"));
    }
}
