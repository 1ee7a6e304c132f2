//! Data entry: one observation (JSON or form) and whole files, checked by the same rules
//! as `pledge import` (the sheets crate), then written all-or-nothing.
//!
//! A single observation is checked by handing it to the CSV reader as a one-row file, so
//! the API, the form and the import can never disagree about what a valid row is.

use std::collections::HashSet;

use pledge_sheets::{Column, IndicatorInfo, IndicatorLookup, ObservationRow, OwnFigures, Registry, SheetErrors};
use pledge_store::{
    ImportSummary, NewObservation, Recorded, Region, RegionId, Source, Store, StoreError, TargetFilter,
};
use serde::Serialize;

use crate::auth::{Forbidden, Principal};
use crate::error::{ApiError, FieldError};

/// The store as the importer's registry of regions and indicators.
///
/// Region names repeat across China (`市中区`); a name is resolved to the region that has
/// targets when one of the candidates does, else by the store's own preference.
pub struct StoreRegistry<'s> {
    store: &'s dyn Store,
    with_targets: HashSet<RegionId>,
    /// The indicator library, for wordings that are no exact name or alias.
    library: pledge_indicators::Library,
}

impl<'s> StoreRegistry<'s> {
    /// A registry over `store`.
    pub fn new(store: &'s dyn Store) -> Result<StoreRegistry<'s>, StoreError> {
        let with_targets = store
            .targets(&TargetFilter::default())?
            .into_iter()
            .map(|t| t.region)
            .collect();
        Ok(StoreRegistry {
            store,
            with_targets,
            library: store.indicator_library()?,
        })
    }

    /// The region a name means.
    pub fn resolve_region(&self, name: &str) -> Option<Region> {
        let candidates = self.store.find_regions(name).ok()?;
        if let Some(r) = candidates.iter().find(|r| self.with_targets.contains(&r.id)) {
            return Some(r.clone());
        }
        self.store.find_region(name, None).ok().flatten()
    }
}

impl Registry for StoreRegistry<'_> {
    fn region(&self, name: &str) -> Option<String> {
        self.resolve_region(name).map(|r| r.name)
    }

    fn indicator(&self, name: &str) -> Option<IndicatorInfo> {
        let ind = self.store.find_indicator(name).ok()??;
        Some(IndicatorInfo {
            name: ind.name,
            unit: (!ind.unit.is_empty()).then_some(ind.unit),
        })
    }

    fn lookup_indicator(&self, name: &str, unit: &str, measure: pledge_model::Measure) -> IndicatorLookup {
        pledge_sheets::lookup_in_library(&self.library, name, unit, measure)
    }

    /// A short form the gazetteer knows (`历城` → `历城区`), when the store has that region.
    fn suggest_region(&self, name: &str) -> Option<String> {
        let g = pledge_text::gazetteer();
        let place = g.lookup(name.trim(), None)?;
        self.resolve_region(&g.places[place].name).map(|r| r.name)
    }
}

/// Turns a JSON object whose fields are import columns into a one-row CSV file. Values
/// must be strings, numbers or null; anything else is a field error.
pub fn object_to_csv(object: &serde_json::Map<String, serde_json::Value>) -> Result<Vec<u8>, Vec<FieldError>> {
    let mut header = Vec::new();
    let mut cells = Vec::new();
    let mut errors = Vec::new();
    for (key, value) in object {
        let text = match value {
            serde_json::Value::String(s) => s.clone(),
            serde_json::Value::Number(n) => n.to_string(),
            serde_json::Value::Null => String::new(),
            _ => {
                errors.push(FieldError {
                    field: key.clone(),
                    message: "must be a string or a number".into(),
                    row: None,
                    value: Some(value.to_string()),
                });
                continue;
            }
        };
        header.push(csv_cell(key));
        cells.push(csv_cell(&text));
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(format!("{}\r\n{}\r\n", header.join(","), cells.join(",")).into_bytes())
}

/// Quotes one CSV cell.
fn csv_cell(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// The name of the one region an account is confined to, to fill in when an
/// observation names none; `None` for an account with no or several regions.
pub fn own_region(store: &dyn Store, principal: &Principal) -> Result<Option<String>, StoreError> {
    match principal.regions.as_deref() {
        Some([id]) => Ok(store.region(*id)?.map(|r| r.name)),
        _ => Ok(None),
    }
}

/// Sheet errors as field errors (the row dropped for a one-row input, which is no file:
/// a column missing from its "header" is a field the object lacks).
pub fn field_errors(errors: &SheetErrors, keep_rows: bool) -> Vec<FieldError> {
    errors
        .errors
        .iter()
        .map(|e| FieldError {
            field: e.column.clone().unwrap_or_else(|| "file".into()),
            message: if !keep_rows && e.kind == pledge_sheets::ErrorKind::MissingColumn {
                "is a required field".into()
            } else {
                e.message.clone()
            },
            row: if keep_rows { e.row } else { None },
            value: (!e.value.is_empty()).then(|| e.value.clone()),
        })
        .collect()
}

/// A checked row as the store's new observation.
pub fn to_new_observation(
    registry: &StoreRegistry<'_>,
    store: &dyn Store,
    row: &ObservationRow,
) -> Result<NewObservation, FieldError> {
    let region = registry.resolve_region(&row.region).ok_or_else(|| FieldError {
        field: Column::Region.name().into(),
        message: "is not a known region".into(),
        row: Some(row.row),
        value: Some(row.region.clone()),
    })?;
    let indicator = store
        .find_indicator(&row.indicator)
        .ok()
        .flatten()
        .ok_or_else(|| FieldError {
            field: Column::Indicator.name().into(),
            message: "is not a known indicator".into(),
            row: Some(row.row),
            value: Some(row.indicator.clone()),
        })?;
    let mut new = NewObservation::new(
        region.id,
        indicator.id,
        row.observation(),
        Source::url(&row.source_url, &row.quote),
    );
    new.note = row.note.clone().unwrap_or_default();
    Ok(new)
}

/// May `principal` write this observation? Role and regions, then (for a reporter with
/// departments) the departments leading or cooperating on the targets of the same region
/// and indicator. Decided from the resolved row, never from ids the client sent.
pub fn may_write(store: &dyn Store, principal: &Principal, new: &NewObservation) -> Result<(), Forbidden> {
    principal.may_write_observation(new.region)?;
    if principal.role == pledge_store::Role::Reporter && !principal.departments.is_empty() {
        let departments: Vec<String> = store
            .targets(&TargetFilter {
                region: Some(new.region),
                indicator: Some(new.indicator),
                ..TargetFilter::default()
            })
            .map_err(|e| Forbidden(format!("cannot check departments: {e}")))?
            .into_iter()
            .flat_map(|t| t.lead_departments.into_iter().chain(t.cooperating_departments))
            .collect();
        principal.may_report_for(&departments)?;
    }
    Ok(())
}

/// What recording one observation did, as the API answers it.
#[derive(Debug, Clone, Serialize)]
pub struct Stored {
    /// The id of the current revision.
    pub id: i64,
    /// `inserted`, `revised` or `unchanged`.
    pub result: &'static str,
    /// The revision it superseded, for a correction.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supersedes: Option<i64>,
    /// The region the value was stored under.
    pub region: String,
    /// The indicator it was stored under.
    pub indicator: String,
    /// The value stored (converted to the indicator's unit).
    pub value: f64,
    /// Its unit.
    pub unit: String,
}

/// Checks and records one observation given as import columns, for `principal`:
/// 422 with field errors, 403 outside its role or regions. The principal is signed in,
/// so `source_url` and `quote` are optional (its account and the time are recorded as
/// the source), and `region` defaults to its one region when it has one.
pub fn record_one(
    store: &dyn Store,
    principal: &Principal,
    object: &serde_json::Map<String, serde_json::Value>,
) -> Result<Stored, ApiError> {
    let mut object = object.clone();
    if !object.contains_key(Column::Region.name()) {
        if let Some(region) = own_region(store, principal)? {
            object.insert(Column::Region.name().into(), serde_json::Value::String(region));
        }
    }
    let csv = object_to_csv(&object).map_err(ApiError::unprocessable)?;
    let registry = StoreRegistry::new(store)?;
    let rows = pledge_sheets::csv::read_csv("observation", &csv, &OwnFigures(&registry))
        .map_err(|e| ApiError::unprocessable(field_errors(&e, false)))?;
    let [row] = rows.as_slice() else {
        return Err(ApiError::unprocessable(vec![FieldError {
            field: "body".into(),
            message: "holds no observation".into(),
            row: None,
            value: None,
        }]));
    };
    let new = to_new_observation(&registry, store, row).map_err(|mut e| {
        e.row = None;
        ApiError::unprocessable(vec![e])
    })?;
    may_write(store, principal, &new).map_err(|e| ApiError::forbidden(e.0))?;
    let recorded = store.record_observation(&new, &principal.name)?;
    let (result, supersedes) = match recorded {
        Recorded::Inserted(_) => ("inserted", None),
        Recorded::Revised { supersedes, .. } => ("revised", Some(supersedes)),
        Recorded::Unchanged(_) => ("unchanged", None),
    };
    Ok(Stored {
        id: recorded.id(),
        result,
        supersedes,
        region: row.region.clone(),
        indicator: row.indicator.clone(),
        value: row.value,
        unit: row.unit.clone(),
    })
}

/// Why an upload was refused.
#[derive(Debug)]
pub enum UploadError {
    /// The file has errors (every one listed, by row and column); nothing was written.
    Sheet(SheetErrors),
    /// Rows are fine but outside the caller's role or regions.
    Forbidden(String),
    /// The store refused or failed.
    Api(ApiError),
}

impl From<StoreError> for UploadError {
    fn from(e: StoreError) -> UploadError {
        UploadError::Api(e.into())
    }
}

/// Checks a whole file and imports it all-or-nothing for `principal`.
pub fn import_file(
    store: &dyn Store,
    principal: &Principal,
    name: &str,
    bytes: &[u8],
) -> Result<ImportSummary, UploadError> {
    let registry = StoreRegistry::new(store)?;
    let rows = pledge_sheets::read_observations(name, bytes, &OwnFigures(&registry)).map_err(UploadError::Sheet)?;
    let mut news = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    for row in &rows {
        match to_new_observation(&registry, store, row) {
            Ok(new) => {
                if let Err(e) = may_write(store, principal, &new) {
                    return Err(UploadError::Forbidden(format!("row {}: {}", row.row, e.0)));
                }
                news.push(new);
            }
            Err(e) => errors.push(pledge_sheets::RowError::cell(
                if e.field == "region" {
                    pledge_sheets::ErrorKind::UnknownRegion
                } else {
                    pledge_sheets::ErrorKind::UnknownIndicator
                },
                e.row.unwrap_or(0),
                e.field,
                e.value.unwrap_or_default(),
                e.message,
            )),
        }
    }
    if !errors.is_empty() {
        return Err(UploadError::Sheet(SheetErrors::new(name, errors, 0)));
    }
    match store.import_observations(&news, &principal.name) {
        Ok(summary) => Ok(summary),
        Err(StoreError::Import(row_errors)) => Err(UploadError::Sheet(SheetErrors::new(
            name,
            row_errors
                .into_iter()
                .map(|e| {
                    let row = rows.get(e.row).map_or(e.row + 2, |r| r.row);
                    pledge_sheets::RowError::cell(pledge_sheets::ErrorKind::Duplicate, row, e.field, "", e.message)
                })
                .collect(),
            0,
        ))),
        Err(e) => Err(e.into()),
    }
}
