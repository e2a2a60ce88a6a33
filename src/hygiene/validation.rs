//! Validation rules run over a whole dataset: pipescore criteria (JsonLogic with the CRM
//! operators), each limited to the records it applies to, with the failing records and the
//! failing conditions in words.

use serde::Serialize;

use super::applies::AppliesTo;
use super::config::ValidationConfig;
use super::dataset::{DealStage, Stages};
use super::records::{ObjectKind, RecordRef, Tally};
use crate::error::{Error, ErrorCode, Result};
use crate::path::{index, key};
use crate::rules::{Criterion, EvalContext, FailedCondition};

/// A compiled validation rule.
#[derive(Debug, Clone)]
pub(crate) struct ValidationRule {
    kind: ObjectKind,
    /// The criterion: its id, label and message are always set.
    criterion: Criterion,
    applies: AppliesTo,
}

/// One rule run over its records.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleResult {
    /// The rule's id.
    pub id: String,
    /// What records it checks.
    pub object: ObjectKind,
    /// Its label (the id when the config gives none).
    pub label: String,
    /// The records it applies to, in words (`open deals`).
    pub applies_to: String,
    /// Records it applied to, out of the object's records.
    pub checked: Tally,
    /// Records failing it, out of those it applied to.
    pub failing: Tally,
    /// The failing records, by position, with why.
    pub records: Vec<RuleFailure>,
}

/// A record failing a rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleFailure {
    /// The record.
    pub record: RecordRef,
    /// The rule's message, else its failing conditions joined.
    pub message: String,
    /// The conditions of the rule that failed, in words.
    pub failures: Vec<FailedCondition>,
}

/// Compiles an object's validation rules from their config at `at` (`$.validation.deals`).
pub(crate) fn compile(kind: ObjectKind, configs: &[ValidationConfig], stages: Option<&Stages>, at: &str) -> Result<Vec<ValidationRule>> {
    let mut rules: Vec<ValidationRule> = Vec::with_capacity(configs.len());
    for (i, config) in configs.iter().enumerate() {
        let rule_at = index(at, i);
        if config.id.trim().is_empty() {
            return Err(Error::config(ErrorCode::InvalidId, key(&rule_at, "id"), "a validation rule's id cannot be empty"));
        }
        if rules.iter().any(|r| r.criterion.id.as_deref() == Some(config.id.as_str())) {
            let message = format!("two validation rules of {} have the id \"{}\"", kind.key(), config.id);
            return Err(Error::config(ErrorCode::DuplicateId, key(&rule_at, "id"), message));
        }
        let mut criterion = Criterion::compile(&config.criterion).map_err(|e| e.within(&rule_at))?;
        criterion.label = criterion.label.or_else(|| Some(config.id.clone()));
        let applies = AppliesTo::compile(kind, config.stages.as_ref(), config.when.as_ref(), stages, &rule_at)?;
        rules.push(ValidationRule { kind, criterion, applies });
    }
    Ok(rules)
}

impl ValidationRule {
    /// Runs the rule over `records` (whose ids are `ids` and, for deals, stages `stages`).
    pub(crate) fn run(&self, records: &[serde_json::Value], ids: &[Option<String>], stages: &[Option<DealStage>], ctx: &EvalContext) -> RuleResult {
        let noun = self.kind.key();
        let mut checked = 0u64;
        let mut failures = Vec::new();
        for (i, record) in records.iter().enumerate() {
            if !self.applies.applies(record, stages.get(i).copied().flatten(), ctx) {
                continue;
            }
            checked += 1;
            let outcome = self.criterion.check(record, ctx);
            if !outcome.passed {
                failures.push(RuleFailure {
                    record: RecordRef { index: i, id: ids.get(i).cloned().flatten() },
                    message: outcome.message.unwrap_or_default(),
                    failures: outcome.failures,
                });
            }
        }
        let label = self.criterion.label.clone().unwrap_or_default();
        let applies_to = self.applies.description().to_owned();
        RuleResult {
            id: self.criterion.id.clone().unwrap_or_default(),
            object: self.kind,
            checked: Tally::new(checked, records.len() as u64, noun, &format!("{applies_to}, which the rule checks")),
            failing: Tally::new(failures.len() as u64, checked, &format!("{noun} checked"), &format!("failing \"{label}\"")),
            label,
            applies_to,
            records: failures,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gates::Pipeline;
    use serde_json::{json, Value};

    fn rules(kind: ObjectKind, config: Value) -> Result<Vec<ValidationRule>> {
        let configs: Vec<ValidationConfig> = crate::config::from_json(&config, crate::error::ErrorKind::Config)?;
        let stages = Stages::new(Pipeline::compile(&Pipeline::default_config()).unwrap());
        compile(kind, &configs, Some(&stages), "$.validation.deals")
    }

    #[test]
    fn rules_report_failing_records_in_words() {
        let compiled = rules(
            ObjectKind::Deals,
            json!([{ "id": "amount_set", "stages": { "from": "proposal" }, "rule": { ">": [{ "var": "amount" }, 0] } }]),
        )
        .unwrap();
        let deals = [json!({ "stage": "proposal", "amount": "0" }), json!({ "stage": "demo" }), json!({ "stage": "closed_won", "amount": 50 })];
        let stages = [Some(DealStage { pipeline: 0, stage: 3 }), Some(DealStage { pipeline: 0, stage: 2 }), Some(DealStage { pipeline: 0, stage: 5 })];
        let result = compiled[0].run(&deals, &[None, None, None], &stages, &EvalContext::new(0));
        assert_eq!(result.checked.explanation, "2 of 3 deals: deals in Proposal or a later stage, lost ones left out, which the rule checks");
        assert_eq!(result.failing.explanation, "1 of 2 deals checked: failing \"amount_set\"");
        assert_eq!(result.records[0].message, "amount must be > 0 (is \"0\")");
        assert_eq!(result.records[0].failures[0].fields, ["amount"]);
    }

    #[test]
    fn rule_errors_point_into_the_config() {
        let e = rules(ObjectKind::Deals, json!([{ "id": "x", "rule": { "nope": [] } }])).err().unwrap();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownOperator, "$.validation.deals[0].rule"));
        let e = rules(ObjectKind::Deals, json!([{ "id": "x", "rule": true }, { "id": "x", "rule": true }])).err().unwrap();
        assert_eq!(e.code, ErrorCode::DuplicateId);
        let e = rules(ObjectKind::Deals, json!([{ "id": "x", "rule": true, "lable": "y" }])).err().unwrap();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidShape, "$[0].lable"));
        let e = rules(ObjectKind::Deals, json!([{ "id": "x" }])).err().unwrap();
        assert!(e.message.contains("missing field `rule`"), "{}", e.message);
    }
}
