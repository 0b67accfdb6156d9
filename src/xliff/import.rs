//! `glossgen translations --import-xliff FILE`: the targets of an XLIFF 2.0 file written back into
//! `content/<lang>/`. Every unit is checked first: its concept must exist, its sources must be the current
//! source text (else the source changed after the export), and its targets must keep every protected code.
//! With any problem, nothing is written; otherwise every file is written together, and stamped.

use std::path::{Path, PathBuf};

use roxmltree::{Document, Node};

use super::segments::{Piece, Segment};
use super::{NAMESPACE, TargetPiece, Unit, target_markdown};
use crate::config::{LangCode, SiteConfig};
use crate::content::{Entry, front_matter};
use crate::edits::{flow_list, scalar, set_key, write_all};
use crate::link::Glossary;
use crate::slug::ConceptId;
use crate::translation::{self, Fingerprint};
use crate::types::LangPos;

/// Files larger than this are refused (a glossary's XLIFF is a few megabytes at most).
const MAX_BYTES: u64 = 64 * 1024 * 1024;

/// What an import did.
#[derive(Debug, Default)]
pub struct Imported {
    /// Entry files created.
    pub created: Vec<PathBuf>,
    /// Entry files updated.
    pub updated: Vec<PathBuf>,
    /// Units left out because some of their segments have no translation yet, with how many.
    pub incomplete: Vec<(String, usize)>,
}

/// One problem of the file, for people: the unit and segment where known.
fn problem(file: &Path, unit: Option<&str>, message: String) -> String {
    match unit {
        Some(unit) => format!("{}: unit `{unit}`: {message}", file.display()),
        None => format!("{}: {message}", file.display()),
    }
}

/// Reads `file` and writes its translations into the site at `root`; every problem is returned instead.
pub fn import(root: &Path, config: &SiteConfig, glossary: &Glossary, file: &Path) -> Result<Imported, Vec<String>> {
    let fail = |m: String| vec![problem(file, None, m)];
    let size = std::fs::metadata(file).map_err(|e| fail(format!("cannot read it: {e}")))?.len();
    if size > MAX_BYTES {
        return Err(fail(format!("it is {size} bytes; an XLIFF file of a glossary is far smaller")));
    }
    let text = std::fs::read_to_string(file).map_err(|e| fail(format!("cannot read it: {e}")))?;
    let doc = Document::parse(&text).map_err(|e| fail(format!("not well-formed XML: {e}")))?;
    let xliff = doc.root_element();
    if xliff.tag_name().name() != "xliff" || xliff.tag_name().namespace() != Some(NAMESPACE) {
        return Err(fail(format!("not an XLIFF 2.0 document (its root must be <xliff xmlns=\"{NAMESPACE}\">)")));
    }
    let source_pos = translation::source_position(config);
    let source_lang = config.languages[source_pos].code.as_str();
    if xliff.attribute("srcLang") != Some(source_lang) {
        return Err(fail(format!(
            "srcLang is `{}`, but this site translates from `{source_lang}`",
            xliff.attribute("srcLang").unwrap_or_default()
        )));
    }
    let target = xliff.attribute("trgLang").unwrap_or_default();
    let Some(pos) = config.languages.iter().position(|l| l.code.as_str() == target && target != source_lang) else {
        return Err(fail(format!("trgLang `{target}` is not a language this site translates into")));
    };
    let pos = LangPos::new(pos);
    let lang = config.languages[pos].code.clone();

    let mut problems = Vec::new();
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    let mut imported = Imported::default();
    let mut stamped: Vec<(ConceptId, String)> = Vec::new();
    let units = xliff.descendants().filter(|n| is(n, "unit"));
    for node in units {
        let id_text = node.attribute("id").unwrap_or_default();
        let unit_problem = |m: String| problem(file, Some(id_text), m);
        let Some(source) = ConceptId::parse(id_text).ok().and_then(|id| glossary.lookup(source_pos, &id)) else {
            problems.push(unit_problem(format!("no concept `{id_text}` in `{source_lang}`")));
            continue;
        };
        let unit = Unit::new(glossary, source, pos);
        match apply_unit(root, config, glossary, &unit, &lang, node) {
            Ok(Applied::Incomplete(n)) => imported.incomplete.push((id_text.to_string(), n)),
            Ok(Applied::Write { path, text, created }) => {
                if created {
                    imported.created.push(path.clone());
                } else {
                    imported.updated.push(path.clone());
                }
                stamped.push((unit.source.id.clone(), source_text(root, unit.source)));
                files.push((root.join(&path), text));
            }
            Err(found) => problems.extend(found.into_iter().map(unit_problem)),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    write_all(&files).map_err(|e| vec![e])?;
    for (id, text) in stamped {
        if let Err(e) = super::memory::record(root, &lang, &id, &text) {
            eprintln!("warning: cannot keep the source text of `{id}` in {}: {e}", super::memory::FOLDER);
        }
    }
    Ok(imported)
}

/// The source entry's file as it is on disk now.
fn source_text(root: &Path, entry: &Entry) -> String {
    std::fs::read_to_string(root.join(&entry.path)).unwrap_or_default()
}

fn is(node: &Node<'_, '_>, name: &str) -> bool {
    node.is_element() && node.tag_name().name() == name && node.tag_name().namespace() == Some(NAMESPACE)
}

enum Applied {
    /// Some segments have no target: the unit is left out.
    Incomplete(usize),
    /// The entry file to write.
    Write { path: PathBuf, text: String, created: bool },
}

/// The file text a unit's targets make, or its problems.
fn apply_unit(
    root: &Path,
    config: &SiteConfig,
    glossary: &Glossary,
    unit: &Unit<'_>,
    lang: &LangCode,
    node: Node<'_, '_>,
) -> Result<Applied, Vec<String>> {
    let mut problems = Vec::new();
    let segments: Vec<&Segment> = unit.segments().collect();
    let found: Vec<Node<'_, '_>> = node.descendants().filter(|n| is(n, "segment")).collect();
    let ids: Vec<&str> = found.iter().map(|n| n.attribute("id").unwrap_or_default()).collect();
    let expected: Vec<&str> = segments.iter().map(|s| s.id.as_str()).collect();
    if ids != expected {
        return Err(vec![format!(
            "its segments ({}) are not those of the current `{}` entry ({}): the source changed after the export; export again",
            ids.join(", "),
            unit.source.lang,
            expected.join(", ")
        )]);
    }
    let mut texts: Vec<String> = Vec::with_capacity(segments.len());
    let mut missing = 0;
    for (n, (segment, node)) in segments.iter().zip(&found).enumerate() {
        let child = |name: &str| node.children().find(|c| is(c, name));
        let source = child("source").map(|s| read_inline(s)).transpose();
        match source {
            Ok(Some(pieces)) if merge(pieces.clone()) == merge(as_target(segment)) => {}
            Ok(_) => {
                problems.push(format!(
                    "segment `{}`: its source is not the current text of the `{}` entry (the source changed after the export); export again",
                    segment.id, unit.source.lang
                ));
                continue;
            }
            Err(e) => {
                problems.push(format!("segment `{}`: {e}", segment.id));
                continue;
            }
        }
        let target = match child("target").map(|t| read_inline(t)).transpose() {
            Ok(target) => target
                .map(merge)
                .filter(|t| !t.iter().all(|p| matches!(p, TargetPiece::Text(t) if t.trim().is_empty()))),
            Err(e) => {
                problems.push(format!("segment `{}`: {e}", segment.id));
                continue;
            }
        };
        let Some(target) = target else {
            missing += 1;
            continue;
        };
        // A target as the export wrote it keeps the translation's own Markdown.
        let prefilled = unit.targets[n].clone().map(merge);
        if prefilled.as_ref() == Some(&target) {
            texts.push(existing_text(unit, n).unwrap_or_default());
            continue;
        }
        if let Some(code) = removed_code(segment, &target) {
            problems.push(format!(
                "segment `{}`: the protected code `{code}` was removed from the target; put it back",
                segment.id
            ));
            continue;
        }
        match target_markdown(segment, &target) {
            Ok(text) => texts.push(text),
            Err(id) => problems
                .push(format!("segment `{}`: the target has a code `c{id}` that its source does not", segment.id)),
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    if missing > 0 {
        return Ok(Applied::Incomplete(missing));
    }
    let text = entry_text(root, config, glossary, unit, lang, &texts).map_err(|e| vec![e])?;
    let created = unit.translation.is_none();
    let path = match unit.translation {
        Some(t) => t.path.clone(),
        None => PathBuf::from("content").join(lang.as_str()).join(format!("{}.md", unit.source.id)),
    };
    // The written file must be a valid entry.
    if let Err(found) = crate::content::parse_entry(path.clone(), lang, unit.source.id.as_str(), &text) {
        let listed: Vec<String> = found.iter().map(|d| d.message.clone()).collect();
        return Err(vec![format!("the translated entry would not be valid: {}", listed.join("; "))]);
    }
    Ok(Applied::Write { path, text, created })
}

/// The translation's own Markdown of segment `n`, when it lines up with the source.
fn existing_text(unit: &Unit<'_>, n: usize) -> Option<String> {
    let translated = unit.translation?;
    let (fields, body) = super::segments::entry_segments(translated);
    let id = &unit.segments().nth(n)?.id;
    fields.iter().chain(&body.segments).find(|s| s.id == *id).map(|s| s.raw.clone())
}

/// A source segment's pieces as a target's.
fn as_target(segment: &Segment) -> Vec<TargetPiece> {
    segment
        .pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => TargetPiece::Text(t.clone()),
            Piece::Code { id, .. } => TargetPiece::Code(*id),
            Piece::Open { id, .. } => TargetPiece::Open(*id),
            Piece::Close { id, .. } => TargetPiece::Close(*id),
        })
        .collect()
}

/// Adjacent texts joined, so pieces compare by what they say.
fn merge(pieces: Vec<TargetPiece>) -> Vec<TargetPiece> {
    let mut out: Vec<TargetPiece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        match (out.last_mut(), piece) {
            (Some(TargetPiece::Text(a)), TargetPiece::Text(b)) => a.push_str(&b),
            (_, TargetPiece::Text(b)) if b.is_empty() => {}
            (_, piece) => out.push(piece),
        }
    }
    out
}

/// The Markdown of a protected code of `source` that `target` lacks (or has twice), if any.
fn removed_code(source: &Segment, target: &[TargetPiece]) -> Option<String> {
    for piece in &source.pieces {
        let (wanted, data) = match piece {
            Piece::Code { id, data } => (TargetPiece::Code(*id), data),
            Piece::Open { id, data } => (TargetPiece::Open(*id), data),
            Piece::Close { id, data } => (TargetPiece::Close(*id), data),
            Piece::Text(_) => continue,
        };
        if target.iter().filter(|p| **p == wanted).count() != 1 {
            return Some(data.clone());
        }
    }
    None
}

/// The text and codes of a `<source>` or `<target>`: `<ph>` and `<pc>` as codes, `<mrk>` (a CAT tool's
/// annotation) as its content, `<cp>` as its character.
fn read_inline(node: Node<'_, '_>) -> Result<Vec<TargetPiece>, String> {
    let mut out = Vec::new();
    read_into(node, &mut out)?;
    Ok(out)
}

fn read_into(node: Node<'_, '_>, out: &mut Vec<TargetPiece>) -> Result<(), String> {
    let number = |n: &Node<'_, '_>| {
        let id = n.attribute("id").unwrap_or_default();
        id.strip_prefix('c')
            .and_then(|d| d.parse::<usize>().ok())
            .ok_or_else(|| format!("the code id `{id}` is not one glossgen wrote"))
    };
    for child in node.children() {
        if child.is_text() {
            out.push(TargetPiece::Text(child.text().unwrap_or_default().to_string()));
        } else if is(&child, "ph") {
            out.push(TargetPiece::Code(number(&child)?));
        } else if is(&child, "pc") {
            let id = number(&child)?;
            out.push(TargetPiece::Open(id));
            read_into(child, out)?;
            out.push(TargetPiece::Close(id));
        } else if is(&child, "mrk") {
            read_into(child, out)?;
        } else if is(&child, "cp") {
            let hex = child.attribute("hex").unwrap_or_default();
            let c = u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| format!("`<cp hex=\"{hex}\"/>` is no character"))?;
            out.push(TargetPiece::Text(c.to_string()));
        } else if child.is_element() {
            return Err(format!(
                "`<{}>` is not supported in a segment; keep the codes as exported",
                child.tag_name().name()
            ));
        }
    }
    Ok(())
}

/// The new text of the translation's file: its front-matter keys set, its body's blocks replaced.
fn entry_text(
    root: &Path,
    config: &SiteConfig,
    glossary: &Glossary,
    unit: &Unit<'_>,
    lang: &LangCode,
    texts: &[String],
) -> Result<String, String> {
    let fields = unit.fields.len();
    let text_of = |id: &str| unit.fields.iter().position(|f| f.id == id).map(|n| texts[n].clone());
    let title = text_of("title").unwrap_or_default();
    let summary = text_of("summary").unwrap_or_default();
    let aliases: Vec<String> =
        unit.fields.iter().zip(texts).filter(|(f, _)| f.id.starts_with("alias-")).map(|(_, t)| t.clone()).collect();
    let body_texts = &texts[fields..];
    let stamp = Fingerprint::of(unit.source);
    let source = unit.source;
    let text = match unit.translation {
        Some(existing) => {
            let path = root.join(&existing.path);
            let file =
                std::fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", existing.path.display()))?;
            let split =
                front_matter::split(&file).map_err(|_| format!("{} has no front-matter", existing.path.display()))?;
            let head = &file[..file.len() - split.body.len()];
            // The translation's own layout when its blocks line up with the source's, else the source's.
            let own = super::segments::entry_segments(&Entry { body: split.body.to_string(), ..(*existing).clone() }).1;
            let body = if own.segments.len() == body_texts.len() {
                super::segments::body_with(split.body, &own.ranges, body_texts)
            } else {
                super::segments::body_with(&source.body, &unit.body.ranges, body_texts)
            };
            let mut all_aliases = aliases.clone();
            all_aliases.extend(existing.aliases.iter().skip(aliases.len()).cloned());
            let mut head = head.to_string();
            for (key, value) in [("title", scalar(&title)), ("summary", scalar(&summary))] {
                head = set_key(&head, key, &value).unwrap_or(head);
            }
            if !all_aliases.is_empty() && all_aliases != existing.aliases {
                head = set_key(&head, "aliases", &flow_list(&all_aliases)).unwrap_or(head);
            }
            let joined = format!("{head}{body}");
            translation::stamp_text(&joined, stamp).unwrap_or(joined)
        }
        None => {
            let mut lines = vec![format!("title: {}", scalar(&title)), format!("summary: {}", scalar(&summary))];
            if !aliases.is_empty() {
                lines.push(format!("aliases: {}", flow_list(&aliases)));
            }
            if let Some(d) = source.difficulty {
                lines.push(format!("difficulty: {}", d.key()));
            }
            if let Some(w) = source.week {
                lines.push(format!("week: {w}"));
            }
            if let Some(category) = category_in(config, glossary, source, lang) {
                lines.push(format!("category: {}", scalar(&category)));
            }
            if !source.sources.is_empty() {
                lines.push("sources:".to_string());
                for s in &source.sources {
                    lines.push(format!("  - title: {}\n    url: {}", scalar(&s.title), scalar(&s.url)));
                }
            }
            if !source.related.is_empty() {
                let ids: Vec<String> = source.related.iter().map(|r| r.value.to_string()).collect();
                lines.push(format!("related: {}", flow_list(&ids)));
            }
            lines.push(format!("translated_from: {stamp}"));
            let body = super::segments::body_with(&source.body, &unit.body.ranges, body_texts);
            format!("---\n{}\n---\n{body}", lines.join("\n"))
        }
    };
    Ok(text)
}

/// The name the translation's language gives the source entry's category: the one most entries of that
/// category already use there. `None` if no entry of the category is translated yet.
fn category_in(config: &SiteConfig, glossary: &Glossary, source: &Entry, lang: &LangCode) -> Option<String> {
    let category = source.category.as_ref()?;
    let pos = LangPos::new(config.languages.iter().position(|l| l.code == *lang)?);
    let mut counts: Vec<(String, usize)> = Vec::new();
    let source_pos = translation::source_position(config);
    for entry in glossary.in_language(source_pos).iter().filter(|e| e.category.as_ref() == Some(category)) {
        let Some(name) = glossary.lookup(pos, &entry.id).and_then(|t| glossary.entries[t].category.clone()) else {
            continue;
        };
        match counts.iter_mut().find(|(n, _)| *n == name) {
            Some(c) => c.1 += 1,
            None => counts.push((name, 1)),
        }
    }
    counts.into_iter().max_by_key(|(_, n)| *n).map(|(name, _)| name)
}
