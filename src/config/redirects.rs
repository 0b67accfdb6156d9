//! How alias addresses redirect to their entries (`alias_pages` and `alias_rules` in `site.toml`).
//!
//! A page per alias works on every static host but makes most of a site's files: with four aliases per
//! concept, four fifths of them. Hosts that serve `/path` from `path.html` can take a file per alias without
//! a folder, and hosts that read redirect rules need no pages at all.

use crate::diagnostics::Diagnostic;

/// What is written for each alias.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum AliasPages {
    /// `en/<alias>/index.html`, a redirect page any static host serves at `/en/<alias>/` (the default).
    #[default]
    Folders,
    /// `en/<alias>.html`, for hosts that serve `/en/<alias>` from it (GitHub Pages, Netlify, Cloudflare
    /// Pages, nginx with `try_files $uri.html`): no folder per alias.
    Files,
    /// No pages: the redirects come from [`AliasRules`] only.
    None,
}

/// A file of redirect rules for a kind of host, written at the root of the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AliasRules {
    /// `_redirects`: one `from to 301` line per alias, read by Netlify and Cloudflare Pages.
    Netlify,
    /// `nginx-aliases.map`: `from to;` lines to include in an nginx `map`.
    Nginx,
}

impl AliasRules {
    /// The names `alias_rules` accepts.
    pub const NAMES: &[&str] = &["netlify", "nginx"];

    /// The file it is written to.
    pub fn file(self) -> &'static str {
        match self {
            AliasRules::Netlify => "_redirects",
            AliasRules::Nginx => "nginx-aliases.map",
        }
    }

    /// One rule sending `from` to `to` (both site-absolute links).
    pub fn rule(self, from: &str, to: &str) -> String {
        match self {
            AliasRules::Netlify => format!("{from} {to} 301\n"),
            AliasRules::Nginx => format!("{from} {to};\n"),
        }
    }

    /// What the file says before its rules.
    pub fn preamble(self) -> &'static str {
        match self {
            AliasRules::Netlify => "# Alias redirects (Netlify, Cloudflare Pages).\n",
            AliasRules::Nginx => {
                "# Alias redirects for nginx. In http {}: map $uri $alias_target { include nginx-aliases.map; }\n# in the server {}: if ($alias_target) { return 301 $alias_target; }\n"
            }
        }
    }
}

/// Reads the two settings; `at` places a problem at a span of `site.toml`.
pub(super) fn parse(
    pages: Option<toml::Spanned<String>>,
    rules: Vec<toml::Spanned<String>>,
    problems: &mut Vec<Diagnostic>,
    at: &impl Fn(std::ops::Range<usize>, String, &str) -> Diagnostic,
) -> (AliasPages, Vec<AliasRules>) {
    let mut chosen = Vec::new();
    for rule in &rules {
        let kind = match rule.get_ref().to_ascii_lowercase().as_str() {
            "netlify" => AliasRules::Netlify,
            "nginx" => AliasRules::Nginx,
            _ => {
                let hint = format!("glossgen writes rules for {}", AliasRules::NAMES.join(", "));
                problems.push(at(rule.span(), format!("`{}` is not a kind of redirect rules", rule.get_ref()), &hint));
                continue;
            }
        };
        if !chosen.contains(&kind) {
            chosen.push(kind);
        }
    }
    let Some(pages) = pages else { return (AliasPages::Folders, chosen) };
    let kind = match pages.get_ref().as_str() {
        "folders" => AliasPages::Folders,
        "files" => AliasPages::Files,
        "none" if chosen.is_empty() => {
            problems.push(at(
                pages.span(),
                "`alias_pages = \"none\"` leaves every alias without a redirect".to_string(),
                "list the host's rules in `alias_rules` (netlify, nginx), or keep the pages",
            ));
            AliasPages::None
        }
        "none" => AliasPages::None,
        other => {
            problems.push(at(
                pages.span(),
                format!("`alias_pages` is `folders`, `files` or `none`, not `{other}`"),
                "`folders` works on every static host; `files` needs one that serves /path from path.html",
            ));
            AliasPages::Folders
        }
    };
    (kind, chosen)
}
