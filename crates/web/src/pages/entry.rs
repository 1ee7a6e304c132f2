//! `GET /entry`: the data-entry page; `POST /entry` (one observation) and
//! `POST /entry/upload` (a whole xlsx/csv file, all-or-nothing); `GET /export`.

use std::collections::BTreeMap;

use askama::Template;
use axum::Form;
use axum::extract::{Multipart, State};
use axum::http::StatusCode;
use axum::response::Response;

use crate::error::FieldError;
use crate::i18n::error_kind_label;
use crate::pages::Ctx;
use crate::state::AppState;
use crate::views::entry::{self, UploadError};

/// An upload error as the table shows it.
#[derive(Debug, Clone)]
pub struct UploadErrorView {
    /// Spreadsheet row (header = 1), or empty for the whole file.
    pub row: String,
    /// Column, or empty.
    pub column: String,
    /// The cell as written.
    pub value: String,
    /// What kind of problem, translated.
    pub kind: &'static str,
    /// The message (English phrase from the importer).
    pub message: String,
}

/// The data-entry page.
#[derive(Template)]
#[template(path = "entry.html")]
pub struct EntryPage {
    /// Context.
    pub c: Ctx,
    /// The values of the one-observation form (to refill it after an error).
    pub form: BTreeMap<String, String>,
    /// Field errors of the form.
    pub field_errors: Vec<FieldError>,
    /// What was saved.
    pub saved: Option<String>,
    /// The uploaded file's name.
    pub upload_name: String,
    /// Errors of the upload, by row and column.
    pub upload_errors: Vec<UploadErrorView>,
    /// What the upload imported.
    pub upload_ok: Option<String>,
    /// A refusal message (403).
    pub forbidden: Option<String>,
    /// Region suggestions.
    pub regions: Vec<String>,
    /// Indicator suggestions.
    pub indicators: Vec<String>,
}

impl EntryPage {
    /// The form value of a field.
    pub fn v(&self, field: &str) -> &str {
        self.form.get(field).map_or("", String::as_str)
    }

    /// Whether a field has an error (for `aria-invalid`).
    pub fn bad(&self, field: &str) -> bool {
        self.field_errors.iter().any(|e| e.field == field)
    }
}

async fn suggestions(state: &AppState) -> (Vec<String>, Vec<String>) {
    state
        .blocking(|store| {
            let mut regions: Vec<String> = store
                .targets(&pledge_store::TargetFilter::default())?
                .into_iter()
                .map(|t| t.region_name)
                .collect();
            regions.sort();
            regions.dedup();
            let indicators = store.indicators()?.into_iter().map(|i| i.name).collect();
            Ok((regions, indicators))
        })
        .await
        .unwrap_or_default()
}

async fn empty_page(state: &AppState, mut c: Ctx) -> EntryPage {
    c.nav = "entry";
    let (regions, indicators) = suggestions(state).await;
    let mut form = BTreeMap::new();
    if let Some(user) = c.user.clone() {
        let own = state.blocking(move |store| Ok(entry::own_region(store, &user)?)).await;
        if let Ok(Some(region)) = own {
            form.insert("region".to_owned(), region);
        }
    }
    EntryPage {
        c,
        form,
        field_errors: Vec::new(),
        saved: None,
        upload_name: String::new(),
        upload_errors: Vec::new(),
        upload_ok: None,
        forbidden: None,
        regions,
        indicators,
    }
}

/// `GET /entry`.
pub async fn page(State(state): State<AppState>, c: Ctx) -> Response {
    let page = empty_page(&state, c).await;
    page.c.render(StatusCode::OK, &page)
}

/// `POST /entry`: one observation from the form.
pub async fn submit(State(state): State<AppState>, c: Ctx, Form(mut form): Form<BTreeMap<String, String>>) -> Response {
    let csrf = form.remove(crate::auth::csrf::FIELD);
    if let Some(refused) = crate::auth::csrf::check(&c, csrf.as_deref()) {
        return refused;
    }
    let Some(user) = c.user.clone() else {
        return crate::pages::signin::needed(&c);
    };
    let mut page = empty_page(&state, c).await;
    let object: serde_json::Map<String, serde_json::Value> = form
        .iter()
        .filter(|(k, v)| k.as_str() != "lang" && !(v.trim().is_empty() && is_optional(k)))
        .map(|(k, v)| (k.clone(), serde_json::Value::String(v.clone())))
        .collect();
    page.form = form;
    let result = state
        .blocking(move |store| entry::record_one(store, &user, &object))
        .await;
    let status = match result {
        Ok(stored) => {
            page.saved = Some(format!(
                "{} · {} · {} {} (#{}, {})",
                stored.region,
                stored.indicator,
                crate::chart::format_number(stored.value),
                stored.unit,
                stored.id,
                page.c.tr.s(match stored.result {
                    "inserted" => "inserted",
                    "revised" => "revised",
                    _ => "unchanged",
                })
            ));
            page.form.clear();
            StatusCode::CREATED
        }
        Err(e) if e.status == StatusCode::FORBIDDEN => {
            page.forbidden = Some(e.message.clone());
            StatusCode::FORBIDDEN
        }
        Err(e) if !e.errors.is_empty() => {
            page.field_errors = e.errors.clone();
            e.status
        }
        Err(e) => return page.c.error(&e),
    };
    page.c.render(status, &page)
}

/// Optional import columns: an empty form field is left out rather than sent empty.
fn is_optional(field: &str) -> bool {
    matches!(
        field,
        "measure" | "baseline_year" | "period" | "note" | "source_url" | "quote"
    )
}

/// `POST /entry/upload`: a whole file (multipart field `file`).
pub async fn upload(State(state): State<AppState>, c: Ctx, mut multipart: Multipart) -> Response {
    let Some(user) = c.user.clone() else {
        return crate::pages::signin::needed(&c);
    };
    let mut page = empty_page(&state, c).await;
    let mut file: Option<(String, Vec<u8>)> = None;
    let mut csrf: Option<String> = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) => {
                if field.name() == Some(crate::auth::csrf::FIELD) {
                    csrf = field.text().await.ok();
                } else if field.name() == Some("file") {
                    let name = field.file_name().unwrap_or("upload").to_owned();
                    match field.bytes().await {
                        Ok(bytes) => file = Some((name, bytes.to_vec())),
                        Err(e) => {
                            return page
                                .c
                                .error(&crate::error::ApiError::new(e.status(), "bad_upload", e.body_text()));
                        }
                    }
                }
            }
            Ok(None) => break,
            Err(e) => {
                return page
                    .c
                    .error(&crate::error::ApiError::new(e.status(), "bad_upload", e.body_text()));
            }
        }
    }
    if let Some(refused) = crate::auth::csrf::check(&page.c, csrf.as_deref()) {
        return refused;
    }
    let Some((name, bytes)) = file else {
        return page
            .c
            .error(&crate::error::ApiError::bad_request("choose a file to upload"));
    };
    page.upload_name = name.clone();
    let result = state
        .blocking(move |store| Ok(entry::import_file(store, &user, &name, &bytes)))
        .await;
    let lang = page.c.lang;
    let status = match result {
        Ok(Ok(summary)) => {
            let tr = page.c.tr;
            page.upload_ok = Some(format!(
                "{} {} · {} {} · {} {} · {} {}",
                summary.rows,
                tr.s("rows"),
                summary.inserted,
                tr.s("inserted"),
                summary.revised,
                tr.s("revised"),
                summary.unchanged,
                tr.s("unchanged")
            ));
            StatusCode::CREATED
        }
        Ok(Err(UploadError::Sheet(errors))) => {
            page.upload_errors = errors
                .errors
                .iter()
                .map(|e| UploadErrorView {
                    row: e.row.map(|r| r.to_string()).unwrap_or_default(),
                    column: e.column.clone().unwrap_or_default(),
                    value: e.value.clone(),
                    kind: error_kind_label(lang, e.kind),
                    message: e.message.clone(),
                })
                .collect();
            StatusCode::UNPROCESSABLE_ENTITY
        }
        Ok(Err(UploadError::Forbidden(m))) => {
            page.forbidden = Some(m);
            StatusCode::FORBIDDEN
        }
        Ok(Err(UploadError::Api(e))) | Err(e) => return page.c.error(&e),
    };
    page.c.render(status, &page)
}

/// The export page.
#[derive(Template)]
#[template(path = "export.html")]
pub struct ExportPage {
    /// Context.
    pub c: Ctx,
}

/// `GET /export`.
pub async fn export_page(mut c: Ctx) -> Response {
    c.nav = "export";
    let page = ExportPage { c };
    page.c.render(StatusCode::OK, &page)
}
