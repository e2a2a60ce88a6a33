//! Salesforce `OpportunityStage` records as a pipeline config, and the preset for Salesforce's
//! standard opportunity stages.

use serde_json::Value;

use super::record::{expect, records, SfRecord};
use crate::crm::build::{self, As};
use crate::crm::overlay::{self, CrmPipeline, CrmStage};
use crate::error::{Error, ErrorKind, Result};

/// The preset for Salesforce's standard stages (see `salesforce_standard_pipeline.json`).
const STANDARD_PIPELINE: &str = crate::config::minified_json!(include_str!("salesforce_standard_pipeline.json"));

/// A pipeline config for Salesforce's standard opportunity stages (Prospecting 10% …
/// Negotiation/Review 90%, Closed Won, Closed Lost), with Salesforce's default probabilities
/// and forecast categories, ids as `StageName` holds them, and exit criteria, guidance and
/// expected days a sales-ops team would start from, over the fields the adapter fills.
pub fn standard_pipeline() -> Value {
    serde_json::from_str(STANDARD_PIPELINE).unwrap_or_default()
}

/// A config error of the CRM's definition (what the reading functions raise as input errors).
fn as_config(e: Error) -> Error {
    Error { kind: ErrorKind::Config, ..e }
}

/// The pipeline of `result`'s `OpportunityStage` records with `overlay`.
pub(crate) fn pipeline(result: &Value, overlay: &Value) -> Result<Value> {
    let list = records(result, "$", "OpportunityStage records").map_err(as_config)?;
    let stages_path = match result {
        Value::Array(_) => "$".to_owned(),
        _ => "$.records".to_owned(),
    };
    let mut stages: Vec<(f64, CrmStage)> = Vec::with_capacity(list.len());
    for record in &list {
        if let Some(stage) = stage(record).map_err(as_config)? {
            stages.push(stage);
        }
    }
    crate::sort::sort_by(&mut stages, |a, b| a.0.total_cmp(&b.0));
    let crm = CrmPipeline {
        id: "salesforce".to_owned(),
        label: "Salesforce opportunities".to_owned(),
        stages: stages.into_iter().map(|(_, s)| s).collect(),
        stages_path,
    };
    overlay::config(crm, overlay, "$", true)
}

/// One `OpportunityStage` record with its `SortOrder`; `None` for an inactive stage.
fn stage(record: &SfRecord<'_>) -> Result<Option<(f64, CrmStage)>> {
    expect(record, &["OpportunityStage"], "an OpportunityStage record", |_| "pass a query of OpportunityStage records".into())?;
    if record.boolean("IsActive")? == Some(false) {
        return Ok(None);
    }
    let (api, label) = (record.text("ApiName")?, record.text("MasterLabel")?);
    let Some(id) = api.clone().or(label.clone()) else {
        let message = "an OpportunityStage record needs its ApiName (or MasterLabel)";
        return Err(Error::config(crate::ErrorCode::InvalidId, record.path.clone(), message));
    };
    let probability = record.read("DefaultProbability", As::Percent)?.and_then(|v| v.as_f64());
    let mut category = None;
    for name in ["ForecastCategoryName", "ForecastCategory"] {
        if let Some((raw, path)) = record.plain(name) {
            category = category.or(build::forecast_category(raw, ErrorKind::Config, || path.clone())?);
        }
    }
    let outcome = match (record.boolean("IsClosed")?, record.boolean("IsWon")?) {
        (Some(true), Some(true)) => Some("won"),
        (Some(true), _) => Some("lost"),
        _ => None,
    };
    let order = record.read("SortOrder", As::Number)?.and_then(|v| v.as_f64()).unwrap_or(f64::MAX);
    let stage = CrmStage { label: label.unwrap_or_else(|| id.clone()), id, probability, category, outcome, path: record.path.clone() };
    Ok(Some((order, stage)))
}
