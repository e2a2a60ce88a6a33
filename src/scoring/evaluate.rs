//! Scoring one lead with a compiled model: match rules, decay, caps, weights, rounding,
//! grades and the lifecycle recommendation.

use super::caps::{apportion, round_points};
use super::lead::{check_fields, read_events, Event};
use super::lifecycle::Scores;
use super::result::{Contribution, GroupKind, GroupScore, LeadScore};
use super::{EventMatcher, Group, LeadScorer, Matcher, Predicates, ScoreOptions};
use crate::record::RowRef;
use crate::rules::atoms::AtomCache;
use crate::rules::{EvalContext, Rule};
use crate::sort::sort_by;
use crate::Result;

/// Buffers reused from one lead to the next in a batch.
#[derive(Default)]
pub(crate) struct Scratch<'l> {
    events: Vec<Event<'l>>,
    matches: Vec<(i64, f64)>,
    /// `share[i]`: contribution i's exact part of the score, refined by each cap and weight.
    share: Vec<f64>,
    applied: Vec<i64>,
    order: Vec<usize>,
}

/// Decides whether a lead's criteria hold (a predicate over atom bits, or a bound rule on the
/// lead's row), so that the arithmetic is one code.
pub(crate) trait Criteria {
    /// Whether lead rule number `index` (lead rules counted in model order) holds.
    fn rule(&self, index: usize, when: &Rule) -> bool;
    /// Whether the `when` of lifecycle stage number `index` holds.
    fn stage(&self, index: usize, when: &Rule) -> bool;
}

/// The general path's criteria: predicates over the row's atom bits where the criterion is
/// one, else the bound rule evaluated on the lead's row.
struct OnRow<'l, 'c> {
    lead: RowRef<'l>,
    ctx: &'c EvalContext,
    bits: &'c [u64],
    predicates: &'c Predicates,
}

impl Criteria for OnRow<'_, '_> {
    fn rule(&self, index: usize, when: &Rule) -> bool {
        match self.predicates.rules.get(index) {
            Some(Some(p)) => p.test(self.bits),
            _ => when.is_truthy_row(self.lead, self.ctx),
        }
    }

    fn stage(&self, index: usize, when: &Rule) -> bool {
        match self.predicates.stages.get(index) {
            Some(Some(p)) => p.test(self.bits),
            _ => when.is_truthy_row(self.lead, self.ctx),
        }
    }
}

/// Scores `lead` at `now`; without `explain`, `groups` and `contributions` are not built.
pub(crate) fn score<'a, 'l>(
    scorer: &'a LeadScorer,
    lead: RowRef<'l>,
    now: i64,
    options: ScoreOptions,
    scratch: &mut Scratch<'l>,
    atoms: &mut AtomCache<'_>,
) -> Result<LeadScore<'a>> {
    check_fields(lead, &scorer.reads, options.mode, &scorer.plan)?;
    read_events(lead, &scorer.reads, options.mode, &mut scratch.events)?;
    let ctx = EvalContext::new(now);
    let criteria = OnRow { lead, ctx: &ctx, bits: atoms.bits(lead), predicates: &scorer.predicates };
    Ok(if options.explain || scorer.predicates.event_rules {
        tally(scorer, &criteria, now, scratch, options.explain)
    } else {
        tally_lead_rules(scorer, &criteria)
    })
}

/// Scores a lead whose events are in `scratch` and whose criteria `criteria` decides. Without
/// `explain`, `groups` and `contributions` are left empty (and not computed).
pub(crate) fn tally<'a>(
    scorer: &'a LeadScorer,
    criteria: &impl Criteria,
    now: i64,
    scratch: &mut Scratch<'_>,
    explain: bool,
) -> LeadScore<'a> {
    let ctx = EvalContext::new(now);
    let Scratch { events, matches, share, applied, order } = scratch;
    share.clear();

    let mut contributions = Vec::new();
    let mut groups = Vec::with_capacity(if explain { scorer.groups.len() } else { 0 });
    let (mut fit, mut engagement) = (0.0, 0.0);
    let mut lead_rule = 0;
    for group in &scorer.groups {
        let first = share.len();
        for rule in &group.rules {
            let fired = match &rule.matcher {
                Matcher::Lead(when) => {
                    lead_rule += 1;
                    criteria.rule(lead_rule - 1, when).then_some((rule.points, rule.points, None))
                }
                Matcher::Event(m) => {
                    collect_matches(m, events, &ctx, |at| group.window.weight(at, now), matches);
                    occurrences(m, rule.points, matches)
                }
            };
            if let Some((points, decayed, occurrences)) = fired {
                if explain {
                    contributions.push(Contribution {
                        rule: &rule.id,
                        group: &group.id,
                        label: &rule.label,
                        points,
                        decayed,
                        applied: 0,
                        occurrences,
                    });
                }
                share.push(decayed);
            }
        }
        let values = share.get_mut(first..).unwrap_or_default();
        // `+ 0.0` turns the −0 of an empty sum into 0 (JSON would keep the sign).
        let decayed = values.iter().sum::<f64>() + 0.0;
        let capped = group.cap.apply(values, decayed);
        let weight = match group.kind {
            GroupKind::Fit => {
                fit += capped;
                scorer.fit_weight
            }
            GroupKind::Engagement => {
                engagement += capped;
                scorer.engagement_weight
            }
        };
        values.iter_mut().for_each(|v| *v *= weight);
        if explain {
            groups.push(GroupScore { id: &group.id, kind: group.kind, label: &group.label, decayed, score: capped });
        }
    }

    let combined = scorer.cap.apply(share, scorer.fit_weight * fit + scorer.engagement_weight * engagement);
    let total = round_points(combined);
    if explain {
        apportion(share, total, applied, order);
        for (c, a) in contributions.iter_mut().zip(applied.iter()) {
            c.applied = *a;
        }
        // Stable: equal impact keeps model order.
        sort_by(&mut contributions, |a, b| {
            b.applied.unsigned_abs().cmp(&a.applied.unsigned_abs()).then(b.decayed.abs().total_cmp(&a.decayed.abs()))
        });
    }
    conclude(scorer, criteria, total, fit, engagement, groups, contributions)
}

/// A lead's rounded total and its (capped, unrounded) fit and engagement sums.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Totals {
    pub total: i64,
    pub fit: f64,
    pub engagement: f64,
}

/// [`tally`]'s sums without explanations for a model of lead rules only (no event rules),
/// a score without explanations: `fired(i, when)` tells whether lead rule `i` (model order) holds. The
/// same sums in the same order, so the same floats, with no per-rule bookkeeping.
pub(crate) fn lead_rule_totals(scorer: &LeadScorer, mut fired: impl FnMut(usize, &Rule) -> bool) -> Totals {
    let mut index = 0;
    group_totals(scorer, |group| {
        let mut sum = 0.0;
        for rule in &group.rules {
            if let Matcher::Lead(when) = &rule.matcher {
                // Without a branch (which rules fire is unpredictable): a rule that didn't
                // fire adds +0, which leaves the sum as it is (a sum is never −0).
                let all_or_nothing = 0u64.wrapping_sub(u64::from(fired(index, when)));
                sum += f64::from_bits(rule.points.to_bits() & all_or_nothing);
                index += 1;
            }
        }
        sum
    })
}

/// [`tally`]'s total and capped sums from each group's sum of points, which `sum(group)` adds
/// up in model order (groups are asked in model order).
pub(crate) fn group_totals(scorer: &LeadScorer, mut sum: impl FnMut(&Group) -> f64) -> Totals {
    let (mut fit, mut engagement) = (0.0, 0.0);
    for group in &scorer.groups {
        // As in `tally`: `+ 0.0` turns a −0 sum into 0; caps don't need the parts to clamp.
        let capped = group.cap.apply(&mut [], sum(group) + 0.0);
        match group.kind {
            GroupKind::Fit => fit += capped,
            GroupKind::Engagement => engagement += capped,
        }
    }
    let combined = scorer.cap.apply(&mut [], scorer.fit_weight * fit + scorer.engagement_weight * engagement);
    Totals { total: round_points(combined), fit, engagement }
}

/// [`tally`] without explanations from [`lead_rule_totals`] (see there).
pub(crate) fn tally_lead_rules<'a>(scorer: &'a LeadScorer, criteria: &impl Criteria) -> LeadScore<'a> {
    let Totals { total, fit, engagement } = lead_rule_totals(scorer, |i, when| criteria.rule(i, when));
    conclude(scorer, criteria, total, fit, engagement, Vec::new(), Vec::new())
}

/// The result from the scores: grades and the lifecycle stage.
fn conclude<'a>(
    scorer: &'a LeadScorer,
    criteria: &impl Criteria,
    total: i64,
    fit: f64,
    engagement: f64,
    groups: Vec<GroupScore<'a>>,
    contributions: Vec<Contribution<'a>>,
) -> LeadScore<'a> {
    let scores = Scores { score: total, fit: round_points(fit), engagement: round_points(engagement) };
    let grade = scorer.grades.grade(scores.fit, scores.engagement);
    LeadScore {
        score: total,
        fit: scores.fit,
        engagement: scores.engagement,
        grade: grade.matrix,
        fit_grade: grade.fit,
        engagement_grade: grade.engagement,
        lifecycle: scorer.lifecycle.recommend(scores, |i, when| criteria.stage(i, when)),
        groups,
        contributions,
    }
}

/// Fills `out` with `(at, weight)` of each event the matcher accepts that counts at all.
fn collect_matches(
    m: &EventMatcher,
    events: &[Event<'_>],
    ctx: &EvalContext,
    weight: impl Fn(i64) -> Option<f64>,
    out: &mut Vec<(i64, f64)>,
) {
    out.clear();
    for e in events {
        let type_ok = m.types.is_empty() || m.types.iter().any(|t| *t == e.kind);
        if type_ok && m.filter.as_ref().map_or(true, |f| f.is_truthy_row(e.row, ctx)) {
            if let Some(w) = weight(e.at) {
                out.push((e.at, w));
            }
        }
    }
}

/// `(points, decayed, occurrences)` of an event rule given its matches, if it fired. A
/// once-rule counts the most recent match; a per-occurrence rule counts every match, or the
/// `max_occurrences` most recent ones.
fn occurrences(m: &EventMatcher, points: f64, matches: &mut [(i64, f64)]) -> Option<(f64, f64, Option<u32>)> {
    if matches.is_empty() {
        return None;
    }
    let limit = if m.per_occurrence { m.max_occurrences.map_or(usize::MAX, |n| n as usize) } else { 1 };
    if limit < matches.len() {
        // Most recent first. Events with equal timestamps have equal weights, so which of
        // them is counted doesn't change the result.
        sort_by(matches, |a, b| b.0.cmp(&a.0));
    }
    let n = limit.min(matches.len());
    let factor: f64 = matches.iter().take(n).map(|m| m.1).sum();
    let n = u32::try_from(n).unwrap_or(u32::MAX);
    // `+ 0.0`: negative points fully decayed are 0, not −0.
    Some((points * f64::from(n), points * factor + 0.0, Some(n)))
}
