//! Editing entry files in place: one front-matter key at a time, every other line kept byte for
//! byte (comments, key order, line endings), and a set of files written all together or not at all.

use std::path::PathBuf;

use crate::content::front_matter::KNOWN_KEYS;

/// A YAML scalar for a front-matter line: plain where that reads the same, else double-quoted.
pub fn scalar(value: &str) -> String {
    let plain = !value.is_empty()
        && value.trim() == value
        && !value.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c))
        && !value.contains(": ")
        && !value.contains(" #")
        && !value.ends_with(':')
        && !matches!(
            value.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "~" | "on" | "off"
        )
        && value.parse::<f64>().is_err()
        && !value.contains(['\n', '\r', '\t']);
    if plain { value.to_string() } else { serde_json::to_string(value).unwrap_or_default() }
}

/// A YAML flow list (`[a, b]`), each item plain where that reads the same inside brackets.
pub fn flow_list(items: &[String]) -> String {
    let item = |value: &String| {
        let s = scalar(value);
        if s.starts_with('"') || value.contains([',', '[', ']', '{', '}']) {
            serde_json::to_string(value).unwrap_or(s)
        } else {
            s
        }
    };
    format!("[{}]", items.iter().map(item).collect::<Vec<_>>().join(", "))
}

/// `text` (an entry file) with the front-matter key `key` set to `value` (already YAML), keeping every other
/// line. A key that is there is replaced with its continuation lines (a block list); a new key goes after
/// the keys that come before it in the house order ([`KNOWN_KEYS`]). `None` without front-matter.
pub fn set_key(text: &str, key: &str, value: &str) -> Option<String> {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.first()?.trim_start_matches('\u{feff}').trim_end() != "---" {
        return None;
    }
    let newline = if lines[0].ends_with("\r\n") { "\r\n" } else { "\n" };
    let close = lines.iter().skip(1).position(|l| l.trim_end() == "---")? + 1;
    let key_of = |line: &str| {
        line.split_once(':').map(|(k, _)| k.trim_end().to_string()).filter(|k| !k.starts_with([' ', '\t', '#', '-']))
    };
    let new_line = format!("{key}: {value}{newline}");
    let found = (1..close).find(|&i| key_of(lines[i]).as_deref() == Some(key));
    let (at, remove) = match found {
        Some(i) => {
            let mut end = i + 1;
            while end < close && (lines[end].starts_with([' ', '\t', '-']) || lines[end].trim().is_empty()) {
                end += 1;
            }
            (i, end - i)
        }
        None => {
            let rank = |k: &str| KNOWN_KEYS.iter().position(|known| *known == k);
            let own = rank(key).unwrap_or(KNOWN_KEYS.len());
            // After the last line whose key comes before this one, with its continuation lines.
            let mut at = 1;
            for (i, line) in lines.iter().enumerate().take(close).skip(1) {
                if let Some(k) = key_of(line)
                    && rank(&k).is_some_and(|r| r < own)
                {
                    at = i + 1;
                    while at < close && lines[at].starts_with([' ', '\t', '-']) {
                        at += 1;
                    }
                }
            }
            (at, 0)
        }
    };
    let mut out: String = lines[..at].concat();
    out.push_str(&new_line);
    lines.drain(..at + remove);
    out.push_str(&lines.concat());
    Some(out)
}

/// Writes every file, or none (see [`apply`]).
pub fn write_all(files: &[(PathBuf, String)]) -> Result<(), String> {
    let changes: Vec<(PathBuf, Option<String>)> = files.iter().map(|(p, t)| (p.clone(), Some(t.clone()))).collect();
    apply(&changes)
}

/// Writes (`Some`) or removes (`None`) every file, or changes none: each new text goes to a temporary file
/// first, then all are moved into place and the removals made; if a step fails, the files already changed
/// get their previous contents back.
pub fn apply(changes: &[(PathBuf, Option<String>)]) -> Result<(), String> {
    let temp_of = |path: &PathBuf| path.with_extension("md.glossgen-new");
    let mut temps: Vec<PathBuf> = Vec::new();
    let cleanup = |temps: &[PathBuf]| {
        for temp in temps {
            let _ = std::fs::remove_file(temp);
        }
    };
    for (path, text) in changes {
        let Some(text) = text else { continue };
        let temp = temp_of(path);
        let result = path.parent().map_or(Ok(()), std::fs::create_dir_all).and_then(|()| std::fs::write(&temp, text));
        if let Err(e) = result {
            cleanup(&temps);
            return Err(format!("cannot write {}: {e}; no file was changed", temp.display()));
        }
        temps.push(temp);
    }
    let mut done: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    for (path, text) in changes {
        let before = std::fs::read(path).ok();
        let result = match text {
            Some(_) => std::fs::rename(temp_of(path), path),
            None => std::fs::remove_file(path),
        };
        if let Err(e) = result {
            for (changed, previous) in done.iter().rev() {
                let _ = match previous {
                    Some(bytes) => std::fs::write(changed, bytes),
                    None => std::fs::remove_file(changed),
                };
            }
            cleanup(&temps);
            return Err(format!("cannot change {}: {e}; no file was changed", path.display()));
        }
        done.push((path.clone(), before));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_a_key_keeps_every_other_line() {
        let text =
            "---\r\ntitle: Oud # note\r\naliases:\r\n  - een\r\n  - twee\r\ndifficulty: beginner\r\n---\r\nBody\r\n";
        let titled = set_key(text, "title", "Nieuw").unwrap();
        assert_eq!(titled, text.replace("Oud # note", "Nieuw"));
        let aliased = set_key(text, "aliases", "[drie]").unwrap();
        assert_eq!(aliased, "---\r\ntitle: Oud # note\r\naliases: [drie]\r\ndifficulty: beginner\r\n---\r\nBody\r\n");
        let summary = set_key(text, "summary", "Zin.").unwrap();
        assert!(summary.starts_with("---\r\ntitle: Oud # note\r\nsummary: Zin.\r\naliases:"), "{summary}");
        assert_eq!(set_key("no front-matter", "title", "x"), None);
    }

    #[test]
    fn scalars_are_quoted_only_when_yaml_would_read_them_otherwise() {
        assert_eq!(scalar("Overfitting"), "Overfitting");
        assert_eq!(scalar("Een model: te nauw"), "\"Een model: te nauw\"");
        assert_eq!(scalar("`code` first"), "\"`code` first\"");
        assert_eq!(scalar("yes"), "\"yes\"");
        assert_eq!(flow_list(&["a b".into(), "c, d".into()]), "[a b, \"c, d\"]");
    }
}
