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

/// Section headings and placeholder text of the house anatomy, per language.
struct Skeleton {
    what: &'static str,
    why: &'static str,
    how: &'static str,
    example: &'static str,
    summary: &'static str,
    category: &'static str,
}

fn skeleton(lang: &str) -> Skeleton {
    match lang {
        "nl" => Skeleton {
            what: "Wat is {}?",
            why: "Waarom het ertoe doet",
            how: "Hoe het werkt",
            example: "Voorbeeld",
            summary: "Eén zin die zegt wat {} is.",
            category: "Nog in te delen",
        },
        _ => Skeleton {
            what: "What is {}?",
            why: "Why it matters",
            how: "How it works",
            example: "Example",
            summary: "One sentence that says what {} is.",
            category: "Uncategorised",
        },
    }
}

/// YAML double-quoted scalar (JSON strings are valid YAML).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// The text of a new entry file.
pub fn entry_text(lang: &str, title: &str, category: Option<&str>, difficulty: Difficulty, week: IsoWeek) -> String {
    let s = skeleton(lang);
    let lower = title.to_lowercase();
    format!(
        "---\ntitle: {}\nsummary: {}\naliases: []\ndifficulty: {}\nweek: {week}\ncategory: {}\nsources: []\nrelated: []\n---\n\n## {}\n\n## {}\n\n## {}\n\n## {}\n",
        quoted(title),
        quoted(&s.summary.replace("{}", &lower)),
        difficulty.key(),
        quoted(category.unwrap_or(s.category)),
        s.what.replace("{}", &lower),
        s.why,
        s.how,
        s.example,
    )
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
    let difficulty = request.difficulty.unwrap_or(Difficulty::Beginner);
    for (lang, path) in languages.iter().zip(&paths) {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let text = entry_text(lang, &title, request.category.as_deref(), difficulty, week);
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
related: []
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
related: []
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
    let files: [(&str, String); 5] = [
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
    Ok(written)
}
