//! Every internal link and anchor of a built site resolves: `check` runs this over the pages it renders.
//!
//! Links are found by scanning `href` and `src` attributes; those that start with the site's base path are
//! internal. A link to a folder needs its `index.html`, and a `#fragment` needs an element with that `id` in
//! the target page.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::diagnostics::Diagnostic;

/// Values of `name="..."` attributes in an HTML text (attribute values are always double-quoted in
/// glossgen's output).
fn attribute_values<'a>(html: &'a str, name: &str) -> Vec<&'a str> {
    let needle = format!(" {name}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find(&needle) {
        rest = &rest[at + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    out
}

fn unescape(value: &str) -> String {
    value.replace("&amp;", "&").replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
}

/// Broken internal links and anchors in `files` (output path → contents); `output_dir` names the folder in
/// messages.
pub fn check(files: &HashMap<String, Arc<[u8]>>, base_path: &str, output_dir: &str) -> Vec<Diagnostic> {
    let pages: HashMap<&str, &str> = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter_map(|(path, bytes)| std::str::from_utf8(bytes).ok().map(|text| (path.as_str(), text)))
        .collect();
    let ids: HashMap<&str, HashSet<String>> = pages
        .iter()
        .map(|(path, html)| (*path, attribute_values(html, "id").into_iter().map(unescape).collect()))
        .collect();
    let mut problems = Vec::new();
    let mut sorted: Vec<(&&str, &&str)> = pages.iter().collect();
    sorted.sort();
    for (page, html) in sorted {
        let mut reported = HashSet::new();
        for raw in attribute_values(html, "href").into_iter().chain(attribute_values(html, "src")) {
            let link = unescape(raw);
            let (target, fragment) = match link.split_once('#') {
                Some((t, f)) => (t, Some(f)),
                None => (link.as_str(), None),
            };
            let file = if target.is_empty() {
                page.to_string()
            } else if let Some(rest) = target.strip_prefix(base_path) {
                let rest = rest.split('?').next().unwrap_or_default();
                if rest.is_empty() || rest.ends_with('/') { format!("{rest}index.html") } else { rest.to_string() }
            } else {
                continue; // external, or not under the site
            };
            let problem = if !files.contains_key(&file) {
                Some(format!("link to `{link}`: there is no such page"))
            } else {
                match (fragment, ids.get(file.as_str())) {
                    (Some(f), Some(known)) if !f.is_empty() && !known.contains(f) => {
                        Some(format!("link to `{link}`: the page has no element with id `{f}`"))
                    }
                    _ => None,
                }
            };
            if let Some(message) = problem
                && reported.insert(message.clone())
            {
                problems.push(
                    Diagnostic::error(format!("{output_dir}/{page}"), message)
                        .hint("fix the link in the entry or template that produced it")
                        .code("broken-link"),
                );
            }
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(pages: &[(&str, &str)]) -> HashMap<String, Arc<[u8]>> {
        pages.iter().map(|(p, t)| (p.to_string(), Arc::from(t.as_bytes()))).collect()
    }

    #[test]
    fn finds_missing_pages_and_anchors_only() {
        let site = files(&[
            (
                "en/a/index.html",
                r##"<a href="/en/b/#intro">b</a> <a href="/en/b/#nope">x</a> <a href="/en/c/">c</a> <a href="https://x.org/">e</a> <a href="#top">t</a><h1 id="top">A</h1>"##,
            ),
            ("en/b/index.html", r#"<h2 id="intro">Intro</h2>"#),
            ("style.css", "body{}"),
        ]);
        let problems = check(&site, "/", "public");
        let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "link to `/en/b/#nope`: the page has no element with id `nope`",
                "link to `/en/c/`: there is no such page"
            ]
        );
        assert!(problems.iter().all(|p| p.path.to_string_lossy() == "public/en/a/index.html"));
    }

    #[test]
    fn respects_the_base_path() {
        let site = files(&[("en/index.html", r#"<a href="/glossary/en/">home</a><a href="/other/">out of site</a>"#)]);
        assert!(check(&site, "/glossary/", "public").is_empty());
    }
}
