//! Data hygiene: duplicates, completeness, validation and decay, audited over a whole
//! dataset of deals, leads, contacts and accounts in one deterministic report.
//!
//! ```
//! use pipescore::hygiene::{compute, Hygiene};
//! use serde_json::json;
//!
//! let hygiene = Hygiene::with_default().unwrap();
//! let dataset = json!({
//!     "deals": [
//!         { "id": "d1", "name": "Renewal", "account": "Acme", "owner": "ana", "stage": "Proposal", "closeDate": "2026-12-15" },
//!         { "id": "d2", "name": "Expansion", "account": "Initech", "owner": "bo", "stage": "negotiation", "amount": "12000", "closeDate": "2026-10-01" }
//!     ],
//!     "contacts": [
//!         { "id": "c1", "firstName": "Jane", "lastName": "Doe", "email": "jane.doe@gmail.com", "updatedAt": "2024-01-10" },
//!         { "id": "c2", "firstName": "Jane", "lastName": "Doe", "email": "janedoe+crm@gmail.com", "updatedAt": "2026-11-01" }
//!     ]
//! });
//! let now = 1_795_521_600_000; // 2026-11-24T12:00:00Z
//! let report = compute(&hygiene, &dataset, now).unwrap();
//! let contacts = report.duplicates.contacts.as_ref().unwrap();
//! assert_eq!(contacts.duplicate_records.count, 1);
//! let worst = &report.validation.rules[0];
//! assert_eq!((worst.id.as_str(), worst.failing.count), ("close_date_passed", 1));
//! assert_eq!(worst.records[0].record.id.as_deref(), Some("d2"));
//! let amount = &report.validation.rules[1];
//! assert_eq!(amount.failing.explanation, "1 of 2 deals checked: failing \"Amount missing from Proposal on\"");
//! let stale = &report.decay.objects.contacts.as_ref().unwrap().stale_records;
//! assert_eq!(stale[0].record.id.as_deref(), Some("c1"));
//! ```
//!
//! # Config
//!
//! `{ pipeline, duplicates, completeness, validation, decay, spellings }`, each optional: a
//! section left out is the default's ([`Hygiene::default_config`]); `null` turns `pipeline`
//! or `duplicates` off. `pipeline` is a stage-gate config ([`crate::gates::Pipeline`]): deals'
//! stages are read against it (by id or label, in any case) and each stage's required fields
//! count towards completeness. `duplicates` is a [`Deduper`] config. The other sections are
//! per list (`deals`, `leads`, `contacts`, `accounts`); see `docs/hygiene.md`.

mod applies;
mod completeness;
mod config;
mod dataset;
mod decay;
pub mod dedupe;
mod records;
mod report;
mod spellings;
mod validation;

use std::collections::BTreeSet;

use serde_json::Value;

pub use completeness::{CompletenessReport, FieldFill, GroupFill, Grouping, IncompleteRecord, MissingCount};
pub use decay::{DateSource, ExpectedDecay, FieldDecay, ObjectDecay, StaleField, StaleRecord, EXPECTED_MONTHLY_DECAY, EXPECTED_YEARLY_DECAY};
pub use dedupe::{Deduper, DuplicateIndex, DuplicateLookup, DuplicateReport};
pub use records::{ByObject, ObjectKind, RecordRef, Tally};
pub use report::{DecayReport, Headline, HygieneReport, ValidationReport};
pub use spellings::{Spelling, SpellingGroup, SpellingReport};
pub use validation::{RuleFailure, RuleResult};

use crate::config::from_json;
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::gates::Pipeline;
use crate::path::key;
use crate::rules::EvalContext;
use completeness::Completeness;
use config::HygieneConfig;
use dataset::{DealStage, Stages};
use decay::Decay;
use records::in_list;
use spellings::SpellingCheck;
use validation::ValidationRule;

/// The embedded default completeness, validation, decay and spellings sections (see
/// `default.json`); the default pipeline and duplicate rules are those of
/// [`Pipeline::default_config`] and [`Deduper::default_config`].
const DEFAULT_CONFIG: &str = crate::config::minified_json!(include_str!("default.json"));

/// A compiled hygiene config: compile once, audit many datasets.
#[derive(Debug, Clone)]
pub struct Hygiene {
    stages: Option<Stages>,
    deduper: Option<Deduper>,
    completeness: ByObject<Completeness>,
    validation: ByObject<Vec<ValidationRule>>,
    decay: ByObject<Decay>,
    spellings: ByObject<Vec<SpellingCheck>>,
}

impl Hygiene {
    /// Compiles a hygiene config (see the module docs); sections left out are the default's.
    /// Config errors point at the offending value (`$.validation.deals[2].rule.and[0]`,
    /// `$.duplicates.contacts.rules[0].threshold`, `$.pipeline.stages[1].id`): those of the
    /// stage gates, of [`Deduper::compile`] and of the rules engine, and `INVALID_SHAPE`,
    /// `INVALID_ID`, `DUPLICATE_ID`, `EMPTY_FIELD`, `UNKNOWN_STAGE`, `NO_PIPELINES` (a
    /// `stages` filter without a pipeline), `INVALID_DECAY`.
    pub fn compile(config: &Value) -> Result<Hygiene> {
        let Value::Object(given) = config else {
            let message = format!("a hygiene config must be an object of sections (pipeline, duplicates, completeness, validation, decay, spellings), found {}", crate::read::describe(config.into()));
            return Err(Error::config(ErrorCode::InvalidShape, "$", message));
        };
        let mut merged = Hygiene::default_config();
        if let Value::Object(defaults) = &mut merged {
            for (name, value) in given {
                defaults.insert(name.clone(), value.clone());
            }
        }
        let spec: HygieneConfig = from_json(&merged, ErrorKind::Config)?;
        let stages = match &spec.pipeline {
            None => None,
            Some(pipeline) => Some(Stages::new(Pipeline::compile(pipeline).map_err(|e| e.within("$.pipeline"))?)),
        };
        let deduper = spec.duplicates.as_ref().map(|d| Deduper::compile(d).map_err(|e| e.within("$.duplicates"))).transpose()?;
        let mut hygiene = Hygiene {
            stages,
            deduper,
            completeness: ByObject::default(),
            validation: ByObject::default(),
            decay: ByObject::default(),
            spellings: ByObject::default(),
        };
        for kind in ObjectKind::ALL {
            let at = |section: &str| key(&key("$", section), kind.key());
            if let Some(c) = spec.completeness.get(kind) {
                *hygiene.completeness.slot(kind) = Some(Completeness::compile(kind, c, &at("completeness"))?);
            }
            if let Some(rules) = spec.validation.get(kind) {
                *hygiene.validation.slot(kind) = Some(validation::compile(kind, rules, hygiene.stages.as_ref(), &at("validation"))?);
            }
            if let Some(d) = spec.decay.objects.get(kind) {
                *hygiene.decay.slot(kind) = Some(decay::compile(kind, d, &spec.decay, hygiene.stages.as_ref(), &at("decay"))?);
            }
            if let Some(s) = spec.spellings.get(kind) {
                *hygiene.spellings.slot(kind) = Some(spellings::compile(kind, s, &at("spellings"))?);
            }
        }
        Ok(hygiene)
    }

    /// The default config compiled: the default B2B pipeline, duplicate rules, key fields,
    /// validation rules, decay limits and spelling checks.
    pub fn with_default() -> Result<Hygiene> {
        Hygiene::compile(&Hygiene::default_config())
    }

    /// The default config, as JSON: every section written out.
    pub fn default_config() -> Value {
        let mut config: Value = serde_json::from_str(DEFAULT_CONFIG).unwrap_or_default();
        if let Value::Object(sections) = &mut config {
            sections.insert("pipeline".to_owned(), Pipeline::default_config());
            sections.insert("duplicates".to_owned(), Deduper::default_config());
        }
        config
    }

    /// The duplicate rules, when the config has them: for a [`DuplicateIndex`] of the same
    /// rules the report applies.
    pub fn deduper(&self) -> Option<&Deduper> {
        self.deduper.as_ref()
    }

    /// The report of `dataset` at `now` (epoch ms); see [`compute`].
    pub fn report(&self, dataset: &Value, now: i64) -> Result<HygieneReport> {
        compute(self, dataset, now)
    }
}

/// Audits `dataset` (`{ deals, leads, contacts, accounts }`, each a list of pipescore records,
/// each optional) at `now` (epoch ms): duplicates, completeness by stage, owner and source,
/// validation rules, stale records and inconsistent spellings, each with the records behind
/// it. Deterministic. Input errors, at the offending value (`$.deals[3].closeDate`):
/// `INVALID_RECORD`, `UNKNOWN_KEY`, `NOT_A_LIST`, `UNKNOWN_PIPELINE`, `UNKNOWN_STAGE`,
/// `INVALID_TEXT`, `INVALID_DATE`, `INVALID_NUMBER`.
pub fn compute(hygiene: &Hygiene, dataset: &Value, now: i64) -> Result<HygieneReport> {
    let data = dataset::read(dataset)?;
    let ctx = EvalContext::new(now);
    let deal_stages: Vec<Option<DealStage>> = match (&hygiene.stages, &data.lists.deals) {
        (Some(stages), Some(deals)) => {
            deals.records.iter().enumerate().map(|(i, d)| stages.of(d).map_err(|e| in_list(e, ObjectKind::Deals, i, true))).collect::<Result<_>>()?
        }
        _ => Vec::new(),
    };
    let mut report = HygieneReport {
        now: crate::time::format_datetime(now),
        records: ByObject::default(),
        summary: Vec::new(),
        duplicates: ByObject::default(),
        completeness: ByObject::default(),
        validation: ValidationReport { rules: Vec::new(), failing_records: ByObject::default() },
        decay: DecayReport { objects: ByObject::default(), expected: ExpectedDecay::reference() },
        spellings: ByObject::default(),
        notes: Vec::new(),
    };
    let mut rules = Vec::new();
    for (kind, list) in data.lists.iter() {
        let noun = kind.key();
        *report.records.slot(kind) = Some(list.records.len() as u64);
        let stages: &[Option<DealStage>] = if kind == ObjectKind::Deals { &deal_stages } else { &[] };
        let mut note = |what: &str| report.notes.push(format!("{noun}: {what}"));
        match hygiene.deduper.as_ref().filter(|d| d.checks(kind)) {
            Some(deduper) => {
                let index = DuplicateIndex::build(deduper, kind, list.records).map_err(|e| e.within(&key("$", noun)))?;
                *report.duplicates.slot(kind) = Some(dedupe::report(&index));
            }
            None => note("not checked for duplicates: the config has no match rules for them"),
        }
        match hygiene.completeness.get(kind) {
            Some(c) => {
                let with_stages = match (kind, &hygiene.stages) {
                    (ObjectKind::Deals, Some(s)) => Some((s, stages)),
                    _ => None,
                };
                if kind == ObjectKind::Deals && with_stages.is_none() {
                    note("checked against their key fields only: the config has no pipeline, so no stage requires fields");
                }
                *report.completeness.slot(kind) = Some(c.check(list, with_stages, &ctx)?);
            }
            None => note("completeness not checked: the config has no completeness section for them"),
        }
        match hygiene.validation.get(kind).filter(|r| !r.is_empty()) {
            Some(object_rules) => {
                let mut failing = BTreeSet::new();
                for rule in object_rules {
                    let result = rule.run(list.records, &list.ids, stages, &ctx);
                    failing.extend(result.records.iter().map(|f| f.record.index));
                    rules.push(result);
                }
                let total = list.records.len() as u64;
                *report.validation.failing_records.slot(kind) = Some(Tally::new(failing.len() as u64, total, noun, "failing at least one validation rule"));
            }
            None => note("not validated: the config has no validation rules for them"),
        }
        match hygiene.decay.get(kind) {
            Some(d) => *report.decay.objects.slot(kind) = Some(d.check(list, stages, &ctx)?),
            None => note("decay not checked: the config has no decay section for them"),
        }
        match hygiene.spellings.get(kind).filter(|s| !s.is_empty()) {
            Some(checks) => *report.spellings.slot(kind) = Some(checks.iter().map(|c| c.check(list)).collect::<Result<_>>()?),
            None => note("spellings not checked: the config lists no fields for them"),
        }
    }
    crate::sort::sort_by(&mut rules, |a, b| b.failing.count.cmp(&a.failing.count));
    report.validation.rules = rules;
    report.summary = report.headlines();
    Ok(report)
}

#[cfg(test)]
mod tests;
