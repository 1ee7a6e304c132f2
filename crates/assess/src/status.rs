//! Status classes and the lights that show them.

use serde::{Deserialize, Serialize};

use crate::options::Profile;

/// The verdict on a target, decided by the ordered rules of `assess-io.md`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Status {
    /// The bound is met: at the target year, or already before it (提前实现).
    Achieved,
    /// Progress keeps pace with time (快于/符合预期).
    OnTrack,
    /// Progress is made but too slowly (基本符合, 需加快).
    NeedsAcceleration,
    /// Little progress for the time elapsed (滞后).
    Lagging,
    /// Moving away from the target, or no longer meeting a bound the base met (倒退/不降反升).
    Deteriorating,
    /// The target year has come and the bound is not met (未实现).
    Missed,
    /// Assessed as of a date: the target year has passed and its figure, normally
    /// published by then, has not been reported (逾期未报).
    Overdue,
    /// No base, or no observation after it (数据不足).
    InsufficientData,
    /// The method cannot be applied (compound growth through a value ≤ 0) (无法评估).
    NotAssessable,
}

/// A traffic light: the four colours of the Open SDG gauge plus grey for no verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Light {
    /// ACHIEVED, ON_TRACK (NDRC 三级).
    Green,
    /// NEEDS_ACCELERATION (NDRC 二级 also covers LAGGING).
    Yellow,
    /// LAGGING (four-colour mode only).
    Orange,
    /// DETERIORATING, MISSED, OVERDUE (NDRC 一级).
    Red,
    /// INSUFFICIENT_DATA, NOT_ASSESSABLE.
    Grey,
}

/// The three warning levels of the NDRC energy barometer (晴雨表).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NdrcLevel {
    /// 三级预警, 基本顺利: green.
    #[serde(rename = "三级")]
    Level3,
    /// 二级预警, 比较严峻: yellow.
    #[serde(rename = "二级")]
    Level2,
    /// 一级预警, 形势十分严峻: red.
    #[serde(rename = "一级")]
    Level1,
}

impl NdrcLevel {
    /// The level as printed (`三级`, `二级`, `一级`).
    pub fn as_str(self) -> &'static str {
        match self {
            NdrcLevel::Level3 => "三级",
            NdrcLevel::Level2 => "二级",
            NdrcLevel::Level1 => "一级",
        }
    }

    /// The colour of the level.
    pub fn light(self) -> Light {
        match self {
            NdrcLevel::Level3 => Light::Green,
            NdrcLevel::Level2 => Light::Yellow,
            NdrcLevel::Level1 => Light::Red,
        }
    }
}

impl Status {
    /// The name used in JSON (`ON_TRACK`).
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "ACHIEVED",
            Status::OnTrack => "ON_TRACK",
            Status::NeedsAcceleration => "NEEDS_ACCELERATION",
            Status::Lagging => "LAGGING",
            Status::Deteriorating => "DETERIORATING",
            Status::Missed => "MISSED",
            Status::Overdue => "OVERDUE",
            Status::InsufficientData => "INSUFFICIENT_DATA",
            Status::NotAssessable => "NOT_ASSESSABLE",
        }
    }

    /// A short Chinese label, in the vocabulary of plan evaluations.
    pub fn label_zh(self) -> &'static str {
        match self {
            Status::Achieved => "已实现",
            Status::OnTrack => "符合序时进度",
            Status::NeedsAcceleration => "需加快进度",
            Status::Lagging => "进度滞后",
            Status::Deteriorating => "不进反退",
            Status::Missed => "未实现",
            Status::Overdue => "逾期未报",
            Status::InsufficientData => "数据不足",
            Status::NotAssessable => "无法评估",
        }
    }

    /// A short English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::OnTrack => "on track",
            Status::NeedsAcceleration => "needs acceleration",
            Status::Lagging => "lagging",
            Status::Deteriorating => "deteriorating",
            Status::Missed => "missed",
            Status::Overdue => "overdue",
            Status::InsufficientData => "insufficient data",
            Status::NotAssessable => "not assessable",
        }
    }

    /// The four-colour light of `progress-methods.md` §6.4.
    pub fn light4(self) -> Light {
        match self {
            Status::Achieved | Status::OnTrack => Light::Green,
            Status::NeedsAcceleration => Light::Yellow,
            Status::Lagging => Light::Orange,
            Status::Deteriorating | Status::Missed | Status::Overdue => Light::Red,
            Status::InsufficientData | Status::NotAssessable => Light::Grey,
        }
    }

    /// The NDRC barometer level (§6.4 three-colour mode); `None` when there is no verdict.
    pub fn ndrc_level(self) -> Option<NdrcLevel> {
        match self {
            Status::Achieved | Status::OnTrack => Some(NdrcLevel::Level3),
            Status::NeedsAcceleration | Status::Lagging => Some(NdrcLevel::Level2),
            Status::Deteriorating | Status::Missed | Status::Overdue => Some(NdrcLevel::Level1),
            Status::InsufficientData | Status::NotAssessable => None,
        }
    }

    /// The light under a profile: three colours for `ndrc`, four otherwise.
    pub fn light(self, profile: Profile) -> Light {
        match profile {
            Profile::Ndrc => self.ndrc_level().map_or(Light::Grey, NdrcLevel::light),
            Profile::StatcanEurostat | Profile::Unsd2022 => self.light4(),
        }
    }
}

/// Why a target has no verdict on its progress: the named gaps of the scoreboard, in
/// place of one 数据不足.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Gap {
    /// No whole-year figure of the indicator at all (从未报送).
    NeverReported,
    /// A single whole-year figure: nothing to measure progress between (仅一个数据点).
    OnePoint,
    /// Assessed as of a date: no figure after the base is due yet (尚未到报送期).
    NotYetDue,
    /// Assessed as of a date: the target-year figure is past due (逾期未报).
    Overdue,
}

/// Every gap, in the order the board lists them.
pub const GAPS: [Gap; 4] = [Gap::Overdue, Gap::NeverReported, Gap::OnePoint, Gap::NotYetDue];

impl Gap {
    /// The name used in JSON and in filters (`never_reported`).
    pub fn as_str(self) -> &'static str {
        match self {
            Gap::NeverReported => "never_reported",
            Gap::OnePoint => "one_point",
            Gap::NotYetDue => "not_yet_due",
            Gap::Overdue => "overdue",
        }
    }

    /// Parses a gap name as used in JSON.
    pub fn from_name(name: &str) -> Option<Gap> {
        GAPS.into_iter().find(|g| g.as_str().eq_ignore_ascii_case(name))
    }

    /// A short Chinese label.
    pub fn label_zh(self) -> &'static str {
        match self {
            Gap::NeverReported => "从未报送",
            Gap::OnePoint => "仅一个数据点",
            Gap::NotYetDue => "尚未到报送期",
            Gap::Overdue => "逾期未报",
        }
    }

    /// A short English label.
    pub fn label_en(self) -> &'static str {
        match self {
            Gap::NeverReported => "never reported",
            Gap::OnePoint => "one figure only",
            Gap::NotYetDue => "not yet due",
            Gap::Overdue => "overdue",
        }
    }
}

impl Light {
    /// The name used in JSON (`green`).
    pub fn as_str(self) -> &'static str {
        match self {
            Light::Green => "green",
            Light::Yellow => "yellow",
            Light::Orange => "orange",
            Light::Red => "red",
            Light::Grey => "grey",
        }
    }
}
