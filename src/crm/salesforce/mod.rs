//! Salesforce records as pipescore records: Opportunities as deals (with their history,
//! contact roles, tasks and events), Leads as leads, Tasks and Events as activities, and
//! `OpportunityStage` records as a pipeline config.
//!
//! Records come as REST query results (`{ totalSize, done, records: [{ attributes, … }] }`,
//! relationships nested, subqueries as `{ records }`), UI API records (`{ apiName, fields: {
//! Field: { value, displayValue } } }`), GraphQL responses (`{ uiapi: { query: { Opportunity: {
//! edges: [{ node }] } } } }`) or plain lists of any of those. Datetimes such as
//! `2026-09-14T10:22:31.000+0000` are read as they are. Joined records (history, contact
//! roles, activities) are passed in [`Options`] and matched by `OpportunityId` / `WhatId`, or
//! nested in each opportunity as subqueries (`OpportunityHistories`, `Histories`,
//! `OpportunityContactRoles`, `Tasks`, `Events`, `ActivityHistories`, `OpenActivities`).
//!
//! ```
//! use pipescore::crm::salesforce;
//! use serde_json::json;
//!
//! let query = json!({"totalSize": 1, "done": true, "records": [{
//!     "attributes": {"type": "Opportunity"}, "Id": "006A", "StageName": "Qualification",
//!     "Amount": 15000.0, "CloseDate": "2018-08-22", "CreatedDate": "2018-06-13T17:16:45.000+0000"}]});
//! let history = json!({"totalSize": 2, "done": true, "records": [
//!     {"attributes": {"type": "OpportunityHistory"}, "OpportunityId": "006A", "StageName": "Prospecting",
//!      "CreatedDate": "2018-06-13T17:16:45.000+0000"},
//!     {"attributes": {"type": "OpportunityHistory"}, "OpportunityId": "006A", "StageName": "Qualification",
//!      "CreatedDate": "2018-07-02T09:00:00.000+0000"}]});
//! let options = salesforce::Options { history: Some(&history), ..Default::default() };
//! let deals = salesforce::opportunities(&query, &options).unwrap();
//! assert_eq!(deals[0]["stageHistory"][1], json!({"stage": "Qualification", "enteredAt": "2018-07-02T09:00:00.000Z"}));
//! ```

mod activity;
mod history;
mod joins;
mod lead;
mod opportunity;
mod record;
mod stages;

use serde_json::Value;

use crate::crm::options::{self, FieldMap, Keys};
use crate::error::Result;
use record::records;

pub use stages::standard_pipeline;

/// Joins and field mapping for the Salesforce adapter. Each join is a query result, GraphQL
/// response or list; its records are matched to opportunities by `OpportunityId` (`WhatId`
/// for activities). For a single opportunity ([`opportunity`]), records without that field
/// all belong to it.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// `OpportunityHistory` records: the stage, close-date and amount histories.
    pub history: Option<&'a Value>,
    /// `OpportunityFieldHistory` records: the histories when `history` has none for an
    /// opportunity, and when every tracked field last changed (`fieldUpdatedAt`).
    pub field_history: Option<&'a Value>,
    /// `OpportunityContactRole` records (with `Contact.Name`, `Contact.Email` when queried):
    /// the opportunity's `contacts` with their roles.
    pub contact_roles: Option<&'a Value>,
    /// `Task` and `Event` (or `ActivityHistory`) records: the opportunity's `activities`;
    /// open tasks give `nextStepDate`.
    pub activities: Option<&'a Value>,
    /// Salesforce fields (`Budget__c`, or through a relationship `Account.Website`) to carry
    /// under a pipescore field of the caller's choosing instead of under `custom`.
    pub fields: FieldMap,
}

struct SalesforceKeys;

impl Keys for SalesforceKeys {
    const KNOWN: &'static [&'static str] = &["history", "fieldHistory", "contactRoles", "activities", "fields"];
}

impl<'a> Options<'a> {
    /// Reads options as JS passes them: `{ history?, fieldHistory?, contactRoles?, activities?,
    /// fields? }`; `null` is no options. An unknown key is an error.
    pub fn from_json(options: &'a Value) -> Result<Options<'a>> {
        let given = options::read::<SalesforceKeys>(options)?;
        let (history, field_history) = (given.get("history"), given.get("fieldHistory"));
        let (contact_roles, activities) = (given.get("contactRoles"), given.get("activities"));
        Ok(Options { history, field_history, contact_roles, activities, fields: given.fields })
    }

    /// Fails with `INVALID_OPTION` when a join is given to a function that reads none.
    fn no_joins(&self, function: &str) -> Result<()> {
        let given = [("history", self.history), ("fieldHistory", self.field_history), ("contactRoles", self.contact_roles), ("activities", self.activities)];
        options::only(function, &given, &[], "it joins opportunities")
    }
}

/// One Opportunity as a pipescore deal. Errors: `INVALID_RECORD` (not an Opportunity, none of
/// the fields pipescore reads, a joined record that can't be matched), `INVALID_NUMBER` /
/// `INVALID_DATE` / `INVALID_BOOLEAN` / `INVALID_TEXT` at the field's path, `UNKNOWN_VALUE`
/// (a forecast category pipescore does not know), `INVALID_OPTION`.
pub fn opportunity(record: &Value, options: &Options<'_>) -> Result<Value> {
    let joins = joins::Joins::new(options, true)?;
    let record = record::SfRecord::new(record, "$".to_owned(), None)?;
    opportunity::read(&record, &joins, &options.fields)
}

/// Every Opportunity of a query result (or GraphQL response, or list), in order. A record of
/// another type is an `INVALID_RECORD` error at its path (`$.records[3]`).
pub fn opportunities(result: &Value, options: &Options<'_>) -> Result<Vec<Value>> {
    let joins = joins::Joins::new(options, false)?;
    records(result, "$", "opportunities")?.iter().map(|r| opportunity::read(r, &joins, &options.fields)).collect()
}

/// One Lead as a pipescore lead (the default lead model's fields and the funnel dates).
/// Errors as [`opportunity`]'s.
pub fn lead(record: &Value, options: &Options<'_>) -> Result<Value> {
    options.no_joins("salesforce.lead")?;
    let record = record::SfRecord::new(record, "$".to_owned(), None)?;
    lead::read(&record, &options.fields)
}

/// Every Lead of a query result (or GraphQL response, or list), in order.
pub fn leads(result: &Value, options: &Options<'_>) -> Result<Vec<Value>> {
    options.no_joins("salesforce.leads")?;
    records(result, "$", "leads")?.iter().map(|r| lead::read(r, &options.fields)).collect()
}

/// Task and Event (or ActivityHistory) records as pipescore activities `{ id, type, at,
/// contact?, subject? }`, in order: `type` is `inbound_call` (`CallType` Inbound), `call`,
/// `email`, `meeting` (an Event, or a Task of type Meeting) or `task`; `at` is
/// `CompletedDateTime`, else `ActivityDate`, else `CreatedDate` for a task, `StartDateTime`
/// (else `ActivityDateTime`, `ActivityDate`) for an event. Open tasks (`IsClosed` false) are
/// plans, not activities, and are left out.
pub fn activities(result: &Value) -> Result<Vec<Value>> {
    let mut out = Vec::new();
    for record in records(result, "$", "activities")? {
        if let activity::Item::Done(value) = activity::read(&record)? {
            out.push(value);
        }
    }
    Ok(out)
}

/// `OpportunityStage` records (a REST query of `ApiName, MasterLabel, DefaultProbability,
/// ForecastCategoryName, IsActive, IsClosed, IsWon, SortOrder`) as a pipeline config for
/// [`crate::gates::Pipeline::compile`]: active stages by `SortOrder`, open ones first, ids
/// the API names (what `StageName` holds), probabilities 0–1. `overlay` (`null` for none)
/// adds exit criteria, guidance and expected days by stage (see `docs/crm.md`), and may set
/// the pipeline's `id` and `label` (default `salesforce`, "Salesforce opportunities").
pub fn stages_pipeline(result: &Value, overlay: &Value) -> Result<Value> {
    stages::pipeline(result, overlay)
}
