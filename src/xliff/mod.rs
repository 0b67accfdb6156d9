//! The translator's round trip through XLIFF 2.0, the format CAT tools (memoQ, Trados, Phrase, Weblate,
//! OmegaT) exchange: [`export`] writes one file per target language with a `<unit>` per concept and a
//! `<segment>` per title, summary, alias and body block ([`segments`]); [`import`] writes the translations
//! back into `content/<lang>/`, all files or none, and stamps them. [`memory`] keeps the source text each
//! translation follows, so an export can show what changed.

pub mod export;
pub mod import;
pub mod memory;
pub mod segments;

use segments::{BodySegments, Piece, Segment};

use crate::content::Entry;
use crate::link::{EntryIndex, Glossary};
use crate::types::LangPos;

/// The XLIFF 2.0 namespace.
pub const NAMESPACE: &str = "urn:oasis:names:tc:xliff:document:2.0";

/// Part of a target: text, or a protected code of the source by its number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetPiece {
    /// Translated text.
    Text(String),
    /// The source's standalone code with this number.
    Code(usize),
    /// The start of the source's span with this number.
    Open(usize),
    /// Its end.
    Close(usize),
}

/// The source's segments of a concept, and its translation's where it has one.
pub struct Unit<'a> {
    /// The source entry.
    pub source: &'a Entry,
    /// Its title, summary and alias segments.
    pub fields: Vec<Segment>,
    /// Its body's segments.
    pub body: BodySegments,
    /// The translation, if there is one.
    pub translation: Option<&'a Entry>,
    /// For each segment (fields, then body), the translation's text, where it lines up with the source.
    pub targets: Vec<Option<Vec<TargetPiece>>>,
}

impl<'a> Unit<'a> {
    /// The unit of the concept whose source entry is `source`, translated into the language at `target`.
    pub fn new(glossary: &'a Glossary, source: EntryIndex, target: LangPos) -> Self {
        let entry = &glossary.entries[source];
        let (fields, body) = segments::entry_segments(entry);
        let translation = glossary.lookup(target, &entry.id).map(|t| &*glossary.entries[t]);
        let mut targets: Vec<Option<Vec<TargetPiece>>> = vec![None; fields.len() + body.segments.len()];
        if let Some(translated) = translation {
            let (their_fields, their_body) = segments::entry_segments(translated);
            for (n, field) in fields.iter().enumerate() {
                if let Some(theirs) = their_fields.iter().find(|f| f.id == field.id) {
                    targets[n] = Some(line_up(field, theirs));
                }
            }
            // The body lines up when it has as many blocks.
            if their_body.segments.len() == body.segments.len() {
                for (n, (ours, theirs)) in body.segments.iter().zip(&their_body.segments).enumerate() {
                    targets[fields.len() + n] = Some(line_up(ours, theirs));
                }
            }
        }
        Unit { source: entry, fields, body, translation, targets }
    }

    /// Every segment, fields first.
    pub fn segments(&self) -> impl Iterator<Item = &Segment> {
        self.fields.iter().chain(&self.body.segments)
    }
}

/// A translation's segment as a target of the source's: its codes are the source's when they come in the
/// same kinds and order, otherwise its Markdown is all text.
fn line_up(source: &Segment, translation: &Segment) -> Vec<TargetPiece> {
    let kinds = |s: &Segment| -> Vec<u8> {
        s.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Text(_) => None,
                Piece::Code { .. } => Some(0),
                Piece::Open { .. } => Some(1),
                Piece::Close { .. } => Some(2),
            })
            .collect()
    };
    if kinds(source) != kinds(translation) {
        return vec![TargetPiece::Text(translation.raw.clone())];
    }
    let mut ids = source.pieces.iter().filter_map(|p| match p {
        Piece::Text(_) => None,
        Piece::Code { id, .. } | Piece::Open { id, .. } | Piece::Close { id, .. } => Some(*id),
    });
    translation
        .pieces
        .iter()
        .map(|p| match p {
            Piece::Text(t) => TargetPiece::Text(t.clone()),
            Piece::Code { .. } => TargetPiece::Code(ids.next().unwrap_or_default()),
            Piece::Open { .. } => TargetPiece::Open(ids.next().unwrap_or_default()),
            Piece::Close { .. } => TargetPiece::Close(ids.next().unwrap_or_default()),
        })
        .collect()
}

/// A target as Markdown, its codes written as the source segment has them; `None` names a code number
/// the source does not have.
pub fn target_markdown(source: &Segment, target: &[TargetPiece]) -> Result<String, usize> {
    let data = |id: usize, open: Option<bool>| {
        source.pieces.iter().find_map(|p| match (p, open) {
            (Piece::Code { id: i, data }, None) | (Piece::Open { id: i, data }, Some(true)) if *i == id => Some(data),
            (Piece::Close { id: i, data }, Some(false)) if *i == id => Some(data),
            _ => None,
        })
    };
    let mut out = String::new();
    for piece in target {
        match piece {
            TargetPiece::Text(t) => out.push_str(t),
            TargetPiece::Code(id) => out.push_str(data(*id, None).ok_or(*id)?),
            TargetPiece::Open(id) => out.push_str(data(*id, Some(true)).ok_or(*id)?),
            TargetPiece::Close(id) => out.push_str(data(*id, Some(false)).ok_or(*id)?),
        }
    }
    Ok(out)
}
