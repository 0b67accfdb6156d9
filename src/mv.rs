//! `glossgen mv OLD NEW`: renames a concept in every file that names it. The entry files move, every
//! `related:` id and `@/OLD` link is rewritten (each file otherwise kept byte for byte), the old address keeps
//! working (the old id becomes an alias, whose redirect the site already writes), and translations that were
//! up to date stay stamped as up to date, since only the id changed.

use std::path::{Path, PathBuf};

use crate::content::Entry;
use crate::edits::{flow_list, scalar, set_key};
use crate::link::Glossary;
use crate::slug::{ConceptId, Slug};
use crate::translation::{self, Fingerprint, State};
use crate::types::LangPos;

/// What to rename.
#[derive(Debug, Clone)]
pub struct Move {
    /// The concept's id now.
    pub old: String,
    /// Its new id.
    pub new: String,
    /// A new title, for the entry of `lang` (the default language when every language moves); the old title
    /// becomes an alias so wiki links by it keep working.
    pub title: Option<String>,
    /// Only this language's entry moves (`None`: every language).
    pub lang: Option<String>,
}

/// The files a move changes: `(path relative to the site, text before, text after)`; `None` before for a
/// file it creates, `None` after for one it removes.
pub type Plan = Vec<(PathBuf, Option<String>, Option<String>)>;

/// Works out every change of `request`, or says why it cannot be done.
pub fn plan(
    root: &Path,
    config: &crate::config::SiteConfig,
    glossary: &Glossary,
    request: &Move,
) -> Result<Plan, String> {
    plan_reading(root, config, glossary, request, &|rel| std::fs::read_to_string(root.join(rel)))
}

/// [`plan`] with the files' texts from `read` (given a path relative to the site): the language server
/// passes the editor's unsaved buffers.
pub fn plan_reading(
    root: &Path,
    config: &crate::config::SiteConfig,
    glossary: &Glossary,
    request: &Move,
    read: &dyn Fn(&Path) -> std::io::Result<String>,
) -> Result<Plan, String> {
    let old = ConceptId::parse(&request.old).map_err(|e| format!("`{}` is not a concept id: {e}", request.old))?;
    let as_slug = Slug::from_text(&request.new).map(|s| s.to_string()).ok();
    let new = ConceptId::parse(&request.new)
        .ok()
        .filter(|_| as_slug.as_deref() == Some(request.new.as_str()))
        .ok_or_else(|| {
            let suggestion = as_slug.map(|s| format!("; did you mean `{s}`?")).unwrap_or_default();
            format!("`{}` is not a concept id (lowercase letters, digits and hyphens){suggestion}", request.new)
        })?;
    if old == new {
        return Err("the old and the new id are the same".to_string());
    }
    let positions: Vec<LangPos> = match &request.lang {
        Some(code) => {
            let pos = config
                .languages
                .iter()
                .position(|l| l.code.as_str() == code)
                .ok_or_else(|| format!("`{code}` is not a language of this site"))?;
            vec![LangPos::new(pos)]
        }
        None => LangPos::all(config.languages.len()).collect(),
    };
    let moving: Vec<(LangPos, usize)> =
        positions.iter().filter_map(|&p| glossary.lookup(p, &old).map(|i| (p, i.get()))).collect();
    if moving.is_empty() {
        return Err(format!(
            "there is no concept `{old}`{}",
            request.lang.as_ref().map(|l| format!(" in `{l}`")).unwrap_or_default()
        ));
    }
    for &pos in &positions {
        if glossary.lookup(pos, &new).is_some()
            || root.join("content").join(config.languages[pos].code.as_str()).join(format!("{new}.md")).exists()
        {
            return Err(format!("`{new}` already exists in `{}`: pick another id", config.languages[pos].code));
        }
    }
    let title_lang = request.lang.clone().unwrap_or_else(|| config.default_language().code.to_string());
    let mut changes: Vec<(PathBuf, String, String)> = Vec::new();
    // Every entry file of a language that moves: its references are rewritten.
    for &pos in &positions {
        for entry in glossary.in_language(pos) {
            let before = read(&entry.path).map_err(|e| format!("cannot read {}: {e}", entry.path.display()))?;
            let mut after = rewrite_references(&before, &old, &new);
            if entry.id == old {
                after = moved_entry(
                    &after,
                    entry,
                    &old,
                    request.title.as_deref().filter(|_| entry.lang.as_str() == title_lang),
                );
            }
            if after != before || entry.id == old {
                changes.push((entry.path.clone(), before, after));
            }
        }
    }
    // A new title is a change translators must see; only the id's own changes keep stamps valid.
    let retitled = request.title.as_ref().map(|_| title_lang.as_str());
    restamp(read, glossary, config, &mut changes, (&old, &new), retitled)?;
    let mut plan = Plan::new();
    for (path, before, after) in changes {
        let is_moved = path.file_stem().is_some_and(|s| s == old.as_str());
        if is_moved {
            plan.push((path.with_file_name(format!("{new}.md")), None, Some(after)));
            plan.push((path, Some(before), None));
        } else {
            plan.push((path, Some(before), Some(after)));
        }
    }
    Ok(plan)
}

/// The entry file's text with `related:` ids and `@/` links naming `old` naming `new` instead.
fn rewrite_references(text: &str, old: &ConceptId, new: &ConceptId) -> String {
    let Ok(split) = crate::content::front_matter::split(text) else { return text.to_string() };
    let head = &text[..text.len() - split.body.len()];
    let head = rewrite_related(head, old.as_str(), new.as_str());
    format!("{head}{}", rewrite_links(split.body, old.as_str(), new.as_str()))
}

/// `related:` in the front-matter (a flow list on its line or a block list below it).
fn rewrite_related(head: &str, old: &str, new: &str) -> String {
    let mut out = String::with_capacity(head.len());
    let mut in_related = false;
    for line in head.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let ending = &line[body.len()..];
        if let Some(value) = body.strip_prefix("related:") {
            in_related = value.trim().is_empty();
            if let (Some(open), Some(close)) = (value.find('['), value.rfind(']')) {
                let items: Vec<String> = value[open + 1..close]
                    .split(',')
                    .map(|item| {
                        let bare = item.trim().trim_matches(['"', '\'']);
                        if bare == old { item.replacen(bare, new, 1) } else { item.to_string() }
                    })
                    .collect();
                out.push_str(&format!(
                    "related:{}[{}]{}{ending}",
                    &value[..open],
                    items.join(","),
                    &value[close + 1..]
                ));
                continue;
            }
        } else if in_related && body.trim_start().starts_with('-') {
            let item = body.trim_start().trim_start_matches('-').trim();
            if item.trim_matches(['"', '\'']) == old {
                out.push_str(&body.replacen(item.trim_matches(['"', '\'']), new, 1));
                out.push_str(ending);
                continue;
            }
        } else if !body.starts_with([' ', '\t']) {
            in_related = false;
        }
        out.push_str(line);
    }
    out
}

/// `@/old`, `@/old.md` and `@/old#…` links in a body.
fn rewrite_links(body: &str, old: &str, new: &str) -> String {
    let needle = format!("@/{old}");
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(at) = rest.find(&needle) {
        let after = &rest[at + needle.len()..];
        // The id ends there: `@/old`, `@/old.md`, `@/old#…`, not `@/older` or `@/old.png`.
        let ends = after.is_empty() || after.starts_with(['#', ')', ' ', '"', '\'', '>', '\n']);
        let whole = ends || after.starts_with(".md");
        out.push_str(&rest[..at]);
        out.push_str(if whole { "@/" } else { &needle });
        if whole {
            out.push_str(new);
        }
        rest = after;
    }
    out.push_str(rest);
    out
}

/// The moved entry: its old id an alias (so its old address redirects, unless `slug:` keeps the address),
/// and with `title`, the new title, the old one an alias too.
fn moved_entry(text: &str, entry: &Entry, old: &ConceptId, title: Option<&str>) -> String {
    let mut aliases = entry.aliases.clone();
    let mut text = text.to_string();
    if let Some(title) = title.filter(|t| *t != entry.title) {
        text = set_key(&text, "title", &scalar(title)).unwrap_or(text);
        let key = crate::terms::loose_key(&entry.title);
        if !aliases.iter().any(|a| crate::terms::loose_key(a) == key) {
            aliases.push(entry.title.clone());
        }
    }
    // The address follows the id unless `slug:` sets it.
    let front = crate::content::front_matter::split(&text).map(|s| s.yaml.to_string()).unwrap_or_default();
    let explicit_slug = front.lines().any(|l| l.starts_with("slug:"));
    let address_moves = !explicit_slug
        && entry.slug.as_str() == Slug::from_text(old.as_str()).map(|s| s.to_string()).unwrap_or_default();
    let names_old = aliases.iter().any(|a| Slug::from_text(a).is_ok_and(|s| s == entry.slug));
    if address_moves && !names_old {
        aliases.push(old.to_string());
    }
    if aliases != entry.aliases {
        text = set_key(&text, "aliases", &flow_list(&aliases)).unwrap_or(text);
    }
    text
}

/// Translations that were up to date with their source stay so: if the move changed the source entry, they
/// are stamped with its new fingerprint (in the text the move writes, or in a new change).
fn restamp(
    read: &dyn Fn(&Path) -> std::io::Result<String>,
    glossary: &Glossary,
    config: &crate::config::SiteConfig,
    changes: &mut Vec<(PathBuf, String, String)>,
    (old, new): (&ConceptId, &ConceptId),
    retitled: Option<&str>,
) -> Result<(), String> {
    let source_pos = translation::source_position(config);
    for source in glossary.range(source_pos) {
        let entry = &glossary.entries[source];
        if entry.id == *old && retitled == Some(entry.lang.as_str()) {
            continue;
        }
        let Some(at) = changes.iter().position(|c| c.0 == entry.path) else { continue };
        let stem = if entry.id == *old { new.as_str() } else { entry.id.as_str() };
        let moved =
            crate::content::parse_entry(entry.path.clone(), &entry.lang, stem, &changes[at].2).map_err(|problems| {
                let listed: Vec<String> = problems.iter().map(ToString::to_string).collect();
                format!("the move would break {}:\n{}", entry.path.display(), listed.join("\n"))
            })?;
        let stamp = Fingerprint::of(&moved);
        if stamp == Fingerprint::of(entry) {
            continue;
        }
        for &translated in glossary.translations(source).iter().flatten().filter(|&&t| t != source) {
            if translation::state_of(glossary, source_pos, translated) != Some(State::UpToDate) {
                continue;
            }
            let path = &glossary.entries[translated].path;
            match changes.iter_mut().find(|c| c.0 == *path) {
                Some(change) => change.2 = translation::stamp_text(&change.2, stamp).unwrap_or(change.2.clone()),
                None => {
                    let before = read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
                    let after = translation::stamp_text(&before, stamp).unwrap_or(before.clone());
                    changes.push((path.clone(), before, after));
                }
            }
        }
    }
    Ok(())
}

/// The plan as a diff, for `--dry-run`: every changed line, with the file it is in.
pub fn diff(plan: &Plan) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < plan.len() {
        let (path, before, after) = &plan[i];
        let mut from = if before.is_some() { format!("a/{}", path.display()) } else { "/dev/null".to_string() };
        let to = if after.is_some() { format!("b/{}", path.display()) } else { "/dev/null".to_string() };
        let mut before = before.as_deref();
        // A moved file is planned as the new file, then the old one's removal: shown as one change.
        if let (None, Some((old_path, Some(old_text), None))) = (before, plan.get(i + 1)) {
            from = format!("a/{}", old_path.display());
            before = Some(old_text);
            i += 1;
        }
        i += 1;
        let (a, b) = (before.unwrap_or_default(), after.as_deref().unwrap_or_default());
        out.push_str(&format!("--- {from}\n+++ {to}\n"));
        let (old_lines, new_lines): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
        for line in line_diff(&old_lines, &new_lines) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

/// A line diff by longest common subsequence: `-` and `+` lines only.
fn line_diff(a: &[&str], b: &[&str]) -> Vec<String> {
    let (n, m) = (a.len(), b.len());
    if n * m > 4_000_000 {
        let mut all: Vec<String> = a.iter().map(|l| format!("-{l}")).collect();
        all.extend(b.iter().map(|l| format!("+{l}")));
        return all;
    }
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(format!("-{}", a[i]));
            i += 1;
        } else {
            out.push(format!("+{}", b[j]));
            j += 1;
        }
    }
    out
}

/// The paths of `plan` made absolute below `root`, as [`crate::edits::apply`] takes them.
pub fn changes(root: &Path, plan: &Plan) -> Vec<(PathBuf, Option<String>)> {
    plan.iter().map(|(path, _, after)| (root.join(path), after.clone())).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> ConceptId {
        ConceptId::parse(s).unwrap()
    }

    #[test]
    fn references_are_rewritten_and_nothing_else() {
        let text = "---\r\ntitle: A # note\r\nrelated: [overfit, overfitting, \"overfitting\"]\r\n---\r\nSee [x](@/overfitting.md#why), [y](@/overfitting), [z](@/overfitting-b.md) and @/overfittingness.\r\n";
        let out = rewrite_references(text, &id("overfitting"), &id("fitting-too-well"));
        assert_eq!(
            out,
            "---\r\ntitle: A # note\r\nrelated: [overfit, fitting-too-well, \"fitting-too-well\"]\r\n---\r\nSee [x](@/fitting-too-well.md#why), [y](@/fitting-too-well), [z](@/overfitting-b.md) and @/overfittingness.\r\n"
        );
        let block = "---\ntitle: A\nrelated:\n  - overfitting\n  - other\nslug: a\n---\nbody\n";
        assert_eq!(
            rewrite_references(block, &id("overfitting"), &id("new")),
            block.replace("  - overfitting", "  - new")
        );
    }

    #[test]
    fn a_line_diff_shows_what_changed() {
        assert_eq!(line_diff(&["a", "b", "c"], &["a", "B", "c", "d"]), ["-b", "+B", "+d"]);
    }
}
