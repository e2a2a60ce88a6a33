//! One Salesforce record in any of the shapes the APIs send, read into one form: REST records
//! (`{ attributes: { type }, Field: value, Relationship: { attributes, … }, Children: {
//! totalSize, done, records } }`), UI API records (`{ apiName, id, fields: { Field: { value,
//! displayValue } } }`) and GraphQL nodes (`{ Id, Field: { value }, Relationship: { Field: {
//! value } }, Children: { edges: [{ node }] } }`). Each value keeps its path in the payload.

use std::cell::RefCell;
use std::collections::BTreeSet;

use serde_json::{Map, Value};

use crate::crm::build::{self, As, Record};
use crate::crm::FieldMap;
use crate::error::{Error, ErrorCode, Result};
use crate::path::{index, key};
use crate::read::{self, CrmShape};

/// Relationships nest at most this deep (a record's account's owner is 2).
const MAX_DEPTH: usize = 8;

/// A field's value.
#[derive(Debug)]
pub(crate) enum Field<'a> {
    /// A plain value and its path.
    Plain(&'a Value, String),
    /// A related record (`Account`, `Owner`).
    Record(SfRecord<'a>),
    /// Child records (a subquery, a GraphQL connection).
    Children(Vec<SfRecord<'a>>),
}

/// A Salesforce record, read. The fields read are remembered, so that the others are carried
/// through under `custom`.
#[derive(Debug)]
pub(crate) struct SfRecord<'a> {
    /// Its sObject type, when the payload says (`attributes.type`, `apiName`, the GraphQL
    /// query's type).
    pub kind: Option<&'a str>,
    /// Its path in the payload.
    pub path: String,
    fields: Vec<(&'a str, Field<'a>)>,
    /// The positions in `fields` of the fields read.
    read: RefCell<BTreeSet<usize>>,
}

impl<'a> SfRecord<'a> {
    /// Reads the record `value` at `path`; `kind` is its type when the payload around it says.
    pub(crate) fn new(value: &'a Value, path: String, kind: Option<&'a str>) -> Result<SfRecord<'a>> {
        Self::at_depth(value, path, kind, 0)
    }

    fn at_depth(value: &'a Value, path: String, kind: Option<&'a str>, depth: usize) -> Result<SfRecord<'a>> {
        if depth > MAX_DEPTH {
            return Err(Error::input(ErrorCode::TooDeep, path, format!("Salesforce relationships nest at most {MAX_DEPTH} levels deep here")));
        }
        let Some(obj) = value.as_object() else {
            let message = format!("a Salesforce record must be an object of fields, found {}", read::describe(value.into()));
            return Err(Error::input(ErrorCode::InvalidRecord, path, message));
        };
        if obj.get("properties").is_some_and(Value::is_object) && !obj.contains_key("attributes") {
            return Err(build::wrong_kind(&path, "a HubSpot CRM object (its fields are under properties)", "a Salesforce record", "read it with the HubSpot adapter (hubspot.deal, hubspot.contact…)"));
        }
        let type_of = |v: Option<&'a Value>| v.and_then(Value::as_str);
        let kind = type_of(obj.get("attributes").and_then(|a| a.get("type"))).or(type_of(obj.get("apiName"))).or(type_of(obj.get("__typename"))).or(kind);
        let mut fields = Vec::with_capacity(obj.len());
        match obj.get("fields").and_then(Value::as_object).filter(|_| obj.contains_key("apiName")) {
            Some(ui) => {
                if let Some(id) = obj.get("id") {
                    fields.push(("Id", Field::Plain(id, key(&path, "id"))));
                }
                let base = key(&path, "fields");
                for (name, field) in ui {
                    fields.push((name.as_str(), Self::field(field, key(&base, name), depth)?));
                }
            }
            None => {
                for (name, field) in obj.iter().filter(|(k, _)| !matches!(k.as_str(), "attributes" | "__typename")) {
                    fields.push((name.as_str(), Self::field(field, key(&path, name), depth)?));
                }
            }
        }
        Ok(SfRecord { kind, path, fields, read: RefCell::new(BTreeSet::new()) })
    }

    /// One field's value at `path`.
    fn field(value: &'a Value, path: String, depth: usize) -> Result<Field<'a>> {
        let Some(obj) = value.as_object() else { return Ok(Field::Plain(value, path)) };
        if let Some(Value::Array(records)) = obj.get("records") {
            let base = key(&path, "records");
            let children = records.iter().enumerate().map(|(i, r)| Self::at_depth(r, index(&base, i), None, depth + 1));
            return children.collect::<Result<_>>().map(Field::Children);
        }
        if let Some(Value::Array(edges)) = obj.get("edges") {
            return Self::edges(edges, &key(&path, "edges"), None, depth + 1).map(Field::Children);
        }
        if let Some(inner) = obj.get("value") {
            let path = key(&path, "value");
            return match inner {
                Value::Object(_) => Self::at_depth(inner, path, None, depth + 1).map(Field::Record),
                _ => Ok(Field::Plain(inner, path)),
            };
        }
        Self::at_depth(value, path, None, depth + 1).map(Field::Record)
    }

    /// The nodes of GraphQL `edges` at `base`.
    fn edges(edges: &'a [Value], base: &str, kind: Option<&'a str>, depth: usize) -> Result<Vec<SfRecord<'a>>> {
        let mut out = Vec::with_capacity(edges.len());
        for (i, edge) in edges.iter().enumerate() {
            let at = index(base, i);
            let node = edge.get("node").ok_or_else(|| Error::input(ErrorCode::InvalidRecord, at.clone(), "a GraphQL edge must be { node: { … } }"))?;
            out.push(Self::at_depth(node, key(&at, "node"), kind, depth)?);
        }
        Ok(out)
    }

    /// Field `name`, remembered as read.
    pub(crate) fn get(&self, name: &str) -> Option<&Field<'a>> {
        let at = self.fields.iter().position(|(k, _)| *k == name)?;
        self.read.borrow_mut().insert(at);
        self.fields.get(at).map(|(_, field)| field)
    }

    /// The plain value of field `name` (a dotted name reaches into relationships:
    /// `Account.Name`) and its path.
    pub(crate) fn plain(&self, name: &str) -> Option<(&'a Value, String)> {
        match name.split_once('.') {
            Some((relation, rest)) => match self.get(relation)? {
                Field::Record(related) => related.plain(rest),
                _ => None,
            },
            None => match self.get(name)? {
                Field::Plain(value, path) => Some((value, path.clone())),
                _ => None,
            },
        }
    }

    /// Field `name` read as `kind`.
    pub(crate) fn read(&self, name: &str, kind: As) -> Result<Option<Value>> {
        match self.plain(name) {
            Some((raw, path)) => build::value(raw, kind, || path.clone()),
            None => Ok(None),
        }
    }

    /// Field `name` as text.
    pub(crate) fn text(&self, name: &str) -> Result<Option<String>> {
        Ok(self.read(name, As::Text)?.and_then(|v| v.as_str().map(str::to_owned)))
    }

    /// Field `name` as an instant.
    pub(crate) fn date(&self, name: &str) -> Result<Option<i64>> {
        match self.plain(name) {
            Some((raw, path)) => build::date(raw, || path.clone()),
            None => Ok(None),
        }
    }

    /// Field `name` as true or false.
    pub(crate) fn boolean(&self, name: &str) -> Result<Option<bool>> {
        match self.plain(name) {
            Some((raw, path)) => build::boolean(raw, || path.clone()),
            None => Ok(None),
        }
    }

    /// The child records of field `name` (a subquery), when the record has them.
    pub(crate) fn children(&self, name: &str) -> Option<&[SfRecord<'a>]> {
        match self.get(name)? {
            Field::Children(list) => Some(list),
            _ => None,
        }
    }

    /// Whether the record has any of `names` set.
    pub(crate) fn has_any(&self, names: &[&str]) -> bool {
        names.iter().any(|n| self.fields.iter().any(|(k, f)| k == n && !matches!(f, Field::Plain(v, _) if read::Raw::from(*v).is_blank())))
    }

    /// Reads each `(Salesforce field, pipescore field, kind)` of `table` into `record`.
    pub(crate) fn map(&self, record: &mut Record, table: &[(&str, &str, As)]) -> Result<()> {
        for &(name, field, kind) in table {
            if let Some(value) = self.read(name, kind)? {
                record.set(field, value);
            }
        }
        Ok(())
    }

    /// Carries what was not read: `fields`' names to their pipescore fields, the other fields
    /// under `custom` (related records as plain objects, child records as lists of them).
    pub(crate) fn carry(&self, record: &mut Record, fields: &FieldMap) {
        for (crm, target) in fields.iter() {
            if let Some((value, _)) = self.plain(crm) {
                record.set(target, value.clone());
            }
        }
        let read = self.read.borrow();
        for (_, (name, field)) in self.fields.iter().enumerate().filter(|(i, _)| !read.contains(i)) {
            record.custom(name, field.plain_json());
        }
    }
}

impl Field<'_> {
    /// The value as plain JSON: related records as objects of their fields (without
    /// `attributes` or `{ value, displayValue }`), child records as lists of them.
    fn plain_json(&self) -> Value {
        match self {
            Field::Plain(value, _) => (*value).clone(),
            Field::Record(record) => record.plain_json(),
            Field::Children(list) => Value::Array(list.iter().map(SfRecord::plain_json).collect()),
        }
    }
}

impl SfRecord<'_> {
    /// The record as plain JSON.
    fn plain_json(&self) -> Value {
        let map: Map<String, Value> = self.fields.iter().map(|(k, f)| ((*k).to_owned(), f.plain_json())).collect();
        Value::Object(map)
    }
}

/// The records of a Salesforce list at `base` (`$`, or an option's `$.history`): a REST query
/// result `{ totalSize, done, records }` (or an sObject tree `{ records }`), a GraphQL
/// response (`{ data?: { uiapi: { query: { <Type>: { edges } } } } }`) or connection
/// (`{ edges }`), a UI API batch `{ results: [{ result }] }`, or a plain list.
pub(crate) fn records<'a>(value: &'a Value, base: &str, what: &str) -> Result<Vec<SfRecord<'a>>> {
    let read_all = |list: &'a [Value], at: String| -> Result<Vec<SfRecord<'a>>> {
        list.iter().enumerate().map(|(i, r)| SfRecord::new(r, index(&at, i), None)).collect()
    };
    match value {
        Value::Array(list) => read_all(list, base.to_owned()),
        Value::Object(obj) => {
            if let Some(Value::Array(list)) = obj.get("records") {
                return read_all(list, key(base, "records"));
            }
            if let Some(Value::Array(edges)) = obj.get("edges") {
                return SfRecord::edges(edges, &key(base, "edges"), None, 0);
            }
            let (uiapi, at) = match obj.get("data") {
                Some(data) => (data.get("uiapi"), key(&key(base, "data"), "uiapi")),
                None => (obj.get("uiapi"), key(base, "uiapi")),
            };
            if let Some(query) = uiapi.and_then(|u| u.get("query")).and_then(Value::as_object) {
                let at = key(&at, "query");
                let mut out = Vec::new();
                for (kind, connection) in query {
                    let Some(Value::Array(edges)) = connection.get("edges") else { continue };
                    out.extend(SfRecord::edges(edges, &key(&key(&at, kind), "edges"), Some(kind.as_str()), 0)?);
                }
                return Ok(out);
            }
            if let Some(Value::Array(results)) = obj.get("results").filter(|r| r.as_array().is_some_and(|l| l.iter().all(|i| i.get("result").is_some()))) {
                let at = key(base, "results");
                return results.iter().enumerate().map(|(i, r)| SfRecord::new(&r["result"], key(&index(&at, i), "result"), None)).collect();
            }
            Err(not_a_list(value, base, what))
        }
        _ => Err(not_a_list(value, base, what)),
    }
}

/// The `NOT_A_LIST` error for a value at `path` that is not a Salesforce list.
fn not_a_list(value: &Value, path: &str, what: &str) -> Error {
    let mut message = format!("expected a Salesforce query result {{ totalSize, done, records: [...] }}, a GraphQL response or a list of {what}, found {}", read::describe(value.into()));
    match CrmShape::of(value) {
        Some(CrmShape::SalesforceRecord | CrmShape::SalesforceUiRecord) => {
            message.push_str("; this is one Salesforce record: read it with the singular function (salesforce.opportunity, salesforce.lead…)");
        }
        Some(shape) => {
            message.push_str("; ");
            message.push_str(shape.advice());
        }
        None => {}
    }
    Error::input(ErrorCode::NotAList, path, message)
}

/// Fails with `INVALID_RECORD` unless `record` is of one of `kinds` (or of no type the payload
/// names); `advice` says which adapter to use instead.
pub(crate) fn expect(record: &SfRecord<'_>, kinds: &[&str], expected: &str, advice: impl Fn(&str) -> String) -> Result<()> {
    match record.kind {
        Some(kind) if !kinds.contains(&kind) => {
            let found = format!("a Salesforce {kind} record");
            Err(build::wrong_kind(&record.path, &found, expected, &advice(kind)))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rest_ui_and_graphql_records_read_alike() {
        let rest = json!({"attributes": {"type": "Opportunity"}, "Amount": 5, "Account": {"attributes": {"type": "Account"}, "Name": "Acme"},
            "OpportunityContactRoles": {"totalSize": 1, "done": true, "records": [{"attributes": {"type": "OpportunityContactRole"}, "Role": "Influencer"}]}});
        let ui = json!({"apiName": "Opportunity", "id": "006", "fields": {"Amount": {"value": 5, "displayValue": "$5.00"},
            "Account": {"value": {"apiName": "Account", "fields": {"Name": {"value": "Acme", "displayValue": null}}}, "displayValue": "Acme"}}});
        let graphql = json!({"Id": "006", "Amount": {"value": 5}, "Account": {"Name": {"value": "Acme"}},
            "OpportunityContactRoles": {"edges": [{"node": {"Role": {"value": "Influencer"}}}]}});
        for (value, amount_path, name_path) in [
            (&rest, "$.Amount", "$.Account.Name"),
            (&ui, "$.fields.Amount.value", "$.fields.Account.value.fields.Name.value"),
            (&graphql, "$.Amount.value", "$.Account.Name.value"),
        ] {
            let r = SfRecord::new(value, "$".into(), Some("Opportunity")).unwrap();
            assert_eq!(r.kind, Some("Opportunity"));
            let (amount, at) = r.plain("Amount").unwrap();
            assert_eq!((amount, at.as_str()), (&json!(5), amount_path));
            assert_eq!(r.plain("Account.Name").map(|(v, p)| (v.clone(), p)), Some((json!("Acme"), name_path.to_owned())));
        }
        let r = SfRecord::new(&graphql, "$".into(), None).unwrap();
        let roles = r.children("OpportunityContactRoles").unwrap();
        assert_eq!(roles[0].path, "$.OpportunityContactRoles.edges[0].node");
    }

    #[test]
    fn lists_in_every_shape() {
        let query = json!({"totalSize": 1, "done": true, "records": [{"attributes": {"type": "Lead"}, "Company": "A"}]});
        assert_eq!(records(&query, "$", "leads").unwrap()[0].path, "$.records[0]");
        let graphql = json!({"data": {"uiapi": {"query": {"Lead": {"edges": [{"node": {"Company": {"value": "A"}}}]}}}}});
        let list = records(&graphql, "$", "leads").unwrap();
        assert_eq!((list[0].kind, list[0].path.as_str()), (Some("Lead"), "$.data.uiapi.query.Lead.edges[0].node"));
        let batch = json!({"results": [{"statusCode": 200, "result": {"apiName": "Lead", "id": "00Q", "fields": {}}}]});
        assert_eq!(records(&batch, "$", "leads").unwrap()[0].path, "$.results[0].result");
        let e = records(&json!({"results": [{"id": "1", "properties": {}}]}), "$", "leads").unwrap_err();
        assert!(e.message.contains("HubSpot"), "{}", e.message);
        let e = records(&json!({"attributes": {"type": "Lead"}}), "$", "leads").unwrap_err();
        assert!(e.message.contains("salesforce.lead"), "{}", e.message);
    }
}
