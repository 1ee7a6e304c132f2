//! Rankings that count reporting (排名): districts against districts by 完成率 and by
//! 序时进度, with each region's reporting coverage and its 红黄绿 and 预警 counts.
//!
//! A ranking that averages only the targets with a verdict rewards not reporting: a
//! district with one green target of one beats one with three greens of eleven, and one
//! that reported nothing is not on the list at all. Here every target whose figures are
//! due counts, and a due target with no figure (从未报送, 逾期未报) counts as no
//! progress. A target not yet due (尚未到报送期) is left out of both rates — it cannot
//! be behind — but counted among the region's targets.
//!
//! The rates, each between 0 and 1, over a region's due targets:
//! - 完成率: the mean completion, an achieved target 1, completion capped to 0..1, a
//!   target without a completion (unreported, one figure only, no computable progress) 0;
//! - 序时进度: the mean progress index (completion over time elapsed) capped to 0..1, an
//!   achieved target 1, one without a progress index 0.
//!
//! Regions are ranked against their own tier only: districts and counties with each
//! other; a city, a province or the country is listed apart, unranked (its peers are
//! other cities and provinces, not its own districts).

use serde::Serialize;

use crate::assessment::Assessment;
use crate::status::{Gap, Light, NdrcLevel, Status};

/// Which table a region is ranked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Tier {
    /// Districts, counties, county-level cities and functional zones: ranked.
    District,
    /// The country, provinces, cities and other areas: listed apart, unranked.
    Larger,
}

/// One assessed target, as much of it as a ranking needs.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The region's id.
    pub region_id: i64,
    /// The region's name.
    pub region: String,
    /// The region's tier.
    pub tier: Tier,
    /// The target's status.
    pub status: Status,
    /// The target's light.
    pub light: Light,
    /// The target's 预警 level (none on stale figures, as the light is grey then).
    pub ndrc_level: Option<NdrcLevel>,
    /// Completion (完成率), if computed.
    pub completion: Option<f64>,
    /// Progress index (completion over time elapsed), if computed.
    pub progress_index: Option<f64>,
    /// The named gap of a target without a verdict.
    pub gap: Option<Gap>,
}

impl Entry {
    /// An entry from a target's assessment; `None` when the engine refused the inputs
    /// (then the status is NOT_ASSESSABLE and the light grey, as the board shows it).
    pub fn new(region_id: i64, region: &str, tier: Tier, assessment: Option<&Assessment>) -> Entry {
        Entry {
            region_id,
            region: region.to_owned(),
            tier,
            status: assessment.map_or(Status::NotAssessable, |a| a.status),
            light: assessment.map_or(Light::Grey, |a| a.light),
            ndrc_level: assessment.and_then(|a| a.ndrc_level),
            completion: assessment.and_then(|a| a.completion),
            progress_index: assessment.and_then(|a| a.progress_index),
            gap: assessment.and_then(|a| a.gap),
        }
    }

    /// Whether the target's figures are due as of the assessment (not 尚未到报送期).
    pub fn due(&self) -> bool {
        self.gap != Some(Gap::NotYetDue)
    }

    /// Whether the target is due and has no figure (从未报送, 逾期未报).
    pub fn unreported(&self) -> bool {
        matches!(self.gap, Some(Gap::NeverReported | Gap::Overdue))
    }

    /// The target's share in the region's 完成率.
    fn completion_credit(&self) -> f64 {
        if self.status == Status::Achieved {
            return 1.0;
        }
        if self.unreported() {
            return 0.0;
        }
        self.completion.map_or(0.0, |c| c.clamp(0.0, 1.0))
    }

    /// The target's share in the region's 序时进度.
    fn pace_credit(&self) -> f64 {
        if self.status == Status::Achieved {
            return 1.0;
        }
        if self.unreported() {
            return 0.0;
        }
        self.progress_index.map_or(0.0, |p| p.clamp(0.0, 1.0))
    }
}

/// Targets by light (红黄绿, with orange and grey).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct LightCounts {
    /// Green.
    pub green: usize,
    /// Yellow.
    pub yellow: usize,
    /// Orange.
    pub orange: usize,
    /// Red.
    pub red: usize,
    /// Grey: no verdict.
    pub grey: usize,
}

/// Targets by NDRC warning level (预警).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct NdrcCounts {
    /// 一级预警 (形势十分严峻).
    pub level1: usize,
    /// 二级预警 (比较严峻).
    pub level2: usize,
    /// 三级预警 (基本顺利).
    pub level3: usize,
    /// No level: no verdict.
    pub none: usize,
}

/// One region's line in a ranking.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Standing {
    /// The region's id.
    pub region_id: i64,
    /// The region's name.
    pub region: String,
    /// The table it is in.
    pub tier: Tier,
    /// All its targets.
    pub targets: usize,
    /// Targets whose figures are due (all but 尚未到报送期).
    pub due: usize,
    /// Due targets with a figure reported.
    pub reported: usize,
    /// Due targets without any figure (从未报送, 逾期未报), counted as no progress.
    pub unreported: usize,
    /// Targets with a verdict (not grey).
    pub assessed: usize,
    /// Targets achieved or on pace (达到序时进度).
    pub on_pace: usize,
    /// 完成率 over the due targets, 0..1; `None` when none is due.
    pub completion_rate: Option<f64>,
    /// 序时进度 over the due targets, 0..1; `None` when none is due.
    pub pace_rate: Option<f64>,
    /// 1-based rank by 完成率 within the tier (ties share one); `None` for a larger
    /// region or when nothing is due.
    pub completion_rank: Option<usize>,
    /// 1-based rank by 序时进度 within the tier, as `completion_rank`.
    pub pace_rank: Option<usize>,
    /// Targets by light.
    pub lights: LightCounts,
    /// Targets by 预警 level.
    pub ndrc: NdrcCounts,
}

/// The two tables: districts ranked, larger regions listed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranking {
    /// Districts and counties, by 完成率 rank (then coverage, then name); unranked last.
    pub districts: Vec<Standing>,
    /// The country, provinces, cities and other areas, by 完成率, unranked.
    pub larger: Vec<Standing>,
}

/// Ranks the regions of `entries` (one entry per target).
pub fn rank(entries: &[Entry]) -> Ranking {
    let mut regions: Vec<(i64, &str, Tier)> = entries
        .iter()
        .map(|e| (e.region_id, e.region.as_str(), e.tier))
        .collect();
    regions.sort_unstable();
    regions.dedup_by_key(|r| r.0);
    let standings: Vec<Standing> = regions
        .into_iter()
        .map(|(id, name, tier)| standing(id, name, tier, entries.iter().filter(|e| e.region_id == id)))
        .collect();
    let (mut districts, mut larger): (Vec<Standing>, Vec<Standing>) =
        standings.into_iter().partition(|s| s.tier == Tier::District);
    assign_ranks(&mut districts, |s| s.pace_rate, |s, r| s.pace_rank = r);
    assign_ranks(&mut districts, |s| s.completion_rate, |s, r| s.completion_rank = r);
    sort_by_rate(&mut larger, |s| s.completion_rate);
    Ranking { districts, larger }
}

/// Orders `list` by `rate` (best first) and gives each region with a rate its
/// competition rank (1, 1, 3): the list stays in that order.
fn assign_ranks(list: &mut [Standing], rate: fn(&Standing) -> Option<f64>, set: fn(&mut Standing, Option<usize>)) {
    sort_by_rate(list, rate);
    let mut previous: Option<(f64, usize)> = None;
    for (i, s) in list.iter_mut().enumerate() {
        let rank = rate(s).map(|r| match previous {
            Some((p, rank)) if (p - r).abs() < 1e-9 => rank,
            _ => i + 1,
        });
        if let (Some(r), Some(k)) = (rate(s), rank) {
            previous = Some((r, k));
        }
        set(s, rank);
    }
}

/// Best rate first, then the larger share of due targets reported, then the name;
/// regions with nothing due last.
fn sort_by_rate(list: &mut [Standing], rate: fn(&Standing) -> Option<f64>) {
    list.sort_by(|a, b| {
        let r = |s: &Standing| rate(s).unwrap_or(f64::NEG_INFINITY);
        let coverage = |s: &Standing| {
            if s.due == 0 {
                0.0
            } else {
                s.reported as f64 / s.due as f64
            }
        };
        r(b).total_cmp(&r(a))
            .then(coverage(b).total_cmp(&coverage(a)))
            .then_with(|| a.region.cmp(&b.region))
    });
}

/// One region's counts and rates.
fn standing<'a>(region_id: i64, region: &str, tier: Tier, entries: impl Iterator<Item = &'a Entry>) -> Standing {
    let mut s = Standing {
        region_id,
        region: region.to_owned(),
        tier,
        targets: 0,
        due: 0,
        reported: 0,
        unreported: 0,
        assessed: 0,
        on_pace: 0,
        completion_rate: None,
        pace_rate: None,
        completion_rank: None,
        pace_rank: None,
        lights: LightCounts::default(),
        ndrc: NdrcCounts::default(),
    };
    let (mut completion, mut pace) = (0.0, 0.0);
    for e in entries {
        s.targets += 1;
        match e.light {
            Light::Green => s.lights.green += 1,
            Light::Yellow => s.lights.yellow += 1,
            Light::Orange => s.lights.orange += 1,
            Light::Red => s.lights.red += 1,
            Light::Grey => s.lights.grey += 1,
        }
        match e.ndrc_level {
            Some(NdrcLevel::Level1) => s.ndrc.level1 += 1,
            Some(NdrcLevel::Level2) => s.ndrc.level2 += 1,
            Some(NdrcLevel::Level3) => s.ndrc.level3 += 1,
            None => s.ndrc.none += 1,
        }
        if e.light != Light::Grey {
            s.assessed += 1;
        }
        if matches!(e.status, Status::Achieved | Status::OnTrack) {
            s.on_pace += 1;
        }
        if !e.due() {
            continue;
        }
        s.due += 1;
        if e.unreported() {
            s.unreported += 1;
        } else {
            s.reported += 1;
        }
        completion += e.completion_credit();
        pace += e.pace_credit();
    }
    if s.due > 0 {
        s.completion_rate = Some(completion / s.due as f64);
        s.pace_rate = Some(pace / s.due as f64);
    }
    s
}
