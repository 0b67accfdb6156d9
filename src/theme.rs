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
    } else if config.theme == "default" {
        for file in files_of(&DEFAULT_THEME) {
            let path = file.path().to_string_lossy().replace('\\', "/");
            let origin = Path::new("<default theme>").join(&path);
            if let Some(name) = path.strip_prefix("templates/") {
                push_template(&mut theme, &mut problems, name.to_string(), file.contents().to_vec(), origin);
            } else if let Some(name) = path.strip_prefix("static/") {
                theme.static_files.push((name.to_string(), file.contents().to_vec()));
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
    if problems.is_empty() { Ok(theme) } else { Err(problems) }
}

fn push_template(theme: &mut Theme, problems: &mut Vec<Diagnostic>, name: String, bytes: Vec<u8>, origin: PathBuf) {
    match String::from_utf8(bytes) {
        Ok(source) => theme.templates.push(Template { name, source, origin }),
        Err(_) => problems.push(Diagnostic::error(origin, "the template is not valid UTF-8")),
    }
}

fn files_of(dir: &'static Dir<'static>) -> Vec<&'static include_dir::File<'static>> {
    let mut out: Vec<_> = dir.files().collect();
    for sub in dir.dirs() {
        out.extend(files_of(sub));
    }
    out
}

/// Calls `f(relative name, bytes, origin)` for every regular file below `dir`; symlinks are not followed.
fn read_dir_files(root: &Path, dir: &Path, f: &mut dyn FnMut(String, Vec<u8>, PathBuf)) {
    if !dir.is_dir() {
        return;
    }
    for item in walkdir::WalkDir::new(dir).sort_by_file_name().into_iter().filter_map(Result::ok) {
        if !item.file_type().is_file() || item.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let Ok(name) = item.path().strip_prefix(dir) else {
            continue;
        };
        let name = name.to_string_lossy().replace('\\', "/");
        if let Ok(bytes) = std::fs::read(item.path()) {
            f(name, bytes, relative(root, item.path()));
        }
    }
}
