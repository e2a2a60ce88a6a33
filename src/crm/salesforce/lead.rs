//! A Salesforce Lead as a pipescore lead.

use serde_json::Value;

use super::opportunity::{deleted, owner};
use super::record::{expect, SfRecord};
use crate::crm::build::{instant, As, Record};
use crate::crm::FieldMap;
use crate::error::Result;
use crate::read;

/// The fields read as they are: (Salesforce field, pipescore field, read as).
const FIELDS: &[(&str, &str, As)] = &[
    ("Id", "id", As::Text),
    ("Name", "name", As::Text),
    ("FirstName", "firstName", As::Text),
    ("LastName", "lastName", As::Text),
    ("Email", "email", As::Text),
    ("Phone", "phone", As::Text),
    ("Title", "jobTitle", As::Text),
    ("Company", "company", As::Text),
    ("Industry", "industry", As::Text),
    ("NumberOfEmployees", "employees", As::AtLeast),
    ("AnnualRevenue", "annualRevenue", As::AtLeast),
    ("Country", "country", As::Text),
    ("CountryCode", "country", As::Text),
    ("LeadSource", "source", As::Text),
    ("Status", "status", As::Text),
    ("Rating", "rating", As::Text),
    ("HasOptedOutOfEmail", "unsubscribed", As::Boolean),
    ("LastActivityDate", "lastActivityAt", As::Date),
    ("IsConverted", "converted", As::Boolean),
    ("CreatedDate", "createdAt", As::Date),
    ("LastModifiedDate", "updatedAt", As::Date),
];

/// The pipescore fields a lead gets from the adapter (the `fields` option may not name them).
const FILLED: &[&str] = &[
    "id", "name", "firstName", "lastName", "email", "phone", "jobTitle", "company", "industry", "employees",
    "annualRevenue", "country", "source", "status", "rating", "hot", "unsubscribed", "lastActivityAt", "converted",
    "sqlAt", "opportunityAt", "firstContactAt", "owner", "ownerId", "createdAt", "updatedAt", "archived",
];

/// Fields that tell a lead: one of them must be set.
const ANY_OF: &[&str] = &["Company", "Email", "LastName", "Title", "Status", "LeadSource", "Name"];

/// Reads the Lead `record`.
pub(crate) fn read(record: &SfRecord<'_>, fields: &FieldMap) -> Result<Value> {
    fields.check_targets(FILLED, "salesforce.lead")?;
    expect(record, &["Lead"], "a Lead", |kind| match kind {
        "Opportunity" => "read it with salesforce.opportunity".to_owned(),
        _ => "salesforce.lead reads Lead records".to_owned(),
    })?;
    if !record.has_any(ANY_OF) {
        return Err(read::no_known_fields(&Value::Null, &record.path, "This Salesforce Lead", ANY_OF));
    }
    let mut out = Record::default();
    for &(name, field, kind) in FIELDS {
        if let Some(value) = record.read(name, kind)? {
            out.set_default(field, value);
        }
    }
    owner(record, &mut out)?;
    deleted(record, &mut out)?;
    if let Some(rating) = out.get("rating").and_then(Value::as_str) {
        let hot = read::stage_key(rating) == "hot";
        out.set("hot", Value::Bool(hot));
    }
    if record.boolean("IsConverted")? == Some(true) {
        if let Some(at) = record.read("ConvertedDate", As::Date)? {
            out.set("sqlAt", at.clone());
            if record.text("ConvertedOpportunityId")?.is_some() {
                out.set("opportunityAt", at);
            }
        }
    }
    let first_touch = [record.date("FirstCallDateTime")?, record.date("FirstEmailDateTime")?].into_iter().flatten().min();
    if let Some(at) = first_touch {
        out.set("firstContactAt", instant(at));
    }
    record.carry(&mut out, fields);
    Ok(out.finish())
}
