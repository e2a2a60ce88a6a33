//! What every part of the hygiene report shares: the kinds of records, references to
//! records, counts that say what they counted, and reading a field of a record.

use serde::Serialize;
use serde_json::Value;

use crate::error::{Error, Result};
use crate::gates::record_path;
use crate::read;
use crate::rules::number::Plain;

/// The lists a hygiene dataset holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum ObjectKind {
    /// Deals (opportunities).
    Deals,
    /// Leads.
    Leads,
    /// Contacts.
    Contacts,
    /// Accounts (companies).
    Accounts,
}

impl ObjectKind {
    /// Every kind, in the order reports list them.
    pub const ALL: [ObjectKind; 4] = [ObjectKind::Deals, ObjectKind::Leads, ObjectKind::Contacts, ObjectKind::Accounts];

    /// The dataset's (and configs') key for the list: `deals`, `leads`, `contacts`, `accounts`.
    pub fn key(self) -> &'static str {
        match self {
            ObjectKind::Deals => "deals",
            ObjectKind::Leads => "leads",
            ObjectKind::Contacts => "contacts",
            ObjectKind::Accounts => "accounts",
        }
    }

    /// One record of the kind, as messages name it: `deal`, `lead`, `contact`, `account`.
    pub fn singular(self) -> &'static str {
        match self {
            ObjectKind::Deals => "deal",
            ObjectKind::Leads => "lead",
            ObjectKind::Contacts => "contact",
            ObjectKind::Accounts => "account",
        }
    }
}

/// One value per kind of record; absent kinds are left out of JSON.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ByObject<T> {
    /// For deals.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deals: Option<T>,
    /// For leads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub leads: Option<T>,
    /// For contacts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub contacts: Option<T>,
    /// For accounts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub accounts: Option<T>,
}

impl<T> Default for ByObject<T> {
    fn default() -> Self {
        ByObject { deals: None, leads: None, contacts: None, accounts: None }
    }
}

impl<T> ByObject<T> {
    /// The value for `kind`.
    pub fn get(&self, kind: ObjectKind) -> Option<&T> {
        match kind {
            ObjectKind::Deals => self.deals.as_ref(),
            ObjectKind::Leads => self.leads.as_ref(),
            ObjectKind::Contacts => self.contacts.as_ref(),
            ObjectKind::Accounts => self.accounts.as_ref(),
        }
    }

    /// The slot for `kind`.
    pub fn slot(&mut self, kind: ObjectKind) -> &mut Option<T> {
        match kind {
            ObjectKind::Deals => &mut self.deals,
            ObjectKind::Leads => &mut self.leads,
            ObjectKind::Contacts => &mut self.contacts,
            ObjectKind::Accounts => &mut self.accounts,
        }
    }

    /// The kinds that have a value, with it, in [`ObjectKind::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (ObjectKind, &T)> {
        ObjectKind::ALL.into_iter().filter_map(|kind| self.get(kind).map(|v| (kind, v)))
    }
}

/// A record of a list: its position in the list and its `id`, if it has one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct RecordRef {
    /// Position in the list given, from 0.
    pub index: usize,
    /// The record's `id` (numbers as their text), `null` when it has none.
    pub id: Option<String>,
}

/// A count that says what it counted and out of how many.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    /// How many.
    pub count: u64,
    /// Out of how many.
    pub out_of: u64,
    /// `count / outOf`, rounded to 4 decimals; `null` when `outOf` is 0.
    pub rate: Option<f64>,
    /// The count in words: `1425 of 8800 deals: account is empty`.
    pub explanation: String,
}

impl Tally {
    /// `count` of `out_of` `things` (a plural noun), with what makes them counted.
    pub(crate) fn new(count: u64, out_of: u64, things: &str, what: &str) -> Tally {
        let rate = (out_of > 0).then(|| round4(count as f64 / out_of as f64));
        Tally { count, out_of, rate, explanation: format!("{count} of {out_of} {things}: {what}") }
    }
}

/// `x` rounded to 4 decimals (halves away from zero), as reports show shares and scores.
pub(crate) fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// `x` as messages show it, rounded to 4 decimals.
pub(crate) fn shown(x: f64) -> Plain {
    Plain(round4(x))
}

/// The value at a field path of a record: members of objects and items of lists by
/// position, separated by dots (`owner.email`, `contacts.0.name`), as a rule's `var` reads
/// them. `None` when a step is missing.
pub(crate) fn field<'r>(record: &'r Value, path: &str) -> Option<&'r Value> {
    path.split('.').try_fold(record, |value, step| match value {
        Value::Object(map) => map.get(step),
        Value::Array(items) => step.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

/// The JSON path of field `path` in a record.
pub(crate) fn field_path(path: &str) -> String {
    record_path(path)
}

/// The record's `id` as text: `None` when it has none; an `INVALID_TEXT` error (at `$.id`)
/// when it is a list or an object.
pub(crate) fn record_id(record: &Value) -> Result<Option<String>> {
    read::text(record.get("id")).map(|id| id.map(|t| t.into_owned())).map_err(|e| e.at("$.id"))
}

/// The `INVALID_RECORD` error for a record that is not an object.
pub(crate) fn require_object(record: &Value, kind: ObjectKind) -> Result<()> {
    match record {
        Value::Object(_) => Ok(()),
        other => Err(read::not_an_object(other, "$", &format!("a {}", kind.singular()), example(kind))),
    }
}

/// An example of a record of `kind`, for messages.
fn example(kind: ObjectKind) -> &'static str {
    match kind {
        ObjectKind::Deals => "{ \"id\": \"d1\", \"name\": \"Renewal\", \"account\": \"Acme\", \"stage\": \"proposal\" }",
        ObjectKind::Leads | ObjectKind::Contacts => "{ \"id\": \"c1\", \"email\": \"ada@acme.com\", \"lastName\": \"Lovelace\" }",
        ObjectKind::Accounts => "{ \"id\": \"a1\", \"name\": \"Acme\", \"domain\": \"acme.com\" }",
    }
}

/// An error raised reading record `index` of `kind`'s list, moved under that record's path
/// (`$.contacts[3].email`) when `rooted` (inside a dataset), or `$[3].email` otherwise.
pub(crate) fn in_list(error: Error, kind: ObjectKind, index: usize, rooted: bool) -> Error {
    let list = if rooted { crate::path::key("$", kind.key()) } else { "$".to_owned() };
    error.within(&crate::path::index(&list, index))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fields_by_path() {
        let record = json!({"owner": {"email": "a@b.co"}, "contacts": [{"name": "Ada"}], "close date": 1});
        assert_eq!(field(&record, "owner.email"), Some(&json!("a@b.co")));
        assert_eq!(field(&record, "contacts.0.name"), Some(&json!("Ada")));
        assert_eq!(field(&record, "close date"), Some(&json!(1)));
        assert_eq!(field(&record, "owner.phone"), None);
        assert_eq!(field_path("contacts.0.name"), "$.contacts[0].name");
    }

    #[test]
    fn tallies_say_what_they_count() {
        let t = Tally::new(1425, 8800, "deals", "account is empty");
        assert_eq!(t.explanation, "1425 of 8800 deals: account is empty");
        assert_eq!(t.rate, Some(0.1619));
        assert_eq!(Tally::new(0, 0, "deals", "x").rate, None);
    }

    #[test]
    fn ids_and_records() {
        assert_eq!(record_id(&json!({"id": 7})).unwrap().as_deref(), Some("7"));
        assert_eq!(record_id(&json!({})).unwrap(), None);
        assert_eq!(record_id(&json!({"id": [1]})).unwrap_err().path, "$.id");
        let e = require_object(&json!([1]), ObjectKind::Leads).unwrap_err();
        assert!(e.message.starts_with("a lead must be an object"), "{}", e.message);
        let moved = in_list(e, ObjectKind::Leads, 3, true);
        assert_eq!(moved.path, "$.leads[3]");
    }
}
