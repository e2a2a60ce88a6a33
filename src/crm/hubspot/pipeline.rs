//! HubSpot's deal pipelines (`GET /crm/v3/pipelines/deals`) as pipeline configs, and the
//! preset for HubSpot's default sales pipeline.

use serde_json::{json, Value};

use crate::crm::build;
use crate::crm::overlay::{self, CrmPipeline, CrmStage};
use crate::error::{Error, ErrorCode, Result};
use crate::path::{index, key};
use crate::read;

/// The preset for HubSpot's default sales pipeline (see `hubspot_default_pipeline.json`).
const DEFAULT_PIPELINE: &str = crate::config::minified_json!(include_str!("hubspot_default_pipeline.json"));

/// A pipeline config for HubSpot's default sales pipeline (`pipeline: "default"`) with its
/// stock stages, ids and probabilities (Appointment Scheduled 20% … Contract Sent 90%, Closed
/// Won, Closed Lost), and exit criteria, guidance and expected days a sales-ops team would
/// start from, over the fields the adapter fills. Check a portal's own stages with
/// [`super::pipelines`] on its pipelines response.
pub fn default_pipeline() -> Value {
    serde_json::from_str(DEFAULT_PIPELINE).unwrap_or_default()
}

/// One pipeline object at `path` with `overlay` at `overlay_path`.
fn convert(pipeline: &Value, path: &str, overlay: &Value, overlay_path: &str) -> Result<Value> {
    if pipeline.get("results").is_some() {
        let message = "this is the pipelines API's list ({ results }); read it with hubspot.pipelines, or pass one of its pipelines";
        return Err(Error::config(ErrorCode::InvalidShape, path, message));
    }
    overlay::config(crm_pipeline(pipeline, path)?, overlay, overlay_path, false)
}

/// The pipeline object at `path`: its id, label and unarchived stages.
fn crm_pipeline(pipeline: &Value, path: &str) -> Result<CrmPipeline> {
    let text = |name: &str| -> Result<String> {
        let raw = pipeline.get(name).unwrap_or(&Value::Null);
        build::text(raw, || key(path, name))?.ok_or_else(|| {
            Error::config(ErrorCode::InvalidShape, key(path, name), format!("a HubSpot pipeline needs its {name}"))
        })
    };
    let (id, label) = (text("id")?, text("label")?);
    let stages_path = key(path, "stages");
    let Some(list) = pipeline.get("stages").and_then(Value::as_array) else {
        return Err(Error::config(ErrorCode::NotAList, stages_path, "a HubSpot pipeline lists its stages in stages: [...]"));
    };
    let mut stages: Vec<(f64, CrmStage)> = Vec::with_capacity(list.len());
    for (i, stage) in list.iter().enumerate() {
        let at = index(&stages_path, i);
        if archived(stage, &at)? {
            continue;
        }
        stages.push(crm_stage(stage, &at)?);
    }
    crate::sort::sort_by(&mut stages, |a, b| a.0.total_cmp(&b.0));
    Ok(CrmPipeline { id, label, stages: stages.into_iter().map(|(_, s)| s).collect(), stages_path })
}

/// Whether the object at `path` is archived.
fn archived(value: &Value, path: &str) -> Result<bool> {
    let raw = value.get("archived").unwrap_or(&Value::Null);
    Ok(build::boolean(raw, || key(path, "archived"))?.unwrap_or(false))
}

/// A stage `{ id, label, displayOrder, metadata: { probability, isClosed } }` at `path`, with
/// its display order. A closed stage is won with probability 1, lost with probability 0.
fn crm_stage(stage: &Value, path: &str) -> Result<(f64, CrmStage)> {
    let member = |name: &str| stage.get(name).unwrap_or(&Value::Null);
    let Some(id) = build::text(member("id"), || key(path, "id"))? else {
        return Err(Error::config(ErrorCode::InvalidId, key(path, "id"), "a HubSpot pipeline stage needs its id"));
    };
    let label = build::text(member("label"), || key(path, "label"))?.unwrap_or_else(|| id.clone());
    let order = build::number(member("displayOrder"), || key(path, "displayOrder"))?.unwrap_or(f64::MAX);
    let meta_path = key(path, "metadata");
    let meta = |name: &str| stage.get("metadata").and_then(|m| m.get(name)).unwrap_or(&Value::Null);
    let probability_path = key(&meta_path, "probability");
    let probability = build::number(meta("probability"), || probability_path.clone())?;
    let closed = build::boolean(meta("isClosed"), || key(&meta_path, "isClosed"))?.unwrap_or(false);
    let outcome = match (closed, probability) {
        (false, _) => None,
        (true, Some(1.0)) => Some("won"),
        (true, Some(0.0)) => Some("lost"),
        (true, _) => {
            let found = read::describe(meta("probability").into());
            let message = format!("closed stage \"{id}\" must have probability 1 (won) or 0 (lost), found {found}");
            return Err(Error::config(ErrorCode::InvalidProbability, probability_path, message));
        }
    };
    if let Some(p) = probability.filter(|p| !(0.0..=1.0).contains(p)) {
        let message = format!("stage \"{id}\" has probability {}; HubSpot's metadata.probability is a share from 0 to 1", crate::rules::number::Plain(p));
        return Err(Error::config(ErrorCode::InvalidProbability, probability_path, message));
    }
    Ok((order, CrmStage { id, label, probability, category: None, outcome, path: path.to_owned() }))
}

/// One pipeline, as [`super::pipeline`].
pub(crate) fn one(pipeline: &Value, overlay: &Value) -> Result<Value> {
    convert(pipeline, "$", overlay, "$")
}

/// Every pipeline of the response, as [`super::pipelines`].
pub(crate) fn all(response: &Value, overlay: &Value) -> Result<Value> {
    let (list, base) = match response {
        Value::Array(list) => (list, "$".to_owned()),
        other => match other.get("results").and_then(Value::as_array) {
            Some(list) => (list, "$.results".to_owned()),
            None if other.get("stages").is_some() => {
                let message = "this is one HubSpot pipeline; read it with hubspot.pipeline, or pass the pipelines API's { results }";
                return Err(Error::config(ErrorCode::NotAList, "$", message));
            }
            None => return Err(Error::config(ErrorCode::NotAList, "$", "expected the pipelines API's response { results: [...] }")),
        },
    };
    let overlays = overlays(overlay)?;
    let mut found: Vec<CrmPipeline> = Vec::new();
    for (i, pipeline) in list.iter().enumerate() {
        let at = index(&base, i);
        if !archived(pipeline, &at)? {
            found.push(crm_pipeline(pipeline, &at)?);
        }
    }
    if found.is_empty() {
        return Err(Error::config(ErrorCode::NoPipelines, base, "the response has no pipeline that is not archived"));
    }
    let mut given: Vec<Option<&Value>> = vec![None; found.len()];
    let mut keys: Vec<&str> = vec![""; found.len()];
    for (name, value) in overlays.into_iter().flatten() {
        let exact = found.iter().position(|p| p.id == *name);
        let Some(i) = exact.or_else(|| found.iter().position(|p| read::stage_key(&p.label) == read::stage_key(name))) else {
            let known: Vec<&str> = found.iter().map(|p| p.id.as_str()).collect();
            let message = format!("unknown pipeline \"{name}\"; the pipelines are: {}", known.join(", "));
            return Err(Error::config(ErrorCode::UnknownPipeline, key("$.pipelines", name), message));
        };
        given[i] = Some(value);
        keys[i] = name;
    }
    let mut out = Vec::with_capacity(found.len());
    for ((pipeline, overlay), name) in found.into_iter().zip(given).zip(keys) {
        out.push(overlay::config(pipeline, overlay.unwrap_or(&Value::Null), &key("$.pipelines", name), false)?);
    }
    Ok(json!({ "pipelines": out }))
}

/// The overlays by pipeline of `{ pipelines: { "<id or label>": overlay } }`.
fn overlays(overlay: &Value) -> Result<Option<&serde_json::Map<String, Value>>> {
    match overlay {
        Value::Null => Ok(None),
        Value::Object(map) => {
            if let Some(other) = map.keys().find(|k| *k != "pipelines") {
                let message = format!("an overlay of several pipelines is {{ pipelines: {{ \"<pipeline id or label>\": overlay }} }}; found {other}");
                return Err(Error::config(ErrorCode::UnknownKey, key("$", other), message));
            }
            match map.get("pipelines") {
                None | Some(Value::Null) => Ok(None),
                Some(Value::Object(by)) => Ok(Some(by)),
                Some(_) => Err(Error::config(ErrorCode::InvalidShape, "$.pipelines", "pipelines must be an object of overlays by pipeline id or label")),
            }
        }
        _ => Err(Error::config(ErrorCode::InvalidShape, "$", "an overlay must be an object")),
    }
}
