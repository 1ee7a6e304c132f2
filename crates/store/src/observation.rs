//! Observations: reported values, kept as revisions (a correction supersedes, history stays).

use pledge_model::{Measure, Observation};
use serde::{Deserialize, Serialize};

use crate::{ImportId, IndicatorId, ObservationId, RegionId, Source};

/// An observation to record.
///
/// Its logical key is (region, indicator, year, period, measure, baseline year, note): a
/// later row with the same key is a correction and becomes a new revision; the note is part
/// of the key because it carries the accounting basis (`扣除原料用能…`), and two bases are
/// two figures, not a correction.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewObservation {
    /// The region the value is about.
    pub region: RegionId,
    /// The indicator from the library.
    pub indicator: IndicatorId,
    /// The indicator as worded in the source ('' = the library name).
    pub indicator_text: String,
    /// Year, period, value, unit, measure, baseline year.
    #[serde(flatten)]
    pub observation: Observation,
    /// Qualifier such as the accounting basis ('' when none).
    pub note: String,
    /// Where it was read.
    pub source: Source,
}

impl NewObservation {
    /// An observation without note or indicator wording.
    pub fn new(region: RegionId, indicator: IndicatorId, observation: Observation, source: Source) -> NewObservation {
        NewObservation {
            region,
            indicator,
            indicator_text: String::new(),
            observation,
            note: String::new(),
            source,
        }
    }

    /// The logical key that decides whether a row is a new figure or a correction.
    pub fn key(&self) -> ObservationKey {
        ObservationKey {
            region: self.region,
            indicator: self.indicator,
            year: self.observation.year,
            period: self.observation.period.clone().unwrap_or_default(),
            measure: self.observation.measure,
            baseline_year: self.observation.baseline_year,
            note: self.note.clone(),
        }
    }
}

/// The logical key of an observation series (see [`NewObservation`]).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ObservationKey {
    /// Region.
    pub region: RegionId,
    /// Indicator.
    pub indicator: IndicatorId,
    /// Year.
    pub year: i32,
    /// Part of the year ('' = whole year).
    pub period: String,
    /// Level, change or increment.
    pub measure: Measure,
    /// Baseline year of a change or increment.
    pub baseline_year: Option<i32>,
    /// Qualifier.
    pub note: String,
}

/// A stored revision of an observation, with the names of what it refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObservationRecord {
    /// Row id of this revision.
    pub id: ObservationId,
    /// The region.
    pub region: RegionId,
    /// The region's name.
    pub region_name: String,
    /// The indicator.
    pub indicator: IndicatorId,
    /// The indicator's library name.
    pub indicator_name: String,
    /// The indicator as worded in the source ('' = the library name).
    pub indicator_text: String,
    /// Year, period, value, unit, measure, baseline year.
    #[serde(flatten)]
    pub observation: Observation,
    /// Qualifier ('' when none).
    pub note: String,
    /// Where it was read.
    pub source: Source,
    /// Who reported it.
    pub reporter: String,
    /// When it was recorded (UTC).
    pub recorded_at: String,
    /// The import run that brought it, if any.
    pub import: Option<ImportId>,
    /// 1 for the first figure of a series, one more for each correction.
    pub revision: u32,
    /// The revision this one corrects.
    pub supersedes: Option<ObservationId>,
    /// False once a later revision supersedes it.
    pub current: bool,
}

/// Which observations to list; every field narrows, `Default` lists the current revisions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationFilter {
    /// Only this region (not its sub-regions).
    pub region: Option<RegionId>,
    /// Only this indicator.
    pub indicator: Option<IndicatorId>,
    /// Only this year.
    pub year: Option<i32>,
    /// Include superseded revisions too.
    pub include_history: bool,
}

/// What recording one observation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Recorded {
    /// A new series: its first revision.
    Inserted(ObservationId),
    /// A correction: the new revision and the one it superseded.
    Revised {
        /// The new revision.
        id: ObservationId,
        /// The revision it superseded.
        supersedes: ObservationId,
    },
    /// Equal to the current revision (value, unit, source, wording): nothing written.
    Unchanged(ObservationId),
}

impl Recorded {
    /// The id of the current revision after the call.
    pub fn id(self) -> ObservationId {
        match self {
            Recorded::Inserted(id) | Recorded::Unchanged(id) | Recorded::Revised { id, .. } => id,
        }
    }
}

/// What an import did. Rows equal to what is stored are counted as unchanged and write
/// nothing, so importing the same file twice adds no revisions.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    /// The import run's id (`None` when the input was empty and nothing was recorded).
    pub import: Option<ImportId>,
    /// Rows given.
    pub rows: usize,
    /// Rows that started a new series.
    pub inserted: usize,
    /// Rows that corrected a stored figure (a new revision).
    pub revised: usize,
    /// Rows equal to the current revision.
    pub unchanged: usize,
}

/// One page of a series' observations, newest first ([`crate::Store::observation_page`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageRequest {
    /// The page, from 1.
    pub page: u32,
    /// Rows a page holds (at least 1).
    pub per_page: u32,
}

impl PageRequest {
    /// Page `page` (from 1; 0 reads as 1) of `per_page` rows (0 reads as 1).
    pub fn new(page: u32, per_page: u32) -> PageRequest {
        PageRequest {
            page: page.max(1),
            per_page: per_page.max(1),
        }
    }

    /// How many rows come before this page.
    pub fn offset(&self) -> u64 {
        u64::from(self.page.max(1) - 1) * u64::from(self.per_page.max(1))
    }
}

/// A page of observations and how many the filter selects in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ObservationPage {
    /// Every observation the filter selects (all pages).
    pub total: u64,
    /// This page's rows: newest year first, then period, then newest recorded.
    pub rows: Vec<ObservationRecord>,
}
