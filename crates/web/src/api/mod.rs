//! The JSON API: the same data as the pages, for scripts and other programs.

pub mod accounts;
pub mod export;
pub mod review;
pub mod targets;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use pledge_store::{Acceptance, FactFilter, Review};
use serde::{Deserialize, Serialize};

use crate::auth::Authenticated;
use crate::error::{ApiError, FieldError};
use crate::state::AppState;
use crate::views::entry::{self, UploadError};
use crate::views::scoreboard::{self, AsOfQuery, ScoreQuery, ScoreRow, Summary};
use crate::views::{regions, target};

/// The answer of `GET /api/scoreboard`.
#[derive(Debug, Serialize)]
pub struct ScoreboardBody<'a> {
    /// The day the rows are assessed as of (数据截至).
    pub as_of: pledge_assess::Date,
    /// Counts by summary group of the rows listed.
    pub summary: Summary,
    /// The rows, worst first.
    pub rows: &'a [ScoreRow],
}

/// Serves JSON bytes already serialized.
pub fn json_bytes(status: StatusCode, bytes: Bytes) -> Response {
    (status, [(header::CONTENT_TYPE, "application/json")], bytes).into_response()
}

/// Serializes a value as a JSON response.
fn to_json<T: Serialize>(value: &T) -> Result<Bytes, ApiError> {
    serde_json::to_vec(value)
        .map(Bytes::from)
        .map_err(|e| ApiError::internal(format!("cannot serialize: {e}")))
}

/// `GET /api/scoreboard`: every target with its assessment, worst first, filtered.
pub async fn scoreboard(
    State(state): State<AppState>,
    Query(q): Query<ScoreQuery>,
    Query(day): Query<AsOfQuery>,
) -> Result<Response, ApiError> {
    q.validate()?;
    let cache = state.scoreboard_rows(day.date()?).await?;
    let unfiltered = q == ScoreQuery::default();
    if let Some(json) = cache.json.clone().filter(|_| unfiltered) {
        return Ok(json_bytes(StatusCode::OK, json));
    }
    let rows = scoreboard::filter(&cache.rows, &q);
    let bytes = to_json(&ScoreboardBody {
        as_of: cache.as_of,
        summary: scoreboard::summarize(&rows),
        rows: &rows,
    })?;
    if unfiltered {
        state.remember_scoreboard_json(cache.stamp, cache.as_of, bytes.clone());
        if let Ok(mut snapshot) = state.scoreboard_snapshot.lock() {
            *snapshot = Some(bytes.clone());
        }
    }
    Ok(json_bytes(StatusCode::OK, bytes))
}

/// `GET /static/scoreboard.json`: the bytes `/api/scoreboard` last served unfiltered,
/// without any work: the ceiling the benchmark compares the live route with.
pub async fn scoreboard_snapshot(State(state): State<AppState>) -> Result<Response, ApiError> {
    let cached = state.scoreboard_snapshot.lock().ok().and_then(|s| s.clone());
    let bytes = match cached {
        Some(bytes) => bytes,
        None => {
            let cache = state.scoreboard_rows(None).await?;
            let rows = cache.rows;
            let bytes = to_json(&ScoreboardBody {
                as_of: cache.as_of,
                summary: scoreboard::summarize(&rows),
                rows: &rows,
            })?;
            if let Ok(mut snapshot) = state.scoreboard_snapshot.lock() {
                *snapshot = Some(bytes.clone());
            }
            bytes
        }
    };
    Ok(json_bytes(StatusCode::OK, bytes))
}

/// One year of a target's chart, as JSON.
#[derive(Debug, Serialize)]
pub struct YearJson {
    /// The year.
    pub year: i32,
    /// Observed value (display scale), null for a gap.
    pub observed: Option<f64>,
    /// Expected-path value.
    pub expected: Option<f64>,
    /// Target value in the target year.
    pub target: Option<f64>,
    /// Forecast value in the forecast year.
    pub forecast: Option<f64>,
}

/// The answer of `GET /api/targets/{id}`.
#[derive(Debug, Serialize)]
pub struct TargetBody {
    /// The day the target is assessed as of (数据截至).
    pub as_of: Option<pledge_assess::Date>,
    /// The scoreboard row of the target.
    pub target: ScoreRow,
    /// One page of the observations it was assessed on (all of them, every page), with
    /// their sources, newest first.
    pub observations: Vec<pledge_store::ObservationRecord>,
    /// Which page `observations` is, how many there are, and the links to the others.
    pub observations_page: PageJson,
    /// The chart's numbers by year (percent change for a `%` change target).
    pub chart: Vec<YearJson>,
    /// Further sources stating the same commitment.
    pub sources: Vec<pledge_store::TargetSource>,
    /// Other values read for the same commitment, waiting for a person.
    pub conflicts: Vec<pledge_store::TargetConflict>,
}

/// Where a page of a target's observations stands among the others.
#[derive(Debug, Serialize)]
pub struct PageJson {
    /// This page, from 1.
    pub page: u32,
    /// Rows a page holds.
    pub per_page: u32,
    /// Observations in all.
    pub total: u64,
    /// Pages in all (at least 1).
    pub pages: u64,
    /// The next (older) page's address, if there is one.
    pub next: Option<String>,
    /// The previous (newer) page's address, if there is one.
    pub prev: Option<String>,
}

impl PageJson {
    /// The paging of `data`, linking `path` with `?page=` (and the `?as_of=` asked).
    pub fn of(data: &target::TargetData, path: &str, as_of: Option<&str>) -> PageJson {
        let link = |page: u64| {
            let mut query = vec![("page".to_owned(), page.to_string())];
            if let Some(day) = as_of.filter(|d| !d.trim().is_empty()) {
                query.push(("as_of".to_owned(), day.to_owned()));
            }
            format!("{path}?{}", crate::pages::encode_query(&query))
        };
        let page = u64::from(data.page.page);
        let pages = data.pages();
        PageJson {
            page: data.page.page,
            per_page: data.page.per_page,
            total: data.observations.total,
            pages,
            next: (page < pages).then(|| link(page + 1)),
            prev: (page > 1).then(|| link((page - 1).min(pages))),
        }
    }
}

/// `GET /api/targets/{id}`: the target assessed on all its figures, with one page of
/// its observations (`?page=`, [`target::OBSERVATIONS_PER_PAGE`] to a page).
pub async fn target(
    State(state): State<AppState>,
    Path(id): Path<i64>,
    Query(day): Query<AsOfQuery>,
    Query(paging): Query<target::PageQuery>,
) -> Result<Response, ApiError> {
    let options = state.assess_options(day.date()?);
    let page = paging.request()?;
    let data = state
        .blocking(move |store| target::load(store, id, &options, page))
        .await?;
    let observations_page = PageJson::of(&data, &format!("/api/targets/{id}"), day.as_of.as_deref());
    let chart = target::year_rows(&target::chart_data(&data.row))
        .into_iter()
        .map(|y| YearJson {
            year: y.year,
            observed: y.observed,
            expected: y.expected,
            target: y.target,
            forecast: y.forecast,
        })
        .collect();
    let body = TargetBody {
        as_of: options.as_of,
        target: data.row,
        observations: data.observations.rows,
        observations_page,
        chart,
        sources: data.sources,
        conflicts: data.conflicts,
    };
    Ok(json_bytes(StatusCode::OK, to_json(&body)?))
}

/// `GET /api/regions`: the region × indicator matrix and the ranking.
pub async fn regions(State(state): State<AppState>, Query(day): Query<AsOfQuery>) -> Result<Response, ApiError> {
    let cache = state.scoreboard_rows(day.date()?).await?;
    let body = RegionsBody {
        as_of: cache.as_of,
        matrix: regions::build(&cache.rows),
    };
    Ok(json_bytes(StatusCode::OK, to_json(&body)?))
}

/// The answer of `GET /api/regions`: the matrix, with the day it is assessed as of.
#[derive(Debug, Serialize)]
pub struct RegionsBody {
    /// The day the targets are assessed as of (数据截至).
    pub as_of: pledge_assess::Date,
    /// Indicators, regions and their ranking.
    #[serde(flatten)]
    pub matrix: regions::Matrix,
}

/// `GET /api/documents`: every document, without texts.
pub async fn documents(State(state): State<AppState>) -> Result<Response, ApiError> {
    let docs = state.blocking(|store| Ok(store.documents()?)).await?;
    Ok(json_bytes(StatusCode::OK, to_json(&docs)?))
}

/// The answer of `GET /api/documents/{id}`.
#[derive(Debug, Serialize)]
pub struct DocumentBody {
    /// The document with its text.
    pub document: pledge_store::Document,
    /// Its extracted facts, with review states.
    pub facts: Vec<pledge_store::FactRecord>,
}

/// `GET /api/documents/{id}`: a document's text and facts.
pub async fn document(State(state): State<AppState>, Path(id): Path<i64>) -> Result<Response, ApiError> {
    let body = state
        .blocking(move |store| {
            let document = store
                .document(id)?
                .ok_or_else(|| ApiError::not_found(format!("document {id} not found")))?;
            let facts = store.facts(&FactFilter {
                document: Some(id),
                review: None,
            })?;
            Ok(DocumentBody { document, facts })
        })
        .await?;
    Ok(json_bytes(StatusCode::OK, to_json(&body)?))
}

/// Query of `GET /api/facts`.
#[derive(Debug, Default, Deserialize)]
pub struct FactQuery {
    /// Only facts of this document.
    pub document: Option<i64>,
    /// Only facts in this review state (`pending`, `accepted`, `rejected`).
    pub review: Option<String>,
}

/// `GET /api/facts`: extracted facts, filtered.
pub async fn facts(State(state): State<AppState>, Query(q): Query<FactQuery>) -> Result<Response, ApiError> {
    let review = match q.review.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(code) => Some(Review::parse(code).ok_or_else(|| {
            ApiError::bad_request(format!("review must be pending, accepted or rejected, not {code:?}"))
        })?),
        None => None,
    };
    let filter = FactFilter {
        document: q.document,
        review,
    };
    let facts = state.blocking(move |store| Ok(store.facts(&filter)?)).await?;
    Ok(json_bytes(StatusCode::OK, to_json(&facts)?))
}

/// Parses an optional JSON body (empty = default).
fn optional_json<T: for<'de> Deserialize<'de> + Default>(body: &[u8]) -> Result<T, ApiError> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(T::default());
    }
    serde_json::from_slice(body).map_err(|e| {
        ApiError::unprocessable(vec![FieldError {
            field: "body".into(),
            message: e.to_string(),
            row: None,
            value: None,
        }])
    })
}

/// Body of `POST /api/facts/{id}/accept`: every field optional (the store's `Acceptance`).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AcceptBody {
    /// The region; default: the one the ingester matched.
    pub region: Option<i64>,
    /// The indicator; default: the one the ingester matched.
    pub indicator: Option<i64>,
    /// For a target: its plan.
    pub plan: Option<i64>,
    /// For a target: binding or expected.
    pub binding: Option<pledge_store::Binding>,
    /// For a target: lead departments.
    pub lead_departments: Vec<String>,
    /// For a target: cooperating departments.
    pub cooperating_departments: Vec<String>,
    /// The reviewer's remark.
    pub note: String,
    /// Corrections of the fact's year, value or unit.
    pub edit: pledge_store::FactEdit,
    /// A new library indicator's name, for a fact that matched none.
    pub new_indicator: Option<String>,
    /// Confirms replacing or contradicting a stored value; without it a conflicting fact
    /// is refused with 409 and the conflicts listed.
    pub replace: bool,
}

/// The answer of an acceptance refused for its conflicts (409).
#[derive(Debug, Serialize)]
pub struct ConflictBody {
    /// `conflict`.
    pub error: &'static str,
    /// What happened, for people.
    pub message: String,
    /// The stored values it contradicts.
    pub conflicts: Vec<pledge_store::queue::Conflict>,
}

/// `POST /api/facts/{id}/accept`: accepts a fact (body: an optional `Acceptance`).
pub async fn accept_fact(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, ApiError> {
    principal.may_review().map_err(|e| ApiError::forbidden(e.0))?;
    let how: AcceptBody = optional_json(&body)?;
    let how = Acceptance {
        region: how.region,
        indicator: how.indicator,
        plan: how.plan,
        binding: how.binding.unwrap_or_default(),
        lead_departments: how.lead_departments,
        cooperating_departments: how.cooperating_departments,
        note: how.note,
        edit: how.edit,
        new_indicator: how.new_indicator,
        replace: how.replace,
    };
    let accepted = state
        .blocking(move |store| {
            let fact = store
                .fact(id)?
                .ok_or_else(|| ApiError::not_found(format!("fact {id} not found")))?;
            principal
                .may_accept_into(fact.region, how.region)
                .map_err(|e| ApiError::forbidden(e.0))?;
            let conflicts = if how.replace {
                Vec::new()
            } else {
                store.fact_conflicts(id, &how)?
            };
            if !conflicts.is_empty() {
                return Ok(Err(ConflictBody {
                    error: "conflict",
                    message: format!(
                        "fact {id} contradicts {} stored value(s); send \"replace\": true to accept it anyway",
                        conflicts.len()
                    ),
                    conflicts,
                }));
            }
            Ok(Ok(store.accept_fact(id, &how, &principal.name)?))
        })
        .await?;
    match accepted {
        Ok(a) => Ok(json_bytes(StatusCode::OK, to_json(&a)?)),
        Err(conflict) => Ok(json_bytes(StatusCode::CONFLICT, to_json(&conflict)?)),
    }
}

/// Body of `POST /api/facts/{id}/reject`.
#[derive(Debug, Default, Deserialize)]
pub struct RejectBody {
    /// Why.
    #[serde(default)]
    pub note: String,
}

/// `POST /api/facts/{id}/reject`.
pub async fn reject_fact(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, ApiError> {
    principal.may_review().map_err(|e| ApiError::forbidden(e.0))?;
    let RejectBody { note } = optional_json(&body)?;
    state
        .blocking(move |store| {
            let fact = store
                .fact(id)?
                .ok_or_else(|| ApiError::not_found(format!("fact {id} not found")))?;
            principal
                .may_review_in(fact.region)
                .map_err(|e| ApiError::forbidden(e.0))?;
            Ok(store.reject_fact(id, &note, &principal.name)?)
        })
        .await?;
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// `POST /api/observations`: one observation with the import columns as fields.
/// 201 stored (inserted or revised), 200 unchanged (the same figure is current), 401
/// without credentials, 403 outside role or regions, 422 field errors.
pub async fn post_observation(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    body: Bytes,
) -> Result<Response, ApiError> {
    let value: serde_json::Value =
        serde_json::from_slice(&body).map_err(|e| ApiError::bad_request(format!("the body is not JSON: {e}")))?;
    let serde_json::Value::Object(object) = value else {
        return Err(ApiError::unprocessable(vec![FieldError {
            field: "body".into(),
            message: "must be a JSON object with the import columns as fields".into(),
            row: None,
            value: None,
        }]));
    };
    let stored = state
        .blocking(move |store| entry::record_one(store, &principal, &object))
        .await?;
    // 201 only when something was stored; a figure already current is 200. No Location:
    // the API has no route for one observation (the id is in the body).
    let status = if stored.result == "unchanged" {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    };
    Ok(json_bytes(status, to_json(&stored)?))
}

/// Query of `POST /api/imports`.
#[derive(Debug, Default, Deserialize)]
pub struct ImportQuery {
    /// The file's name; its extension (`.csv`, `.xlsx`) decides the format.
    pub name: Option<String>,
}

/// `POST /api/imports?name=FILE.xlsx`: a whole file as the body, all-or-nothing.
/// 201 with the summary, or 422 with every error by row and column.
pub async fn post_import(
    State(state): State<AppState>,
    Authenticated(principal): Authenticated,
    Query(q): Query<ImportQuery>,
    body: Bytes,
) -> Result<Response, ApiError> {
    let name = q.name.unwrap_or_else(|| "upload".into());
    let result = state
        .blocking(move |store| Ok(entry::import_file(store, &principal, &name, &body)))
        .await?;
    match result {
        Ok(summary) => Ok(json_bytes(StatusCode::CREATED, to_json(&summary)?)),
        Err(UploadError::Sheet(errors)) => Err(ApiError::unprocessable(entry::field_errors(&errors, true))),
        Err(UploadError::Forbidden(message)) => Err(ApiError::forbidden(message)),
        Err(UploadError::Api(e)) => Err(e),
    }
}

/// `GET /api/openapi.json`.
pub async fn openapi() -> Json<serde_json::Value> {
    Json(crate::openapi::document())
}
