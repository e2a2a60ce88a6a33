//! Record fields the engine reads itself (required and key fields, SLA instants), through
//! compiled rules so that "filled" and field paths mean exactly what they mean in criteria.

use serde_json::{json, Map, Value};

use crate::error::{Error, ErrorCode, Result};
use crate::path;
use crate::rules::{EvalContext, Rule};
use crate::time::timestamp_from_json;

/// A field whose emptiness is tested with the rules engine's `filled` (missing, null, blank
/// text, `[]` and `{}` are empty).
#[derive(Debug, Clone)]
pub(crate) struct FieldTest {
    /// The field, a `var` path (`contract.terms` reaches into objects).
    pub field: String,
    /// `{"filled": {"var": field}}`, compiled.
    filled: Rule,
}

impl FieldTest {
    /// Compiles the test for `field`, named in the config at `at`.
    pub(crate) fn new(field: &str, at: &str) -> Result<FieldTest> {
        if field.trim().is_empty() {
            return Err(Error::config(ErrorCode::EmptyField, at, "a field name cannot be empty"));
        }
        let filled = Rule::compile(&json!({ "filled": { "var": field } })).map_err(|e| e.within(at))?;
        Ok(FieldTest { field: field.to_owned(), filled })
    }

    /// Compiles a list of field tests, named in the config at `at`.
    pub(crate) fn list(fields: &[String], at: &str) -> Result<Vec<FieldTest>> {
        fields.iter().enumerate().map(|(i, f)| FieldTest::new(f, &path::index(at, i))).collect()
    }

    /// Whether the field is filled in `record`.
    pub(crate) fn is_filled(&self, record: &Value, ctx: &EvalContext) -> bool {
        self.filled.is_truthy(record, ctx)
    }
}

/// A field holding an instant (epoch milliseconds or an ISO-8601 string).
#[derive(Debug, Clone)]
pub(crate) struct InstantField {
    /// The emptiness test, which also names the field.
    pub test: FieldTest,
    /// `{"var": field}`, compiled.
    value: Rule,
}

impl InstantField {
    /// Compiles the reader for `field`, named in the config at `at`.
    pub(crate) fn new(field: &str, at: &str) -> Result<InstantField> {
        let test = FieldTest::new(field, at)?;
        let value = Rule::compile(&json!({ "var": field })).map_err(|e| e.within(at))?;
        Ok(InstantField { test, value })
    }

    /// The instant in the field: `None` when it is empty; an input error when it holds
    /// something that is not a date.
    pub(crate) fn read(&self, record: &Value, ctx: &EvalContext) -> Result<Option<i64>> {
        if !self.test.is_filled(record, ctx) {
            return Ok(None);
        }
        let field = &self.test.field;
        timestamp_from_json(&self.value.evaluate(record, ctx)).map(Some).ok_or_else(|| {
            Error::input(
                ErrorCode::InvalidDate,
                record_path(field),
                format!("{field} must be a date: an ISO-8601 string such as \"2026-11-24T09:30:00Z\" or epoch milliseconds"),
            )
        })
    }
}

/// The JSON path of a `var` field path in a record: `contract.terms` → `$.contract.terms`,
/// `contacts.0.name` → `$.contacts[0].name`.
pub(crate) fn record_path(field: &str) -> String {
    field.split('.').fold(String::from("$"), |out, segment| match segment.parse::<usize>() {
        Ok(i) if !segment.starts_with('+') => path::index(&out, i),
        _ => path::key(&out, segment),
    })
}

/// Reads a string id field of a record (`stage`, `pipeline`): `None` when missing or null.
pub(crate) fn id_field<'r>(record: &'r Value, name: &str) -> Result<Option<&'r str>> {
    id_value(record.get(name), name)
}

/// Reads the value of the string id field `name` (see [`id_field`]), already looked up.
pub(crate) fn id_value<'r>(value: Option<&'r Value>, name: &str) -> Result<Option<&'r str>> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if !s.trim().is_empty() => Ok(Some(s)),
        Some(_) => Err(Error::input(ErrorCode::InvalidRecord, path::key("$", name), format!("{name} must be an id (a non-empty string)"))),
    }
}

/// The record's fields; fails unless the record is an object.
pub(crate) fn require_object<'r>(record: &'r Value, what: &str) -> Result<&'r Map<String, Value>> {
    if let Some(fields) = record.as_object() {
        return Ok(fields);
    }
    Err(Error::input(ErrorCode::InvalidRecord, "$", format!("{what} must be an object of fields, e.g. {{ \"stage\": \"discovery\", \"amount\": 12000 }}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_tests_use_the_rules_engines_emptiness() {
        let ctx = EvalContext::new(0);
        let test = FieldTest::new("terms.length", "$.f").unwrap();
        assert!(test.is_filled(&json!({"terms": {"length": 12}}), &ctx));
        let notes = FieldTest::new("notes", "$.f").unwrap();
        for empty in [json!({}), json!({"notes": null}), json!({"notes": "  "}), json!({"notes": []}), json!({"notes": {}})] {
            assert!(!notes.is_filled(&empty, &ctx), "{empty}");
        }
        assert!(notes.is_filled(&json!({"notes": 0}), &ctx));
        assert_eq!(FieldTest::new(" ", "$.requiredFields[2]").unwrap_err().path, "$.requiredFields[2]");
    }

    #[test]
    fn instants_are_read_or_rejected_with_the_field_path() {
        let ctx = EvalContext::new(0);
        let at = InstantField::new("sla.mqlAt", "$.sla").unwrap();
        assert_eq!(at.read(&json!({"sla": {"mqlAt": "1970-01-02"}}), &ctx), Ok(Some(86_400_000)));
        assert_eq!(at.read(&json!({"sla": {"mqlAt": ""}}), &ctx), Ok(None));
        let err = at.read(&json!({"sla": {"mqlAt": "soon"}}), &ctx).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_DATE", "$.sla.mqlAt"));
    }

    #[test]
    fn record_paths_follow_var_paths() {
        assert_eq!(record_path("amount"), "$.amount");
        assert_eq!(record_path("contacts.0.name"), "$.contacts[0].name");
        assert_eq!(record_path("close date"), "$[\"close date\"]");
    }
}
