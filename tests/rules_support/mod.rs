//! Shared by the rule tests: a rule evaluated on the record read into cells by its own plan
//! (`Rule::bind`), which must give what it gives on the record's JSON.

use pipescore::record::{PlanBuilder, Records, ROOT};
use pipescore::rules::{EvalContext, Explanation, Rule};
use serde_json::Value;

/// The rule's value, truthiness and explanation on `data` read by the rule's plan.
pub fn on_rows(rule: &Rule, data: &Value, ctx: &EvalContext) -> (Value, bool, Explanation) {
    let mut plan = PlanBuilder::new();
    let bound = rule.bind(&mut plan, ROOT);
    let plan = plan.finish();
    let records = Records::from_json(&plan, [data]);
    let row = records.record(0).expect("one record");
    (bound.evaluate_row(row, ctx), bound.is_truthy_row(row, ctx), bound.explain_row(row, ctx))
}

/// Panics unless the rule gives the same value, truthiness and explanation on rows as on JSON.
pub fn assert_rows_agree(rule: &Rule, data: &Value, ctx: &EvalContext, context: &str) {
    let (value, truthy, why) = on_rows(rule, data, ctx);
    assert_eq!(value, rule.evaluate(data, ctx), "value on rows: {context}");
    assert_eq!(truthy, rule.is_truthy(data, ctx), "truthiness on rows: {context}");
    assert_eq!(why, rule.explain(data, ctx), "explanation on rows: {context}");
}
