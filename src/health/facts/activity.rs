//! Facts from `activities`, `contacts` and `lastActivityAt`: recency, the activity trend,
//! buyer responses, engaged contacts and buyer roles. Activities dated after `now` are
//! scheduled, not done, and are left out.
//!
//! Reading ([`read`]) validates the lists and parses their dates once; [`facts`] then counts
//! relative to `now` and the config.

use serde_json::Value;

use super::{normalized, owned, FactParams, Text};
use crate::error::Result;
use crate::health::record::{self, ActivityFields, ContactFields, DealFields};
use crate::path::{index, key};
use crate::time::days_between;
use crate::sort::sort_by;

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

/// A contact, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Contact<'a> {
    /// `role`, normalized.
    role: Option<Text<'a>>,
    /// `engaged`.
    engaged: Option<bool>,
    /// `lastActivityAt`.
    last_at: Option<i64>,
    /// When the activities naming the contact happened, latest first.
    activity_at: Vec<i64>,
}

/// An activity, read.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Activity<'a> {
    /// `at`.
    at: i64,
    /// `type`, normalized.
    kind: Option<Text<'a>>,
}

/// The activities and contacts of a deal, read.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Engagement<'a> {
    contacts: Vec<Contact<'a>>,
    activities: Vec<Activity<'a>>,
    /// The deal's `lastActivityAt`.
    last_at: Option<i64>,
    /// The first contact with the champion role that has a name (else its email).
    champion: Option<Text<'a>>,
}

impl Engagement<'_> {
    /// The same, owning its text.
    pub(crate) fn into_owned(self) -> Engagement<'static> {
        Engagement {
            contacts: self
                .contacts
                .into_iter()
                .map(|c| Contact { role: c.role.map(owned), engaged: c.engaged, last_at: c.last_at, activity_at: c.activity_at })
                .collect(),
            activities: self.activities.into_iter().map(|a| Activity { at: a.at, kind: a.kind.map(owned) }).collect(),
            last_at: self.last_at,
            champion: self.champion.map(owned),
        }
    }
}

/// Reads `contacts`, then `activities` and `lastActivityAt`, and matches each activity to the
/// contacts it names (by their id, name or email).
pub(crate) fn read<'a>(deal: &DealFields<'a>) -> Result<Engagement<'a>> {
    let contact_items = record::list(deal.contacts, "contacts", || "$.contacts".into())?;
    let mut out = Engagement { contacts: Vec::with_capacity(contact_items.len()), ..Engagement::default() };
    for (i, item) in contact_items.iter().enumerate() {
        let path = || index("$.contacts", i);
        let contact = ContactFields::read(record::object(item, "a contact", path)?);
        let name = record::text(contact.name, "a contact's name", || key(&path(), "name"))?;
        let email = record::text(contact.email, "a contact's email", || key(&path(), "email"))?;
        let engaged = record::flag(contact.engaged, "engaged", || key(&path(), "engaged"))?;
        let last_at =
            record::instant(contact.last_activity_at, "a contact's lastActivityAt", || key(&path(), "lastActivityAt"))?;
        let role = record::text(contact.role, "a contact's role", || key(&path(), "role"))?.map(normalized);
        if out.champion.is_none() && role.as_deref() == Some("champion") {
            out.champion = name.or(email).map(Text::Borrowed);
        }
        out.contacts.push(Contact { role, engaged, last_at, activity_at: Vec::new() });
    }
    // What an activity's `contact` may name, per contact: its id, name and email (the contacts
    // are valid by now); looked up when an activity first names one.
    let mut keys: Option<Vec<[Option<&'a str>; 3]>> = None;
    let keys_of = |item: &'a Value| {
        let c = item.as_object().map(ContactFields::read).unwrap_or_default();
        let text = |v: Option<&'a Value>| v.and_then(Value::as_str).filter(|s| !s.trim().is_empty());
        [c.id.and_then(Value::as_str), text(c.name), text(c.email)]
    };
    let items = record::list(deal.activities, "activities", || "$.activities".into())?;
    out.last_at = record::instant(deal.last_activity_at, "lastActivityAt", || "$.lastActivityAt".into())?;
    out.activities.reserve_exact(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = || index("$.activities", i);
        let activity = ActivityFields::read(record::object(item, "an activity", path)?);
        let Some(at) = record::instant(activity.at, "an activity's at", || key(&path(), "at"))? else {
            return Err(record::invalid(key(&path(), "at"), "an activity needs the date it happened (at)".into()));
        };
        let kind = record::text(activity.kind, "an activity's type", || key(&path(), "type"))?;
        let named = record::text(activity.contact, "an activity's contact", || key(&path(), "contact"))?;
        if let Some(name) = named {
            let keys = keys.get_or_insert_with(|| contact_items.iter().map(keys_of).collect());
            for (c, keys) in out.contacts.iter_mut().zip(keys.iter()) {
                if keys.contains(&Some(name)) {
                    c.activity_at.push(at);
                }
            }
        }
        out.activities.push(Activity { at, kind: kind.map(normalized) });
    }
    for c in &mut out.contacts {
        sort_by(&mut c.activity_at, |a, b| b.cmp(a));
    }
    Ok(out)
}

/// Counts the activities and contacts at `now`.
pub(crate) fn facts<'a>(read: &'a Engagement<'_>, params: &FactParams, now: i64) -> (ActivityFacts, ContactFacts<'a>) {
    let window = params.trend_window_ms;
    let is_response = |a: &Activity<'_>| a.kind.as_deref().is_some_and(|k| params.response_types.iter().any(|t| t == k));
    let mut facts = ActivityFacts::default();
    let mut last = read.last_at.filter(|&at| at <= now);
    let mut last_response: Option<i64> = None;
    for a in read.activities.iter().filter(|a| a.at <= now) {
        facts.count += 1;
        last = last.max(Some(a.at));
        let age = now - a.at;
        if age < window {
            facts.recent += 1;
        } else if age < window.saturating_mul(2) {
            facts.previous += 1;
        }
        if is_response(a) {
            last_response = last_response.max(Some(a.at));
        }
    }
    let mut first_attempt: Option<i64> = None;
    for a in &read.activities {
        if a.at <= now && last_response.map_or(true, |r| a.at > r) && !is_response(a) {
            facts.attempts_since_response += 1;
            first_attempt = Some(first_attempt.map_or(a.at, |f| f.min(a.at)));
        }
    }
    let mut contacts = ContactFacts {
        total: read.contacts.len() as u32,
        champion: read.champion.as_deref(),
        ..ContactFacts::default()
    };
    for c in &read.contacts {
        let active = c.activity_at.iter().copied().find(|&at| at <= now);
        let c_last = c.last_at.filter(|&at| at <= now).max(active);
        last = last.max(c_last);
        let engaged = c.engaged.unwrap_or_else(|| c_last.is_some_and(|at| now - at <= params.engaged_within_ms));
        contacts.engaged += u32::from(engaged);
        if let Some(role) = c.role.as_deref() {
            for (bit, wanted) in params.roles.iter().enumerate() {
                if role == wanted {
                    contacts.roles |= 1 << bit;
                }
            }
        }
    }
    facts.days_since_last = last.map(|at| days_between(at, now));
    facts.days_since_response = last_response.map(|at| days_between(at, now));
    facts.days_since_first_attempt = first_attempt.map(|at| days_between(at, now));
    (facts, contacts)
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

    /// The contacts' total, engaged, roles and champion.
    type ContactSummary = (u32, u32, u64, Option<String>);

    fn gather(deal: &Value) -> Result<(ActivityFacts, ContactSummary)> {
        let now = parse_iso8601("2026-11-24").unwrap();
        let read = read(&DealFields::read(deal.as_object().unwrap()))?;
        let (a, c) = facts(&read, &params(), now);
        Ok((a, (c.total, c.engaged, c.roles, c.champion.map(str::to_owned))))
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
        assert_eq!(c, (4, 2, 0b11, Some("Dana".to_owned())));
        assert_eq!(a.days_since_last, Some(3.0));
    }

    #[test]
    fn a_scheduled_activity_does_not_engage_its_contact() {
        let deal = json!({
            "contacts": [{"name": "Dana"}],
            "activities": [{"type": "call", "at": "2026-12-20", "contact": "Dana"}, {"type": "call", "at": "2026-09-01", "contact": "Dana"}]
        });
        let (a, c) = gather(&deal).unwrap();
        assert_eq!((c.1, a.days_since_last), (0, Some(84.0)));
    }

    #[test]
    fn bad_entries_name_their_path() {
        let e = gather(&json!({"activities": [{"at": "2026-11-01"}, {"type": "call"}]})).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_RECORD", "$.activities[1].at"));
        let e = gather(&json!({"activities": [{"at": "2026-11-01"}, {"at": "soon"}]})).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_DATE", "$.activities[1].at"));
        let e = gather(&json!({"contacts": [{"name": "A"}, {"name": "B", "role": ["champion"]}]})).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_RECORD", "$.contacts[1].role"));
        let e = gather(&json!({"contacts": ["Dana"]})).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_RECORD", "$.contacts[0]"));
    }
}
