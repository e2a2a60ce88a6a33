//! One HubSpot CRM v3 object (`{ id, properties, propertiesWithHistory?, associations?,
//! createdAt, updatedAt, archived }`): its properties by name with their paths, their history,
//! its associations, and which kind of object it is.

use std::cell::RefCell;
use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::crm::build::{self, As, Record};
use crate::error::{Error, ErrorCode, Result};
use crate::path::{index, key};
use crate::read::{self, CrmShape};

/// The kinds of HubSpot objects the adapter reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A deal.
    Deal,
    /// A contact.
    Contact,
    /// A company.
    Company,
    /// A call, email, meeting, note or task.
    Engagement,
}

impl Kind {
    /// "a HubSpot deal", for messages.
    pub(crate) fn named(self) -> &'static str {
        match self {
            Kind::Deal => "a HubSpot deal",
            Kind::Contact => "a HubSpot contact",
            Kind::Company => "a HubSpot company",
            Kind::Engagement => "a HubSpot engagement (call, email, meeting, note or task)",
        }
    }

    /// The adapter function for this kind, for messages.
    fn function(self) -> &'static str {
        match self {
            Kind::Deal => "hubspot.deal",
            Kind::Contact => "hubspot.contact",
            Kind::Company => "hubspot.company",
            Kind::Engagement => "hubspot.engagement",
        }
    }

    /// Properties only this kind of object has, and the association-type prefix of its own
    /// associations (`deal_to_contact`).
    fn markers(self) -> (&'static [&'static str], &'static str) {
        match self {
            Kind::Deal => (&["dealname", "dealstage", "pipeline", "hs_deal_stage_probability", "hs_is_closed_won", "dealtype"], "deal_to_"),
            Kind::Contact => (&["email", "firstname", "lastname", "jobtitle", "hs_buying_role", "hs_email_domain"], "contact_to_"),
            Kind::Company => (&["domain", "numberofemployees", "name", "hs_num_child_companies"], "company_to_"),
            Kind::Engagement => (ENGAGEMENT_MARKERS, ""),
        }
    }
}

/// Properties that only engagements have.
const ENGAGEMENT_MARKERS: &[&str] = &[
    "hs_timestamp",
    "hs_call_title",
    "hs_call_body",
    "hs_call_direction",
    "hs_email_subject",
    "hs_email_direction",
    "hs_email_text",
    "hs_meeting_title",
    "hs_meeting_start_time",
    "hs_meeting_outcome",
    "hs_note_body",
    "hs_task_subject",
    "hs_task_status",
];

/// A HubSpot object being read. Each property read is remembered, so that the others are
/// carried through under `custom`.
#[derive(Debug)]
pub(crate) struct Object<'a> {
    /// The object's path in the payload (`$.results[3]`).
    pub path: String,
    obj: &'a Map<String, Value>,
    properties: &'a Map<String, Value>,
    history: Option<&'a Map<String, Value>>,
    read: RefCell<BTreeSet<&'a str>>,
}

impl<'a> Object<'a> {
    /// The HubSpot object `value` at `path`, checked to be of `kind` (or of no recognisable
    /// kind: a record holding none of the properties of its kind is refused by the caller).
    pub(crate) fn new(value: &'a Value, path: String, kind: Kind) -> Result<Object<'a>> {
        let Some(obj) = value.as_object() else {
            let message = format!("{} must be an object {{ id, properties, … }}, found {}", kind.named(), read::describe(value.into()));
            return Err(Error::input(ErrorCode::InvalidRecord, path, message));
        };
        let Some(properties) = obj.get("properties").and_then(Value::as_object) else {
            return Err(not_hubspot(value, &path, kind));
        };
        let history = obj.get("propertiesWithHistory").and_then(Value::as_object);
        let object = Object { path, obj, properties, history, read: RefCell::new(BTreeSet::new()) };
        if let Some(found) = object.kind().filter(|&k| k != kind) {
            let advice = format!("read it with {}", found.function());
            return Err(build::wrong_kind(&object.path, &object.described(found), kind.named(), &advice));
        }
        Ok(object)
    }

    /// The kind the object's associations or properties say it is, if any.
    fn kind(&self) -> Option<Kind> {
        let kinds = [Kind::Deal, Kind::Engagement, Kind::Contact, Kind::Company];
        let association = self.association_types().find_map(|t| {
            kinds.into_iter().find(|k| !k.markers().1.is_empty() && t.starts_with(k.markers().1))
        });
        association.or_else(|| {
            let mut found = kinds.into_iter().filter(|k| k.markers().0.iter().any(|n| self.is_set(n)));
            let first = found.next()?;
            // A deal's or an engagement's markers settle it; `name` alone is not a company
            // when contact markers are there too.
            match (first, found.next()) {
                (Kind::Contact, Some(Kind::Company)) => Some(Kind::Contact),
                (first, _) => Some(first),
            }
        })
    }

    /// Whether property `name` is set (not absent, `null` or blank), without remembering it as
    /// read.
    fn is_set(&self, name: &str) -> bool {
        self.properties.get(name).is_some_and(|v| !read::Raw::from(v).is_blank())
    }

    /// "a HubSpot contact (it has email, firstname)", naming the properties that tell.
    fn described(&self, kind: Kind) -> String {
        let has: Vec<&str> = kind.markers().0.iter().copied().filter(|n| self.is_set(n)).take(3).collect();
        match has.is_empty() {
            true => kind.named().to_owned(),
            false => format!("{} (it has {})", kind.named(), has.join(", ")),
        }
    }

    /// The types of the object's associations (`contact_to_deal`, …).
    fn association_types(&self) -> impl Iterator<Item = &'a str> {
        let groups = self.obj.get("associations").and_then(Value::as_object).into_iter().flat_map(|m| m.values());
        groups
            .filter_map(|g| g.get("results").and_then(Value::as_array))
            .flatten()
            .filter_map(|a| a.get("type").and_then(Value::as_str))
    }

    /// The property `name`, remembered as read; `None` when absent.
    pub(crate) fn get(&self, name: &str) -> Option<&'a Value> {
        let (key, value) = self.properties.get_key_value(name)?;
        self.read.borrow_mut().insert(key.as_str());
        Some(value)
    }

    /// The properties whose names start with `prefix`, each remembered as read.
    pub(crate) fn with_prefix(&self, prefix: &str) -> Vec<(&'a str, &'a Value)> {
        let found: Vec<(&'a str, &'a Value)> =
            self.properties.iter().filter(|(k, _)| k.starts_with(prefix)).map(|(k, v)| (k.as_str(), v)).collect();
        self.read.borrow_mut().extend(found.iter().map(|(k, _)| *k));
        found
    }

    /// The path of property `name`: `$.results[3].properties.amount`.
    pub(crate) fn path_of(&self, name: &str) -> String {
        key(&key(&self.path, "properties"), name)
    }

    /// Property `name` read as `kind`.
    pub(crate) fn read(&self, name: &str, kind: As) -> Result<Option<Value>> {
        match self.get(name) {
            Some(raw) => build::value(raw, kind, || self.path_of(name)),
            None => Ok(None),
        }
    }

    /// A member of the object itself (`id`, `createdAt`, `updatedAt`, `associations`).
    pub(crate) fn member(&self, name: &str) -> Option<&'a Value> {
        self.obj.get(name).filter(|v| !v.is_null())
    }

    /// The object's `id` (else its `hs_object_id` property), as text.
    pub(crate) fn id(&self) -> Result<Option<String>> {
        match self.member("id") {
            Some(id) => build::text(id, || key(&self.path, "id")),
            None => match self.get("hs_object_id") {
                Some(raw) => build::text(raw, || self.path_of("hs_object_id")),
                None => Ok(None),
            },
        }
    }

    /// The ids the object is associated with under `group` (`contacts`, `companies`, `deals`,
    /// `calls`…), in order, each once; `None` when the payload carries no such associations.
    pub(crate) fn associated(&self, group: &str) -> Option<Vec<&'a str>> {
        let results = self.member("associations")?.get(group)?.get("results")?.as_array()?;
        let mut ids: Vec<&'a str> = Vec::with_capacity(results.len());
        for id in results.iter().filter_map(|a| a.get("id")).filter_map(Value::as_str) {
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        Some(ids)
    }

    /// The history of property `name` as `(changed at, value, path of the value)`, oldest
    /// first (list order among equal times); empty without `propertiesWithHistory`. A
    /// timestamp that is not a date is an `INVALID_DATE` error.
    pub(crate) fn history(&self, name: &str) -> Result<Vec<(i64, &'a Value, String)>> {
        let Some(entries) = self.history.and_then(|h| h.get(name)).and_then(Value::as_array) else { return Ok(Vec::new()) };
        let base = key(&key(&self.path, "propertiesWithHistory"), name);
        let mut out = Vec::with_capacity(entries.len());
        for (i, entry) in entries.iter().enumerate() {
            let at = index(&base, i);
            let stamp = entry.get("timestamp").unwrap_or(&Value::Null);
            let Some(when) = build::date(stamp, || key(&at, "timestamp"))? else { continue };
            out.push((when, entry.get("value").unwrap_or(&Value::Null), key(&at, "value")));
        }
        crate::sort::sort_by(&mut out, |a, b| a.0.cmp(&b.0));
        Ok(out)
    }

    /// Records in `record` when `field` last changed: the latest timestamp in the history of
    /// property `name`.
    pub(crate) fn note_updated(&self, record: &mut Record, field: &str, name: &str) -> Result<()> {
        if let Some((at, ..)) = self.history(name)?.last() {
            record.updated(field, *at);
        }
        Ok(())
    }

    /// Reads each `(property, field, kind)` of `table` into `record`, noting when it changed.
    pub(crate) fn map(&self, record: &mut Record, table: &[(&str, &str, As)]) -> Result<()> {
        for &(name, field, kind) in table {
            if let Some(value) = self.read(name, kind)? {
                record.set(field, value);
                self.note_updated(record, field, name)?;
            }
        }
        Ok(())
    }

    /// Carries the properties not read so far: those `fields` names go to their pipescore
    /// field, the others under `custom`, each with when it last changed.
    pub(crate) fn carry(&self, record: &mut Record, fields: &crate::crm::FieldMap) -> Result<()> {
        let read = self.read.borrow();
        for (name, value) in self.properties.iter().filter(|(k, _)| !read.contains(k.as_str())) {
            let target = match fields.target(name) {
                Some(field) => {
                    record.set(field, value.clone());
                    field.to_owned()
                }
                None => {
                    record.custom(name, value.clone());
                    format!("custom.{name}")
                }
            };
            if !read::Raw::from(value).is_blank() {
                if let Some((at, ..)) = self.history(name)?.last() {
                    record.updated(&target, *at);
                }
            }
        }
        Ok(())
    }

    /// The object's `updatedAt` (else the property `fallback`) as `updatedAt`, its `createdAt`
    /// as `createdAt` when the properties gave none, and `archived: true` for an archived
    /// (deleted) object.
    pub(crate) fn stamps(&self, record: &mut Record, fallback: &str) -> Result<()> {
        let from_property = self.read(fallback, As::Date)?;
        let updated = match self.member("updatedAt") {
            Some(raw) => build::date_value(raw, || key(&self.path, "updatedAt"))?,
            None => None,
        };
        if let Some(updated) = updated.or(from_property) {
            record.set("updatedAt", updated);
        }
        if !record.has("createdAt") {
            if let Some(raw) = self.member("createdAt") {
                if let Some(created) = build::date_value(raw, || key(&self.path, "createdAt"))? {
                    record.set("createdAt", created);
                }
            }
        }
        if let Some(raw) = self.member("archived") {
            if build::boolean(raw, || key(&self.path, "archived"))? == Some(true) {
                record.set("archived", Value::Bool(true));
            }
        }
        Ok(())
    }
}

/// The HubSpot object `value` at `path`, checked to be of `kind` and to have one of the
/// properties `any_of` set (else an `INVALID_RECORD` error about `what`, "This HubSpot deal"),
/// with a record holding its `id`, and the id.
pub(crate) fn open<'a>(value: &'a Value, path: String, kind: Kind, any_of: &[&str], what: &str) -> Result<(Object<'a>, Record, Option<String>)> {
    let object = Object::new(value, path, kind)?;
    if !any_of.iter().any(|name| object.get(name).is_some_and(|v| !read::Raw::from(v).is_blank())) {
        return Err(read::no_known_fields(value, &object.path, what, any_of));
    }
    let mut record = Record::default();
    let id = object.id()?;
    if let Some(id) = &id {
        record.set("id", Value::String(id.clone()));
    }
    Ok((object, record, id))
}

/// The `INVALID_RECORD` error for a value that is not a HubSpot object where `kind` was asked
/// for, saying which adapter fits when it is a Salesforce record.
fn not_hubspot(value: &Value, path: &str, kind: Kind) -> Error {
    let message = match CrmShape::of(value) {
        Some(shape @ (CrmShape::SalesforceRecord | CrmShape::SalesforceQuery | CrmShape::SalesforceUiRecord)) => {
            format!("expected {}, {{ id, properties, … }}, but {}", kind.named(), shape.advice())
        }
        Some(CrmShape::HubSpotPage) => {
            format!("this is a HubSpot list page ({{ results }}), not {}: read it with the plural function (hubspot.deals, hubspot.contacts…)", kind.named())
        }
        _ => format!("{} has its fields under `properties` ({{ id, properties, … }}); this record has no `properties` object", kind.named()),
    };
    Error::input(ErrorCode::InvalidRecord, path, message)
}

/// The records of a HubSpot list at `base` (`$`, or an option's `$.contacts`): a list page
/// (`{ results, paging? }`, also a batch or search response), or a plain list; each with its
/// path (`$.results[3]`).
pub(crate) fn items<'a>(value: &'a Value, base: &str, what: &str) -> Result<Vec<(&'a Value, String)>> {
    let (list, base) = match value {
        Value::Array(list) => (list, base.to_owned()),
        Value::Object(obj) => match obj.get("results") {
            Some(Value::Array(list)) => (list, key(base, "results")),
            _ => return Err(not_a_page(value, base, what)),
        },
        _ => return Err(not_a_page(value, base, what)),
    };
    Ok(list.iter().enumerate().map(|(i, item)| (item, index(&base, i))).collect())
}

/// The `NOT_A_LIST` error for a value at `path` that is not a HubSpot list.
fn not_a_page(value: &Value, path: &str, what: &str) -> Error {
    let mut message = format!("expected a HubSpot list page {{ results: [...] }} or a list of {what}, found {}", read::describe(value.into()));
    if value.get("properties").is_some() {
        message.push_str("; this is one HubSpot object: read it with the singular function (hubspot.deal, hubspot.contact…)");
    } else if let Some(shape) = CrmShape::of(value) {
        message.push_str("; ");
        message.push_str(shape.advice());
    }
    Error::input(ErrorCode::NotAList, path, message)
}
