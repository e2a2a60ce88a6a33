//! Record fields the engine reads itself (required and key fields, SLA instants, the deal's
//! pipeline and stage), through the pipeline's read plan: "filled" is the rules engine's
//! `filled`, so field paths mean exactly what they mean in criteria, and values are read by
//! the reading contract.

use serde_json::{json, Map, Value};

use crate::error::{Error, ErrorCode, Result};
use crate::path;
use crate::read::{self, Raw};
use crate::record::{PlanBuilder, RowRef, SlotId, ROOT};
use crate::rules::{EvalContext, Rule};

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

    /// Binds the test to `plan` (the record's scope).
    pub(crate) fn bind(&mut self, plan: &mut PlanBuilder) {
        self.filled = self.filled.bind(plan, ROOT);
    }

    /// Whether the field is filled in a JSON record.
    pub(crate) fn is_filled_json(&self, record: &Value, ctx: &EvalContext) -> bool {
        self.filled.is_truthy(record, ctx)
    }

    /// Whether the field is filled in `record` (a row of the plan the test was bound to).
    pub(crate) fn is_filled(&self, record: RowRef<'_>, ctx: &EvalContext) -> bool {
        self.filled.is_truthy_row(record, ctx)
    }

}

/// A field holding an instant (ISO-8601 text or epoch milliseconds, by the reading contract).
#[derive(Debug, Clone)]
pub(crate) struct InstantField {
    /// The field, a `var` path.
    pub field: String,
    /// Its cell in the pipeline's plan (set by [`InstantField::bind`]).
    slot: SlotId,
}

impl InstantField {
    /// The reader for `field`, named in the config at `at`.
    pub(crate) fn new(field: &str, at: &str) -> Result<InstantField> {
        FieldTest::new(field, at)?;
        Ok(InstantField { field: field.to_owned(), slot: SlotId::MAX })
    }

    /// Adds the field to `plan` (the record's scope).
    pub(crate) fn bind(&mut self, plan: &mut PlanBuilder) {
        self.slot = plan.path(ROOT, &self.field);
    }

    /// The instant in the field of `record`: `None` when it is not set; an `INVALID_DATE`
    /// input error naming the field when it holds something that is not a date.
    pub(crate) fn read(&self, record: RowRef<'_>) -> Result<Option<i64>> {
        read::date(record.raw(self.slot)).map_err(|e| e.at(&record_path(&self.field)))
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

/// Reads a string id field of a record (`stage`, `pipeline`) from its cell: `None` when not
/// set; text by the reading contract (a number is read as its text).
pub(crate) fn id_cell<'r>(raw: Raw<'r>, name: &str) -> Result<Option<std::borrow::Cow<'r, str>>> {
    match read::text(raw) {
        Ok(id) => Ok(id),
        Err(e) => Err(Error::input(ErrorCode::InvalidRecord, path::key("$", name), e.message(&format!("{name} (an id)")))),
    }
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
    use crate::record::Records;

    fn filled(test: &FieldTest, record: &Value) -> bool {
        let mut plan = PlanBuilder::new();
        let mut test = test.clone();
        test.bind(&mut plan);
        let records = Records::from_json(&plan.finish(), [record]);
        let ctx = EvalContext::new(0);
        let on_row = test.is_filled(records.record(0).unwrap(), &ctx);
        assert_eq!(on_row, test.filled.is_truthy(record, &ctx), "{record}");
        on_row
    }

    fn instant(field: &InstantField, record: &Value) -> Result<Option<i64>> {
        let mut plan = PlanBuilder::new();
        let mut field = field.clone();
        field.bind(&mut plan);
        let records = Records::from_json(&plan.finish(), [record]);
        field.read(records.record(0).unwrap())
    }

    #[test]
    fn field_tests_use_the_rules_engines_emptiness() {
        let test = FieldTest::new("terms.length", "$.f").unwrap();
        assert!(filled(&test, &json!({"terms": {"length": 12}})));
        let notes = FieldTest::new("notes", "$.f").unwrap();
        for empty in [json!({}), json!({"notes": null}), json!({"notes": "  "}), json!({"notes": []}), json!({"notes": {}})] {
            assert!(!filled(&notes, &empty), "{empty}");
        }
        assert!(filled(&notes, &json!({"notes": 0})));
        assert_eq!(FieldTest::new(" ", "$.requiredFields[2]").unwrap_err().path, "$.requiredFields[2]");
    }

    #[test]
    fn instants_are_read_or_rejected_with_the_field_path() {
        let at = InstantField::new("sla.mqlAt", "$.sla").unwrap();
        assert_eq!(instant(&at, &json!({"sla": {"mqlAt": "1970-01-02"}})), Ok(Some(86_400_000)));
        assert_eq!(instant(&at, &json!({"sla": {"mqlAt": ""}})), Ok(None));
        let err = instant(&at, &json!({"sla": {"mqlAt": "soon"}})).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_DATE", "$.sla.mqlAt"));
        let err = instant(&at, &json!({"sla": {"mqlAt": 1_797_724_800}})).unwrap_err();
        assert!(err.message.contains("epoch seconds"), "{}", err.message);
    }

    #[test]
    fn record_paths_follow_var_paths() {
        assert_eq!(record_path("amount"), "$.amount");
        assert_eq!(record_path("contacts.0.name"), "$.contacts[0].name");
        assert_eq!(record_path("close date"), "$[\"close date\"]");
    }
}
