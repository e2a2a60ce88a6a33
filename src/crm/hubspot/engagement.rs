//! HubSpot engagements (calls, emails, meetings, notes, tasks) as pipescore activities
//! `{ id, type, at, contact?, subject? }`.

use serde_json::Value;

use super::object::{Kind, Object};
use crate::crm::build::{self, As, Record};
use crate::crm::vocabulary::Activity;
use crate::error::{Error, ErrorCode, Result};
use crate::read::stage_key;

/// The kind of an engagement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EngagementKind {
    /// A call.
    Call,
    /// An email.
    Email,
    /// A meeting.
    Meeting,
    /// A note.
    Note,
    /// A task.
    Task,
}

impl EngagementKind {
    /// Every kind with the name of its association group (`calls`) and of one object
    /// (`call`, as in `call_to_deal`).
    pub(crate) const ALL: [(EngagementKind, &'static str, &'static str); 5] = [
        (EngagementKind::Call, "calls", "call"),
        (EngagementKind::Email, "emails", "email"),
        (EngagementKind::Meeting, "meetings", "meeting"),
        (EngagementKind::Note, "notes", "note"),
        (EngagementKind::Task, "tasks", "task"),
    ];

    /// The kind whose association group is `group` (`calls`).
    pub(crate) fn of_group(group: &str) -> Option<EngagementKind> {
        Self::ALL.iter().find(|(_, g, _)| *g == group).map(|(k, ..)| *k)
    }

    /// The property prefix only this kind has (`hs_call_`), and its subject property.
    fn properties(self) -> (&'static str, Option<&'static str>) {
        match self {
            EngagementKind::Call => ("hs_call_", Some("hs_call_title")),
            EngagementKind::Email => ("hs_email_", Some("hs_email_subject")),
            EngagementKind::Meeting => ("hs_meeting_", Some("hs_meeting_title")),
            EngagementKind::Note => ("hs_note_", None),
            EngagementKind::Task => ("hs_task_", Some("hs_task_subject")),
        }
    }
}

/// The kind of the engagement `object`, from `hint` (the group it was passed or associated
/// under), else its properties, else its association types (`call_to_deal`).
fn kind_of(object: &Object<'_>, value: &Value, hint: Option<EngagementKind>) -> Result<EngagementKind> {
    if let Some(kind) = hint {
        return Ok(kind);
    }
    let props = value.get("properties").and_then(Value::as_object);
    let by_properties = EngagementKind::ALL.iter().map(|(k, ..)| *k).find(|k| {
        let prefix = k.properties().0;
        props.is_some_and(|p| p.iter().any(|(name, v)| name.starts_with(prefix) && !v.is_null() && *name != "hs_email_domain"))
    });
    let by_association = || {
        let groups = value.get("associations").and_then(Value::as_object)?;
        let types = groups.values().filter_map(|g| g.get("results")?.as_array()).flatten();
        types.filter_map(|a| a.get("type")?.as_str()).find_map(|t| {
            EngagementKind::ALL.iter().find(|(_, _, one)| t.strip_prefix(one).is_some_and(|rest| rest.starts_with("_to_"))).map(|(k, ..)| *k)
        })
    };
    by_properties.or_else(by_association).ok_or_else(|| {
        Error::input(
            ErrorCode::InvalidRecord,
            object.path.clone(),
            "can't tell whether this HubSpot engagement is a call, an email, a meeting, a note or a task: it has no hs_call_…, hs_email_…, hs_meeting_…, hs_note_… or hs_task_… property and no association type saying; pass engagements grouped by kind ({ calls, emails, meetings, notes, tasks })",
        )
    })
}

/// An engagement read as a pipescore activity, with the deals and contacts it is associated
/// with. `None` for a task not completed, which is a plan, not an activity.
#[derive(Debug)]
pub(crate) struct Engagement<'a> {
    /// The activity.
    pub activity: Value,
    /// Its id.
    pub id: Option<String>,
    /// When it happened (epoch ms).
    pub at: i64,
    /// The deals its associations name (`None` when it carries no deal associations).
    pub deals: Option<Vec<&'a str>>,
}

/// Reads the engagement `value` at `path` (`hint`: the kind it was passed as).
pub(crate) fn read<'a>(value: &'a Value, path: String, hint: Option<EngagementKind>) -> Result<Option<Engagement<'a>>> {
    let object = Object::new(value, path, Kind::Engagement)?;
    let kind = kind_of(&object, value, hint)?;
    let (prefix, subject) = kind.properties();
    let upper = |suffix: &str| -> Result<Option<String>> {
        let name = format!("{prefix}{suffix}");
        match object.get(&name) {
            Some(raw) => Ok(build::text(raw, || object.path_of(&name))?.map(|t| stage_key(&t))),
            None => Ok(None),
        }
    };
    let activity = match kind {
        EngagementKind::Call => Activity::Call { inbound: upper("direction")?.as_deref() == Some("inbound") },
        EngagementKind::Email => Activity::Email { received: upper("direction")?.as_deref() == Some("incomingemail") },
        EngagementKind::Meeting => match upper("outcome")?.as_deref() {
            Some("noshow") => Activity::NoShow,
            Some("canceled" | "cancelled") => Activity::Canceled,
            _ => Activity::Meeting,
        },
        EngagementKind::Note => Activity::Note,
        EngagementKind::Task => match upper("status")?.as_deref() {
            None | Some("completed") => Activity::Task,
            Some(_) => return Ok(None),
        },
    };
    let mut record = Record::default();
    let id = object.id()?;
    if let Some(id) = &id {
        record.set("id", Value::String(id.clone()));
    }
    record.set("type", Value::String(activity.name().to_owned()));
    let stamp = object.get("hs_timestamp").unwrap_or(&Value::Null);
    let (Some(at), Some(value)) = (build::date(stamp, || object.path_of("hs_timestamp"))?, build::date_value(stamp, || object.path_of("hs_timestamp"))?) else {
        let message = "a HubSpot engagement needs hs_timestamp, the date it happened; request the property hs_timestamp";
        return Err(Error::input(ErrorCode::InvalidRecord, object.path_of("hs_timestamp"), message));
    };
    record.set("at", value);
    if let Some(contact) = object.associated("contacts").and_then(|ids| ids.first().copied()) {
        record.set("contact", Value::String(contact.to_owned()));
    }
    if let Some(name) = subject {
        if let Some(subject) = object.read(name, As::Text)? {
            record.set("subject", subject);
        }
    }
    Ok(Some(Engagement { activity: record.finish(), id, at, deals: object.associated("deals") }))
}
