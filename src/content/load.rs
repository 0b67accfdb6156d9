//! Finding entry files under `content/<lang>/` and turning each into an [`Entry`], in parallel.

use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::front_matter::{self, RawFrontMatter, SplitError};
use super::stems::StemCaches;
use super::{BodyWords, Entry, FieldLines, Located, Source};
use crate::config::{LangCode, SiteConfig};
use crate::diagnostics::{Diagnostic, relative};
use crate::slug::{ConceptId, Slug};
use crate::week::IsoWeek;

/// What to include when loading.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Keep entries marked `draft: true`.
    pub drafts: bool,
}

/// The entries of a site and everything worth telling the author about them.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Valid, non-draft (unless asked) entries, in no particular order.
    pub entries: Vec<Arc<Entry>>,
    /// Ids of drafts that were left out, per language, so references to them get a helpful message.
    pub skipped_drafts: Vec<(LangCode, ConceptId)>,
    /// Entries whose files have errors: references to them are not reported again as unknown ids.
    pub failed: Vec<(LangCode, ConceptId)>,
    /// Errors and warnings.
    pub diagnostics: Vec<Diagnostic>,
}

/// One entry file and what came of reading it; kept by `serve` so a save re-reads only that file.
#[derive(Debug, Clone)]
pub struct LoadedFile {
    /// The language folder it is in.
    pub lang: LangCode,
    /// Its path.
    pub path: PathBuf,
    /// The entry, or every problem found in the file.
    pub result: Result<Arc<Entry>, Vec<Diagnostic>>,
}

/// Threads reading entry files at once.
const READERS: usize = 16;

/// Reads one entry file; `search` says whether to take the body stems the search index needs.
pub fn load_file(root: &Path, lang: &LangCode, path: &Path, search: bool) -> LoadedFile {
    LoadedFile {
        lang: lang.clone(),
        path: path.to_path_buf(),
        result: load_entry(root, lang, path, search).map(Arc::new),
    }
}

/// Reads one entry file from `text` instead of the disk: an editor's unsaved buffer, read the way files are
/// (byte-order mark dropped, CRLF as LF).
pub fn load_text(root: &Path, lang: &LangCode, path: &Path, text: &str, search: bool) -> LoadedFile {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text = if text.contains('\r') { std::borrow::Cow::Owned(text.replace("\r\n", "\n")) } else { text.into() };
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let mut stems = search.then(StemCaches::default);
    let result = parse_entry_with(stems.as_mut(), relative(root, path), lang, stem, &text).map(Arc::new);
    LoadedFile { lang: lang.clone(), path: path.to_path_buf(), result }
}

/// Finds and reads every `content/<lang>/*.md` in parallel, with the problems of the folder layout (undeclared
/// or empty languages). Without `search` (no search index), the body stems, most of the parsing, are skipped.
pub fn load_files(root: &Path, config: &SiteConfig, search: bool) -> (Vec<LoadedFile>, Vec<Diagnostic>) {
    let mut timer = crate::timings::Timer::start("load");
    let mut problems = Vec::new();
    let files = find_entry_files(root, config, &mut problems);
    timer.lap("find");
    // Reading waits on the disk more than it computes: with many reads in flight a cold page cache (after a
    // reboot, on a CI machine) costs much less, so files are read by a wider pool than the parsing one.
    let read = || -> Vec<Result<String, Diagnostic>> { files.par_iter().map(|(_, p)| read_text(root, p)).collect() };
    let texts = match rayon::ThreadPoolBuilder::new().num_threads(READERS).build() {
        Ok(readers) => readers.install(read),
        Err(_) => read(),
    };
    timer.lap("read");
    let loaded = files
        .par_iter()
        .zip(texts)
        .map_init(
            move || search.then(StemCaches::default),
            |stems, ((lang, path), text)| {
                let result = text.map_err(|d| vec![d]).and_then(|text| {
                    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
                    parse_entry_with(stems.as_mut(), relative(root, path), lang, stem, &text)
                });
                LoadedFile { lang: lang.clone(), path: path.clone(), result: result.map(Arc::new) }
            },
        )
        .collect();
    timer.lap("parse");
    (loaded, problems)
}

/// Loads every `content/<lang>/*.md` of the site.
pub fn load_entries(root: &Path, config: &SiteConfig, options: LoadOptions) -> Loaded {
    let (files, problems) = load_files(root, config, true);
    assemble(&files, problems, options)
}

/// Puts loaded files together: keeps valid entries (drafts only if asked), collects every problem.
pub fn assemble(files: &[LoadedFile], problems: Vec<Diagnostic>, options: LoadOptions) -> Loaded {
    let mut loaded = Loaded { diagnostics: problems, ..Loaded::default() };
    for file in files {
        match &file.result {
            Ok(entry) if entry.draft && !options.drafts => {
                loaded.skipped_drafts.push((entry.lang.clone(), entry.id.clone()));
            }
            Ok(entry) => loaded.entries.push(entry.clone()),
            Err(problems) => {
                let stem = file.path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
                if let Ok(id) = ConceptId::parse(stem) {
                    loaded.failed.push((file.lang.clone(), id));
                }
                loaded.diagnostics.extend(problems.iter().cloned());
            }
        }
    }
    loaded
}

/// Lists the entry files of a site as `(language, file)` pairs, with the problems of the folder layout.
pub fn scan(root: &Path, config: &SiteConfig) -> (Vec<(LangCode, PathBuf)>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let files = find_entry_files(root, config, &mut problems);
    (files, problems)
}

/// Lists `(language, file)` pairs; reports language folders the site does not declare.
fn find_entry_files(root: &Path, config: &SiteConfig, problems: &mut Vec<Diagnostic>) -> Vec<(LangCode, PathBuf)> {
    let content = root.join("content");
    let mut files = Vec::new();
    let Ok(dir) = std::fs::read_dir(&content) else {
        problems.push(
            Diagnostic::error("content", "the site has no readable content/ folder")
                .hint("entries live in content/<lang>/<id>.md"),
        );
        return files;
    };
    let mut lang_dirs: Vec<PathBuf> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
    lang_dirs.sort();
    for dir in lang_dirs {
        let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_string();
        if name.starts_with('.') {
            continue;
        }
        if std::fs::symlink_metadata(&dir).is_ok_and(|m| m.file_type().is_symlink()) {
            problems.push(
                Diagnostic::warning(
                    relative(root, &dir),
                    "symbolic link ignored: language folders must be real folders",
                )
                .hint("glossgen never follows links out of content/; move the folder here instead"),
            );
            continue;
        }
        if !dir.is_dir() {
            continue;
        }
        let Some(lang) = config.language(&name).map(|l| l.code.clone()) else {
            let declared: Vec<&str> = config.languages.iter().map(|l| l.code.as_str()).collect();
            problems.push(
                Diagnostic::error(
                    relative(root, &dir),
                    format!("language folder `{name}` is not declared in site.toml"),
                )
                .hint(format!(
                    "declared languages: {}; add [languages.{name}] or move the folder",
                    declared.join(", ")
                )),
            );
            continue;
        };
        let walker = walkdir::WalkDir::new(&dir).min_depth(1).max_depth(1).sort_by_file_name();
        for item in walker {
            match item {
                Ok(item) => {
                    let path = item.path();
                    let file_name = item.file_name().to_string_lossy();
                    if file_name.starts_with('.') || path.extension().is_none_or(|e| e != "md") {
                        continue;
                    }
                    if item.path_is_symlink() {
                        problems.push(
                            Diagnostic::warning(relative(root, path), "symbolic link ignored")
                                .hint("entry files must be regular files inside content/"),
                        );
                        continue;
                    }
                    if item.file_type().is_file() {
                        files.push((lang.clone(), path.to_path_buf()));
                    } else {
                        // A folder, FIFO, socket or device named like an entry: say why it is not one.
                        let kind = std::fs::symlink_metadata(path).map_or("not a file", |m| crate::theme::kind_of(&m));
                        problems.push(
                            Diagnostic::warning(
                                relative(root, path),
                                format!("ignored: it is {kind}, not an entry file"),
                            )
                            .hint("entries are regular files content/<lang>/<id>.md; rename or move it"),
                        );
                    }
                }
                Err(e) => problems.push(Diagnostic::error(relative(root, &dir), format!("cannot list files: {e}"))),
            }
        }
    }
    for language in &config.languages {
        if !files.iter().any(|(l, _)| *l == language.code) {
            problems.push(
                Diagnostic::error(
                    Path::new("content").join(language.code.as_str()),
                    format!("language `{}` is declared in site.toml but has no entries", language.code),
                )
                .hint(format!("add entries to content/{}/ or remove the language from site.toml", language.code)),
            );
        }
    }
    files
}

/// Reads a text file the way entry files are read: UTF-8 only, no NUL bytes (memchr looks for one first, as
/// most files have none), BOM dropped, CRLF as LF.
pub fn read_text(root: &Path, path: &Path) -> Result<String, Diagnostic> {
    let rel = relative(root, path);
    let bytes = std::fs::read(path).map_err(|e| Diagnostic::error(&rel, format!("cannot read the file: {e}")))?;
    if let Some(pos) = bytes.contains(&0).then(|| bytes.iter().position(|&b| b == 0)).flatten() {
        let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
        return Err(Diagnostic::error(&rel, "the file contains a NUL byte; entry files must be text")
            .at_line(line)
            .hint("save the file as UTF-8 text"));
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        Diagnostic::error(&rel, "the file is not valid UTF-8").at_line(line).hint("save the file as UTF-8")
    })?;
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    Ok(if text.contains('\r') { text.replace("\r\n", "\n") } else { text })
}

fn load_entry(root: &Path, lang: &LangCode, path: &Path, search: bool) -> Result<Entry, Vec<Diagnostic>> {
    let rel = relative(root, path);
    let text = read_text(root, path).map_err(|d| vec![d])?;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    parse_entry_with(search.then(StemCaches::default).as_mut(), rel, lang, stem, &text)
}

/// Parses the text of an entry file (already decoded) named `rel`, whose file stem is `stem`.
pub fn parse_entry(rel: PathBuf, lang: &LangCode, stem: &str, text: &str) -> Result<Entry, Vec<Diagnostic>> {
    parse_entry_with(Some(&mut StemCaches::default()), rel, lang, stem, text)
}

/// [`parse_entry`] with the stem cache of the load it is part of, or without stems (`None`).
fn parse_entry_with(
    stems: Option<&mut StemCaches>,
    rel: PathBuf,
    lang: &LangCode,
    stem: &str,
    text: &str,
) -> Result<Entry, Vec<Diagnostic>> {
    if let Some((at, c)) = crate::diagnostics::forbidden_char(text) {
        let (line, column) = crate::diagnostics::line_col(text, at);
        return Err(vec![
            Diagnostic::error(
                &rel,
                format!("the file holds the control character {}", crate::diagnostics::char_name(c)),
            )
            .at(line, column)
            .hint("remove it: no page, feed or index may contain it"),
        ]);
    }
    let split = front_matter::split(text).map_err(|e| {
        vec![match e {
            SplitError::NoOpening => Diagnostic::error(&rel, "the file does not start with front-matter")
                .at(1, 1)
                .hint("start the file with a `---` line, then the YAML front-matter, then another `---` line"),
            SplitError::NoClosing => Diagnostic::error(&rel, "the front-matter is never closed")
                .at(1, 1)
                .hint("end the front-matter with a line holding only `---`"),
        }]
    })?;
    let raw = front_matter::parse(&rel, &split).map_err(|d| vec![d])?;
    let mut entry = validate(rel, lang, stem, raw, &split)?;
    entry.words = match stems {
        Some(stems) => {
            let mut words = BodyWords::flags(&entry.body);
            entry.stems = super::stems::body_stems(&entry.body, lang.as_str(), &mut words, stems);
            words
        }
        None => BodyWords::of(&entry.body),
    };
    Ok(entry)
}

/// Turns raw front-matter into an [`Entry`], collecting every problem with it.
fn validate(
    rel: PathBuf,
    lang: &LangCode,
    stem: &str,
    raw: RawFrontMatter,
    split: &front_matter::SplitFile<'_>,
) -> Result<Entry, Vec<Diagnostic>> {
    let (yaml, yaml_line, body, body_line) = (split.yaml, split.yaml_line, split.body, split.body_line);
    let mut problems = Vec::new();
    let at = |loc: &serde_saphyr::Location| (yaml_line + loc.line() as usize - 1, loc.column().max(1) as usize);
    let error_at = |loc: &serde_saphyr::Location, message: String, hint: &str| {
        let (line, column) = at(loc);
        Diagnostic::error(&rel, message).at(line, column).hint(hint)
    };

    let id = ConceptId::parse(stem).map_err(|e| {
        problems.push(
            Diagnostic::error(&rel, format!("the file name is not a usable concept id: {e}"))
                .hint("name entry files with letters, digits and hyphens, e.g. `gradient-descent.md`"),
        )
    });

    for (key, field) in
        [("title", Some(&raw.title)), ("summary", Some(&raw.summary)), ("category", raw.category.as_ref())]
    {
        if let Some(field) = field
            && looks_untyped_text(yaml, &field.referenced, &field.value)
        {
            problems.push(error_at(
                &field.referenced,
                format!("`{key}` must be text, but `{}` is a number or a boolean", field.value),
                "put it in quotes if it really is the text",
            ));
        }
    }
    // Escapes in quoted YAML (`"\u0007"`) make characters the file does not hold as such.
    let mut texts: Vec<(&str, &serde_saphyr::Spanned<String>)> = vec![("title", &raw.title), ("summary", &raw.summary)];
    texts.extend(raw.category.iter().map(|c| ("category", c)));
    let alias_names = super::aliases::names(&raw.aliases);
    texts.extend(alias_names.iter().map(|a| ("alias", a)));
    texts.extend(raw.slug.iter().map(|s| ("slug", s)));
    texts.extend(raw.tags.iter().map(|t| ("tag", t)));
    for (key, field) in texts {
        if let Some((_, c)) = crate::diagnostics::forbidden_char(&field.value) {
            let name = crate::diagnostics::char_name(c);
            problems.push(error_at(
                &field.referenced,
                format!("the {key} holds the control character {name}"),
                "remove the escape that makes it",
            ));
        }
    }
    let title = raw.title.value.trim().to_string();
    if title.is_empty() {
        problems.push(error_at(&raw.title.referenced, "`title` is empty".into(), "write the term as readers know it"));
    }
    let summary = raw.summary.value.trim().to_string();
    if summary.is_empty() {
        problems.push(error_at(
            &raw.summary.referenced,
            "`summary` is empty".into(),
            "write one sentence that defines the term",
        ));
    }
    let summary_parts = super::summary::parse(&summary).unwrap_or_else(|construct| {
        problems.push(error_at(
            &raw.summary.referenced,
            format!("the summary holds {construct}"),
            "a summary is one sentence: inline code, emphasis and links only; move the rest into the body",
        ));
        super::summary::Summary { text: summary.clone(), html: String::new(), links: Vec::new() }
    });

    let week = raw.week.as_ref().and_then(|w| match w.value.parse::<IsoWeek>() {
        Ok(week) => Some(week),
        Err(e) => {
            problems.push(error_at(
                &w.referenced,
                format!("invalid `week`: {e}"),
                "write an ISO week that exists, like `2026-W17`",
            ));
            None
        }
    });

    let slug_source = raw.slug.as_ref().map_or(stem, |s| s.value.as_str());
    let slug = Slug::from_text(slug_source).and_then(|slug| match &raw.slug {
        // An explicit slug is transliterated like an id, but one that looks like a path is refused, not mended.
        Some(s) if s.value.contains(['/', '\\']) || s.value.contains("..") || s.value.chars().any(char::is_control) => {
            Err(crate::slug::NameError::Unsafe(s.value.clone()))
        }
        _ => Ok(slug),
    });
    let slug = slug.map_err(|e| {
        let d = match &raw.slug {
            Some(s) => error_at(&s.referenced, format!("invalid `slug`: {e}"), "use letters, digits and hyphens"),
            None => Diagnostic::error(&rel, format!("cannot make a URL slug from the file name: {e}"))
                .hint("rename the file or set `slug:` in the front-matter"),
        };
        problems.push(d);
    });

    let mut sources = Vec::new();
    let source_lines: Vec<usize> = raw.sources.iter().map(|s| at(&s.url.referenced).0).collect();
    for source in raw.sources {
        let url = source.url.value.trim();
        if !is_web_url(url) {
            problems.push(error_at(
                &source.url.referenced,
                format!("source URL `{url}` is not an absolute http(s) URL"),
                "write the full address, starting with https://",
            ));
        }
        if source.title.trim().is_empty() {
            problems.push(error_at(
                &source.url.referenced,
                "a source has an empty `title`".into(),
                "give the source's own title",
            ));
        }
        sources.push(Source { title: source.title.trim().to_string(), url: url.to_string() });
    }

    let mut related = Vec::new();
    for r in raw.related {
        let (line, column) = at(&r.referenced);
        match ConceptId::parse(r.value.trim()) {
            Ok(rid) if rid.as_str() == stem => problems.push(
                Diagnostic::error(&rel, "an entry cannot be related to itself")
                    .at(line, column)
                    .hint("remove it from `related`"),
            ),
            Ok(rid) => related.push(Located { value: rid, line, column }),
            Err(e) => problems.push(
                Diagnostic::error(&rel, format!("invalid related id: {e}"))
                    .at(line, column)
                    .hint("related lists concept ids (file names without .md)"),
            ),
        }
    }

    let check_allow = super::tags::read_check_allow(&raw.check_allow, error_at, &mut problems);

    let kept: Vec<bool> = alias_names.iter().map(|a| !a.value.trim().is_empty()).collect();
    let kept_aliases: Vec<&serde_saphyr::Spanned<String>> =
        alias_names.iter().filter(|a| !a.value.trim().is_empty()).collect();
    let alias_terms = super::aliases::terms(&raw.aliases, |n| kept[n], error_at, &mut problems);
    let aliases: Vec<String> = kept_aliases.iter().map(|a| a.value.trim().to_string()).collect();
    // An alias gets a redirect folder named after it: one too long for a file system stops the build here,
    // not halfway through writing.
    for alias in &kept_aliases {
        if let Err(e @ crate::slug::NameError::TooLong(_)) = Slug::from_text(alias.value.trim()) {
            problems.push(error_at(&alias.referenced, format!("the alias is too long: {e}"), "shorten the alias"));
        }
    }
    let lines = FieldLines {
        title: at(&raw.title.referenced).0,
        summary: at(&raw.summary.referenced).0,
        aliases: kept_aliases.iter().map(|a| at(&a.referenced).0).collect(),
        sources: source_lines,
        category: raw.category.as_ref().map_or(1, |c| at(&c.referenced).0),
    };
    let category = raw.category.as_ref().map(|c| c.value.trim().to_string()).filter(|c| !c.is_empty());
    let category_slug = match (&category, &raw.category) {
        (Some(name), Some(spanned)) => match Slug::from_text(name) {
            Ok(slug) => Some(slug),
            Err(e) => {
                problems.push(error_at(
                    &spanned.referenced,
                    format!("the category cannot be used in a URL: {e}"),
                    "name the category with letters or digits",
                ));
                None
            }
        },
        _ => None,
    };

    let tags = super::tags::read(&raw.tags, at, error_at, &mut problems);
    let updated = raw.updated.as_ref().and_then(|s| match parse_date(s.value.trim()) {
        Some(date) => Some(date),
        None => {
            problems.push(error_at(&s.referenced, format!("`{}` is not a date", s.value), "write it as YYYY-MM-DD"));
            None
        }
    });
    let translated_from = raw.translated_from.as_ref().and_then(|s| match s.value.trim().parse() {
        Ok(stamp) => Some(stamp),
        Err(e) => {
            problems.push(error_at(&s.referenced, e, "let `glossgen translations --stamp <id>` write it"));
            None
        }
    });

    if !problems.is_empty() {
        return Err(problems);
    }
    let (Ok(id), Ok(slug)) = (id, slug) else {
        return Err(problems);
    };
    Ok(Entry {
        fingerprint: Default::default(),
        id,
        lang: lang.clone(),
        path: rel,
        slug,
        sort_key: crate::collate::TitleCollator::for_language(lang.as_str()).sort_key(&title),
        title,
        summary,
        summary_text: summary_parts.text,
        summary_marked: if summary_parts.links.is_empty() { String::new() } else { summary_parts.html.clone() },
        summary_html: summary_parts.html,
        summary_links: summary_parts.links,
        alias_slugs: aliases.iter().map(|a| Slug::from_text(a).ok()).collect(),
        aliases,
        alias_terms,
        lines,
        difficulty: raw.difficulty,
        week,
        category,
        category_slug,
        sources,
        related,
        draft: raw.draft,
        autolink: raw.autolink,
        cta: raw.cta,
        compounds: raw.compounds,
        no_autolink: raw.no_autolink.iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect(),
        translated_from,
        updated,
        check_allow,
        tags,
        stems: Vec::new(),
        words: BodyWords::default(),
        body: body.to_string(),
        body_line,
    })
}

/// True when a text field was written as an unquoted number or boolean (`title: 12`): YAML reads those as
/// numbers, and serde would quietly turn them into text.
fn looks_untyped_text(yaml: &str, at: &serde_saphyr::Location, value: &str) -> bool {
    let line = yaml.lines().nth((at.line() as usize).saturating_sub(1)).unwrap_or_default();
    let column = (at.column() as usize).saturating_sub(1);
    let first = line.chars().nth(column);
    let quoted = matches!(first, Some('"') | Some('\''));
    let scalar = value.trim();
    !quoted && (scalar.parse::<f64>().is_ok() || matches!(scalar, "true" | "false" | "yes" | "no" | "null" | "~"))
}

/// Parses a `YYYY-MM-DD` date that exists in the calendar.
pub fn parse_date(text: &str) -> Option<time::Date> {
    let mut parts = text.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let month = time::Month::try_from(m.parse::<u8>().ok()?).ok()?;
    time::Date::from_calendar_date(y.parse().ok()?, month, d.parse().ok()?).ok()
}

/// True for absolute `http://` and `https://` URLs with a host; refuses `javascript:` and friends.
pub fn is_web_url(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")) else {
        return false;
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or_default();
    !host.is_empty() && !url.chars().any(|c| c.is_whitespace() || c.is_control() || c == '"' || c == '<' || c == '>')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_urls() {
        assert!(is_web_url("https://arxiv.org/abs/1706.03762"));
        assert!(is_web_url("http://example.org"));
        assert!(!is_web_url("javascript:alert(1)"));
        assert!(!is_web_url("https://"));
        assert!(!is_web_url("/relative"));
        assert!(!is_web_url("https://a b"));
    }

    #[test]
    fn reading_without_search_skips_only_the_stems() {
        let text = "---\ntitle: Token\nsummary: A piece of text.\n---\nTokens split text into pieces.\n";
        let lang = LangCode::parse("en").unwrap();
        let read =
            |search: bool| load_text(Path::new("/site"), &lang, Path::new("/site/content/en/token.md"), text, search);
        let (with, without) = (read(true).result.unwrap(), read(false).result.unwrap());
        assert!(with.stems.iter().any(|s| s == "token"), "{:?}", with.stems);
        assert!(without.stems.is_empty());
        assert!(without.words.may_contain("pieces") && without.words == with.words);
        assert_eq!(Entry { stems: Vec::new(), ..(*with).clone() }, *without);
    }
}
