//! `glossgen new`: a new concept, with an entry per language holding complete front-matter and the house
//! section skeleton, ready to fill in and already building; and `glossgen init`: a new site.

use std::path::{Path, PathBuf};

use crate::config::SiteConfig;
use crate::content::Difficulty;
use crate::slug::{ConceptId, Slug};
use crate::week::IsoWeek;

/// What `glossgen new` was asked to create.
#[derive(Debug, Clone)]
pub struct NewEntry {
    /// The concept id (file name), already a slug.
    pub id: String,
    /// The title; defaults to the id in words.
    pub title: Option<String>,
    /// Languages to create it in; defaults to every language of the site.
    pub languages: Vec<String>,
    /// Category, the same text in every language (translate it afterwards).
    pub category: Option<String>,
    /// Difficulty level.
    pub difficulty: Option<Difficulty>,
}

/// The section headings and the placeholder summary of a new entry in one language: the `new_*` UI strings
/// of the site (`i18n/<lang>.toml`), else glossgen's own for the language (English and Dutch), else the
/// English ones. `{title}` in them stands for the concept's title, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skeleton {
    /// The placeholder summary (`new_summary`).
    pub summary: String,
    /// The section headings, in order (`new_what_is`, `new_why`, `new_how`, `new_example`).
    pub headings: [String; 4],
}

/// The UI strings a skeleton is made of, with their English text.
pub const SKELETON_KEYS: [(&str, &str); 5] = [
    ("new_summary", "One sentence that says what {title} is."),
    ("new_what_is", "What is {title}?"),
    ("new_why", "Why it matters"),
    ("new_how", "How it works"),
    ("new_example", "Example"),
];

impl Skeleton {
    /// The skeleton of `lang` for a concept titled `title`.
    pub fn new(strings: &crate::i18n::Strings, lang: &str, title: &str) -> Skeleton {
        let own = own_strings(lang);
        let [summary, what, why, how, example] = SKELETON_KEYS.map(|(key, english)| {
            let text = strings.get(lang, key).or(own.and_then(|o| o.get(key)).map(String::as_str)).unwrap_or(english);
            text.replace("{title}", title)
        });
        Skeleton { summary, headings: [what, why, how, example] }
    }
}

/// What of a new entry's skeleton an entry still holds: `(file line, what)` for the placeholder summary
/// (at the summary's line) and for each section heading with nothing under it.
pub fn placeholders(entry: &crate::content::Entry, skeleton: &Skeleton) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    if entry.summary.trim() == skeleton.summary {
        found.push((entry.lines.summary, "the summary is still the placeholder of `glossgen new`".to_string()));
    }
    // A heading whose section ends (at a heading of its level or above, or the end) before any text.
    let mut open: Option<(usize, usize, &str)> = None;
    let mut fence: Option<&str> = None;
    for (n, line) in entry.body.lines().enumerate() {
        let trimmed = line.trim_start();
        if let Some(mark) = fence {
            if trimmed.starts_with(mark) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            open = None;
            continue;
        }
        let level = trimmed.bytes().take_while(|&b| b == b'#').count();
        if level > 0 && trimmed[level..].starts_with(' ') {
            if let Some((at, open_level, title)) = open.take()
                && level <= open_level
            {
                found.push((at, format!("the section `{title}` is empty")));
            }
            open = Some((entry.body_line + n, level, trimmed[level..].trim()));
        } else if !trimmed.is_empty() {
            open = None;
        }
    }
    if let Some((at, _, title)) = open {
        found.push((at, format!("the section `{title}` is empty")));
    }
    found
}

/// glossgen's own UI strings of `lang` (English and Dutch), read once: `check` asks for every entry.
fn own_strings(lang: &str) -> Option<&'static std::collections::BTreeMap<String, String>> {
    type Table = std::collections::BTreeMap<String, String>;
    static OWN: std::sync::OnceLock<[Table; 2]> = std::sync::OnceLock::new();
    let [en, nl] =
        OWN.get_or_init(|| [EN_STRINGS, NL_STRINGS].map(|text| toml::from_str::<Table>(text).unwrap_or_default()));
    match lang {
        "en" => Some(en),
        "nl" => Some(nl),
        _ => None,
    }
}

/// YAML double-quoted scalar (JSON strings are valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// The text of a new entry file; a category or difficulty not given is left out, not invented.
pub fn entry_text(
    skeleton: &Skeleton,
    title: &str,
    category: Option<&str>,
    difficulty: Option<Difficulty>,
    week: IsoWeek,
) -> String {
    let mut text = format!("---\ntitle: {}\nsummary: {}\naliases: []\n", quoted(title), quoted(&skeleton.summary));
    if let Some(difficulty) = difficulty {
        text.push_str(&format!("difficulty: {}\n", difficulty.key()));
    }
    text.push_str(&format!("week: {week}\n"));
    if let Some(category) = category {
        text.push_str(&format!("category: {}\n", quoted(category)));
    }
    text.push_str("sources: []\nrelated: []\n---\n");
    for heading in &skeleton.headings {
        text.push_str(&format!("\n## {heading}\n"));
    }
    text
}

/// Creates the entry files; returns their paths, or why nothing was written.
pub fn create(root: &Path, config: &SiteConfig, request: &NewEntry, today: time::Date) -> Result<Vec<PathBuf>, String> {
    let id = ConceptId::parse(&request.id).map_err(|e| format!("`{}` cannot be a concept id: {e}", request.id))?;
    let slug = Slug::from_text(id.as_str()).map_err(|e| e.to_string())?;
    if slug.as_str() != id.as_str() {
        return Err(format!(
            "`{}` is not a valid id; use lowercase letters, digits and hyphens, e.g. `{slug}`",
            request.id
        ));
    }
    let languages: Vec<String> = if request.languages.is_empty() {
        config.languages.iter().map(|l| l.code.to_string()).collect()
    } else {
        request.languages.clone()
    };
    for lang in &languages {
        if config.language(lang).is_none() {
            let known: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            return Err(format!("`{lang}` is not a language of this site (it has {})", known.join(", ")));
        }
    }
    let paths: Vec<PathBuf> = languages.iter().map(|l| root.join("content").join(l).join(format!("{id}.md"))).collect();
    if let Some(existing) = paths.iter().find(|p| p.exists()) {
        return Err(format!("{} already exists; nothing was written", existing.display()));
    }
    let title = request.title.clone().unwrap_or_else(|| {
        let words = id.as_str().replace(['-', '_'], " ");
        let mut chars = words.chars();
        chars.next().map(|c| c.to_uppercase().collect::<String>() + chars.as_str()).unwrap_or_default()
    });
    let week = IsoWeek::containing(today);
    let strings = crate::i18n::Strings::load_lenient(root, config);
    for (lang, path) in languages.iter().zip(&paths) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let skeleton = Skeleton::new(&strings, lang, &title);
        let text = entry_text(&skeleton, &title, request.category.as_deref(), request.difficulty, week);
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(path)
            .and_then(|mut f| std::io::Write::write_all(&mut f, text.as_bytes()))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    Ok(paths)
}

/// UI strings written by `glossgen init`: the bundled glossary's own, which the default theme uses.
pub const EN_STRINGS: &str = include_str!("../i18n/en.toml");
/// Dutch UI strings for `glossgen init`.
const NL_STRINGS: &str = include_str!("../i18n/nl.toml");

const SAMPLE_EN: &str = r#"---
title: Glossary
summary: A glossary is an alphabetical list of terms with a short explanation of each.
aliases: [word list, vocabulary]
difficulty: beginner
week: {week}
category: Getting started
sources:
  - title: "glossgen README"
    url: https://example.org/
related: [term]
---

## What is a glossary?

A glossary collects the terms of a field and explains each one briefly. Replace this entry with your first
concept, or create more with `glossgen new <id>`.

## Why it matters

Readers find a term's meaning in one place, in their own language.

## How it works

Each concept is one Markdown file per language in `content/<lang>/`, with the same file name in every language.

## Example

Run `glossgen serve` and edit this file: the page in your browser follows along.
"#;

const SAMPLE_NL: &str = r#"---
title: Woordenlijst
summary: Een woordenlijst zet de begrippen van een vakgebied op alfabet, elk met een korte uitleg.
aliases: [glossarium, verklarende woordenlijst]
difficulty: beginner
week: {week}
category: Aan de slag
sources:
  - title: "glossgen README"
    url: https://example.org/
related: [term]
---

## Wat is een woordenlijst?

Een woordenlijst verzamelt de begrippen van een vakgebied en legt ze kort uit. Vervang dit begrip door je eerste
eigen begrip, of maak er meer met `glossgen new <id>`.

## Waarom het ertoe doet

Lezers vinden de betekenis van een term op één plek, in hun eigen taal.

## Hoe het werkt

Elk begrip is één Markdown-bestand per taal in `content/<taal>/`, met in elke taal dezelfde bestandsnaam.

## Voorbeeld

Start `glossgen serve` en bewerk dit bestand: de pagina in je browser volgt je wijzigingen.
"#;

const TERM_EN: &str = r#"---
title: Term
summary: A term is a word or phrase with a fixed meaning in a field.
aliases: [terms]
difficulty: beginner
week: {week}
category: Getting started
sources: []
related: [glossary]
---

## What is a term?

A term names one concept of a field. Each entry of this glossary explains one, under its title and aliases.

## Example

Write "glossary" in an entry and it links here on its own; `[[Glossary]]` links on purpose.
"#;

const TERM_NL: &str = r#"---
title: Term
summary: Een term is een woord of woordgroep met een vaste betekenis in een vakgebied.
aliases: [termen, vakterm]
difficulty: beginner
week: {week}
category: Aan de slag
sources: []
related: [glossary]
---

## Wat is een term?

Een term benoemt één begrip uit een vakgebied. Elk begrip in deze woordenlijst legt er één uit, onder zijn
titel en andere namen.

## Voorbeeld

Schrijf "woordenlijst" in een begrip en het linkt vanzelf hierheen; `[[Woordenlijst]]` linkt met opzet.
"#;

/// Creates a new glossary site in `dir` (which must not exist or be empty): `site.toml`, UI strings and one
/// sample concept in English and Dutch. The default theme is built in, so the site builds at once.
pub fn init(dir: &Path, today: time::Date) -> Result<Vec<PathBuf>, String> {
    if dir.exists() {
        let mut entries = std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
        if entries.next().is_some() {
            return Err(format!("{} is not empty; choose a new folder", dir.display()));
        }
    }
    let week = IsoWeek::containing(today).to_string();
    let files: [(&str, String); 7] = [
        (
            "site.toml",
            "# Settings of this glossary; see the glossgen README for every option.\n\
             base_url = \"https://example.org/\"\n\
             default_language = \"en\"\n\n\
             [languages.en]\nname = \"English\"\ntitle = \"Glossary\"\ndescription = \"Terms and what they mean.\"\n\n\
             [languages.nl]\nname = \"Nederlands\"\ntitle = \"Woordenlijst\"\ndescription = \"Begrippen en wat ze betekenen.\"\n"
                .to_string(),
        ),
        ("i18n/en.toml", EN_STRINGS.to_string()),
        ("i18n/nl.toml", NL_STRINGS.to_string()),
        ("content/en/glossary.md", SAMPLE_EN.replace("{week}", &week)),
        ("content/nl/glossary.md", SAMPLE_NL.replace("{week}", &week)),
        ("content/en/term.md", TERM_EN.replace("{week}", &week)),
        ("content/nl/term.md", TERM_NL.replace("{week}", &week)),
    ];
    let mut written = Vec::new();
    for (rel, text) in files {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    // The Dutch samples are translations of the English ones, stamped as `translations --stamp` would.
    for id in ["glossary", "term"] {
        stamp_sample(dir, id)?;
    }
    Ok(written)
}

/// Stamps the Dutch sample `id` with its English source, and keeps the source's text as a stamp does.
fn stamp_sample(dir: &Path, id: &str) -> Result<(), String> {
    let (en, nl) = (crate::config::LangCode::parse("en"), crate::config::LangCode::parse("nl"));
    let (Some(en), Some(nl), Ok(concept)) = (en, nl, ConceptId::parse(id)) else { return Ok(()) };
    let rel = PathBuf::from("content/en").join(format!("{id}.md"));
    let text = std::fs::read_to_string(dir.join(&rel)).map_err(|e| format!("cannot read {}: {e}", rel.display()))?;
    let entry = crate::content::parse_entry(rel, &en, id, &text)
        .map_err(|problems| format!("the sample `{id}` does not load: {}", problems[0]))?;
    let stamp = crate::content::fingerprint::Fingerprint::of(&entry);
    let target = dir.join("content/nl").join(format!("{id}.md"));
    crate::translation::write_stamp(&target, stamp)?;
    crate::xliff::memory::record(dir, &nl, &concept, &text)
        .map_err(|e| format!("cannot keep the source of `{id}`: {e}"))
}
