//! The records joined to opportunities (history, field history, contact roles, activities),
//! read once per call and matched by `OpportunityId` (`WhatId` for activities).

use serde_json::Value;

use super::activity::{self, Item};
use super::record::{expect, records, SfRecord};
use super::Options;
use crate::crm::build::{same_id, As, Record};
use crate::crm::vocabulary;
use crate::error::{Error, ErrorCode, Result};

/// A joined record and the opportunity it names.
type Row<T> = (Option<String>, T);

/// Everything joined in one call.
#[derive(Debug, Default)]
pub(crate) struct Joins<'a> {
    /// The call is for one opportunity: records that name none belong to it.
    single: bool,
    pub history: Vec<Row<SfRecord<'a>>>,
    pub field_history: Vec<Row<SfRecord<'a>>>,
    pub contact_roles: Vec<Row<Value>>,
    pub activities: Vec<Row<Item>>,
    /// Whether contact roles were given at all.
    pub has_roles: bool,
    /// Whether activities were given at all.
    pub has_activities: bool,
}

impl<'a> Joins<'a> {
    /// Reads the joins of `options` (`single`: the call is for one opportunity).
    pub(crate) fn new(options: &Options<'a>, single: bool) -> Result<Joins<'a>> {
        let mut joins = Joins { single, has_roles: options.contact_roles.is_some(), has_activities: options.activities.is_some(), ..Joins::default() };
        let rows = |value: Option<&'a Value>, base: &str, what: &str, link: &str| -> Result<Vec<Row<SfRecord<'a>>>> {
            let Some(value) = value else { return Ok(Vec::new()) };
            let mut out = Vec::new();
            for record in records(value, base, what)? {
                let id = record.text(link)?;
                if id.is_none() && !single {
                    let message = format!("{what} need their {link} to be matched to their opportunity; query {link}");
                    return Err(Error::input(ErrorCode::InvalidRecord, record.path.clone(), message));
                }
                out.push((id, record));
            }
            Ok(out)
        };
        joins.history = rows(options.history, "$.history", "OpportunityHistory records", "OpportunityId")?;
        joins.field_history = rows(options.field_history, "$.fieldHistory", "OpportunityFieldHistory records", "OpportunityId")?;
        for (id, role) in rows(options.contact_roles, "$.contactRoles", "OpportunityContactRole records", "OpportunityId")? {
            joins.contact_roles.push((id, contact(&role)?));
        }
        for (id, row) in rows(options.activities, "$.activities", "Tasks and Events", "WhatId")? {
            joins.activities.push((id, activity::read(&row)?));
        }
        Ok(joins)
    }

    /// The rows of `rows` that belong to the opportunity `id`.
    pub(crate) fn of<'j, T>(&self, rows: &'j [Row<T>], id: Option<&str>) -> impl Iterator<Item = &'j T> + 'j {
        let (single, id) = (self.single, id.map(str::to_owned));
        rows.iter().filter(move |(row, _)| match (row, &id) {
            (Some(row), Some(id)) => same_id(row, id),
            _ => single,
        }).map(|(_, item)| item)
    }
}

/// An `OpportunityContactRole` record as a deal's contact `{ id, name, email, title, role,
/// primary, lastActivityAt }`.
pub(crate) fn contact(role: &SfRecord<'_>) -> Result<Value> {
    expect(role, &["OpportunityContactRole"], "an OpportunityContactRole record", |_| "pass OpportunityContactRole records as contactRoles".into())?;
    let mut record = Record::default();
    let id = match role.read("ContactId", As::Text)? {
        Some(id) => Some(id),
        None => role.read("Contact.Id", As::Text)?,
    };
    record.set("id", id.unwrap_or(Value::Null));
    role.map(&mut record, &[
        ("Contact.Name", "name", As::Text),
        ("Contact.Email", "email", As::Text),
        ("Contact.Title", "title", As::Text),
        ("IsPrimary", "primary", As::Boolean),
        ("Contact.LastActivityDate", "lastActivityAt", As::Date),
    ])?;
    if let Some(name) = role.text("Role")? {
        record.set("role", Value::String(vocabulary::role(&name)));
    }
    Ok(record.finish())
}
