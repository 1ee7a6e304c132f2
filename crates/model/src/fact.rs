//! Fact records: one quantitative statement found in a document (`spec/facts.md`).

use serde::{Deserialize, Serialize};

/// Whether a fact is a value someone commits to reach or a value reported as reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A committed-to value (`到2025年…达到…`).
    Target,
    /// A reported or measured value (`实际完成…`).
    Actual,
}

/// What a value measures: the indicator's level, a change against a baseline, or an
/// amount added within a period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Measure {
    /// The indicator's own value (`达到90%`).
    Level,
    /// A change against `baseline_year` (`下降14.8%`, `同比增长37.8%`).
    Change,
    /// An amount added or done within the period (`新增40万吨/日`).
    Increment,
}

/// The direction of a `change`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// 提高/增长/增加.
    Up,
    /// 下降/降低/减少.
    Down,
}

impl Direction {
    /// The other way: what a change written with a minus sign goes (`增长-8.7%` is down).
    pub fn opposite(self) -> Self {
        match self {
            Direction::Up => Direction::Down,
            Direction::Down => Direction::Up,
        }
    }
}

/// How the stated value bounds the real one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Bound {
    /// 达到/为/完成: exactly (or, with a desirable direction, at least as good as).
    #[serde(rename = "=")]
    Eq,
    /// 以上/超过/不低于/不少于/至少.
    #[serde(rename = ">=")]
    Ge,
    /// 以内/以下/不超过/控制在…以内.
    #[serde(rename = "<=")]
    Le,
    /// 左右/约: within a tolerance of the stated number.
    #[serde(rename = "~")]
    About,
}

impl Kind {
    /// The name facts.md gives it (`target`, `actual`), as serialized: for columnar
    /// outputs (Arrow) that write the name without going through JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Target => "target",
            Kind::Actual => "actual",
        }
    }
}

impl Measure {
    /// The name facts.md gives it (`level`, `change`, `increment`), as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Measure::Level => "level",
            Measure::Change => "change",
            Measure::Increment => "increment",
        }
    }
}

impl Direction {
    /// The name facts.md gives it (`up`, `down`), as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Up => "up",
            Direction::Down => "down",
        }
    }
}

impl Bound {
    /// The symbol facts.md gives it (`=`, `>=`, `<=`, `~`), as serialized.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::Eq => "=",
            Bound::Ge => ">=",
            Bound::Le => "<=",
            Bound::About => "~",
        }
    }
}

/// Text that many records hold alike (a document id, a scope, a unit): shared, not
/// copied, so extracting a fact allocates only what is its own. Serialized as a string.
pub type SharedStr = std::sync::Arc<str>;

/// One quantitative statement of a document, pointing back at the span it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fact {
    /// Id of the source document (the file stem unless given).
    pub doc: SharedStr,
    /// 0-based index of the article inside the document.
    pub article: usize,
    /// Target or actual.
    pub kind: Kind,
    /// Who or where the fact is about, as a full simplified name (`济南市`).
    pub scope: SharedStr,
    /// What is measured, as worded in the text.
    pub indicator: String,
    /// The year the target is due or the actual refers to.
    pub year: Option<i32>,
    /// Part of a year (`Q1`, `H1`, `1-9月`); `None` for a whole year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// The year a change is compared against, or the year before an increment starts.
    pub baseline_year: Option<i32>,
    /// Level, change or increment.
    pub measure: Measure,
    /// Up or down, for changes only.
    pub direction: Option<Direction>,
    /// How the value bounds the real one.
    pub bound: Bound,
    /// The number with Chinese magnitudes applied.
    pub value: f64,
    /// Upper end of a range.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    /// The unit left after the magnitude is taken out, in simplified characters.
    pub unit: SharedStr,
    /// The shortest span of normalized text that states the fact.
    pub quote: String,
    /// Byte offsets of the quote in the original input.
    pub span: [usize; 2],
}
