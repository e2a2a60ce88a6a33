//! Facts from `activities`, `contacts` and `lastActivityAt`: recency, the activity trend,
//! buyer responses, engaged contacts and buyer roles. Activities dated after `now` are
//! scheduled, not done, and are left out.

use serde_json::Value;

use super::{matches_normalized, FactParams};
use crate::error::Result;
use crate::health::record::{self, ActivityFields, ContactFields, DealFields};
use crate::path::{index, key};
use crate::time::days_between;

/// What the activity log says.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ActivityFacts {
    /// Activities logged at or before now.
    pub count: u32,
    /// Days since the latest activity (an activity, a contact's or the deal's `lastActivityAt`).
    pub days_since_last: Option<f64>,
    /// Activities in the recent trend window `[now − window, now]`.
    pub recent: u32,
    /// Activities in the window before it.
    pub previous: u32,
    /// Days since the buyer last responded (an activity of a response type).
    pub days_since_response: Option<f64>,
    /// Other activities (outreach) logged after that response, or at all when there was none.
    pub attempts_since_response: u32,
    /// Days since the first of those attempts.
    pub days_since_first_attempt: Option<f64>,
}

/// What the contacts say.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct ContactFacts<'a> {
    /// Contacts on the deal.
    pub total: u32,
    /// Contacts counted as engaged.
    pub engaged: u32,
    /// Bit `i` is set when a contact has role `FactParams::roles[i]`.
    pub roles: u64,
    /// Name of the first contact whose role is champion, for suggested actions.
    pub champion: Option<&'a str>,
}

/// A contact while the activities are matched to it.
#[derive(Debug, Clone)]
pub(crate) struct Contact<'a> {
    keys: [Option<&'a str>; 3],
    engaged: Option<bool>,
    last_at: Option<i64>,
}

/// Contacts read from `contacts`, with their roles folded into the returned facts.
pub(crate) struct Contacts<'a> {
    list: Vec<Contact<'a>>,
    facts: ContactFacts<'a>,
}

/// Reads `contacts`: names, roles, `engaged` and `lastActivityAt`.
pub(crate) fn contacts<'a>(deal: &DealFields<'a>, params: &FactParams, now: i64) -> Result<Contacts<'a>> {
    let items = record::list(deal.contacts, "contacts", || "$.contacts".into())?;
    let mut list = Vec::with_capacity(items.len());
    let mut facts = ContactFacts { total: items.len() as u32, ..ContactFacts::default() };
    for (i, item) in items.iter().enumerate() {
        let path = || index("$.contacts", i);
        let contact = ContactFields::read(record::object(item, "a contact", path)?);
        let name = record::text(contact.name, "a contact's name", || key(&path(), "name"))?;
        let email = record::text(contact.email, "a contact's email", || key(&path(), "email"))?;
        let id = contact.id.and_then(Value::as_str);
        let engaged = record::flag(contact.engaged, "engaged", || key(&path(), "engaged"))?;
        let last_at =
            record::instant(contact.last_activity_at, "a contact's lastActivityAt", || key(&path(), "lastActivityAt"))?
                .filter(|&at| at <= now);
        if let Some(role) = record::text(contact.role, "a contact's role", || key(&path(), "role"))? {
            for (bit, wanted) in params.roles.iter().enumerate() {
                if matches_normalized(role, wanted) {
                    facts.roles |= 1 << bit;
                }
            }
            if facts.champion.is_none() && matches_normalized(role, "champion") {
                facts.champion = name.or(email);
            }
        }
        list.push(Contact { keys: [id, name, email], engaged, last_at });
    }
    Ok(Contacts { list, facts })
}

/// Reads `activities` and `lastActivityAt`, matches activities to contacts (by the contact's
/// id, name or email) and counts engaged contacts.
pub(crate) fn activities<'a>(
    deal: &DealFields<'a>,
    mut contacts: Contacts<'a>,
    params: &FactParams,
    now: i64,
) -> Result<(ActivityFacts, ContactFacts<'a>)> {
    let items = record::list(deal.activities, "activities", || "$.activities".into())?;
    let window = params.trend_window_ms;
    let mut facts = ActivityFacts::default();
    let mut last = record::instant(deal.last_activity_at, "lastActivityAt", || "$.lastActivityAt".into())?
        .filter(|&at| at <= now);
    let mut last_response: Option<i64> = None;
    // (at, is a response) of past activities, for the second pass over attempts.
    let mut past: Vec<(i64, bool)> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = || index("$.activities", i);
        let activity = ActivityFields::read(record::object(item, "an activity", path)?);
        let Some(at) = record::instant(activity.at, "an activity's at", || key(&path(), "at"))? else {
            return Err(record::invalid(key(&path(), "at"), "an activity needs the date it happened (at)".into()));
        };
        let kind = record::text(activity.kind, "an activity's type", || key(&path(), "type"))?;
        let contact = record::text(activity.contact, "an activity's contact", || key(&path(), "contact"))?;
        if at > now {
            continue;
        }
        facts.count += 1;
        last = last.max(Some(at));
        let age = now - at;
        if age < window {
            facts.recent += 1;
        } else if age < window.saturating_mul(2) {
            facts.previous += 1;
        }
        let response = kind.is_some_and(|k| params.response_types.iter().any(|t| matches_normalized(k, t)));
        if response {
            last_response = last_response.max(Some(at));
        }
        past.push((at, response));
        if let Some(name) = contact {
            for c in contacts.list.iter_mut().filter(|c| c.keys.contains(&Some(name))) {
                c.last_at = c.last_at.max(Some(at));
            }
        }
    }
    let mut first_attempt: Option<i64> = None;
    for &(at, response) in &past {
        if !response && last_response.map_or(true, |r| at > r) {
            facts.attempts_since_response += 1;
            first_attempt = Some(first_attempt.map_or(at, |f| f.min(at)));
        }
    }
    for c in &contacts.list {
        last = last.max(c.last_at);
        let engaged = c.engaged.unwrap_or_else(|| c.last_at.is_some_and(|at| now - at <= params.engaged_within_ms));
        contacts.facts.engaged += u32::from(engaged);
    }
    facts.days_since_last = last.map(|at| days_between(at, now));
    facts.days_since_response = last_response.map(|at| days_between(at, now));
    facts.days_since_first_attempt = first_attempt.map(|at| days_between(at, now));
    Ok((facts, contacts.facts))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::{parse_iso8601, DAY_MS};
    use serde_json::json;

    fn params() -> FactParams {
        FactParams {
            trend_window_ms: 14 * DAY_MS,
            engaged_within_ms: 30 * DAY_MS,
            response_types: vec!["meeting".into(), "reply".into()],
            roles: vec!["decision_maker".into(), "champion".into()],
        }
    }

    fn gather(deal: &Value) -> Result<(ActivityFacts, ContactFacts<'_>)> {
        let now = parse_iso8601("2026-11-24").unwrap();
        let fields = DealFields::read(deal.as_object().unwrap());
        activities(&fields, contacts(&fields, &params(), now)?, &params(), now)
    }

    #[test]
    fn counts_windows_and_ignores_scheduled_activities() {
        let deal = json!({"activities": [
            {"type": "email", "at": "2026-11-23"},
            {"type": "call", "at": "2026-11-10T00:00:01Z"},
            {"type": "call", "at": "2026-11-10"},
            {"type": "email", "at": "2026-10-27"},
            {"type": "meeting", "at": "2026-12-01"}
        ]});
        let (a, _) = gather(&deal).unwrap();
        assert_eq!((a.count, a.recent, a.previous), (4, 2, 1));
        assert_eq!(a.days_since_last, Some(1.0));
    }

    #[test]
    fn attempts_after_the_last_response() {
        let deal = json!({"activities": [
            {"type": "Meeting", "at": "2026-10-24"},
            {"type": "email", "at": "2026-10-20"},
            {"type": "email", "at": "2026-11-04"},
            {"type": "call", "at": "2026-11-14"}
        ]});
        let (a, _) = gather(&deal).unwrap();
        assert_eq!(a.days_since_response, Some(31.0));
        assert_eq!(a.attempts_since_response, 2);
        assert_eq!(a.days_since_first_attempt, Some(20.0));
    }

    #[test]
    fn contacts_engagement_and_roles() {
        let deal = json!({
            "contacts": [
                {"name": "Dana", "role": "Champion"},
                {"name": "Lee", "role": "decision maker", "engaged": false},
                {"email": "ops@acme.com", "lastActivityAt": "2026-11-01"},
                {"name": "Old", "lastActivityAt": "2026-09-01"}
            ],
            "activities": [{"type": "call", "at": "2026-11-20", "contact": "Dana"}, {"type": "call", "at": "2026-11-21", "contact": "Lee"}]
        });
        let (a, c) = gather(&deal).unwrap();
        assert_eq!((c.total, c.engaged, c.roles, c.champion), (4, 2, 0b11, Some("Dana")));
        assert_eq!(a.days_since_last, Some(3.0));
    }

    #[test]
    fn bad_entries_name_their_path() {
        let e = gather(&json!({"activities": [{"at": "2026-11-01"}, {"type": "call"}]})).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), ("INVALID_RECORD", "$.activities[1].at"));
        let e = gather(&json!({"activities": [{"at": "2026-11-01"}, {"at": "soon"}]})).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), ("INVALID_DATE", "$.activities[1].at"));
        let e = gather(&json!({"contacts": [{"name": "A"}, {"name": "B", "role": ["champion"]}]})).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), ("INVALID_RECORD", "$.contacts[1].role"));
        let e = gather(&json!({"contacts": ["Dana"]})).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), ("INVALID_RECORD", "$.contacts[0]"));
    }
}
