//! The regions and indicators an import may name: the trait the store implements, an
//! in-memory registry for tests, and a permissive one for reading files without a database.

use std::collections::HashMap;

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

/// The regions and indicators an import may name. The store and the CLI implement it
/// over the database; [`MemoryRegistry`] and [`PermissiveRegistry`] serve tests and
/// files read without a database.
pub trait Registry {
    /// The canonical name of the region called `name` (trimmed), or `None` when unknown.
    fn region(&self, name: &str) -> Option<String>;
    /// The indicator called `name` (trimmed; a name or an alias), or `None` when unknown.
    fn indicator(&self, name: &str) -> Option<IndicatorInfo>;
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
