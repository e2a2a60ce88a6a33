//! Scoring one deal: find its stage, gather its facts once, score every signal, then explain
//! the factors a result shows and raise the warnings.

use serde_json::Value;

use super::config::{Bands, Settings, Weighted};
use super::deal::Deal;
use super::facts::{ExitFacts, Facts};
use super::result::{Band, DealHealthReport, HealthFactor, SkippedSignal};
use super::signals::round_to;
use super::stages::{StageInfo, StageTable};
use super::{warnings, DealHealth, ScoreOptions};
use crate::error::{Error, ErrorCode, Result};
use crate::gates::{GateCriterion, PipelineDefinition, Severity, Stage};
use crate::rules::EvalContext;

/// How a deal's required exit criteria came out: the same at any now when the stage's
/// criteria do not read it, so a [`DealSet`](super::DealSet) keeps it per engine.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ExitOutcome {
    met: usize,
    total: usize,
    /// Index of the first unmet one among the required criteria.
    first_unmet: Option<usize>,
}

/// Scores `deal`, read from `json`, at `now`. `exit` is where this deal's exit-criteria
/// outcome is kept between calls, if anywhere.
pub(crate) fn score(
    health: &DealHealth,
    deal: &Deal<'_>,
    json: &Value,
    now: i64,
    options: &ScoreOptions,
    exit: Option<&mut Option<ExitOutcome>>,
) -> Result<DealHealthReport> {
    let pipeline = deal.pipeline.as_ref().map_err(Clone::clone)?;
    let definition = health.pipeline.pipeline_with_id(pipeline.as_deref())?;
    let at = health.pipeline.pipelines().iter().position(|p| std::ptr::eq(p, definition));
    let Some(table) = at.and_then(|at| health.tables.get(at)) else {
        return Err(Error::internal(format!("pipeline \"{}\" has no stage table", definition.id)));
    };
    let stage = deal.stage.as_ref().map_err(Clone::clone)?;
    let (stage, info) = current_stage(stage.as_deref(), definition, table)?;
    let id = deal.id.as_ref().map(|id| id.as_ref().clone());
    if info.terminal {
        return Ok(DealHealthReport {
            id,
            score: None,
            band: Band::Closed,
            factors: vec![],
            warnings: vec![],
            skipped: vec![],
        });
    }
    let data = deal.data.as_ref().map_err(Clone::clone)?;
    let outcome = match exit {
        Some(kept) if !info.exit_reads_now => *kept.get_or_insert_with(|| exit_outcome(stage, json, now)),
        _ => exit_outcome(stage, json, now),
    };
    let exit = exit_facts(stage, outcome);
    let facts = Facts::gather(data, info, table, &health.settings.facts, exit, now);
    Ok(report(&health.settings, &facts, id, options))
}

/// The deal's stage (`None` when it names none) in the pipeline and in the stage table. Input
/// errors: `MISSING_STAGE`, `UNKNOWN_STAGE`, at `$.stage`.
fn current_stage<'p>(
    id: Option<&str>,
    definition: &'p PipelineDefinition,
    table: &'p StageTable,
) -> Result<(&'p Stage, &'p StageInfo)> {
    let Some(id) = id else {
        return Err(Error::input(
            ErrorCode::MissingStage,
            "$.stage",
            "the deal has no stage; set stage to one of the pipeline's stage ids",
        ));
    };
    // The table lists the pipeline's stages in the pipeline's order.
    let info = table.stage(id);
    match (info.and_then(|info| definition.stages().get(info.order)), info) {
        (Some(stage), Some(info)) => Ok((stage, info)),
        _ => {
            let known: Vec<&str> = definition.stages().iter().map(|s| s.id.as_str()).collect();
            Err(Error::input(
                ErrorCode::UnknownStage,
                "$.stage",
                format!(
                    "unknown stage \"{id}\"; the stages of pipeline \"{}\" are: {}",
                    definition.id,
                    known.join(", ")
                ),
            ))
        }
    }
}

/// How the current stage's required exit criteria come out for `deal` at `now`.
fn exit_outcome(stage: &Stage, deal: &Value, now: i64) -> ExitOutcome {
    let ctx = EvalContext::new(now);
    let mut outcome = ExitOutcome { met: 0, total: 0, first_unmet: None };
    for (i, gate) in required_exit(stage).enumerate() {
        outcome.total += 1;
        if gate.criterion.rule.is_truthy(deal, &ctx) {
            outcome.met += 1;
        } else if outcome.first_unmet.is_none() {
            outcome.first_unmet = Some(i);
        }
    }
    outcome
}

/// The current stage's required exit criteria met, as the stage-gate engine counts them
/// (whole percent, rounded down), and the first unmet one. `None` without any.
fn exit_facts(stage: &Stage, outcome: ExitOutcome) -> Option<ExitFacts<'_>> {
    let ExitOutcome { met, total, first_unmet } = outcome;
    let next = first_unmet.and_then(|i| required_exit(stage).nth(i));
    (total > 0).then(|| ExitFacts { met, total, percent: (met * 100 / total) as f64, next })
}

/// The stage's required exit criteria.
pub(crate) fn required_exit(stage: &Stage) -> impl Iterator<Item = &GateCriterion> {
    stage.exit().iter().filter(|g| g.severity == Severity::Required)
}

/// Scores the signals over `facts` and assembles the report.
fn report(settings: &Settings, facts: &Facts<'_>, id: Option<Value>, options: &ScoreOptions) -> DealHealthReport {
    let shown = options.top_factors.unwrap_or(usize::MAX);
    // The sub-scores are kept only to explain factors.
    let mut scored: Vec<(&Weighted, f64)> = Vec::with_capacity(if shown > 0 { settings.signals.len() } else { 0 });
    let mut skipped = Vec::new();
    let (mut points, mut total) = (0.0, 0.0);
    for w in &settings.signals {
        match w.signal.score(facts) {
            Ok(sub) => {
                points += w.weight * sub;
                total += w.weight;
                if shown > 0 {
                    scored.push((w, sub));
                }
            }
            Err(reason) => skipped.push(SkippedSignal { signal: w.signal.id(), label: w.signal.label(), reason }),
        }
    }
    let warnings = warnings::evaluate(&settings.warnings, facts);
    if total <= 0.0 {
        return DealHealthReport { id, score: None, band: Band::Unscored, factors: vec![], warnings, skipped };
    }
    let lost = |&(w, sub): &(&Weighted, f64)| w.weight * (1.0 - sub);
    // Most points lost first, config order among equals (an insertion sort of at most 13).
    let mut ordered: Vec<(&Weighted, f64)> = Vec::with_capacity(scored.len());
    for item in scored {
        let at = ordered.iter().position(|x| lost(x) < lost(&item)).unwrap_or(ordered.len());
        ordered.insert(at, item);
    }
    let factors = ordered
        .iter()
        .take(shown)
        .map(|s @ &(w, sub)| {
            let explained = w.signal.explain(facts, sub);
            HealthFactor {
                signal: w.signal.id(),
                label: w.signal.label(),
                sub_score: round_to(sub, 3),
                weight: w.weight,
                impact: round_to(100.0 * lost(s) / total, 1),
                reason: explained.reason,
                action: explained.action,
                detail: explained.detail,
            }
        })
        .collect();
    let score = (100.0 * points / total).round().clamp(0.0, 100.0) as u32;
    DealHealthReport { id, score: Some(score), band: band(&settings.bands, score), factors, warnings, skipped }
}

/// The band of a rounded score.
fn band(bands: &Bands, score: u32) -> Band {
    let score = f64::from(score);
    if score >= bands.healthy {
        Band::Healthy
    } else if score >= bands.at_risk {
        Band::AtRisk
    } else {
        Band::Critical
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_use_the_rounded_score() {
        let bands = Bands { healthy: 70.0, at_risk: 40.0 };
        assert_eq!(band(&bands, 70), Band::Healthy);
        assert_eq!(band(&bands, 69), Band::AtRisk);
        assert_eq!(band(&bands, 40), Band::AtRisk);
        assert_eq!(band(&bands, 39), Band::Critical);
    }
}
