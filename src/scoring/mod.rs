//! Lead scoring: a JSON model of **fit** groups (who the lead is) and **engagement** groups
//! (what they did), compiled once into a [`LeadScorer`] that scores plain lead objects.
//!
//! * A rule has `points` (negative to subtract) and either `when`, a rule-language criterion
//!   on the lead, or `event` / `where`, matching the lead's `events: [{ type, at, ...props }]`.
//!   An event rule counts `once` (from its most recent matching event) or `perOccurrence`
//!   (every match, or the `maxOccurrences` most recent), each occurrence decayed from its own
//!   `at`: `points × 0.5^(age / halfLifeDays)` or `points × (1 − rate)^floor(age / periodDays)`.
//! * Each group's sum is bounded by its cap (the excess is taken proportionally from the
//!   contributions of its sign); `score = fitWeight × fit + engagementWeight × engagement`,
//!   bounded by the total cap the same way and rounded half away from zero.
//! * Fit maps to a letter A–D and engagement to a number 1–4 (grade `A1` … `D4`); lifecycle
//!   stages are recommended from thresholds and criteria.
//! * Every result lists the rules that fired with their points before and after decay and
//!   caps; the `applied` points sum exactly to the score.
//!
//! The embedded default model ([`default_model`]) is a B2B SaaS model over documented lead
//! fields (docs/scoring.md).

mod caps;
mod compile;
mod decay;
mod evaluate;
mod grade;
mod lead;
mod lifecycle;
mod model;
mod result;

use serde_json::Value;

pub use grade::Grade;
pub use lead::Mode;
pub use result::{Contribution, GroupKind, GroupScore, LeadScore};

use crate::path;
use crate::record::{Plan, Records};
use crate::rules::atoms::{AtomCache, Atoms, Predicate};
use crate::rules::Rule;
use crate::{Error, ErrorCode, Result};

/// The criteria of a model that are predicates over atoms (see [`crate::rules::atoms`]).
#[derive(Debug, Clone, Default)]
struct Predicates {
    atoms: Atoms,
    /// Per lead rule, in model order.
    rules: Vec<Option<Predicate>>,
    /// Per lifecycle stage.
    stages: Vec<Option<Predicate>>,
    /// Whether the model has event rules (without them, a score without explanations needs
    /// only which lead rules fire).
    event_rules: bool,
}

/// The embedded default B2B SaaS model, as JSON text.
const DEFAULT_MODEL: &str = crate::config::minified_json!(include_str!("default_model.json"));

/// The embedded default model as JSON, a starting point for custom models.
pub fn default_model() -> Value {
    serde_json::from_str(DEFAULT_MODEL).unwrap_or(Value::Null)
}

/// A compiled scoring model.
#[derive(Debug, Clone)]
pub struct LeadScorer {
    /// What the model reads of a lead: its fields, its rules' paths and its events.
    plan: Plan,
    /// The lead's own reads: declared fields and events.
    reads: lead::LeadReads,
    /// The lead rules (in model order) and lifecycle stages that are predicates over atoms.
    predicates: Predicates,
    groups: Vec<Group>,
    fit_weight: f64,
    engagement_weight: f64,
    cap: caps::Cap,
    grades: grade::Grades,
    lifecycle: lifecycle::Lifecycle,
}

impl LeadScorer {
    /// Compiles a model; an invalid one is a config error with the path of the offending value.
    pub fn compile(model: &Value) -> Result<LeadScorer> {
        compile::compile(model)
    }

    /// The scorer of the embedded default model.
    pub fn with_default_model() -> Result<LeadScorer> {
        compile::compile(&default_model())
    }

    /// Scores one lead at `now` (epoch ms). An unusable lead is an input error; in
    /// [`Mode::Partial`] only a lead that is not an object is.
    pub fn score(&self, lead: &Value, now: i64, mode: Mode) -> Result<LeadScore<'_>> {
        self.score_with(lead, now, ScoreOptions { mode, explain: true })
    }

    /// [`LeadScorer::score`] with `options`: without `explain`, `groups` and `contributions`
    /// are left empty and not computed.
    pub fn score_with(&self, lead: &Value, now: i64, options: ScoreOptions) -> Result<LeadScore<'_>> {
        let records = Records::from_json(&self.plan, [lead]);
        let row = records.record(0).ok_or_else(|| Error::internal("the lead could not be read"))?;
        let mut atoms = AtomCache::new(&self.predicates.atoms, &records);
        evaluate::score(self, row, now, options, &mut evaluate::Scratch::default(), &mut atoms)
    }

    /// What the model reads of a lead ([`Records`] read with it can be scored with
    /// [`LeadScorer::score_records`]).
    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    /// Scores lead number `index` of `records` (read with [`LeadScorer::plan`]), as
    /// [`LeadScorer::score_with`] scores one lead: error paths start at the lead (`$.events`).
    pub fn score_record(&self, records: &Records, index: usize, now: i64, options: ScoreOptions) -> Result<LeadScore<'_>> {
        let lead = records.record(index).filter(|_| records.fits(&self.plan));
        let lead = lead.ok_or_else(|| Error::internal("the lead was not read with this model's plan"))?;
        let mut atoms = AtomCache::new(&self.predicates.atoms, records);
        evaluate::score(self, lead, now, options, &mut evaluate::Scratch::default(), &mut atoms)
    }

    /// Scores leads read with [`LeadScorer::plan`]; as [`LeadScorer::score_many_with`].
    pub fn score_records(&self, records: &Records, now: i64, options: ScoreOptions) -> Vec<Result<LeadScore<'_>>> {
        if !records.fits(&self.plan) {
            return vec![Err(Error::internal("the leads were read with another model's plan"))];
        }
        let mut scratch = evaluate::Scratch::default();
        let mut atoms = AtomCache::new(&self.predicates.atoms, records);
        records
            .iter()
            .map(|lead| {
                evaluate::score(self, lead, now, options, &mut scratch, &mut atoms)
                    .map_err(|e| e.within(&path::index("$", lead.index())))
            })
            .collect()
    }

    /// Scores many leads at `now`; a bad lead's error path starts with its index (`$[3].events[0].at`)
    /// and does not affect the others.
    pub fn score_many(&self, leads: &[Value], now: i64, mode: Mode) -> Vec<Result<LeadScore<'_>>> {
        self.score_many_with(leads, now, ScoreOptions { mode, explain: true })
    }

    /// [`LeadScorer::score_many`] with `options` (see [`LeadScorer::score_with`]).
    pub fn score_many_with(&self, leads: &[Value], now: i64, options: ScoreOptions) -> Vec<Result<LeadScore<'_>>> {
        self.score_records(&Records::from_json(&self.plan, leads), now, options)
    }
}

/// Evaluation options besides `now`, as JS passes them: `{ mode?, explain? }`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoreOptions {
    /// Strict (default) or partial.
    pub mode: Mode,
    /// Whether results keep `groups` and `contributions` (default); without them a batch
    /// result is a fraction of the size.
    pub explain: bool,
}

impl ScoreOptions {
    /// Reads `mode` (`"strict"` or `"partial"`) and `explain` (a boolean) from an options
    /// object; other members (such as `now`) are left to the caller.
    pub fn from_json(options: &Value) -> Result<ScoreOptions> {
        let mode = match options.get("mode") {
            None | Some(Value::Null) => Mode::Strict,
            Some(Value::String(s)) if s == "strict" => Mode::Strict,
            Some(Value::String(s)) if s == "partial" => Mode::Partial,
            Some(other) => {
                let message =
                    format!("mode is \"strict\" (the default) or \"partial\" (a form being filled in), found {other}");
                return Err(Error::input(ErrorCode::InvalidOption, "$.mode", message));
            }
        };
        let explain = match options.get("explain") {
            None | Some(Value::Null) => true,
            Some(Value::Bool(b)) => *b,
            Some(other) => {
                let message =
                    format!("explain is true (the default: list groups and contributions) or false, found {other}");
                return Err(Error::input(ErrorCode::InvalidOption, "$.explain", message));
            }
        };
        Ok(ScoreOptions { mode, explain })
    }
}

/// A compiled group.
#[derive(Debug, Clone)]
struct Group {
    id: String,
    label: String,
    kind: GroupKind,
    cap: caps::Cap,
    window: decay::Window,
    rules: Vec<ScoringRule>,
}

/// A compiled rule.
#[derive(Debug, Clone)]
struct ScoringRule {
    id: String,
    label: String,
    points: f64,
    matcher: Matcher,
}

/// What a rule matches.
#[derive(Debug, Clone)]
enum Matcher {
    /// A criterion on the lead.
    Lead(Rule),
    /// Events of the lead.
    Event(EventMatcher),
}

/// Which events an event rule counts, and how.
#[derive(Debug, Clone)]
struct EventMatcher {
    /// Accepted event types; empty accepts every type.
    types: Vec<String>,
    /// A criterion on the event.
    filter: Option<Rule>,
    /// Count every match rather than the most recent one.
    per_occurrence: bool,
    /// Count at most this many (the most recent) matches.
    max_occurrences: Option<u32>,
}
