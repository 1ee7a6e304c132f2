//! Extracted facts and their review: pending until a person accepts (it becomes a target or
//! an observation) or rejects it.

use pledge_model::Fact;
use serde::{Deserialize, Serialize};

use crate::target::Binding;
use crate::{DocumentId, FactId, IndicatorId, ObservationId, PlanId, RegionId, TargetId};

/// Where a fact stands in review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Review {
    /// Not reviewed yet.
    Pending,
    /// Accepted: it became a target or an observation.
    Accepted,
    /// Rejected: kept for the record, used nowhere.
    Rejected,
}

impl Review {
    /// The code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Review::Pending => "pending",
            Review::Accepted => "accepted",
            Review::Rejected => "rejected",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<Review> {
        Some(match code {
            "pending" => Review::Pending,
            "accepted" => Review::Accepted,
            "rejected" => Review::Rejected,
            _ => return None,
        })
    }
}

/// A fact to store, with what the ingester matched it to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewFact {
    /// The fact as extracted (its `doc` field is kept as written; the document link is
    /// the `document` argument of [`Store::add_facts`](crate::Store::add_facts)).
    pub fact: Fact,
    /// The region its scope was matched to.
    pub region: Option<RegionId>,
    /// The indicator its wording was matched to (by name or alias).
    pub indicator: Option<IndicatorId>,
}

/// A stored fact with its review state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactRecord {
    /// Row id.
    pub id: FactId,
    /// The document it was extracted from.
    pub document: DocumentId,
    /// The fact fields.
    #[serde(flatten)]
    pub fact: Fact,
    /// The matched region.
    pub region: Option<RegionId>,
    /// The matched indicator's id, serialized as `indicator_id`: the fact's own
    /// `indicator` (its wording, flattened from [`Fact`]) already holds the key
    /// `indicator`, and a JSON object must not hold a key twice.
    #[serde(rename = "indicator_id")]
    pub indicator: Option<IndicatorId>,
    /// Review state.
    pub review: Review,
    /// Who reviewed it.
    pub reviewed_by: Option<String>,
    /// When (UTC).
    pub reviewed_at: Option<String>,
    /// The reviewer's remark.
    pub review_note: String,
    /// The target an accepted target fact became.
    pub target_id: Option<TargetId>,
    /// The observation an accepted actual fact became.
    pub observation_id: Option<ObservationId>,
    /// When it was stored (UTC).
    pub created_at: String,
}

/// Which facts to list; every field narrows.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactFilter {
    /// Only facts of this document.
    pub document: Option<DocumentId>,
    /// Only facts in this review state.
    pub review: Option<Review>,
}

/// How to accept a fact: the region and indicator it is about (defaulting to what the
/// ingester matched), and for a target, its plan and departments.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Acceptance {
    /// The region; `None` uses the fact's matched region (an error if it has none).
    pub region: Option<RegionId>,
    /// The indicator; `None` uses the fact's matched indicator (an error if it has none).
    pub indicator: Option<IndicatorId>,
    /// For a target: the plan that sets it.
    pub plan: Option<PlanId>,
    /// For a target: binding or expected.
    pub binding: Binding,
    /// For a target: lead departments.
    pub lead_departments: Vec<String>,
    /// For a target: cooperating departments.
    pub cooperating_departments: Vec<String>,
    /// The reviewer's remark.
    pub note: String,
    /// Corrections to the fact's own fields, applied before it becomes a target or an
    /// observation (and kept on the fact; the audit log keeps what was extracted).
    pub edit: FactEdit,
    /// A person's name for a new library indicator, when the fact matched none and no
    /// `indicator` is given: the indicator is created (this is how free text enters the
    /// library, and only by a person).
    pub new_indicator: Option<String>,
    /// Confirms replacing a current value that the fact contradicts (see
    /// [`crate::queue`]); without it such an acceptance is refused and names the change.
    pub replace: bool,
}

/// A reviewer's corrections of an extracted fact; every `None` keeps the extracted field.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FactEdit {
    /// The year (the due year of a target, the year of an actual).
    pub year: Option<i32>,
    /// The value, in `unit`.
    pub value: Option<f64>,
    /// The unit of the value.
    pub unit: Option<String>,
}

impl FactEdit {
    /// Whether it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.year.is_none() && self.value.is_none() && self.unit.is_none()
    }

    /// The fact with these corrections applied.
    pub fn apply(&self, fact: &Fact) -> Fact {
        let mut f = fact.clone();
        if let Some(y) = self.year {
            f.year = Some(y);
        }
        if let Some(v) = self.value {
            f.value = v;
        }
        if let Some(u) = &self.unit {
            f.unit = u.as_str().into();
        }
        f
    }
}

/// What an accepted fact became.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Accepted {
    /// A target (an identical stored target is reused, not duplicated).
    Target(TargetId),
    /// An observation (recorded like any other: equal → unchanged, same key → revision).
    Observation(ObservationId),
}
