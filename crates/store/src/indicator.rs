//! Indicators: the library of what targets and observations measure, with aliases.

use pledge_model::Desirability;
use serde::{Deserialize, Serialize};

use crate::IndicatorId;

/// The policy area an indicator belongs to (for grouping on the dashboard).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Category {
    /// Energy use, intensity and supply.
    Energy,
    /// Air, water quality, emissions.
    Environment,
    /// Building efficiency and renovation.
    Buildings,
    /// Vehicles, charging, freight.
    Transport,
    /// Green factories, industrial efficiency.
    Industry,
    /// Sewage, water supply.
    Water,
    /// Refuse, sludge.
    Waste,
    /// Output, investment, population.
    Economy,
    /// Technology, talent, research.
    Innovation,
    /// Culture and the arts.
    Culture,
    /// Anything else.
    Other,
}

impl Category {
    /// All categories, in display order.
    pub const ALL: [Category; 11] = [
        Category::Energy,
        Category::Environment,
        Category::Buildings,
        Category::Transport,
        Category::Industry,
        Category::Water,
        Category::Waste,
        Category::Economy,
        Category::Innovation,
        Category::Culture,
        Category::Other,
    ];

    /// The code stored in the database and used in the library file.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Energy => "energy",
            Category::Environment => "environment",
            Category::Buildings => "buildings",
            Category::Transport => "transport",
            Category::Industry => "industry",
            Category::Water => "water",
            Category::Waste => "waste",
            Category::Economy => "economy",
            Category::Innovation => "innovation",
            Category::Culture => "culture",
            Category::Other => "other",
        }
    }

    /// Parses a code.
    pub fn parse(code: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == code)
    }

    /// A category from the words of an indicator's name (for an indicator a person adds).
    pub fn guess(name: &str) -> Category {
        const WORDS: &[(Category, &[&str])] = &[
            (
                Category::Energy,
                &["能耗", "能源", "用电", "电耗", "装机", "供热", "取暖", "煤"],
            ),
            (
                Category::Environment,
                &["污染", "PM", "空气", "排放", "优良", "颗粒物", "臭氧"],
            ),
            (Category::Water, &["污水", "用水", "水质", "河", "湖"]),
            (Category::Waste, &["垃圾", "固废", "废物", "无废"]),
            (Category::Buildings, &["建筑", "住宅", "改造"]),
            (
                Category::Transport,
                &["货运", "交通", "公交", "汽车", "充电", "车辆", "轨道"],
            ),
            (
                Category::Innovation,
                &["科技", "技术", "研发", "人才", "院士", "高新", "专利", "孵化", "众创"],
            ),
            (
                Category::Culture,
                &["文化", "图书", "演出", "电影", "书房", "景区", "旅游", "展演", "作品"],
            ),
            (Category::Industry, &["工业", "工厂", "园区", "企业", "产能"]),
            (
                Category::Economy,
                &[
                    "生产总值",
                    "GDP",
                    "投资",
                    "营收",
                    "收入",
                    "成交额",
                    "交易额",
                    "订单",
                    "产值",
                    "消费",
                ],
            ),
        ];
        WORDS
            .iter()
            .find(|(_, words)| words.iter().any(|w| name.contains(w)))
            .map_or(Category::Other, |(c, _)| *c)
    }
}

/// The stored code of an optional desirability (`up`, `down`, `none`).
pub fn desirability_code(d: Option<Desirability>) -> &'static str {
    d.map_or("none", Desirability::as_str)
}

/// Parses a desirability code; `Some(None)` for `none`, `None` for an unknown code.
pub fn parse_desirability(code: &str) -> Option<Option<Desirability>> {
    match code {
        "up" => Some(Some(Desirability::Up)),
        "down" => Some(Some(Desirability::Down)),
        "none" => Some(None),
        _ => None,
    }
}

/// A stored indicator.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Indicator {
    /// Row id.
    pub id: IndicatorId,
    /// The canonical name (`单位地区生产总值能耗`).
    pub name: String,
    /// Other wordings that mean the same indicator (`能耗强度`), sorted.
    pub aliases: Vec<String>,
    /// The usual unit ('' when dimensionless).
    pub unit: String,
    /// Whether higher or lower is better; `None` when neither (GDP growth is not a goal
    /// the store should judge, a population count is not).
    pub desirability: Option<Desirability>,
    /// The policy area.
    pub category: Category,
    /// What it means, for people.
    pub description: String,
}

/// An indicator to insert or update; identity is the `name`. Aliases are added, never
/// removed; an alias already naming another indicator is an error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewIndicator {
    /// The canonical name.
    pub name: String,
    /// Other wordings.
    pub aliases: Vec<String>,
    /// The usual unit.
    pub unit: String,
    /// Whether higher or lower is better.
    pub desirability: Option<Desirability>,
    /// The policy area.
    pub category: Category,
    /// What it means.
    pub description: String,
}

/// The embedded starter library (`data/indicators.tsv`).
const STARTER: &str = include_str!("../data/indicators.tsv");

/// The starter library of indicators shipped with pledge: the indicators of the Jinan plan,
/// of the bundled observations and targets, with the wordings they go by.
///
/// The file is `name<TAB>unit<TAB>desirability<TAB>category<TAB>aliases (| separated)<TAB>description`;
/// `#` starts a comment line. It is checked by the tests, so a malformed line panics there.
pub fn starter_indicators() -> Vec<NewIndicator> {
    parse_library(STARTER).expect("the embedded indicator library is well formed")
}

/// Parses an indicator library in the format of [`starter_indicators`]; the error names
/// the 1-based line at fault.
pub fn parse_library(text: &str) -> Result<Vec<NewIndicator>, String> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() < 4 {
            return Err(format!("line {}: expected at least 4 tab-separated fields", i + 1));
        }
        let desirability = parse_desirability(f[2].trim())
            .ok_or_else(|| format!("line {}: unknown desirability {:?}", i + 1, f[2]))?;
        let category =
            Category::parse(f[3].trim()).ok_or_else(|| format!("line {}: unknown category {:?}", i + 1, f[3]))?;
        let aliases = f
            .get(4)
            .map(|a| {
                a.split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        out.push(NewIndicator {
            name: f[0].trim().to_owned(),
            aliases,
            unit: f[1].trim().to_owned(),
            desirability,
            category,
            description: f.get(5).map(|d| d.trim().to_owned()).unwrap_or_default(),
        });
    }
    Ok(out)
}

/// The matcher's library over stored indicators: each entry's key is the indicator's id,
/// so a [`pledge_indicators::Match`] names the indicator by `key`.
///
/// ```
/// use pledge_indicators::Query;
/// let dir = tempfile::tempdir().unwrap();
/// let store = pledge_store::open(dir.path().join("pledge.db").to_str().unwrap()).unwrap();
/// store.upsert_indicators(&pledge_store::starter_indicators(), "system").unwrap();
/// let library = store.indicator_library().unwrap();
/// let m = library.best(&Query::new("全市PM2.5年均濃度").unit("μg/m3")).unwrap();
/// assert_eq!(store.indicator(m.key).unwrap().unwrap().name, "PM2.5年均浓度");
/// assert!(m.is_confident());
/// ```
pub fn library(indicators: &[Indicator]) -> pledge_indicators::Library {
    pledge_indicators::Library::new(indicators.iter().map(|i| pledge_indicators::Entry {
        key: i.id,
        name: i.name.clone(),
        aliases: i.aliases.clone(),
        unit: Some(i.unit.trim().to_owned()),
    }))
}
