//! Links to concepts in summaries: the load stage leaves marks where their addresses go
//! ([`crate::content::summary`]); once every entry is known, the link stage fills them in, the same way body
//! links resolve (the page's language, else a fallback language, which then shows a badge).

use std::sync::Arc;

use super::{Glossary, Target, untranslated_link};
use crate::config::SiteConfig;
use crate::content::Entry;
use crate::content::summary::{SummaryLink, address_mark, badge_mark};
use crate::diagnostics::Diagnostic;
use crate::slug::ConceptId;
use crate::terms::Resolution;
use crate::types::EntryIndex;

impl Glossary {
    /// Resolves the links in every summary that has some (few do), replacing each entry whose summary HTML
    /// comes out differently. Returns those entries and the problems found. Called after linking and after
    /// every update, since a link reads other entries' ids, addresses and names.
    pub(super) fn resolve_summaries(&mut self, config: &SiteConfig) -> (Vec<EntryIndex>, Vec<Diagnostic>) {
        use rayon::prelude::*;
        let with_links: Vec<EntryIndex> =
            self.indices().into_par_iter().filter(|&i| !self.entries[i].summary_links.is_empty()).collect();
        let mut problems = Vec::new();
        let mut changed = Vec::new();
        for index in with_links {
            let (html, mut found) = self.resolve_summary(config, index);
            if html != self.entries[index].summary_html {
                let entry = Entry { summary_html: html, ..Entry::clone(&self.entries[index]) };
                self.entries[index] = Arc::new(entry);
                changed.push(index);
            }
            problems.append(&mut found);
        }
        self.summary_problems = problems.clone().into();
        (changed, problems)
    }

    fn resolve_summary(&self, config: &SiteConfig, index: EntryIndex) -> (String, Vec<Diagnostic>) {
        let entry = &self.entries[index];
        let pos = self.lang_pos(index);
        let line = entry.lines.summary;
        let mut problems = Vec::new();
        let mut html = entry.summary_marked.clone();
        for (n, link) in entry.summary_links.iter().enumerate() {
            let target = match link {
                SummaryLink::Id(text) => {
                    let id = ConceptId::parse(text).ok();
                    match id.as_ref().and_then(|id| self.resolve(pos, id)) {
                        Some(target) => Some(target),
                        None => {
                            let hint = match &id {
                                Some(id) => super::unknown_id_hint(
                                    id,
                                    &entry.lang,
                                    &[],
                                    self.languages_of(id),
                                    self.concept_ids(),
                                ),
                                None => "write links to concepts as [text](@/<id>.md)".to_string(),
                            };
                            let message =
                                format!("the summary links to `@/{text}.md`: no concept `{text}` in `{}`", entry.lang);
                            problems.push(Diagnostic::error(&entry.path, message).at_line(line).hint(hint));
                            None
                        }
                    }
                }
                SummaryLink::Name(name) => self.resolve_summary_name(pos, name, entry, &mut problems),
            };
            let (address, badge) = match target {
                Some(target) => {
                    let t = target.index();
                    let link =
                        config.base.link(&crate::urls::entry(self.entries[t].lang.as_str(), &self.entries[t].slug));
                    let mut address = String::new();
                    let _ = pulldown_cmark_escape::escape_href(&mut address, &link);
                    match target {
                        Target::Own(_) => (address, String::new()),
                        Target::Fallback(t) => {
                            let target_entry = &self.entries[t];
                            let id = &target_entry.id;
                            problems.push(
                                untranslated_link(&entry.path, "linked concept", id, &entry.lang, &target_entry.lang)
                                    .at_line(line),
                            );
                            let lang = target_entry.lang.as_str();
                            let name = config.language(lang).map_or(lang, |l| l.name.as_str());
                            let mut title = String::new();
                            let _ = pulldown_cmark_escape::escape_html(&mut title, name);
                            (
                                format!("{address}\" hreflang=\"{lang}"),
                                format!(
                                    "<span class=\"lang-badge\" title=\"{title}\"><span aria-hidden=\"true\">{}</span><span class=\"visually-hidden\"> ({title})</span></span>",
                                    lang.to_uppercase()
                                ),
                            )
                        }
                    }
                }
                None => ("#".to_string(), String::new()),
            };
            html = html.replacen(&address_mark(n), &address, 1).replacen(&badge_mark(n), &badge, 1);
        }
        (html, problems)
    }

    /// `[[name]]` in a summary: a title or alias of the page's language, else of a language it falls back to.
    fn resolve_summary_name(
        &self,
        pos: crate::types::LangPos,
        name: &str,
        entry: &Entry,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Target> {
        let languages = std::iter::once(pos).chain(self.fallbacks(pos).iter().copied());
        for lang in languages.collect::<Vec<_>>() {
            match self.terms.lookup(lang, name) {
                Some(Resolution::Found(found)) => return self.resolve(pos, &self.entries[found].id),
                Some(Resolution::Ambiguous(_)) => {
                    problems.push(
                        Diagnostic::error(&entry.path, format!("the summary's `[[{name}]]` matches several concepts"))
                            .at_line(entry.lines.summary)
                            .hint("use [text](@/<id>.md) to pick one"),
                    );
                    return None;
                }
                Some(Resolution::Unknown(_)) | None => {}
            }
        }
        problems.push(
            Diagnostic::error(&entry.path, format!("the summary's `[[{name}]]`: no concept has this title or alias"))
                .at_line(entry.lines.summary)
                .hint("name a concept's title or alias, or link with [text](@/<id>.md)"),
        );
        None
    }
}
