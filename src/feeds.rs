//! Machine-readable outputs besides pages: an Atom feed and a JSON export per language, and `robots.txt`.

use std::fmt::Write;

use serde::Serialize;

use crate::config::SiteConfig;
use crate::fragments::FeedItem;
use crate::render::pages::SiteData;
use crate::render::parts::Parts;
use crate::types::LangPos;
use crate::urls;

/// How many entries a feed carries (the newest).
pub const FEED_ENTRIES: usize = 50;

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// The date an entry counts as published or updated: `updated` if given, else the Monday of its week.
fn entry_date(entry: &crate::content::Entry) -> Option<time::Date> {
    entry.updated.or_else(|| entry.week.map(|w| w.monday()))
}

fn rfc3339(date: time::Date) -> String {
    format!("{:04}-{:02}-{:02}T00:00:00Z", date.year(), u8::from(date.month()), date.day())
}

/// An entry's `<entry>` in its language's feed, with the date it is sorted by; `None` without a date.
pub fn feed_item(site: &SiteData<'_>, index: crate::types::EntryIndex) -> Option<FeedItem> {
    let (config, glossary) = (site.config, site.glossary);
    let entry = &glossary.entries[index];
    let date = entry_date(entry)?;
    let link = config.base.permalink(&urls::entry(entry.lang.as_str(), &entry.slug));
    let mut out = String::with_capacity(600);
    out.push_str("  <entry>\n");
    let _ = writeln!(out, "    <title>{}</title>", escape(&entry.title));
    let _ = writeln!(out, "    <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>", escape(&link));
    let _ = writeln!(out, "    <id>{}</id>", escape(&link));
    let _ = writeln!(out, "    <updated>{}</updated>", rfc3339(date));
    let _ = writeln!(out, "    <summary>{}</summary>", escape(&entry.summary_text));
    if let Some(category) = &entry.category {
        let _ = writeln!(out, "    <category term=\"{}\"/>", escape(category));
    }
    for tag in &entry.tags {
        let _ = writeln!(out, "    <category term=\"{}\"/>", escape(&tag.name));
    }
    out.push_str("  </entry>\n");
    Some(FeedItem { date, xml: out.into() })
}

/// The Atom 1.0 feed of a language: its newest entries first (by `updated`, else by week). Entries with
/// neither are left out.
pub fn atom(parts: &Parts<'_>, lang_pos: LangPos) -> String {
    let (config, glossary) = (parts.site.config, parts.site.glossary);
    let lang = &config.languages[lang_pos];
    let code = lang.code.as_str();
    let mut dated: Vec<(&FeedItem, crate::types::EntryIndex)> =
        glossary.range(lang_pos).filter_map(|i| parts.feed(i).map(|item| (item, i))).collect();
    dated.sort_by(|a, b| b.0.date.cmp(&a.0.date).then(a.1.cmp(&b.1)));
    dated.truncate(FEED_ENTRIES);
    let home = config.base.permalink(&urls::home(code));
    let updated = dated.first().map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |(d, _)| rfc3339(d.date));
    let mut out = String::with_capacity(1024 + dated.len() * 600);
    out.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(out, "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">", escape(code));
    let _ = writeln!(out, "  <title>{}</title>", escape(&lang.title));
    if !lang.description.is_empty() {
        let _ = writeln!(out, "  <subtitle>{}</subtitle>", escape(&lang.description));
    }
    let _ = writeln!(
        out,
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>",
        escape(&config.base.permalink(&urls::feed(code)))
    );
    let _ = writeln!(out, "  <link href=\"{}\" rel=\"alternate\" type=\"text/html\"/>", escape(&home));
    let _ = writeln!(out, "  <id>{}</id>", escape(&home));
    let _ = writeln!(out, "  <updated>{updated}</updated>");
    let _ = writeln!(out, "  <author><name>{}</name></author>", escape(&lang.title));
    for (item, _) in dated {
        out.push_str(&item.xml);
    }
    out.push_str("</feed>\n");
    out
}

/// One concept in the JSON export (`/<lang>/glossary.json`); the README documents the fields.
/// Fields are in alphabetical order, as the file has always listed them.
#[derive(Serialize)]
struct ExportEntry<'a> {
    aliases: &'a [String],
    category: Option<&'a str>,
    difficulty: Option<&'static str>,
    id: &'a str,
    related: Vec<&'a str>,
    summary: &'a str,
    summary_html: &'a str,
    tags: Vec<&'a str>,
    title: &'a str,
    url: String,
    week: Option<String>,
}

/// How deep the export nests each entry record: inside `entries`, inside the document.
const RECORD_INDENT: &str = "    ";

/// An entry's record in its language's JSON export.
pub fn export_record(site: &SiteData<'_>, i: crate::types::EntryIndex) -> Box<str> {
    let (config, glossary) = (site.config, site.glossary);
    let e = &glossary.entries[i];
    let entry = ExportEntry {
        id: e.id.as_str(),
        title: &e.title,
        aliases: &e.aliases,
        summary: &e.summary_text,
        summary_html: &e.summary_html,
        url: config.base.permalink(&urls::entry(e.lang.as_str(), &e.slug)),
        difficulty: e.difficulty.map(|d| d.key()),
        week: e.week.map(|w| w.to_string()),
        category: e.category.as_deref(),
        related: glossary.related[i].iter().map(|&r| glossary.entries[r].id.as_str()).collect(),
        tags: e.tags.iter().map(|t| t.name.as_str()).collect(),
    };
    // JSON strings hold no raw line breaks, so indenting every line nests the record.
    let pretty = serde_json::to_string_pretty(&entry).unwrap_or_default();
    format!("{RECORD_INDENT}{}", pretty.replace('\n', &format!("\n{RECORD_INDENT}"))).into()
}

/// The glossary of a language as JSON, alphabetically, for other tools to reuse: pretty-printed, fields in
/// alphabetical order, assembled from each entry's record ([`export_record`]).
pub fn export(parts: &Parts<'_>, lang_pos: LangPos) -> String {
    let (config, glossary) = (parts.site.config, parts.site.glossary);
    let code = config.languages[lang_pos].code.as_str();
    let range = glossary.range(lang_pos);
    let mut out = String::with_capacity(range.len() * 700 + 128);
    if range.is_empty() {
        out.push_str("{\n  \"entries\": [],\n");
    } else {
        out.push_str("{\n  \"entries\": [\n");
        for (n, i) in range.enumerate() {
            if n > 0 {
                out.push_str(",\n");
            }
            out.push_str(parts.export(i));
        }
        out.push_str("\n  ],\n");
    }
    let json = |s: &str| serde_json::to_string(s).unwrap_or_default();
    out.push_str(&format!(
        "  \"language\": {},\n  \"title\": {}\n}}",
        json(code),
        json(&config.languages[lang_pos].title)
    ));
    out
}

/// `robots.txt`: everything may be crawled; the sitemap is named.
pub fn robots(config: &SiteConfig) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {}\n", config.base.permalink("sitemap.xml"))
}
