//! Reading a Hugo or Zola site as glossary entries: every page under `content/` (or one `--section` of it),
//! section pages (`_index.md`) skipped. A page's language comes from a `content/<lang>/` folder (Hugo) or a
//! `name.<lang>.md` file name (both); the same name (or Hugo's `translationKey`) in two languages is one
//! concept. Front-matter in YAML (`---`) or TOML (`+++`) is mapped onto glossgen's keys: `title`;
//! `description`, `summary` or `short_description` → summary; `aka`, `synonyms` and `aliases` that are not
//! addresses → aliases; `categories` → category (the first) and tags (the rest) with `tags`; `date` → week,
//! `lastmod`/`updated` → updated; `--map key=field` for other keys; anything else is counted as dropped.
//! Hugo shortcodes whose meaning is clear become glossgen's ([`convert_shortcodes`]); the others are left
//! and reported at their line. HTML comments and `<!--more-->` are removed and counted.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;

use super::{Concept, Entry};
use crate::config::SiteConfig;
use crate::content::aliases::Status;

/// Which generator wrote the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Hugo.
    Hugo,
    /// Zola.
    Zola,
}

/// What the reader needs besides the site: the part of `content/` to read and the extra key mapping.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Only this folder below `content/`.
    pub section: Option<PathBuf>,
    /// `key` of the source's front-matter → glossgen field (`summary`, `aliases`, `tags`, `category`, `title`).
    pub map: Vec<(String, String)>,
}

/// The fields a `--map` may name.
pub const FIELDS: &[&str] = &["title", "summary", "aliases", "tags", "category", "week", "updated", "drop"];

/// The concepts of the site at `source`; `left` gets a `path:line: what and why` line for each construct a
/// person has to look at.
pub fn read(
    source: &Path,
    kind: Kind,
    options: &Options,
    config: &SiteConfig,
    dropped: &mut BTreeMap<String, usize>,
    left: &mut Vec<String>,
) -> Result<Vec<Concept>, String> {
    let content = source.join("content");
    if options.section.as_ref().is_some_and(|s| s.components().any(|c| !matches!(c, std::path::Component::Normal(_)))) {
        return Err("--section must be a folder inside content/".to_string());
    }
    let languages: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
    let default = config.default_language().code.as_str();
    let within = |dir: PathBuf| match &options.section {
        Some(section) => dir.join(section),
        None => dir,
    };
    // Hugo may keep each language in a folder of its own (`content/nl/…`), the section inside it.
    let mut bases: Vec<(PathBuf, Option<&str>)> = Vec::new();
    if kind == Kind::Hugo {
        for lang in &languages {
            let dir = within(content.join(lang));
            if dir.is_dir() {
                bases.push((dir, Some(lang)));
            }
        }
    }
    if bases.is_empty() {
        let dir = within(content.clone());
        if !dir.is_dir() {
            return Err(format!("{} is not a folder", dir.display()));
        }
        bases.push((dir, None));
    }
    let mut by_key: BTreeMap<String, Concept> = BTreeMap::new();
    let mut files: Vec<(PathBuf, Option<&str>)> = Vec::new();
    for (base, lang) in &bases {
        let found = walkdir::WalkDir::new(base)
            .follow_links(false)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"));
        files.extend(found.map(|e| (e.into_path(), *lang)));
    }
    files.sort();
    for (path, folder_lang) in files {
        let rel = path.strip_prefix(&content).unwrap_or(&path).to_path_buf();
        let shown = Path::new("content").join(&rel);
        let name = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let (mut stem, mut lang) = match name.rsplit_once('.') {
            Some((stem, lang)) if languages.contains(&lang) => (stem.to_string(), lang.to_string()),
            _ => (name.clone(), String::new()),
        };
        if stem == "_index" {
            *dropped.entry("section pages (_index.md)".to_string()).or_default() += 1;
            continue;
        }
        if lang.is_empty() {
            lang = folder_lang.unwrap_or(default).to_string();
        }
        if stem == "index" {
            stem = path.parent().and_then(|p| p.file_name()).map(|n| n.to_string_lossy().into_owned()).unwrap_or(stem);
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            left.push(format!("{}: not UTF-8 text, skipped", shown.display()));
            continue;
        };
        let Some((front, body, body_line)) = split(&text) else {
            left.push(format!("{}:1: no front-matter, skipped", shown.display()));
            continue;
        };
        let fields = match front {
            Front::Yaml(y) => serde_saphyr::from_str::<Value>(y).map_err(|e| e.to_string()),
            Front::Toml(t) => {
                toml::from_str::<toml::Table>(t).map_err(|e| e.to_string()).map(|t| toml_json(toml::Value::Table(t)))
            }
        };
        let fields = match fields {
            Ok(Value::Object(mut map)) => {
                // Zola keeps taxonomies (`[taxonomies] tags = […]`) and site-specific keys (`[extra]`) in
                // tables of their own.
                for table in ["taxonomies", "extra"] {
                    if let Some(Value::Object(inner)) = map.remove(table) {
                        for (k, v) in inner {
                            map.entry(k).or_insert(v);
                        }
                    }
                }
                map
            }
            Ok(_) => serde_json::Map::new(),
            Err(e) => {
                left.push(format!("{}:1: the front-matter cannot be read ({e}), skipped", shown.display()));
                continue;
            }
        };
        if fields.get("draft").and_then(Value::as_bool) == Some(true) {
            *dropped.entry("drafts".to_string()).or_default() += 1;
            continue;
        }
        // The concept: Hugo's `translationKey`, else a glossary's own `id` (what term references name), else
        // the file name.
        let key = ["translationKey", "id"]
            .iter()
            .find_map(|k| fields.get(*k).and_then(Value::as_str))
            .map(str::to_string)
            .unwrap_or_else(|| stem.clone());
        let (body, notes) = convert_body(body, body_line, &shown, left);
        for (what, n) in notes {
            *dropped.entry(what).or_default() += n;
        }
        let entry = entry_of(&lang, fields, &body, options, dropped, left, &shown);
        let concept =
            by_key.entry(key.clone()).or_insert_with(|| Concept { id: Some(key.clone()), ..Concept::default() });
        if concept.entries.iter().any(|e| e.lang == entry.lang) {
            left.push(format!("{}: a second `{key}` in `{lang}`, skipped", shown.display()));
            continue;
        }
        concept.entries.push(entry);
    }
    Ok(by_key.into_values().collect())
}

enum Front<'a> {
    Yaml(&'a str),
    Toml(&'a str),
}

/// The front-matter, the body and the body's first line.
fn split(text: &str) -> Option<(Front<'_>, &str, usize)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    for (fence, yaml) in [("---", true), ("+++", false)] {
        let Some(rest) = text.strip_prefix(fence).and_then(|r| r.strip_prefix('\n').or_else(|| r.strip_prefix("\r\n")))
        else {
            continue;
        };
        let mut offset = 0;
        for line in rest.split_inclusive('\n') {
            if line.trim_end() == fence {
                let front = &rest[..offset];
                let body = &rest[offset + line.len()..];
                let body_line = 2 + front.lines().count() + 1;
                return Some((if yaml { Front::Yaml(front) } else { Front::Toml(front) }, body, body_line));
            }
            offset += line.len();
        }
    }
    None
}

/// TOML as JSON values, with dates as their text.
fn toml_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(n) => Value::from(n),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_json).collect()),
        toml::Value::Table(t) => Value::Object(t.into_iter().map(|(k, v)| (k, toml_json(v))).collect()),
    }
}

fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::String(s) => vec![s.clone()],
        Value::Array(items) => items.iter().filter_map(|v| v.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    }
}

/// The entry a page's fields and body make.
fn entry_of(
    lang: &str,
    fields: serde_json::Map<String, Value>,
    body: &str,
    options: &Options,
    dropped: &mut BTreeMap<String, usize>,
    left: &mut Vec<String>,
    shown: &Path,
) -> Entry {
    let mut entry = Entry { lang: lang.to_string(), body: Some(body.to_string()), ..Entry::default() };
    let mut categories: Vec<String> = Vec::new();
    for (key, value) in &fields {
        let mapped = options.map.iter().find(|(k, _)| k == key).map(|(_, f)| f.as_str());
        let field = mapped.unwrap_or(match key.as_str() {
            "title" => "title",
            "description" | "summary" | "short_description" => "summary",
            "aka" | "synonyms" | "aliases" | "also_known_as" => "aliases",
            "tags" | "keywords" => "tags",
            "categories" | "category" => "category",
            "date" => "week",
            "lastmod" | "updated" => "updated",
            "draft" | "translationKey" | "id" => "skip",
            _ => "drop",
        });
        match field {
            "title" => entry.title = strings(value).join(" ").trim().to_string(),
            "summary" if entry.summary.is_empty() => entry.summary = strings(value).join(" ").trim().to_string(),
            "aliases" => {
                for alias in strings(value) {
                    if alias.starts_with('/') || alias.starts_with("http") {
                        // Hugo's `aliases` are old addresses of the page, not names.
                        *dropped.entry("old page addresses under `aliases`".to_string()).or_default() += 1;
                    } else {
                        entry.aliases.push((alias, Status::Admitted, None));
                    }
                }
            }
            "tags" => entry.tags.extend(strings(value)),
            "category" => categories.extend(strings(value)),
            "week" => entry.week = strings(value).first().and_then(|d| week_of(d)),
            "updated" => entry.updated = strings(value).first().map(|d| d.chars().take(10).collect()),
            "skip" => {}
            _ => {
                *dropped.entry(format!("`{key}` values")).or_default() += 1;
            }
        }
    }
    let mut categories = categories.into_iter();
    entry.category = categories.next();
    entry.tags.extend(categories);
    entry.tags.dedup();
    if entry.summary.trim().is_empty() {
        entry.summary = first_sentence(body);
        if entry.summary.is_empty() {
            left.push(format!("{}: no description and no text to take a summary from", shown.display()));
        }
    }
    entry
}

/// The ISO week of a date written `2024-03-05` or `2024-03-05T10:00:00Z`.
fn week_of(date: &str) -> Option<String> {
    let day = crate::content::parse_date(date.get(..10)?)?;
    Some(crate::week::IsoWeek::containing(day).to_string())
}

/// The first sentence of a body's first paragraph, as plain text.
fn first_sentence(body: &str) -> String {
    let paragraph = body
        .split("\n\n")
        .map(str::trim)
        .find(|p| !p.is_empty() && !p.starts_with(['#', '{', '<', '!', '|', '`', '-', '*', '>']))
        .unwrap_or_default();
    let plain: String =
        paragraph.replace('\n', " ").chars().filter(|c| !matches!(c, '*' | '_' | '`' | '[' | ']')).collect();
    let end = plain.find(". ").map_or(plain.len(), |n| n + 1);
    plain[..end].trim().to_string()
}

/// The body with HTML comments removed and Hugo shortcodes converted; counts of what was removed.
fn convert_body(body: &str, first_line: usize, shown: &Path, left: &mut Vec<String>) -> (String, Vec<(String, usize)>) {
    let mut comments = 0;
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("<!--") {
        out.push_str(&rest[..start]);
        comments += 1;
        match rest[start..].find("-->") {
            Some(end) => rest = &rest[start + end + 3..],
            None => rest = "",
        }
    }
    out.push_str(rest);
    let converted = internal_links(&convert_shortcodes(&out, first_line, shown, left));
    let notes =
        if comments > 0 { vec![("HTML comments (and <!--more-->) removed".to_string(), comments)] } else { Vec::new() };
    (converted, notes)
}

/// Zola's internal links name the page's path (`@/glossary/tokeniser.md#usage`); glossgen's name the
/// concept (`@/tokeniser.md#usage`).
fn internal_links(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(start) = rest.find("](@/") {
        let target_start = start + 2;
        let end = rest[target_start..].find(')').map_or(rest.len(), |n| target_start + n);
        out.push_str(&rest[..target_start]);
        let target = &rest[target_start + 2..end];
        let (path, anchor) = target.split_once('#').map_or((target, None), |(p, a)| (p, Some(a)));
        let stem = Path::new(path).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let stem = stem.rsplit_once('.').map_or(stem.clone(), |(s, _)| s.to_string());
        out.push_str(&format!("@/{stem}.md"));
        if let Some(anchor) = anchor {
            out.push('#');
            out.push_str(anchor);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The arguments of a Hugo shortcode, named (`key="v"`) or by position.
fn hugo_args(inner: &str) -> (String, Vec<(Option<String>, String)>) {
    let mut words: Vec<(Option<String>, String)> = Vec::new();
    let mut chars = inner.trim().chars().peekable();
    let mut name = String::new();
    while let Some(&c) = chars.peek() {
        if c.is_whitespace() {
            break;
        }
        name.push(c);
        chars.next();
    }
    loop {
        while chars.peek().is_some_and(|c| c.is_whitespace()) {
            chars.next();
        }
        if chars.peek().is_none() {
            break;
        }
        let mut key = String::new();
        let mut value = String::new();
        while let Some(&c) = chars.peek() {
            if c == '"' || c == '`' {
                let quote = c;
                chars.next();
                for c in chars.by_ref() {
                    if c == quote {
                        break;
                    }
                    value.push(c);
                }
                break;
            }
            if c.is_whitespace() {
                break;
            }
            chars.next();
            if c == '=' && key.is_empty() {
                key = std::mem::take(&mut value);
                continue;
            }
            value.push(c);
        }
        words.push(((!key.is_empty()).then_some(key), value));
    }
    (name, words)
}

fn arg<'a>(args: &'a [(Option<String>, String)], key: &str) -> Option<&'a str> {
    args.iter().find(|(k, _)| k.as_deref() == Some(key)).map(|(_, v)| v.as_str())
}

/// Hugo shortcodes as glossgen writes them: callouts (`note`, `notice`, `alert`, `hint`, `warning`,
/// `caution`, `tip`) become `{% note() %}…{% end %}` and kin, `figure` becomes `figure`, a term reference
/// (`glossary_tooltip term_id=…`, `term id=…`) a `@/` link; `ref`/`relref` to a page become `@/` links.
/// Anything else stays and is reported at its line.
pub fn convert_shortcodes(body: &str, first_line: usize, shown: &Path, left: &mut Vec<String>) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    let mut consumed = 0;
    while let Some(start) = rest.find("{{") {
        let after = &rest[start..];
        let (open, close) = if after.starts_with("{{<") {
            ("{{<", ">}}")
        } else if after.starts_with("{{%") {
            ("{{%", "%}}")
        } else {
            out.push_str(&rest[..start + 2]);
            consumed += start + 2;
            rest = &rest[start + 2..];
            continue;
        };
        let Some(end) = after.find(close) else { break };
        out.push_str(&rest[..start]);
        let line = first_line + body[..consumed + start].matches('\n').count();
        let inner = &after[open.len()..end];
        let (name, args) = hugo_args(inner.trim().trim_start_matches('/'));
        let closing = inner.trim_start().starts_with('/');
        let callout = |kind: &str| match kind {
            "warning" | "caution" | "danger" | "important" | "error" => "warning",
            "tip" | "success" => "tip",
            _ => "note",
        };
        let converted = match (name.as_str(), closing) {
            (
                "note" | "info" | "notice" | "alert" | "hint" | "callout" | "admonition" | "warning" | "caution"
                | "tip",
                true,
            ) => Some("{% end %}".to_string()),
            ("notice" | "alert" | "hint" | "callout" | "admonition", false) => {
                let kind = args.first().map(|(_, v)| v.to_ascii_lowercase()).unwrap_or_default();
                Some(format!("{{% {}() %}}", callout(&kind)))
            }
            ("note" | "info" | "warning" | "caution" | "tip", false) => Some(format!("{{% {}() %}}", callout(&name))),
            ("figure", false) => {
                let src = arg(&args, "src").unwrap_or_default();
                let alt = arg(&args, "alt").or(arg(&args, "title")).unwrap_or_default();
                if src.is_empty() || alt.is_empty() {
                    left.push(format!("{}:{line}: a figure without src or alt text, left as it was", shown.display()));
                    None
                } else {
                    let quote = |s: &str| serde_json::to_string(s).unwrap_or_default();
                    let caption = arg(&args, "caption").map(|c| format!(", caption={}", quote(c))).unwrap_or_default();
                    Some(format!("{{{{ figure(src={}, alt={}{caption}) }}}}", quote(src), quote(alt)))
                }
            }
            ("glossary_tooltip" | "term" | "tooltip", false) => {
                let id = arg(&args, "term_id")
                    .or(arg(&args, "id"))
                    .map(|i| crate::slug::Slug::from_text(i).map(|s| s.to_string()));
                match id {
                    Some(Ok(id)) => {
                        let text = arg(&args, "text").map(str::to_string).unwrap_or_else(|| id.replace('-', " "));
                        Some(format!("[{text}](@/{id}.md)"))
                    }
                    _ => None,
                }
            }
            ("ref" | "relref", false) => {
                let target = args.first().map(|(_, v)| v.as_str()).unwrap_or_default();
                let stem = Path::new(target.split('#').next().unwrap_or_default())
                    .file_stem()
                    .map(|s| s.to_string_lossy().into_owned());
                stem.filter(|s| !s.is_empty() && s != "_index").map(|s| format!("@/{s}.md"))
            }
            _ => None,
        };
        match converted {
            Some(text) => out.push_str(&text),
            None => {
                let why = if closing {
                    "the end of a shortcode glossgen has no equivalent for"
                } else {
                    "a shortcode glossgen has no equivalent for"
                };
                left.push(format!(
                    "{}:{line}: `{}` left as it was: {why}",
                    shown.display(),
                    &after[..end + close.len()]
                ));
                out.push_str(&after[..end + close.len()]);
            }
        }
        let used = start + end + close.len();
        consumed += used;
        rest = &rest[used..];
    }
    out.push_str(rest);
    out
}
