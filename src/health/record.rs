//! Typed reads of a deal's JSON fields. `null` (and blank text) count as absent; a value of the
//! wrong kind is an input error whose path is built only when it fails.

use serde_json::{Map, Value};

use crate::error::{Error, ErrorCode, Result};
use crate::time::timestamp_from_json;

/// Declares the fields health reads from one kind of JSON object, each `None` when missing or
/// null, and `read`, which finds them in one pass over the object's entries: one inlined
/// string match per entry instead of a map lookup (a dozen string comparisons) per field.
macro_rules! fields_of {
    ($(#[$doc:meta])* $name:ident { $($field:ident: $key:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, Default)]
        pub(crate) struct $name<'a> {
            $(#[doc = concat!("`", $key, "`")] pub $field: Option<&'a Value>,)*
        }

        impl<'a> $name<'a> {
            /// The fields of `obj`.
            pub(crate) fn read(obj: &'a Map<String, Value>) -> Self {
                let mut out = Self::default();
                for (key, value) in obj {
                    let slot = match key.as_str() {
                        $($key => &mut out.$field,)*
                        _ => continue,
                    };
                    if !value.is_null() {
                        *slot = Some(value);
                    }
                }
                out
            }
        }
    };
}

fields_of!(
    /// A deal's fields.
    DealFields {
        id: "id",
        pipeline: "pipeline",
        stage: "stage",
        created_at: "createdAt",
        stage_entered_at: "stageEnteredAt",
        stage_history: "stageHistory",
        contacts: "contacts",
        activities: "activities",
        last_activity_at: "lastActivityAt",
        close_date: "closeDate",
        close_date_history: "closeDateHistory",
        close_date_pushes: "closeDatePushes",
        amount: "amount",
        amount_history: "amountHistory",
        next_step: "nextStep",
        next_step_date: "nextStepDate",
    }
);

fields_of!(
    /// A contact's fields.
    ContactFields {
        id: "id",
        name: "name",
        email: "email",
        role: "role",
        engaged: "engaged",
        last_activity_at: "lastActivityAt",
    }
);

fields_of!(
    /// An activity's fields.
    ActivityFields {
        at: "at",
        kind: "type",
        contact: "contact",
    }
);

fields_of!(
    /// A history entry's fields (`stageHistory`, `closeDateHistory`, `amountHistory`).
    EntryFields {
        stage: "stage",
        entered_at: "enteredAt",
        close_date: "closeDate",
        amount: "amount",
        changed_at: "changedAt",
    }
);

/// The value as an object; anything else is an `INVALID_RECORD` error describing `what`.
pub(crate) fn object<'a>(
    value: &'a Value,
    what: &str,
    path: impl FnOnce() -> String,
) -> Result<&'a Map<String, Value>> {
    value.as_object().ok_or_else(|| invalid(path(), format!("{what} must be an object, found {}", kind(value))))
}

/// The items of a list field; empty when absent.
pub(crate) fn list<'a>(value: Option<&'a Value>, what: &str, path: impl FnOnce() -> String) -> Result<&'a [Value]> {
    match value {
        None => Ok(&[]),
        Some(Value::Array(items)) => Ok(items),
        Some(other) => Err(invalid(path(), format!("{what} must be a list, found {}", kind(other)))),
    }
}

/// A text field; `None` when absent or blank.
pub(crate) fn text<'a>(value: Option<&'a Value>, what: &str, path: impl FnOnce() -> String) -> Result<Option<&'a str>> {
    match value {
        None => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.as_str()).filter(|s| !s.trim().is_empty())),
        Some(other) => Err(invalid(path(), format!("{what} must be text, found {}", kind(other)))),
    }
}

/// A number field; `None` when absent.
pub(crate) fn number(value: Option<&Value>, what: &str, path: impl FnOnce() -> String) -> Result<Option<f64>> {
    match value {
        None => Ok(None),
        Some(Value::Number(n)) => Ok(n.as_f64()),
        Some(other) => Err(invalid(path(), format!("{what} must be a number, found {}", kind(other)))),
    }
}

/// A true/false field; `None` when absent.
pub(crate) fn flag(value: Option<&Value>, what: &str, path: impl FnOnce() -> String) -> Result<Option<bool>> {
    match value {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => Err(invalid(path(), format!("{what} must be true or false, found {}", kind(other)))),
    }
}

/// An instant (ISO-8601 text or epoch milliseconds); `None` when absent or blank. Anything
/// else is an `INVALID_DATE` error.
pub(crate) fn instant(value: Option<&Value>, what: &str, path: impl FnOnce() -> String) -> Result<Option<i64>> {
    match value {
        None => Ok(None),
        Some(Value::String(s)) if s.trim().is_empty() => Ok(None),
        Some(v) => timestamp_from_json(v).map(Some).ok_or_else(|| {
            Error::input(
                ErrorCode::InvalidDate,
                path(),
                format!("{what} must be a date: an ISO-8601 string such as \"2026-11-24T09:30:00Z\" or epoch milliseconds, found {v}"),
            )
        }),
    }
}

/// An `INVALID_RECORD` input error.
pub(crate) fn invalid(path: String, message: String) -> Error {
    Error::input(ErrorCode::InvalidRecord, path, message)
}

/// The JSON kind of a value, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn absent_null_and_blank_are_none() {
        let deal = json!({"id": null, "nextStep": "  ", "closeDate": "", "other": 1});
        let f = DealFields::read(deal.as_object().unwrap());
        assert_eq!(f.id, None);
        assert_eq!(text(f.next_step, "t", || "$.t".into()).unwrap(), None);
        assert_eq!(instant(f.close_date, "d", || "$.d".into()).unwrap(), None);
        assert_eq!(list(f.contacts, "m", || "$.m".into()).unwrap().len(), 0);
    }

    #[test]
    fn wrong_kinds_name_the_path() {
        let e = instant(Some(&json!("last tuesday")), "the activity's at", || "$.activities[2].at".into()).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_DATE", "$.activities[2].at"));
        assert!(e.message.contains("\"last tuesday\""), "{}", e.message);
        let e = list(Some(&json!({})), "activities", || "$.activities".into()).unwrap_err();
        assert_eq!((e.code.as_str(), e.message.as_str()), ("INVALID_RECORD", "activities must be a list, found an object"));
        assert_eq!(number(Some(&json!("12")), "amount", || "$.amount".into()).unwrap_err().path, "$.amount");
        assert_eq!(flag(Some(&json!(1)), "engaged", || "$.e".into()).unwrap_err().code, "INVALID_RECORD");
    }
}
