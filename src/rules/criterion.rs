//! A [`Rule`] with the words around it: an id, a label, a message and the fields it is about.

use serde::Serialize;
use serde_json::Value;

use super::explain::FailedCondition;
use super::{EvalContext, Rule};
use crate::config::{from_json, impl_from_json};
use crate::error::{ErrorKind, Result};
use crate::record::{PlanBuilder, RowRef, ScopeId};

/// Keys that make an object a criterion rather than a bare rule.
const CRITERION_KEYS: [&str; 6] = ["id", "label", "message", "fields", "rule", "severity"];

/// A rule plus what an admin wrote about it. Lead scoring, stage gates and deal health build
/// their checks from criteria.
///
/// Written either as a bare JsonLogic rule, or as an object whose keys are all among `id`,
/// `label`, `message`, `fields`, `severity` and `rule`, or that has a `rule` key (no operator
/// has one of those names, so the two forms can't be confused). In the object form `rule` is
/// required and other keys are errors, so a misspelt `lable` is reported rather than read as
/// an always-true literal object:
///
/// ```
/// use pipescore::rules::{Criterion, EvalContext};
/// use serde_json::json;
///
/// let c = Criterion::compile(&json!({
///     "id": "budget", "label": "Budget known", "message": "Ask for the budget range",
///     "rule": {"filled": {"var": "budget_range"}}
/// })).unwrap();
/// let outcome = c.check(&json!({"budget_range": " "}), &EvalContext::new(0));
/// assert!(!outcome.passed);
/// assert_eq!(outcome.message.as_deref(), Some("Ask for the budget range"));
/// assert_eq!(outcome.failures[0].description, "budget_range is empty");
/// assert_eq!(outcome.fields, ["budget_range"]);
/// ```
#[derive(Debug, Clone)]
pub struct Criterion {
    /// A stable id for the criterion, if given.
    pub id: Option<String>,
    /// A short name shown to users, if given.
    pub label: Option<String>,
    /// The message shown when the criterion fails, if given (otherwise one is generated).
    pub message: Option<String>,
    /// A severity, passed through to outcomes; engines built on criteria give it a meaning.
    pub severity: Option<String>,
    /// The fields the criterion is about: as written, else those the rule reads.
    pub fields: Vec<String>,
    /// The compiled rule.
    pub rule: Rule,
}

/// The object form, as written.
struct Spec {
    id: Option<String>,
    label: Option<String>,
    message: Option<String>,
    severity: Option<String>,
    fields: Option<Vec<String>>,
    rule: Value,
}

impl_from_json!(struct Spec, deny {
    id: "id" = None,
    label: "label" = None,
    message: "message" = None,
    severity: "severity" = None,
    fields: "fields" = None,
    rule: "rule",
});

/// The result of [`Criterion::check`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CriterionOutcome {
    /// The criterion's id.
    pub id: Option<String>,
    /// The criterion's label.
    pub label: Option<String>,
    /// Whether the rule's value was truthy.
    pub passed: bool,
    /// When it failed: the criterion's message, else the failing conditions' descriptions
    /// joined with `; `. `None` when it passed.
    pub message: Option<String>,
    /// The criterion's severity.
    pub severity: Option<String>,
    /// The fields the criterion is about.
    pub fields: Vec<String>,
    /// The conditions that made it fail (empty when it passed).
    pub failures: Vec<FailedCondition>,
}

impl Criterion {
    /// Reads a criterion from a bare rule or the object form (see [`Criterion`]). Errors in
    /// the object form point at its members (`$.rule.and[1]`, `$.label`).
    pub fn compile(value: &Value) -> Result<Criterion> {
        let is_object_form = value.as_object().is_some_and(|map| {
            map.contains_key("rule") || (!map.is_empty() && map.keys().all(|k| CRITERION_KEYS.contains(&k.as_str())))
        });
        if !is_object_form {
            return Rule::compile(value).map(Criterion::from_rule);
        }
        let spec: Spec = from_json(value, ErrorKind::Config)?;
        let rule = Rule::compile(&spec.rule).map_err(|e| e.within("$.rule"))?;
        let fields = spec.fields.unwrap_or_else(|| rule.fields().to_vec());
        Ok(Criterion { id: spec.id, label: spec.label, message: spec.message, severity: spec.severity, fields, rule })
    }

    /// A criterion with nothing but a rule (its fields are the rule's).
    pub fn from_rule(rule: Rule) -> Criterion {
        let fields = rule.fields().to_vec();
        Criterion { id: None, label: None, message: None, severity: None, fields, rule }
    }

    /// Checks a record. Passing costs one truthiness test; only a failure is explained.
    pub fn check(&self, data: &Value, ctx: &EvalContext) -> CriterionOutcome {
        let (passed, failures) = if self.rule.is_truthy(data, ctx) {
            (true, Vec::new())
        } else {
            (false, self.rule.explain(data, ctx).failures)
        };
        self.outcome(passed, failures)
    }

    /// This criterion with its rule bound to `plan` in `scope` (see [`Rule::bind`]).
    pub fn bind(&self, plan: &mut PlanBuilder, scope: ScopeId) -> Criterion {
        Criterion { rule: self.rule.bind(plan, scope), ..self.clone() }
    }

    /// [`Criterion::check`] on a row read with the plan the criterion was bound to.
    pub fn check_row(&self, row: RowRef<'_>, ctx: &EvalContext) -> CriterionOutcome {
        let (passed, failures) = if self.rule.is_truthy_row(row, ctx) {
            (true, Vec::new())
        } else {
            (false, self.rule.explain_row(row, ctx).failures)
        };
        self.outcome(passed, failures)
    }

    fn outcome(&self, passed: bool, failures: Vec<FailedCondition>) -> CriterionOutcome {
        let message = (!passed).then(|| {
            self.message.clone().unwrap_or_else(|| failures.iter().map(|f| f.description.as_str()).collect::<Vec<_>>().join("; "))
        });
        CriterionOutcome {
            id: self.id.clone(),
            label: self.label.clone(),
            passed,
            message,
            severity: self.severity.clone(),
            fields: self.fields.clone(),
            failures,
        }
    }
}
