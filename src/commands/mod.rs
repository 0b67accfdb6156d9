//! What each subcommand does once its arguments are parsed: run the library, print for people, and choose
//! the exit code. `main.rs` only parses the command line and calls these.

mod termbase;

pub use termbase::{ExportRequest, export};

use std::path::PathBuf;

use crate::check::{self, CheckReport};
use crate::config::SiteConfig;
use crate::scaffold::{self, NewEntry};
use crate::types::LangPos;
use crate::{BuildOptions, serve};

/// For each missing translation (language code, concept id): how many pages of that language link to the
/// concept (through `related` or the body), which then lead to another language.
fn pages_linking_to_missing(
    site: &crate::LoadedSite,
    glossary: &crate::link::Glossary,
) -> std::collections::HashMap<(String, String), usize> {
    let highlighter = crate::highlight::Highlighter::new();
    let (bodies, _) =
        crate::render::bodies::render_all(&site.config, glossary, &highlighter, &site.badges, &site.shortcodes);
    let backlinks = crate::render::bodies::Backlinks::new(glossary, &bodies);
    let mut counts = std::collections::HashMap::new();
    for pos in LangPos::all(glossary.languages.len()) {
        for target in glossary.untranslated(pos) {
            let n = backlinks.of(target).iter().filter(|&&b| glossary.lang_pos(b) == pos).count();
            let key = (glossary.languages[pos].to_string(), glossary.entries[target].id.to_string());
            counts.insert(key, n);
        }
    }
    counts
}

/// `glossgen mv`: renames a concept everywhere, or with `dry_run` prints what it would change. A site with
/// errors is refused, and a move after which the site would not build is undone.
pub fn mv(root: &std::path::Path, request: &crate::mv::Move, dry_run: bool) -> u8 {
    let options = BuildOptions { root: root.to_path_buf(), ..Default::default() };
    let prepared = match crate::prepare(&options, &crate::highlight::Highlighter::new()) {
        Ok(prepared) => prepared,
        Err(report) => {
            eprintln!("{report}");
            eprintln!("Nothing was moved: fix these errors first.");
            return 1;
        }
    };
    let config = &prepared.site.config;
    let plan = match crate::mv::plan(root, config, &prepared.built.glossary, request) {
        Ok(plan) => plan,
        Err(why) => {
            eprintln!("error: {why}");
            return 1;
        }
    };
    if dry_run {
        print!("{}", crate::mv::diff(&plan));
        return 0;
    }
    if let Err(e) = crate::edits::apply(&crate::mv::changes(root, &plan)) {
        eprintln!("error: {e}");
        return 1;
    }
    if let Err(report) = crate::prepare(&options, &crate::highlight::Highlighter::new()) {
        // Undo: every file back as it was.
        let undo: Vec<(PathBuf, Option<String>)> =
            plan.iter().map(|(p, before, _)| (root.join(p), before.clone())).collect();
        let undone = crate::edits::apply(&undo);
        eprintln!("{report}");
        match undone {
            Ok(()) => eprintln!("The move would break the site; every file was put back as it was."),
            Err(e) => eprintln!("The move would break the site, and undoing it failed: {e}"),
        }
        return 1;
    }
    for (path, before, after) in &plan {
        match (before, after) {
            (None, Some(_)) => println!("created {}", path.display()),
            (Some(_), None) => println!("removed {}", path.display()),
            _ => println!("updated {}", path.display()),
        }
    }
    println!("Moved `{}` to `{}`", request.old, request.new);
    0
}

/// `glossgen translations --export-xliff DIR`.
fn export_xliff(
    options: &BuildOptions,
    site: &crate::LoadedSite,
    glossary: &crate::link::Glossary,
    dir: &std::path::Path,
    request: &TranslationsRequest,
    clean: bool,
) -> u8 {
    let config = &site.config;
    let only = match request.only.as_deref().map(str::parse).transpose() {
        Ok(only) => only.unwrap_or_default(),
        Err(e) => {
            eprintln!("error: --only: {e}");
            return 1;
        }
    };
    let source = crate::translation::source_position(config);
    let langs: Vec<LangPos> = LangPos::all(config.languages.len())
        .filter(|&p| p != source && request.lang.as_deref().is_none_or(|l| config.languages[p].code.as_str() == l))
        .collect();
    match crate::xliff::export::export(&options.root, config, glossary, dir, &langs, only) {
        Ok(files) => {
            for file in files {
                match file.units {
                    0 => println!("{}: nothing to translate", file.lang),
                    n => println!(
                        "{}: {n} concept{} in {}",
                        file.lang,
                        if n == 1 { "" } else { "s" },
                        file.path.display()
                    ),
                }
            }
            u8::from(!clean)
        }
        Err(e) => {
            eprintln!("error: {e}");
            1
        }
    }
}

/// `glossgen build`: prints the summary line (and warnings), or every problem; exit code 0 or 1.
pub fn build(options: &BuildOptions, verbose: bool) -> u8 {
    match crate::build(options) {
        Ok(mut summary) => {
            crate::diagnostics::sort(&mut summary.warnings);
            // Links to concepts not translated yet are many on a partly translated site: they are counted
            // here and listed by `check` (or with --verbose).
            let untranslated = |w: &&crate::Diagnostic| w.code == Some("untranslated-link");
            let fallbacks = summary.warnings.iter().filter(untranslated).count();
            for warning in summary.warnings.iter().filter(|w| verbose || !untranslated(w)) {
                eprintln!("{warning}");
            }
            if fallbacks > 0 {
                eprintln!(
                    "warning: {fallbacks} link{} to concepts not translated yet lead to another language (untranslated-link; `glossgen check` lists them)",
                    if fallbacks == 1 { "" } else { "s" }
                );
            }
            crate::messages::report_outdated(&summary.outdated_translations, verbose);
            let per_lang: Vec<String> =
                summary.entries_per_language.iter().map(|(lang, n)| format!("{n} {lang}")).collect();
            println!(
                "Built {} entries ({}), {} pages in {} ms into {}",
                summary.entries_per_language.iter().map(|(_, n)| n).sum::<usize>(),
                per_lang.join(" + "),
                summary.pages,
                summary.elapsed.as_millis(),
                summary.output.display()
            );
            0
        }
        Err(report) => {
            eprintln!("{report}");
            let previous = SiteConfig::load(&options.root)
                .ok()
                .map(|config| crate::build::output_dir(options, &config))
                .filter(|out| out.is_dir());
            match previous {
                Some(out) => eprintln!("Build failed; the previous output in {} was left as it was.", out.display()),
                None => eprintln!("Build failed; nothing was written."),
            }
            1
        }
    }
}

/// `glossgen serve`: runs until Ctrl-C.
pub fn serve(options: serve::ServeOptions) -> u8 {
    match serve::run(options) {
        Ok(()) => 0,
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

/// Output format of `glossgen check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `path:line:column: severity: message` lines for people.
    Text,
    /// The documented JSON form for tools.
    Json,
}

/// `glossgen check --explain CODE`: what a rule finds and how to fix it; exit code 2 for an unknown code.
pub fn explain(code: &str) -> u8 {
    match crate::rules::rule(code) {
        Some(rule) => {
            print!("{}", crate::rules::explain(rule));
            0
        }
        None => {
            let hint = match crate::rules::closest(code) {
                Some(best) => format!("did you mean `{best}`?"),
                None => {
                    let codes: Vec<&str> = crate::rules::RULES.iter().map(|r| r.code).collect();
                    format!("the codes are: {}", codes.join(", "))
                }
            };
            eprintln!("error: `glossgen check` has no rule `{code}`\n  hint: {hint}");
            2
        }
    }
}

/// `glossgen check`: prints every finding; exit code 0 clean, 1 with errors (or warnings when `strict`).
pub fn check(options: &BuildOptions, format: Format, strict: bool) -> u8 {
    let report: CheckReport = check::check(options);
    match format {
        Format::Json => println!("{}", report.to_json()),
        Format::Text => {
            for finding in &report.findings {
                println!("{finding}");
            }
            println!("{}", check::summary_line(&report));
        }
    }
    report.exit_code(strict)
}

/// `glossgen new`: creates the entry files and prints their paths.
pub fn new(root: PathBuf, request: NewEntry) -> u8 {
    let config = match SiteConfig::load(&root) {
        Ok(c) => c,
        Err(problems) => {
            for d in problems {
                eprintln!("{d}");
            }
            return 1;
        }
    };
    let today = time::OffsetDateTime::now_utc().date();
    match scaffold::create(&root, &config, &request, today) {
        Ok(paths) => {
            for path in paths {
                println!("{}", path.display());
            }
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

/// `glossgen init`: creates a new site and says what to do next.
pub fn init(dir: PathBuf) -> u8 {
    match scaffold::init(&dir, time::OffsetDateTime::now_utc().date()) {
        Ok(paths) => {
            for path in paths {
                println!("{}", path.display());
            }
            println!("Next: glossgen serve --root {}", dir.display());
            0
        }
        Err(message) => {
            eprintln!("error: {message}");
            1
        }
    }
}

/// What `glossgen translations` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct TranslationsRequest {
    /// Only this target language.
    pub lang: Option<String>,
    /// JSON instead of text.
    pub json: bool,
    /// Anything but "up to date" fails.
    pub strict: bool,
    /// Stamp the translations of this concept.
    pub stamp: Option<String>,
    /// Stamp every translation.
    pub stamp_all: bool,
    /// Export XLIFF files into this folder.
    pub export_xliff: Option<PathBuf>,
    /// Which translations to export (`outdated,missing,unstamped` or `all`).
    pub only: Option<String>,
    /// Import this XLIFF file.
    pub import_xliff: Option<PathBuf>,
}

/// `glossgen translations`: reports or stamps translations.
pub fn translations(options: &BuildOptions, request: &TranslationsRequest) -> u8 {
    use crate::translation::{self, Fingerprint, State};
    let site = match crate::load(options) {
        Ok(site) => site,
        Err(report) => {
            eprintln!("{report}");
            return 1;
        }
    };
    let config = site.config.clone();
    if let Some(lang) = &request.lang
        && config.language(lang).is_none()
    {
        eprintln!("error: `{lang}` is not a language of this site");
        return 1;
    }
    let loaded = site.entries(Default::default());
    let load_errors: Vec<String> = loaded.diagnostics.iter().filter(|d| d.is_error()).map(|d| d.to_string()).collect();
    let (glossary, _) = crate::link::Glossary::link(&config, loaded);
    for e in &load_errors {
        eprintln!("{e}");
    }
    let source_pos = translation::source_position(&config);
    let source = config.languages[source_pos].code.as_str();
    if request.lang.as_deref() == Some(source) {
        // The source language has no translations to report: say so instead of printing an empty report.
        let entries = glossary.range(source_pos).len();
        if request.json {
            let json = serde_json::json!({ "version": 1, "source": source, "lang": source, "is_source": true, "entries": entries });
            println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
        } else {
            println!(
                "`{source}` is the source language ({entries} entries): translations follow it. \
                 Ask about another language, or leave out --lang for all of them."
            );
        }
        return u8::from(!load_errors.is_empty());
    }

    if let Some(dir) = &request.export_xliff {
        return export_xliff(options, &site, &glossary, dir, request, load_errors.is_empty());
    }
    if let Some(file) = &request.import_xliff {
        if !load_errors.is_empty() {
            eprintln!("Nothing was imported: fix the errors above first.");
            return 1;
        }
        return match crate::xliff::import::import(&options.root, &config, &glossary, file) {
            Ok(done) => {
                for path in &done.created {
                    println!("created {}", path.display());
                }
                for path in &done.updated {
                    println!("updated {}", path.display());
                }
                for (id, n) in &done.incomplete {
                    println!("left out `{id}`: {n} segment{} not translated yet", if *n == 1 { "" } else { "s" });
                }
                println!(
                    "Imported {} translations ({} new, {} updated), stamped",
                    done.created.len() + done.updated.len(),
                    done.created.len(),
                    done.updated.len()
                );
                0
            }
            Err(problems) => {
                for p in &problems {
                    eprintln!("error: {p}");
                }
                eprintln!("Nothing was imported: no file was changed.");
                1
            }
        };
    }

    if request.stamp.is_some() || request.stamp_all {
        let mut failed = false;
        for concept in translation::status(&glossary, &config, request.lang.as_deref()) {
            if request.stamp.as_ref().is_some_and(|id| *id != concept.id) {
                continue;
            }
            let id = crate::slug::ConceptId::parse(&concept.id).ok();
            let source = id.as_ref().and_then(|id| glossary.lookup(source_pos, id));
            for (lang, state) in &concept.translations {
                let pos = config.languages.iter().position(|l| l.code.as_str() == lang).unwrap_or(0);
                let pos = LangPos::new(pos);
                let target = id.as_ref().and_then(|id| glossary.lookup(pos, id));
                match (source, target) {
                    (Some(source), Some(target)) => {
                        let stamp = Fingerprint::of(&glossary.entries[source]);
                        let path = options.root.join(&glossary.entries[target].path);
                        let source_text = std::fs::read_to_string(options.root.join(&glossary.entries[source].path));
                        if let Ok(text) = source_text {
                            let id = &glossary.entries[source].id;
                            if let Err(e) =
                                crate::xliff::memory::record(&options.root, &config.languages[pos].code, id, &text)
                            {
                                eprintln!("warning: cannot keep the source text of `{id}`: {e}");
                            }
                        }
                        match translation::write_stamp(&path, stamp) {
                            Ok(true) => println!("stamped {} ({stamp})", glossary.entries[target].path.display()),
                            Ok(false) => println!("{} was already up to date", glossary.entries[target].path.display()),
                            Err(e) => {
                                eprintln!("error: {e}");
                                failed = true;
                            }
                        }
                    }
                    _ if request.stamp.is_some() => {
                        eprintln!("error: `{}` cannot be stamped in `{lang}`: it is {}", concept.id, state.name());
                        failed = true;
                    }
                    _ => {}
                }
            }
        }
        if let Some(id) = &request.stamp
            && !translation::status(&glossary, &config, None).iter().any(|c| c.id == *id)
        {
            eprintln!("error: there is no concept `{id}`");
            failed = true;
        }
        return u8::from(failed || !load_errors.is_empty());
    }

    let report = translation::status(&glossary, &config, request.lang.as_deref());
    let linked_from = pages_linking_to_missing(&site, &glossary);
    let linked = |lang: &str, id: &str| linked_from.get(&(lang.to_string(), id.to_string())).copied().unwrap_or(0);
    let strings = crate::i18n::Strings::load_lenient(&options.root, &config);
    let missing_strings = strings.missing_keys();
    let mut totals: Vec<(translation::Kind, usize)> = translation::Kind::ALL.into_iter().map(|k| (k, 0)).collect();
    for concept in &report {
        for (_, state) in &concept.translations {
            if let Some(total) = totals.iter_mut().find(|(k, _)| *k == state.kind()) {
                total.1 += 1;
            }
        }
    }
    if request.json {
        let concepts: Vec<serde_json::Value> = report
            .iter()
            .map(|c| {
                let map: serde_json::Map<String, serde_json::Value> = c
                    .translations
                    .iter()
                    .map(|(lang, state)| {
                        let mut value = serde_json::to_value(state).unwrap_or_default();
                        if let (State::Missing, Some(map)) = (state, value.as_object_mut()) {
                            map.insert("linked_from".into(), linked(lang, &c.id).into());
                        }
                        (lang.clone(), value)
                    })
                    .collect();
                serde_json::json!({ "id": c.id, "translations": map })
            })
            .collect();
        let ui: Vec<serde_json::Value> =
            missing_strings.iter().map(|(lang, key)| serde_json::json!({ "lang": lang, "key": key })).collect();
        let json = serde_json::json!({
            "version": 1,
            "source": config.languages[source_pos].code,
            "concepts": concepts,
            "totals": totals.iter().map(|(k, n)| (k.name().to_string(), serde_json::Value::from(*n))).collect::<serde_json::Map<_, _>>(),
            "missing_ui_strings": ui,
        });
        println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default());
    } else {
        let width = report.iter().map(|c| c.id.len()).max().unwrap_or(0);
        for concept in &report {
            let states: Vec<String> = concept
                .translations
                .iter()
                .map(|(lang, state)| match state {
                    State::Outdated { changed } => format!("{lang}: outdated ({} changed)", changed.join(", ")),
                    State::Missing => match linked(lang, &concept.id) {
                        0 => format!("{lang}: missing"),
                        1 => format!("{lang}: missing (1 {lang} page links to it)"),
                        n => format!("{lang}: missing ({n} {lang} pages link to it)"),
                    },
                    other => format!("{lang}: {}", other.name().replace('-', " ")),
                })
                .collect();
            println!("{:width$}  {}", concept.id, states.join("; "));
        }
        let parts: Vec<String> = totals.iter().map(|(k, n)| format!("{n} {}", k.name().replace('-', " "))).collect();
        println!("Totals: {}", parts.join(", "));
        let mut first: Vec<(usize, &str, &str)> = report
            .iter()
            .flat_map(|c| c.translations.iter().map(move |(lang, state)| (c, lang, state)))
            .filter(|(_, _, state)| matches!(state, State::Missing))
            .map(|(c, lang, _)| (linked(lang, &c.id), lang.as_str(), c.id.as_str()))
            .filter(|(n, _, _)| *n > 0)
            .collect();
        first.sort_by(|a, b| b.0.cmp(&a.0).then((a.1, a.2).cmp(&(b.1, b.2))));
        if !first.is_empty() {
            let list: Vec<String> = first.iter().take(10).map(|(n, lang, id)| format!("{lang}/{id} ({n})")).collect();
            println!("Translate first (most linked from pages in their language): {}", list.join(", "));
        }
        for (lang, key) in &missing_strings {
            println!("UI strings: i18n/{lang}.toml lacks `{key}`");
        }
    }
    let not_fresh =
        totals.iter().any(|(k, n)| *k != translation::Kind::UpToDate && *n > 0) || !missing_strings.is_empty();
    u8::from(!load_errors.is_empty() || (request.strict && not_fresh))
}
