//! Changes the editor applies: rename (the workspace edit of `glossgen mv`, planned by [`crate::mv`] from
//! the editor's buffers, so both write the same files), the rename of an entry file in the editor's file
//! tree, and code actions: create a missing translation (what `glossgen new --lang` writes), add a linked
//! concept to `related`, and stamp an outdated translation.

use std::path::{Path, PathBuf};

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CreateFile, DeleteFile, DocumentChangeOperation,
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, PrepareRenameResponse, Range, RenameFile,
    RenameFilesParams, RenameParams, ResourceOp, TextDocumentEdit, TextDocumentPositionParams, TextEdit, WorkspaceEdit,
};

use super::answers::spot;
use super::cursor::Reference;
use super::{Server, text};
use crate::mv::{Move, Plan};

/// The id a rename at this position renames: the id under the cursor, or the document's own concept.
fn id_to_rename(server: &Server<'_>, at: &TextDocumentPositionParams) -> Option<(String, Option<Range>)> {
    let spot = spot(server, at)?;
    let glossary = server.glossary();
    if let Some((Reference::Id(id), span)) = &spot.reference {
        let start = span.0 + if spot.doc.text[span.0..].starts_with("@/") { 2 } else { 0 };
        let r = Range {
            start: text::position(&spot.doc.text, start, server.encoding),
            end: text::position(&spot.doc.text, start + id.len(), server.encoding),
        };
        return Some((id.clone(), Some(r)));
    }
    let own = glossary.entries[spot.doc.entry?].id.to_string();
    Some((own, None))
}

pub(super) fn prepare_rename(server: &mut Server<'_>, at: TextDocumentPositionParams) -> Option<PrepareRenameResponse> {
    let (id, range) = id_to_rename(server, &at)?;
    let range = range.unwrap_or(Range { start: at.position, end: at.position });
    Some(PrepareRenameResponse::RangeWithPlaceholder { range, placeholder: id })
}

/// The rename as `glossgen mv OLD NEW` would do it, in every language.
pub(super) fn rename(server: &mut Server<'_>, params: RenameParams) -> Result<Option<WorkspaceEdit>, String> {
    let at = &params.text_document_position;
    let Some((old, _)) = id_to_rename(server, at) else { return Ok(None) };
    let request = Move { old, new: params.new_name.trim().to_string(), title: None, lang: None };
    let plan = plan(server, &request)?;
    Ok(Some(workspace_edit(server, &plan, false)))
}

/// An entry file renamed in the editor's file tree: the rest of `glossgen mv --lang` for that language
/// (references, alias for the old address, stamps); the editor moves the file itself.
pub(super) fn will_rename(server: &mut Server<'_>, params: RenameFilesParams) -> Result<Option<WorkspaceEdit>, String> {
    let mut all = Plan::new();
    for file in &params.files {
        let (Some(from), Some(to)) = (uri_path(&file.old_uri), uri_path(&file.new_uri)) else { continue };
        let (Some(old), Some(new)) = (entry_of(server.root(), &from), entry_of(server.root(), &to)) else { continue };
        if old.0 != new.0 || old.1 == new.1 {
            continue;
        }
        let request = Move { old: old.1, new: new.1, title: None, lang: Some(old.0) };
        all.extend(plan(server, &request)?);
    }
    Ok((!all.is_empty()).then(|| workspace_edit(server, &all, true)))
}

fn uri_path(uri: &str) -> Option<PathBuf> {
    text::path_of(&uri.parse().ok()?)
}

/// `(language, id)` of a path `content/<lang>/<id>.md` below `root`.
fn entry_of(root: &Path, path: &Path) -> Option<(String, String)> {
    let parent = path.parent()?.canonicalize().ok()?;
    let rel = parent.strip_prefix(root).ok()?;
    let mut parts = rel.components();
    if parts.next()?.as_os_str() != "content" {
        return None;
    }
    let lang = parts.next()?.as_os_str().to_str()?.to_string();
    let id = path.file_stem()?.to_str()?.to_string();
    (parts.next().is_none() && path.extension()? == "md").then_some((lang, id))
}

fn plan(server: &Server<'_>, request: &Move) -> Result<Plan, String> {
    let prepared = server.prepared().ok_or("the site is still being indexed")?;
    let root = server.root();
    let read = |rel: &Path| {
        server.text_of(&root.join(rel)).ok_or_else(|| std::io::Error::new(std::io::ErrorKind::NotFound, "not found"))
    };
    crate::mv::plan_reading(root, &prepared.site.config, &prepared.built.glossary, request, &read)
}

/// One edit that turns `before` into `after`: the differing middle, after the common start and end.
fn text_edit(before: &str, after: &str, encoding: text::Encoding) -> TextEdit {
    let mut start = before.bytes().zip(after.bytes()).take_while(|(a, b)| a == b).count();
    while !before.is_char_boundary(start) || !after.is_char_boundary(start) {
        start -= 1;
    }
    let limit = before.len().min(after.len()) - start;
    let mut common_end = before.bytes().rev().zip(after.bytes().rev()).take(limit).take_while(|(a, b)| a == b).count();
    while !before.is_char_boundary(before.len() - common_end) || !after.is_char_boundary(after.len() - common_end) {
        common_end -= 1;
    }
    let range = Range {
        start: text::position(before, start, encoding),
        end: text::position(before, before.len() - common_end, encoding),
    };
    TextEdit { range, new_text: after[start..after.len() - common_end].to_string() }
}

/// A [`Plan`] as a workspace edit: moved files are renamed, then edited; created files are created, then
/// filled. With `files_move_themselves` (the editor is renaming them), a move is an edit of the old file.
fn workspace_edit(server: &Server<'_>, plan: &Plan, files_move_themselves: bool) -> WorkspaceEdit {
    let root = server.root();
    let uri = |rel: &Path| text::uri_of(&root.join(rel));
    let edit_of = |uri: lsp_types::Uri, before: &str, after: &str| {
        DocumentChangeOperation::Edit(TextDocumentEdit {
            text_document: OptionalVersionedTextDocumentIdentifier { uri, version: None },
            edits: vec![OneOf::Left(text_edit(before, after, server.encoding))],
        })
    };
    let mut ops = Vec::new();
    let mut i = 0;
    while i < plan.len() {
        let (path, before, after) = &plan[i];
        i += 1;
        let (Some(target), after) = (uri(path), after.as_deref()) else { continue };
        match (before.as_deref(), after, plan.get(i)) {
            (None, Some(after), Some((old_path, Some(old_text), None))) => {
                i += 1;
                let Some(old) = uri(old_path) else { continue };
                if files_move_themselves {
                    ops.push(edit_of(old, old_text, after));
                } else {
                    let rename =
                        RenameFile { old_uri: old, new_uri: target.clone(), options: None, annotation_id: None };
                    ops.push(DocumentChangeOperation::Op(ResourceOp::Rename(rename)));
                    ops.push(edit_of(target, old_text, after));
                }
            }
            (None, Some(after), _) => {
                let create = CreateFile { uri: target.clone(), options: None, annotation_id: None };
                ops.push(DocumentChangeOperation::Op(ResourceOp::Create(create)));
                ops.push(edit_of(target, "", after));
            }
            (Some(before), Some(after), _) => ops.push(edit_of(target, before, after)),
            (Some(_), None, _) => {
                let delete = DeleteFile { uri: target, options: None };
                ops.push(DocumentChangeOperation::Op(ResourceOp::Delete(delete)));
            }
            (None, None, _) => {}
        }
    }
    WorkspaceEdit { document_changes: Some(DocumentChanges::Operations(ops)), ..WorkspaceEdit::default() }
}

fn action(title: String, kind: CodeActionKind, edit: WorkspaceEdit) -> CodeActionOrCommand {
    CodeActionOrCommand::CodeAction(CodeAction { title, kind: Some(kind), edit: Some(edit), ..CodeAction::default() })
}

/// The code actions at the cursor.
pub(super) fn code_actions(server: &mut Server<'_>, params: CodeActionParams) -> Option<Vec<CodeActionOrCommand>> {
    let at = TextDocumentPositionParams { text_document: params.text_document.clone(), position: params.range.start };
    let spot = spot(server, &at)?;
    let prepared = server.prepared()?;
    let glossary = &prepared.built.glossary;
    let config = &prepared.site.config;
    let mut actions = Vec::new();
    let Some(own) = spot.doc.entry else { return Some(actions) };
    let entry = &glossary.entries[own];
    // Create the missing translation, as `glossgen new --lang` writes it.
    for (pos, version) in glossary.versions(&entry.id).iter().enumerate() {
        if version.is_some() {
            continue;
        }
        let lang = glossary.languages[pos].as_str();
        let rel = PathBuf::from("content").join(lang).join(format!("{}.md", entry.id));
        let week = crate::week::IsoWeek::containing(time::OffsetDateTime::now_utc().date());
        let parts = crate::scaffold::Skeleton::new(&prepared.site.strings, lang, &entry.title);
        let skeleton =
            crate::scaffold::entry_text(&parts, &entry.title, entry.category.as_deref(), entry.difficulty, week);
        let plan = vec![(rel, None, Some(skeleton))];
        let name = config.language(lang).map_or(lang.to_string(), |l| l.name.clone());
        actions.push(action(
            format!("Create the missing translation in {name} ({lang})"),
            CodeActionKind::QUICKFIX,
            workspace_edit(server, &plan, false),
        ));
    }
    // Add the concept under the cursor to `related`.
    if let Some(target) = spot.target.filter(|&t| t != own) {
        let id = glossary.entries[target].id.to_string();
        if !entry.related.iter().any(|r| r.value.as_str() == id) {
            let mut list: Vec<String> = entry.related.iter().map(|r| r.value.to_string()).collect();
            list.push(id.clone());
            if let Some(after) = crate::edits::set_key(&spot.doc.text, "related", &crate::edits::flow_list(&list)) {
                let plan = vec![(spot.doc.rel.clone(), Some(spot.doc.text.clone()), Some(after))];
                actions.push(action(
                    format!("Add `{id}` to related"),
                    CodeActionKind::REFACTOR,
                    workspace_edit(server, &plan, false),
                ));
            }
        }
    }
    // Stamp a translation that is outdated or unstamped.
    let source_pos = crate::translation::source_position(config);
    if let Some(state @ (crate::translation::State::Outdated { .. } | crate::translation::State::Unstamped)) =
        crate::translation::state_of(glossary, source_pos, own)
        && let Some(source) = glossary.lookup(source_pos, &entry.id)
    {
        let stamp = crate::translation::Fingerprint::of(&glossary.entries[source]);
        if let Some(after) = crate::translation::stamp_text(&spot.doc.text, stamp) {
            let plan = vec![(spot.doc.rel.clone(), Some(spot.doc.text.clone()), Some(after))];
            actions.push(action(
                format!("Stamp translation as up to date with the source ({})", state.name()),
                CodeActionKind::QUICKFIX,
                workspace_edit(server, &plan, false),
            ));
        }
    }
    Some(actions)
}
