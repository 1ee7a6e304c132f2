//! The regions and indicators an import may name: the trait the store implements, an
//! in-memory registry for tests, and a permissive one for reading files without a database.

use std::collections::HashMap;

use pledge_indicators::{Library, Query};
use pledge_model::Measure;
use serde::Serialize;

/// What the importer needs to know about an indicator: its canonical name and the unit
/// its values are stored in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndicatorInfo {
    /// The canonical name (an alias in the file resolves to it).
    pub name: String,
    /// The unit values are converted to; `Some("")` for a dimensionless indicator (an
    /// index), `None` when the unit is not known, in which case any unit is accepted and
    /// values are kept as written.
    pub unit: Option<String>,
}

/// What a registry makes of an indicator's wording given with a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndicatorLookup {
    /// The indicator meant.
    Known(IndicatorInfo),
    /// Not known; perhaps the name of the indicator the wording most resembles.
    Unknown {
        /// The canonical name of the closest indicator, to suggest.
        suggestion: Option<String>,
    },
}

/// The regions and indicators an import may name. The store and the CLI implement it
/// over the database; [`MemoryRegistry`] and [`PermissiveRegistry`] serve tests and
/// files read without a database.
pub trait Registry {
    /// The canonical name of the region called `name` (trimmed), or `None` when unknown.
    fn region(&self, name: &str) -> Option<String>;
    /// The indicator called `name` (trimmed; a name or an alias), or `None` when unknown.
    fn indicator(&self, name: &str) -> Option<IndicatorInfo>;

    /// The indicator a wording means for a value in `unit` with `measure`; by default
    /// [`Registry::indicator`] with no suggestion. Registries over the library use
    /// [`lookup_in_library`] (the normalised form, units agreeing in dimension).
    fn lookup_indicator(&self, name: &str, unit: &str, measure: Measure) -> IndicatorLookup {
        let _ = (unit, measure);
        match self.indicator(name) {
            Some(info) => IndicatorLookup::Known(info),
            None => IndicatorLookup::Unknown { suggestion: None },
        }
    }

    /// A region name to suggest for an unknown `name` (`历城` → `历城区`); none by default.
    fn suggest_region(&self, name: &str) -> Option<String> {
        let _ = name;
        None
    }

    /// Whether every row must name its `source_url` and `quote` (true by default). A
    /// signed-in reporter's own figures need neither: the account and the time recorded
    /// with them are their source ([`OwnFigures`]).
    fn requires_source(&self) -> bool {
        true
    }
}

/// A registry for a signed-in reporter's own figures: the inner registry's names, with
/// `source_url` and `quote` optional.
pub struct OwnFigures<'r>(pub &'r dyn Registry);

impl Registry for OwnFigures<'_> {
    fn region(&self, name: &str) -> Option<String> {
        self.0.region(name)
    }

    fn indicator(&self, name: &str) -> Option<IndicatorInfo> {
        self.0.indicator(name)
    }

    fn lookup_indicator(&self, name: &str, unit: &str, measure: Measure) -> IndicatorLookup {
        self.0.lookup_indicator(name, unit, measure)
    }

    fn suggest_region(&self, name: &str) -> Option<String> {
        self.0.suggest_region(name)
    }

    fn requires_source(&self) -> bool {
        false
    }
}

/// The lowest matcher score at which an unknown wording's closest indicator is suggested.
pub const SUGGEST_SCORE: f64 = 0.6;

/// Looks a wording up in the indicator library: an exact name or alias is known whatever
/// the unit (a unit that does not convert is then the unit's error); a confident match
/// ([`pledge_indicators::Match::is_confident`]: the same normalised form, units agreeing
/// in dimension) is known too; anything else is unknown, with the closest indicator
/// scoring at least [`SUGGEST_SCORE`] as a suggestion.
pub fn lookup_in_library(library: &Library, name: &str, unit: &str, measure: Measure) -> IndicatorLookup {
    let info = |index: usize| {
        library.entry(index).map(|e| IndicatorInfo {
            name: e.name.clone(),
            unit: e.unit.clone().filter(|u| !u.is_empty()),
        })
    };
    if let Some(found) = library.exact(name).and_then(info) {
        return IndicatorLookup::Known(found);
    }
    let query = Query::new(name).unit(unit).measure(measure);
    let ranked = library.ranked(&query);
    if let Some(found) = ranked.iter().find(|m| m.is_confident()).and_then(|m| info(m.index)) {
        return IndicatorLookup::Known(found);
    }
    IndicatorLookup::Unknown {
        suggestion: ranked.into_iter().find(|m| m.score >= SUGGEST_SCORE).map(|m| m.name),
    }
}

/// A registry held in memory: exact names and aliases, nothing fuzzy.
#[derive(Debug, Clone, Default)]
pub struct MemoryRegistry {
    regions: HashMap<String, String>,
    indicators: HashMap<String, IndicatorInfo>,
}

impl MemoryRegistry {
    /// An empty registry (knows nothing; every region and indicator is refused).
    pub fn new() -> MemoryRegistry {
        MemoryRegistry::default()
    }

    /// Adds a region under its canonical name.
    pub fn with_region(mut self, name: &str) -> MemoryRegistry {
        self.regions.insert(name.to_owned(), name.to_owned());
        self
    }

    /// Adds another name for a region (`济南` for `济南市`).
    pub fn with_region_alias(mut self, alias: &str, canonical: &str) -> MemoryRegistry {
        self.regions.insert(alias.to_owned(), canonical.to_owned());
        self
    }

    /// Adds an indicator with the unit its values are stored in (`""` for dimensionless).
    pub fn with_indicator(mut self, name: &str, unit: &str) -> MemoryRegistry {
        let info = IndicatorInfo {
            name: name.to_owned(),
            unit: Some(unit.to_owned()),
        };
        self.indicators.insert(name.to_owned(), info);
        self
    }

    /// Adds another name for an indicator already added (ignored when it is not).
    pub fn with_indicator_alias(mut self, alias: &str, canonical: &str) -> MemoryRegistry {
        if let Some(info) = self.indicators.get(canonical).cloned() {
            self.indicators.insert(alias.to_owned(), info);
        }
        self
    }
}

impl Registry for MemoryRegistry {
    fn region(&self, name: &str) -> Option<String> {
        self.regions.get(name).cloned()
    }

    fn indicator(&self, name: &str) -> Option<IndicatorInfo> {
        self.indicators.get(name).cloned()
    }
}

/// A registry that accepts every region and indicator as written, with no unit to
/// convert to: for reading a file without a database (checking its shape, the demo's
/// first load, tests on real data).
#[derive(Debug, Clone, Copy, Default)]
pub struct PermissiveRegistry;

impl Registry for PermissiveRegistry {
    fn region(&self, name: &str) -> Option<String> {
        Some(name.to_owned())
    }

    fn indicator(&self, name: &str) -> Option<IndicatorInfo> {
        Some(IndicatorInfo {
            name: name.to_owned(),
            unit: None,
        })
    }
}
