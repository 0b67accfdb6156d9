//! Links in bodies that the Markdown stage cannot check alone, because they name another page: a section of
//! another entry (`@/id.md#anchor`) must be one of its headings, and a path into the site (`../x/`,
//! `/en/x/`) must be a page or file the build writes. Both are errors at the link's line, in `build` and
//! `serve` alike.

use rustc_hash::FxHashSet;

use super::pages::SiteData;
use crate::diagnostics::Diagnostic;
use crate::link::{EntryIndex, Glossary};
use crate::markdown::{RenderedBody, THEME_IDS};

/// Links to a section of another entry that has no such heading.
pub fn broken_anchors(glossary: &Glossary, bodies: &[std::sync::Arc<RenderedBody>]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (from, body) in glossary.indices().zip(bodies) {
        for link in &body.anchors {
            let headings = &bodies[link.target].headings;
            let anchor = link.anchor.as_str();
            let known = headings.iter().any(|h| h.id == anchor)
                || THEME_IDS.contains(&anchor)
                || anchor.starts_with("fn-")
                || anchor.starts_with("fnref-");
            if known {
                continue;
            }
            let target = &glossary.entries[link.target];
            let ids: Vec<String> = headings.iter().map(|h| format!("#{}", h.id)).collect();
            let hint = match crate::diagnostics::closest(anchor, headings.iter().map(|h| h.id.as_str())) {
                Some(best) => format!("did you mean `#{best}`?"),
                None if ids.is_empty() => format!("`{}` has no headings; link to the entry itself", target.id),
                None => format!("its sections: {}", ids.join(", ")),
            };
            let entry = &glossary.entries[from];
            problems.push(
                Diagnostic::error(
                    &entry.path,
                    format!("link to `@/{}.md#{anchor}`: `{}` has no section `#{anchor}`", target.id, target.id),
                )
                .at(link.at.0, link.at.1)
                .hint(hint),
            );
        }
    }
    problems
}

/// Links by path into the site, in the bodies of `which`, that lead to no page or file of `files` (paths
/// inside the output, such as `en/x/index.html` and `static.png`). Paths outside the site's base path are
/// other sites' business.
pub fn broken_paths(site: &SiteData<'_>, which: &[EntryIndex], files: &FxHashSet<String>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let base = site.config.base.path();
    for &index in which {
        let body = &site.bodies[index];
        if body.local_links.is_empty() {
            continue;
        }
        let entry = &site.glossary.entries[index];
        let page = site.config.base.link(&crate::urls::entry(entry.lang.as_str(), &entry.slug));
        for link in &body.local_links {
            let Some(path) = resolve(&page, &link.href) else { continue };
            let Some(inside) = path.strip_prefix(base) else { continue };
            let found = files.contains(inside)
                || inside.is_empty()
                || (inside.ends_with('/') && files.contains(&format!("{inside}index.html")))
                || files.contains(&format!("{inside}/index.html"));
            if !found {
                problems.push(
                    Diagnostic::error(
                        &entry.path,
                        format!("the link `{}` leads to `{path}`, which the site does not have", link.href),
                    )
                    .at(link.at.0, link.at.1)
                    .hint("link to a concept as [text](@/<id>.md), or fix the path"),
                );
            }
        }
    }
    problems
}

/// The absolute path `href` leads to from the page at `page` (a path ending in `/`), without query or
/// fragment; `None` for an address that is no path.
fn resolve(page: &str, href: &str) -> Option<String> {
    let href = href.split(['#', '?']).next().unwrap_or_default();
    if href.is_empty() {
        return None;
    }
    let joined = if href.starts_with('/') { href.to_string() } else { format!("{page}{href}") };
    let mut parts: Vec<&str> = Vec::new();
    let trailing = joined.ends_with('/');
    for part in joined.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    let mut path = format!("/{}", parts.join("/"));
    if trailing && path != "/" {
        path.push('/');
    }
    Some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_resolve_like_a_browser_does() {
        assert_eq!(resolve("/en/a/", "../b/").as_deref(), Some("/en/b/"));
        assert_eq!(resolve("/en/a/", "../../nl/b/#x").as_deref(), Some("/nl/b/"));
        assert_eq!(resolve("/g/en/a/", "/docs/x").as_deref(), Some("/docs/x"));
        assert_eq!(resolve("/en/a/", "pic.png?v=2").as_deref(), Some("/en/a/pic.png"));
        assert_eq!(resolve("/en/a/", "../../../..").as_deref(), Some("/"));
        assert_eq!(resolve("/en/a/", "#top"), None);
    }
}
