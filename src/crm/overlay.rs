//! Pipeline configs from a CRM's stage definitions, with an overlay of what the CRM does not
//! define: exit and entry criteria, guidance, key and required fields, expected days (and, to
//! correct the CRM's, labels, probabilities and forecast categories), move rules and handoffs.
//!
//! An overlay is `{ label?, stages?: { "<stage id or label>": { label?, probability?,
//! forecastCategory?, expectedDays?, guidance?, keyFields?, requiredFields?, entry?, exit? } },
//! rules?, handoffs? }` (Salesforce's also `id?`), each member as in a pipeline config; stage
//! keys are matched by id or label as the reading contract compares stage names. Unknown keys,
//! and stage keys that name no stage, are errors.

use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use crate::config::{from_json, impl_from_json, object, DeError, FromJson};
use crate::crm::build::{self, num};
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::gates::Pipeline;
use crate::path::key;
use crate::read::StageNames;

/// A stage as a CRM defines it.
#[derive(Debug, Clone)]
pub(crate) struct CrmStage {
    /// Its id (HubSpot's stage id, Salesforce's API name).
    pub id: String,
    /// Its label.
    pub label: String,
    /// Win probability, 0–1, when the CRM gives one.
    pub probability: Option<f64>,
    /// Forecast category (pipescore's name), when the CRM gives one.
    pub category: Option<&'static str>,
    /// `won` or `lost` for a closed stage.
    pub outcome: Option<&'static str>,
    /// The stage's path in the CRM payload, for errors.
    pub path: String,
}

/// A pipeline as a CRM defines it: stages in the CRM's order.
#[derive(Debug, Clone)]
pub(crate) struct CrmPipeline {
    pub id: String,
    pub label: String,
    pub stages: Vec<CrmStage>,
    /// The path of its stage list in the CRM payload.
    pub stages_path: String,
}

/// The overlay of one pipeline, read.
#[derive(Debug, Default)]
struct Overlay {
    id: Option<String>,
    label: Option<String>,
    stages: BTreeMap<String, StageOverlay>,
    rules: Option<Value>,
    handoffs: Option<Value>,
}

impl_from_json!(struct Overlay, deny {
    id: "id" = None,
    label: "label" = None,
    stages: "stages" = BTreeMap::new(),
    rules: "rules" = None,
    handoffs: "handoffs" = None,
});

/// The overlay of one stage: its members, checked against the known ones; their values are
/// checked when the pipeline compiles.
#[derive(Debug, Default)]
struct StageOverlay(Map<String, Value>);

/// The members a stage overlay may have.
const STAGE_MEMBERS: &[&str] =
    &["label", "probability", "forecastCategory", "expectedDays", "guidance", "keyFields", "requiredFields", "entry", "exit"];

impl FromJson for StageOverlay {
    fn from_json(value: &Value) -> Result<StageOverlay, DeError> {
        object(value, "struct StageOverlay", STAGE_MEMBERS, true, &mut |_, _| Ok(()))?;
        Ok(StageOverlay(value.as_object().cloned().unwrap_or_default()))
    }
}

/// The pipeline config of `crm` with `overlay` (`null` for none) at `overlay_path` (`$`, or
/// `$.pipelines["default"]`). `allow_id`: whether the overlay may rename the pipeline (a
/// HubSpot pipeline keeps the id its deals name). Checked by compiling it.
pub(crate) fn config(crm: CrmPipeline, overlay: &Value, overlay_path: &str, allow_id: bool) -> Result<Value> {
    let overlay: Overlay = match overlay {
        Value::Null => Overlay::default(),
        other => from_json(other, ErrorKind::Config).map_err(|e| e.within(overlay_path))?,
    };
    if overlay.id.is_some() && !allow_id {
        let message = "a HubSpot pipeline keeps its id, which its deals name in pipeline; set a label instead";
        return Err(Error::config(ErrorCode::InvalidShape, key(overlay_path, "id"), message));
    }
    let CrmPipeline { id, label, stages, stages_path } = crm;
    // Open stages first, in the CRM's order, then the closed ones.
    let (mut ordered, closed): (Vec<CrmStage>, Vec<CrmStage>) = stages.into_iter().partition(|s| s.outcome.is_none());
    ordered.extend(closed);
    let names = StageNames::new(ordered.iter().map(|s| (s.id.as_str(), Some(s.label.as_str()))));
    let mut overlays: Vec<Option<(&str, &StageOverlay)>> = vec![None; ordered.len()];
    for (name, stage) in &overlay.stages {
        let at = key(&key(overlay_path, "stages"), name);
        let Some(i) = names.find(name) else {
            let known: Vec<&str> = ordered.iter().map(|s| s.id.as_str()).collect();
            return Err(Error::config(ErrorCode::UnknownStage, at, format!("unknown stage \"{name}\"; the stages are: {}", known.join(", "))));
        };
        match overlays.get_mut(i) {
            Some(slot @ None) => *slot = Some((name.as_str(), stage)),
            Some(Some((first, _))) => {
                let message = format!("\"{name}\" and \"{first}\" name the same stage, {}; merge them", ordered[i].id);
                return Err(Error::config(ErrorCode::DuplicateId, at, message));
            }
            None => {}
        }
    }
    let mut list = Vec::with_capacity(ordered.len());
    for (stage, extra) in ordered.iter().zip(&overlays) {
        list.push(stage_config(stage, extra.map(|(name, o)| (name, o, overlay_path)))?);
    }
    let mut pipeline = json!({ "id": overlay.id.clone().unwrap_or(id), "label": overlay.label.clone().unwrap_or(label), "stages": list });
    for (name, value) in [("rules", &overlay.rules), ("handoffs", &overlay.handoffs)] {
        if let Some(value) = value {
            pipeline[name] = value.clone();
        }
    }
    if let Err(e) = Pipeline::compile(&pipeline) {
        return Err(reroot(e, &ordered, &overlays, overlay_path, &stages_path));
    }
    Ok(pipeline)
}

/// One stage's config: the CRM's id, label, probability, forecast category and outcome, and
/// the overlay's members over them. A stage without a probability is an
/// `INVALID_PROBABILITY` error at its CRM path unless the overlay gives one.
fn stage_config(stage: &CrmStage, overlay: Option<(&str, &StageOverlay, &str)>) -> Result<Value> {
    let mut out = Map::new();
    out.insert("id".into(), json!(stage.id));
    out.insert("label".into(), json!(stage.label));
    if let Some(p) = stage.probability {
        out.insert("probability".into(), num(p));
    }
    let category = stage.category.unwrap_or(match stage.outcome {
        Some("won") => "closed",
        Some(_) => "omitted",
        None => "pipeline",
    });
    out.insert("forecastCategory".into(), json!(category));
    if let Some(outcome) = stage.outcome {
        out.insert("outcome".into(), json!(outcome));
    }
    if let Some((name, extra, base)) = overlay {
        for (member, value) in &extra.0 {
            let value = match member.as_str() {
                "forecastCategory" => {
                    let at = || key(&key(&key(base, "stages"), name), member);
                    build::forecast_category(value, ErrorKind::Config, at)?.map_or(Value::Null, |c| json!(c))
                }
                _ => value.clone(),
            };
            out.insert(member.clone(), value);
        }
    }
    if !out.contains_key("probability") {
        let message = format!("stage \"{}\" has no win probability; give it one in the CRM or in the overlay (probability, 0 to 1)", stage.id);
        return Err(Error::config(ErrorCode::InvalidProbability, stage.path.clone(), message));
    }
    Ok(Value::Object(out))
}

/// A compile error of the built config, at the path it has in the overlay (for what the
/// overlay gave) or in the CRM payload (for what the CRM gave).
fn reroot(mut e: Error, stages: &[CrmStage], overlays: &[Option<(&str, &StageOverlay)>], overlay_path: &str, stages_path: &str) -> Error {
    let path = e.path.clone();
    if path.starts_with("$.rules") || path.starts_with("$.handoffs") || path == "$.label" {
        e.path = format!("{overlay_path}{}", &path[1..]);
        return e;
    }
    let Some(rest) = path.strip_prefix("$.stages") else { return e };
    let parsed = rest.strip_prefix('[').and_then(|r| r.split_once(']')).and_then(|(i, tail)| Some((i.parse::<usize>().ok()?, tail)));
    let Some((i, tail)) = parsed else {
        e.path = stages_path.to_owned();
        return e;
    };
    let member = tail.trim_start_matches('.').split(['.', '[']).next().unwrap_or_default();
    e.path = match overlays.get(i).copied().flatten() {
        Some((name, overlay)) if overlay.0.contains_key(member) => format!("{}{tail}", key(&key(overlay_path, "stages"), name)),
        _ => stages.get(i).map_or_else(|| stages_path.to_owned(), |s| s.path.clone()),
    };
    e
}

#[cfg(test)]
mod tests {
    use super::*;

    fn crm() -> CrmPipeline {
        let stage = |id: &str, label: &str, p: f64, outcome: Option<&'static str>, i: usize| CrmStage {
            id: id.into(),
            label: label.into(),
            probability: Some(p),
            category: None,
            outcome,
            path: format!("$.stages[{i}]"),
        };
        CrmPipeline {
            id: "default".into(),
            label: "Sales".into(),
            stages: vec![
                stage("won", "Closed Won", 1.0, Some("won"), 0),
                stage("a1b2-c3", "Discovery Call", 0.2, None, 1),
                stage("lost", "Closed Lost", 0.0, Some("lost"), 2),
            ],
            stages_path: "$.stages".into(),
        }
    }

    #[test]
    fn open_stages_come_first_and_overlays_match_by_label() {
        let overlay = json!({"stages": {"discovery call": {"expectedDays": 14, "forecastCategory": "Best Case",
            "exit": [{"id": "amount", "rule": {">": [{"var": "amount"}, 0]}}]}}});
        let config = config(crm(), &overlay, "$", false).unwrap();
        let ids: Vec<&str> = config["stages"].as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap()).collect();
        assert_eq!(ids, ["a1b2-c3", "won", "lost"]);
        assert_eq!(config["stages"][0]["expectedDays"], json!(14));
        assert_eq!(config["stages"][0]["forecastCategory"], json!("best_case"));
        assert_eq!(config["stages"][1]["forecastCategory"], json!("closed"));
        assert_eq!(config["stages"][2]["forecastCategory"], json!("omitted"));
    }

    #[test]
    fn overlay_errors_point_into_the_overlay() {
        let e = config(crm(), &json!({"stages": {"Nope": {}}}), "$", false).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownStage, "$.stages.Nope"));
        let e = config(crm(), &json!({"stages": {"won": {"guidanse": "x"}}}), "$", false).unwrap_err();
        assert_eq!(e.path, "$.stages.won.guidanse");
        let e = config(crm(), &json!({"stages": {"Discovery Call": {"exit": [{"id": "x", "rule": {"nope": []}}]}}}), "$", false).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::UnknownOperator, "$.stages[\"Discovery Call\"].exit[0].rule"));
        let e = config(crm(), &json!({"stages": {"won": {"exit": [{"id": "x", "rule": true}]}}}), "$", false).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::ExitCriteriaOnTerminalStage, "$.stages.won.exit"));
        let e = config(crm(), &json!({"stages": {"won": {}, "Closed Won": {}}}), "$", false).unwrap_err();
        assert_eq!(e.code, ErrorCode::DuplicateId);
        let e = config(crm(), &json!({"id": "x"}), "$", false).unwrap_err();
        assert_eq!(e.path, "$.id");
        let e = config(crm(), &json!({"rules": {"creationStages": ["nope"]}}), "$", false).unwrap_err();
        assert_eq!(e.path, "$.rules.creationStages[0]");
    }

    #[test]
    fn crm_errors_point_into_the_crm_payload() {
        let mut bad = crm();
        bad.stages[0].probability = Some(0.9);
        let e = config(bad, &Value::Null, "$", false).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidProbability, "$.stages[0]"));
        let mut missing = crm();
        missing.stages.retain(|s| s.outcome != Some("lost"));
        let e = config(missing, &Value::Null, "$", false).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::MissingTerminalStage, "$.stages"));
        let mut none = crm();
        none.stages[1].probability = None;
        let e = config(none, &Value::Null, "$", false).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidProbability, "$.stages[1]"));
    }
}
