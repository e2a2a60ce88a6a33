//! A HubSpot contact as a pipescore lead, and as a deal's contact.

use serde_json::{json, Value};

use super::joins::{Joined, Joins, Link};
use super::object::{self, Kind, Object};
use crate::crm::build::{self, instant, As, Record};
use crate::crm::vocabulary;
use crate::crm::FieldMap;
use crate::error::Result;

/// The properties read as they are: (HubSpot property, pipescore field, read as).
const FIELDS: &[(&str, &str, As)] = &[
    ("email", "email", As::Text),
    ("firstname", "firstName", As::Text),
    ("lastname", "lastName", As::Text),
    ("phone", "phone", As::Text),
    ("jobtitle", "jobTitle", As::Text),
    ("company", "company", As::Text),
    ("industry", "industry", As::Text),
    ("numemployees", "employees", As::AtLeast),
    ("annualrevenue", "annualRevenue", As::AtLeast),
    ("country", "country", As::Text),
    ("hs_analytics_source", "source", As::Text),
    ("lifecyclestage", "lifecycleStage", As::Text),
    ("hs_lead_status", "leadStatus", As::Text),
    ("createdate", "createdAt", As::Date),
    ("hs_email_optout", "unsubscribed", As::Boolean),
    ("notes_last_contacted", "lastActivityAt", As::Date),
    ("hs_analytics_num_page_views", "pageViews", As::Number),
    ("hs_analytics_num_visits", "visits", As::Number),
    ("num_conversion_events", "formSubmissions", As::Number),
    ("hs_email_open", "emailOpens", As::Number),
    ("hs_email_click", "emailClicks", As::Number),
];

/// The funnel dates: (pipescore field, HubSpot lifecycle stage). Each is read from
/// `hs_lifecyclestage_<stage>_date`, else `hs_v2_date_entered_<stage>`, else
/// `hs_date_entered_<stage>`.
const FUNNEL: &[(&str, &str)] = &[
    ("mqlAt", "marketingqualifiedlead"),
    ("sqlAt", "salesqualifiedlead"),
    ("opportunityAt", "opportunity"),
    ("wonAt", "customer"),
];

/// A dated touchpoint: (event type, date property, property whose value the event carries
/// and under which name).
type Touchpoint = (&'static str, &'static str, Option<(&'static str, &'static str)>);

/// The dated touchpoints HubSpot keeps on a contact, as lead events.
const EVENTS: &[Touchpoint] = &[
    ("page_view", "hs_analytics_first_visit_timestamp", Some(("hs_analytics_first_url", "url"))),
    ("page_view", "hs_analytics_last_visit_timestamp", Some(("hs_analytics_last_url", "url"))),
    ("form_submit", "first_conversion_date", Some(("first_conversion_event_name", "name"))),
    ("form_submit", "recent_conversion_date", Some(("recent_conversion_event_name", "name"))),
    ("email_open", "hs_email_first_open_date", None),
    ("email_open", "hs_email_last_open_date", None),
    ("email_click", "hs_email_first_click_date", None),
    ("email_click", "hs_email_last_click_date", None),
    ("meeting_booked", "engagements_last_meeting_booked", None),
];

/// The pipescore fields a lead gets from the adapter (the `fields` option may not name them).
const FILLED: &[&str] = &[
    "id", "email", "firstName", "lastName", "phone", "jobTitle", "company", "industry", "employees", "annualRevenue",
    "country", "source", "lifecycleStage", "leadStatus", "createdAt", "unsubscribed", "lastActivityAt", "pageViews",
    "visits", "formSubmissions", "emailOpens", "emailClicks", "mqlAt", "sqlAt", "opportunityAt", "wonAt",
    "firstContactAt", "owner", "ownerId", "buyingRole", "buyingRoles", "events", "updatedAt", "archived",
];

/// Properties that tell a contact: one of them must be set.
const ANY_OF: &[&str] = &["email", "firstname", "lastname", "jobtitle", "company", "lifecyclestage"];

/// Reads the contact `value` at `path` as a lead.
pub(crate) fn read(value: &Value, path: String, joins: &Joins<'_>, fields: &FieldMap) -> Result<Value> {
    fields.check_targets(FILLED, "hubspot.contact")?;
    let (contact, mut record, id) = object::open(value, path, Kind::Contact, ANY_OF, "This HubSpot contact")?;
    contact.map(&mut record, FIELDS)?;
    super::deal::owner(&contact, &mut record, joins)?;
    for &(field, stage) in FUNNEL {
        let names = [format!("hs_lifecyclestage_{stage}_date"), format!("hs_v2_date_entered_{stage}"), format!("hs_date_entered_{stage}")];
        for name in &names {
            if let Some(at) = contact.read(name, As::Date)? {
                record.set_default(field, at);
            }
        }
    }
    for name in ["hs_first_outreach_date", "hs_sa_first_engagement_date"] {
        if let Some(at) = contact.read(name, As::Date)? {
            record.set_default("firstContactAt", at);
        }
    }
    if let Some(roles) = buying_roles(&contact)? {
        record.set("buyingRole", json!(roles[0]));
        record.set("buyingRoles", json!(roles));
        contact.note_updated(&mut record, "buyingRole", "hs_buying_role")?;
    }
    events(&contact, &mut record)?;
    company(&contact, &mut record, joins, id.as_deref());
    contact.stamps(&mut record, "lastmodifieddate")?;
    contact.get("hs_object_id");
    contact.carry(&mut record, fields)?;
    Ok(record.finish())
}

/// The roles in `hs_buying_role` (a multiple checkbox: `"DECISION_MAKER;CHAMPION"`), in
/// pipescore's words; `None` when it holds none.
fn buying_roles(contact: &Object<'_>) -> Result<Option<Vec<String>>> {
    let Some(raw) = contact.get("hs_buying_role") else { return Ok(None) };
    let Some(text) = build::text(raw, || contact.path_of("hs_buying_role"))? else { return Ok(None) };
    let roles = vocabulary::roles(&text);
    Ok(Some(roles).filter(|r| !r.is_empty()))
}

/// `events`: the dated touchpoints of [`EVENTS`], oldest first, each once (a first and a
/// latest touch at the same instant are one event).
fn events(contact: &Object<'_>, record: &mut Record) -> Result<()> {
    let mut out: Vec<(i64, Value)> = Vec::new();
    for &(kind, date, detail) in EVENTS {
        let Some(raw) = contact.get(date) else { continue };
        let Some(at) = build::date(raw, || contact.path_of(date))? else { continue };
        if out.iter().any(|(t, e)| *t == at && e["type"] == kind) {
            continue;
        }
        let mut event = json!({ "type": kind, "at": instant(at) });
        if let Some((name, field)) = detail {
            if let Some(value) = contact.read(name, As::Text)? {
                event[field] = value;
            }
        }
        out.push((at, event));
    }
    crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
    if !out.is_empty() {
        record.set("events", Value::Array(out.into_iter().map(|(_, e)| e).collect()));
    }
    Ok(())
}

/// The fields of the contact's company (its `associatedcompanyid`, else its associations, else
/// a company whose associations name the contact) that the contact has no value for.
fn company<'a>(contact: &Object<'a>, record: &mut Record, joins: &Joins<'a>, id: Option<&str>) {
    if joins.companies.is_empty() {
        return;
    }
    let primary = contact.get("associatedcompanyid").and_then(Value::as_str).filter(|s| !s.trim().is_empty());
    let forward = primary.map(|p| vec![p]).or_else(|| contact.associated("companies"));
    let found = joins.linked(&joins.companies, forward.as_deref(), id, |c| c.contacts.as_deref()).into_iter().find_map(|link| match link {
        Link::Found(c) => Some(c),
        Link::Only(_) => None,
    });
    let Some(company) = found else { return };
    for (from, to) in [("name", "company"), ("industry", "industry"), ("employees", "employees"), ("annualRevenue", "annualRevenue"), ("country", "country")] {
        if let Some(value) = company.record.get(from) {
            record.set_default(to, value.clone());
        }
    }
}

/// A contact given to join deals, as a deal's contact `{ id, name, email, role, roles?,
/// lastActivityAt }`.
pub(crate) fn for_deal<'a>(value: &'a Value, path: String) -> Result<Joined<'a>> {
    let (contact, mut record, id) = object::open(value, path, Kind::Contact, ANY_OF, "This HubSpot contact")?;
    let first = contact.read("firstname", As::Text)?;
    let last = contact.read("lastname", As::Text)?;
    let name: Vec<&str> = [&first, &last].into_iter().flatten().filter_map(Value::as_str).collect();
    if !name.is_empty() {
        record.set("name", Value::String(name.join(" ")));
    }
    contact.map(&mut record, &[("email", "email", As::Text), ("notes_last_contacted", "lastActivityAt", As::Date)])?;
    if let Some(roles) = buying_roles(&contact)? {
        record.set("role", json!(roles[0]));
        if roles.len() > 1 {
            record.set("roles", json!(roles));
        }
    }
    Ok(Joined { id, record: record.finish(), deals: contact.associated("deals"), contacts: None })
}
