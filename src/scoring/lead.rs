//! Reading a lead: its declared field types and its `events` list.
//!
//! In [`Mode::Strict`] a lead that breaks the model's expectations is an input error whose
//! path points at the offending value. In [`Mode::Partial`] (a form being filled in) nothing
//! about the lead's content is an error: field types are not checked and events that can't be
//! used (not an object, no string `type`, a missing or unparseable `at`) are skipped.

use serde_json::Value;

use super::model::FieldType;
use crate::path;
use crate::time::timestamp_from_json;
use crate::{Error, ErrorCode, Result};

/// How strictly a lead is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Mode {
    /// Wrong field types and unusable events are errors (the default).
    #[default]
    Strict,
    /// A partial record, e.g. a form being filled in: unusable events are skipped and field
    /// types are not checked, so scoring never fails on the lead's content.
    Partial,
}

/// One usable engagement event of a lead.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Event<'a> {
    /// The whole event object, the data of a rule's `where`.
    pub data: &'a Value,
    /// Its `type`.
    pub kind: &'a str,
    /// Its `at`, epoch milliseconds.
    pub at: i64,
}

/// Checks that `lead` is an object and that its declared fields have their types.
pub(crate) fn check_fields(lead: &Value, fields: &[(String, FieldType)], mode: Mode) -> Result<()> {
    let Value::Object(map) = lead else {
        return Err(Error::input(
            ErrorCode::InvalidRecord,
            "$",
            "a lead must be an object of fields, e.g. { email, jobTitle, events }",
        ));
    };
    if mode == Mode::Partial {
        return Ok(());
    }
    for (name, expected) in fields {
        let Some(value) = map.get(name).filter(|v| !v.is_null()) else { continue };
        if !has_type(value, *expected) {
            return Err(Error::input(
                code_for(*expected),
                path::key("$", name),
                format!("{name} must be {}, found {}", describe(*expected), found(value)),
            ));
        }
    }
    Ok(())
}

/// Reads the lead's `events` into `out` (cleared first). Absent or `null` means no events.
pub(crate) fn read_events<'a>(lead: &'a Value, mode: Mode, out: &mut Vec<Event<'a>>) -> Result<()> {
    out.clear();
    let strict = mode == Mode::Strict;
    let list = match lead.get("events") {
        None | Some(Value::Null) => return Ok(()),
        Some(Value::Array(list)) => list,
        Some(other) if strict => {
            return Err(Error::input(
                ErrorCode::InvalidRecord,
                "$.events",
                format!("events must be a list of {{ type, at }} objects, found {}", found(other)),
            ))
        }
        Some(_) => return Ok(()),
    };
    for (i, data) in list.iter().enumerate() {
        match read_event(data) {
            Ok(event) => out.push(event),
            Err((code, field, message)) if strict => {
                let at = path::index("$.events", i);
                return Err(Error::input(code, field.map_or_else(|| at.clone(), |f| path::key(&at, f)), message));
            }
            Err(_) => {}
        }
    }
    Ok(())
}

/// An unusable event: code, the offending field (none for the event itself) and a message.
type EventProblem = (ErrorCode, Option<&'static str>, String);

fn read_event(data: &Value) -> Result<Event<'_>, EventProblem> {
    if !data.is_object() {
        return Err((
            ErrorCode::InvalidRecord,
            None,
            format!("an event must be an object {{ type, at }}, found {}", found(data)),
        ));
    }
    let kind = match data.get("type") {
        Some(Value::String(kind)) => kind,
        other => {
            let message = format!("an event's type must be a string such as \"page_view\", found {}", found_opt(other));
            return Err((ErrorCode::InvalidText, Some("type"), message));
        }
    };
    let at = data.get("at").and_then(timestamp_from_json).ok_or_else(|| {
        let message = format!(
            "an event's at must be a date such as \"2026-11-24T09:30:00Z\" or epoch milliseconds, found {}",
            found_opt(data.get("at"))
        );
        (ErrorCode::InvalidDate, Some("at"), message)
    })?;
    Ok(Event { data, kind, at })
}

fn has_type(value: &Value, expected: FieldType) -> bool {
    match expected {
        FieldType::String => value.is_string(),
        FieldType::Number => value.is_number(),
        FieldType::Boolean => value.is_boolean(),
        FieldType::Date => timestamp_from_json(value).is_some(),
        FieldType::List => value.is_array(),
    }
}

/// The reading contract's code for a value that is not of `expected` type.
fn code_for(expected: FieldType) -> ErrorCode {
    match expected {
        FieldType::String => ErrorCode::InvalidText,
        FieldType::Number => ErrorCode::InvalidNumber,
        FieldType::Boolean => ErrorCode::InvalidBoolean,
        FieldType::Date => ErrorCode::InvalidDate,
        FieldType::List => ErrorCode::InvalidRecord,
    }
}

fn describe(expected: FieldType) -> &'static str {
    match expected {
        FieldType::String => "text",
        FieldType::Number => "a number",
        FieldType::Boolean => "true or false",
        FieldType::Date => "a date such as \"2026-11-24\" or epoch milliseconds",
        FieldType::List => "a list",
    }
}

fn found_opt(value: Option<&Value>) -> String {
    value.map_or_else(|| "nothing".to_owned(), found)
}

/// A short description of a found value for messages: its JSON, cut when long.
fn found(value: &Value) -> String {
    match value {
        Value::Array(_) => "a list".to_owned(),
        Value::Object(_) => "an object".to_owned(),
        other => {
            let text = other.to_string();
            match text.char_indices().nth(40) {
                Some((cut, _)) => format!("{}…", &text[..cut]),
                None => text,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn events(lead: &Value, mode: Mode) -> Result<Vec<i64>> {
        let mut out = Vec::new();
        read_events(lead, mode, &mut out)?;
        Ok(out.iter().map(|e| e.at).collect())
    }

    #[test]
    fn strict_mode_points_at_the_bad_event() {
        let lead = json!({"events": [{"type": "page_view", "at": 0}, {"type": "page_view", "at": "last week"}]});
        let err = events(&lead, Mode::Strict).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_DATE", "$.events[1].at"));
        assert!(err.message.contains("\"last week\""), "{}", err.message);
        let err = events(&json!({"events": [{"at": 0}]}), Mode::Strict).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_TEXT", "$.events[0].type"));
        let err = events(&json!({"events": [7]}), Mode::Strict).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_RECORD", "$.events[0]"));
        let err = events(&json!({"events": "none"}), Mode::Strict).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_RECORD", "$.events"));
    }

    #[test]
    fn partial_mode_skips_unusable_events() {
        let lead = json!({"events": [{"type": "page_view"}, 7, {"type": "form_submit", "at": "2024-01-02"}]});
        assert_eq!(events(&lead, Mode::Partial).unwrap(), [1_704_153_600_000]);
        assert_eq!(events(&json!({"events": {}}), Mode::Partial).unwrap(), Vec::<i64>::new());
        assert_eq!(events(&json!({}), Mode::Strict).unwrap(), Vec::<i64>::new());
    }

    #[test]
    fn field_types_are_checked_in_strict_mode_only() {
        let fields = vec![("employees".to_owned(), FieldType::Number), ("close date".to_owned(), FieldType::Date)];
        let lead = json!({"employees": "lots"});
        let err = check_fields(&lead, &fields, Mode::Strict).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_NUMBER", "$.employees"));
        assert!(check_fields(&lead, &fields, Mode::Partial).is_ok());
        let err = check_fields(&json!({"close date": "soon"}), &fields, Mode::Strict).unwrap_err();
        assert_eq!(err.path, "$[\"close date\"]");
        assert!(check_fields(&json!({"employees": null}), &fields, Mode::Strict).is_ok());
        assert_eq!(check_fields(&json!([]), &fields, Mode::Partial).unwrap_err().code, "INVALID_RECORD");
    }
}
