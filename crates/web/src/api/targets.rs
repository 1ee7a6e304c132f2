//! `POST /api/targets/{id}`: an analyst sets a target's kind (约束性/预期性) and its lead
//! units (牵头单位); the plan page's form does the same ([`crate::views::assign`]).

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use pledge_store::{Assignment, Binding};
use serde::Serialize;
use serde_json::Value;

use super::{json_bytes, to_json};
use crate::auth::Authenticated;
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::views::assign;

/// The answer: the target's assignment as stored.
#[derive(Debug, Serialize)]
pub struct AssignedBody {
    /// The target.
    pub id: i64,
    /// Its kind as stored (`unspecified`: the pages read the source's wording).
    pub binding: Binding,
    /// Its lead units, in order.
    pub lead_departments: Vec<String>,
    /// Its cooperating units (not changed here).
    pub cooperating_departments: Vec<String>,
    /// When it was last changed (UTC).
    pub updated_at: String,
    /// Who last changed it.
    pub updated_by: String,
}

fn invalid(field: &str, message: impl Into<String>) -> ApiError {
    ApiError::unprocessable(vec![FieldError {
        field: field.into(),
        message: message.into(),
        row: None,
        value: None,
    }])
}

/// Reads the body: a JSON object with `binding` (a code) and/or `lead_departments` (an
/// array of names); each fault is a field error naming the field.
fn assignment(body: &[u8]) -> Result<Assignment, ApiError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| ApiError::bad_request(format!("the body is not JSON: {e}")))?;
    let Value::Object(object) = value else {
        return Err(invalid(
            "body",
            "must be a JSON object: {\"binding\", \"lead_departments\"}",
        ));
    };
    let mut out = Assignment::default();
    for (key, value) in object {
        match (key.as_str(), value) {
            ("binding", Value::String(code)) => out.binding = Some(assign::parse_binding(Lang::En, &code)?),
            ("binding", _) => return Err(invalid("binding", "must be a string: binding, expected or unspecified")),
            ("lead_departments", Value::Array(items)) => {
                let names = items
                    .into_iter()
                    .map(|v| match v {
                        Value::String(s) => Ok(s),
                        _ => Err(invalid("lead_departments", "must be an array of unit names (strings)")),
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                out.lead_departments = Some(names);
            }
            ("lead_departments", _) => {
                return Err(invalid("lead_departments", "must be an array of unit names (strings)"));
            }
            (other, _) => {
                return Err(invalid(
                    other,
                    format!("unknown field {other:?}; the fields are binding and lead_departments"),
                ));
            }
        }
    }
    if out == Assignment::default() {
        return Err(invalid("body", "send binding, lead_departments or both"));
    }
    Ok(out)
}

/// `POST /api/targets/{id}`: 200 with the assignment as stored, 401/403 for who may not
/// (analysts and admins, within their regions), 404, 422 naming the field at fault.
pub async fn assign_target(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, ApiError> {
    principal.may_review().map_err(|e| ApiError::forbidden(e.0))?;
    let how = assignment(&body)?;
    let t = state
        .blocking(move |store| assign::assign(store, &principal, Lang::En, id, &how))
        .await?;
    let body = AssignedBody {
        id: t.id,
        binding: t.binding,
        lead_departments: t.lead_departments,
        cooperating_departments: t.cooperating_departments,
        updated_at: t.updated_at,
        updated_by: t.updated_by,
    };
    Ok(json_bytes(StatusCode::OK, to_json(&body)?))
}
