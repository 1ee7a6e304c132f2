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
