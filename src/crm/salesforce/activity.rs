//! Salesforce Tasks and Events (and ActivityHistory / OpenActivity rows) as pipescore
//! activities `{ id, type, at, contact?, subject? }`.

use serde_json::Value;

use super::record::{expect, SfRecord};
use crate::crm::build::{As, Record};
use crate::crm::vocabulary::Activity;
use crate::error::{Error, ErrorCode, Result};
use crate::read::stage_key;

/// The record types read as activities.
pub(crate) const KINDS: &[&str] = &["Task", "Event", "ActivityHistory", "OpenActivity"];

/// What an activity record is: done (an activity) or planned (an open task).
#[derive(Debug)]
pub(crate) enum Item {
    /// An activity that took place (or, for an event, is on the calendar).
    Done(Value),
    /// A task not completed, due at this instant (`None`: no due date).
    Planned(Option<i64>),
}

/// Whether the record is a task: its type says, or (an ActivityHistory or OpenActivity row)
/// `IsTask`, or it has no event's fields.
fn is_task(record: &SfRecord<'_>) -> Result<bool> {
    Ok(match record.kind {
        Some("Task") => true,
        Some("Event") => false,
        _ => match record.boolean("IsTask")? {
            Some(task) => task,
            None => !record.has_any(&["StartDateTime", "EndDateTime", "DurationInMinutes", "IsAllDayEvent", "ActivityDateTime"]),
        },
    })
}

/// Reads the Task or Event `record`.
pub(crate) fn read(record: &SfRecord<'_>) -> Result<Item> {
    expect(record, KINDS, "a Task or an Event", |_| "pass Task, Event or ActivityHistory records as activities".to_owned())?;
    let task = is_task(record)?;
    // The first of `names` that holds a date.
    let first = |names: &[&'static str]| -> Result<Option<&'static str>> {
        for name in names {
            if record.date(name)?.is_some() {
                return Ok(Some(*name));
            }
        }
        Ok(None)
    };
    let open = record.kind == Some("OpenActivity") || (task && record.boolean("IsClosed")? == Some(false));
    if open {
        let due = match first(&["ActivityDate", "ActivityDateTime", "StartDateTime"])? {
            Some(name) => record.date(name)?,
            None => None,
        };
        return Ok(Item::Planned(due));
    }
    let names: &[&'static str] =
        if task { &["CompletedDateTime", "ActivityDate", "CreatedDate"] } else { &["StartDateTime", "ActivityDateTime", "ActivityDate"] };
    let Some(at) = first(names)? else {
        let message = format!("a Salesforce activity needs the date it happened: query {}", names.join(", "));
        return Err(Error::input(ErrorCode::InvalidRecord, record.path.clone(), message));
    };
    let kind = |name: &str| -> Result<Option<String>> { Ok(record.text(name)?.map(|t| stage_key(&t))) };
    let (call_type, subtype, type_) = (kind("CallType")?, kind("TaskSubtype")?.or(kind("ActivitySubtype")?), kind("Type")?);
    let activity = if call_type.as_deref() == Some("inbound") {
        Activity::Call { inbound: true }
    } else if matches!(subtype.as_deref(), Some("call")) || type_.as_deref() == Some("call") || call_type.is_some() {
        Activity::Call { inbound: false }
    } else if matches!(subtype.as_deref(), Some("email" | "listemail")) || type_.as_deref() == Some("email") {
        Activity::Email { received: false }
    } else if !task || type_.as_deref() == Some("meeting") {
        Activity::Meeting
    } else {
        Activity::Task
    };
    let mut out = Record::default();
    out.set("id", record.read("Id", As::Text)?.unwrap_or(Value::Null));
    out.set("type", Value::String(activity.name().to_owned()));
    out.set("at", record.read(at, As::Date)?.unwrap_or(Value::Null));
    out.set("contact", record.read("WhoId", As::Text)?.unwrap_or(Value::Null));
    out.set("subject", record.read("Subject", As::Text)?.unwrap_or(Value::Null));
    Ok(Item::Done(out.finish()))
}
