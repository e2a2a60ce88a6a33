//! The hygiene config as written: its sections, read with path-precise errors. Each part of
//! the engine checks the meaning of its own section when it is compiled.

use std::collections::BTreeMap;

use serde_json::Value;

use super::dedupe::Normalise;
use super::records::{ByObject, ObjectKind};
use crate::config::{impl_from_json, mismatch, object, DeError, FromJson};

/// The whole config; a section left out is the default's.
#[derive(Debug)]
pub(crate) struct HygieneConfig {
    /// A stage-gate config (`null`: no pipeline).
    pub pipeline: Option<Value>,
    /// A duplicate config (`null`: no duplicate detection).
    pub duplicates: Option<Value>,
    pub completeness: ByObject<CompletenessConfig>,
    pub validation: ByObject<Vec<ValidationConfig>>,
    pub decay: DecayConfig,
    pub spellings: ByObject<Vec<SpellingConfig>>,
}

/// Completeness of one object: the key fields every record should have, and the fields to
/// aggregate by.
#[derive(Debug)]
pub(crate) struct CompletenessConfig {
    pub key_fields: Vec<String>,
    pub group_by: Vec<String>,
}

/// One validation rule: a criterion (`id`, `label`, `message`, `fields`, `severity`,
/// `rule`), and which records it applies to.
#[derive(Debug)]
pub(crate) struct ValidationConfig {
    pub id: String,
    pub when: Option<Value>,
    pub stages: Option<StageFilterConfig>,
    /// The criterion's own members, as written, for `Criterion::compile`.
    pub criterion: Value,
}

/// Which deals a rule or a decay check applies to, by stage.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum StageFilterConfig {
    /// Deals in an open stage.
    Open,
    /// Deals in a won or lost stage.
    Closed,
    /// Deals in a won stage.
    Won,
    /// Deals in a lost stage.
    Lost,
    /// Deals in this stage or a later one, lost stages left out.
    From(String),
    /// Deals in one of these stages.
    In(Vec<String>),
}

/// Decay: how old a field's last update may be, per object.
#[derive(Debug)]
pub(crate) struct DecayConfig {
    /// The record member holding per-field dates: `{ <field>: <date> }`.
    pub field_dates: String,
    /// The record member holding the date of its last update.
    pub record_date: String,
    pub objects: ByObject<DecayObjectConfig>,
}

/// Decay of one object.
#[derive(Debug)]
pub(crate) struct DecayObjectConfig {
    /// Field → days after which it is stale.
    pub fields: BTreeMap<String, u32>,
    pub stages: Option<StageFilterConfig>,
    pub when: Option<Value>,
}

/// An inconsistent-spellings check of one field.
#[derive(Debug)]
pub(crate) struct SpellingConfig {
    pub field: String,
    pub normalise: Normalise,
    pub known: Vec<String>,
}

/// The object keys of a section.
const OBJECT_KEYS: &[&str] = &["deals", "leads", "contacts", "accounts"];

impl<T: FromJson> FromJson for ByObject<T> {
    fn from_json(value: &Value) -> Result<Self, DeError> {
        let mut out = ByObject::default();
        object(value, "an object of deals, leads, contacts and accounts", OBJECT_KEYS, true, &mut |i, v| {
            if let Some(kind) = ObjectKind::ALL.get(i) {
                *out.slot(*kind) = Option::<T>::from_json(v)?;
            }
            Ok(())
        })?;
        Ok(out)
    }
}

impl_from_json!(struct HygieneConfig, deny {
    pipeline: "pipeline" = None,
    duplicates: "duplicates" = None,
    completeness: "completeness" = ByObject::default(),
    validation: "validation" = ByObject::default(),
    decay: "decay" = DecayConfig::default(),
    spellings: "spellings" = ByObject::default(),
});

impl_from_json!(struct CompletenessConfig, deny { key_fields: "keyFields", group_by: "groupBy" = Vec::new() });

impl_from_json!(struct SpellingConfig, deny { field: "field", normalise: "normalise" = Normalise::Compact, known: "known" = Vec::new() });

impl_from_json!(struct DecayObjectConfig, deny { fields: "fields", stages: "stages" = None, when: "when" = None });

impl Default for DecayConfig {
    fn default() -> Self {
        DecayConfig { field_dates: "fieldUpdatedAt".to_owned(), record_date: "updatedAt".to_owned(), objects: ByObject::default() }
    }
}

impl FromJson for DecayConfig {
    fn from_json(value: &Value) -> Result<Self, DeError> {
        const FIELDS: &[&str] = &["fieldDates", "recordDate", "deals", "leads", "contacts", "accounts"];
        let mut out = DecayConfig::default();
        object(value, "struct DecayConfig", FIELDS, true, &mut |i, v| {
            match i {
                0 => out.field_dates = String::from_json(v)?,
                1 => out.record_date = String::from_json(v)?,
                _ => {
                    if let Some(kind) = ObjectKind::ALL.get(i - 2) {
                        *out.objects.slot(*kind) = Option::<DecayObjectConfig>::from_json(v)?;
                    }
                }
            }
            Ok(())
        })?;
        Ok(out)
    }
}

/// The criterion members of a validation rule, passed on to `Criterion::compile`.
const CRITERION_MEMBERS: &[&str] = &["label", "message", "fields", "severity", "rule"];

impl FromJson for ValidationConfig {
    fn from_json(value: &Value) -> Result<Self, DeError> {
        const FIELDS: &[&str] = &["id", "when", "stages", "label", "message", "fields", "severity", "rule"];
        let (mut id, mut when, mut stages) = (None, None, None);
        let mut criterion = serde_json::Map::new();
        object(value, "struct ValidationConfig", FIELDS, true, &mut |i, v| {
            match i {
                0 => id = Some(String::from_json(v)?),
                1 => when = Option::<Value>::from_json(v)?,
                2 => stages = Option::<StageFilterConfig>::from_json(v)?,
                _ => {
                    if let Some(name) = FIELDS.get(i).filter(|n| CRITERION_MEMBERS.contains(n)) {
                        criterion.insert((*name).to_owned(), v.clone());
                    }
                }
            }
            Ok(())
        })?;
        let id = crate::config::need(id, "id")?;
        crate::config::need(criterion.get("rule"), "rule")?;
        criterion.insert("id".to_owned(), Value::String(id.clone()));
        Ok(ValidationConfig { id, when, stages, criterion: Value::Object(criterion) })
    }
}

impl FromJson for StageFilterConfig {
    fn from_json(value: &Value) -> Result<Self, DeError> {
        match value {
            Value::String(_) => {
                let names = &["open", "closed", "won", "lost"];
                Ok([StageFilterConfig::Open, StageFilterConfig::Closed, StageFilterConfig::Won, StageFilterConfig::Lost]
                    .into_iter()
                    .nth(crate::config::variant(value, names)?)
                    .unwrap_or(StageFilterConfig::Open))
            }
            Value::Array(_) => Vec::<String>::from_json(value).map(StageFilterConfig::In),
            Value::Object(_) => {
                let [from] = crate::config::members::<String, 1>(value, "struct StageFilter", &["from"])?;
                Ok(StageFilterConfig::From(from))
            }
            other => Err(mismatch(other, "\"open\", \"closed\", \"won\", \"lost\", { \"from\": stage } or a list of stages")),
        }
    }
}
