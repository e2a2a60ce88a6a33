//! Reading a lead: its declared field types and its `events` list, from the lead's row.
//!
//! In [`Mode::Strict`] a lead that breaks the model's expectations is an input error whose
//! path points at the offending value. In [`Mode::Partial`] (a form being filled in) nothing
//! about the lead's content is an error: field types are not checked and events that can't be
//! used (not an object, no `type`, a missing or unreadable `at`) are skipped.

use std::borrow::Cow;

use super::model::FieldType;
use crate::path;
use crate::read::{self, Raw, Unreadable};
use crate::record::{Plan, PlanBuilder, RowRef, Shape, SlotId, ROOT};
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
#[derive(Debug, Clone)]
pub(crate) struct Event<'a> {
    /// The event's row, the data of a rule's `where`.
    pub row: RowRef<'a>,
    /// Its `type`.
    pub kind: Cow<'a, str>,
    /// Its `at`, epoch milliseconds.
    pub at: i64,
}

/// The cells a model reads of a lead itself: its declared fields and its events.
#[derive(Debug, Clone)]
pub(crate) struct LeadReads {
    /// Each declared field, its type and its slot.
    pub fields: Vec<(String, FieldType, SlotId)>,
    /// `events`, as a list of sub-records.
    pub events: SlotId,
    /// An event's `type` and `at`.
    pub event_type: SlotId,
    pub event_at: SlotId,
    /// The scope of an event's row, where `where` rules are bound.
    pub event_scope: crate::record::ScopeId,
}

impl LeadReads {
    /// Adds the lead's own reads to `plan`.
    pub(crate) fn new(plan: &mut PlanBuilder, fields: Vec<(String, FieldType)>) -> LeadReads {
        let fields = fields.into_iter().map(|(name, kind)| {
            let slot = plan.path(ROOT, &name);
            (name, kind, slot)
        });
        let fields = fields.collect();
        let (events, event_scope) = plan.list(ROOT, "events");
        let (event_type, event_at) = (plan.path(event_scope, "type"), plan.path(event_scope, "at"));
        LeadReads { fields, events, event_type, event_at, event_scope }
    }
}

/// Checks that `lead` is an object that holds something the model reads and that its declared
/// fields have their types (the reading contract's: numeric text is a number).
pub(crate) fn check_fields(lead: RowRef<'_>, reads: &LeadReads, mode: Mode, plan: &Plan) -> Result<()> {
    if lead.shape() != Shape::Object {
        return Err(Error::input(
            ErrorCode::InvalidRecord,
            "$",
            format!("a lead must be an object of fields, e.g. {{ email, jobTitle, events }}, found {}", lead.shape().name()),
        ));
    }
    if mode == Mode::Partial {
        return Ok(());
    }
    if lead.holds_nothing() {
        let record = lead.doc().cloned().unwrap_or_default();
        let fields: Vec<&str> = plan.paths(ROOT).collect();
        return Err(read::no_known_fields(&record, "$", "The lead", &fields));
    }
    for (name, expected, slot) in &reads.fields {
        let raw = lead.raw(*slot);
        let checked = match expected {
            FieldType::String => read::text(raw).map(drop),
            FieldType::Number => read::number(raw).map(drop),
            FieldType::Boolean => read::boolean(raw).map(drop),
            FieldType::Date => read::date(raw).map(drop),
            FieldType::List => match raw {
                Raw::List => Ok(()),
                blank if blank.is_blank() => Ok(()),
                other => Err(Unreadable { expected: read::Expected::List, found: read::describe(other), note: None }),
            },
        };
        checked.map_err(|e| e.at(&path::key("$", name)))?;
    }
    Ok(())
}

/// Reads the lead's `events` into `out` (cleared first). Absent or `null` means no events.
pub(crate) fn read_events<'a>(lead: RowRef<'a>, reads: &LeadReads, mode: Mode, out: &mut Vec<Event<'a>>) -> Result<()> {
    out.clear();
    let strict = mode == Mode::Strict;
    let Some(list) = lead.list(reads.events) else {
        let raw = lead.raw(reads.events);
        if strict && !raw.is_blank() {
            let message = format!("events must be a list of {{ type, at }} objects, found {}", read::describe(raw));
            return Err(Error::input(ErrorCode::InvalidRecord, "$.events", message));
        }
        return Ok(());
    };
    for (i, item) in list.iter().enumerate() {
        match read_event(item, reads) {
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

fn read_event<'a>(row: RowRef<'a>, reads: &LeadReads) -> Result<Event<'a>, EventProblem> {
    if row.shape() != Shape::Object {
        let message = format!("an event must be an object {{ type, at }}, found {}", row.shape().name());
        return Err((ErrorCode::InvalidRecord, None, message));
    }
    let kind = match read::text(row.raw(reads.event_type)) {
        Ok(Some(kind)) => kind,
        Ok(None) => {
            let message = "an event's type must be text such as \"page_view\", found nothing".to_owned();
            return Err((ErrorCode::InvalidText, Some("type"), message));
        }
        Err(e) => return Err((ErrorCode::InvalidText, Some("type"), e.message("an event's type"))),
    };
    let at = match read::date(row.raw(reads.event_at)) {
        Ok(Some(at)) => at,
        Ok(None) => {
            let message = format!("an event's at must be {}, found nothing", read::Expected::Date.form());
            return Err((ErrorCode::InvalidDate, Some("at"), message));
        }
        Err(e) => return Err((ErrorCode::InvalidDate, Some("at"), e.message("an event's at"))),
    };
    Ok(Event { row, kind, at })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::Records;
    use serde_json::{json, Value};

    fn reads(fields: Vec<(String, FieldType)>) -> (crate::record::Plan, LeadReads) {
        let mut plan = PlanBuilder::new();
        let reads = LeadReads::new(&mut plan, fields);
        (plan.finish(), reads)
    }

    fn events(lead: &Value, mode: Mode) -> Result<Vec<i64>> {
        let (plan, reads) = reads(Vec::new());
        let records = Records::from_json(&plan, [lead]);
        let mut out = Vec::new();
        read_events(records.record(0).unwrap(), &reads, mode, &mut out)?;
        Ok(out.iter().map(|e| e.at).collect())
    }

    fn check(lead: &Value, fields: &[(&str, FieldType)], mode: Mode) -> Result<()> {
        let (plan, reads) = reads(fields.iter().map(|(n, t)| ((*n).to_owned(), *t)).collect());
        let records = Records::from_json(&plan, [lead]);
        check_fields(records.record(0).unwrap(), &reads, mode, &plan)
    }

    #[test]
    fn strict_mode_points_at_the_bad_event() {
        let lead = json!({"events": [{"type": "page_view", "at": 1_700_000_000_000_i64}, {"type": "page_view", "at": "last week"}]});
        let err = events(&lead, Mode::Strict).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_DATE", "$.events[1].at"));
        assert!(err.message.contains("\"last week\""), "{}", err.message);
        let err = events(&json!({"events": [{"at": 1_700_000_000_000_i64}]}), Mode::Strict).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_TEXT", "$.events[0].type"));
        let err = events(&json!({"events": [7]}), Mode::Strict).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_RECORD", "$.events[0]"));
        let err = events(&json!({"events": "none"}), Mode::Strict).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_RECORD", "$.events"));
        let err = events(&json!({"events": [{"type": "visit", "at": 1_700_000_000}]}), Mode::Strict).unwrap_err();
        assert!(err.message.contains("epoch seconds"), "{}", err.message);
    }

    #[test]
    fn partial_mode_skips_unusable_events() {
        let lead = json!({"events": [{"type": "page_view"}, 7, {"type": "form_submit", "at": "2024-01-02"}]});
        assert_eq!(events(&lead, Mode::Partial).unwrap(), [1_704_153_600_000]);
        assert_eq!(events(&json!({"events": {}}), Mode::Partial).unwrap(), Vec::<i64>::new());
        assert_eq!(events(&json!({}), Mode::Strict).unwrap(), Vec::<i64>::new());
    }

    #[test]
    fn field_types_are_read_by_the_contract_in_strict_mode_only() {
        let fields = [("employees", FieldType::Number), ("close date", FieldType::Date)];
        let err = check(&json!({"employees": "lots"}), &fields, Mode::Strict).unwrap_err();
        assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_NUMBER", "$.employees"));
        assert!(check(&json!({"employees": "240"}), &fields, Mode::Strict).is_ok(), "numeric text is a number");
        assert!(check(&json!({"employees": "lots"}), &fields, Mode::Partial).is_ok());
        let err = check(&json!({"close date": "soon"}), &fields, Mode::Strict).unwrap_err();
        assert_eq!(err.path, "$[\"close date\"]");
        assert!(check(&json!({"employees": null, "x": 1}), &fields, Mode::Strict).is_err(), "holds none of the fields read");
        assert_eq!(check(&json!([]), &fields, Mode::Partial).unwrap_err().code, "INVALID_RECORD");
        let err = check(&json!({"properties": {"email": "x"}}), &fields, Mode::Strict).unwrap_err();
        assert!(err.message.contains("HubSpot adapter"), "{}", err.message);
    }
}
