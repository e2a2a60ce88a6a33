//! Completeness: for every record, the fields it should have filled (the configured key
//! fields, and for deals the required fields of the deal's stage, from the stage gates),
//! counted per field, per record and per group (owner, source, stage…).

use std::collections::BTreeMap;

use serde::Serialize;

use super::config::CompletenessConfig;
use super::dataset::{DealStage, List, Stages};
use super::records::{field, field_path, in_list, ObjectKind, RecordRef, Tally};
use crate::error::{Error, ErrorCode, Result};
use crate::gates::FieldTest;
use crate::path::{index, key};
use crate::read;
use crate::rules::EvalContext;

/// One object's completeness check, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Completeness {
    kind: ObjectKind,
    key_fields: Vec<FieldTest>,
    group_by: Vec<String>,
}

/// How complete one object's records are.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CompletenessReport {
    /// Records checked.
    pub records: u64,
    /// Records with every field they should have filled, out of all.
    pub complete: Tally,
    /// Field checks that found the field filled, out of all checks (each record times the
    /// fields it should have).
    pub fields_filled: Tally,
    /// Each field checked: key fields first, then stage fields in pipeline order.
    pub fields: Vec<FieldFill>,
    /// One breakdown per `groupBy` field.
    pub groups: Vec<Grouping>,
    /// The records missing a field, by position, with what they miss.
    pub incomplete: Vec<IncompleteRecord>,
}

/// How often one field is filled where it should be.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldFill {
    /// The field.
    pub field: String,
    /// Why it is checked: `key fields`, `stage Proposal`…
    pub required_by: Vec<String>,
    /// Records with the field filled, out of those that should have it (the fill rate).
    pub filled: Tally,
    /// Records that should have it and do not.
    pub missing: Vec<RecordRef>,
}

/// Completeness broken down by the values of one field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Grouping {
    /// The field grouped by.
    pub by: String,
    /// One group per value: blank first, then stages in pipeline order, then text in order.
    pub groups: Vec<GroupFill>,
}

/// The completeness of the records sharing one value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupFill {
    /// The value (`null`: blank); for stages, the stage id.
    pub value: Option<String>,
    /// The stage's label, when grouping deals by stage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// Records with the value.
    pub records: u64,
    /// Of them, those with every field filled.
    pub complete: Tally,
    /// Their field checks that found the field filled.
    pub fields_filled: Tally,
    /// The fields they miss, most missed first, with how many records miss each.
    pub missing: Vec<MissingCount>,
}

/// How many records of a group miss a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MissingCount {
    /// The field.
    pub field: String,
    /// Records missing it.
    pub records: u64,
}

/// A record missing fields it should have.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IncompleteRecord {
    /// The record.
    pub record: RecordRef,
    /// Its stage id (deals).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stage: Option<String>,
    /// The empty fields, key fields first.
    pub missing: Vec<String>,
}

/// A group's key: blank, a stage (pipeline, position), or text; in that order.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum GroupKey {
    Blank,
    Stage(usize, usize),
    Text(String),
}

#[derive(Default)]
struct GroupAcc {
    records: u64,
    complete: u64,
    checks: u64,
    filled: u64,
    missing: BTreeMap<usize, u64>,
}

impl Completeness {
    /// Compiles the check of `kind` from its config at `at`.
    pub(crate) fn compile(kind: ObjectKind, config: &CompletenessConfig, at: &str) -> Result<Completeness> {
        let key_fields = FieldTest::list(&config.key_fields, &key(at, "keyFields"))?;
        for (i, name) in config.group_by.iter().enumerate() {
            if name.trim().is_empty() {
                return Err(Error::config(ErrorCode::EmptyField, index(&key(at, "groupBy"), i), "a field name cannot be empty"));
            }
        }
        Ok(Completeness { kind, key_fields, group_by: config.group_by.clone() })
    }

    /// Checks a list; `stages` are the deals' stages (deals with a pipeline only). Input
    /// errors: `INVALID_TEXT` for a `groupBy` field holding a list or an object.
    pub(crate) fn check(&self, list: &List<'_>, stages: Option<(&Stages, &[Option<DealStage>])>, ctx: &EvalContext) -> Result<CompletenessReport> {
        let noun = self.kind.key();
        let mut fields: Vec<(String, Vec<String>, u64, Vec<RecordRef>)> =
            self.key_fields.iter().map(|f| (f.field.clone(), vec!["key fields".to_owned()], 0, Vec::new())).collect();
        let mut position: BTreeMap<String, usize> = fields.iter().enumerate().map(|(i, f)| (f.0.clone(), i)).collect();
        if let Some((stages, _)) = stages {
            for stage in stages.pipelines().iter().flat_map(|p| p.stages()) {
                for name in stage.required_fields() {
                    let at = *position.entry(name.to_owned()).or_insert(fields.len());
                    if at == fields.len() {
                        fields.push((name.to_owned(), Vec::new(), 0, Vec::new()));
                    }
                    let reason = format!("stage {}", stage.label);
                    if let Some(f) = fields.get_mut(at).filter(|f| !f.1.contains(&reason)) {
                        f.1.push(reason);
                    }
                }
            }
        }
        let mut checked = vec![0u64; fields.len()];
        let mut groups: Vec<BTreeMap<GroupKey, GroupAcc>> = self.group_by.iter().map(|_| BTreeMap::new()).collect();
        let (mut complete, mut all_checks, mut all_filled) = (0u64, 0u64, 0u64);
        let mut incomplete = Vec::new();
        for (i, record) in list.records.iter().enumerate() {
            let reference = RecordRef { index: i, id: list.ids.get(i).cloned().flatten() };
            let deal_stage = stages.and_then(|(s, at)| Some((s, (*at.get(i)?)?)));
            let stage = deal_stage.and_then(|(s, at)| s.stage(at));
            // (field position, filled) for every field this record should have.
            let mut checks: Vec<(usize, bool)> = self.key_fields.iter().enumerate().map(|(k, f)| (k, f.is_filled_json(record, ctx))).collect();
            if let Some(stage) = stage {
                let missing = stage.missing_required_fields(record, ctx);
                for name in stage.required_fields() {
                    match position.get(name) {
                        Some(&at) if !checks.iter().any(|c| c.0 == at) => checks.push((at, !missing.contains(&name))),
                        _ => {}
                    }
                }
            }
            let missing: Vec<usize> = checks.iter().filter(|c| !c.1).map(|c| c.0).collect();
            for &(at, filled) in &checks {
                if let (Some(f), Some(n)) = (fields.get_mut(at), checked.get_mut(at)) {
                    *n += 1;
                    if filled {
                        f.2 += 1;
                    } else {
                        f.3.push(reference.clone());
                    }
                }
            }
            all_checks += checks.len() as u64;
            all_filled += (checks.len() - missing.len()) as u64;
            complete += u64::from(missing.is_empty());
            for (by, acc) in self.group_by.iter().zip(&mut groups) {
                let group_key = match (by.as_str(), deal_stage) {
                    ("stage", Some((_, at))) => GroupKey::Stage(at.pipeline, at.stage),
                    _ => match read::text(field(record, by)).map_err(|e| in_list(e.at(&field_path(by)), self.kind, i, true))? {
                        Some(text) if !text.trim().is_empty() => GroupKey::Text(text.trim().to_owned()),
                        _ => GroupKey::Blank,
                    },
                };
                let group = acc.entry(group_key).or_default();
                group.records += 1;
                group.complete += u64::from(missing.is_empty());
                group.checks += checks.len() as u64;
                group.filled += (checks.len() - missing.len()) as u64;
                for &at in &missing {
                    *group.missing.entry(at).or_default() += 1;
                }
            }
            if !missing.is_empty() {
                let names = missing.iter().filter_map(|&at| fields.get(at).map(|f| f.0.clone())).collect();
                incomplete.push(IncompleteRecord { record: reference, stage: stage.map(|s| s.id.clone()), missing: names });
            }
        }
        let n = list.records.len() as u64;
        let names: Vec<String> = fields.iter().map(|f| f.0.clone()).collect();
        let groups = self
            .group_by
            .iter()
            .zip(groups)
            .map(|(by, acc)| Grouping { by: by.clone(), groups: acc.into_iter().map(|(k, g)| group_fill(k, g, &names, noun, stages.map(|s| s.0))).collect() })
            .collect();
        let fields = fields
            .into_iter()
            .zip(checked)
            .map(|((name, required_by, filled, missing), checked)| {
                let what = format!("{name} filled, out of those that should have it");
                FieldFill { filled: Tally::new(filled, checked, noun, &what), field: name, required_by, missing }
            })
            .collect();
        Ok(CompletenessReport {
            records: n,
            complete: Tally::new(complete, n, noun, "every field they should have is filled"),
            fields_filled: Tally::new(all_filled, all_checks, "field checks", "the field is filled"),
            fields,
            groups,
            incomplete,
        })
    }
}

fn group_fill(key: GroupKey, acc: GroupAcc, names: &[String], noun: &str, stages: Option<&Stages>) -> GroupFill {
    let (value, label) = match key {
        GroupKey::Blank => (None, None),
        GroupKey::Text(text) => (Some(text), None),
        GroupKey::Stage(pipeline, stage) => {
            let found = stages.and_then(|s| s.stage(super::dataset::DealStage { pipeline, stage }));
            (found.map(|s| s.id.clone()), found.map(|s| s.label.clone()))
        }
    };
    let mut missing: Vec<MissingCount> =
        acc.missing.into_iter().filter_map(|(at, records)| Some(MissingCount { field: names.get(at)?.clone(), records })).collect();
    crate::sort::sort_by(&mut missing, |a, b| b.records.cmp(&a.records));
    GroupFill {
        value,
        label,
        records: acc.records,
        complete: Tally::new(acc.complete, acc.records, noun, "every field they should have is filled"),
        fields_filled: Tally::new(acc.filled, acc.checks, "field checks", "the field is filled"),
        missing,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gates::Pipeline;
    use serde_json::{json, Value};

    fn check(kind: ObjectKind, config: Value, records: &[Value], with_stages: bool) -> CompletenessReport {
        let config: CompletenessConfig = crate::config::from_json(&config, crate::error::ErrorKind::Config).unwrap();
        let c = Completeness::compile(kind, &config, "$").unwrap();
        let list = List { records, ids: records.iter().map(|r| r.get("id").and_then(Value::as_str).map(str::to_owned)).collect() };
        let stages = Stages::new(Pipeline::compile(&Pipeline::default_config()).unwrap());
        let at: Vec<Option<DealStage>> = records.iter().map(|r| stages.of(r).unwrap()).collect();
        c.check(&list, with_stages.then_some((&stages, at.as_slice())), &EvalContext::new(0)).unwrap()
    }

    #[test]
    fn key_fields_and_stage_fields() {
        let deals = [
            json!({ "id": "a", "owner": "ana", "account": "Acme", "stage": "proposal", "amount": 100 }),
            json!({ "id": "b", "owner": "ana", "stage": "proposal" }),
            json!({ "id": "c", "owner": "bo", "account": "Initech", "stage": "closed_won", "finalAmount": 9, "closeDate": "2025-01-02" }),
            json!({ "id": "d", "account": "  " }),
        ];
        let r = check(ObjectKind::Deals, json!({ "keyFields": ["account"], "groupBy": ["owner", "stage"] }), &deals, true);
        assert_eq!(r.complete.explanation, "1 of 4 deals: every field they should have is filled");
        let account = &r.fields[0];
        assert_eq!((account.field.as_str(), account.filled.count, account.filled.out_of), ("account", 2, 4));
        assert_eq!(account.missing.iter().map(|m| m.index).collect::<Vec<_>>(), [1, 3]);
        let amount = r.fields.iter().find(|f| f.field == "amount").unwrap();
        assert_eq!((amount.filled.count, amount.filled.out_of), (1, 2), "amount is required in Proposal only");
        assert_eq!(amount.required_by, ["stage Proposal"]);
        let close = r.fields.iter().find(|f| f.field == "closeDate").unwrap();
        assert_eq!(close.required_by, ["stage Negotiation", "stage Closed Won"]);
        let won = r.incomplete.iter().find(|i| i.record.index == 2).unwrap();
        assert_eq!((won.stage.as_deref(), won.missing.clone()), (Some("closed_won"), vec!["contractTerms".to_owned()]));
        let owners = &r.groups[0];
        assert_eq!(owners.groups.iter().map(|g| (g.value.as_deref(), g.records)).collect::<Vec<_>>(), [(None, 1), (Some("ana"), 2), (Some("bo"), 1)]);
        let ana = &owners.groups[1];
        assert_eq!(ana.missing, [MissingCount { field: "account".into(), records: 1 }, MissingCount { field: "amount".into(), records: 1 }]);
        let by_stage = &r.groups[1];
        let stages: Vec<(Option<&str>, Option<&str>)> = by_stage.groups.iter().map(|g| (g.value.as_deref(), g.label.as_deref())).collect();
        assert_eq!(stages, [(None, None), (Some("proposal"), Some("Proposal")), (Some("closed_won"), Some("Closed Won"))]);
    }

    #[test]
    fn without_a_pipeline_only_key_fields_count() {
        let leads = [json!({ "email": "a@b.co", "source": "web" }), json!({ "email": "", "source": "web" })];
        let r = check(ObjectKind::Leads, json!({ "keyFields": ["email", "phone"], "groupBy": ["source"] }), &leads, false);
        assert_eq!((r.fields_filled.count, r.fields_filled.out_of), (1, 4));
        assert_eq!(r.groups[0].groups[0].missing, [MissingCount { field: "phone".into(), records: 2 }, MissingCount { field: "email".into(), records: 1 }]);
    }
}
