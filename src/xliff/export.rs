//! `glossgen translations --export-xliff DIR`: one XLIFF 2.0 file per target language, `DIR/<lang>.xlf`.
//!
//! Each concept to translate is a `<unit id="<concept id>">` with a `<segment>` per title, summary, alias and
//! body block; its protected codes are `<ph>` and `<pc>` elements whose Markdown is in `<originalData>`;
//! code blocks are `<ignorable>`s, for context. A translation that exists fills the targets where it lines
//! up with the source. An outdated unit says which fields changed and, when the source text the translation
//! followed was kept ([`super::memory`]), what they said before.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::segments::{Piece, Segment};
use super::{NAMESPACE, TargetPiece, Unit};
use crate::config::SiteConfig;
use crate::link::Glossary;
use crate::translation::{self, Kind, State};
use crate::types::LangPos;

/// Which translations an export holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Only {
    /// Translations whose source changed since they were stamped.
    pub outdated: bool,
    /// Concepts without a translation.
    pub missing: bool,
    /// Translations without a stamp.
    pub unstamped: bool,
    /// Translations that are up to date too.
    pub up_to_date: bool,
}

impl Default for Only {
    fn default() -> Self {
        Only { outdated: true, missing: true, unstamped: true, up_to_date: false }
    }
}

impl std::str::FromStr for Only {
    type Err = String;

    /// `outdated,missing,unstamped` (any of them) or `all`.
    fn from_str(text: &str) -> Result<Self, String> {
        let mut only = Only { outdated: false, missing: false, unstamped: false, up_to_date: false };
        for word in text.split(',').map(str::trim) {
            match word {
                "outdated" => only.outdated = true,
                "missing" => only.missing = true,
                "unstamped" => only.unstamped = true,
                "all" => only = Only { outdated: true, missing: true, unstamped: true, up_to_date: true },
                other => {
                    return Err(format!("`{other}` is not one of outdated, missing, unstamped, all"));
                }
            }
        }
        Ok(only)
    }
}

impl Only {
    fn takes(self, kind: Kind) -> bool {
        match kind {
            Kind::Outdated => self.outdated,
            Kind::Missing => self.missing,
            Kind::Unstamped => self.unstamped,
            Kind::UpToDate => self.up_to_date,
            Kind::NoSource => false,
        }
    }
}

/// One file written.
#[derive(Debug)]
pub struct Exported {
    /// The target language.
    pub lang: String,
    /// The file.
    pub path: PathBuf,
    /// How many concepts it holds.
    pub units: usize,
}

/// Writes the XLIFF files of the target languages `langs` into `dir`; a language with nothing to translate
/// gets no file (and is reported with `units: 0`).
pub fn export(
    root: &Path,
    config: &SiteConfig,
    glossary: &Glossary,
    dir: &Path,
    langs: &[LangPos],
    only: Only,
) -> Result<Vec<Exported>, String> {
    let source_pos = translation::source_position(config);
    let source_lang = config.languages[source_pos].code.clone();
    let mut written = Vec::new();
    for &pos in langs {
        let lang = &config.languages[pos].code;
        let mut units = Vec::new();
        for source in glossary.range(source_pos) {
            let entry = &glossary.entries[source];
            let state = match glossary.lookup(pos, &entry.id) {
                Some(t) => translation::state_of(glossary, source_pos, t).unwrap_or(State::UpToDate),
                None => State::Missing,
            };
            if only.takes(state.kind()) {
                units.push((Unit::new(glossary, source, pos), state));
            }
        }
        let path = dir.join(format!("{lang}.xlf"));
        if units.is_empty() {
            written.push(Exported { lang: lang.to_string(), path, units: 0 });
            continue;
        }
        let mut xml = Writer::new(Vec::new());
        write_document(&mut xml, root, source_lang.as_str(), lang, &units).map_err(|e| e.to_string())?;
        std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        let mut bytes = xml.into_inner();
        bytes.push(b'\n');
        let temp = path.with_extension("xlf.tmp");
        std::fs::File::create(&temp)
            .and_then(|mut f| f.write_all(&bytes))
            .and_then(|()| std::fs::rename(&temp, &path))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(Exported { lang: lang.to_string(), path, units: units.len() });
    }
    Ok(written)
}

type Xml = Writer<Vec<u8>>;

fn text(xml: &mut Xml, text: &str) -> std::io::Result<()> {
    xml.write_event(Event::Text(BytesText::new(text)))
}

fn indent(xml: &mut Xml, depth: usize) -> std::io::Result<()> {
    xml.write_event(Event::Text(BytesText::from_escaped(format!("\n{}", "  ".repeat(depth)))))
}

fn open(xml: &mut Xml, name: &str, attributes: &[(&str, &str)]) -> std::io::Result<()> {
    let mut start = BytesStart::new(name);
    start.extend_attributes(attributes.iter().copied());
    xml.write_event(Event::Start(start))
}

fn close(xml: &mut Xml, name: &str) -> std::io::Result<()> {
    xml.write_event(Event::End(BytesEnd::new(name)))
}

fn element(xml: &mut Xml, name: &str, attributes: &[(&str, &str)], content: &str) -> std::io::Result<()> {
    open(xml, name, attributes)?;
    text(xml, content)?;
    close(xml, name)
}

fn write_document(
    xml: &mut Xml,
    root: &Path,
    source_lang: &str,
    lang: &crate::config::LangCode,
    units: &[(Unit<'_>, State)],
) -> std::io::Result<()> {
    xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    indent(xml, 0)?;
    open(
        xml,
        "xliff",
        &[("xmlns", NAMESPACE), ("version", "2.0"), ("srcLang", source_lang), ("trgLang", lang.as_str())],
    )?;
    indent(xml, 1)?;
    open(xml, "file", &[("id", "glossary"), ("original", &format!("content/{source_lang}"))])?;
    for (unit, state) in units {
        write_unit(xml, root, lang, unit, state)?;
    }
    indent(xml, 1)?;
    close(xml, "file")?;
    indent(xml, 0)?;
    close(xml, "xliff")
}

fn write_unit(
    xml: &mut Xml,
    root: &Path,
    lang: &crate::config::LangCode,
    unit: &Unit<'_>,
    state: &State,
) -> std::io::Result<()> {
    let id = unit.source.id.as_str();
    indent(xml, 2)?;
    open(xml, "unit", &[("id", id), ("name", &unit.source.title)])?;
    indent(xml, 3)?;
    open(xml, "notes", &[])?;
    indent(xml, 4)?;
    element(xml, "note", &[("id", "state"), ("category", "glossgen-state")], state.name())?;
    indent(xml, 4)?;
    let stamp = translation::Fingerprint::of(unit.source).to_string();
    element(xml, "note", &[("id", "source-stamp"), ("category", "glossgen-source-stamp")], &stamp)?;
    let before = match state {
        State::Outdated { .. } => previous_entry(root, lang, unit),
        _ => None,
    };
    if let State::Outdated { changed } = state {
        indent(xml, 4)?;
        let kept = if before.is_some() { "" } else { " (its earlier text was not kept)" };
        let what = format!("The source changed since this translation was made{kept}: {}.", changed.join(", "));
        element(xml, "note", &[("id", "changed"), ("category", "glossgen-changed")], &what)?;
        let fields = before.as_ref().map(|b| previous_fields(b, changed)).unwrap_or_default();
        for (n, (field, before)) in fields.into_iter().enumerate() {
            indent(xml, 4)?;
            let note_id = format!("previous-{}", n + 1);
            let attributes =
                [("id", note_id.as_str()), ("category", "glossgen-previous-source"), ("appliesTo", "source")];
            element(xml, "note", &attributes, &format!("{field} before: {before}"))?;
        }
    }
    indent(xml, 3)?;
    close(xml, "notes")?;
    let codes: Vec<(String, &str)> = unit
        .segments()
        .flat_map(|s| s.pieces.iter())
        .filter_map(|p| match p {
            Piece::Text(_) => None,
            Piece::Code { id, data } => Some((format!("d{id}"), data.as_str())),
            Piece::Open { id, data } => Some((format!("d{id}s"), data.as_str())),
            Piece::Close { id, data } => Some((format!("d{id}e"), data.as_str())),
        })
        .collect();
    if !codes.is_empty() {
        indent(xml, 3)?;
        open(xml, "originalData", &[])?;
        for (data_id, data) in &codes {
            indent(xml, 4)?;
            element(xml, "data", &[("id", data_id)], data)?;
        }
        indent(xml, 3)?;
        close(xml, "originalData")?;
    }
    // Segments the source did not have when the translation was made need the translator.
    let earlier: Option<Vec<String>> = before.as_ref().map(|b| {
        let (fields, body) = super::segments::entry_segments(b);
        fields.iter().chain(&body.segments).map(|s| format!("{}\u{0}{}", field_of(&s.id), s.markdown())).collect()
    });
    for (n, segment) in unit.segments().enumerate() {
        let target = &unit.targets[n];
        let new_text = earlier
            .as_ref()
            .is_some_and(|e| !e.contains(&format!("{}\u{0}{}", field_of(&segment.id), segment.markdown())));
        let segment_state = match (target, state) {
            (None, _) => "initial",
            (Some(_), _) if new_text => "initial",
            (Some(_), State::UpToDate) => "final",
            (Some(_), _) => "translated",
        };
        indent(xml, 3)?;
        open(xml, "segment", &[("id", &segment.id), ("state", segment_state)])?;
        indent(xml, 4)?;
        open(xml, "source", &[])?;
        write_source(xml, segment)?;
        close(xml, "source")?;
        if let Some(target) = target {
            indent(xml, 4)?;
            open(xml, "target", &[])?;
            write_target(xml, target)?;
            close(xml, "target")?;
        }
        indent(xml, 3)?;
        close(xml, "segment")?;
    }
    for (n, block) in unit.body.code_blocks.iter().enumerate() {
        indent(xml, 3)?;
        open(xml, "ignorable", &[("id", &format!("code-{}", n + 1))])?;
        open(xml, "source", &[])?;
        text(xml, block)?;
        close(xml, "source")?;
        close(xml, "ignorable")?;
    }
    indent(xml, 2)?;
    close(xml, "unit")
}

fn write_source(xml: &mut Xml, segment: &Segment) -> std::io::Result<()> {
    for piece in &segment.pieces {
        match piece {
            Piece::Text(t) => text(xml, t)?,
            Piece::Code { id, .. } => {
                let mut ph = BytesStart::new("ph");
                ph.extend_attributes([("id", format!("c{id}").as_str()), ("dataRef", format!("d{id}").as_str())]);
                xml.write_event(Event::Empty(ph))?;
            }
            Piece::Open { id, .. } => pc_start(xml, *id)?,
            Piece::Close { .. } => close(xml, "pc")?,
        }
    }
    Ok(())
}

fn pc_start(xml: &mut Xml, id: usize) -> std::io::Result<()> {
    let (pc, start, end) = (format!("c{id}"), format!("d{id}s"), format!("d{id}e"));
    open(xml, "pc", &[("id", pc.as_str()), ("dataRefStart", start.as_str()), ("dataRefEnd", end.as_str())])
}

fn write_target(xml: &mut Xml, target: &[TargetPiece]) -> std::io::Result<()> {
    for piece in target {
        match piece {
            TargetPiece::Text(t) => text(xml, t)?,
            TargetPiece::Code(id) => {
                let mut ph = BytesStart::new("ph");
                ph.extend_attributes([("id", format!("c{id}").as_str()), ("dataRef", format!("d{id}").as_str())]);
                xml.write_event(Event::Empty(ph))?;
            }
            TargetPiece::Open(id) => pc_start(xml, *id)?,
            TargetPiece::Close(_) => close(xml, "pc")?,
        }
    }
    Ok(())
}

/// Which part of an entry a segment id is (`alias-2` → `alias`).
fn field_of(segment: &str) -> &str {
    segment.split('-').next().unwrap_or(segment)
}

/// The source entry as it was when the translation was stamped, if its text was kept and is the version
/// the stamp names.
fn previous_entry(root: &Path, lang: &crate::config::LangCode, unit: &Unit<'_>) -> Option<crate::content::Entry> {
    let source = unit.source;
    let text = super::memory::previous(root, lang, &source.id)?;
    let before = crate::content::parse_entry(source.path.clone(), &source.lang, source.id.as_str(), &text).ok()?;
    let stamp = unit.translation.and_then(|t| t.translated_from);
    (stamp == Some(translation::Fingerprint::of(&before))).then_some(before)
}

/// The changed fields as the source said them before.
fn previous_fields(before: &crate::content::Entry, changed: &[&'static str]) -> Vec<(&'static str, String)> {
    changed
        .iter()
        .map(|&field| {
            let value = match field {
                "title" => before.title.clone(),
                "summary" => before.summary.clone(),
                "aliases" => before.aliases.join(", "),
                _ => before.body.trim().to_string(),
            };
            (field, value)
        })
        .collect()
}
