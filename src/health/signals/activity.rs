//! Signals about activity: how long since the last one, and whether the pace is falling.

use serde::Serialize;

use super::{count, days, round2, Explanation, FactorDetail, Params, Signal, Skip};
use crate::error::Result;
use crate::health::curve::{positive, Direction, Ramp};
use crate::health::facts::{Facts, Since};

/// `last_activity`: `{ weight, fullDays, zeroDays }`, days since the last activity (since the
/// deal was created when it has none; `fullDays < zeroDays`).
pub(crate) fn last_activity(at: Params<'_>) -> Result<Box<dyn Signal>> {
    let days = Ramp::new(at.get("fullDays", at.p.full_days)?, at.get("zeroDays", at.p.zero_days)?, Direction::Falling)?;
    Ok(Box::new(LastActivity { days }))
}

/// Recency: full up to `fullDays` without activity, zero from `zeroDays`. A deal with no
/// activity counts from its creation; with neither, it scores zero.
#[derive(Debug)]
struct LastActivity {
    days: Ramp,
}

/// Numbers used by `last_activity`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LastActivityDetail {
    /// Days since the latest activity; `null` when none is logged.
    pub days_since_last_activity: Option<f64>,
    /// Days since the deal was created, when known.
    pub days_since_created: Option<f64>,
    /// Activities logged up to now.
    pub activities: u32,
}

impl Signal for LastActivity {
    fn id(&self) -> &'static str {
        "last_activity"
    }
    fn label(&self) -> &'static str {
        "Recent activity"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        Ok(facts.idle_days().map_or(0.0, |(d, _)| self.days.eval(d)))
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let a = &facts.activity;
        let reason = match facts.idle_days() {
            Some((d, Since::Activity)) if d < 1.0 => "Last activity today".to_owned(),
            Some((d, Since::Activity)) if sub >= 1.0 => format!("Last activity {} ago", days(d)),
            Some((d, Since::Activity)) => format!("No activity in {}", days(d)),
            Some((d, Since::Created)) => format!("No activity since the deal was created {} ago", days(d)),
            None => "No activity logged".to_owned(),
        };
        Explanation::new(
            reason,
            sub,
            || match facts.contacts.champion {
                Some(name) => format!("Schedule a follow-up with {name}, the champion"),
                None => "Schedule a follow-up with the buyer".to_owned(),
            },
            FactorDetail::LastActivity(LastActivityDetail {
                days_since_last_activity: a.days_since_last.map(round2),
                days_since_created: facts.age_days.map(round2),
                activities: a.count,
            }),
        )
    }
}

/// `activity_trend`: `{ weight, windowDays, zeroRatio, fullRatio }`, activities in the last
/// `windowDays` divided by those in the `windowDays` before (`windowDays > 0`,
/// `zeroRatio < fullRatio`).
pub(crate) fn activity_trend(at: Params<'_>) -> Result<Box<dyn Signal>> {
    let window_days = positive(&at.get("windowDays", at.p.window_days)?)?;
    let ratio = Ramp::new(at.get("fullRatio", at.p.full_ratio)?, at.get("zeroRatio", at.p.zero_ratio)?, Direction::Rising)?;
    Ok(Box::new(ActivityTrend { ratio, window_days }))
}

/// Pace: zero at `zeroRatio` of the previous window's activity, full at `fullRatio`.
/// Activity from nothing is rising (full); nothing in either window is zero. Skipped while
/// the deal is younger than the two windows.
#[derive(Debug)]
struct ActivityTrend {
    ratio: Ramp,
    window_days: f64,
}

/// Numbers used by `activity_trend`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ActivityTrendDetail {
    /// Activities in the last window.
    pub recent: u32,
    /// Activities in the window before.
    pub previous: u32,
    /// Window length in days.
    pub window_days: f64,
    /// `recent / previous`; `null` when the earlier window is empty.
    pub ratio: Option<f64>,
}

impl Signal for ActivityTrend {
    fn id(&self) -> &'static str {
        "activity_trend"
    }
    fn label(&self) -> &'static str {
        "Activity trend"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        if facts.age_days.is_some_and(|age| age < 2.0 * self.window_days) {
            return Err("The deal is younger than the two activity-trend windows");
        }
        let a = &facts.activity;
        Ok(match (a.recent, a.previous) {
            (0, 0) => 0.0,
            (_, 0) => 1.0,
            (r, p) => self.ratio.eval(f64::from(r) / f64::from(p)),
        })
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let (r, p) = (facts.activity.recent, facts.activity.previous);
        let w = days(self.window_days);
        let activities = |n: u32| count(n.into(), "activity", "activities");
        let reason = match (r, p) {
            (0, 0) => format!("No activity in the last {}", days(2.0 * self.window_days)),
            (r, 0) => format!("{} in the last {w}, none in the {w} before", activities(r)),
            (0, p) => format!("No activity in the last {w}, {p} in the {w} before"),
            (r, p) if r < p => format!("Activity down: {} in the last {w}, {p} in the {w} before", activities(r)),
            (r, p) => format!("Activity steady or up: {} in the last {w}, {p} in the {w} before", activities(r)),
        };
        Explanation::new(
            reason,
            sub,
            || "Re-engage the buyer: book a meeting to restore momentum".to_owned(),
            FactorDetail::ActivityTrend(ActivityTrendDetail {
                recent: r,
                previous: p,
                window_days: self.window_days,
                ratio: (p > 0).then(|| round2(f64::from(r) / f64::from(p))),
            }),
        )
    }
}
