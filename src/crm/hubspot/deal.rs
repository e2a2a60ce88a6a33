//! A HubSpot deal as a pipescore deal.

use std::collections::BTreeMap;

use serde_json::Value;

use super::engagement::EngagementKind;
use super::joins::{Joins, Link};
use super::object::{self, Kind, Object};
use crate::crm::build::{self, instant, As, Record};
use crate::crm::FieldMap;
use crate::error::{ErrorKind, Result};

/// The properties read as they are: (HubSpot property, pipescore field, read as).
const FIELDS: &[(&str, &str, As)] = &[
    ("dealname", "name", As::Text),
    ("pipeline", "pipeline", As::Text),
    ("dealstage", "stage", As::Text),
    ("amount", "amount", As::Number),
    ("deal_currency_code", "currency", As::Text),
    ("closedate", "closeDate", As::Date),
    ("createdate", "createdAt", As::Date),
    ("hs_deal_stage_probability", "probability", As::Number),
    ("hs_next_step", "nextStep", As::Text),
    ("notes_next_activity_date", "nextStepDate", As::Date),
    ("notes_last_contacted", "lastActivityAt", As::Date),
    ("num_associated_contacts", "contactCount", As::Number),
    ("hs_analytics_source", "source", As::Text),
    ("dealtype", "dealType", As::Text),
    ("closed_lost_reason", "lossReason", As::Text),
];

/// The pipescore fields a deal gets from the adapter (the `fields` option may not name them).
pub(crate) const FILLED: &[&str] = &[
    "id", "name", "pipeline", "stage", "amount", "currency", "closeDate", "createdAt", "probability", "nextStep",
    "nextStepDate", "lastActivityAt", "contactCount", "source", "dealType", "lossReason", "owner", "ownerId",
    "forecastCategory", "outcome", "stageEnteredAt", "stageHistory", "closeDateHistory", "amountHistory", "contacts",
    "company", "industry", "activities", "updatedAt", "archived",
];

/// Properties that tell a deal: one of them must be set.
const ANY_OF: &[&str] = &["dealname", "dealstage", "pipeline", "amount", "closedate"];

/// Reads the deal `value` at `path`.
pub(crate) fn read(value: &Value, path: String, joins: &Joins<'_>, fields: &FieldMap) -> Result<Value> {
    fields.check_targets(FILLED, "hubspot.deal")?;
    let (deal, mut record, id) = object::open(value, path, Kind::Deal, ANY_OF, "This HubSpot deal")?;
    deal.map(&mut record, FIELDS)?;
    owner(&deal, &mut record, joins)?;
    for name in ["hs_manual_forecast_category", "hs_forecast_category"] {
        if let Some(raw) = deal.get(name) {
            if let Some(category) = build::forecast_category(raw, ErrorKind::Input, || deal.path_of(name))? {
                record.set_default("forecastCategory", Value::String(category.to_owned()));
                deal.note_updated(&mut record, "forecastCategory", name)?;
            }
        }
    }
    outcome(&deal, &mut record)?;
    stages(&deal, &mut record)?;
    history(&deal, &mut record, "closedate", "closeDateHistory", "closeDate", As::Date)?;
    history(&deal, &mut record, "amount", "amountHistory", "amount", As::Number)?;
    joined(&deal, &mut record, joins, id.as_deref());
    deal.stamps(&mut record, "hs_lastmodifieddate")?;
    deal.get("hs_object_id");
    deal.carry(&mut record, fields)?;
    Ok(record.finish())
}

/// `owner` (the owner's name when the owners were given, else the id) and `ownerId` from
/// `hubspot_owner_id`.
pub(crate) fn owner(object: &Object<'_>, record: &mut Record, joins: &Joins<'_>) -> Result<()> {
    let Some(raw) = object.get("hubspot_owner_id") else { return Ok(()) };
    let Some(id) = build::text(raw, || object.path_of("hubspot_owner_id"))? else { return Ok(()) };
    record.set("owner", Value::String(joins.owner(&id).unwrap_or(&id).to_owned()));
    record.set("ownerId", Value::String(id));
    object.note_updated(record, "owner", "hubspot_owner_id")
}

/// `outcome` from `hs_is_closed_won`, `hs_is_closed_lost` and `hs_is_closed`, when they say.
fn outcome(deal: &Object<'_>, record: &mut Record) -> Result<()> {
    let flag = |name: &str| -> Result<Option<bool>> {
        match deal.get(name) {
            Some(raw) => build::boolean(raw, || deal.path_of(name)),
            None => Ok(None),
        }
    };
    let (won, lost, closed) = (flag("hs_is_closed_won")?, flag("hs_is_closed_lost")?, flag("hs_is_closed")?);
    let outcome = match (won, lost, closed) {
        (Some(true), ..) => "won",
        (_, Some(true), _) | (Some(false), _, Some(true)) => "lost",
        (_, _, Some(false)) | (Some(false), Some(false), None) => "open",
        _ => return Ok(()),
    };
    record.set("outcome", Value::String(outcome.to_owned()));
    Ok(())
}

/// `stageHistory` and `stageEnteredAt`: from the history of `dealstage` when the payload has
/// it, else from the per-stage "date entered" properties (`hs_v2_date_entered_<stage>`, else
/// `hs_date_entered_<stage>`, with `-` in the stage id written `_`). Repeats of one stage in a
/// row are one entry.
fn stages(deal: &Object<'_>, record: &mut Record) -> Result<()> {
    let current = record.get("stage").and_then(Value::as_str).map(str::to_owned);
    let mut entries: Vec<(i64, String)> = Vec::new();
    for (at, value, path) in deal.history("dealstage")? {
        if let Some(stage) = build::text(value, || path.clone())? {
            if entries.last().map_or(true, |(_, last)| *last != stage) {
                entries.push((at, stage));
            }
        }
    }
    let mut entered: BTreeMap<String, i64> = BTreeMap::new();
    let mut entered_current = None;
    for prefix in ["hs_v2_date_entered_", "hs_date_entered_"] {
        for (name, raw) in deal.with_prefix(prefix) {
            let Some(at) = build::date(raw, || deal.path_of(name))? else { continue };
            let suffix = &name[prefix.len()..];
            if suffix == "current_stage" {
                entered_current = entered_current.or(Some(at));
                continue;
            }
            let stage = match &current {
                Some(c) if c.replace('-', "_") == suffix => c.clone(),
                _ => suffix.to_owned(),
            };
            entered.entry(stage).or_insert(at);
        }
    }
    for prefix in ["hs_date_exited_", "hs_v2_date_exited_", "hs_time_in_", "hs_v2_time_in_", "hs_v2_cumulative_time_in_", "hs_v2_latest_time_in_"] {
        deal.with_prefix(prefix);
    }
    let entered_current = entered_current.or_else(|| current.as_ref().and_then(|c| entered.get(c).copied()));
    if entries.is_empty() {
        entries = entered.into_iter().map(|(stage, at)| (at, stage)).collect();
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
    }
    if let Some(at) = entered_current {
        record.set("stageEnteredAt", instant(at));
    }
    if !entries.is_empty() {
        let list = entries.into_iter().map(|(at, stage)| serde_json::json!({"stage": stage, "enteredAt": instant(at)})).collect();
        record.set("stageHistory", Value::Array(list));
    }
    Ok(())
}

/// `<list>: [{ <field>, changedAt }]` from the history of property `name`, oldest first;
/// blank values (a cleared field) are left out.
fn history(deal: &Object<'_>, record: &mut Record, name: &str, list: &str, field: &str, kind: As) -> Result<()> {
    let mut out = Vec::new();
    for (at, value, path) in deal.history(name)? {
        if let Some(value) = build::value(value, kind, || path.clone())? {
            let mut entry = serde_json::Map::new();
            entry.insert(field.to_owned(), value);
            entry.insert("changedAt".to_owned(), instant(at));
            out.push(Value::Object(entry));
        }
    }
    if !out.is_empty() {
        record.set(list, Value::Array(out));
    }
    Ok(())
}

/// The joined contacts, company and engagements.
fn joined<'a>(deal: &Object<'a>, record: &mut Record, joins: &Joins<'a>, id: Option<&str>) {
    let forward = deal.associated("contacts");
    let contacts = joins.linked(&joins.contacts, forward.as_deref(), id, |c| c.deals.as_deref());
    if forward.is_some() || !contacts.is_empty() {
        let list = contacts
            .into_iter()
            .map(|link| match link {
                Link::Found(c) => c.record.clone(),
                Link::Only(id) => serde_json::json!({ "id": id }),
            })
            .collect();
        record.set("contacts", Value::Array(list));
    }
    let forward = deal.associated("companies");
    let company = joins.linked(&joins.companies, forward.as_deref(), id, |c| c.deals.as_deref()).into_iter().find_map(|link| match link {
        Link::Found(c) => Some(c),
        Link::Only(_) => None,
    });
    if let Some(company) = company {
        for (from, to) in [("name", "company"), ("industry", "industry")] {
            if let Some(value) = company.record.get(from) {
                record.set_default(to, value.clone());
            }
        }
    }
    if joins.has_engagements {
        let forward: Vec<(EngagementKind, Vec<&'a str>)> =
            EngagementKind::ALL.iter().filter_map(|(kind, group, _)| deal.associated(group).map(|ids| (*kind, ids))).collect();
        let activities = joins.activities(&forward, !forward.is_empty(), id);
        record.set("activities", Value::Array(activities));
    }
}
