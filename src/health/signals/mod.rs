//! The weighted signals. Each turns the deal's [`Facts`] into a 0–1 sub-score through a
//! monotone piecewise-linear curve, or says why it does not apply; then, for the factors a
//! result shows, explains itself with a reason, a suggested action and the numbers it used.

mod activity;
mod close_date;
mod contacts;
mod deal;
mod params;
mod stage;

use serde::Serialize;

use super::facts::Facts;

pub(crate) use activity::{activity_trend, last_activity};
pub(crate) use close_date::{close_date, close_date_distance, close_date_pushes};
pub(crate) use contacts::{buyer_roles, engaged_contacts};
pub(crate) use deal::{amount_changes, deal_age, next_step};
pub(crate) use params::{Params, SignalParams};
pub(crate) use stage::{exit_criteria, stage_duration, stage_regressions};

/// Why a signal does not apply to a deal; it then counts in neither the points nor the total.
pub(crate) type Skip = &'static str;

/// One signal's compiled parameters and its math. (Not `Debug`: a supertrait puts its `fmt`
/// in every signal's vtable, and with it core's float formatting, into the `.wasm`.)
pub(crate) trait Signal {
    /// Stable id, as in the config (`last_activity`).
    fn id(&self) -> &'static str;
    /// Display label ("Recent activity").
    fn label(&self) -> &'static str;
    /// The sub-score in 0–1, or why the signal does not apply.
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip>;
    /// The reason, the suggested action (none at a full sub-score) and the numbers used.
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation;
}

/// What a factor says about itself.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Explanation {
    /// Plain-language reason, e.g. "No activity in 21 days".
    pub reason: String,
    /// What to do about it; `None` when there is nothing to do.
    pub action: Option<String>,
    /// The numbers the signal used.
    pub detail: FactorDetail,
}

impl Explanation {
    /// An explanation whose action applies only while the sub-score is below 1.
    fn new(reason: String, sub: f64, action: impl FnOnce() -> String, detail: FactorDetail) -> Explanation {
        Explanation { reason, action: (sub < 1.0).then(action), detail }
    }
}

/// The numbers a factor used, one shape per signal (see each signal's module).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(untagged)]
pub enum FactorDetail {
    /// `stage_duration`.
    StageDuration(stage::StageDurationDetail),
    /// `exit_criteria`.
    ExitCriteria(stage::ExitCriteriaDetail),
    /// `stage_regressions`.
    StageRegressions(stage::StageRegressionsDetail),
    /// `last_activity`.
    LastActivity(activity::LastActivityDetail),
    /// `activity_trend`.
    ActivityTrend(activity::ActivityTrendDetail),
    /// `engaged_contacts`.
    EngagedContacts(contacts::EngagedContactsDetail),
    /// `buyer_roles`.
    BuyerRoles(contacts::BuyerRolesDetail),
    /// `close_date`.
    CloseDate(close_date::CloseDateDetail),
    /// `close_date_pushes`.
    CloseDatePushes(close_date::CloseDatePushesDetail),
    /// `close_date_distance`.
    CloseDateDistance(close_date::CloseDateDistanceDetail),
    /// `next_step`.
    NextStep(deal::NextStepDetail),
    /// `amount_changes`.
    AmountChanges(deal::AmountChangesDetail),
    /// `deal_age`.
    DealAge(deal::DealAgeDetail),
}

pub use activity::{ActivityTrendDetail, LastActivityDetail};
pub use close_date::{CloseDateDetail, CloseDateDistanceDetail, CloseDatePushesDetail};
pub use contacts::{BuyerRolesDetail, EngagedContactsDetail};
pub use deal::{AmountChangesDetail, DealAgeDetail, NextStepDetail};
pub use stage::{ExitCriteriaDetail, StageDurationDetail, StageRegressionsDetail};

/// `x` rounded half away from zero to `decimals` places, never -0.
pub(crate) fn round_to(x: f64, decimals: i32) -> f64 {
    let scale = 10f64.powi(decimals);
    (x * scale).round() / scale + 0.0
}

/// `x` rounded to two decimals, for details.
pub(crate) fn round2(x: f64) -> f64 {
    round_to(x, 2)
}

/// "1 day", "21 days": whole days, rounded down.
pub(crate) fn days(n: f64) -> Count {
    count(n.max(0.0).floor() as u64, "day", "days")
}

/// "1 contact", "3 contacts".
pub(crate) fn count(n: u64, one: &'static str, many: &'static str) -> Count {
    Count { n, noun: if n == 1 { one } else { many } }
}

/// A number and its noun, written into the message that shows it (no text of its own).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Count {
    n: u64,
    noun: &'static str,
}

impl Count {
    /// Appends "21 days" to `out`.
    fn push_to(self, out: &mut String) {
        out.push_str(digits(self.n, &mut [0; 20]));
        out.push(' ');
        out.push_str(self.noun);
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(digits(self.n, &mut [0; 20]))?;
        f.write_str(" ")?;
        f.write_str(self.noun)
    }
}

/// The decimal digits of `n`, written at the end of `buffer`.
fn digits(mut n: u64, buffer: &mut [u8; 20]) -> &str {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    std::str::from_utf8(&buffer[at..]).unwrap_or_default()
}

/// A part of a [`message`]: text, a whole number or a [`Count`].
pub(crate) enum Part<'a> {
    /// Text as it is.
    Text(&'a str),
    /// A whole number.
    Number(u64),
    /// A number and its noun.
    Count(Count),
}

/// The message made of `parts`. Warnings are built for every deal scored, so they skip
/// the formatting machinery (a quarter of the time of an `explain: false` batch in wasm).
pub(crate) fn message(parts: &[Part<'_>]) -> String {
    let mut out = String::with_capacity(64);
    for part in parts {
        match *part {
            Part::Text(text) => out.push_str(text),
            Part::Number(n) => out.push_str(digits(n, &mut [0; 20])),
            Part::Count(c) => c.push_to(&mut out),
        }
    }
    out
}

/// "a", "a and b", "a, b and c".
pub(crate) fn join_and<S: AsRef<str>>(items: &[S], last: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(if i + 1 == items.len() { last } else { ", " });
        }
        out.push_str(item.as_ref());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_helpers() {
        assert_eq!(days(1.9).to_string(), "1 day");
        assert_eq!(days(21.0).to_string(), "21 days");
        assert_eq!(days(-0.5).to_string(), "0 days");
        assert_eq!(count(u64::MAX, "a", "many").to_string(), "18446744073709551615 many");
        assert_eq!(count(1, "day", "days").to_string(), "1 day");
        let parts = [Part::Text("Only "), Part::Count(count(2, "contact", "contacts")), Part::Text(", at least "), Part::Number(0)];
        assert_eq!(message(&parts), "Only 2 contacts, at least 0");
        assert_eq!(join_and(&["a"], " and "), "a");
        assert_eq!(join_and(&["a", "b", "c"], " and "), "a, b and c");
        assert_eq!(join_and(&["a", "b"], " or "), "a or b");
        assert_eq!(round2(2.0 / 3.0), 0.67);
        assert_eq!(round_to(-0.0001, 1).to_string(), "0");
    }
}
