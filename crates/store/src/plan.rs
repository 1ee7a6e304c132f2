//! Plans: the documents that set targets (《济南市“十四五”节能减排工作实施方案》).

use serde::{Deserialize, Serialize};

use crate::{DocumentId, PlanId, RegionId};

/// A stored plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    /// Row id.
    pub id: PlanId,
    /// Its title.
    pub title: String,
    /// Who issued it (济南市人民政府).
    pub issuer: String,
    /// The region it covers.
    pub region: RegionId,
    /// Name of that region (for display).
    pub region_name: String,
    /// First year of the plan period (2021 for the 14th five-year plan).
    pub period_start: Option<i32>,
    /// Last year of the plan period (2025).
    pub period_end: Option<i32>,
    /// The year its targets compare against (2020).
    pub baseline_year: Option<i32>,
    /// The stored document it was read from.
    pub document: Option<DocumentId>,
    /// When it was stored (UTC).
    pub created_at: String,
    /// Who stored it.
    pub created_by: String,
}

/// A plan to store; (`title`, `region`) is unique.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPlan {
    /// Its title.
    pub title: String,
    /// Who issued it.
    pub issuer: String,
    /// The region it covers.
    pub region: RegionId,
    /// First year of the plan period.
    pub period_start: Option<i32>,
    /// Last year of the plan period.
    pub period_end: Option<i32>,
    /// The year its targets compare against.
    pub baseline_year: Option<i32>,
    /// The stored document it was read from.
    pub document: Option<DocumentId>,
}
