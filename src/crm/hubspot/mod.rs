//! HubSpot CRM v3 objects as pipescore records: deals as deals, contacts as leads, companies
//! as accounts, engagements as activities, and the pipelines API's response as a pipeline
//! config.
//!
//! An object is `{ id, properties, propertiesWithHistory?, associations?, createdAt,
//! updatedAt, archived }` with every property sent as text (`"amount": "50000.00"`); a list is
//! a page `{ results, paging? }` (a batch or search response too) or a plain list. Joins
//! (a deal's contacts, company and engagements; a contact's company; owners' names) are passed
//! in [`Options`] and matched through the `associations` either side carries.
//!
//! ```
//! use pipescore::crm::hubspot;
//! use serde_json::json;
//!
//! let contact = json!({"id": "51", "properties": {"email": "ada@acme.io", "jobtitle": "VP Sales",
//!     "numemployees": "100-500", "country": "United States", "industry": "COMPUTER_SOFTWARE",
//!     "hs_buying_role": "DECISION_MAKER;CHAMPION"}});
//! let lead = hubspot::contact(&contact, &hubspot::Options::default()).unwrap();
//! assert_eq!(lead["jobTitle"], json!("VP Sales"));
//! assert_eq!(lead["employees"], json!(100)); // a range reads as its lower bound
//! assert_eq!(lead["buyingRole"], json!("decision_maker"));
//! ```

mod company;
mod contact;
mod deal;
mod engagement;
mod joins;
mod object;
mod pipeline;

use serde_json::Value;

use crate::crm::options::{self, FieldMap, Keys};
use crate::error::Result;
use object::items;

pub use pipeline::default_pipeline;

/// Joins and field mapping for the HubSpot adapter. Each join is a list page or a list of
/// HubSpot objects; an object joins a record when the record's `associations` name it or its
/// own `associations` name the record. For a single deal or contact ([`deal`], [`contact`]),
/// objects given when neither side carries associations of that kind all join it.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// Contacts, joined to deals as the deal's `contacts` (`{ id, name, email, role, roles?,
    /// lastActivityAt }`). A deal's associated contacts not given here are listed by id alone.
    pub contacts: Option<&'a Value>,
    /// Companies, joined to deals (`company`, `industry`) and to contacts (the company's name,
    /// industry, head count, revenue and country where the contact has none).
    pub companies: Option<&'a Value>,
    /// Engagements (calls, emails, meetings, notes, tasks), joined to deals as `activities`:
    /// a page or list, or an object of pages by kind `{ calls, emails, meetings, notes, tasks }`.
    pub engagements: Option<&'a Value>,
    /// The owners API's response (`GET /crm/v3/owners`), so that `owner` is the owner's name
    /// rather than the id in `hubspot_owner_id` (kept as `ownerId`).
    pub owners: Option<&'a Value>,
    /// CRM properties to carry under a pipescore field of the caller's choosing instead of
    /// under `custom` (see [`FieldMap`]).
    pub fields: FieldMap,
}

struct HubSpotKeys;

impl Keys for HubSpotKeys {
    const KNOWN: &'static [&'static str] = &["contacts", "companies", "engagements", "owners", "fields"];
}

impl<'a> Options<'a> {
    /// Reads options as JS passes them: `{ contacts?, companies?, engagements?, owners?,
    /// fields? }`; `null` is no options. An unknown key is an error.
    pub fn from_json(options: &'a Value) -> Result<Options<'a>> {
        let given = options::read::<HubSpotKeys>(options)?;
        let (contacts, companies, engagements, owners) = (given.get("contacts"), given.get("companies"), given.get("engagements"), given.get("owners"));
        Ok(Options { contacts, companies, engagements, owners, fields: given.fields })
    }

    /// Fails with `INVALID_OPTION` when a join is given that `function` does not read.
    fn only(&self, function: &str, allowed: &[&str]) -> Result<()> {
        let given = [("contacts", self.contacts), ("companies", self.companies), ("engagements", self.engagements), ("owners", self.owners)];
        options::only(function, &given, allowed, "they join deals (contacts, companies, engagements) and contacts (companies)")
    }
}

/// One HubSpot deal as a pipescore deal. Errors: `INVALID_RECORD` (not a HubSpot deal, or none
/// of the deal properties pipescore reads), `INVALID_NUMBER` / `INVALID_DATE` /
/// `INVALID_BOOLEAN` / `INVALID_TEXT` at the property's path, `UNKNOWN_VALUE` (a forecast
/// category pipescore does not know), `INVALID_OPTION`.
pub fn deal(record: &Value, options: &Options<'_>) -> Result<Value> {
    let joins = joins::Joins::new(options, true)?;
    deal::read(record, "$".to_owned(), &joins, &options.fields)
}

/// Every deal of a list page (or list), in order; the first error fails the call, with the
/// record's path (`$.results[3].properties.amount`).
pub fn deals(page: &Value, options: &Options<'_>) -> Result<Vec<Value>> {
    let joins = joins::Joins::new(options, false)?;
    items(page, "$", "deals")?.into_iter().map(|(item, path)| deal::read(item, path, &joins, &options.fields)).collect()
}

/// One HubSpot contact as a pipescore lead (the default lead model's fields, the funnel dates
/// metrics reads, dated touchpoints as `events`). Errors as [`deal`]'s.
pub fn contact(record: &Value, options: &Options<'_>) -> Result<Value> {
    options.only("hubspot.contact", &["companies", "owners"])?;
    let joins = joins::Joins::new(options, true)?;
    contact::read(record, "$".to_owned(), &joins, &options.fields)
}

/// Every contact of a list page (or list) as a lead, in order.
pub fn contacts(page: &Value, options: &Options<'_>) -> Result<Vec<Value>> {
    options.only("hubspot.contacts", &["companies", "owners"])?;
    let joins = joins::Joins::new(options, false)?;
    items(page, "$", "contacts")?.into_iter().map(|(item, path)| contact::read(item, path, &joins, &options.fields)).collect()
}

/// One HubSpot company as a pipescore account (`{ id, name, domain, industry, employees,
/// annualRevenue, country, … }`). Errors as [`deal`]'s.
pub fn company(record: &Value, options: &Options<'_>) -> Result<Value> {
    options.only("hubspot.company", &["owners"])?;
    let joins = joins::Joins::new(options, true)?;
    company::read(record, "$".to_owned(), &joins, &options.fields)
}

/// Every company of a list page (or list) as an account, in order.
pub fn companies(page: &Value, options: &Options<'_>) -> Result<Vec<Value>> {
    options.only("hubspot.companies", &["owners"])?;
    let joins = joins::Joins::new(options, false)?;
    items(page, "$", "companies")?.into_iter().map(|(item, path)| company::read(item, path, &joins, &options.fields)).collect()
}

/// One engagement (call, email, meeting, note or task) as a pipescore activity `{ id, type,
/// at, contact?, subject? }`: `type` is `call` / `inbound_call` (`hs_call_direction`
/// INBOUND), `email` / `email_received` (`hs_email_direction` INCOMING_EMAIL), `meeting` /
/// `no_show` / `meeting_canceled` (`hs_meeting_outcome`), `note` or `task`; `at` is
/// `hs_timestamp`. `None` for a task that is not completed. Errors: `INVALID_RECORD` (not an
/// engagement, no `hs_timestamp`, or a kind that can't be told).
pub fn engagement(record: &Value) -> Result<Option<Value>> {
    Ok(engagement::read(record, "$".to_owned(), None)?.map(|e| e.activity))
}

/// The activities of engagements given as a page, a list, or pages by kind `{ calls, emails,
/// meetings, notes, tasks }`, in order; tasks not completed are left out.
pub fn engagements(engagements: &Value) -> Result<Vec<Value>> {
    Ok(joins::engagements(engagements, "$")?.into_iter().map(|e| e.activity).collect())
}

/// One pipeline of the pipelines API (`GET /crm/v3/pipelines/deals/{id}`) as a pipeline config
/// for [`crate::gates::Pipeline::compile`], with `overlay` (`null` for none) adding exit
/// criteria, guidance and expected days by stage id or label (see `docs/crm.md`).
/// Errors: config errors at the path in the HubSpot response (`$.stages[5].metadata.probability`)
/// or in the overlay.
pub fn pipeline(pipeline: &Value, overlay: &Value) -> Result<Value> {
    pipeline::one(pipeline, overlay)
}

/// Every pipeline of the pipelines API's response (`GET /crm/v3/pipelines/deals`: `{ results
/// }`) as one config `{ pipelines: [...] }`, archived pipelines and stages left out; `overlay`
/// is `{ pipelines: { "<pipeline id or label>": overlay } }` (`null` for none).
pub fn pipelines(response: &Value, overlay: &Value) -> Result<Value> {
    pipeline::all(response, overlay)
}
