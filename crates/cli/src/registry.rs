//! The store's regions and indicators as a [`pledge_sheets::Registry`], so imported rows
//! are checked against what the office has registered.

use std::collections::HashMap;

use pledge_sheets::{IndicatorInfo, IndicatorLookup, Registry};
use pledge_store::{IndicatorId, RegionId, Store};

/// Names (official names, display names, aliases) resolved to ids.
#[derive(Debug, Default)]
pub struct StoreRegistry {
    regions: HashMap<String, (RegionId, String)>,
    indicators: HashMap<String, (IndicatorId, IndicatorInfo)>,
    /// The indicator library for wordings that are no exact name or alias.
    library: pledge_indicators::Library,
}

impl StoreRegistry {
    /// Loads every region and indicator of the store.
    pub fn load(store: &dyn Store) -> anyhow::Result<StoreRegistry> {
        let mut out = StoreRegistry::default();
        for r in store.regions()? {
            for n in std::iter::once(&r.name)
                .chain(std::iter::once(&r.official_name))
                .chain(&r.aliases)
            {
                out.regions.entry(n.clone()).or_insert((r.id, r.name.clone()));
            }
        }
        let indicators = store.indicators()?;
        out.library = pledge_store::indicator::library(&indicators);
        for i in indicators {
            let info = IndicatorInfo {
                name: i.name.clone(),
                unit: Some(i.unit.clone()).filter(|u| !u.is_empty()),
            };
            for n in std::iter::once(&i.name).chain(&i.aliases) {
                out.indicators.entry(n.clone()).or_insert((i.id, info.clone()));
            }
        }
        Ok(out)
    }

    /// The id and name of a region by any of its names (or a short form the gazetteer
    /// knows).
    fn region_entry(&self, name: &str) -> Option<&(RegionId, String)> {
        let name = name.trim();
        self.regions.get(name).or_else(|| {
            let g = pledge_text::gazetteer();
            let place = g.lookup(name, None)?;
            self.regions.get(&g.places[place].name)
        })
    }

    /// The id of a region by any of its names (or a short form the gazetteer knows).
    pub fn region_id(&self, name: &str) -> Option<RegionId> {
        self.region_entry(name).map(|(id, _)| *id)
    }

    /// The id of an indicator by name or alias.
    pub fn indicator_id(&self, name: &str) -> Option<IndicatorId> {
        self.indicators.get(name.trim()).map(|(id, _)| *id)
    }
}

impl Registry for StoreRegistry {
    /// A region by one of its names only: a short form (`历城`) is suggested in full
    /// ([`Registry::suggest_region`]) rather than taken, as the form and the API do.
    fn region(&self, name: &str) -> Option<String> {
        self.regions.get(name.trim()).map(|(_, n)| n.clone())
    }

    fn suggest_region(&self, name: &str) -> Option<String> {
        self.region_entry(name).map(|(_, n)| n.clone())
    }

    fn indicator(&self, name: &str) -> Option<IndicatorInfo> {
        self.indicators.get(name.trim()).map(|(_, info)| info.clone())
    }

    fn lookup_indicator(&self, name: &str, unit: &str, measure: pledge_model::Measure) -> IndicatorLookup {
        pledge_sheets::lookup_in_library(&self.library, name, unit, measure)
    }
}
