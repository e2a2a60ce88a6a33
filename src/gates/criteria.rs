//! Gate criteria: compiled with the rules engine's [`Criterion`], checked against a record.

use serde::Serialize;
use serde_json::Value;

use super::compile::{duplicate, non_empty};
use super::config::CriterionShape;
use super::model::{GateCriterion, Severity};
use super::report::Tally;
use crate::config::from_json;
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::path::{index, key};
use crate::record::{PlanBuilder, RowRef, ROOT};
use crate::rules::{Criterion, CriterionOutcome, EvalContext};

/// The met and unmet criteria of a list, and the share of `required` ones met.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CriteriaReport {
    /// Criteria the record meets.
    pub met: Vec<CriterionOutcome>,
    /// Criteria it does not meet, each with its message and failing conditions.
    pub unmet: Vec<CriterionOutcome>,
    /// Whole percent of the `required` criteria met, rounded down; 100 when there are none.
    pub completeness: u8,
}

impl GateCriterion {
    /// Checks the criterion against a JSON record: whether it passed, and if not, the message
    /// and the conditions that failed.
    pub fn check(&self, record: &Value, ctx: &EvalContext) -> CriterionOutcome {
        self.criterion.check(record, ctx)
    }

    /// [`GateCriterion::check`] on a row of the pipeline's plan.
    pub(crate) fn check_row(&self, record: RowRef<'_>, ctx: &EvalContext) -> CriterionOutcome {
        self.criterion.check_row(record, ctx)
    }

    /// Binds the criterion to `plan` (the record's scope).
    pub(crate) fn bind(&mut self, plan: &mut PlanBuilder) {
        self.criterion = self.criterion.bind(plan, ROOT);
    }
}

/// Checks every criterion of `list`; `tally` counts the required ones.
pub(crate) fn report(list: &[GateCriterion], record: RowRef<'_>, ctx: &EvalContext, tally: &mut Tally) -> CriteriaReport {
    let mut own = Tally::default();
    let (mut met, mut unmet) = (Vec::new(), Vec::new());
    for criterion in list {
        let outcome = criterion.check_row(record, ctx);
        if criterion.severity == Severity::Required {
            own.add(outcome.passed);
        }
        if outcome.passed { met.push(outcome) } else { unmet.push(outcome) }
    }
    tally.merge(own);
    CriteriaReport { met, unmet, completeness: own.percent() }
}

/// Compiles a list of criteria; ids must be unique in the list and among `siblings`.
pub(crate) fn compile_list(configs: &[Value], path: &str, siblings: &[GateCriterion]) -> Result<Vec<GateCriterion>> {
    let mut out: Vec<GateCriterion> = Vec::with_capacity(configs.len());
    for (i, config) in configs.iter().enumerate() {
        let item = index(path, i);
        let compiled = compile(config, &item)?;
        if out.iter().chain(siblings).any(|c| c.id == compiled.id) {
            return Err(duplicate(ErrorCode::DuplicateId, key(&item, "id"), "criterion", &compiled.id));
        }
        out.push(compiled);
    }
    Ok(out)
}

/// Compiles one criterion, `{ id, rule, label?, message?, fields?, severity? }`, found at `path`.
fn compile(config: &Value, path: &str) -> Result<GateCriterion> {
    if config.get("id").is_none() || config.get("rule").is_none() {
        return Err(Error::config(
            ErrorCode::InvalidShape,
            path,
            "a criterion is an object with an id and a rule: { \"id\": \"budget\", \"rule\": { \"filled\": { \"var\": \"budget\" } }, \"message\": \"Ask for the budget\" }",
        ));
    }
    let shape: CriterionShape = from_json(config, ErrorKind::Config).map_err(|e| e.within(path))?;
    non_empty(&shape.id, key(path, "id"), "a criterion id")?;
    let mut criterion = Criterion::compile(config).map_err(|e| e.within(path))?;
    criterion.label.get_or_insert_with(|| shape.id.clone());
    criterion.severity = Some(shape.severity.name().to_owned());
    Ok(GateCriterion { id: shape.id, severity: shape.severity, criterion })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn list(configs: Value) -> Result<Vec<GateCriterion>> {
        compile_list(configs.as_array().map_or(&[][..], Vec::as_slice), "$.exit", &[])
    }

    #[test]
    fn compiles_criteria_with_defaults() {
        let c = list(json!([{"id": "budget", "rule": {"filled": {"var": "budget"}}}])).unwrap();
        assert_eq!(c[0].severity, Severity::Required);
        assert_eq!(c[0].criterion.label.as_deref(), Some("budget"));
        assert_eq!(c[0].criterion.severity.as_deref(), Some("required"));
        assert_eq!(c[0].criterion.fields, ["budget"]);
    }

    #[test]
    fn rejects_bad_criteria_at_their_path() {
        let cases = [
            (json!([{"id": "a", "rule": {"fillled": {"var": "x"}}}]), "UNKNOWN_OPERATOR", "$.exit[0].rule"),
            (json!([{"rule": true}]), "INVALID_SHAPE", "$.exit[0]"),
            (json!([{"id": "a", "rule": true, "mesage": "typo"}]), "INVALID_SHAPE", "$.exit[0].mesage"),
            (json!([{"id": "a", "rule": true, "severity": "must"}]), "INVALID_SHAPE", "$.exit[0].severity"),
            (json!([{"id": "a", "rule": true, "fields": [1]}]), "INVALID_SHAPE", "$.exit[0].fields[0]"),
            (json!([{"id": " ", "rule": true}]), "INVALID_ID", "$.exit[0].id"),
            (json!([{"id": "a", "rule": true}, {"id": "a", "rule": false}]), "DUPLICATE_ID", "$.exit[1].id"),
            (json!([{"filled": {"var": "x"}}]), "INVALID_SHAPE", "$.exit[0]"),
            (json!(["x"]), "INVALID_SHAPE", "$.exit[0]"),
        ];
        for (config, code, path) in cases {
            let err = list(config.clone()).unwrap_err();
            assert_eq!((err.code.as_str(), err.path.as_str()), (code, path), "{config}: {}", err.message);
        }
    }

    #[test]
    fn reports_met_and_unmet_with_required_completeness() {
        let c = list(json!([
            {"id": "a", "rule": {"filled": {"var": "a"}}, "message": "Fill a"},
            {"id": "b", "rule": {"filled": {"var": "b"}}},
            {"id": "c", "rule": {"filled": {"var": "c"}}, "severity": "recommended"}
        ]))
        .unwrap();
        let mut plan = PlanBuilder::new();
        let mut c = c;
        c.iter_mut().for_each(|criterion| criterion.bind(&mut plan));
        let records = crate::record::Records::from_json(&plan.finish(), [&json!({"a": 1})]);
        let mut tally = Tally::default();
        let r = report(&c, records.record(0).unwrap(), &EvalContext::new(0), &mut tally);
        assert_eq!(r.met.len(), 1);
        assert_eq!(r.unmet.iter().map(|o| o.id.as_deref()).collect::<Vec<_>>(), [Some("b"), Some("c")]);
        assert_eq!(r.unmet[0].message.as_deref(), Some("b is empty"));
        assert_eq!(r.completeness, 50);
        assert_eq!((tally.done, tally.total), (1, 2));
    }
}
