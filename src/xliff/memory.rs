//! What each translation was translated from: when glossgen stamps a translation it keeps the source
//! entry's text of that moment in `translation-sources/<lang>/<id>.md` (a folder of the site, to commit
//! with it). An export of an outdated translation shows the translator that text beside the current one.

use std::path::{Path, PathBuf};

use crate::config::LangCode;
use crate::slug::ConceptId;

/// The folder, relative to the site root.
pub const FOLDER: &str = "translation-sources";

fn path_of(root: &Path, lang: &LangCode, id: &ConceptId) -> PathBuf {
    root.join(FOLDER).join(lang.as_str()).join(format!("{id}.md"))
}

/// Keeps `source_text`, the source entry's file as it is now, as what the `lang` translation of `id`
/// follows.
pub fn record(root: &Path, lang: &LangCode, id: &ConceptId, source_text: &str) -> std::io::Result<()> {
    let path = path_of(root, lang, id);
    if std::fs::read_to_string(&path).is_ok_and(|t| t == source_text) {
        return Ok(());
    }
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    let temp = path.with_extension("md.tmp");
    std::fs::write(&temp, source_text)?;
    std::fs::rename(&temp, &path)
}

/// The source text the `lang` translation of `id` was last stamped from, if it was kept.
pub fn previous(root: &Path, lang: &LangCode, id: &ConceptId) -> Option<String> {
    std::fs::read_to_string(path_of(root, lang, id)).ok()
}
