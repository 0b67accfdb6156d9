//! Themes: Tera templates and static assets, from the site's `themes/<name>/` or embedded in the binary.
//!
//! The default theme is compiled into glossgen, so a new site needs no copy of it. A site can still ship its
//! own theme folder, or override single templates in its `templates/` folder, which wins over the theme.

use std::path::{Path, PathBuf};

use include_dir::{Dir, include_dir};

use crate::config::SiteConfig;
use crate::diagnostics::{Diagnostic, relative};

/// The default theme, as it is in the repository's `themes/default/`.
pub static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// One template: its name for Tera, its text, and where it came from (for error messages).
#[derive(Debug, Clone)]
pub struct Template {
    /// Name used in `{% extends %}` and by the renderer (`entry.html`).
    pub name: String,
    /// Template source.
    pub source: String,
    /// File it came from, relative to the site root, or `<default theme>/templates/…`.
    pub origin: PathBuf,
}

/// Templates and static assets of the active theme, with the site's overrides applied.
#[derive(Debug, Clone, Default)]
pub struct Theme {
    /// Every template, overrides included.
    pub templates: Vec<Template>,
    /// Static files: path inside the output and contents.
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Icons a category can have (`icons/<name>.svg` of the theme), by name, as SVG text.
    pub icons: Vec<(String, String)>,
}

/// Loads the theme named in `site.toml` and the site's `templates/` overrides.
pub fn load(root: &Path, config: &SiteConfig) -> Result<Theme, Vec<Diagnostic>> {
    let mut theme = Theme::default();
    let mut problems = Vec::new();
    let dir = root.join("themes").join(&config.theme);
    if dir.is_dir() {
        read_dir_files(root, &dir.join("templates"), &mut |name, bytes, origin| {
            push_template(&mut theme, &mut problems, name, bytes, origin)
        });
        read_dir_files(root, &dir.join("static"), &mut |name, bytes, _| theme.static_files.push((name, bytes)));
        read_dir_files(root, &dir.join("icons"), &mut |name, bytes, _| push_icon(&mut theme, &name, bytes));
    } else if config.theme == "default" {
        for file in files_of(&DEFAULT_THEME) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            let origin = Path::new("<default theme>").join(&path);
            if let Some(name) = path.strip_prefix("templates/") {
                push_template(&mut theme, &mut problems, name.to_string(), file.contents().to_vec(), origin);
            } else if let Some(name) = path.strip_prefix("static/") {
                theme.static_files.push((name.to_string(), file.contents().to_vec()));
            } else if let Some(name) = path.strip_prefix("icons/") {
                push_icon(&mut theme, name, file.contents().to_vec());
            }
        }
    } else {
        return Err(vec![
            Diagnostic::error("site.toml", format!("theme `{}` does not exist", config.theme))
                .hint(format!("create themes/{}/ or use `theme = \"default\"` (built in)", config.theme)),
        ]);
    }
    read_dir_files(root, &root.join("templates"), &mut |name, bytes, origin| {
        theme.templates.retain(|t| t.name != name);
        push_template(&mut theme, &mut problems, name, bytes, origin)
    });
    theme.templates.sort_by(|a, b| a.name.cmp(&b.name));
    theme.static_files.sort_by(|a, b| a.0.cmp(&b.0));
    theme.icons.sort();
    if problems.is_empty() { Ok(theme) } else { Err(problems) }
}

fn push_template(theme: &mut Theme, problems: &mut Vec<Diagnostic>, name: String, bytes: Vec<u8>, origin: PathBuf) {
    match String::from_utf8(bytes) {
        Ok(source) => theme.templates.push(Template { name, source, origin }),
        Err(_) => problems.push(Diagnostic::error(origin, "the template is not valid UTF-8")),
    }
}

/// Turns each category icon of `site.toml` into HTML: a built-in icon of the theme inline (hidden from
/// screen readers, which read the category's name beside it), a file under `static/` as an image with
/// empty alt text. An icon that is neither is an error at its line.
pub fn resolve_icons(root: &Path, config: &mut SiteConfig, theme: &Theme) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let base = config.base.clone();
    for icon in &mut config.category_icons {
        if let Some((_, svg)) = theme.icons.iter().find(|(name, _)| *name == icon.icon) {
            icon.html = svg.replacen(
                "<svg",
                "<svg class=\"icon\" aria-hidden=\"true\" focusable=\"false\" width=\"16\" height=\"16\"",
                1,
            );
            continue;
        }
        let path = icon.icon.trim_start_matches('/');
        let safe = !path.is_empty() && !path.split(['/', '\\']).any(|p| p == ".." || p.is_empty());
        if safe && path.contains('.') && root.join("static").join(path).is_file() {
            let mut src = String::new();
            let _ = pulldown_cmark_escape::escape_html(&mut src, &base.link(path));
            icon.html = format!("<img class=\"icon\" src=\"{src}\" alt=\"\" width=\"16\" height=\"16\">");
            continue;
        }
        let names: Vec<&str> = theme.icons.iter().map(|(n, _)| n.as_str()).collect();
        let hint = match crate::diagnostics::closest(&icon.icon, names.iter().copied()) {
            Some(near) if !icon.icon.contains('.') => format!("did you mean `{near}`?"),
            _ => format!(
                "built-in icons: {}; or a file under static/, such as `icons/{}.svg`",
                names.join(", "),
                icon.slug
            ),
        };
        let message = format!(
            "the icon `{}` of category `{}` is neither a built-in icon nor a file in static/",
            icon.icon, icon.slug
        );
        problems.push(Diagnostic::error(crate::config::CONFIG_FILE, message).at(icon.at.0, icon.at.1).hint(hint));
    }
    problems
}

fn push_icon(theme: &mut Theme, file: &str, bytes: Vec<u8>) {
    if let (Some(name), Ok(svg)) = (file.strip_suffix(".svg"), String::from_utf8(bytes))
        && !name.contains('/')
    {
        theme.icons.push((name.to_string(), svg.trim().to_string()));
    }
}

fn files_of(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        out.extend(files_of(sub));
    }
    out
}

/// Calls `f(relative name, bytes, origin)` for every file below `dir` that is published ([`publishable`]).
fn read_dir_files(root: &Path, dir: &Path, f: &mut dyn FnMut(String, Vec<u8>, PathBuf)) {
    for (name, path) in publishable(root, dir, &[]).files {
        if let Ok(bytes) = std::fs::read(&path) {
            f(name, bytes, relative(root, &path));
        }
    }
}

/// The files of a `static/` folder that a site publishes, and warnings about what it leaves out that an
/// author may not expect.
#[derive(Debug, Default)]
pub struct Publishable {
    /// `(path inside the output, file)`, in name order.
    pub files: Vec<(String, PathBuf)>,
    /// Symbolic links, FIFOs, sockets and devices that were skipped.
    pub skipped: Vec<Diagnostic>,
}

/// Editor swap and backup files (`*.swp`, `*~`, `#*#`, `.#*`), which are never published; hidden files are
/// published only where `include_hidden` names them ([`publishable`]).
fn is_editor_file(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx"].iter().any(|ext| name.ends_with(ext))
}

/// The files below `dir` to publish: regular files only (symbolic links are never followed, and are
/// reported with FIFOs, sockets and devices), without hidden files and folders except those under a path of
/// `include_hidden` (relative to `dir`, like `.well-known/`), and without editor files.
pub fn publishable(root: &Path, dir: &Path, include_hidden: &[String]) -> Publishable {
    let mut found = Publishable::default();
    if !dir.is_dir() {
        return found;
    }
    let included = |rel: &str| {
        include_hidden
            .iter()
            .map(|p| p.trim_matches('/'))
            .filter(|p| !p.is_empty())
            .any(|p| rel == p || rel.starts_with(&format!("{p}/")) || p.starts_with(&format!("{rel}/")))
    };
    let walker = walkdir::WalkDir::new(dir).min_depth(1).sort_by_file_name().into_iter().filter_entry(|item| {
        let name = item.file_name().to_string_lossy();
        let rel = item.path().strip_prefix(dir).map(|r| r.to_string_lossy().replace('\\', "/")).unwrap_or_default();
        !is_editor_file(&name) && (!name.starts_with('.') || included(&rel))
    });
    for item in walker.filter_map(Result::ok) {
        let Ok(rel) = item.path().strip_prefix(dir) else { continue };
        let rel = rel.to_string_lossy().replace('\\', "/");
        let kind = item.file_type();
        if kind.is_file() {
            found.files.push((rel, item.path().to_path_buf()));
        } else if !kind.is_dir() {
            let what = std::fs::symlink_metadata(item.path()).map_or("not a file", |m| kind_of(&m));
            found.skipped.push(
                Diagnostic::warning(relative(root, item.path()), format!("not published: it is {what}"))
                    .hint("glossgen copies regular files only and never follows links; copy the file itself here"),
            );
        }
    }
    found
}

/// What a path that is not a regular file or folder is, for messages.
pub fn kind_of(meta: &std::fs::Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let kind = meta.file_type();
    if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_fifo() {
        "a FIFO"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_block_device() || kind.is_char_device() {
        "a device"
    } else if kind.is_dir() {
        "a folder"
    } else {
        "a file"
    }
}
