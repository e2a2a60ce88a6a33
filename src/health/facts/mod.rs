//! The facts about one deal the signals and warnings read. A deal's JSON is read once into
//! [`DealData`] (validated, every date parsed: independent of the config, the pipeline and
//! `now`), from which [`Facts::gather`] computes the facts relative to `now`. Reading never
//! fails for missing data (that is what the signals score); only a value of the wrong kind or
//! an unparseable date is an input error.

mod activity;
mod history;

use std::borrow::Cow;

use super::record::{self, DealFields};
use super::stages::{StageInfo, StageTable};
use crate::error::Result;
use crate::gates::GateCriterion;
use crate::time::{days_between, DAY_MS};

pub(crate) use activity::{ActivityFacts, ContactFacts};
pub(crate) use history::NextStep;

/// Text read from a deal: borrowed from its JSON, or owned by a deal set.
pub(crate) type Text<'a> = Cow<'a, str>;

/// The text, owned.
pub(crate) fn owned(text: Text<'_>) -> Text<'static> {
    Cow::Owned(text.into_owned())
}

/// A deal's data as the facts need it, read once.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DealData<'a> {
    created_at: Option<i64>,
    stage_entered_at: Option<i64>,
    stage_history: history::StageEntries<'a>,
    engagement: activity::Engagement<'a>,
    close: history::CloseDate,
    amount: Option<f64>,
    peak_amount: Option<f64>,
    next_step: history::PlannedStep,
}

impl<'a> DealData<'a> {
    /// Reads and validates the fields of a deal, in a fixed order, so the error reported is
    /// the first one in that order: `INVALID_RECORD` or `INVALID_DATE` with the value's path.
    pub(crate) fn read(deal: &DealFields<'a>) -> Result<DealData<'a>> {
        let created_at = record::instant(deal.created_at, "createdAt", || "$.createdAt".into())?;
        let stage_history = history::read_stage_history(deal)?;
        let stage_entered_at = record::instant(deal.stage_entered_at, "stageEnteredAt", || "$.stageEnteredAt".into())?;
        let engagement = activity::read(deal)?;
        let close = history::close_date(deal)?;
        let (amount, peak_amount) = history::amounts(deal)?;
        let next_step = history::read_next_step(deal)?;
        Ok(DealData { created_at, stage_entered_at, stage_history, engagement, close, amount, peak_amount, next_step })
    }

    /// The same, owning its text.
    pub(crate) fn into_owned(self) -> DealData<'static> {
        DealData {
            stage_history: self.stage_history.into_owned(),
            engagement: self.engagement.into_owned(),
            ..self
        }
    }
}

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
    /// The facts of `deal`, in `stage` of `table`, at `now`.
    pub(crate) fn gather(
        deal: &'a DealData<'_>,
        stage: &'a StageInfo,
        table: &'a StageTable,
        params: &FactParams,
        exit: Option<ExitFacts<'a>>,
        now: i64,
    ) -> Facts<'a> {
        let stage_history = history::stage_history(&deal.stage_history, stage, &table.stages);
        let entered = deal.stage_entered_at.or(stage_history.entered_current);
        let created = deal.created_at.or(stage_history.first_entered);
        let (activity, contacts) = activity::facts(&deal.engagement, params, now);
        Facts {
            stage,
            cycle_days: table.cycle_days,
            days_in_stage: entered.map(|at| days_between(at, now).max(0.0)),
            age_days: created.map(|at| days_between(at, now).max(0.0)),
            activity,
            contacts,
            days_to_close: deal.close.date.map(|d| whole_days(now, d)),
            pushes: deal.close.pushes,
            next_step: deal.next_step.at(now),
            amount: deal.amount,
            peak_amount: deal.peak_amount,
            backward_moves: stage_history.backward_moves,
            exit,
        }
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

/// [`normalize`]d text, borrowed when it already is (trimmed, lower case, no space or hyphen).
pub(crate) fn normalized(text: &str) -> Text<'_> {
    let text = text.trim();
    if text.bytes().any(|b| b == b' ' || b == b'-' || b.is_ascii_uppercase()) {
        Cow::Owned(normalize(text))
    } else {
        Cow::Borrowed(text)
    }
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
        assert_eq!(normalized("Economic Buyer"), "economic_buyer");
        assert!(matches!(normalized(" champion "), Cow::Borrowed("champion")));
        assert_ne!(normalized("champion!"), "champion");
    }
}
