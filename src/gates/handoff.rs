//! Handoffs between teams (marketing → SDR, SDR → AE, AE → customer success): compiling them,
//! and checking a record's checklist completeness and SLA status at `now`.

use serde::Serialize;

use super::config::{DurationConfig, HandoffConfig, SlaConfig};
use super::criteria::{self, CriteriaReport};
use super::fields::{FieldTest, InstantField};
use super::model::{Handoff, Sla};
use super::report::{FieldStatus, Tally};
use super::sla::{self, SlaClock, SlaReport};
use crate::error::{Error, ErrorCode, Result};
use crate::path::key;
use crate::record::{PlanBuilder, RowRef, ROOT};
use crate::rules::{EvalContext, Rule};
use crate::time::{DAY_MS, HOUR_MS, MINUTE_MS};

/// Longest SLA accepted: a year.
const MAX_SLA_MS: f64 = 366.0 * DAY_MS as f64;

/// A handoff record checked against a handoff definition.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HandoffCheck<'p> {
    /// The pipeline the handoff belongs to.
    pub pipeline: &'p str,
    /// Handoff id.
    pub id: &'p str,
    /// Display label.
    pub label: &'p str,
    /// Team handing over.
    pub from: &'p str,
    /// Team receiving.
    pub to: &'p str,
    /// Whether the handoff applies to the record (its trigger rule holds; always when it has none).
    pub triggered: bool,
    /// The fields that must transfer, each filled or not.
    pub required_fields: Vec<FieldStatus>,
    /// The checklist.
    pub checklist: CriteriaReport,
    /// Whole percent of required fields and required checklist items done, rounded down.
    pub completeness: u8,
    /// Whether every required field and required checklist item is done.
    pub complete: bool,
    /// The SLA status at `now` (`null` when the handoff has no SLA).
    pub sla: Option<SlaReport>,
}

impl Handoff {
    /// Binds the handoff's trigger, fields, checklist and SLA instants to `plan`.
    pub(crate) fn bind(&mut self, plan: &mut PlanBuilder) {
        if let Some(trigger) = &mut self.trigger {
            *trigger = trigger.bind(plan, ROOT);
        }
        self.required_fields.iter_mut().for_each(|f| f.bind(plan));
        self.checklist.iter_mut().for_each(|c| c.bind(plan));
        if let Some(sla) = &mut self.sla {
            sla.start.bind(plan);
            sla.done.bind(plan);
        }
    }

    /// Checks `record` against this handoff at `ctx.now`. Fails only when an SLA field holds
    /// something that is not a date (`INVALID_DATE`).
    pub(crate) fn check<'p>(&'p self, pipeline: &'p str, record: RowRef<'_>, ctx: &EvalContext) -> Result<HandoffCheck<'p>> {
        let triggered = self.trigger.as_ref().map_or(true, |rule| rule.is_truthy_row(record, ctx));
        let mut tally = Tally::default();
        let required_fields: Vec<FieldStatus> = self
            .required_fields
            .iter()
            .map(|f| {
                let filled = f.is_filled(record, ctx);
                tally.add(filled);
                FieldStatus { field: f.field.clone(), filled }
            })
            .collect();
        let checklist = criteria::report(&self.checklist, record, ctx, &mut tally);
        let sla = self.sla.as_ref().map(|sla| sla.check(record, ctx, triggered)).transpose()?;
        Ok(HandoffCheck {
            pipeline,
            id: &self.id,
            label: &self.label,
            from: &self.from,
            to: &self.to,
            triggered,
            required_fields,
            checklist,
            completeness: tally.percent(),
            complete: tally.done == tally.total,
            sla,
        })
    }
}

impl Sla {
    /// The SLA's status: the clock runs from the start field once the handoff is triggered.
    fn check(&self, record: RowRef<'_>, ctx: &EvalContext, triggered: bool) -> Result<SlaReport> {
        let start = if triggered { self.start.read(record)? } else { None };
        let done = self.done.read(record)?;
        Ok(sla::evaluate(self.start_field(), self.done_field(), self.within_ms, SlaClock { start, done }, ctx.now))
    }
}

/// Compiles a handoff found at `path` (its id is already checked).
pub(crate) fn compile(config: HandoffConfig, path: &str) -> Result<Handoff> {
    let required_fields = FieldTest::list(&config.required_fields, &key(path, "requiredFields"))?;
    let trigger = match &config.trigger {
        Some(rule) => Some(Rule::compile(rule).map_err(|e| e.within(&key(path, "trigger")))?),
        None => None,
    };
    let checklist = criteria::compile_list(&config.checklist, &key(path, "checklist"), &[])?;
    let sla = match config.sla {
        Some(sla) => Some(compile_sla(sla, &key(path, "sla"))?),
        None => None,
    };
    Ok(Handoff { id: config.id, label: config.label, from: config.from, to: config.to, checklist, sla, required_fields, trigger })
}

fn compile_sla(config: SlaConfig, path: &str) -> Result<Sla> {
    let start = InstantField::new(&config.start_field, &key(path, "startField"))?;
    let done = InstantField::new(&config.done_field, &key(path, "doneField"))?;
    let within_ms = duration_ms(&config.within, &key(path, "within"))?;
    Ok(Sla { within_ms, start, done })
}

/// The sum of a duration's parts in whole milliseconds: positive, at most a year (`INVALID_SLA`
/// otherwise). Routing's response-time SLAs are read with it too.
pub(crate) fn duration_ms(config: &DurationConfig, path: &str) -> Result<i64> {
    let mut total = 0.0;
    for (name, part, unit) in [("minutes", config.minutes, MINUTE_MS), ("hours", config.hours, HOUR_MS), ("days", config.days, DAY_MS)] {
        let Some(amount) = part else { continue };
        if amount < 0.0 {
            return Err(Error::config(ErrorCode::InvalidSla, key(path, name), format!("{name} cannot be negative")));
        }
        total += amount * unit as f64;
    }
    if !(1.0..=MAX_SLA_MS).contains(&total) {
        return Err(Error::config(
            ErrorCode::InvalidSla,
            path,
            "an SLA allows a positive time of at most a year, e.g. { \"minutes\": 5 } or { \"hours\": 24 }",
        ));
    }
    Ok(total.round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duration(minutes: Option<f64>, hours: Option<f64>, days: Option<f64>) -> Result<i64> {
        duration_ms(&DurationConfig { minutes, hours, days }, "$.sla.within")
    }

    #[test]
    fn durations_sum_their_parts() {
        assert_eq!(duration(Some(5.0), None, None), Ok(5 * MINUTE_MS));
        assert_eq!(duration(Some(30.0), Some(1.5), Some(1.0)), Ok(DAY_MS + 2 * HOUR_MS));
        assert_eq!(duration(None, None, None).unwrap_err().path, "$.sla.within");
        assert_eq!(duration(Some(0.0), None, None).unwrap_err().code, "INVALID_SLA");
        assert_eq!(duration(None, Some(-1.0), Some(2.0)).unwrap_err().path, "$.sla.within.hours");
        assert_eq!(duration(None, None, Some(400.0)).unwrap_err().code, "INVALID_SLA");
    }
}
