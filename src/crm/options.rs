//! Reading the adapters' options: the known keys (a misspelt one is an error, never ignored)
//! and the `fields` map shared by both CRMs.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use serde_json::{Map, Value};

use crate::config::{from_json, object, DeError, FromJson};
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::path::key;

/// The `fields` option: CRM fields to put under a pipescore field of the caller's choosing
/// instead of under `custom`, e.g. `{ "pain_points": "painPoints", "Budget__c": "budgetRange" }`
/// so that the default pipeline's criteria (`{"filled": {"var": "painPoints"}}`) read them. The
/// value is carried as the CRM sent it. A Salesforce name may reach into a relationship
/// (`"Account.Website"`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap(BTreeMap<String, String>);

impl FieldMap {
    /// An empty map.
    pub fn new() -> FieldMap {
        FieldMap::default()
    }

    /// Maps CRM field `crm` to pipescore field `field`.
    pub fn insert(&mut self, crm: &str, field: &str) -> &mut FieldMap {
        self.0.insert(crm.to_owned(), field.to_owned());
        self
    }

    /// The pipescore field CRM field `crm` goes to, if the map names it.
    pub(crate) fn target(&self, crm: &str) -> Option<&str> {
        self.0.get(crm).map(String::as_str)
    }

    /// The mapped CRM fields and their targets, in name order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.0.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Reads `{ crmField: "pipescoreField" }` at `path` (`$.fields`).
    fn read(value: &Value, path: &str) -> Result<FieldMap> {
        let Some(map) = value.as_object() else {
            return Err(invalid_option(path, "fields must be an object of CRM field names to pipescore field names, e.g. { \"pain_points\": \"painPoints\" }"));
        };
        let mut out = FieldMap::new();
        for (crm, target) in map {
            match target.as_str().map(str::trim) {
                Some(field) if !field.is_empty() && !field.contains('.') => out.insert(crm, field),
                _ => return Err(invalid_option(&key(path, crm), "each field must name a pipescore field: non-empty text without dots, e.g. \"painPoints\"")),
            };
        }
        Ok(out)
    }

    /// Fails with `INVALID_OPTION` when a target is a field the adapter fills itself (`filled`),
    /// which the mapped value would silently replace.
    pub(crate) fn check_targets(&self, filled: &[&str], function: &str) -> Result<()> {
        for (crm, field) in self.iter() {
            if filled.contains(&field) || matches!(field, "custom" | "fieldUpdatedAt") {
                let message = format!("fields maps {crm} to {field}, a field {function} fills itself; choose another name, such as \"{crm}\"");
                return Err(invalid_option(&key("$.fields", crm), &message));
            }
        }
        Ok(())
    }
}

/// An `INVALID_OPTION` input error.
pub(crate) fn invalid_option(path: &str, message: &str) -> Error {
    Error::input(ErrorCode::InvalidOption, path, message)
}

/// The keys an adapter's options may have.
pub(crate) trait Keys {
    /// The known keys.
    const KNOWN: &'static [&'static str];
}

/// An options object, read: its members and its `fields`.
#[derive(Debug)]
pub(crate) struct Given<'a> {
    map: Option<&'a Map<String, Value>>,
    /// `fields`, read.
    pub fields: FieldMap,
}

impl<'a> Given<'a> {
    /// Member `name`, when set (not `null`).
    pub(crate) fn get(&self, name: &str) -> Option<&'a Value> {
        self.map.and_then(|m| m.get(name)).filter(|v| !v.is_null())
    }
}

/// The options object `options`, whose keys must all be `K`'s (`null` has none); `fields`,
/// when given, read into a [`FieldMap`]. An unknown key is an error, as in a config read with
/// [`from_json`].
pub(crate) fn read<K: Keys>(options: &Value) -> Result<Given<'_>> {
    if options.is_null() {
        return Ok(Given { map: None, fields: FieldMap::new() });
    }
    from_json::<Checked<K>>(options, ErrorKind::Input)?;
    let map = options.as_object();
    let fields = match map.and_then(|m| m.get("fields")).filter(|v| !v.is_null()) {
        Some(value) => FieldMap::read(value, "$.fields")?,
        None => FieldMap::new(),
    };
    Ok(Given { map, fields })
}

/// Fails with `INVALID_OPTION` when one of the joins `given` is set that `function` does not
/// read (it is not in `allowed`); `joins` says what they are for.
pub(crate) fn only(function: &str, given: &[(&str, Option<&Value>)], allowed: &[&str], joins: &str) -> Result<()> {
    match given.iter().find(|(name, v)| v.is_some() && !allowed.contains(name)) {
        Some((name, _)) => Err(invalid_option(&key("$", name), &format!("{function} does not read {name}; {joins}"))),
        None => Ok(()),
    }
}

/// An options object whose keys were checked against `K`'s.
struct Checked<K>(PhantomData<K>);

impl<K: Keys> FromJson for Checked<K> {
    fn from_json(value: &Value) -> Result<Checked<K>, DeError> {
        object(value, "an object of options", K::KNOWN, true, &mut |_, _| Ok(()))?;
        Ok(Checked(PhantomData))
    }
}
