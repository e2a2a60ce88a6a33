//! Which records a validation rule or a decay check applies to: deals by stage (open,
//! closed, won, lost, from a stage on, or a list), and any record by a `when` rule.

use serde_json::Value;

use super::config::StageFilterConfig;
use super::dataset::{DealStage, Stages};
use super::records::ObjectKind;
use crate::error::{Error, ErrorCode, Result};
use crate::gates::{unknown_stage_message, Outcome};
use crate::path::{index, key};
use crate::rules::{EvalContext, Rule};

/// A compiled filter of records.
#[derive(Debug, Clone)]
pub(crate) struct AppliesTo {
    /// Per pipeline, per stage: whether deals there are included. `None`: no stage filter.
    stages: Option<Vec<Vec<bool>>>,
    when: Option<Rule>,
    description: String,
}

impl AppliesTo {
    /// Compiles the filter of a rule or check of `kind` at `at` (its config path).
    pub(crate) fn compile(kind: ObjectKind, stages: Option<&StageFilterConfig>, when: Option<&Value>, pipeline: Option<&Stages>, at: &str) -> Result<AppliesTo> {
        let stages_at = key(at, "stages");
        let (included, mut description) = match stages {
            None => (None, format!("all {}", kind.key())),
            Some(_) if kind != ObjectKind::Deals => {
                return Err(Error::config(ErrorCode::InvalidShape, stages_at, format!("stages applies to deals only, not to {}", kind.key())));
            }
            Some(filter) => {
                let Some(pipeline) = pipeline else {
                    let message = "stages needs the hygiene config's pipeline, which is null: give a pipeline, or leave stages out";
                    return Err(Error::config(ErrorCode::NoPipelines, stages_at, message));
                };
                let (included, words) = stage_filter(filter, pipeline, &stages_at)?;
                (Some(included), words)
            }
        };
        let when = match when {
            None => None,
            Some(rule) => {
                let rule = Rule::compile(rule).map_err(|e| e.within(&key(at, "when")))?;
                description.push_str(&format!(" meeting its condition on {}", rule.fields().join(", ")));
                Some(rule)
            }
        };
        Ok(AppliesTo { stages: included, when, description })
    }

    /// Whether the filter keeps `record`, whose stage (deals) is `stage`.
    pub(crate) fn applies(&self, record: &Value, stage: Option<DealStage>, ctx: &EvalContext) -> bool {
        if let Some(included) = &self.stages {
            let kept = stage.and_then(|s| included.get(s.pipeline)?.get(s.stage).copied()).unwrap_or(false);
            if !kept {
                return false;
            }
        }
        self.when.as_ref().map_or(true, |rule| rule.is_truthy(record, ctx))
    }

    /// The records kept, in words: `open deals`, `deals in Proposal or a later stage…`.
    pub(crate) fn description(&self) -> &str {
        &self.description
    }
}

/// The stages a filter keeps, per pipeline, and its words.
fn stage_filter(filter: &StageFilterConfig, stages: &Stages, at: &str) -> Result<(Vec<Vec<bool>>, String)> {
    let by_outcome = |keep: &dyn Fn(Option<Outcome>) -> bool| -> Vec<Vec<bool>> {
        stages.pipelines().iter().map(|p| p.stages().iter().map(|s| keep(s.outcome)).collect()).collect()
    };
    let found = |name: &str, at: String| -> Result<Vec<Option<usize>>> {
        let positions = stages.find(name);
        if positions.iter().all(Option::is_none) {
            let known = stages.pipelines().first().map(|p| unknown_stage_message(name, p.stages())).unwrap_or_default();
            return Err(Error::config(ErrorCode::UnknownStage, at, known));
        }
        Ok(positions)
    };
    let label = |positions: &[Option<usize>]| {
        let first = positions.iter().enumerate().find_map(|(p, s)| Some((p, (*s)?)));
        first.and_then(|(p, s)| Some(stages.pipelines().get(p)?.stages().get(s)?.label.clone())).unwrap_or_default()
    };
    Ok(match filter {
        StageFilterConfig::Open => (by_outcome(&|o| o.is_none()), "open deals".to_owned()),
        StageFilterConfig::Closed => (by_outcome(&|o| o.is_some()), "closed deals".to_owned()),
        StageFilterConfig::Won => (by_outcome(&|o| o == Some(Outcome::Won)), "won deals".to_owned()),
        StageFilterConfig::Lost => (by_outcome(&|o| o == Some(Outcome::Lost)), "lost deals".to_owned()),
        StageFilterConfig::From(name) => {
            let positions = found(name, key(at, "from"))?;
            let included = stages
                .pipelines()
                .iter()
                .zip(&positions)
                .map(|(p, from)| p.stages().iter().map(|s| from.is_some_and(|f| s.order >= f) && s.outcome != Some(Outcome::Lost)).collect())
                .collect();
            (included, format!("deals in {} or a later stage, lost ones left out", label(&positions)))
        }
        StageFilterConfig::In(names) => {
            let mut included: Vec<Vec<bool>> = by_outcome(&|_| false);
            let mut labels = Vec::new();
            for (i, name) in names.iter().enumerate() {
                let positions = found(name, index(at, i))?;
                for (stages, position) in included.iter_mut().zip(&positions) {
                    if let Some(slot) = position.and_then(|s| stages.get_mut(s)) {
                        *slot = true;
                    }
                }
                labels.push(label(&positions));
            }
            (included, format!("deals in {}", labels.join(", ")))
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gates::Pipeline;
    use serde_json::json;

    fn stages() -> Stages {
        Stages::new(Pipeline::compile(&Pipeline::default_config()).unwrap())
    }

    fn kept(filter: StageFilterConfig) -> Vec<&'static str> {
        let s = stages();
        let applies = AppliesTo::compile(ObjectKind::Deals, Some(&filter), None, Some(&s), "$.x").unwrap();
        let ids = ["prospecting", "discovery", "demo", "proposal", "negotiation", "closed_won", "closed_lost"];
        let ctx = EvalContext::new(0);
        ids.into_iter().enumerate().filter(|(i, _)| applies.applies(&json!({}), Some(DealStage { pipeline: 0, stage: *i }), &ctx)).map(|(_, id)| id).collect()
    }

    #[test]
    fn stage_filters() {
        assert_eq!(kept(StageFilterConfig::Open), ["prospecting", "discovery", "demo", "proposal", "negotiation"]);
        assert_eq!(kept(StageFilterConfig::Closed), ["closed_won", "closed_lost"]);
        assert_eq!(kept(StageFilterConfig::Won), ["closed_won"]);
        assert_eq!(kept(StageFilterConfig::From("Proposal".into())), ["proposal", "negotiation", "closed_won"]);
        assert_eq!(kept(StageFilterConfig::In(vec!["demo".into(), "Closed Lost".into()])), ["demo", "closed_lost"]);
    }

    #[test]
    fn when_rules_and_descriptions() {
        let s = stages();
        let when = json!({ ">": [{ "var": "amount" }, 100] });
        let a = AppliesTo::compile(ObjectKind::Deals, Some(&StageFilterConfig::Open), Some(&when), Some(&s), "$.x").unwrap();
        assert_eq!(a.description(), "open deals meeting its condition on amount");
        let ctx = EvalContext::new(0);
        let open = Some(DealStage { pipeline: 0, stage: 0 });
        assert!(a.applies(&json!({ "amount": 500 }), open, &ctx));
        assert!(!a.applies(&json!({ "amount": 5 }), open, &ctx));
        assert!(!a.applies(&json!({ "amount": 500 }), None, &ctx), "a stage filter needs a stage");
        let all = AppliesTo::compile(ObjectKind::Leads, None, None, None, "$.x").unwrap();
        assert_eq!(all.description(), "all leads");
    }

    #[test]
    fn filter_errors() {
        let s = stages();
        let e = AppliesTo::compile(ObjectKind::Leads, Some(&StageFilterConfig::Open), None, Some(&s), "$.v[0]").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidShape, "$.v[0].stages"));
        let e = AppliesTo::compile(ObjectKind::Deals, Some(&StageFilterConfig::Open), None, None, "$.v[0]").unwrap_err();
        assert_eq!(e.code, ErrorCode::NoPipelines);
        let e = AppliesTo::compile(ObjectKind::Deals, Some(&StageFilterConfig::From("quote".into())), None, Some(&s), "$.v[0]").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownStage, "$.v[0].stages.from"));
        let e = AppliesTo::compile(ObjectKind::Deals, Some(&StageFilterConfig::In(vec!["demo".into(), "x".into()])), None, Some(&s), "$.v[0]").unwrap_err();
        assert_eq!(e.path, "$.v[0].stages[1]");
        let e = AppliesTo::compile(ObjectKind::Deals, None, Some(&json!({ "nope": [] })), Some(&s), "$.v[0]").unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownOperator, "$.v[0].when"));
    }
}
