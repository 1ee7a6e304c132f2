//! Regions: the hierarchy of places targets and observations belong to.

use serde::{Deserialize, Serialize};

use crate::RegionId;

/// The level of a region in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RegionLevel {
    /// 中国.
    Country,
    /// Provinces, autonomous regions, municipalities, SARs.
    Province,
    /// Prefecture-level cities.
    Prefecture,
    /// Counties, districts, county-level cities, functional zones.
    County,
    /// Anything else a figure is about (`京津冀及周边地区`, a river basin).
    Other,
}

impl RegionLevel {
    /// The code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            RegionLevel::Country => "country",
            RegionLevel::Province => "province",
            RegionLevel::Prefecture => "prefecture",
            RegionLevel::County => "county",
            RegionLevel::Other => "other",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<RegionLevel> {
        Some(match code {
            "country" => RegionLevel::Country,
            "province" => RegionLevel::Province,
            "prefecture" => RegionLevel::Prefecture,
            "county" => RegionLevel::County,
            "other" => RegionLevel::Other,
            _ => return None,
        })
    }
}

impl From<pledge_text::Level> for RegionLevel {
    fn from(level: pledge_text::Level) -> RegionLevel {
        match level {
            pledge_text::Level::Country => RegionLevel::Country,
            pledge_text::Level::Province => RegionLevel::Province,
            pledge_text::Level::Prefecture => RegionLevel::Prefecture,
            pledge_text::Level::County => RegionLevel::County,
        }
    }
}

/// A stored region.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Region {
    /// Row id.
    pub id: RegionId,
    /// The name pledge shows (`济南高新区`).
    pub name: String,
    /// The full official name (`济南高新技术产业开发区`).
    pub official_name: String,
    /// GB/T 2260 code, when it has one.
    pub code: Option<String>,
    /// Level in the hierarchy.
    pub level: RegionLevel,
    /// The region it lies in.
    pub parent: Option<RegionId>,
    /// Other names it goes by (short forms, former names), sorted.
    pub aliases: Vec<String>,
}

/// How a [`NewRegion`] names its parent: rows of one upsert may refer to rows earlier in
/// the same slice, which have no id yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParentRef {
    /// An existing region by id.
    Id(RegionId),
    /// The region with this GB/T 2260 code.
    Code(String),
    /// The region with this official name (the first one when ambiguous: prefer codes).
    Official(String),
}

/// A region to insert or update.
///
/// Identity: the `code` when present, else (`official_name`, parent). An existing row with
/// the same identity is updated (name, level, parent; aliases are added, never removed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRegion {
    /// The name pledge shows.
    pub name: String,
    /// The full official name; the same as `name` for most places.
    pub official_name: String,
    /// GB/T 2260 code, if any.
    pub code: Option<String>,
    /// Level in the hierarchy.
    pub level: RegionLevel,
    /// The region it lies in.
    pub parent: Option<ParentRef>,
    /// Other names it goes by.
    pub aliases: Vec<String>,
}

impl NewRegion {
    /// A region without code or aliases whose official name is its name.
    pub fn named(name: &str, level: RegionLevel, parent: Option<ParentRef>) -> NewRegion {
        NewRegion {
            name: name.to_owned(),
            official_name: name.to_owned(),
            code: None,
            level,
            parent,
            aliases: Vec::new(),
        }
    }
}

/// Every place of the embedded gazetteer (`pledge_text::gazetteer()`: China's divisions down
/// to counties plus functional zones such as 济南高新区), parents before children, ready
/// for [`Store::upsert_regions`](crate::Store::upsert_regions).
pub fn gazetteer_regions() -> Vec<NewRegion> {
    let g = pledge_text::gazetteer();
    g.places
        .iter()
        .map(|p| {
            let parent = p.parent.map(|i| {
                let parent = &g.places[i];
                if parent.code.is_empty() {
                    ParentRef::Official(parent.official.clone())
                } else {
                    ParentRef::Code(parent.code.clone())
                }
            });
            NewRegion {
                name: p.name.clone(),
                official_name: p.official.clone(),
                code: (!p.code.is_empty()).then(|| p.code.clone()),
                level: p.level.into(),
                parent,
                aliases: Vec::new(),
            }
        })
        .collect()
}

/// What an upsert of regions or indicators did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UpsertSummary {
    /// Rows newly inserted.
    pub inserted: usize,
    /// Existing rows whose fields changed.
    pub updated: usize,
    /// Existing rows left as they were.
    pub unchanged: usize,
}
