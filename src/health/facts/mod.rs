//! The facts about one deal the signals and warnings read, gathered in one pass over its JSON
//! relative to `now`. Reading a fact never fails for missing data (that is what the signals
//! score); only a value of the wrong kind or an unparseable date is an input error.

mod activity;
mod history;

use super::record::{self, DealFields};
use super::stages::{StageInfo, StageTable};
use crate::error::Result;
use crate::gates::GateCriterion;
use crate::time::{days_between, DAY_MS};

pub(crate) use activity::{ActivityFacts, ContactFacts};
pub(crate) use history::NextStep;

/// The settings fact gathering needs, compiled from the health config.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct FactParams {
    /// Length of each activity-trend window, in ms.
    pub trend_window_ms: i64,
    /// A contact counts as engaged with activity within this many ms (unless `engaged` says).
    pub engaged_within_ms: i64,
    /// Activity types that are a response from the buyer (normalized), for `ghosted`.
    pub response_types: Vec<String>,
    /// Every role any signal or warning asks about (normalized); a contact's roles become a
    /// bit set over this list.
    pub roles: Vec<String>,
}

/// Status of the current stage's exit criteria, from the stage-gate engine.
#[derive(Debug, Clone)]
pub(crate) struct ExitFacts<'a> {
    /// Required criteria met.
    pub met: usize,
    /// Required criteria.
    pub total: usize,
    /// Completeness, 0–100.
    pub percent: f64,
    /// The first unmet criterion: what to do next.
    pub next: Option<&'a GateCriterion>,
}

impl ExitFacts<'_> {
    /// What to do next: the first unmet criterion's message without its final period, or a
    /// sentence naming it.
    pub(crate) fn next_action(&self) -> Option<String> {
        let gate = self.next?;
        let message = gate.criterion.message.as_deref().map(|m| m.trim().trim_end_matches('.').to_owned());
        Some(message.unwrap_or_else(|| format!("Meet the exit criterion \"{}\"", gate.id)))
    }
}

/// Everything the signals and warnings know about one deal.
#[derive(Debug, Clone)]
pub(crate) struct Facts<'a> {
    /// The current stage.
    pub stage: &'a StageInfo,
    /// The pipeline's typical cycle in days (sum of its expected stage days).
    pub cycle_days: Option<f64>,
    /// Days since the deal entered its current stage, when known.
    pub days_in_stage: Option<f64>,
    /// Days since the deal was created (`createdAt`, else its first stage-history entry).
    pub age_days: Option<f64>,
    /// Activities and buyer responses.
    pub activity: ActivityFacts,
    /// Contacts, their engagement and roles.
    pub contacts: ContactFacts<'a>,
    /// Whole UTC days from today to the close date (negative when it has passed).
    pub days_to_close: Option<i64>,
    /// How many times the close date moved later.
    pub pushes: u32,
    /// The next step.
    pub next_step: NextStep,
    /// Current amount.
    pub amount: Option<f64>,
    /// Highest amount the deal has had (history and current).
    pub peak_amount: Option<f64>,
    /// Moves to an earlier stage in the stage history.
    pub backward_moves: u32,
    /// The current stage's exit criteria, when it has any.
    pub exit: Option<ExitFacts<'a>>,
}

impl<'a> Facts<'a> {
    /// Gathers the facts of `deal`, in `stage` of `table`, at `now`.
    pub(crate) fn gather(
        deal: &DealFields<'a>,
        stage: &'a StageInfo,
        table: &'a StageTable,
        params: &FactParams,
        exit: Option<ExitFacts<'a>>,
        now: i64,
    ) -> Result<Facts<'a>> {
        let created_at = record::instant(deal.created_at, "createdAt", || "$.createdAt".into())?;
        let stage_history = history::stage_history(deal, stage, &table.stages)?;
        let entered =
            match record::instant(deal.stage_entered_at, "stageEnteredAt", || "$.stageEnteredAt".into())? {
                Some(at) => Some(at),
                None => stage_history.entered_current,
            };
        let created = created_at.or(stage_history.first_entered);
        let contacts = activity::contacts(deal, params, now)?;
        let (activity, contacts) = activity::activities(deal, contacts, params, now)?;
        let close = history::close_date(deal)?;
        let (amount, peak_amount) = history::amounts(deal)?;
        Ok(Facts {
            stage,
            cycle_days: table.cycle_days,
            days_in_stage: entered.map(|at| days_between(at, now).max(0.0)),
            age_days: created.map(|at| days_between(at, now).max(0.0)),
            activity,
            contacts,
            days_to_close: close.date.map(|d| whole_days(now, d)),
            pushes: close.pushes,
            next_step: history::next_step(deal, now)?,
            amount,
            peak_amount,
            backward_moves: stage_history.backward_moves,
            exit,
        })
    }
}

/// What a deal's idle time is counted from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Since {
    /// The last activity.
    Activity,
    /// The deal's creation.
    Created,
}

impl Facts<'_> {
    /// Days without activity: since the last activity, or since creation when that is later
    /// (or there is no activity), so logging an activity never lengthens it. `None` when the
    /// deal has neither.
    pub(crate) fn idle_days(&self) -> Option<(f64, Since)> {
        match (self.activity.days_since_last, self.age_days) {
            (Some(d), Some(age)) if age < d => Some((age, Since::Created)),
            (Some(d), _) => Some((d, Since::Activity)),
            (None, Some(age)) => Some((age, Since::Created)),
            (None, None) => None,
        }
    }
}

/// Whole UTC calendar days from the day of `from` to the day of `to`.
pub(crate) fn whole_days(from: i64, to: i64) -> i64 {
    to.div_euclid(DAY_MS) - from.div_euclid(DAY_MS)
}

/// A role or activity type as compared: trimmed, lower case, spaces and hyphens as `_`, so
/// `"Decision Maker"` matches `decision_maker`.
pub(crate) fn normalize(text: &str) -> String {
    text.trim().chars().map(|c| if c == ' ' || c == '-' { '_' } else { c.to_ascii_lowercase() }).collect()
}

/// Whether `raw` normalizes to `normalized`, without allocating.
pub(crate) fn matches_normalized(raw: &str, normalized: &str) -> bool {
    let raw = raw.trim();
    raw.len() == normalized.len()
        && raw.chars().zip(normalized.chars()).all(|(a, b)| {
            let a = if a == ' ' || a == '-' { '_' } else { a.to_ascii_lowercase() };
            a == b
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_iso8601;

    #[test]
    fn whole_days_count_calendar_days() {
        let now = parse_iso8601("2026-11-24T15:00:00Z").unwrap();
        assert_eq!(whole_days(now, parse_iso8601("2026-11-24").unwrap()), 0);
        assert_eq!(whole_days(now, parse_iso8601("2026-11-23T23:59:00Z").unwrap()), -1);
        assert_eq!(whole_days(now, parse_iso8601("2026-12-01").unwrap()), 7);
    }

    #[test]
    fn normalizes_roles_and_types() {
        assert_eq!(normalize(" Decision Maker "), "decision_maker");
        assert_eq!(normalize("economic-buyer"), "economic_buyer");
        assert!(matches_normalized("Economic Buyer", "economic_buyer"));
        assert!(!matches_normalized("champion!", "champion"));
    }
}
