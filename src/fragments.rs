//! The parts of the output that depend on one entry alone, each built by one function the first time a page
//! needs it and then shared by every page that shows it: the entry's card (listings, related lists,
//! neighbours, backlinks, alias redirects), the rest of its own page, its sitemap plan, its search-index
//! record, its JSON-export record and its feed item.
//!
//! These built values are also what `serve` compares after an edit ([`crate::render::changes`]): a part
//! whose value is the same as before needs no page that reads it rendered again, whatever field of the
//! entry changed. Adding a field to a part is therefore one edit in its builder and one in a template.

use std::sync::{Arc, OnceLock};

use crate::render::context::{Alternate, EntryCard, EntryDetails};

/// An entry's card: the value compared between builds, and the template value pages print.
#[derive(Debug, Clone)]
pub struct Card {
    /// What the card shows.
    pub card: EntryCard,
    /// The same as a template value, with the card partial's HTML (`html`) when the theme has one; tera
    /// values share their maps, so every page showing the card holds the same one.
    pub value: tera::Value,
}

/// Where an entry's page is and its versions in other languages (hreflang links, switcher, sitemap).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// Site-relative path of the page.
    pub path: String,
    /// The page in every language of the site.
    pub alternates: Vec<Alternate>,
}

/// An entry in its language's Atom feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedItem {
    /// The date it counts as updated.
    pub date: time::Date,
    /// Its `<entry>` element.
    pub xml: Box<str>,
}

/// The built parts of one entry; an empty slot is built on first use.
#[derive(Debug, Default, Clone)]
pub struct Fragments {
    /// Its card.
    pub card: OnceLock<Arc<Card>>,
    /// What its own page shows besides cards and the body.
    pub details: OnceLock<Arc<EntryDetails>>,
    /// Its page's address and language versions.
    pub plan: OnceLock<Arc<Plan>>,
    /// Its search-index record, as compact JSON.
    pub search: OnceLock<Box<str>>,
    /// Its JSON-export record, pretty-printed and indented as the export nests it.
    pub export: OnceLock<Box<str>>,
    /// Its feed item; `None` for an entry with no date.
    pub feed: OnceLock<Option<FeedItem>>,
}

impl Fragments {
    /// Empty slots for `entries` entries; shared, so a rebuild carries an unchanged entry's parts over for
    /// the price of a reference count.
    pub fn for_entries(entries: usize) -> Vec<Arc<Fragments>> {
        (0..entries).map(|_| Arc::default()).collect()
    }
}
