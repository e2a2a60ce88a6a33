//! The reading contract: how every engine reads a value from a record.
//!
//! One set of rules, for every engine, every field and every history entry:
//!
//! | asked for | accepted | not set |
//! |---|---|---|
//! | a number | a JSON number, or text that is a plain decimal number (`"500"`, `"-12.5"`, `" 1e3 "`) | `null`, absent, blank text |
//! | a date | ISO-8601 text (`"2026-11-24"`, `"2026-11-24T09:30:00Z"`, `"…+0100"`, Salesforce's `"…T10:22:31.000+0000"`), or epoch milliseconds as a number or numeric text | `null`, absent, blank text |
//! | true or false | `true`/`false`, or the text `"true"`/`"false"` in any case | `null`, absent, blank text |
//! | text | text; a number or `true`/`false` is read as its text (`240` → `"240"`) | `null`, absent, blank text |
//! | a stage | text matched to a stage's id or label in any case, ignoring spaces, `_` and `-` (see [`StageNames`]) | `null`, absent, blank text |
//!
//! Anything else is an error naming the field, the value found and the form expected, never a
//! silent `None` or zero: `"1,200"` and `"$500"` are not numbers, `"11/24/2026"` is not a date.
//! Epoch numbers are milliseconds; one whose magnitude is below 10^11 (a date before 1973-03-03
//! if it were milliseconds) is refused as epoch *seconds*, with the date it would be in
//! milliseconds in the message.
//!
//! Each function reads one value as a [`Raw`] (from JSON, or from cells the bindings fill) and
//! returns `Ok(None)` when it is not set, or an [`Unreadable`] that [`Unreadable::at`] turns
//! into an input [`Error`] at the field's JSON path.

use std::borrow::Cow;
use std::fmt;

use serde_json::Value;

use crate::error::{Error, ErrorCode};
use crate::rules::number::{decimal_literal, format_number, Plain};
use crate::time;

/// One value of a record as the contract sees it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Raw<'a> {
    /// The field is not there (or is JS `undefined`).
    Absent,
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A finite number.
    Num(f64),
    /// Text.
    Text(&'a str),
    /// A list (its items are read separately).
    List,
    /// An object (its members are read separately).
    Object,
}

impl<'a> From<&'a Value> for Raw<'a> {
    fn from(value: &'a Value) -> Self {
        match value {
            Value::Null => Raw::Null,
            Value::Bool(b) => Raw::Bool(*b),
            Value::Number(n) => n.as_f64().map_or(Raw::Null, Raw::Num),
            Value::String(s) => Raw::Text(s),
            Value::Array(_) => Raw::List,
            Value::Object(_) => Raw::Object,
        }
    }
}

impl<'a> From<Option<&'a Value>> for Raw<'a> {
    fn from(value: Option<&'a Value>) -> Self {
        value.map_or(Raw::Absent, Raw::from)
    }
}

impl Raw<'_> {
    /// Whether the value counts as not set: absent, `null` or blank text.
    pub fn is_blank(self) -> bool {
        match self {
            Raw::Absent | Raw::Null => true,
            Raw::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

/// What a field was asked to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Expected {
    /// A number or numeric text.
    Number,
    /// ISO-8601 text or epoch milliseconds.
    Date,
    /// `true`/`false` or their text.
    Boolean,
    /// Text (or a number or boolean, read as text).
    Text,
    /// An object.
    Object,
    /// A list.
    List,
}

impl Expected {
    /// The code of an error reading this kind of value.
    pub fn code(self) -> ErrorCode {
        match self {
            Expected::Number => ErrorCode::InvalidNumber,
            Expected::Date => ErrorCode::InvalidDate,
            Expected::Boolean => ErrorCode::InvalidBoolean,
            Expected::Text => ErrorCode::InvalidText,
            Expected::Object | Expected::List => ErrorCode::InvalidRecord,
        }
    }

    /// The form expected, as a message says it.
    pub fn form(self) -> &'static str {
        match self {
            Expected::Number => "a number, or numeric text such as \"1200.50\" (no thousands separators or currency signs)",
            Expected::Date => {
                "a date: ISO-8601 text such as \"2026-11-24\" or \"2026-11-24T09:30:00Z\", or epoch milliseconds"
            }
            Expected::Boolean => "true or false (or the text \"true\" or \"false\")",
            Expected::Text => "text",
            Expected::Object => "an object",
            Expected::List => "a list",
        }
    }
}

/// A value that can't be read as the contract says; [`Unreadable::at`] makes it an error.
#[derive(Debug, Clone, PartialEq)]
pub struct Unreadable {
    /// What was asked for.
    pub expected: Expected,
    /// The value found, as a message shows it (`"1,200"`, `a list`, `1797724800`).
    pub found: String,
    /// More to say, e.g. that a number looks like epoch seconds.
    pub note: Option<String>,
}

impl Unreadable {
    fn new(expected: Expected, raw: Raw<'_>) -> Self {
        Unreadable { expected, found: describe(raw), note: None }
    }

    /// The input error for this value at `path` (`$.deals[3].amount`): its code follows what
    /// was expected, its message names the field, the value and the form expected.
    pub fn at(self, path: &str) -> Error {
        let message = self.message(&field_name(path));
        Error::input(self.expected.code(), path, message)
    }

    /// `field must be …, found …`.
    pub fn message(&self, field: &str) -> String {
        let mut out = format!("{field} must be {}, found {}", self.expected.form(), self.found);
        if let Some(note) = &self.note {
            out.push_str(": ");
            out.push_str(note);
        }
        out
    }
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message("the value"))
    }
}

/// The result of reading one value: `None` when it is not set.
pub type Read<T> = Result<Option<T>, Unreadable>;

/// A number: a finite JSON number or text that is all a decimal number.
pub fn number<'a>(value: impl Into<Raw<'a>>) -> Read<f64> {
    let raw = value.into();
    match raw {
        _ if raw.is_blank() => Ok(None),
        Raw::Num(n) => Ok(Some(n)),
        Raw::Text(s) => decimal_literal(s.trim()).filter(|n| n.is_finite()).map(Some).ok_or_else(|| Unreadable::new(Expected::Number, raw)),
        _ => Err(Unreadable::new(Expected::Number, raw)),
    }
}

/// A date as epoch milliseconds: ISO-8601 text, or epoch milliseconds as a number or text.
pub fn date<'a>(value: impl Into<Raw<'a>>) -> Read<i64> {
    let raw = value.into();
    let epoch = |ms: f64| -> Read<i64> {
        if ms.abs() < EPOCH_SECONDS_BELOW {
            let mut e = Unreadable::new(Expected::Date, raw);
            let as_ms = time::timestamp_from_millis(ms * 1000.0).map(time::format_datetime);
            e.note = Some(match as_ms {
                Some(when) => format!("this looks like epoch seconds, which would be {when}; pass milliseconds ({})", Plain(ms * 1000.0)),
                None => "this looks like epoch seconds; pass milliseconds".to_owned(),
            });
            return Err(e);
        }
        time::timestamp_from_millis(ms).map(Some).ok_or_else(|| Unreadable::new(Expected::Date, raw))
    };
    match raw {
        _ if raw.is_blank() => Ok(None),
        Raw::Num(ms) => epoch(ms),
        Raw::Text(s) => {
            let s = s.trim();
            match decimal_literal(s) {
                Some(ms) if s.bytes().all(|b| b.is_ascii_digit() || b == b'-') => epoch(ms),
                _ => time::parse_iso8601(s).map(Some).ok_or_else(|| Unreadable::new(Expected::Date, raw)),
            }
        }
        _ => Err(Unreadable::new(Expected::Date, raw)),
    }
}

/// Epoch numbers of smaller magnitude than this (milliseconds before 1973-03-03T09:46:40Z) are
/// taken for epoch seconds and refused.
pub const EPOCH_SECONDS_BELOW: f64 = 1e11;

/// `true` or `false`, or their text in any case.
pub fn boolean<'a>(value: impl Into<Raw<'a>>) -> Read<bool> {
    let raw = value.into();
    match raw {
        _ if raw.is_blank() => Ok(None),
        Raw::Bool(b) => Ok(Some(b)),
        Raw::Text(s) if s.trim().eq_ignore_ascii_case("true") => Ok(Some(true)),
        Raw::Text(s) if s.trim().eq_ignore_ascii_case("false") => Ok(Some(false)),
        _ => Err(Unreadable::new(Expected::Boolean, raw)),
    }
}

/// Text, borrowed when it is text; a number or a boolean as its text. Not trimmed.
pub fn text<'a>(value: impl Into<Raw<'a>>) -> Read<Cow<'a, str>> {
    let raw = value.into();
    match raw {
        _ if raw.is_blank() => Ok(None),
        Raw::Text(s) => Ok(Some(Cow::Borrowed(s))),
        Raw::Num(n) => Ok(Some(Cow::Owned(format_number(n)))),
        Raw::Bool(b) => Ok(Some(Cow::Borrowed(if b { "true" } else { "false" }))),
        _ => Err(Unreadable::new(Expected::Text, raw)),
    }
}

/// The field named by a JSON path, for messages: `$.stageHistory[2].enteredAt` →
/// `stageHistory[2].enteredAt`; `$[3].amount` → `amount` of item 3 is kept as `[3].amount`;
/// `$` → `the value`.
pub fn field_name(path: &str) -> Cow<'_, str> {
    match path.strip_prefix("$.") {
        Some(rest) => Cow::Borrowed(rest),
        None if path == "$" => Cow::Borrowed("the value"),
        None => Cow::Borrowed(path.strip_prefix('$').unwrap_or(path)),
    }
}

/// A found value as messages show it: text and numbers as JSON (cut after 40 characters),
/// `true`/`false`, `null`, `nothing`, `a list`, `an object`.
pub fn describe(raw: Raw<'_>) -> String {
    match raw {
        Raw::Absent => "nothing".to_owned(),
        Raw::Null => "null".to_owned(),
        Raw::Bool(b) => b.to_string(),
        Raw::Num(n) => Plain(n).to_string(),
        Raw::Text(s) => {
            let quoted = Value::String(s.to_owned()).to_string();
            match quoted.char_indices().nth(41) {
                Some((cut, _)) => format!("{}…\"", &quoted[..cut]),
                None => quoted,
            }
        }
        Raw::List => "a list".to_owned(),
        Raw::Object => "an object".to_owned(),
    }
}

/// The JSON kind of a value, as messages name it.
pub fn kind_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// A CRM's own record shape, recognised so that a record passed without its adapter gets an
/// error saying which adapter to use instead of a plausible wrong number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CrmShape {
    /// A HubSpot CRM v3 object (`{ id, properties, … }`).
    HubSpotObject,
    /// A HubSpot list page (`{ results: [...] }`).
    HubSpotPage,
    /// A Salesforce REST record (`{ attributes: { type }, … }`).
    SalesforceRecord,
    /// A Salesforce REST query result (`{ totalSize, done, records }`).
    SalesforceQuery,
    /// A Salesforce UI API / GraphQL record, whose fields are `{ value, displayValue }`.
    SalesforceUiRecord,
}

impl CrmShape {
    /// The shape of `record`, if it is one of the CRMs' own.
    pub fn of(record: &Value) -> Option<CrmShape> {
        let obj = record.as_object()?;
        if obj.get("properties").is_some_and(Value::is_object) {
            return Some(CrmShape::HubSpotObject);
        }
        if obj.get("results").is_some_and(Value::is_array) {
            return Some(CrmShape::HubSpotPage);
        }
        if obj.get("attributes").is_some_and(|a| a.get("type").is_some()) {
            return Some(CrmShape::SalesforceRecord);
        }
        if obj.get("records").is_some_and(Value::is_array) && obj.contains_key("totalSize") {
            return Some(CrmShape::SalesforceQuery);
        }
        let ui_field = |v: &Value| v.as_object().is_some_and(|m| m.contains_key("value") && m.contains_key("displayValue"));
        if obj.get("fields").is_some_and(|f| f.as_object().is_some_and(|m| m.values().any(ui_field)))
            || obj.values().any(ui_field)
        {
            return Some(CrmShape::SalesforceUiRecord);
        }
        None
    }

    /// What to do about it, as the end of a message.
    pub fn advice(self) -> &'static str {
        match self {
            CrmShape::HubSpotObject => {
                "this looks like a HubSpot CRM object (its fields are under `properties`): read it with the HubSpot adapter first (hubspot.deal, hubspot.contact…)"
            }
            CrmShape::HubSpotPage => {
                "this looks like a HubSpot list page (`{ results }`): read it with the HubSpot adapter first (hubspot.deals, hubspot.contacts…)"
            }
            CrmShape::SalesforceRecord => {
                "this looks like a Salesforce record (it has `attributes`): read it with the Salesforce adapter first (salesforce.opportunity, salesforce.lead…)"
            }
            CrmShape::SalesforceQuery => {
                "this looks like a Salesforce query result (`{ totalSize, done, records }`): read it with the Salesforce adapter first (salesforce.opportunities, salesforce.leads…)"
            }
            CrmShape::SalesforceUiRecord => {
                "this looks like a Salesforce UI API record (fields as `{ value, displayValue }`): read it with the Salesforce adapter first (salesforce.opportunity, salesforce.lead…)"
            }
        }
    }
}

/// The `INVALID_RECORD` error for a record at `path` that holds none of the fields an engine
/// reads (`fields`, as the engine names them; the first few are listed), with the CRM adapter
/// to use when the record is a CRM's own shape.
pub fn no_known_fields(record: &Value, path: &str, what: &str, fields: &[&str]) -> Error {
    let mut distinct: Vec<&str> = Vec::new();
    for &field in fields {
        if !distinct.contains(&field) {
            distinct.push(field);
        }
    }
    let listed: Vec<&str> = distinct.iter().copied().take(6).collect();
    let more = if distinct.len() > listed.len() { ", …" } else { "" };
    let mut message = format!("{what} holds none of the fields pipescore reads ({}{more})", listed.join(", "));
    if let Some(shape) = CrmShape::of(record) {
        message.push_str("; ");
        message.push_str(shape.advice());
    }
    Error::input(ErrorCode::InvalidRecord, path, message)
}

/// The `INVALID_RECORD` error for a record at `path` that is not an object.
pub fn not_an_object(record: &Value, path: &str, what: &str, example: &str) -> Error {
    Error::input(ErrorCode::InvalidRecord, path, format!("{what} must be an object of fields such as {example}, found {}", describe(record.into())))
}

/// How stage names are compared: lower case, with spaces, `_` and `-` left out, so that
/// `"Closed Won"`, `"closed_won"` and HubSpot's `"closedwon"` are one stage.
pub fn stage_key(name: &str) -> String {
    crate::case::lowercase(name).chars().filter(|c| !matches!(c, ' ' | '_' | '-') && !c.is_whitespace()).collect()
}

/// Resolves stage names to stage positions by the contract: an exact id first, then an id or
/// a label compared by [`stage_key`].
#[derive(Debug, Clone, Default)]
pub struct StageNames {
    ids: Vec<String>,
    /// `(key, position)`, sorted by key; ids before labels for one key.
    keys: Vec<(String, usize)>,
}

impl StageNames {
    /// The names of stages given as `(id, label)` in order.
    pub fn new<'s>(stages: impl IntoIterator<Item = (&'s str, Option<&'s str>)>) -> StageNames {
        let mut names = StageNames::default();
        let mut labels = Vec::new();
        for (position, (id, label)) in stages.into_iter().enumerate() {
            names.ids.push(id.to_owned());
            names.keys.push((stage_key(id), position));
            if let Some(label) = label {
                labels.push((stage_key(label), position));
            }
        }
        // Ids win over labels with the same key: a stable sort keeps ids (pushed first) ahead.
        names.keys.extend(labels);
        names.keys.sort_by(|a, b| a.0.cmp(&b.0));
        names
    }

    /// The position of the stage `name` refers to.
    pub fn find(&self, name: &str) -> Option<usize> {
        if let Some(at) = self.ids.iter().position(|id| id == name) {
            return Some(at);
        }
        let key = stage_key(name);
        if key.is_empty() {
            return None;
        }
        let at = self.keys.partition_point(|(k, _)| *k < key);
        self.keys.get(at).filter(|(k, _)| *k == key).map(|&(_, position)| position)
    }

    /// The stage ids, in order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn err<T: fmt::Debug>(r: Read<T>, path: &str) -> Error {
        r.expect_err("should not read").at(path)
    }

    #[test]
    fn numbers_are_numbers_or_numeric_text() {
        assert_eq!(number(&json!(500)), Ok(Some(500.0)));
        assert_eq!(number(&json!("500")), Ok(Some(500.0)));
        assert_eq!(number(&json!(" -12.5 ")), Ok(Some(-12.5)));
        assert_eq!(number(&json!("1e3")), Ok(Some(1000.0)));
        assert_eq!(number(&json!("50000.00")), Ok(Some(50000.0)));
        for blank in [json!(null), json!(""), json!("  ")] {
            assert_eq!(number(&blank), Ok(None));
        }
        assert_eq!(number(None), Ok(None));
        let e = err(number(&json!("1,200")), "$.amount");
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidNumber, "$.amount"));
        assert!(e.message.starts_with("amount must be a number, or numeric text such as \"1200.50\""), "{}", e.message);
        assert!(e.message.ends_with("found \"1,200\""), "{}", e.message);
        for bad in [json!("$500"), json!("Infinity"), json!("0x10"), json!(true), json!([1]), json!({})] {
            assert!(number(&bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn dates_are_iso_text_or_epoch_milliseconds() {
        assert_eq!(date(&json!("2026-11-24")), Ok(Some(1_795_478_400_000)));
        assert_eq!(date(&json!("2026-11-24T00:00:00.000+0000")), Ok(Some(1_795_478_400_000)));
        assert_eq!(date(&json!(1_795_478_400_000_i64)), Ok(Some(1_795_478_400_000)));
        assert_eq!(date(&json!("1795478400000")), Ok(Some(1_795_478_400_000)));
        assert_eq!(date(&json!("")), Ok(None));
        let e = err(date(&json!("11/24/2026")), "$.closeDate");
        assert_eq!(e.code, ErrorCode::InvalidDate);
        assert!(e.message.contains("closeDate must be a date") && e.message.contains("\"11/24/2026\""), "{}", e.message);
        let e = err(date(&json!(1_797_724_800)), "$.closeDate");
        assert!(e.message.contains("looks like epoch seconds, which would be 2026-12-20T00:00:00.000Z"), "{}", e.message);
        assert!(e.message.contains("1797724800000"), "{}", e.message);
        assert!(date(&json!("1797724800")).is_err());
        assert!(date(&json!(0)).is_err(), "0 reads as epoch seconds, not as 1970");
    }

    #[test]
    fn booleans_and_text() {
        assert_eq!(boolean(&json!("TRUE")), Ok(Some(true)));
        assert_eq!(boolean(&json!(" false")), Ok(Some(false)));
        assert_eq!(boolean(&json!(false)), Ok(Some(false)));
        assert_eq!(err(boolean(&json!("yes")), "$.hot").code, ErrorCode::InvalidBoolean);
        assert!(boolean(&json!(1)).is_err());
        assert_eq!(text(&json!(240)), Ok(Some(Cow::Borrowed("240"))));
        assert_eq!(text(&json!(1.5)), Ok(Some(Cow::Owned("1.5".to_owned()))));
        assert_eq!(text(&json!("  ")), Ok(None));
        let e = err(text(&json!(["a"])), "$.contacts[0].role");
        assert_eq!(e.message, "contacts[0].role must be text, found a list");
    }

    #[test]
    fn messages_cut_long_text() {
        let long = "x".repeat(100);
        let found = describe(Raw::Text(&long));
        assert!(found.starts_with("\"xxx") && found.ends_with("…\"") && found.chars().count() < 50, "{found}");
        assert_eq!(field_name("$"), "the value");
        assert_eq!(field_name("$[3].amount"), "[3].amount");
    }

    #[test]
    fn crm_shapes_are_recognised() {
        assert_eq!(CrmShape::of(&json!({"id": "1", "properties": {"dealstage": "x"}})), Some(CrmShape::HubSpotObject));
        assert_eq!(CrmShape::of(&json!({"results": []})), Some(CrmShape::HubSpotPage));
        assert_eq!(CrmShape::of(&json!({"attributes": {"type": "Opportunity"}, "StageName": "x"})), Some(CrmShape::SalesforceRecord));
        assert_eq!(CrmShape::of(&json!({"totalSize": 0, "done": true, "records": []})), Some(CrmShape::SalesforceQuery));
        assert_eq!(CrmShape::of(&json!({"Name": {"value": "A", "displayValue": null}})), Some(CrmShape::SalesforceUiRecord));
        assert_eq!(CrmShape::of(&json!({"stage": "x"})), None);
        let e = no_known_fields(&json!({"properties": {}}), "$", "The deal", &["stage", "amount"]);
        assert!(e.message.contains("(stage, amount)") && e.message.contains("HubSpot adapter"), "{}", e.message);
    }

    #[test]
    fn stages_by_id_or_label_in_any_case() {
        let names = StageNames::new([("closedwon", Some("Closed Won")), ("Closed Won", None), ("demo", Some("Discovery call"))]);
        assert_eq!(names.find("closedwon"), Some(0));
        assert_eq!(names.find("Closed Won"), Some(1), "an exact id first");
        assert_eq!(names.find("CLOSED_WON"), Some(0), "then ids before labels");
        assert_eq!(names.find("discovery call"), Some(2));
        assert_eq!(names.find("Discovery-Call"), Some(2));
        assert_eq!(names.find("nope"), None);
        assert_eq!(names.find("  "), None);
    }
}
