//! The output of a site in memory, as the dev server serves it: path → contents, split into many small
//! shared maps. The server takes a copy after every rebuild for the price of a reference count per shard,
//! and a rebuild that changes a few files copies only the shards holding them, not the 60,000 paths of a
//! large glossary.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

/// How many shards a map has: enough that the files one edit changes touch a few small shards.
const SHARDS: usize = 1024;

type Shard = HashMap<Arc<str>, Arc<[u8]>>;

/// Output path (`en/overfitting/index.html`) → contents.
#[derive(Clone, PartialEq, Eq)]
pub struct Files {
    shards: Vec<Arc<Shard>>,
}

impl Default for Files {
    fn default() -> Self {
        Files::new()
    }
}

impl std::fmt::Debug for Files {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Files").field("len", &self.len()).finish()
    }
}

fn shard_of(path: &str) -> usize {
    (rustc_hash::FxBuildHasher.hash_one(path) as usize) % SHARDS
}

impl Files {
    /// No files.
    pub fn new() -> Self {
        Files { shards: (0..SHARDS).map(|_| Arc::default()).collect() }
    }

    /// The contents at `path`.
    pub fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.shards[shard_of(path)].get(path)
    }

    /// True if there is a file at `path`.
    pub fn contains_key(&self, path: &str) -> bool {
        self.get(path).is_some()
    }

    /// Puts `bytes` at `path`; returns what was there.
    pub fn insert(&mut self, path: Arc<str>, bytes: Arc<[u8]>) -> Option<Arc<[u8]>> {
        Arc::make_mut(&mut self.shards[shard_of(&path)]).insert(path, bytes)
    }

    /// Removes the file at `path`; returns what was there.
    pub fn remove(&mut self, path: &str) -> Option<Arc<[u8]>> {
        let shard = &mut self.shards[shard_of(path)];
        if !shard.contains_key(path) {
            return None;
        }
        Arc::make_mut(shard).remove(path)
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.shards.iter().map(|s| s.len()).sum()
    }

    /// True if there are none.
    pub fn is_empty(&self) -> bool {
        self.shards.iter().all(|s| s.is_empty())
    }

    /// Every path and its contents, in no particular order.
    pub fn iter(&self) -> impl Iterator<Item = (&Arc<str>, &Arc<[u8]>)> {
        self.shards.iter().flat_map(|s| s.iter())
    }

    /// Every path, in no particular order.
    pub fn keys(&self) -> impl Iterator<Item = &Arc<str>> {
        self.iter().map(|(k, _)| k)
    }

    /// Every file's contents, in no particular order.
    pub fn values(&self) -> impl Iterator<Item = &Arc<[u8]>> {
        self.iter().map(|(_, v)| v)
    }
}

impl<Q: AsRef<str> + ?Sized> std::ops::Index<&Q> for Files {
    type Output = Arc<[u8]>;

    fn index(&self, path: &Q) -> &Arc<[u8]> {
        self.get(path.as_ref()).unwrap_or_else(|| panic!("no file at {}", path.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_copy_keeps_its_files_while_the_original_changes() {
        let mut files = Files::new();
        for n in 0..5000 {
            files.insert(format!("en/{n}/index.html").into(), Arc::from(n.to_string().as_bytes()));
        }
        let copy = files.clone();
        files.insert("en/7/index.html".into(), Arc::from(&b"new"[..]));
        assert_eq!(files.remove("en/8/index.html").as_deref(), Some(&b"8"[..]));
        assert_eq!(files.remove("en/8/index.html"), None);
        assert_eq!(&*copy["en/7/index.html"], b"7");
        assert!(copy.contains_key("en/8/index.html"));
        assert_eq!(&*files["en/7/index.html"], b"new");
        assert_eq!((files.len(), copy.len()), (4999, 5000));
        assert_ne!(files, copy);
        // Only the changed shards were copied.
        let mut touched = vec![shard_of("en/7/index.html"), shard_of("en/8/index.html")];
        touched.dedup();
        let shared = files.shards.iter().zip(&copy.shards).filter(|(a, b)| Arc::ptr_eq(a, b)).count();
        assert_eq!(shared, SHARDS - touched.len());
    }
}
