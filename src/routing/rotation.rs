//! Round robin: smooth weighted round robin over the pool members who can take a lead now
//! (available, under their caps, weight above 0), resumable from a [`RoutingState`].
//!
//! Each pick adds every eligible member's weight to their counter, gives the lead to the
//! highest counter (the first listed on a tie) and takes the eligible weights' sum off the
//! winner's counter. Weights 2:1:1 over A, B, C give A B C A A B C A for eight leads
//! (A B C A, twice): each rep's share is their weight's, spread out rather than in runs. A
//! member who can't take a lead is left out of the pick and keeps their counter.

use serde::Serialize;

use super::model::{Pool, Rep};
use super::schedule::Availability;
use super::state::RoutingState;
use super::tz::{date_of_day, local_time, month_of_day, next_month_start};
use crate::time::{format_datetime, DAY_MS};

/// What a pool did with a lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Rotation {
    /// The pool's id.
    pub pool: String,
    /// The pool's label.
    pub label: Option<String>,
    /// The rep picked, if anyone could take the lead.
    pub picked: Option<String>,
    /// Members passed over, in member order, with why.
    pub skipped: Vec<SkippedRep>,
    /// Nobody could take the lead: it went to the pool's fallback (or the default owner).
    pub fallback: bool,
}

/// A pool member passed over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedRep {
    /// The rep's id.
    pub rep: String,
    /// Why: `outside working hours`, `out of office`, `on holiday (2026-12-25)`,
    /// `reached the cap of 25 leads a day`, `weight 0`.
    pub reason: String,
    /// When that changes (ISO-8601, UTC), if known: when the rep is next available or the
    /// count resets.
    pub until: Option<String>,
}

/// A rep's local periods at the routing instant, for caps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Periods {
    pub day: String,
    pub month: String,
    /// The next local midnight and the next local month start, as instants.
    pub next_day: i64,
    pub next_month: i64,
}

impl Periods {
    /// `rep`'s periods at `now`.
    pub(crate) fn of(rep: &Rep, now: i64) -> Periods {
        let zone = &rep.schedule.zone;
        let today = local_time(zone, now).day;
        Periods {
            day: date_of_day(today),
            month: month_of_day(today),
            next_day: zone.utc_ms((today + 1) * DAY_MS),
            next_month: zone.utc_ms(next_month_start(today) * DAY_MS),
        }
    }
}

/// Why a rep can't take a lead now, or `None` when they can: availability, then caps.
pub(crate) fn unable(rep: &Rep, availability: &Availability, periods: &Periods, state: &RoutingState) -> Option<SkippedRep> {
    let skip = |reason: String, until: Option<i64>| Some(SkippedRep { rep: rep.id.clone(), reason, until: until.map(format_datetime) });
    if !availability.now {
        let reason = availability.reason.clone().unwrap_or_else(|| "not available".to_owned());
        let reason = match availability.change {
            Some(at) => format!("{reason} until {}", rep.schedule.local_text(at)),
            None => reason,
        };
        return skip(reason, availability.change);
    }
    let (today, this_month) = state.counts(&rep.id, &periods.day, &periods.month);
    if let Some(cap) = rep.cap_per_day.filter(|cap| today >= *cap) {
        return skip(format!("reached the cap of {cap} leads a day ({today} on {})", periods.day), Some(periods.next_day));
    }
    if let Some(cap) = rep.cap_per_month.filter(|cap| this_month >= *cap) {
        return skip(format!("reached the cap of {cap} leads a month ({this_month} in {})", periods.month), Some(periods.next_month));
    }
    None
}

/// Picks the rep of `pool` for the next lead and advances the pool's state. `can_take(m)`
/// says whether member `m` (a position in `pool.members`) can take a lead now, or why not.
/// Returns the rep position picked.
pub(crate) fn pick(
    pool: &Pool,
    reps: &[Rep],
    state: &mut RoutingState,
    can_take: &mut dyn FnMut(usize, &RoutingState) -> Option<SkippedRep>,
) -> (Option<usize>, Rotation) {
    let mut rotation = Rotation { pool: pool.id.clone(), label: pool.label.clone(), picked: None, skipped: Vec::new(), fallback: false };
    let mut eligible: Vec<(usize, i64)> = Vec::with_capacity(pool.members.len());
    for (m, &(rep, weight)) in pool.members.iter().enumerate() {
        let Some(rep_id) = reps.get(rep).map(|r| &r.id) else { continue };
        if weight <= 0 {
            rotation.skipped.push(SkippedRep { rep: rep_id.clone(), reason: "weight 0: takes no leads from this pool".to_owned(), until: None });
            continue;
        }
        match can_take(m, state) {
            Some(skipped) => rotation.skipped.push(skipped),
            None => eligible.push((m, weight)),
        }
    }
    if eligible.is_empty() {
        rotation.fallback = true;
        return (None, rotation);
    }
    let pool_state = state.pools.entry(pool.id.clone()).or_default();
    let total: i64 = eligible.iter().map(|(_, w)| w).sum();
    let mut best: Option<(usize, i64)> = None;
    for &(m, weight) in &eligible {
        let Some(rep) = pool.members.get(m).and_then(|(r, _)| reps.get(*r)) else { continue };
        let counter = pool_state.current.entry(rep.id.clone()).or_insert(0);
        *counter = counter.saturating_add(weight);
        if best.map_or(true, |(_, c)| *counter > c) {
            best = Some((m, *counter));
        }
    }
    let Some((m, _)) = best else {
        rotation.fallback = true;
        return (None, rotation);
    };
    let rep_position = pool.members.get(m).map(|(r, _)| *r);
    if let Some(rep) = rep_position.and_then(|r| reps.get(r)) {
        if let Some(counter) = pool_state.current.get_mut(&rep.id) {
            *counter = counter.saturating_sub(total);
        }
        pool_state.assigned = pool_state.assigned.saturating_add(1);
        pool_state.last = Some(rep.id.clone());
        rotation.picked = Some(rep.id.clone());
    }
    (rep_position, rotation)
}
