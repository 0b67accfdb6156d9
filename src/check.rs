//! `glossgen check`: everything `build` would report, plus the glossary-specific findings that keep a few
//! hundred entries in two languages consistent, without writing any output.
//!
//! Each finding is a [`Diagnostic`] with a stable `code` (documented in the README) so CI can filter them:
//!
//! | code | severity | finding |
//! |---|---|---|
//! | (none) | error | anything that fails the build |
//! | `alias-ambiguous` | warning | one alias claimed by two concepts of a language |
//! | `alias-shadowed` | warning | an alias equal to another concept's title (the title wins) |
//! | `alias-no-address` | warning | an alias whose address is taken, so it gets no redirect |
//! | `missing-translation` | warning | a concept that has no entry in a language |
//! | `related-not-reciprocated` | off | A lists B as related, B does not list A (turned on under `[check]`) |
//! | `orphan` | warning | no entry links to this one |
//! | `duplicate-source` | warning | the same source URL twice in one entry |
//! | `long-summary` | warning | a summary over 200 characters |
//! | `broken-link` | error | a link or `#anchor` in the built site that leads nowhere |
//! | `near-duplicate-title` | warning | two titles that differ only in case, punctuation or one letter |
//! | `translation-outdated` | warning | the source entry changed since the translation was stamped |
//! | `translation-unstamped` | warning | a translation without `translated_from` |
//! | `moved-without-redirect` | warning | an address of the previous output's sitemap that the site no longer has |
//! | `translation-no-source` | warning | a translation whose concept has no entry in the source language |
//! | `tag-singleton` | warning | a tag only one entry of its language has |
//! | `tag-near-duplicate` | warning | a tag spelled differently (case, diacritics) by the entries that have it |
//! | `placeholder-text` | warning | the placeholder summary of `glossgen new`, or a section with nothing in it |
//! | `untranslated-link` | warning | a link or related entry to a concept the page's language lacks, which leads to a fallback language |
//! | `label-clash` | warning | an alias written like the title or like another alias of the entry |
//! | `deprecated-term` | warning | a body uses a deprecated or obsolete name of another concept |
//! | `stem-collision` | warning | two concepts' names with the same word stems, whose inflected forms cannot be told apart |
//! | `foreign-shortcode` | warning | a Hugo shortcode (`{{< … >}}`, `{{% … %}}`), which stays text |

use std::collections::HashMap;

use serde::Serialize;

use crate::diagnostics::Diagnostic;
use crate::link::Glossary;
use crate::render::groups::Groups;
use crate::terms::loose_key;
use crate::types::LangPos;
use crate::{BuildOptions, Prepared};

/// The longest summary that still reads as one line in listings.
pub const SUMMARY_LIMIT: usize = 200;

/// Every finding of a check.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    /// Findings, sorted by file and position.
    pub findings: Vec<Diagnostic>,
}

impl CheckReport {
    /// How many findings are errors.
    pub fn errors(&self) -> usize {
        self.findings.iter().filter(|d| d.is_error()).count()
    }

    /// How many findings are warnings.
    pub fn warnings(&self) -> usize {
        self.findings.len() - self.errors()
    }

    /// The exit code: 1 with errors (or, when `strict`, with warnings), else 0.
    pub fn exit_code(&self, strict: bool) -> u8 {
        u8::from(self.errors() > 0 || (strict && self.warnings() > 0))
    }

    /// The stable JSON form (documented in the README).
    pub fn to_json(&self) -> String {
        let findings: Vec<serde_json::Value> = self
            .findings
            .iter()
            .map(|d| {
                serde_json::json!({
                    "severity": d.severity,
                    "code": d.code.unwrap_or("build"),
                    "path": d.path.to_string_lossy().replace('\\', "/"),
                    "line": d.line,
                    "column": d.column,
                    "message": d.message,
                    "hint": d.hint,
                })
            })
            .collect();
        let json = serde_json::json!({
            "version": 1,
            "errors": self.errors(),
            "warnings": self.warnings(),
            "findings": findings,
        });
        serde_json::to_string_pretty(&json).unwrap_or_default()
    }
}

/// Checks a site.
pub fn check(options: &BuildOptions) -> CheckReport {
    let prepared = match crate::prepare(options, &crate::highlight::Highlighter::new()) {
        Ok(p) => p,
        Err(report) => {
            // The entries' own exceptions are unknown here; the site's settings still hold.
            let findings = match crate::config::SiteConfig::load(&options.root) {
                Ok(config) => config.checks.apply(report.diagnostics, |_| None),
                Err(_) => report.diagnostics,
            };
            return CheckReport { findings };
        }
    };
    let mut findings = prepared.warnings.clone();
    let sink = crate::output::MemorySink::default();
    match crate::write_site(&prepared, &options.root, &sink) {
        Ok(_) => {
            let config = &prepared.site.config;
            let files = sink.into_files();
            let previous = crate::build::output_dir(options, config).join("sitemap.xml");
            findings.extend(moved_without_redirect(&previous, &files, config));
            findings.extend(crate::linkcheck::check(&files, config.base.path(), &config.output_dir));
        }
        Err(mut problems) => findings.append(&mut problems),
    }
    findings.extend(glossary_findings(&prepared));
    let mut findings = as_configured(&prepared, findings);
    crate::diagnostics::sort(&mut findings);
    findings.dedup();
    CheckReport { findings }
}

/// `findings` as the site's `[check]` settings and its entries' `check_allow` want them.
pub fn as_configured(prepared: &Prepared, findings: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let allowed = crate::build::allowed_by_entry(&prepared.built.glossary);
    prepared.site.config.checks.apply(findings, |path| allowed.get(path).copied())
}

/// Addresses the previous output's sitemap lists that this build has no page or redirect for: a concept
/// renamed or removed without keeping its old address (`glossgen mv` keeps it).
fn moved_without_redirect(
    sitemap: &std::path::Path,
    files: &std::collections::HashMap<String, std::sync::Arc<[u8]>>,
    config: &crate::config::SiteConfig,
) -> Vec<Diagnostic> {
    let Ok(text) = std::fs::read_to_string(sitemap) else { return Vec::new() };
    let Ok(doc) = roxmltree::Document::parse(&text) else { return Vec::new() };
    let shown = std::path::Path::new(&config.output_dir).join("sitemap.xml");
    let base = config.base.as_str();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "loc")
        .filter_map(|n| n.text())
        .filter_map(|url| Some((url, url.strip_prefix(base)?)))
        .filter(|(_, path)| !files.contains_key(&crate::urls::output_file(path)))
        .map(|(url, _)| {
            Diagnostic::warning(&shown, format!("`{url}` was published, but this build has no page or redirect there"))
                .hint("a concept was renamed or removed: `glossgen mv OLD NEW` keeps old addresses; or add the old id as an alias of the entry that replaces it")
                .code("moved-without-redirect")
        })
        .collect()
}

/// The glossary-specific rules: those about names across the glossary and those about each entry.
pub fn glossary_findings(prepared: &Prepared) -> Vec<Diagnostic> {
    use rayon::prelude::*;
    let mut out = name_findings(prepared);
    out.extend(tag_findings(prepared));
    out.extend(crate::avoided::findings(&prepared.built.glossary));
    // The rules of one entry at a time, in parallel: on a large glossary they are most of the findings.
    let g = &prepared.built.glossary;
    let per_entry: Vec<Vec<Diagnostic>> =
        g.indices().into_par_iter().with_min_len(256).map(|index| entry_findings(prepared, index)).collect();
    out.extend(per_entry.into_iter().flatten());
    out
}

/// The rules that compare the names of every entry of a language: an alias equal to another's title or
/// without an address, titles that are nearly the same. They change only when titles or aliases do.
pub fn name_findings(prepared: &Prepared) -> Vec<Diagnostic> {
    let g = &prepared.built.glossary;
    let mut out = Vec::new();
    alias_findings(g, &prepared.built.groups, &mut out);
    near_duplicate_titles(g, &mut out);
    out
}

/// The rules about tags, which compare the entries of a tag: a tag only one entry carries, and a tag
/// spelled in more than one way (case, diacritics, punctuation) by the entries that carry it.
pub fn tag_findings(prepared: &Prepared) -> Vec<Diagnostic> {
    use crate::render::groups::GroupKind;
    let g = &prepared.built.glossary;
    let mut out = Vec::new();
    for group in prepared.built.groups.groups.iter().filter(|group| group.kind == GroupKind::Tag) {
        let tag_of =
            |e: crate::types::EntryIndex| g.entries[e].tags.iter().find(|t| Some(&t.slug) == group.slug.as_ref());
        if let [only] = group.entries[..]
            && let Some(tag) = tag_of(only)
        {
            out.push(
                Diagnostic::warning(&g.entries[only].path, format!("no other entry has the tag `{}`", tag.name))
                    .at_line(tag.line)
                    .hint("a tag groups entries: give it to the others it fits, or leave it out")
                    .code("tag-singleton"),
            );
        }
        for &e in &group.entries {
            if let Some(tag) = tag_of(e).filter(|t| t.name != group.name) {
                out.push(
                    Diagnostic::warning(
                        &g.entries[e].path,
                        format!("the tag `{}` is written `{}` elsewhere", tag.name, group.name),
                    )
                    .at_line(tag.line)
                    .hint(format!("write it `{}` everywhere", group.name))
                    .code("tag-near-duplicate"),
                );
            }
        }
    }
    out
}

/// The rules about one entry: `related` reciprocated, something links to it, no source twice, a short
/// summary, its concept's missing translations (reported by the first language that has it), and how it
/// stands as a translation. They read the entry, its `related` and theirs, its backlinks and the other
/// language versions of its concept, and nothing else (the language server relies on this).
pub fn entry_findings(prepared: &Prepared, index: crate::types::EntryIndex) -> Vec<Diagnostic> {
    let g = &prepared.built.glossary;
    let entry = &g.entries[index];
    let mut out = Vec::new();
    missing_translations(prepared, index, &mut out);
    freshness(prepared, index, &mut out);
    let skeleton = crate::scaffold::Skeleton::new(&prepared.site.strings, entry.lang.as_str(), &entry.title);
    for (line, what) in crate::scaffold::placeholders(entry, &skeleton) {
        out.push(
            Diagnostic::warning(&entry.path, what)
                .at_line(line)
                .hint("write it, or remove what stays empty")
                .code("placeholder-text"),
        );
    }
    for (line, what) in crate::termbase::label_clashes(entry) {
        let hint = "remove it: a name is written once per concept and language";
        out.push(Diagnostic::warning(&entry.path, what).at_line(line).hint(hint).code("label-clash"));
    }
    // A related entry in another language (the concept is not translated yet) cannot list this one back:
    // `untranslated-link` reports it instead.
    for &r in g.related[index].iter().filter(|&&r| g.lang_pos(r) == g.lang_pos(index)) {
        if !g.related[r].contains(&index) {
            let line = entry.related.iter().find(|l| l.value == g.entries[r].id).map_or(1, |l| l.line);
            out.push(
                Diagnostic::warning(
                    &entry.path,
                    format!("`{}` lists `{}` as related, but not the other way round", entry.id, g.entries[r].id),
                )
                .at_line(line)
                .hint(format!("add `{}` to `related` in {}", entry.id, g.entries[r].path.display()))
                .code("related-not-reciprocated"),
            );
        }
    }
    if prepared.built.backlinks.of(index).is_empty() {
        out.push(
            Diagnostic::warning(&entry.path, format!("nothing links to `{}`", entry.id))
                .at_line(entry.lines.title)
                .hint("mention it in another entry or list it under `related`")
                .code("orphan"),
        );
    }
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, source) in entry.sources.iter().enumerate() {
        let line = entry.lines.sources.get(i).copied().unwrap_or(1);
        if let Some(first) = seen.insert(source.url.as_str(), line) {
            out.push(
                Diagnostic::warning(
                    &entry.path,
                    format!("source URL `{}` is listed twice (first on line {first})", source.url),
                )
                .at_line(line)
                .hint("keep one of them")
                .code("duplicate-source"),
            );
        }
    }
    let length = entry.summary.chars().count();
    if length > SUMMARY_LIMIT {
        out.push(
            Diagnostic::warning(
                &entry.path,
                format!("the summary has {length} characters (at most {SUMMARY_LIMIT} read well in listings)"),
            )
            .at_line(entry.lines.summary)
            .hint("keep the summary to one short sentence; details belong in the body")
            .code("long-summary"),
        );
    }
    out
}

fn alias_findings(g: &Glossary, groups: &Groups, out: &mut Vec<Diagnostic>) {
    for pos in LangPos::all(g.languages.len()) {
        let mut titles: HashMap<String, crate::types::EntryIndex> = HashMap::new();
        for index in g.range(pos) {
            titles.insert(loose_key(&g.entries[index].title), index);
        }
        for index in g.range(pos) {
            let entry = &g.entries[index];
            for (i, alias) in entry.aliases.iter().enumerate() {
                let line = entry.lines.aliases.get(i).copied().unwrap_or(entry.lines.title);
                let key = loose_key(alias);
                if let Some(&other) = titles.get(&key).filter(|&&o| o != index) {
                    out.push(
                        Diagnostic::warning(
                            &entry.path,
                            format!("alias `{alias}` is the title of `{}`", g.entries[other].id),
                        )
                        .at_line(line)
                        .hint("links and look-ups by this name go to that concept; remove or change the alias")
                        .code("alias-shadowed"),
                    );
                }
            }
        }
    }
    for pos in LangPos::all(g.languages.len()) {
        for collision in g.terms.stem_collisions(pos) {
            let ((name, index), (other_name, other)) = (&collision.name, &collision.other);
            let (index, other) = (*index, *other);
            let entry = &g.entries[index];
            let written = |e: &crate::content::Entry, folded: &str| {
                let names = std::iter::once(&e.title).chain(&e.aliases);
                names.enumerate().find(|(_, n)| crate::terms::fold(n) == folded).map(|(i, n)| (i, n.clone()))
            };
            let (i, shown) = written(entry, name).unwrap_or((0, name.to_string()));
            let line = if i == 0 { entry.lines.title } else { entry.lines.aliases.get(i - 1).copied().unwrap_or(1) };
            let other_shown = written(&g.entries[other], other_name).map_or(other_name.to_string(), |(_, n)| n);
            out.push(
                Diagnostic::warning(
                    &entry.path,
                    format!(
                        "`{shown}` has the same word stems as `{other_shown}` of `{}`: their inflected forms \
                         cannot tell the two apart",
                        g.entries[other].id
                    ),
                )
                .at_line(line)
                .hint("mentions written exactly still link; rename one, or link other forms by hand with [[…]]")
                .code("stem-collision"),
            );
        }
    }
    for clash in &groups.alias_clashes {
        let entry = &g.entries[clash.entry];
        let i = entry.aliases.iter().position(|a| **a == *clash.alias).unwrap_or(0);
        let line = entry.lines.aliases.get(i).copied().unwrap_or(entry.lines.title);
        let by = match clash.taken_by {
            Some(other) => format!("the address of `{}`", g.entries[other].id),
            None => "an address the site uses for its own pages".to_string(),
        };
        out.push(
            Diagnostic::warning(&entry.path, format!("alias `{}` gets no redirect: its address is {by}", clash.alias))
                .at_line(line)
                .hint("readers can still find it through search and the page itself")
                .code("alias-no-address"),
        );
    }
}

fn missing_translations(prepared: &Prepared, index: crate::types::EntryIndex, out: &mut Vec<Diagnostic>) {
    let g = &prepared.built.glossary;
    let config = &prepared.site.config;
    let entry = &g.entries[index];
    let versions = g.translations(index);
    // Report each missing translation once, from the first language that has the concept.
    if versions.iter().position(Option::is_some).map(LangPos::new) != Some(g.lang_pos(index)) {
        return;
    }
    for (pos, translation) in versions.iter().enumerate() {
        if translation.is_none() {
            let lang = &config.languages[pos].code;
            out.push(
                Diagnostic::warning(&entry.path, format!("`{}` has no entry in `{lang}`", entry.id))
                    .hint(format!("create content/{lang}/{}.md (glossgen new {} --lang {lang})", entry.id, entry.id))
                    .code("missing-translation"),
            );
        }
    }
}

/// Translations that are outdated, unstamped, or have no source entry.
fn freshness(prepared: &Prepared, index: crate::types::EntryIndex, out: &mut Vec<Diagnostic>) {
    use crate::translation::{State, source_position, state_of};
    let g = &prepared.built.glossary;
    let source_pos = source_position(&prepared.site.config);
    let source_lang = &prepared.site.config.languages[source_pos].code;
    let entry = &g.entries[index];
    let (code, message, hint) = match state_of(g, source_pos, index) {
        Some(State::Outdated { changed }) => (
            "translation-outdated",
            format!(
                "the {source_lang} entry changed since this translation was stamped ({} changed)",
                changed.join(", ")
            ),
            format!("review the translation, then run `glossgen translations --stamp {}`", entry.id),
        ),
        Some(State::Unstamped) => (
            "translation-unstamped",
            "this translation does not record which version of the source it follows".to_string(),
            format!("once it matches the source, run `glossgen translations --stamp {}`", entry.id),
        ),
        Some(State::NoSource) => (
            "translation-no-source",
            format!("there is no {source_lang} entry for `{}` to translate from", entry.id),
            format!("create content/{source_lang}/{}.md", entry.id),
        ),
        _ => return,
    };
    out.push(Diagnostic::warning(&entry.path, message).at_line(entry.lines.title).hint(hint).code(code));
}

/// Titles of one language that differ only in case, punctuation or spacing, or by one letter.
fn near_duplicate_titles(g: &Glossary, out: &mut Vec<Diagnostic>) {
    let squash = |t: &str| loose_key(t).chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    for pos in LangPos::all(g.languages.len()) {
        let range = g.range(pos);
        let mut keyed: Vec<(String, crate::types::EntryIndex)> =
            range.map(|i| (squash(&g.entries[i].title), i)).collect();
        keyed.sort();
        for pair in keyed.windows(2) {
            let ((a, ia), (b, ib)) = (&pair[0], &pair[1]);
            let close = a == b || (a.chars().count() >= 6 && strsim::levenshtein(a, b) <= 1);
            if close {
                let (first, second) = (&g.entries[*ia], &g.entries[*ib]);
                out.push(
                    Diagnostic::warning(
                        &second.path,
                        format!("the title `{}` is nearly the same as `{}` ({})", second.title, first.title, first.id),
                    )
                    .at_line(second.lines.title)
                    .hint("merge the two entries, or make the titles tell them apart")
                    .code("near-duplicate-title"),
                );
            }
        }
    }
}

/// The one-line summary of a text report.
pub fn summary_line(report: &CheckReport) -> String {
    let e = report.errors();
    let w = report.warnings();
    format!("{e} error{}, {w} warning{}", if e == 1 { "" } else { "s" }, if w == 1 { "" } else { "s" })
}
