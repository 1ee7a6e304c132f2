//! One target per commitment: the same region × indicator × year × measure read from
//! several sources is one target with several sources; read with another value, it is a
//! conflict kept open until a person decides.

use pledge_model::{Bound, Direction};
use serde::{Deserialize, Serialize};

use crate::{PlanId, Source, TargetId};

/// Row id of a conflict.
pub type ConflictId = i64;

/// What storing a target did ([`crate::Store::add_commitment`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "snake_case")]
pub enum Commitment {
    /// A new commitment: a new target.
    New {
        /// The new target.
        target: TargetId,
    },
    /// The same commitment with the same value: the stored target, with this source added
    /// to its sources (`source_added: false` when it already had it).
    Same {
        /// The stored target.
        target: TargetId,
        /// Whether the source was new to it.
        source_added: bool,
    },
    /// The same commitment with another value: the stored target is unchanged and the
    /// other value is an open conflict on it.
    Conflict {
        /// The stored target.
        target: TargetId,
        /// The conflict recorded (or the open one already recording this value and source).
        conflict: ConflictId,
    },
}

impl Commitment {
    /// The target the commitment is (new or stored).
    pub fn target(&self) -> TargetId {
        match *self {
            Commitment::New { target } | Commitment::Same { target, .. } | Commitment::Conflict { target, .. } => {
                target
            }
        }
    }
}

/// A source of a target besides the one it was first stored with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TargetSource {
    /// The plan this source states the target in.
    pub plan: Option<PlanId>,
    /// Where it was read.
    pub source: Source,
    /// When it was added (UTC).
    pub created_at: String,
    /// Who added it.
    pub created_by: String,
}

/// Where a conflict stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ConflictStatus {
    /// Waiting for a person.
    Open,
    /// Decided: the target keeps its value.
    Kept,
    /// Decided: the target took the other value.
    Replaced,
}

impl ConflictStatus {
    /// The code stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            ConflictStatus::Open => "open",
            ConflictStatus::Kept => "kept",
            ConflictStatus::Replaced => "replaced",
        }
    }

    /// Parses a stored code.
    pub fn parse(code: &str) -> Option<ConflictStatus> {
        Some(match code {
            "open" => ConflictStatus::Open,
            "kept" => ConflictStatus::Kept,
            "replaced" => ConflictStatus::Replaced,
            _ => return None,
        })
    }
}

/// Another value read for a stored target's commitment, and from where.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetConflict {
    /// Row id.
    pub id: ConflictId,
    /// The target whose commitment it is.
    pub target: TargetId,
    /// The plan the other value was read in.
    pub plan: Option<PlanId>,
    /// The other value's direction of change.
    pub direction: Option<Direction>,
    /// The other value's bound (`=`, `>=`…).
    pub bound: Bound,
    /// The other value.
    pub value: f64,
    /// The other value's upper end, for a range.
    pub value_max: Option<f64>,
    /// Its unit.
    pub unit: String,
    /// Its baseline year.
    pub baseline_year: Option<i32>,
    /// Where it was read.
    pub source: Source,
    /// Open, kept or replaced.
    pub status: ConflictStatus,
    /// When it was recorded (UTC).
    pub created_at: String,
    /// Who stored the value that conflicted.
    pub created_by: String,
    /// When a person decided.
    pub decided_at: Option<String>,
    /// Who decided.
    pub decided_by: Option<String>,
    /// The person's reason.
    pub note: String,
}

/// What a person decides about a conflict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Decision {
    /// The target keeps its value; the other value is set aside.
    Keep,
    /// The target takes the other value and its source (the audit log keeps the old one).
    Replace,
}

/// Which conflicts to list.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictFilter {
    /// Only the conflicts of this target.
    pub target: Option<TargetId>,
    /// Only open ones.
    pub open_only: bool,
}
