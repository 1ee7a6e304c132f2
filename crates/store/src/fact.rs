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
    /// The matched indicator.
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
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
