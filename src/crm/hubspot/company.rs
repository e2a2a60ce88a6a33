//! A HubSpot company as a pipescore account.

use serde_json::Value;

use super::joins::{Joined, Joins};
use super::object::{self, Kind};
use crate::crm::build::As;
use crate::crm::FieldMap;
use crate::error::Result;

/// The properties read as they are: (HubSpot property, pipescore field, read as).
const FIELDS: &[(&str, &str, As)] = &[
    ("name", "name", As::Text),
    ("domain", "domain", As::Text),
    ("website", "website", As::Text),
    ("industry", "industry", As::Text),
    ("numberofemployees", "employees", As::AtLeast),
    ("annualrevenue", "annualRevenue", As::AtLeast),
    ("country", "country", As::Text),
    ("city", "city", As::Text),
    ("lifecyclestage", "lifecycleStage", As::Text),
    ("createdate", "createdAt", As::Date),
];

/// The pipescore fields an account gets from the adapter (the `fields` option may not name
/// them).
const FILLED: &[&str] = &[
    "id", "name", "domain", "website", "industry", "employees", "annualRevenue", "country", "city", "lifecycleStage",
    "createdAt", "owner", "ownerId", "updatedAt", "archived",
];

/// Properties that tell a company: one of them must be set.
const ANY_OF: &[&str] = &["name", "domain", "website", "industry", "numberofemployees"];

/// Reads the company `value` at `path` as an account.
pub(crate) fn read(value: &Value, path: String, joins: &Joins<'_>, fields: &FieldMap) -> Result<Value> {
    fields.check_targets(FILLED, "hubspot.company")?;
    let (company, mut record, _) = object::open(value, path, Kind::Company, ANY_OF, "This HubSpot company")?;
    company.map(&mut record, FIELDS)?;
    super::deal::owner(&company, &mut record, joins)?;
    company.stamps(&mut record, "hs_lastmodifieddate")?;
    company.get("hs_object_id");
    company.carry(&mut record, fields)?;
    Ok(record.finish())
}

/// A company given to join deals and contacts, as an account with the deals and contacts its
/// associations name.
pub(crate) fn joined<'a>(value: &'a Value, path: String) -> Result<Joined<'a>> {
    let (company, mut record, id) = object::open(value, path, Kind::Company, ANY_OF, "This HubSpot company")?;
    company.map(&mut record, FIELDS)?;
    Ok(Joined { id, record: record.finish(), deals: company.associated("deals"), contacts: company.associated("contacts") })
}
