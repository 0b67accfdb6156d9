//! Output that depends on one entry alone: its card (shown by listings, related lists and neighbours), its
//! record in the search index and its record in the JSON export. Each is built the first time something
//! needs it and then shared; whole-language documents are assembled from the records, so after an edit
//! `serve` serializes again only the entries that changed, not the whole language.

use std::sync::OnceLock;

/// The built pieces of one entry; an empty slot is built on first use.
#[derive(Debug, Default, Clone)]
pub struct Fragments {
    /// The entry's card as a template value; tera values share their maps, so every page showing the card
    /// holds the same one.
    pub card: OnceLock<tera::Value>,
    /// Its search-index record, as compact JSON.
    pub search: OnceLock<Box<str>>,
    /// Its JSON-export record, pretty-printed and indented as the export nests it.
    pub export: OnceLock<Box<str>>,
}

impl Fragments {
    /// Empty slots for `entries` entries.
    pub fn for_entries(entries: usize) -> Vec<Fragments> {
        (0..entries).map(|_| Fragments::default()).collect()
    }
}
