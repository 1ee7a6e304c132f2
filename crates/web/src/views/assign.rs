//! An analyst's assignment of a target's kind (约束性/预期性) and lead units (牵头单位):
//! the one write behind the plan page's form and `POST /api/targets/{id}`, with its
//! checks and its field errors in the reader's language.

use pledge_store::{Assignment, AssignmentError, Binding, Store, TargetRecord};

use crate::auth::Principal;
use crate::error::{ApiError, FieldError};
use crate::i18n::Lang;

/// The kind as sent (`binding`, `expected`, `unspecified`); anything else is a field error
/// on `binding`.
pub fn parse_binding(lang: Lang, code: &str) -> Result<Binding, ApiError> {
    Binding::parse(code.trim()).ok_or_else(|| {
        let message = match lang {
            Lang::Zh => {
                format!("指标属性须为 binding（约束性）、expected（预期性）或 unspecified（未注明），收到 {code:?}")
            }
            Lang::En => format!("binding is binding, expected or unspecified, not {code:?}"),
        };
        field_error("binding", message, code)
    })
}

/// The 422 of an assignment out of bounds, on `lead_departments`.
pub fn bounds_error(lang: Lang, e: &AssignmentError) -> ApiError {
    use pledge_store::target::{MAX_LEAD_UNITS, MAX_UNIT_CHARS};
    let message = match (lang, e) {
        (Lang::Zh, AssignmentError::TooManyUnits(n)) => {
            format!("牵头单位最多 {MAX_LEAD_UNITS} 个，填写了 {n} 个")
        }
        (Lang::Zh, AssignmentError::UnitTooLong(n)) => {
            format!("每个牵头单位名称最多 {MAX_UNIT_CHARS} 个字，填写了 {n} 个字")
        }
        (Lang::Zh, AssignmentError::ControlCharacter) => "牵头单位名称不能含换行、制表符等控制字符".to_owned(),
        (Lang::En, e) => e.to_string(),
    };
    field_error(e.field(), message, "")
}

fn field_error(field: &str, message: String, value: &str) -> ApiError {
    ApiError::unprocessable(vec![FieldError {
        field: field.into(),
        message,
        row: None,
        value: (!value.is_empty()).then(|| value.chars().take(200).collect()),
    }])
}

/// Assigns `assignment` to target `id` for `principal`: an analyst or admin, within its
/// regions (the target's stored region decides); bounds are field errors. Returns the
/// target as stored.
pub fn assign(
    store: &dyn Store,
    principal: &Principal,
    lang: Lang,
    id: i64,
    assignment: &Assignment,
) -> Result<TargetRecord, ApiError> {
    principal.may_review().map_err(|e| ApiError::forbidden(e.0))?;
    assignment.check().map_err(|e| bounds_error(lang, &e))?;
    let target = store
        .target(id)?
        .ok_or_else(|| ApiError::not_found(format!("target {id} not found")))?;
    principal
        .may_review_in(Some(target.region))
        .map_err(|e| ApiError::forbidden(e.0))?;
    Ok(store.assign_target(id, assignment, &principal.name)?)
}
