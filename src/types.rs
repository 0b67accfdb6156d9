//! Small value types every stage shares, with no dependencies on the rest of glossgen.

/// How hard an entry is; shown with a translated label and used for difficulty pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Difficulty {
    /// No background needed.
    Beginner,
    /// Assumes the basics.
    Intermediate,
    /// For practitioners.
    Advanced,
}

impl std::str::FromStr for Difficulty {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Difficulty::ALL
            .into_iter()
            .find(|d| d.key() == s)
            .ok_or_else(|| format!("`{s}` is not a difficulty; use beginner, intermediate or advanced"))
    }
}

impl Difficulty {
    /// All levels, easiest first.
    pub const ALL: [Difficulty; 3] = [Difficulty::Beginner, Difficulty::Intermediate, Difficulty::Advanced];

    /// The key used in front-matter, URLs and i18n (`difficulty_beginner`).
    pub fn key(self) -> &'static str {
        match self {
            Difficulty::Beginner => "beginner",
            Difficulty::Intermediate => "intermediate",
            Difficulty::Advanced => "advanced",
        }
    }
}

/// Index of an entry in the linked glossary's list of entries (`crate::link::Glossary::entries`): entries
/// are stored by language, alphabetically, so comparing indices of one language compares titles.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EntryIndex(usize);

impl EntryIndex {
    /// The entry before this one in the list, if any.
    pub fn previous(self) -> Option<EntryIndex> {
        self.0.checked_sub(1).map(EntryIndex)
    }

    /// The entry after this one in the list.
    pub fn next(self) -> EntryIndex {
        EntryIndex(self.0 + 1)
    }
}

/// A run of entries (`start..end`), iterated as entry indices, in parallel too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entries(pub std::ops::Range<usize>);

impl Entries {
    /// The first `len` entries.
    pub fn all(len: usize) -> Self {
        Entries(0..len)
    }

    /// How many entries the run holds.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// True if it holds none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// True if `index` is in the run.
    pub fn contains(&self, index: EntryIndex) -> bool {
        self.0.contains(&index.0)
    }

    /// The first entry of the run (where it would start, if empty).
    pub fn start(&self) -> EntryIndex {
        EntryIndex(self.0.start)
    }

    /// The entry after the last one.
    pub fn end(&self) -> EntryIndex {
        EntryIndex(self.0.end)
    }
}

impl Iterator for Entries {
    type Item = EntryIndex;

    fn next(&mut self) -> Option<EntryIndex> {
        self.0.next().map(EntryIndex)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl DoubleEndedIterator for Entries {
    fn next_back(&mut self) -> Option<EntryIndex> {
        self.0.next_back().map(EntryIndex)
    }
}

impl ExactSizeIterator for Entries {}

impl rayon::iter::IntoParallelIterator for Entries {
    type Iter = rayon::iter::Map<rayon::range::Iter<usize>, fn(usize) -> EntryIndex>;
    type Item = EntryIndex;

    fn into_par_iter(self) -> Self::Iter {
        use rayon::iter::ParallelIterator;
        self.0.into_par_iter().map(EntryIndex as fn(usize) -> EntryIndex)
    }
}

/// How `crate::link::Glossary::move_entry` renumbered the entries: the one at `from` is now at `to`, and those between
/// moved up or down by one to make room. Everything indexed by entry follows with [`Reorder::apply`] and
/// [`Reorder::map`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reorder {
    /// Where the moved entry was.
    pub from: EntryIndex,
    /// Where it is now.
    pub to: EntryIndex,
}

impl Reorder {
    /// The index now of the entry that was at `index`.
    pub fn map(&self, index: EntryIndex) -> EntryIndex {
        let (from, to) = (self.from, self.to);
        match index {
            i if i == from => to,
            i if from < to && from < i && i <= to => EntryIndex(i.0 - 1),
            i if to < from && to <= i && i < from => EntryIndex(i.0 + 1),
            i => i,
        }
    }

    /// Moves the items of a list indexed by entry to the entries' new places.
    pub fn apply<T>(&self, items: &mut [T]) {
        let (from, to) = (self.from.0, self.to.0);
        if from < to {
            items[from..=to].rotate_left(1);
        } else if to < from {
            items[to..=from].rotate_right(1);
        }
    }

    /// Puts every index of `list` in its new place; a list kept in alphabetical order stays sorted when
    /// `sorted` is set.
    pub fn renumber(&self, list: &mut [EntryIndex], sorted: bool) {
        let mut moved = false;
        for i in list.iter_mut() {
            moved |= *i == self.from;
            *i = self.map(*i);
        }
        // Only the moved entry can be out of place: the others keep their relative order.
        if sorted && moved {
            list.sort_unstable();
        }
    }
}

/// Where a site is published (`https://example.org/glossary/`): the one value that hands out every link
/// (site-relative, starting with the base URL's path, so a site under a sub-path or served locally keeps
/// working) and every permalink (absolute: canonical URLs, hreflang, sitemap, feeds).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl {
    /// Absolute http(s) URL ending in `/`.
    url: String,
    /// Its path part (`/` or `/glossary/`).
    path: String,
}

impl BaseUrl {
    /// Accepts an absolute http(s) URL (a trailing `/` is added); for anything else, says what is wrong. A
    /// user name or password (`https://user:pass@host/`) is refused: every page, the sitemap, robots.txt and
    /// the feeds print the base URL.
    pub fn parse(url: &str) -> Result<Self, &'static str> {
        const NOT_ABSOLUTE: &str = "is not an absolute http(s) URL";
        let rest = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).ok_or(NOT_ABSOLUTE)?;
        let host = rest.split('/').next().unwrap_or_default();
        if host.contains('@') {
            return Err(
                "holds a user name or password, which every page, the sitemap, robots.txt and the feeds would publish",
            );
        }
        if host.is_empty() || url.contains(['?', '#', ' ', '"', '<', '>', '\\']) || url.chars().any(char::is_control) {
            return Err(NOT_ABSOLUTE);
        }
        let mut url = url.to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        let after_scheme = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
        let path = after_scheme.find('/').map_or_else(|| "/".to_string(), |i| after_scheme[i..].to_string());
        Ok(BaseUrl { url, path })
    }

    /// The URL, ending in `/`.
    pub fn as_str(&self) -> &str {
        &self.url
    }

    /// Its path part, which prefixes every internal link (`/` or `/glossary/`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A link to a site-relative path (`en/overfitting/` → `/glossary/en/overfitting/`).
    pub fn link(&self, path: &str) -> String {
        format!("{}{path}", self.path)
    }

    /// The absolute URL of a site-relative path.
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{path}", self.url)
    }
}

/// Position of a language in the site's list of languages (the default language first): what entries,
/// pages and groups are filed under, and what indexes every per-language list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct LangPos(usize);

impl LangPos {
    /// Every position of a site with `languages` languages, in order.
    pub fn all(languages: usize) -> impl Iterator<Item = LangPos> + Clone {
        (0..languages).map(LangPos)
    }
}

/// Position of a group (a category, difficulty level or week of one language) in the site's list of
/// groups.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupIndex(usize);

impl GroupIndex {
    /// Every group of a list of `len` groups, in order.
    pub fn all(len: usize) -> impl Iterator<Item = GroupIndex> + Clone {
        (0..len).map(GroupIndex)
    }
}

/// For types that wrap a `usize` position: `new` and `get`, and lists indexed by the type directly
/// (`entries[index]`).
macro_rules! position_type {
    ($($position:ident),*) => {$(
        impl $position {
            /// The position `position`.
            pub const fn new(position: usize) -> Self {
                $position(position)
            }

            /// The position as a number.
            pub const fn get(self) -> usize {
                self.0
            }
        }

        impl<T> std::ops::Index<$position> for [T] {
            type Output = T;

            fn index(&self, at: $position) -> &T {
                &self[at.0]
            }
        }

        impl<T> std::ops::IndexMut<$position> for [T] {
            fn index_mut(&mut self, at: $position) -> &mut T {
                &mut self[at.0]
            }
        }

        impl<T> std::ops::Index<$position> for Vec<T> {
            type Output = T;

            fn index(&self, at: $position) -> &T {
                &self[at.0]
            }
        }

        impl<T> std::ops::IndexMut<$position> for Vec<T> {
            fn index_mut(&mut self, at: $position) -> &mut T {
                &mut self[at.0]
            }
        }
    )*};
}

position_type!(EntryIndex, LangPos, GroupIndex);
