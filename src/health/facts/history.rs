//! Facts from the deal's histories (`stageHistory`, `closeDateHistory`, `amountHistory`) and
//! its plan (`closeDate`, `nextStep`, `nextStepDate`). Each history is read in date order,
//! whatever order the list is in.

use serde_json::Value;

use super::{owned, whole_days, Text};
use crate::error::Result;
use crate::health::record::{self, DealFields, EntryFields};
use crate::health::stages::StageInfo;
use crate::path::{index, key};
use crate::rules::number::Plain;
use crate::sort::sort_by;

/// What the stage history says.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct StageHistory {
    /// When the deal entered its current stage: the latest entry, if it is the current stage.
    pub entered_current: Option<i64>,
    /// The earliest entry.
    pub first_entered: Option<i64>,
    /// Moves to an earlier stage, including the move to the current stage after the last
    /// entry. Entries naming stages the pipeline does not have are passed over.
    pub backward_moves: u32,
}

/// `stageHistory`, read: `(enteredAt, stage)` in date order, list order among equal dates.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct StageEntries<'a>(Vec<(i64, Text<'a>)>);

impl StageEntries<'_> {
    /// The same, owning its text.
    pub(crate) fn into_owned(self) -> StageEntries<'static> {
        StageEntries(self.0.into_iter().map(|(at, stage)| (at, owned(stage))).collect())
    }
}

/// Reads `stageHistory: [{ stage, enteredAt }]`.
pub(crate) fn read_stage_history<'a>(deal: &DealFields<'a>) -> Result<StageEntries<'a>> {
    let items = record::list(deal.stage_history, "stageHistory", || "$.stageHistory".into())?;
    // (enteredAt, index) sorted is date order with list order among equal dates.
    let mut order: Vec<(i64, usize, &'a str)> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = || index("$.stageHistory", i);
        let entry = EntryFields::read(record::object(item, "a stage history entry", path)?);
        let stage = record::text(entry.stage, "a stage history entry's stage", || key(&path(), "stage"))?;
        let at = record::instant(entry.entered_at, "enteredAt", || key(&path(), "enteredAt"))?;
        match (stage, at) {
            (Some(stage), Some(at)) => order.push((at, i, stage)),
            (None, _) => return Err(record::invalid(key(&path(), "stage"), "a stage history entry needs its stage".into())),
            (_, None) => {
                let message = "a stage history entry needs the date the stage was entered (enteredAt)".into();
                return Err(record::invalid(key(&path(), "enteredAt"), message));
            }
        }
    }
    sort_by(&mut order, |a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    Ok(StageEntries(order.into_iter().map(|(at, _, stage)| (at, Text::Borrowed(stage))).collect()))
}

/// What the stage history says about the deal in `current` of `stages`.
pub(crate) fn stage_history(entries: &StageEntries<'_>, current: &StageInfo, stages: &[StageInfo]) -> StageHistory {
    let entries = &entries.0;
    let stage_order = |id: &str| stages.iter().find(|s| s.id == id).map(|s| s.order);
    let mut out = StageHistory { first_entered: entries.first().map(|e| e.0), ..StageHistory::default() };
    let mut previous: Option<usize> = None;
    for (_, stage) in entries {
        if let Some(o) = stage_order(stage) {
            out.backward_moves += u32::from(previous.is_some_and(|p| o < p));
            previous = Some(o);
        }
    }
    match entries.last() {
        Some((at, stage)) if *stage == current.id => out.entered_current = Some(*at),
        _ => out.backward_moves += u32::from(previous.is_some_and(|p| current.order < p)),
    }
    out
}

/// The close date and how often it was pushed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct CloseDate {
    /// `closeDate`.
    pub date: Option<i64>,
    /// `closeDatePushes` when given, else the moves to a later day in `closeDateHistory`
    /// (followed by the current close date).
    pub pushes: u32,
}

/// Reads `closeDate`, `closeDatePushes` and `closeDateHistory: [{ closeDate, changedAt }]`.
pub(crate) fn close_date(deal: &DealFields<'_>) -> Result<CloseDate> {
    let date = record::instant(deal.close_date, "closeDate", || "$.closeDate".into())?;
    let items = record::list(deal.close_date_history, "closeDateHistory", || "$.closeDateHistory".into())?;
    // (changedAt, index) sorted is date order with list order among equal dates.
    let mut order: Vec<(i64, usize)> = Vec::with_capacity(items.len());
    let mut closes: Vec<i64> = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let path = || index("$.closeDateHistory", i);
        let entry = EntryFields::read(record::object(item, "a close date history entry", path)?);
        closes.push(required_instant(entry.close_date, "closeDate", &path)?);
        order.push((required_instant(entry.changed_at, "changedAt", &path)?, i));
    }
    sort_by(&mut order, Ord::cmp);
    let counted = order
        .iter()
        .filter_map(|&(_, i)| closes.get(i).copied())
        .chain(date)
        .fold((0u32, None::<i64>), |(n, prev), d| (n + u32::from(prev.is_some_and(|p| whole_days(p, d) > 0)), Some(d)))
        .0;
    let pushes = match record::number(deal.close_date_pushes, "closeDatePushes", || "$.closeDatePushes".into())?
    {
        None => counted,
        Some(n) if n >= 0.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => n as u32,
        Some(n) => {
            return Err(record::invalid(
                "$.closeDatePushes".into(),
                format!("closeDatePushes must be a whole number of at least 0, found {}", Plain(n)),
            ))
        }
    };
    Ok(CloseDate { date, pushes })
}

/// Reads `amount` and `amountHistory: [{ amount, changedAt }]`: the current amount (the
/// latest history entry when `amount` is absent) and the highest.
pub(crate) fn amounts(deal: &DealFields<'_>) -> Result<(Option<f64>, Option<f64>)> {
    let amount = record::number(deal.amount, "amount", || "$.amount".into())?;
    let items = record::list(deal.amount_history, "amountHistory", || "$.amountHistory".into())?;
    let mut peak = amount;
    let mut latest: Option<(i64, f64)> = None;
    for (i, item) in items.iter().enumerate() {
        let path = || index("$.amountHistory", i);
        let entry = EntryFields::read(record::object(item, "an amount history entry", path)?);
        let Some(value) = record::number(entry.amount, "an amount", || key(&path(), "amount"))? else {
            return Err(record::invalid(key(&path(), "amount"), "an amount history entry needs its amount".into()));
        };
        let changed = required_instant(entry.changed_at, "changedAt", &path)?;
        peak = Some(peak.map_or(value, |p| p.max(value)));
        // Among entries with the same date, the last listed wins.
        if latest.map_or(true, |(t, _)| t <= changed) {
            latest = Some((changed, value));
        }
    }
    Ok((amount.or(latest.map(|l| l.1)), peak))
}

/// The deal's next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NextStep {
    /// No `nextStep` and no `nextStepDate`.
    Missing,
    /// A `nextStep` without a date.
    Undated,
    /// Due in this many whole UTC days (0 today, negative when overdue).
    Dated(i64),
}

/// `nextStep` and `nextStepDate`, read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct PlannedStep {
    /// Whether `nextStep` has text.
    named: bool,
    /// `nextStepDate`.
    date: Option<i64>,
}

impl PlannedStep {
    /// The next step as of `now`.
    pub(crate) fn at(self, now: i64) -> NextStep {
        match (self.named, self.date) {
            (_, Some(date)) => NextStep::Dated(whole_days(now, date)),
            (true, None) => NextStep::Undated,
            (false, None) => NextStep::Missing,
        }
    }
}

/// Reads `nextStep` and `nextStepDate`.
pub(crate) fn read_next_step(deal: &DealFields<'_>) -> Result<PlannedStep> {
    let text = record::text(deal.next_step, "nextStep", || "$.nextStep".into())?;
    let date = record::instant(deal.next_step_date, "nextStepDate", || "$.nextStepDate".into())?;
    Ok(PlannedStep { named: text.is_some(), date })
}

/// A date an entry must have: its field `name`, holding `value`.
fn required_instant(value: Option<&Value>, name: &str, path: &impl Fn() -> String) -> Result<i64> {
    record::instant(value, name, || key(&path(), name))?
        .ok_or_else(|| record::invalid(key(&path(), name), format!("a history entry needs its {name}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::health::stages::StageTable;
    use crate::time::parse_iso8601;
    use serde_json::json;

    fn fields(deal: &Value) -> DealFields<'_> {
        DealFields::read(deal.as_object().unwrap())
    }

    fn table() -> StageTable {
        StageTable::new(
            "p",
            [
                ("a", "A", Some(7.0), false),
                ("b", "B", Some(7.0), false),
                ("c", "C", Some(7.0), false),
                ("won", "Won", None, true),
            ],
        )
    }

    fn history(deal: Value, current: &str) -> Result<StageHistory> {
        let t = table();
        Ok(stage_history(&read_stage_history(&fields(&deal))?, t.stage(current).unwrap(), &t.stages))
    }

    #[test]
    fn stage_history_in_date_order() {
        let h = history(
            json!({"stageHistory": [
                {"stage": "c", "enteredAt": "2026-03-01"},
                {"stage": "a", "enteredAt": "2026-01-01"},
                {"stage": "b", "enteredAt": "2026-02-01"},
                {"stage": "gone", "enteredAt": "2026-02-15"},
                {"stage": "b", "enteredAt": "2026-04-01"}
            ]}),
            "b",
        )
        .unwrap();
        assert_eq!(h.backward_moves, 1);
        assert_eq!(h.entered_current, parse_iso8601("2026-04-01"));
        assert_eq!(h.first_entered, parse_iso8601("2026-01-01"));
    }

    #[test]
    fn a_move_after_the_last_entry_counts() {
        let h = history(json!({"stageHistory": [{"stage": "c", "enteredAt": "2026-03-01"}]}), "a").unwrap();
        assert_eq!((h.backward_moves, h.entered_current), (1, None));
        let h = history(json!({}), "a").unwrap();
        assert_eq!(h, StageHistory::default());
        let e = history(json!({"stageHistory": [{"stage": "a"}]}), "a").unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_RECORD", "$.stageHistory[0].enteredAt"));
    }

    #[test]
    fn close_date_pushes_count_later_days() {
        let deal = json!({
            "closeDate": "2026-12-20",
            "closeDateHistory": [
                {"closeDate": "2026-11-30", "changedAt": "2026-10-15"},
                {"closeDate": "2026-10-31", "changedAt": "2026-09-01"},
                {"closeDate": "2026-11-15", "changedAt": "2026-10-01"},
                {"closeDate": "2026-11-30T18:00:00Z", "changedAt": "2026-10-20"}
            ]
        });
        assert_eq!(close_date(&fields(&deal)).unwrap().pushes, 3);
        let given = json!({"closeDatePushes": 5, "closeDateHistory": []});
        assert_eq!(close_date(&fields(&given)).unwrap().pushes, 5);
        let bad = json!({"closeDatePushes": -1});
        assert_eq!(close_date(&fields(&bad)).unwrap_err().path, "$.closeDatePushes");
        let bad = json!({"closeDateHistory": [{"closeDate": "2026-01-01"}]});
        assert_eq!(close_date(&fields(&bad)).unwrap_err().path, "$.closeDateHistory[0].changedAt");
    }

    #[test]
    fn amounts_current_and_peak() {
        let deal = json!({"amountHistory": [
            {"amount": 30000, "changedAt": "2026-10-01"},
            {"amount": 50000, "changedAt": "2026-09-01"},
            {"amount": 25000, "changedAt": "2026-10-01"}
        ]});
        assert_eq!(amounts(&fields(&deal)).unwrap(), (Some(25000.0), Some(50000.0)));
        let deal = json!({"amount": 60000, "amountHistory": [{"amount": 50000, "changedAt": "2026-09-01"}]});
        assert_eq!(amounts(&fields(&deal)).unwrap(), (Some(60000.0), Some(60000.0)));
    }

    #[test]
    fn next_step_states() {
        let now = parse_iso8601("2026-11-24T15:00:00Z").unwrap();
        let read = |v: Value| read_next_step(&fields(&v)).unwrap().at(now);
        assert_eq!(read(json!({})), NextStep::Missing);
        assert_eq!(read(json!({"nextStep": "Send MSA"})), NextStep::Undated);
        assert_eq!(read(json!({"nextStep": "Send MSA", "nextStepDate": "2026-11-24"})), NextStep::Dated(0));
        assert_eq!(read(json!({"nextStepDate": "2026-11-20"})), NextStep::Dated(-4));
    }
}
