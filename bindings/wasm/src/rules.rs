//! `Rule`: a JsonLogic rule (or a criterion: a rule with an id, label and message) compiled
//! once, evaluated against many records.

use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;

use super::{Thrown, config_from_js, from_js, read_options, to_js};
use pipescore::error::ErrorCode;
use pipescore::rules::{Criterion, CriterionOutcome, EvalContext};
use pipescore::Error;

/// A compiled JsonLogic rule (with pipescore's CRM operators).
#[wasm_bindgen]
pub struct Rule {
    inner: Criterion,
}

/// What `rule.explain()` returns: the value plus the criterion's outcome.
#[derive(Serialize)]
struct RuleExplanation {
    value: Value,
    #[serde(flatten)]
    outcome: CriterionOutcome,
}

#[wasm_bindgen]
impl Rule {
    /// Compiles a bare JsonLogic rule or a criterion `{ rule, id?, label?, message?, fields? }`;
    /// throws `PipescoreConfigError` (e.g. `UNKNOWN_OPERATOR` at `$.and[1]`).
    #[wasm_bindgen(constructor)]
    pub fn new(rule: JsValue) -> Result<Rule, Thrown> {
        let json = config_from_js(&rule, "the rule")?;
        Ok(Rule { inner: Criterion::compile(&json)? })
    }

    /// The rule's value for `record`.
    pub fn evaluate(&self, record: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let ctx = EvalContext::new(read_options(&options)?.now);
        let data = from_js(&record, "the record")?;
        to_js(&self.inner.rule.evaluate(&data, &ctx))
    }

    /// The rule's value for each record of `records` (an array), in order.
    #[wasm_bindgen(js_name = evaluateMany)]
    pub fn evaluate_many(&self, records: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let ctx = EvalContext::new(read_options(&options)?.now);
        let Value::Array(items) = from_js(&records, "the records")? else {
            return Err(Error::input(ErrorCode::NotAList, "$", "evaluateMany takes an array of records").into());
        };
        let values: Vec<Value> = items.iter().map(|item| self.inner.rule.evaluate(item, &ctx)).collect();
        to_js(&values)
    }

    /// The value, whether it passed, the message, and the conditions that failed with their
    /// fields.
    pub fn explain(&self, record: JsValue, options: JsValue) -> Result<JsValue, Thrown> {
        let ctx = EvalContext::new(read_options(&options)?.now);
        let data = from_js(&record, "the record")?;
        let value = self.inner.rule.evaluate(&data, &ctx);
        to_js(&RuleExplanation { value, outcome: self.inner.check(&data, &ctx) })
    }

    /// The record fields the rule is about: as the criterion lists them, else the `var` paths
    /// and `missing` keys it reads, in order.
    #[wasm_bindgen(getter)]
    pub fn fields(&self) -> Vec<String> {
        self.inner.fields.clone()
    }
}
