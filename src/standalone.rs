//! Rendering one entry file on its own, with the built-in theme and no other entries: the fuzz target drives
//! glossgen's whole per-entry path (front-matter, validation, Markdown, linking, templates) through this.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use crate::config::{LangCode, SiteConfig};
use crate::content::{self, Loaded};
use crate::diagnostics::Diagnostic;
use crate::highlight::Highlighter;
use crate::i18n::Strings;
use crate::link::Glossary;
use crate::output::MemorySink;
use crate::render::Renderer;
use crate::render::bodies;
use crate::render::groups::Groups;
use crate::render::pages;

/// A one-language site with the built-in theme, ready to render single entries.
pub struct Standalone {
    config: SiteConfig,
    renderer: Renderer,
    shortcodes: crate::markdown::Shortcodes,
}

impl Standalone {
    /// Sets up the site; fails only if the built-in theme or strings are broken.
    pub fn new() -> Result<Self, Vec<Diagnostic>> {
        let config = SiteConfig::parse(
            "base_url = \"https://example.org/\"\ndefault_language = \"en\"\n[languages.en]\nname = \"English\"\ntitle = \"Glossary\"\n",
        )?;
        let en: BTreeMap<String, String> = toml::from_str(crate::scaffold::EN_STRINGS)
            .map_err(|e| vec![Diagnostic::error("i18n/en.toml", e.to_string())])?;
        let strings = Strings::from_maps(BTreeMap::from([("en".to_string(), en)]));
        let theme = crate::theme::load(Path::new("/nonexistent-glossgen-site"), &config)?;
        let strings = Arc::new(strings);
        let (shortcodes, problems) = crate::markdown::Shortcodes::new(&theme, strings.clone());
        if !problems.is_empty() {
            return Err(problems);
        }
        let renderer = Renderer::new(&theme, strings)?;
        Ok(Standalone { config, renderer, shortcodes })
    }

    /// Renders the text of an entry file as its page; every problem found is returned instead.
    pub fn render(&self, text: &str) -> Result<String, Vec<Diagnostic>> {
        let lang = LangCode::parse("en").ok_or_else(Vec::new)?;
        let entry = content::parse_entry("content/en/entry.md".into(), &lang, "entry", text)?;
        let loaded = Loaded { entries: vec![Arc::new(entry)], ..Loaded::default() };
        let (glossary, problems) = Glossary::link(&self.config, loaded);
        let highlighter = Highlighter::new();
        let (bodies, mut body_problems) =
            bodies::render_all(&self.config, &glossary, &highlighter, &Default::default(), &self.shortcodes);
        let mut all: Vec<Diagnostic> = problems;
        all.append(&mut body_problems);
        if all.iter().any(Diagnostic::is_error) {
            return Err(all);
        }
        let backlinks = bodies::Backlinks::new(&glossary, &bodies);
        let groups = Arc::new(Groups::new(&self.config, &glossary));
        let fragments = crate::fragments::Fragments::for_entries(glossary.entries.len());
        let built = crate::Built { glossary, bodies, backlinks, groups, fragments };
        let sink = MemorySink::default();
        pages::render_pages(
            &built.data(&self.config),
            &self.renderer,
            &sink,
            &[pages::Page::Entry(crate::types::EntryIndex::new(0))],
        )?;
        let files = sink.into_files();
        let page = files.values().next().ok_or_else(Vec::new)?;
        Ok(String::from_utf8_lossy(page).into_owned())
    }
}
