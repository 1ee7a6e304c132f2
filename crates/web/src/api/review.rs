//! The review queue's API: `GET /api/review` (every pending fact with its sentence, what
//! it would join and why it waits) and `POST /api/review/bulk` (accept or reject many).
//! One fact is accepted or rejected by `POST /api/facts/{id}/accept|reject`.

use axum::body::Bytes;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use pledge_store::queue::{self, QueueFilter};
use pledge_store::{Acceptance, Accepted, FactId, Review, Store};
use serde::{Deserialize, Serialize};

use crate::auth::{Authenticated, Principal};
use crate::error::ApiError;
use crate::state::AppState;

/// Query of `GET /api/review`.
#[derive(Debug, Default, Deserialize)]
pub struct QueueQuery {
    /// Only facts of this document.
    pub document: Option<i64>,
    /// Only facts pending for this reason (`conflict`, `new_indicator`, `no_region`,
    /// `no_due_year`, `low_confidence`, `implausible`).
    pub reason: Option<String>,
}

/// `GET /api/review`: the pending facts the caller may decide (a caller confined to
/// regions sees only the facts stored under one of them), each with `context`, `joins`,
/// `score` and `reasons`.
pub async fn queue(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    Query(q): Query<QueueQuery>,
) -> Result<Response, ApiError> {
    principal.may_review().map_err(|e| ApiError::forbidden(e.0))?;
    let filter = QueueFilter {
        document: q.document,
        reason: q.reason.filter(|r| !r.trim().is_empty()),
    };
    let items = state.blocking(move |store| Ok(queue::pending(store, &filter)?)).await?;
    let items: Vec<_> = items
        .into_iter()
        .filter(|i| principal.may_review_in(i.fact.region).is_ok())
        .collect();
    Ok(super::json_bytes(StatusCode::OK, super::to_json(&items)?))
}

/// Body of `POST /api/review/bulk`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BulkBody {
    /// The facts.
    pub ids: Vec<FactId>,
    /// `accept` or `reject`.
    pub action: String,
    /// Why (required to reject).
    #[serde(default)]
    pub reason: String,
}

/// A fact a bulk action left pending, and why.
#[derive(Debug, Serialize)]
pub struct Left {
    /// The fact.
    pub id: FactId,
    /// Why it was left.
    pub message: String,
}

/// The answer of `POST /api/review/bulk`.
#[derive(Debug, Default, Serialize)]
pub struct BulkAnswer {
    /// Facts accepted, with what they became.
    pub accepted: Vec<(FactId, Accepted)>,
    /// Facts rejected.
    pub rejected: Vec<FactId>,
    /// Facts left pending.
    pub left: Vec<Left>,
}

/// Decides one fact; `Err` says why it was left pending. Bulk acceptance takes only facts
/// nothing holds ([`queue::bulk_blocked`]): a conflict, a low-confidence match, an
/// implausible value… is left for the fact's own accept form.
fn decide(store: &dyn Store, who: &Principal, id: FactId, body: &BulkBody, out: &mut BulkAnswer) -> Result<(), String> {
    let fact = store
        .fact(id)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| format!("fact {id} not found"))?;
    who.may_review_in(fact.region).map_err(|e| e.0)?;
    if fact.review != Review::Pending {
        return Err(format!("fact {id} is {}", fact.review.as_str()));
    }
    if body.action == "reject" {
        store
            .reject_fact(id, body.reason.trim(), &who.name)
            .map_err(|e| e.to_string())?;
        out.rejected.push(id);
        return Ok(());
    }
    let how = Acceptance::default();
    if let Some(why) = queue::bulk_blocked(store, &fact).map_err(|e| e.to_string())? {
        return Err(why);
    }
    let accepted = store.accept_fact(id, &how, &who.name).map_err(|e| e.to_string())?;
    out.accepted.push((id, accepted));
    Ok(())
}

/// `POST /api/review/bulk`: accepts or rejects every fact of `ids`; what cannot be
/// decided (a conflict, a low-confidence match or implausible value, no region or
/// indicator, outside the caller's regions) is left pending and listed.
pub async fn bulk(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    body: Bytes,
) -> Result<Response, ApiError> {
    principal.may_review().map_err(|e| ApiError::forbidden(e.0))?;
    let body: BulkBody = super::optional_json(&body)?;
    if !matches!(body.action.as_str(), "accept" | "reject") {
        return Err(ApiError::unprocessable(vec![field("action", "accept or reject")]));
    }
    if body.action == "reject" && body.reason.trim().is_empty() {
        return Err(ApiError::unprocessable(vec![field(
            "reason",
            "rejecting needs a reason",
        )]));
    }
    let answer = state
        .blocking(move |store| {
            let mut out = BulkAnswer::default();
            for &id in &body.ids {
                if let Err(message) = decide(store, &principal, id, &body, &mut out) {
                    out.left.push(Left { id, message });
                }
            }
            Ok(out)
        })
        .await?;
    Ok(super::json_bytes(StatusCode::OK, super::to_json(&answer)?))
}

fn field(name: &str, message: &str) -> crate::error::FieldError {
    crate::error::FieldError {
        field: name.into(),
        message: message.into(),
        row: None,
        value: None,
    }
}
