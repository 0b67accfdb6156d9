//! `glossgen new`: a new concept, with an entry per language holding complete front-matter and the house
//! section skeleton, ready to fill in and already building.

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
