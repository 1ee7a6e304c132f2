//! The JSON Lines protocol of `pledge assess --input`: one target per line in, one
//! assessment per line out, in the same order.
//!
//! A line that cannot be assessed (bad JSON, an unknown measure, a unit that does not
//! convert) gives `{"id": …, "error": "line N, field …: what"}` and the run goes on.
//! Blank lines are skipped.

use std::io::{BufRead, Write};

use pledge_model::{Bound, Desirability, Direction, Measure, Observation, Target};
use serde::ser::{SerializeMap, Serializer};
use serde_json::{Map, Value};

use crate::options::{Growth, Options, Profile};
use crate::{TargetInput, assess};

/// Counts of a batch run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct BatchSummary {
    /// Non-blank input lines read.
    pub lines: usize,
    /// Lines assessed.
    pub assessed: usize,
    /// Lines answered with an error.
    pub errors: usize,
}

/// Runs the batch: reads JSON Lines from `reader` and writes one line per non-blank input
/// line to `writer`. Only I/O failures stop the run.
pub fn run(mut reader: impl BufRead, mut writer: impl Write) -> std::io::Result<BatchSummary> {
    let mut summary = BatchSummary::default();
    let mut buf = Vec::new();
    let mut number = 0usize;
    loop {
        buf.clear();
        if reader.read_until(b'\n', &mut buf)? == 0 {
            break;
        }
        number += 1;
        let bytes = if number == 1 {
            buf.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&buf)
        } else {
            &buf[..]
        };
        let out = match std::str::from_utf8(bytes) {
            Ok(text) if text.trim().is_empty() => continue,
            Ok(text) => line(text, number),
            Err(e) => Err((
                Value::Null,
                format!("line {number}: not valid UTF-8 (byte {})", e.valid_up_to()),
            )),
        };
        summary.lines += 1;
        match out {
            Ok(bytes) => {
                summary.assessed += 1;
                writer.write_all(&bytes)?;
            }
            Err((id, message)) => {
                summary.errors += 1;
                let mut ser = serde_json::Serializer::new(&mut writer);
                let mut m = ser.serialize_map(Some(2))?;
                m.serialize_entry("id", &id)?;
                m.serialize_entry("error", &message)?;
                m.end()?;
            }
        }
        writer.write_all(b"\n")?;
    }
    writer.flush()?;
    Ok(summary)
}

/// Assesses one line; the error carries the id (or null) and the message.
fn line(text: &str, number: usize) -> Result<Vec<u8>, (Value, String)> {
    let value: Value = serde_json::from_str(text).map_err(|e| {
        (
            Value::Null,
            format!("line {number}, column {}: invalid JSON: {e}", e.column()),
        )
    })?;
    assess_value(value).map_err(|e| {
        // `field …` errors read `line N, field …`; the others `line N: …`.
        let message = if e.message.starts_with("field ") {
            format!("line {number}, {}", e.message)
        } else {
            format!("line {number}: {}", e.message)
        };
        (e.id, message)
    })
}

/// An input object that cannot be assessed: its `id` (or null) and what is wrong
/// (`field target.unit: …`, `expected a JSON object`), as a batch line's `error` says it
/// without the line number.
#[derive(Debug, Clone, PartialEq)]
pub struct ObjectError {
    /// The input's `id`, or null.
    pub id: Value,
    /// What is wrong, naming the field.
    pub message: String,
}

/// Assesses one input object of `assess-io.md`: the output object as JSON bytes (no
/// newline), exactly as a batch line writes it. For callers that hold objects, not lines
/// (the Python package's `assess`), so that they answer as `pledge assess --input` does.
pub fn assess_value(value: Value) -> Result<Vec<u8>, ObjectError> {
    let Value::Object(obj) = value else {
        return Err(ObjectError {
            id: Value::Null,
            message: "expected a JSON object".into(),
        });
    };
    let id = obj.get("id").cloned().unwrap_or(Value::Null);
    let fail = |message: String| ObjectError {
        id: id.clone(),
        message,
    };
    let (input, observations, options) =
        parse(&obj).map_err(|(field, message)| fail(format!("field {field}: {message}")))?;
    let assessment = assess(&input, &observations, &options).map_err(|e| {
        let text = e.to_string();
        let text = text.strip_prefix("field ").unwrap_or(&text).to_owned();
        fail(format!("field {text}"))
    })?;
    let mut out = Vec::with_capacity(1024);
    let mut ser = serde_json::Serializer::new(&mut out);
    let result = (|| {
        let mut m = ser.serialize_map(None)?;
        m.serialize_entry("id", &id)?;
        assessment.serialize_fields(&mut m)?;
        m.end()
    })();
    result.map_err(|e| fail(format!("cannot write the result: {e}")))?;
    Ok(out)
}

/// A field error: the field's path and what is wrong.
type FieldError = (String, String);

/// Reads the input object into the engine's types.
fn parse(obj: &Map<String, Value>) -> Result<(TargetInput, Vec<Observation>, Options), FieldError> {
    let target = match obj.get("target") {
        Some(Value::Object(t)) => parse_target(t)?,
        Some(_) => return Err(("target".into(), "expected an object".into())),
        None => return Err(("target".into(), "missing".into())),
    };
    let desirable = match obj.get("desirable") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s == "up" => Some(Desirability::Up),
        Some(Value::String(s)) if s == "down" => Some(Desirability::Down),
        Some(other) => {
            return Err((
                "desirable".into(),
                format!("expected \"up\", \"down\" or null, got {other}"),
            ));
        }
    };
    let observations = match obj.get("observations") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match item {
                Value::Object(o) => parse_observation(o).map_err(|(f, m)| (format!("observations[{i}].{f}"), m)),
                _ => Err((format!("observations[{i}]"), "expected an object".into())),
            })
            .collect::<Result<_, _>>()?,
        Some(_) => return Err(("observations".into(), "expected an array".into())),
    };
    let options = match obj.get("options") {
        None | Some(Value::Null) => Options::default(),
        Some(Value::Object(o)) => parse_options(o)?,
        Some(_) => return Err(("options".into(), "expected an object".into())),
    };
    Ok((TargetInput { target, desirable }, observations, options))
}

fn parse_target(t: &Map<String, Value>) -> Result<Target, FieldError> {
    let at = |f: &str| format!("target.{f}");
    let measure = measure(t.get("measure"), true).map_err(|m| (at("measure"), m))?;
    let direction = match t.get("direction") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) if s == "up" => Some(Direction::Up),
        Some(Value::String(s)) if s == "down" => Some(Direction::Down),
        Some(other) => {
            return Err((
                at("direction"),
                format!("expected \"up\", \"down\" or null, got {other}"),
            ));
        }
    };
    let bound = match t.get("bound") {
        Some(Value::String(s)) => match s.as_str() {
            "=" => Bound::Eq,
            ">=" => Bound::Ge,
            "<=" => Bound::Le,
            "~" => Bound::About,
            _ => return Err((at("bound"), format!("unknown bound {s:?} (expected =, >=, <= or ~)"))),
        },
        None | Some(Value::Null) => return Err((at("bound"), "missing".into())),
        Some(other) => return Err((at("bound"), format!("expected a string, got {other}"))),
    };
    let value = number(t.get("value")).map_err(|m| (at("value"), m))?;
    let value_max = optional(t.get("value_max"), |v| number(Some(v))).map_err(|m| (at("value_max"), m))?;
    let unit = string(t.get("unit")).map_err(|m| (at("unit"), m))?;
    let year = year(t.get("year")).map_err(|m| (at("year"), m))?;
    let baseline_year = optional(t.get("baseline_year"), year_of).map_err(|m| (at("baseline_year"), m))?;
    let aspiration = match t.get("aspiration") {
        Some(Value::Bool(b)) => *b,
        None | Some(Value::Null) => t
            .get("quote")
            .and_then(Value::as_str)
            .is_some_and(|q| q.contains("力争")),
        Some(other) => return Err((at("aspiration"), format!("expected true or false, got {other}"))),
    };
    Ok(Target {
        measure,
        direction,
        bound,
        value,
        value_max,
        unit,
        year,
        baseline_year,
        aspiration,
    })
}

fn parse_observation(o: &Map<String, Value>) -> Result<Observation, FieldError> {
    fn err(f: &'static str) -> impl Fn(String) -> FieldError {
        move |m| (f.to_owned(), m)
    }
    Ok(Observation {
        year: year(o.get("year")).map_err(err("year"))?,
        period: match o.get("period") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(s.clone()),
            Some(other) => return Err(("period".into(), format!("expected a string, got {other}"))),
        },
        value: number(o.get("value")).map_err(err("value"))?,
        unit: string(o.get("unit")).map_err(err("unit"))?,
        measure: measure(o.get("measure"), false).map_err(err("measure"))?,
        baseline_year: optional(o.get("baseline_year"), year_of).map_err(err("baseline_year"))?,
    })
}

fn parse_options(o: &Map<String, Value>) -> Result<Options, FieldError> {
    let mut options = Options::default();
    match o.get("profile") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => {
            options.profile = Profile::from_name(s).ok_or_else(|| {
                (
                    "options.profile".to_owned(),
                    format!("unknown profile {s:?} (expected statcan_eurostat, unsd2022 or ndrc)"),
                )
            })?;
        }
        Some(other) => return Err(("options.profile".into(), format!("expected a string, got {other}"))),
    }
    match o.get("growth") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => {
            options.growth = Growth::from_name(s).ok_or_else(|| {
                (
                    "options.growth".to_owned(),
                    format!("unknown growth model {s:?} (expected linear or compound)"),
                )
            })?;
        }
        Some(other) => return Err(("options.growth".into(), format!("expected a string, got {other}"))),
    }
    match o.get("tolerance") {
        None | Some(Value::Null) => {}
        Some(v) => {
            let t = number(Some(v)).map_err(|m| ("options.tolerance".to_owned(), m))?;
            if t < 0.0 {
                return Err(("options.tolerance".into(), format!("must be ≥ 0, got {t}")));
            }
            options.tolerance = t;
        }
    }
    match o.get("as_of") {
        None | Some(Value::Null) => {}
        Some(Value::String(s)) => {
            options.as_of = Some(crate::date::Date::parse(s).ok_or_else(|| {
                (
                    "options.as_of".to_owned(),
                    format!("expected a date YYYY-MM-DD, got {s:?}"),
                )
            })?);
        }
        Some(other) => return Err(("options.as_of".into(), format!("expected a string, got {other}"))),
    }
    Ok(options)
}

fn measure(v: Option<&Value>, required: bool) -> Result<Measure, String> {
    match v {
        Some(Value::String(s)) => match s.as_str() {
            "level" => Ok(Measure::Level),
            "change" => Ok(Measure::Change),
            "increment" => Ok(Measure::Increment),
            _ => Err(format!("unknown measure {s:?} (expected level, change or increment)")),
        },
        None | Some(Value::Null) if !required => Ok(Measure::Level),
        None | Some(Value::Null) => Err("missing".into()),
        Some(other) => Err(format!("expected a string, got {other}")),
    }
}

fn number(v: Option<&Value>) -> Result<f64, String> {
    match v {
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|x| x.is_finite())
            .ok_or_else(|| format!("{n} is not a finite number")),
        None | Some(Value::Null) => Err("missing".into()),
        Some(other) => Err(format!("expected a number, got {other}")),
    }
}

fn string(v: Option<&Value>) -> Result<String, String> {
    match v {
        Some(Value::String(s)) => Ok(s.clone()),
        None | Some(Value::Null) => Err("missing".into()),
        Some(other) => Err(format!("expected a string, got {other}")),
    }
}

fn year(v: Option<&Value>) -> Result<i32, String> {
    match v {
        None | Some(Value::Null) => Err("missing (an integer year is needed)".into()),
        Some(v) => year_of(v),
    }
}

fn year_of(v: &Value) -> Result<i32, String> {
    let Value::Number(n) = v else {
        return Err(format!("expected an integer year, got {v}"));
    };
    let x = n.as_f64().unwrap_or(f64::NAN);
    if x.fract() == 0.0 && (-9999.0..=9999.0).contains(&x) {
        Ok(x as i32)
    } else {
        Err(format!("expected an integer year between -9999 and 9999, got {n}"))
    }
}

fn optional<T>(v: Option<&Value>, f: impl Fn(&Value) -> Result<T, String>) -> Result<Option<T>, String> {
    match v {
        None | Some(Value::Null) => Ok(None),
        Some(v) => f(v).map(Some),
    }
}
