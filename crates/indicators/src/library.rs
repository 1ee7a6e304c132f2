//! The indicator library as the matcher sees it: names, aliases and units, each wording
//! with its normalised form worked out once.

use std::collections::HashMap;

use crate::normalize::normalize;

/// One indicator of the library.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The caller's key for it (the store's indicator id), handed back in a match.
    pub key: i64,
    /// The canonical name.
    pub name: String,
    /// Other wordings of the same indicator.
    pub aliases: Vec<String>,
    /// The unit its values are kept in (`""` dimensionless), `None` when not known.
    pub unit: Option<String>,
}

impl Entry {
    /// An entry with no aliases; `unit` is the unit of its values (`""` dimensionless).
    pub fn new(key: i64, name: &str, unit: &str) -> Entry {
        Entry {
            key,
            name: name.to_owned(),
            aliases: Vec::new(),
            unit: Some(unit.trim().to_owned()),
        }
    }

    /// The entry with one more alias.
    pub fn alias(mut self, alias: &str) -> Entry {
        self.aliases.push(alias.to_owned());
        self
    }
}

/// One wording of an entry: the name or an alias.
#[derive(Debug, Clone)]
pub(crate) struct Wording {
    /// Index of the entry in [`Library::entries`].
    pub entry: usize,
    /// The wording as the library writes it.
    pub text: String,
    /// Its normalised form.
    pub normal: String,
    /// The characters of the normalised form, for containment and overlap.
    pub chars: Vec<char>,
}

/// The indicator library, ready to be matched against.
#[derive(Debug, Clone, Default)]
pub struct Library {
    entries: Vec<Entry>,
    wordings: Vec<Wording>,
    /// Exact wording (trimmed) → entry index.
    exact: HashMap<String, usize>,
}

impl Library {
    /// A library of these entries. When two entries share a wording, the first keeps it.
    pub fn new(entries: impl IntoIterator<Item = Entry>) -> Library {
        let mut library = Library::default();
        for entry in entries {
            let index = library.entries.len();
            for text in std::iter::once(&entry.name).chain(&entry.aliases) {
                let text = text.trim();
                if text.is_empty() {
                    continue;
                }
                library.exact.entry(text.to_owned()).or_insert(index);
                let normal = normalize(text);
                library.wordings.push(Wording {
                    entry: index,
                    text: text.to_owned(),
                    chars: normal.chars().collect(),
                    normal,
                });
            }
            library.entries.push(entry);
        }
        library
    }

    /// Every entry, in the order given.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry at `index` (as in [`crate::Match::index`]).
    pub fn entry(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index)
    }

    /// The index of the entry whose name or alias is exactly `text` (trimmed).
    pub fn exact(&self, text: &str) -> Option<usize> {
        self.exact.get(text.trim()).copied()
    }

    /// Every wording, with the entry it belongs to.
    pub(crate) fn wordings(&self) -> &[Wording] {
        &self.wordings
    }
}
