//! Targets: what a plan commits a region to reach on an indicator, with where it was read.

use pledge_model::Target;
use serde::{Deserialize, Serialize};

use crate::observation::ObservationRecord;
use crate::{IndicatorId, PlanId, RegionId, Source, TargetId};

/// Whether a target is binding (约束性) or expected (预期性).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Binding {
    /// 约束性: must be met.
    Binding,
    /// 预期性: aimed at.
    Expected,
    /// The source does not say.
    #[default]
    Unspecified,
}

impl Binding {
    /// The code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Binding::Binding => "binding",
            Binding::Expected => "expected",
            Binding::Unspecified => "unspecified",
        }
    }

    /// The kind a source's wording states: `约束性` or `预期性` in the quote (a plan's
    /// table marks each indicator so); `None` when it says neither, or both.
    pub fn from_wording(quote: &str) -> Option<Binding> {
        match (quote.contains("约束性"), quote.contains("预期性")) {
            (true, false) => Some(Binding::Binding),
            (false, true) => Some(Binding::Expected),
            _ => None,
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Binding> {
        Some(match code {
            "binding" => Binding::Binding,
            "expected" => Binding::Expected,
            "unspecified" => Binding::Unspecified,
            _ => return None,
        })
    }
}

/// A target to store (or the new content of one being updated).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewTarget {
    /// The plan that sets it, if stored.
    pub plan: Option<PlanId>,
    /// The region committed.
    pub region: RegionId,
    /// The indicator from the library.
    pub indicator: IndicatorId,
    /// The indicator as worded in the source ('' = the library name).
    pub indicator_text: String,
    /// The fact fields and the aspiration flag.
    #[serde(flatten)]
    pub target: Target,
    /// Binding or expected.
    pub binding: Binding,
    /// Departments leading the work (牵头单位), in the order given.
    pub lead_departments: Vec<String>,
    /// Departments cooperating (配合单位), in the order given.
    pub cooperating_departments: Vec<String>,
    /// Where it was read.
    pub source: Source,
    /// Free remarks.
    pub note: String,
}

impl NewTarget {
    /// A target with no plan, departments or note.
    pub fn new(region: RegionId, indicator: IndicatorId, target: Target, source: Source) -> NewTarget {
        NewTarget {
            plan: None,
            region,
            indicator,
            indicator_text: String::new(),
            target,
            binding: Binding::Unspecified,
            lead_departments: Vec::new(),
            cooperating_departments: Vec::new(),
            source,
            note: String::new(),
        }
    }
}

/// A stored target, with the names of what it refers to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetRecord {
    /// Row id.
    pub id: TargetId,
    /// The plan that sets it.
    pub plan: Option<PlanId>,
    /// The plan's title.
    pub plan_title: Option<String>,
    /// The region committed.
    pub region: RegionId,
    /// The region's name.
    pub region_name: String,
    /// The indicator.
    pub indicator: IndicatorId,
    /// The indicator's library name.
    pub indicator_name: String,
    /// The indicator as worded in the source ('' = the library name).
    pub indicator_text: String,
    /// The fact fields and the aspiration flag.
    #[serde(flatten)]
    pub target: Target,
    /// Binding or expected.
    pub binding: Binding,
    /// Lead departments.
    pub lead_departments: Vec<String>,
    /// Cooperating departments.
    pub cooperating_departments: Vec<String>,
    /// Where it was read.
    pub source: Source,
    /// Free remarks.
    pub note: String,
    /// When it was stored (UTC).
    pub created_at: String,
    /// Who stored it.
    pub created_by: String,
    /// When it was last changed (UTC).
    pub updated_at: String,
    /// Who last changed it.
    pub updated_by: String,
}

/// Which targets to list; every field narrows, `Default` lists all.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetFilter {
    /// Only targets of this plan.
    pub plan: Option<PlanId>,
    /// Only targets of this region (not its sub-regions).
    pub region: Option<RegionId>,
    /// Only targets on this indicator.
    pub indicator: Option<IndicatorId>,
    /// Only targets due in this year.
    pub year: Option<i32>,
}

/// A target with the current observations of its region and indicator: one scoreboard row
/// before assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetWithObservations {
    /// The target.
    pub target: TargetRecord,
    /// The current revision of every observation series of the same region and indicator
    /// (any wording: aliases resolve to the same indicator), oldest year first.
    pub observations: Vec<ObservationRecord>,
}

/// Most lead units (牵头单位) one target may name.
pub const MAX_LEAD_UNITS: usize = 10;

/// Most characters in one lead unit's name (民政部门 names run to about 20).
pub const MAX_UNIT_CHARS: usize = 50;

/// What an analyst assigns to a stored target, from the plan page or the API: its kind
/// (约束性/预期性) and its lead units (牵头单位). A part left `None` stays as it is; the
/// cooperating units and everything else of the target are untouched.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assignment {
    /// The kind; `Unspecified` clears a stored one (the page then reads the wording again).
    pub binding: Option<Binding>,
    /// The lead units, in order; empty clears them.
    pub lead_departments: Option<Vec<String>>,
}

/// Why an [`Assignment`] is refused; every case is about `lead_departments`
/// ([`AssignmentError::field`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AssignmentError {
    /// More units than [`MAX_LEAD_UNITS`].
    #[error("at most {MAX_LEAD_UNITS} lead units, {0} given")]
    TooManyUnits(usize),
    /// A unit's name longer than [`MAX_UNIT_CHARS`].
    #[error("a lead unit's name has at most {MAX_UNIT_CHARS} characters, {0} given")]
    UnitTooLong(usize),
    /// A unit's name with a control character (a line break, a tab…).
    #[error("a lead unit's name may not contain control characters")]
    ControlCharacter,
}

impl AssignmentError {
    /// The field at fault, as the API names it.
    pub fn field(&self) -> &'static str {
        "lead_departments"
    }
}

impl Assignment {
    /// Lead units typed on one line as people write them (`市发展改革委、市生态环境局`):
    /// split at `、，,；;` and line breaks, trimmed, empty and repeated names dropped.
    pub fn split_units(text: &str) -> Vec<String> {
        let mut units: Vec<String> = Vec::new();
        for unit in text.split(['、', '，', ',', '；', ';', '\n', '\r']).map(str::trim) {
            if !unit.is_empty() && !units.iter().any(|u| u == unit) {
                units.push(unit.to_owned());
            }
        }
        units
    }

    /// The lead units trimmed, without empty names; `None` when not assigned.
    pub fn lead_units(&self) -> Option<Vec<String>> {
        self.lead_departments.as_ref().map(|units| {
            units
                .iter()
                .map(|u| u.trim().to_owned())
                .filter(|u| !u.is_empty())
                .collect()
        })
    }

    /// Checks the bounds: at most [`MAX_LEAD_UNITS`] units of at most [`MAX_UNIT_CHARS`]
    /// characters each, without control characters.
    pub fn check(&self) -> Result<(), AssignmentError> {
        let Some(units) = self.lead_units() else {
            return Ok(());
        };
        if units.len() > MAX_LEAD_UNITS {
            return Err(AssignmentError::TooManyUnits(units.len()));
        }
        for unit in &units {
            let chars = unit.chars().count();
            if chars > MAX_UNIT_CHARS {
                return Err(AssignmentError::UnitTooLong(chars));
            }
            if unit.chars().any(char::is_control) {
                return Err(AssignmentError::ControlCharacter);
            }
        }
        Ok(())
    }
}

/// A target with the figures of its series: what assessing it needs (year, period,
/// value, unit, measure, baseline year of every current observation of its region and
/// indicator, oldest year first), without each observation's source, wording and history.
/// The scoreboard reads these: with 1,000,000 observations the whole records took most of
/// a cold board's time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetFigures {
    /// The target.
    pub target: TargetRecord,
    /// The figures, in the order of [`TargetWithObservations::observations`].
    pub observations: Vec<pledge_model::Observation>,
}
