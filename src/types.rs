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

/// Index of an entry in the linked glossary's list of entries (`crate::link::Glossary::entries`).
pub type EntryIndex = usize;

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
            i if from < to && from < i && i <= to => i - 1,
            i if to < from && to <= i && i < from => i + 1,
            i => i,
        }
    }

    /// Moves the items of a list indexed by entry to the entries' new places.
    pub fn apply<T>(&self, items: &mut [T]) {
        if self.from < self.to {
            items[self.from..=self.to].rotate_left(1);
        } else if self.to < self.from {
            items[self.to..=self.from].rotate_right(1);
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
