//! Validating a pipeline config and compiling it into [`PipelineDefinition`]s. Every error
//! names the JSON path of the offending value, e.g. `$.stages[3].exit[0].rule`.

use serde_json::Value;

use super::config::{MoveRulesConfig, PipelineConfig, PipelinesConfig, StageConfig};
use super::criteria;
use super::fields::FieldTest;
use super::handoff;
use super::model::{Handoff, MoveRules, Outcome, PipelineDefinition, Stage};
use crate::read::StageNames;
use crate::record::PlanBuilder;
use crate::config::from_json;
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::path::{index, key};
use crate::rules::number::Plain;

/// Compiles either one pipeline (`{ id, label, stages, rules?, handoffs? }`) or several
/// (`{ pipelines: [...] }`).
pub(crate) fn compile(config: &Value) -> Result<Vec<PipelineDefinition>> {
    let Value::Object(map) = config else {
        return Err(Error::config(
            ErrorCode::InvalidShape,
            "$",
            "a pipeline config must be an object: { id, label, stages, rules, handoffs } or { pipelines: [...] }",
        ));
    };
    if !map.contains_key("pipelines") {
        let pipeline: PipelineConfig = from_json(config, ErrorKind::Config)?;
        return Ok(vec![compile_pipeline(pipeline, "$")?]);
    }
    let PipelinesConfig { pipelines } = from_json(config, ErrorKind::Config)?;
    let base = key("$", "pipelines");
    if pipelines.is_empty() {
        return Err(Error::config(ErrorCode::NoPipelines, base, "list at least one pipeline"));
    }
    let mut out: Vec<PipelineDefinition> = Vec::with_capacity(pipelines.len());
    for (i, pipeline) in pipelines.into_iter().enumerate() {
        let path = index(&base, i);
        if out.iter().any(|p| p.id == pipeline.id) {
            return Err(duplicate(ErrorCode::DuplicateId, key(&path, "id"), "pipeline", &pipeline.id));
        }
        out.push(compile_pipeline(pipeline, &path)?);
    }
    Ok(out)
}

fn compile_pipeline(config: PipelineConfig, base: &str) -> Result<PipelineDefinition> {
    non_empty(&config.id, key(base, "id"), "a pipeline id")?;
    let stages_path = key(base, "stages");
    let mut stages: Vec<Stage> = Vec::with_capacity(config.stages.len());
    for (order, stage) in config.stages.into_iter().enumerate() {
        let path = index(&stages_path, order);
        if stages.iter().any(|s| s.id == stage.id) {
            return Err(duplicate(ErrorCode::DuplicateId, key(&path, "id"), "stage", &stage.id));
        }
        if stage.outcome.is_none() && stages.iter().any(Stage::is_terminal) {
            return Err(Error::config(
                ErrorCode::OpenStageAfterTerminal,
                path,
                format!("open stage \"{}\" comes after a closed stage; list every open stage before the closed ones", stage.id),
            ));
        }
        stages.push(compile_stage(stage, order, &path)?);
    }
    if !stages.iter().any(|s| !s.is_terminal()) {
        return Err(Error::config(
            ErrorCode::NoOpenStage,
            stages_path,
            "a pipeline needs at least one open stage (a stage without an outcome) before its closed stages",
        ));
    }
    for (outcome, name) in [(Outcome::Won, "won"), (Outcome::Lost, "lost")] {
        if !stages.iter().any(|s| s.outcome == Some(outcome)) {
            return Err(Error::config(
                ErrorCode::MissingTerminalStage,
                stages_path.clone(),
                format!("a pipeline needs a closed {name} stage: add a stage with \"outcome\": \"{name}\""),
            ));
        }
    }
    let rules = compile_rules(config.rules, &stages, &key(base, "rules"))?;
    let handoffs_path = key(base, "handoffs");
    let mut handoffs: Vec<Handoff> = Vec::with_capacity(config.handoffs.len());
    for (i, config) in config.handoffs.into_iter().enumerate() {
        let path = index(&handoffs_path, i);
        if handoffs.iter().any(|h| h.id == config.id) {
            return Err(duplicate(ErrorCode::DuplicateId, key(&path, "id"), "handoff", &config.id));
        }
        non_empty(&config.id, key(&path, "id"), "a handoff id")?;
        handoffs.push(handoff::compile(config, &path)?);
    }
    Ok(PipelineDefinition { id: config.id, label: config.label, rules, stages, handoffs, names: StageNames::default() })
}

/// Binds every rule and field the pipelines read to one plan (the record's scope): stage gates,
/// handoff triggers, checklists, fields and SLA instants.
pub(crate) fn bind(pipelines: &mut [PipelineDefinition], plan: &mut PlanBuilder) {
    for pipeline in pipelines {
        for stage in &mut pipeline.stages {
            stage.key_fields.iter_mut().chain(&mut stage.required_fields).for_each(|f| f.bind(plan));
            stage.entry.iter_mut().chain(&mut stage.exit).for_each(|c| c.bind(plan));
        }
        for handoff in &mut pipeline.handoffs {
            handoff.bind(plan);
        }
        pipeline.names = StageNames::new(pipeline.stages.iter().map(|s| (s.id.as_str(), Some(s.label.as_str()))));
    }
}

fn compile_stage(config: StageConfig, order: usize, path: &str) -> Result<Stage> {
    non_empty(&config.id, key(path, "id"), "a stage id")?;
    check_probability(&config, &key(path, "probability"))?;
    let days_path = key(path, "expectedDays");
    match (config.expected_days, config.outcome) {
        (Some(_), Some(_)) => {
            return Err(Error::config(ErrorCode::InvalidExpectedDays, days_path, "a closed stage has no expected duration; remove expectedDays"));
        }
        (Some(0), None) => return Err(Error::config(ErrorCode::InvalidExpectedDays, days_path, "expectedDays is a whole number of days, at least 1")),
        _ => {}
    }
    if config.outcome.is_some() && !config.exit.is_empty() {
        return Err(Error::config(
            ErrorCode::ExitCriteriaOnTerminalStage,
            key(path, "exit"),
            format!("closed stage \"{}\" is never left forwards, so it has no exit criteria; use entry criteria or requiredFields", config.id),
        ));
    }
    let key_fields = FieldTest::list(&config.key_fields, &key(path, "keyFields"))?;
    let required_fields = FieldTest::list(&config.required_fields, &key(path, "requiredFields"))?;
    let entry = criteria::compile_list(&config.entry, &key(path, "entry"), &[])?;
    let exit = criteria::compile_list(&config.exit, &key(path, "exit"), &entry)?;
    Ok(Stage {
        id: config.id,
        label: config.label,
        probability: config.probability,
        category: config.forecast_category,
        order,
        expected_days: config.expected_days,
        outcome: config.outcome,
        guidance: config.guidance,
        key_fields,
        required_fields,
        entry,
        exit,
    })
}

/// A probability is within 0–1; closed won stages have 1 and closed lost stages 0.
fn check_probability(config: &StageConfig, path: &str) -> Result<()> {
    if !(0.0..=1.0).contains(&config.probability) {
        return Err(Error::config(
            ErrorCode::InvalidProbability,
            path,
            format!("a win probability is between 0 and 1 (e.g. 0.4 for 40%), found {}", Plain(config.probability)),
        ));
    }
    let fixed = match config.outcome {
        Some(Outcome::Won) => 1.0,
        Some(Outcome::Lost) => 0.0,
        None => return Ok(()),
    };
    if config.probability != fixed {
        let message = format!("closed stage \"{}\" must have probability {}", config.id, Plain(fixed));
        return Err(Error::config(ErrorCode::InvalidProbability, path, message));
    }
    Ok(())
}

fn compile_rules(config: MoveRulesConfig, stages: &[Stage], path: &str) -> Result<MoveRules> {
    let creation_stages = match config.creation_stages {
        None => stages.iter().filter(|s| !s.is_terminal()).map(|s| s.id.clone()).collect(),
        Some(ids) => {
            let list_path = key(path, "creationStages");
            if ids.is_empty() {
                return Err(Error::config(
                    ErrorCode::NoCreationStages,
                    list_path,
                    "name at least one stage deals may be created in, or leave creationStages out to allow every open stage",
                ));
            }
            for (i, id) in ids.iter().enumerate() {
                if !stages.iter().any(|s| &s.id == id) {
                    return Err(Error::config(ErrorCode::UnknownStage, index(&list_path, i), unknown_stage_message(id, stages)));
                }
            }
            ids
        }
    };
    Ok(MoveRules { allow_skip: config.allow_skip, allow_backward: config.allow_backward, allow_reopen: config.allow_reopen, creation_stages })
}

/// Fails with `INVALID_ID` when `value` is blank.
pub(crate) fn non_empty(value: &str, path: String, what: &str) -> Result<()> {
    if value.trim().is_empty() {
        return Err(Error::config(ErrorCode::InvalidId, path, format!("{what} cannot be empty")));
    }
    Ok(())
}

/// An error for an id used twice.
pub(crate) fn duplicate(code: ErrorCode, path: String, what: &str, id: &str) -> Error {
    Error::config(code, path, format!("{what} id \"{id}\" is used twice; ids must be unique"))
}

/// `unknown stage "x"; the stages are: a, b, c`.
pub(crate) fn unknown_stage_message(id: &str, stages: &[Stage]) -> String {
    let known: Vec<&str> = stages.iter().map(|s| s.id.as_str()).collect();
    format!("unknown stage \"{id}\"; the stages are: {}", known.join(", "))
}
