//! The OpenAPI 3.1 document of the JSON API, written by hand with `serde_json` so that it
//! says exactly what the handlers do; a test checks it names every route of
//! [`crate::routes::entries`] and nothing else.

use serde_json::{Value, json};

/// A JSON response with a schema reference.
fn json_response(description: &str, schema: Value) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": schema}}})
}

fn reference(name: &str) -> Value {
    json!({"$ref": format!("#/components/schemas/{name}")})
}

fn error_response(description: &str) -> Value {
    json_response(description, reference("Error"))
}

fn as_of_param() -> Value {
    json!({"name": "as_of", "in": "query", "required": false,
           "description": "The day to assess as of (YYYY-MM-DD), default today: figures of later periods are left out, unreported targets past their publication lag are OVERDUE, verdicts on old figures are stale. Not a date: 422 with a field error.",
           "schema": {"type": "string", "format": "date"}})
}

fn id_param(description: &str) -> Value {
    json!({"name": "id", "in": "path", "required": true, "description": description,
           "schema": {"type": "integer", "format": "int64"}})
}

fn file_response(description: &str) -> Value {
    json!({"description": description, "content": {
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": {"schema": {"type": "string", "contentEncoding": "binary"}},
        "text/csv": {"schema": {"type": "string"}},
        "application/json": {"schema": {"type": "array", "items": {"type": "object"}}}
    }})
}

/// The document served at `/api/openapi.json`.
pub fn document() -> Value {
    let mut doc = base_document();
    if let (Some(paths), Value::Object(more)) = (doc["paths"].as_object_mut(), account_paths()) {
        paths.extend(more);
    }
    if let (Some(schemas), Value::Object(more)) = (doc["components"]["schemas"].as_object_mut(), account_schemas()) {
        schemas.extend(more);
    }
    doc
}

/// 401 and 403 of an admin route.
fn admin_errors() -> (Value, Value) {
    (
        error_response("No valid credentials (a bearer token, or a session for GET)."),
        error_response("Not an admin."),
    )
}

/// The routes of accounts, tokens and the audit log.
fn account_paths() -> Value {
    let (e401, e403) = admin_errors();
    let name_param = json!({"name": "name", "in": "path", "required": true, "description": "The account name.", "schema": {"type": "string"}});
    json!({
        "/api/me": {"get": {
            "summary": "Who the credentials stand for: name, role, regions, departments.",
            "operationId": "me",
            "security": [{"bearer": []}],
            "responses": {"200": json_response("The principal.", json!({"type": "object", "properties": {"principal": reference("Principal")}})),
                          "401": e401}
        }},
        "/api/users": {
            "get": {
                "summary": "Every account (admins only). No password hashes.",
                "operationId": "users",
                "security": [{"bearer": []}],
                "responses": {"200": json_response("The accounts.", json!({"type": "array", "items": reference("User")})), "401": e401, "403": e403}
            },
            "post": {
                "summary": "Creates an account (admins only); the password is stored as an argon2 hash.",
                "operationId": "createUser",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": reference("NewUser")}}},
                "responses": {"201": json_response("Created.", reference("User")), "401": e401, "403": e403,
                              "409": error_response("The name is taken."), "422": error_response("A bad role, region or password.")}
            }
        },
        "/api/users/{name}/disable": {"post": {
            "summary": "Disables an account (body `{\"disabled\": false}` enables it again); its sessions and tokens stop working at once.",
            "operationId": "disableUser",
            "security": [{"bearer": []}],
            "parameters": [name_param],
            "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "properties": {"disabled": {"type": "boolean", "default": true}}}}}},
            "responses": {"200": json_response("The account.", reference("User")), "401": e401, "403": e403, "404": error_response("No such account."),
                          "422": error_response("The body is not `{\"disabled\": true|false}` (field `body`).")}
        }},
        "/api/users/{name}/tokens": {"post": {
            "summary": "Issues an API token for the account (admins only); the plaintext is in this answer and nowhere else.",
            "operationId": "issueToken",
            "security": [{"bearer": []}],
            "parameters": [name_param],
            "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "additionalProperties": false, "properties": {
                "name": {"type": "string"}, "role": {"enum": ["admin", "analyst", "reporter", "viewer"]},
                "regions": {"type": "array", "items": {"type": "string"}}}}}}},
            "responses": {"201": json_response("Issued.", reference("Issued")),
                          "401": e401, "403": e403, "404": error_response("No such account."), "422": error_response("A role above the user's, or regions outside them.")}
        }},
        "/api/tokens": {"get": {
            "summary": "API tokens (never their secrets), revoked ones included (admins only).",
            "operationId": "tokens",
            "security": [{"bearer": []}],
            "parameters": [{"name": "user", "in": "query", "schema": {"type": "string"}, "description": "Only this account's tokens."}],
            "responses": {"200": json_response("The tokens.", json!({"type": "array", "items": reference("ApiToken")})), "401": e401, "403": e403}
        }},
        "/api/tokens/{id}/revoke": {"post": {
            "summary": "Revokes a token: refused from the next call on (admins only).",
            "operationId": "revokeToken",
            "security": [{"bearer": []}],
            "parameters": [id_param("The token.")],
            "responses": {"204": {"description": "Revoked."}, "401": e401, "403": e403, "404": error_response("No such token.")}
        }},
        "/api/audit": {"get": {
            "summary": "The audit log, newest first (admins only): who, when, what, before and after; with `format` a download.",
            "operationId": "audit",
            "security": [{"bearer": []}],
            "parameters": [
                {"name": "entity", "in": "query", "schema": {"type": "string"}, "description": "Only this table (observations, users…)."},
                {"name": "entity_id", "in": "query", "schema": {"type": "integer"}},
                {"name": "actor", "in": "query", "schema": {"type": "string"}},
                {"name": "limit", "in": "query", "schema": {"type": "integer"}, "description": "Default 500 for the list, all for a download."},
                {"name": "format", "in": "query", "schema": {"enum": ["json", "csv", "xlsx"]}, "description": "A download instead of the list."}
            ],
            "responses": {"200": json_response("The entries.", json!({"type": "array", "items": reference("AuditEntry")})), "401": e401, "403": e403}
        }}
    })
}

/// The schemas of accounts, tokens and the audit log.
fn account_schemas() -> Value {
    let role = json!({"enum": ["admin", "analyst", "reporter", "viewer"]});
    let ids = json!({"type": "array", "items": {"type": "integer"}});
    let names = json!({"type": "array", "items": {"type": "string"}});
    json!({
        "Principal": {"type": "object", "properties": {"name": {"type": "string"}, "role": role,
            "regions": {"type": ["array", "null"], "items": {"type": "integer"}, "description": "null: any region."},
            "departments": names}},
        "User": {"type": "object", "required": ["id", "name", "role", "regions", "departments", "disabled", "created_at", "created_by", "updated_at", "updated_by"], "additionalProperties": false, "properties": {"id": {"type": "integer"}, "name": {"type": "string"}, "role": role,
            "regions": ids, "departments": names, "disabled": {"type": "boolean"},
            "created_at": {"type": "string"}, "created_by": {"type": "string"}, "updated_at": {"type": "string"}, "updated_by": {"type": "string"}}},
        "NewUser": {"type": "object", "required": ["name", "role", "password"], "additionalProperties": false, "properties": {"name": {"type": "string"}, "role": role,
            "regions": names, "departments": names, "password": {"type": "string", "minLength": 8}}},
        "ApiToken": {"type": "object", "required": ["id", "user_id", "user_name", "name", "role", "regions", "created_at", "created_by", "last_used_at", "revoked_at", "revoked_by"], "additionalProperties": false, "properties": {"id": {"type": "integer"}, "user_id": {"type": "integer"}, "user_name": {"type": "string"},
            "name": {"type": "string"}, "role": role, "regions": ids, "created_at": {"type": "string"}, "created_by": {"type": "string"},
            "last_used_at": {"type": ["string", "null"]}, "revoked_at": {"type": ["string", "null"]}, "revoked_by": {"type": ["string", "null"]}}},
        "Issued": {"type": "object", "required": ["token", "secret"], "additionalProperties": false, "properties": {
            "token": {"$ref": "#/components/schemas/ApiToken"}, "secret": {"type": "string", "description": "The plaintext token, shown only in this answer."}}},
        "AuditEntry": {"type": "object", "properties": {"id": {"type": "integer"}, "at": {"type": "string"}, "actor": {"type": "string"},
            "action": {"type": "string"}, "entity": {"type": "string"}, "entity_id": {"type": ["integer", "null"]},
            "before": {"type": ["object", "array", "null"]}, "after": {"type": ["object", "array", "null"]}}}
    })
}

/// The document without the account routes.
fn base_document() -> Value {
    let write_errors = |created: Value| {
        json!({
            "201": created,
            "401": error_response("No valid credentials (send `Authorization: Bearer TOKEN`)."),
            "403": error_response("Valid credentials, but the role or regions do not allow this write."),
            "422": error_response("Field errors: every problem, by field (and by row for files)."),
        })
    };
    let mut observation_responses = write_errors(json_response("Stored: inserted or revised.", reference("Stored")));
    observation_responses["400"] = error_response("The body is not JSON.");
    observation_responses["200"] = json_response(
        "Unchanged: the same figure is already current; nothing stored.",
        reference("Stored"),
    );
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "pledge",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Government plan targets, their observations and assessments (status, light, completion, forecast, explanation), and the documents every number was read in. Reads are public unless the server runs with PLEDGE_PUBLIC_READ=0; writes need a bearer token (`pledge user token NAME`) whose role and regions allow them: reporters write observations of their regions (and departments), analysts review facts, admins manage accounts and read the audit log.",
            "license": {"name": "MIT OR Apache-2.0", "identifier": "MIT OR Apache-2.0"}
        },
        "servers": [{"url": "/"}],
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": schemas()
        },
        "paths": {
            "/api/openapi.json": {"get": {
                "summary": "This document.",
                "operationId": "openapi",
                "responses": {"200": json_response("The OpenAPI 3.1 document.", json!({"type": "object"}))}
            }},
            "/api/scoreboard": {"get": {
                "summary": "Every target with its assessment, worst first.",
                "operationId": "scoreboard",
                "parameters": [
                    {"name": "category", "in": "query", "schema": {"type": "string"}, "description": "Indicator category code (energy, environment, …)."},
                    {"name": "status", "in": "query", "schema": {"type": "string"}, "description": "A status (ON_TRACK…) or a group: on_track, behind, achieved, no_data; anything else is 422 naming the field status."},
                    {"name": "region", "in": "query", "schema": {"type": "string"}, "description": "Region name or id."},
                    {"name": "department", "in": "query", "schema": {"type": "string"}, "description": "Part of a lead or cooperating department's name."},
                    {"name": "plan", "in": "query", "schema": {"type": "string"}, "description": "Plan id."},
                    {"name": "gap", "in": "query", "schema": {"type": "string", "enum": ["overdue", "never_reported", "one_point", "not_yet_due", "stale"]}, "description": "A named gap of targets without a verdict, or stale for verdicts on stale figures."},
                    {"name": "ndrc", "in": "query", "schema": {"type": "string", "enum": ["一级", "二级", "三级", "1", "2", "3", "level1", "level2", "level3", "none"]}, "description": "A 预警 level (ndrc_level): 一级 (形势十分严峻), 二级 (比较严峻), 三级 (基本顺利), or none for targets without one (no verdict, or a verdict on stale figures); anything else is 422 naming the field ndrc."},
                    as_of_param()
                ],
                "responses": {"200": json_response("Summary counts and rows.", reference("Scoreboard")), "422": error_response("An unknown status, gap or ndrc level, or as_of not a date: the field is named.")}
            }},
            "/api/targets/{id}": {"get": {
                "summary": "One target: its row (assessed on every figure), one page of its observations with sources (200 to a page, newest first), and the chart's numbers by year.",
                "operationId": "target",
                "parameters": [id_param("Target id."), as_of_param(),
                    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "default": 1}, "description": "Which page of the observations (observations_page.next and prev link the others)."}],
                "responses": {"200": json_response("The target.", reference("TargetDetail")), "404": error_response("No such target."), "422": error_response("page not a number from 1, or as_of not a date: the field is named.")}
            }, "post": {
                "summary": "Assigns a target's kind (约束性 binding / 预期性 expected; unspecified clears it, and the pages read the source's wording again) and its lead units (牵头单位), audited (`assign`). A field left out stays as it is.",
                "operationId": "assignTarget",
                "security": [{"bearer": []}],
                "parameters": [id_param("Target id.")],
                "requestBody": {"required": true, "content": {"application/json": {"schema": reference("Assignment")}}},
                "responses": {
                    "200": json_response("The target's assignment as stored.", reference("Assigned")),
                    "400": error_response("The body is not JSON."),
                    "401": error_response("No valid credentials."),
                    "403": error_response("Assigning needs the analyst or admin role, within the caller's regions."),
                    "404": error_response("No such target."),
                    "422": error_response("A field error naming `binding`, `lead_departments` (at most 10 units of at most 50 characters, no control characters), an unknown field, or `body` (not an object, or nothing to assign).")
                }
            }},
            "/api/regions": {"get": {
                "summary": "The ranking (排名): districts against districts by 完成率 and by 序时进度 over every due target (an unreported one counts as no progress), with reporting coverage and light and 预警 counts; larger regions listed apart, unranked. And the region × indicator matrix of lights.",
                "operationId": "regions",
                "parameters": [as_of_param()],
                "responses": {"200": json_response("Matrix and ranking.", reference("Matrix"))}
            }},
            "/api/documents": {"get": {
                "summary": "Every stored document, without texts.",
                "operationId": "documents",
                "responses": {"200": json_response("Documents.", json!({"type": "array", "items": reference("DocumentInfo")}))}
            }},
            "/api/documents/{id}": {"get": {
                "summary": "A document's text and its extracted facts with review states.",
                "operationId": "document",
                "parameters": [id_param("Document id.")],
                "responses": {"200": json_response("Document and facts.", json!({"type": "object", "properties": {"document": reference("DocumentInfo"), "facts": {"type": "array", "items": reference("Fact")}}})), "404": error_response("No such document.")}
            }},
            "/api/facts": {"get": {
                "summary": "Extracted facts.",
                "operationId": "facts",
                "parameters": [
                    {"name": "document", "in": "query", "schema": {"type": "integer"}},
                    {"name": "review", "in": "query", "schema": {"enum": ["pending", "accepted", "rejected"]}}
                ],
                "responses": {"200": json_response("Facts, by id.", json!({"type": "array", "items": reference("Fact")})), "400": error_response("Unknown review state.")}
            }},
            "/api/facts/{id}/accept": {"post": {
                "summary": "Accepts a fact: a target fact becomes a target, an actual an observation.",
                "operationId": "acceptFact",
                "security": [{"bearer": []}],
                "parameters": [id_param("Fact id.")],
                "requestBody": {"required": false, "content": {"application/json": {"schema": reference("Acceptance")}}},
                "responses": {
                    "200": json_response("What it became: {\"target\": id} or {\"observation\": id}.", reference("Accepted")),
                    "401": error_response("No valid credentials."),
                    "403": error_response("Reviewing needs the analyst or admin role, within the caller's regions."),
                    "404": error_response("No such fact."),
                    "409": json_response("Already accepted or no region/indicator to accept it under (an Error), or it contradicts stored values (a FactConflict listing them; send `replace: true` to accept anyway).",
                        json!({"oneOf": [reference("Error"), reference("FactConflict")]})),
                    "422": error_response("The body is not an Acceptance (field `body`: not JSON, a wrong type or an unknown field).")
                }
            }},
            "/api/facts/{id}/reject": {"post": {
                "summary": "Rejects a pending fact.",
                "operationId": "rejectFact",
                "security": [{"bearer": []}],
                "parameters": [id_param("Fact id.")],
                "requestBody": {"required": false, "content": {"application/json": {"schema": {"type": "object", "properties": {"note": {"type": "string"}}}}}},
                "responses": {
                    "204": {"description": "Rejected."},
                    "401": error_response("No valid credentials."),
                    "403": error_response("Reviewing needs the analyst or admin role, within the caller's regions."),
                    "404": error_response("No such fact."),
                    "409": error_response("An accepted fact cannot be rejected."),
                    "422": error_response("The body is not `{\"note\": …}` (field `body`).")
                }
            }},
            "/api/review": {"get": {
                "summary": "The review queue: every pending fact the caller may decide (a caller confined to regions sees only the facts stored under them) with its sentence (context), the region, indicator and targets it would join, its indicator match score and why it waits (reasons: new_indicator, no_region, no_due_year, low_confidence, conflict with the stored value and its source, implausible).",
                "operationId": "reviewQueue",
                "security": [{"bearer": []}],
                "parameters": [
                    {"name": "document", "in": "query", "schema": {"type": "integer"}},
                    {"name": "reason", "in": "query", "schema": {"enum": ["conflict", "new_indicator", "no_region", "no_due_year", "low_confidence", "implausible"]}}
                ],
                "responses": {
                    "200": json_response("Pending facts, by id.", json!({"type": "array", "items": {"type": "object", "properties": {
                        "fact": reference("Fact"), "document_title": {"type": "string"},
                        "context": {"type": "object", "properties": {"before": {"type": "string"}, "quote": {"type": "string"}, "after": {"type": "string"}, "found": {"type": "boolean"}}},
                        "joins": {"type": "object"}, "score": {"type": ["number", "null"]},
                        "reasons": {"type": "array", "items": {"type": "object", "properties": {"kind": {"type": "string"}}}}}}})),
                    "401": error_response("No valid credentials."),
                    "403": error_response("Reviewing needs the analyst or admin role.")
                }
            }},
            "/api/review/bulk": {"post": {
                "summary": "Accepts or rejects many facts. Bulk acceptance never replaces a value: a fact with a conflict is left pending and listed, like one without a region or indicator.",
                "operationId": "reviewBulk",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": {"type": "object", "required": ["ids", "action"], "additionalProperties": false, "properties": {
                    "ids": {"type": "array", "items": {"type": "integer"}}, "action": {"enum": ["accept", "reject"]}, "reason": {"type": "string", "description": "Required to reject."}}}}}},
                "responses": {
                    "200": json_response("What was accepted, rejected and left pending (with why).", reference("BulkAnswer")),
                    "401": error_response("No valid credentials."),
                    "403": error_response("Reviewing needs the analyst or admin role."),
                    "422": error_response("No action, a rejection without a reason, or a body that is not this object (field `body`).")
                }
            }},
            "/api/observations": {"post": {
                "summary": "Records one observation; the fields are the import columns. A figure with the same key as a stored one is a correction (a new revision).",
                "operationId": "postObservation",
                "security": [{"bearer": []}],
                "requestBody": {"required": true, "content": {"application/json": {"schema": reference("ObservationInput")}}},
                "responses": observation_responses
            }},
            "/api/imports": {"post": {
                "summary": "Imports a whole xlsx or csv file all-or-nothing: one bad row refuses the file, with every error by row and column.",
                "operationId": "postImport",
                "security": [{"bearer": []}],
                "parameters": [{"name": "name", "in": "query", "schema": {"type": "string"}, "description": "The file name; its extension (.xlsx, .csv) decides the format."}],
                "requestBody": {"required": true, "content": {"application/octet-stream": {"schema": {"type": "string", "contentEncoding": "binary"}}}},
                "responses": write_errors(json_response("Imported.", reference("ImportSummary")))
            }},
            "/api/template": {"get": {
                "summary": "The import template (xlsx with drop-downs, or csv).",
                "operationId": "template",
                "parameters": [{"name": "format", "in": "query", "schema": {"enum": ["xlsx", "csv"], "default": "xlsx"}}],
                "responses": {"200": file_response("The template."), "400": error_response("Unknown format.")}
            }},
            "/api/export/{what}": {"get": {
                "summary": "Exports the scoreboard or all extracted facts.",
                "operationId": "export",
                "parameters": [
                    {"name": "what", "in": "path", "required": true, "schema": {"enum": ["scoreboard", "facts"]}},
                    {"name": "format", "in": "query", "schema": {"enum": ["json", "csv", "xlsx"], "default": "json"}}
                ],
                "responses": {"200": file_response("The table; json is one array of objects, csv is UTF-8 with a BOM."), "400": error_response("Unknown format."), "404": error_response("Nothing of that name.")}
            }}
        }
    })
}

fn schemas() -> Value {
    let num_or_null = json!({"type": ["number", "null"]});
    let point =
        json!({"type": ["object", "null"], "properties": {"year": {"type": "integer"}, "value": {"type": "number"}}});
    json!({
        "Error": {"type": "object", "required": ["error", "message"], "additionalProperties": false, "description": "Every error under /api/ is this JSON: a refused path or query and an unknown route too.", "properties": {
            "error": {"type": "string", "description": "unauthorized, forbidden, invalid, not_found, bad_request, conflict, payload_too_large, internal"},
            "field": {"type": "string", "description": "The parameter or field at fault, when one is (as_of, status, gap, id…)."},
            "message": {"type": "string"},
            "errors": {"type": "array", "items": {"type": "object", "required": ["field", "message"], "additionalProperties": false, "properties": {
                "field": {"type": "string"}, "message": {"type": "string"},
                "row": {"type": "integer", "description": "Spreadsheet row (header = 1), for files."},
                "value": {"type": "string"}}}}
        }},
        "Status": {"enum": ["ACHIEVED", "ON_TRACK", "NEEDS_ACCELERATION", "LAGGING", "DETERIORATING", "MISSED", "OVERDUE", "INSUFFICIENT_DATA", "NOT_ASSESSABLE"]},
        "Light": {"enum": ["green", "yellow", "orange", "red", "grey"]},
        "Source": {"type": "object", "additionalProperties": false, "properties": {
            "document": {"type": "integer"}, "span": {"type": "array", "items": {"type": "integer"}, "minItems": 2, "maxItems": 2},
            "url": {"type": "string"}, "quote": {"type": "string"}}},
        "ScoreRow": {"type": "object", "required": ["id", "indicator", "region", "year", "status", "light", "target"],
            "description": "A target with its assessment; the assessment fields are those of `pledge assess --input` (assess-io.md).",
            "properties": {
                "id": {"type": "integer"}, "indicator": {"type": "string"}, "indicator_text": {"type": "string"},
                "category": {"type": "string"}, "region": {"type": "string"}, "region_id": {"type": "integer"},
                "plan_id": {"type": ["integer", "null"]}, "plan": {"type": ["string", "null"]},
                "year": {"type": "integer", "description": "The target year."},
                "target": {"type": "number", "description": "The stated target value, in `unit`."},
                "target_max": num_or_null, "unit": {"type": "string", "description": "The unit of the stated target value."},
                "scale_unit": {"type": "string", "description": "The unit of the assessment's scale (`index` for a change target on an index)."},
                "display": {"type": "object", "description": "The figures as people read them, as the dashboard and the exports show them (万/亿, μg/m³, the bound beside the value).",
                    "required": ["target", "base", "latest", "completion", "unit"], "properties": {
                    "target": {"type": "string"}, "base": {"type": "string"}, "latest": {"type": "string"},
                    "completion": {"type": "string"}, "unit": {"type": "string"}}},
                "measure": {"enum": ["level", "change", "increment"]}, "direction": {"enum": ["up", "down", null]},
                "bound": {"enum": ["=", ">=", "<=", "~"]}, "baseline_year": {"type": ["integer", "null"]},
                "binding": {"enum": ["binding", "expected", "unspecified"]},
                "lead_departments": {"type": "array", "items": {"type": "string"}},
                "cooperating_departments": {"type": "array", "items": {"type": "string"}},
                "source": {"$ref": "#/components/schemas/Source"},
                "status": {"$ref": "#/components/schemas/Status"}, "light": {"$ref": "#/components/schemas/Light"},
                "status_label": {"type": "object", "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}},
                "error": {"type": "string", "description": "Why the inputs could not be assessed."},
                "series": {"type": "array", "items": {"type": "array", "items": {"type": "number"}}, "description": "[year, value] on the assessment's scale."},
                "base": point.clone(), "latest": point, "target_value": {"type": "number"},
                "as_of": {"type": "string", "format": "date"},
                "stale": {"type": "boolean", "description": "The verdict rests on a figure older than the staleness limit (never green)."},
                "gap": {"type": "string", "enum": ["never_reported", "one_point", "not_yet_due", "overdue"], "description": "Why there is no verdict on progress."},
                "base_observed": {"type": "boolean", "description": "False when the base is only the origin of an index or cumulative scale, not a reported figure."},
                "completion": num_or_null.clone(), "time_elapsed": num_or_null.clone(), "time_elapsed_as_of": num_or_null.clone(), "progress_index": num_or_null,
                "forecast": {"type": ["object", "null"]},
                "explanation": {"type": "object", "properties": {"zh": {"type": "string"}, "en": {"type": "string"}}}
            }},
        "Scoreboard": {"type": "object", "required": ["as_of", "summary", "rows"], "properties": {
            "as_of": {"type": "string", "format": "date", "description": "The day the rows are assessed as of (数据截至)."},
            "summary": {"type": "object", "properties": {
                "total": {"type": "integer"}, "on_track": {"type": "integer"}, "behind": {"type": "integer"},
                "achieved": {"type": "integer"}, "no_data": {"type": "integer"},
                "overdue": {"type": "integer"}, "never_reported": {"type": "integer"}, "one_point": {"type": "integer"},
                "not_yet_due": {"type": "integer"}, "stale": {"type": "integer"}}},
            "rows": {"type": "array", "items": {"$ref": "#/components/schemas/ScoreRow"}}}},
        "TargetDetail": {"type": "object", "required": ["as_of", "target", "observations", "observations_page", "chart"], "properties": {
            "as_of": {"type": "string", "format": "date", "description": "The day the target is assessed as of (数据截至)."},
            "target": {"$ref": "#/components/schemas/ScoreRow"},
            "observations": {"type": "array", "maxItems": 200, "description": "One page of the current observations of the target's region and indicator, newest first.", "items": {"type": "object"}},
            "observations_page": {"type": "object", "required": ["page", "per_page", "total", "pages", "next", "prev"], "additionalProperties": false, "properties": {
                "page": {"type": "integer", "minimum": 1}, "per_page": {"type": "integer", "minimum": 1},
                "total": {"type": "integer", "minimum": 0, "description": "Observations in all pages."},
                "pages": {"type": "integer", "minimum": 1},
                "next": {"type": ["string", "null"], "description": "The next (older) page's address."},
                "prev": {"type": ["string", "null"], "description": "The previous (newer) page's address."}}},
            "chart": {"type": "array", "items": {"type": "object", "properties": {
                "year": {"type": "integer"}, "observed": {"type": ["number", "null"]}, "expected": {"type": ["number", "null"]},
                "target": {"type": ["number", "null"]}, "forecast": {"type": ["number", "null"]}}}}}},
        "Matrix": {"type": "object", "required": ["as_of", "ranking", "indicators", "regions"], "properties": {
            "as_of": {"type": "string", "format": "date", "description": "The day the targets are assessed as of (数据截至)."},
            "ranking": {"type": "object", "required": ["districts", "larger"], "additionalProperties": false, "properties": {
                "districts": {"type": "array", "description": "Districts and counties by 完成率 rank (then coverage, then name).", "items": reference("Standing")},
                "larger": {"type": "array", "description": "The country, provinces, cities and areas, by 完成率, unranked.", "items": reference("Standing")}}},
            "indicators": {"type": "array", "items": {"type": "string"}},
            "regions": {"type": "array", "items": {"type": "object", "properties": {
                "region": {"type": "string"}, "region_id": {"type": "integer"}, "tier": {"enum": ["district", "larger"]},
                "targets": {"type": "integer"}, "assessed": {"type": "integer"},
                "rank": {"type": ["integer", "null"], "description": "Rank by 完成率 among districts; null for a larger region."},
                "cells": {"type": "array", "items": {"type": ["object", "null"]}}}}}}},
        "Standing": {"type": "object", "additionalProperties": false,
            "required": ["region_id", "region", "tier", "targets", "due", "reported", "unreported", "assessed", "on_pace",
                         "completion_rate", "pace_rate", "completion_rank", "pace_rank", "lights", "ndrc"],
            "properties": {
            "region_id": {"type": "integer"}, "region": {"type": "string"}, "tier": {"enum": ["district", "larger"]},
            "targets": {"type": "integer", "description": "All the region's targets."},
            "due": {"type": "integer", "description": "Targets whose figures are due (all but 尚未到报送期)."},
            "reported": {"type": "integer", "description": "Due targets with a figure."},
            "unreported": {"type": "integer", "description": "Due targets without any figure (从未报送, 逾期未报): counted as no progress."},
            "assessed": {"type": "integer", "description": "Targets with a verdict."},
            "on_pace": {"type": "integer", "description": "Targets achieved or on pace (达到序时进度)."},
            "completion_rate": {"type": ["number", "null"], "description": "完成率: mean completion over the due targets, achieved 1, capped 0..1, none 0."},
            "pace_rate": {"type": ["number", "null"], "description": "序时进度: mean progress index over the due targets, capped 0..1, achieved 1, none 0."},
            "completion_rank": {"type": ["integer", "null"]}, "pace_rank": {"type": ["integer", "null"]},
            "lights": {"type": "object", "additionalProperties": false, "properties": {
                "green": {"type": "integer"}, "yellow": {"type": "integer"}, "orange": {"type": "integer"}, "red": {"type": "integer"}, "grey": {"type": "integer"}}},
            "ndrc": {"type": "object", "additionalProperties": false, "description": "Targets by 预警 level.", "properties": {
                "level1": {"type": "integer"}, "level2": {"type": "integer"}, "level3": {"type": "integer"}, "none": {"type": "integer"}}}}},
        "DocumentInfo": {"type": "object", "properties": {
            "id": {"type": "integer"}, "sha256": {"type": "string"}, "name": {"type": "string"}, "title": {"type": "string"},
            "kind": {"type": "string"}, "date": {"type": ["string", "null"]}, "source_url": {"type": "string"}, "text": {"type": "string"}}},
        "Fact": {"type": "object", "description": "A fact record (facts.md) with its review state.", "properties": {
            "id": {"type": "integer"}, "document": {"type": "integer"}, "kind": {"enum": ["target", "actual"]},
            "scope": {"type": "string"}, "indicator": {"type": "string"}, "indicator_id": {"type": ["integer", "null"]},
            "region": {"type": ["integer", "null"]}, "year": {"type": ["integer", "null"]},
            "value": {"type": "number"}, "unit": {"type": "string"}, "quote": {"type": "string"},
            "span": {"type": "array", "items": {"type": "integer"}},
            "review": {"enum": ["pending", "accepted", "rejected"]},
            "target_id": {"type": ["integer", "null"]}, "observation_id": {"type": ["integer", "null"]}}},
        "Acceptance": {"type": "object", "additionalProperties": false, "properties": {
            "region": {"type": ["integer", "null"]}, "indicator": {"type": ["integer", "null"]}, "plan": {"type": ["integer", "null"]},
            "binding": {"enum": ["binding", "expected", "unspecified"]},
            "lead_departments": {"type": "array", "items": {"type": "string"}},
            "cooperating_departments": {"type": "array", "items": {"type": "string"}}, "note": {"type": "string"},
            "edit": {"type": "object", "description": "Corrections before accepting.", "properties": {"year": {"type": ["integer", "null"]}, "value": {"type": ["number", "null"]}, "unit": {"type": ["string", "null"]}}},
            "new_indicator": {"type": ["string", "null"], "description": "A new library indicator's name, for a fact that matched none."},
            "replace": {"type": "boolean", "description": "Confirms replacing or contradicting a stored value."}}},
        "Accepted": {"description": "What an accepted fact became: a target or an observation.", "oneOf": [
            {"type": "object", "required": ["target"], "additionalProperties": false, "properties": {"target": {"type": "integer"}}},
            {"type": "object", "required": ["observation"], "additionalProperties": false, "properties": {"observation": {"type": "integer"}}}]},
        "FactConflict": {"type": "object", "required": ["error", "message", "conflicts"], "additionalProperties": false,
            "description": "An acceptance refused because the fact contradicts stored values (send `replace: true` to accept it anyway).", "properties": {
            "error": {"const": "conflict"}, "message": {"type": "string"},
            "conflicts": {"type": "array", "minItems": 1, "items": {"type": "object", "required": ["with", "id", "value", "unit", "source"], "additionalProperties": false, "properties": {
                "with": {"enum": ["observation", "target"]}, "id": {"type": "integer"}, "value": {"type": "number"},
                "unit": {"type": "string"}, "source": {"$ref": "#/components/schemas/Source"}}}}}},
        "BulkAnswer": {"type": "object", "required": ["accepted", "rejected", "left"], "additionalProperties": false, "properties": {
            "accepted": {"type": "array", "description": "[fact id, what it became] for each fact accepted.", "items": {"type": "array",
                "prefixItems": [{"type": "integer"}, {"$ref": "#/components/schemas/Accepted"}], "minItems": 2, "maxItems": 2}},
            "rejected": {"type": "array", "items": {"type": "integer"}},
            "left": {"type": "array", "description": "Facts left pending, and why.", "items": {"type": "object", "required": ["id", "message"], "additionalProperties": false, "properties": {
                "id": {"type": "integer"}, "message": {"type": "string"}}}}}},
        "Assignment": {"type": "object", "additionalProperties": false, "minProperties": 1, "properties": {
            "binding": {"enum": ["binding", "expected", "unspecified"]},
            "lead_departments": {"type": "array", "maxItems": 10, "items": {"type": "string", "maxLength": 50}, "description": "Lead units in order; [] clears them."}}},
        "Assigned": {"type": "object", "required": ["id", "binding", "lead_departments", "cooperating_departments", "updated_at", "updated_by"], "properties": {
            "id": {"type": "integer"}, "binding": {"enum": ["binding", "expected", "unspecified"]},
            "lead_departments": {"type": "array", "items": {"type": "string"}},
            "cooperating_departments": {"type": "array", "items": {"type": "string"}},
            "updated_at": {"type": "string"}, "updated_by": {"type": "string"}}},
        "ObservationInput": {"type": "object", "required": ["region", "indicator", "year", "value", "unit", "source_url", "quote"],
            "description": "The import columns of `pledge import`; numbers may be sent as JSON numbers or strings.",
            "properties": {
                "region": {"type": "string"}, "indicator": {"type": "string", "description": "Name or alias."},
                "year": {"type": ["integer", "string"]}, "value": {"type": ["number", "string"]},
                "unit": {"type": "string", "description": "Converted to the indicator's unit where the dimension matches."},
                "source_url": {"type": "string"}, "quote": {"type": "string"},
                "measure": {"enum": ["level", "change", "increment"]}, "baseline_year": {"type": ["integer", "string", "null"]},
                "period": {"type": ["string", "null"]}, "note": {"type": ["string", "null"]}}},
        "Stored": {"type": "object", "required": ["id", "result", "region", "indicator", "value", "unit"], "additionalProperties": false, "properties": {
            "id": {"type": "integer"}, "result": {"enum": ["inserted", "revised", "unchanged"]},
            "supersedes": {"type": "integer", "description": "The revision it superseded (a correction only)."}, "region": {"type": "string"}, "indicator": {"type": "string"},
            "value": {"type": "number"}, "unit": {"type": "string"}}},
        "ImportSummary": {"type": "object", "required": ["import", "rows", "inserted", "revised", "unchanged"], "additionalProperties": false, "properties": {
            "import": {"type": ["integer", "null"]}, "rows": {"type": "integer"}, "inserted": {"type": "integer"},
            "revised": {"type": "integer"}, "unchanged": {"type": "integer"}}}
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::api_routes;

    #[test]
    fn describes_every_api_route_and_no_other() {
        let doc = document();
        assert_eq!(doc["openapi"], "3.1.0");
        let paths = doc["paths"].as_object().unwrap();
        let mut described = Vec::new();
        for (path, item) in paths {
            for method in item.as_object().unwrap().keys() {
                described.push((method.clone(), path.clone()));
            }
        }
        described.sort();
        let mut routes: Vec<(String, String)> = api_routes()
            .iter()
            .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
            .collect();
        routes.sort();
        assert_eq!(described, routes);
    }

    #[test]
    fn every_reference_resolves() {
        let doc = document();
        let text = doc.to_string();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for part in text.split("#/components/schemas/").skip(1) {
            let name: String = part.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            assert!(schemas.contains_key(&name), "dangling $ref {name}");
        }
    }
}
