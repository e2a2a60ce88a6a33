//! A Salesforce Opportunity as a pipescore deal.

use serde_json::Value;

use super::activity::{self, Item};
use super::history;
use super::joins::{self, Joins};
use super::record::{expect, SfRecord};
use crate::crm::build::{self, instant, As, Record};
use crate::crm::FieldMap;
use crate::error::{ErrorKind, Result};
use crate::read;

/// The fields read as they are: (Salesforce field, pipescore field, read as).
const FIELDS: &[(&str, &str, As)] = &[
    ("Id", "id", As::Text),
    ("Name", "name", As::Text),
    ("StageName", "stage", As::Text),
    ("Amount", "amount", As::Number),
    ("CurrencyIsoCode", "currency", As::Text),
    ("CloseDate", "closeDate", As::Date),
    ("CreatedDate", "createdAt", As::Date),
    ("Probability", "probability", As::Percent),
    ("NextStep", "nextStep", As::Text),
    ("LastActivityDate", "lastActivityAt", As::Date),
    ("LeadSource", "source", As::Text),
    ("Type", "dealType", As::Text),
    ("LastStageChangeDate", "stageEnteredAt", As::Date),
    ("LastModifiedDate", "updatedAt", As::Date),
    ("Account.Name", "company", As::Text),
    ("Account.Industry", "industry", As::Text),
];

/// The pipescore fields a deal gets from the adapter (the `fields` option may not name them).
const FILLED: &[&str] = &[
    "id", "name", "stage", "amount", "currency", "closeDate", "createdAt", "probability", "nextStep", "nextStepDate",
    "lastActivityAt", "source", "dealType", "stageEnteredAt", "updatedAt", "company", "industry", "owner", "ownerId",
    "forecastCategory", "outcome", "stageHistory", "closeDateHistory", "amountHistory", "contacts", "activities", "archived",
];

/// Fields that tell an opportunity: one of them must be set.
const ANY_OF: &[&str] = &["StageName", "Amount", "CloseDate", "IsClosed", "IsWon", "Probability", "ForecastCategoryName"];

/// The pipescore field a field-history `Field` names (`StageName` → `stage`).
fn field_of(name: &str) -> Option<&'static str> {
    let special = match name {
        "Owner" | "OwnerId" => Some("owner"),
        "ForecastCategoryName" | "ForecastCategory" => Some("forecastCategory"),
        "Account" | "AccountId" => Some("company"),
        _ => None,
    };
    special.or_else(|| FIELDS.iter().find(|(crm, ..)| *crm == name).map(|(_, field, _)| *field))
}

/// Reads the Opportunity `record`.
pub(crate) fn read<'a>(record: &SfRecord<'a>, joins: &Joins<'a>, fields: &FieldMap) -> Result<Value> {
    fields.check_targets(FILLED, "salesforce.opportunity")?;
    expect(record, &["Opportunity"], "an Opportunity", |kind| match kind {
        "Lead" => "read it with salesforce.lead".to_owned(),
        "OpportunityStage" => "read stages with salesforce.stagesPipeline".to_owned(),
        _ => "salesforce.opportunity reads Opportunity records".to_owned(),
    })?;
    if !record.has_any(ANY_OF) {
        let raw = Value::Null;
        return Err(read::no_known_fields(&raw, &record.path, "This Salesforce Opportunity", ANY_OF));
    }
    let mut out = Record::default();
    record.map(&mut out, FIELDS)?;
    owner(record, &mut out)?;
    deleted(record, &mut out)?;
    for name in ["ForecastCategoryName", "ForecastCategory"] {
        if let Some((raw, path)) = record.plain(name) {
            if let Some(category) = build::forecast_category(raw, ErrorKind::Input, || path.clone())? {
                out.set_default("forecastCategory", Value::String(category.to_owned()));
            }
        }
    }
    let outcome = match (record.boolean("IsClosed")?, record.boolean("IsWon")?) {
        (Some(true), Some(true)) | (None, Some(true)) => Some("won"),
        (Some(true), Some(false)) => Some("lost"),
        (Some(false), _) => Some("open"),
        _ => None,
    };
    if let Some(outcome) = outcome {
        out.set("outcome", Value::String(outcome.to_owned()));
    }
    let id = out.get("id").and_then(Value::as_str).map(str::to_owned);
    let nested = |names: &[&str]| -> Vec<&SfRecord<'a>> { names.iter().filter_map(|n| record.children(n)).flatten().collect() };
    let mut snapshots: Vec<&SfRecord<'a>> = joins.of(&joins.history, id.as_deref()).collect();
    snapshots.extend(nested(&["OpportunityHistories"]));
    let mut changes: Vec<&SfRecord<'a>> = joins.of(&joins.field_history, id.as_deref()).collect();
    changes.extend(nested(&["Histories", "OpportunityFieldHistories"]));
    let since = record.date("CreatedDate")?;
    history::apply(&mut out, &snapshots, &changes, since, fields, &field_of)?;
    contacts(record, &mut out, joins, id.as_deref())?;
    activities(record, &mut out, joins, id.as_deref())?;
    record.carry(&mut out, fields);
    Ok(out.finish())
}

/// `owner` (`Owner.Name` when queried, else `OwnerId`) and `ownerId`.
pub(crate) fn owner(record: &SfRecord<'_>, out: &mut Record) -> Result<()> {
    let id = record.read("OwnerId", As::Text)?;
    let name = record.read("Owner.Name", As::Text)?;
    if let Some(owner) = name.or_else(|| id.clone()) {
        out.set("owner", owner);
    }
    out.set("ownerId", id.unwrap_or(Value::Null));
    Ok(())
}

/// `archived: true` for a deleted record (`IsDeleted`, from `queryAll`).
pub(crate) fn deleted(record: &SfRecord<'_>, out: &mut Record) -> Result<()> {
    if record.boolean("IsDeleted")? == Some(true) {
        out.set("archived", Value::Bool(true));
    }
    Ok(())
}

/// `contacts` from the contact roles given and nested (`OpportunityContactRoles`).
fn contacts(record: &SfRecord<'_>, out: &mut Record, joins: &Joins<'_>, id: Option<&str>) -> Result<()> {
    let nested = record.children("OpportunityContactRoles");
    if !joins.has_roles && nested.is_none() {
        return Ok(());
    }
    let mut list: Vec<Value> = joins.of(&joins.contact_roles, id).cloned().collect();
    for role in nested.unwrap_or_default() {
        list.push(joins::contact(role)?);
    }
    out.set("contacts", Value::Array(list));
    Ok(())
}

/// `activities` from the Tasks and Events given and nested, and `nextStepDate` from the
/// earliest open task.
fn activities(record: &SfRecord<'_>, out: &mut Record, joins: &Joins<'_>, id: Option<&str>) -> Result<()> {
    let lists: Vec<&[SfRecord<'_>]> = ["Tasks", "Events", "ActivityHistories", "OpenActivities"].iter().filter_map(|n| record.children(n)).collect();
    if !joins.has_activities && lists.is_empty() {
        return Ok(());
    }
    let nested = lists.into_iter().flatten();
    let mut done: Vec<Value> = Vec::new();
    let mut next: Option<i64> = None;
    let mut take = |item: &Item| match item {
        Item::Done(value) => done.push(value.clone()),
        Item::Planned(Some(due)) => next = Some(next.map_or(*due, |n| n.min(*due))),
        Item::Planned(None) => {}
    };
    joins.of(&joins.activities, id).for_each(&mut take);
    for row in nested {
        take(&activity::read(row)?);
    }
    if let Some(due) = next {
        out.set_default("nextStepDate", instant(due));
    }
    out.set("activities", Value::Array(done));
    Ok(())
}
