//! What a changed path is to the site: the one place that knows which folders matter and what a change in
//! each of them can affect. The watcher uses it to pick the paths worth a rebuild, the rebuild to choose
//! how much to redo.

use std::path::{Component, Path};

/// What a changed path is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum PathKind {
    /// Nothing the site is built from: the output, editor noise, files outside the watched folders.
    Ignored,
    /// An entry file or folder under `content/`.
    Content,
    /// A stylesheet under `static/` or a theme's `static/`.
    Stylesheet,
    /// Any other file under `static/` or a theme's `static/`.
    Static,
    /// UI strings under `i18n/`.
    Strings,
    /// A template of the site or of a theme.
    Template,
    /// `site.toml` (or `tags.toml`, which it goes with).
    Config,
}

impl PathKind {
    /// True if only a full build can follow a change of this kind (templates, strings, settings).
    pub fn needs_everything(self) -> bool {
        matches!(self, PathKind::Strings | PathKind::Template | PathKind::Config)
    }
}

/// The folders below the site root whose changes matter (besides `site.toml` itself).
pub const WATCHED: &[&str] = &["content", "themes", "i18n", "static", "templates"];

/// Editor swap, backup and lock files, which never affect the site.
pub fn is_editor_noise(name: &str) -> bool {
    name.is_empty()
        || name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Classifies `path` (absolute, or relative to the site root `root`) for a site writing its output to
/// `output` (absolute, or relative to the root). Pure: it looks at the path only, never at the disk.
pub fn classify(root: &Path, output: &Path, path: &Path) -> PathKind {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let output_rel = output.strip_prefix(root).unwrap_or(output);
    if path.starts_with(output) || rel.starts_with(output_rel) {
        return PathKind::Ignored;
    }
    let name = rel.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    if is_editor_noise(&name) || rel.components().any(|c| !matches!(c, Component::Normal(_))) {
        return PathKind::Ignored;
    }
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    let is_css = name.ends_with(".css");
    let static_kind = if is_css { PathKind::Stylesheet } else { PathKind::Static };
    match parts.first().map(String::as_str) {
        Some("site.toml" | "tags.toml") if parts.len() == 1 => PathKind::Config,
        Some("content") => PathKind::Content,
        Some("i18n") => PathKind::Strings,
        Some("templates") => PathKind::Template,
        Some("static") => static_kind,
        // themes/<name>/static/… is copied as is; anything else in a theme is its templates.
        Some("themes") if parts.get(2).is_some_and(|p| p == "static") => static_kind,
        Some("themes") => PathKind::Template,
        _ => PathKind::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_watched_folder_and_what_is_not() {
        let root = Path::new("/site");
        let output = Path::new("/site/public");
        let kind = |p: &str| classify(root, output, Path::new(p));
        let cases = [
            ("/site/site.toml", PathKind::Config),
            ("site.toml", PathKind::Config),
            ("/site/tags.toml", PathKind::Config),
            ("/site/content/en/overfitting.md", PathKind::Content),
            ("/site/content/nl", PathKind::Content),
            ("/site/i18n/nl.toml", PathKind::Strings),
            ("/site/templates/entry.html", PathKind::Template),
            ("/site/themes/plain/templates/base.html", PathKind::Template),
            ("/site/themes/plain/static/style.css", PathKind::Stylesheet),
            ("/site/themes/plain/static/logo.svg", PathKind::Static),
            ("/site/static/extra.css", PathKind::Stylesheet),
            ("/site/static/img/a.png", PathKind::Static),
            ("/site/public/en/index.html", PathKind::Ignored),
            ("public/en/index.html", PathKind::Ignored),
            ("/site/content/en/.overfitting.md.swp", PathKind::Ignored),
            ("/site/content/en/overfitting.md~", PathKind::Ignored),
            ("/site/content/en/4913", PathKind::Ignored),
            ("/site/README.md", PathKind::Ignored),
            ("/site/sub/site.toml", PathKind::Ignored),
            ("/elsewhere/content/en/x.md", PathKind::Ignored),
        ];
        for (path, expected) in cases {
            assert_eq!(kind(path), expected, "{path}");
        }
        // A custom output folder elsewhere is ignored too.
        assert_eq!(classify(root, Path::new("/tmp/out"), Path::new("/tmp/out/x.html")), PathKind::Ignored);
        assert!(PathKind::Template.needs_everything() && !PathKind::Content.needs_everything());
    }
}
