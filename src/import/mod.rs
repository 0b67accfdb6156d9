//! `glossgen import FORMAT SOURCE`: entries made from a termbase someone else keeps, TBX ([`tbx`]) or a
//! CSV/TSV table ([`table`]). Each reader turns its file into [`Concept`]s; this module turns those into
//! entry files (title, aliases with their status, summary, category, sources, related, and a body of the
//! language's section headings for the author to fill in), checks every file as a build would, and writes
//! all of them or none.

pub mod site;
pub mod table;
pub mod tbx;

use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::content::aliases::Status;
use crate::edits::{flow_list, scalar};
use crate::slug::ConceptId;

/// A concept as a termbase has it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Concept {
    /// The id, when the termbase gives one (a TBX `conceptEntry@id`); else one is made from a title.
    pub id: Option<String>,
    /// Its entry in each language.
    pub entries: Vec<Entry>,
    /// Ids of related concepts.
    pub related: Vec<String>,
}

/// A concept in one language.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Entry {
    /// The language code.
    pub lang: String,
    /// The preferred name.
    pub title: String,
    /// The other names: name, status, note.
    pub aliases: Vec<(String, Status, Option<String>)>,
    /// The definition.
    pub summary: String,
    /// The subject field.
    pub category: Option<String>,
    /// Sources: title and address.
    pub sources: Vec<(String, String)>,
    /// Tags.
    pub tags: Vec<String>,
    /// ISO week (`2026-W17`).
    pub week: Option<String>,
    /// Date of the last revision (`YYYY-MM-DD`).
    pub updated: Option<String>,
    /// The body, when the source has one (a page of another site); else the language's section headings.
    pub body: Option<String>,
}

/// What `glossgen import` was asked for.
#[derive(Debug, Clone, Default)]
pub struct Request {
    /// `tbx`, `csv`, `tsv`, `hugo` or `zola`.
    pub format: String,
    /// For `hugo` and `zola`: the part of `content/` and the extra key mapping.
    pub site: site::Options,
    /// The file to read.
    pub source: PathBuf,
    /// Only these languages (all the site has when empty).
    pub languages: Vec<String>,
    /// Print what would be written, write nothing.
    pub dry_run: bool,
    /// Update the front-matter of entries that exist (the body stays); without it they are left alone.
    pub update: bool,
}

/// What an import did (or would do), for the summary it prints.
#[derive(Debug, Default)]
pub struct Outcome {
    /// Files created, by language.
    pub created: std::collections::BTreeMap<String, usize>,
    /// Files whose front-matter was updated.
    pub updated: usize,
    /// Entries that exist and were left alone.
    pub kept: usize,
    /// What the reader could not carry over, with counts.
    pub dropped: std::collections::BTreeMap<String, usize>,
    /// Constructs a person has to look at: `path:line: what and why`.
    pub left: Vec<String>,
    /// The files and their new texts.
    pub files: Vec<(PathBuf, String)>,
}

/// The largest file an import reads.
const MAX_BYTES: u64 = 256 * 1024 * 1024;

/// Reads the source, makes the entry files and checks them; writes nothing.
pub fn plan(root: &Path, config: &SiteConfig, request: &Request) -> Result<Outcome, Vec<String>> {
    let outcome_source = &request.source;
    if !outcome_source.is_dir() {
        let size =
            std::fs::metadata(outcome_source).map_err(|e| vec![format!("{}: {e}", outcome_source.display())])?.len();
        if size > MAX_BYTES {
            return Err(vec![format!("{}: larger than {} MB", outcome_source.display(), MAX_BYTES >> 20)]);
        }
    }
    let mut outcome = Outcome::default();
    let format = request.format.to_ascii_lowercase();
    let kind = match format.as_str() {
        "hugo" => Some(site::Kind::Hugo),
        "zola" => Some(site::Kind::Zola),
        _ => None,
    };
    let concepts = if let Some(kind) = kind {
        site::read(&request.source, kind, &request.site, config, &mut outcome.dropped, &mut outcome.left)
    } else {
        let text =
            std::fs::read_to_string(&request.source).map_err(|e| vec![format!("{}: {e}", request.source.display())])?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        match format.as_str() {
            "tbx" => tbx::read(text, config, &mut outcome.dropped),
            "csv" => table::read(text, b',', &mut outcome.dropped),
            "tsv" => table::read(text, b'\t', &mut outcome.dropped),
            other => {
                let known = "glossgen imports tbx, csv, tsv, hugo and zola";
                return Err(vec![format!("`{other}` is not an import format; {known}")]);
            }
        }
    }
    .map_err(|e| vec![format!("{}: {e}", request.source.display())])?;
    let wanted = |lang: &str| {
        config.language(lang).is_some() && (request.languages.is_empty() || request.languages.iter().any(|l| l == lang))
    };
    let strings = crate::i18n::Strings::load_lenient(root, config);
    let mut problems = Vec::new();
    let mut taken: std::collections::HashSet<String> = std::collections::HashSet::new();
    for concept in concepts {
        let id = match concept_id(&concept, config) {
            Some(id) => id,
            None => {
                *outcome.dropped.entry("concepts without a usable id or title".into()).or_default() += 1;
                continue;
            }
        };
        if !taken.insert(id.to_string()) {
            problems.push(format!("two concepts would both be `{id}`: give them ids of their own"));
            continue;
        }
        for entry in &concept.entries {
            if !wanted(&entry.lang) {
                *outcome
                    .dropped
                    .entry(format!("entries in `{}` (not a language of this site or not asked for)", entry.lang))
                    .or_default() += 1;
                continue;
            }
            let rel = PathBuf::from("content").join(&entry.lang).join(format!("{id}.md"));
            let path = root.join(&rel);
            let text = match std::fs::read_to_string(&path) {
                Ok(existing) if request.update => {
                    outcome.updated += 1;
                    updated(&existing, entry, &concept.related)
                }
                Ok(_) => {
                    outcome.kept += 1;
                    continue;
                }
                Err(_) => {
                    *outcome.created.entry(entry.lang.clone()).or_default() += 1;
                    new_file(&strings, entry, &concept.related)
                }
            };
            let Some(lang) = crate::config::LangCode::parse(&entry.lang) else { continue };
            if let Err(found) = crate::content::parse_entry(rel.clone(), &lang, id.as_str(), &text) {
                problems.extend(found.iter().map(|d| format!("{d}")));
            }
            outcome.files.push((path, text));
        }
    }
    if problems.is_empty() { Ok(outcome) } else { Err(problems) }
}

/// The id of an imported concept: its own if it is a usable id, else made from its title in the default
/// language (or the first it has).
fn concept_id(concept: &Concept, config: &SiteConfig) -> Option<ConceptId> {
    if let Some(id) = concept.id.as_deref().and_then(|id| crate::slug::Slug::from_text(id).ok()) {
        return ConceptId::parse(id.as_str()).ok();
    }
    let default = config.default_language().code.as_str();
    let entry = concept.entries.iter().find(|e| e.lang == default).or(concept.entries.first())?;
    let slug = crate::slug::Slug::from_text(&entry.title).ok()?;
    ConceptId::parse(slug.as_str()).ok()
}

/// The `aliases:` value: a flow list, with `{name, status, note}` for names that carry more than a name.
fn aliases_value(aliases: &[(String, Status, Option<String>)]) -> String {
    if aliases.iter().all(|(_, s, n)| *s == Status::Admitted && n.is_none()) {
        return flow_list(&aliases.iter().map(|(a, _, _)| a.clone()).collect::<Vec<_>>());
    }
    let items: Vec<String> = aliases
        .iter()
        .map(|(name, status, note)| {
            let quoted = |t: &str| serde_json::to_string(t).unwrap_or_default();
            match (status, note) {
                (Status::Admitted, None) => quoted(name),
                (_, None) => format!("{{name: {}, status: {}}}", quoted(name), status.key()),
                (_, Some(note)) => {
                    format!("{{name: {}, status: {}, note: {}}}", quoted(name), status.key(), quoted(note))
                }
            }
        })
        .collect();
    format!("[{}]", items.join(", "))
}

/// The `sources:` value as it follows the key: ` []`, or a block list on the lines below.
fn sources_value(sources: &[(String, String)]) -> String {
    if sources.is_empty() {
        return " []".to_string();
    }
    let mut out = String::new();
    for (title, url) in sources {
        out.push_str(&format!(
            "\n  - title: {}\n    url: {}",
            serde_json::to_string(title).unwrap_or_default(),
            scalar(url)
        ));
    }
    out
}

/// A new entry file: the front-matter the termbase gives, and the language's section headings.
fn new_file(strings: &crate::i18n::Strings, entry: &Entry, related: &[String]) -> String {
    let skeleton = crate::scaffold::Skeleton::new(strings, &entry.lang, &entry.title);
    let summary = if entry.summary.trim().is_empty() { skeleton.summary.clone() } else { entry.summary.clone() };
    let mut text = format!("---\ntitle: {}\nsummary: {}\n", scalar(&entry.title), scalar(&summary));
    text.push_str(&format!("aliases: {}\n", aliases_value(&entry.aliases)));
    if let Some(week) = &entry.week {
        text.push_str(&format!("week: {week}\n"));
    }
    if let Some(category) = &entry.category {
        text.push_str(&format!("category: {}\n", scalar(category)));
    }
    if !entry.tags.is_empty() {
        text.push_str(&format!("tags: {}\n", flow_list(&entry.tags)));
    }
    text.push_str(&format!("sources:{}\n", sources_value(&entry.sources)));
    text.push_str(&format!("related: {}\n", flow_list(related)));
    if let Some(updated) = &entry.updated {
        text.push_str(&format!("updated: {updated}\n"));
    }
    text.push_str("---\n");
    match &entry.body {
        Some(body) => {
            text.push('\n');
            text.push_str(body.trim_start_matches(['\n', '\r']));
            if !text.ends_with('\n') {
                text.push('\n');
            }
        }
        None => skeleton.headings.iter().for_each(|heading| text.push_str(&format!("\n## {heading}\n"))),
    }
    text
}

/// An existing entry file with the front-matter fields the termbase carries replaced; the body stays.
fn updated(existing: &str, entry: &Entry, related: &[String]) -> String {
    let mut text = existing.to_string();
    let mut set = |key: &str, value: String| {
        if let Some(next) = crate::edits::set_key(&text, key, &value) {
            text = next;
        }
    };
    set("title", scalar(&entry.title));
    if !entry.summary.trim().is_empty() {
        set("summary", scalar(&entry.summary));
    }
    if !entry.aliases.is_empty() {
        set("aliases", aliases_value(&entry.aliases));
    }
    if let Some(category) = &entry.category {
        set("category", scalar(category));
    }
    if !entry.sources.is_empty() {
        // `set_key` writes `key: value`: the block list starts on the next line.
        set("sources", sources_value(&entry.sources).trim_start().to_string());
    }
    if !related.is_empty() {
        set("related", flow_list(related));
    }
    text
}

/// Runs `glossgen import`: 0 when it wrote (or, with `--dry-run`, would write) the files, 1 when the
/// source or the entries it makes have problems, in which case nothing is written.
pub fn run(root: &Path, request: &Request) -> u8 {
    let config = match SiteConfig::load(root) {
        Ok(config) => config,
        Err(problems) => {
            problems.iter().for_each(|p| eprintln!("{p}"));
            return 1;
        }
    };
    if let Some(unknown) = request.languages.iter().find(|l| config.language(l).is_none()) {
        eprintln!("error: --lang {unknown}: the site has no such language");
        return 2;
    }
    let outcome = match plan(root, &config, request) {
        Ok(outcome) => outcome,
        Err(problems) => {
            problems.iter().for_each(|p| eprintln!("error: {p}"));
            eprintln!("Nothing was imported.");
            return 1;
        }
    };
    if request.dry_run {
        for (path, text) in &outcome.files {
            println!("would write {}:\n{text}", crate::diagnostics::relative(root, path).display());
        }
    } else {
        // What the files hold now, to put back if the site does not build with the new ones.
        let before: Vec<(PathBuf, Option<String>)> =
            outcome.files.iter().map(|(p, _)| (p.clone(), std::fs::read_to_string(p).ok())).collect();
        if let Err(e) = crate::edits::write_all(&outcome.files) {
            eprintln!("error: {e}");
            return 1;
        }
        let options = crate::BuildOptions { root: root.to_path_buf(), without_search: true, ..Default::default() };
        if let Err(report) = crate::prepare(&options, &crate::highlight::Highlighter::new()) {
            let _ = crate::edits::apply(&before);
            // Folders the import made for its files go too, when nothing else is in them.
            for (path, _) in before.iter().filter(|(_, old)| old.is_none()) {
                if let Some(dir) = path.parent() {
                    let _ = std::fs::remove_dir(dir);
                }
            }
            eprintln!("{report}");
            eprintln!("The imported entries would not build; every file was put back as it was. Nothing was imported.");
            return 1;
        }
    }
    let created: Vec<String> = outcome.created.iter().map(|(lang, n)| format!("{n} {lang}")).collect();
    let verb = if request.dry_run { "Would import" } else { "Imported" };
    println!(
        "{verb}: {} entries created ({}), {} updated, {} existing left alone{}.",
        outcome.created.values().sum::<usize>(),
        if created.is_empty() { "none".to_string() } else { created.join(", ") },
        outcome.updated,
        outcome.kept,
        if outcome.kept > 0 && !request.update { " (--update changes their front-matter)" } else { "" }
    );
    for (what, n) in &outcome.dropped {
        println!("  left out: {n} {what}");
    }
    for line in &outcome.left {
        println!("  for a person: {line}");
    }
    0
}
