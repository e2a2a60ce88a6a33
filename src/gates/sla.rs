//! SLA arithmetic: where a handoff stands against its deadline at `now`.

use serde::Serialize;

use crate::time::format_datetime;

/// Where a handoff stands against its SLA.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SlaState {
    /// The clock has not started: the start time is missing or the handoff is not triggered.
    NotStarted,
    /// Not done yet, and the deadline has not passed (at the deadline itself: still pending).
    Pending,
    /// Done no later than the deadline (exactly at the deadline counts as met).
    Met,
    /// Done after the deadline, or not done and the deadline has passed.
    Breached,
}

/// An SLA's status with its instants (ISO-8601, UTC) and time left or over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlaReport {
    /// The status.
    pub status: SlaState,
    /// Field holding the start instant.
    pub start_field: String,
    /// Field holding the completion instant.
    pub done_field: String,
    /// Time allowed, in milliseconds.
    pub within_ms: i64,
    /// When the clock started, if it has.
    pub started_at: Option<String>,
    /// The deadline, once the clock has started.
    pub due_at: Option<String>,
    /// When the handoff was done, if it was.
    pub completed_at: Option<String>,
    /// Time from start to completion (0 when completion is recorded before the start).
    pub elapsed_ms: Option<i64>,
    /// Time left until the deadline (`pending` only; 0 exactly at the deadline).
    pub remaining_ms: Option<i64>,
    /// How late: completion (or `now`, while not done) minus the deadline (`breached` only).
    pub overdue_ms: Option<i64>,
}

/// Instants an SLA is measured from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SlaClock {
    /// Start instant, `None` when the clock has not started.
    pub start: Option<i64>,
    /// Completion instant, `None` while not done.
    pub done: Option<i64>,
}

/// The status of an SLA allowing `within_ms` from `clock.start` to `clock.done`, at `now`.
pub(crate) fn evaluate(start_field: &str, done_field: &str, within_ms: i64, clock: SlaClock, now: i64) -> SlaReport {
    let mut report = SlaReport {
        status: SlaState::NotStarted,
        start_field: start_field.to_owned(),
        done_field: done_field.to_owned(),
        within_ms,
        started_at: None,
        due_at: None,
        completed_at: clock.done.map(format_datetime),
        elapsed_ms: None,
        remaining_ms: None,
        overdue_ms: None,
    };
    let Some(start) = clock.start else {
        return report;
    };
    let due = start.saturating_add(within_ms);
    report.started_at = Some(format_datetime(start));
    report.due_at = Some(format_datetime(due));
    match clock.done {
        Some(done) if done <= due => {
            report.status = SlaState::Met;
            report.elapsed_ms = Some(done.saturating_sub(start).max(0));
        }
        Some(done) => {
            report.status = SlaState::Breached;
            report.elapsed_ms = Some(done.saturating_sub(start));
            report.overdue_ms = Some(done.saturating_sub(due));
        }
        None if now <= due => {
            report.status = SlaState::Pending;
            report.remaining_ms = Some(due.saturating_sub(now));
        }
        None => {
            report.status = SlaState::Breached;
            report.overdue_ms = Some(now.saturating_sub(due));
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::MINUTE_MS;

    const START: i64 = 1_764_000_000_000;
    const WITHIN: i64 = 5 * MINUTE_MS;

    fn at(done: Option<i64>, now: i64) -> SlaReport {
        evaluate("mqlAt", "firstContactAt", WITHIN, SlaClock { start: Some(START), done }, now)
    }

    #[test]
    fn done_exactly_at_the_deadline_is_met_and_a_millisecond_later_breached() {
        let due = START + WITHIN;
        let met = at(Some(due), due + 10);
        assert_eq!((met.status, met.elapsed_ms, met.overdue_ms), (SlaState::Met, Some(WITHIN), None));
        let late = at(Some(due + 1), due + 10);
        assert_eq!((late.status, late.overdue_ms), (SlaState::Breached, Some(1)));
        assert_eq!(at(Some(due - 1), due).status, SlaState::Met);
    }

    #[test]
    fn not_done_is_pending_until_the_deadline_then_breached() {
        let due = START + WITHIN;
        let before = at(None, due - 1);
        assert_eq!((before.status, before.remaining_ms), (SlaState::Pending, Some(1)));
        let exactly = at(None, due);
        assert_eq!((exactly.status, exactly.remaining_ms), (SlaState::Pending, Some(0)));
        let after = at(None, due + 1);
        assert_eq!((after.status, after.overdue_ms, after.remaining_ms), (SlaState::Breached, Some(1), None));
        assert_eq!(before.due_at.as_deref(), Some("2025-11-24T16:05:00.000Z"));
    }

    #[test]
    fn no_start_means_not_started_and_done_before_start_is_met() {
        let idle = evaluate("a", "b", WITHIN, SlaClock { start: None, done: Some(START) }, START);
        assert_eq!((idle.status, idle.due_at.clone()), (SlaState::NotStarted, None));
        let early = at(Some(START - 1000), START);
        assert_eq!((early.status, early.elapsed_ms), (SlaState::Met, Some(0)));
    }

    #[test]
    fn extreme_instants_saturate_instead_of_overflowing() {
        let far = evaluate("a", "b", WITHIN, SlaClock { start: Some(i64::MAX - 1), done: None }, i64::MIN);
        assert_eq!((far.status, far.remaining_ms), (SlaState::Pending, Some(i64::MAX)));
        let past = evaluate("a", "b", WITHIN, SlaClock { start: Some(i64::MIN), done: None }, i64::MAX);
        assert_eq!((past.status, past.overdue_ms), (SlaState::Breached, Some(i64::MAX)));
    }
}
