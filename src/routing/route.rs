//! Routing one lead: the account match, the rules in order, the territory or the round robin,
//! the counts, the assignee's availability and the SLA deadline.

use serde_json::{json, Value};

use super::accounts::{AccountIndex, AccountMatch, LeadKeys};
use super::decision::{Assignee, AssigneeAvailability, AssigneeKind, Decision, MatchedRule, SkippedRule, SlaDeadline};
use super::lead::{LeadFacts, RouteInput};
use super::model::{Assignment, Model, RoutingRule, Target};
use super::quoted;
use super::rotation::{self, Periods, Rotation};
use super::schedule::Availability;
use super::state::RoutingState;
use super::territory::{self, Fit, LeadPlace, TerritoryMatch};
use crate::error::{Error, ErrorCode, Result};
use crate::rules::{CriterionOutcome, EvalContext};
use crate::time::format_datetime;

/// The largest `now` accepted, in milliseconds either side of 1970: JavaScript's `Date` range.
const MAX_NOW: u64 = 8_640_000_000_000_000;

/// What routing at one `now` computes once per rep and reuses for every lead of a batch.
#[derive(Debug, Default)]
pub(crate) struct Scratch {
    now: Option<i64>,
    availability: Vec<Option<Availability>>,
    periods: Vec<Option<Periods>>,
    reported: Vec<Option<AssigneeAvailability>>,
}

impl Scratch {
    /// Forgets what was computed for another `now`.
    fn at(&mut self, now: i64, reps: usize) {
        if self.now != Some(now) || self.availability.len() != reps {
            self.now = Some(now);
            self.availability = vec![None; reps];
            self.periods = vec![None; reps];
            self.reported = vec![None; reps];
        }
    }

    fn availability(&mut self, model: &Model, rep: usize, now: i64) -> Availability {
        if let Some(Some(known)) = self.availability.get(rep) {
            return known.clone();
        }
        let computed = model.reps.get(rep).map_or(Availability { now: false, change: None, reason: None }, |r| r.schedule.availability(now));
        if let Some(slot) = self.availability.get_mut(rep) {
            *slot = Some(computed.clone());
        }
        computed
    }

    fn periods(&mut self, model: &Model, rep: usize, now: i64) -> Option<Periods> {
        if let Some(Some(known)) = self.periods.get(rep) {
            return Some(known.clone());
        }
        let computed = Periods::of(model.reps.get(rep)?, now);
        if let Some(slot) = self.periods.get_mut(rep) {
            *slot = Some(computed.clone());
        }
        Some(computed)
    }
}

/// The account a lead matched, with the rep owning it when the config names one.
struct Matched<'a> {
    found: AccountMatch,
    owner_rep: Option<usize>,
    record: &'a Value,
}

/// Where a rule's assignment led.
enum Resolved {
    /// To an assignee (through a territory, a pool…).
    To(Outcome),
    /// Nowhere: the rule does not apply, for this reason.
    Skip(String),
}

/// An assignee with the steps that chose them.
struct Outcome {
    assignee: Assignee,
    rep: Option<usize>,
    territory: Option<TerritoryMatch>,
    rotation: Option<Rotation>,
    how: String,
}

/// Routes one lead; returns the decision and the data the rules read.
pub(crate) fn route(
    model: &Model,
    input: &RouteInput<'_>,
    accounts: Option<&AccountIndex>,
    state: &mut RoutingState,
    now: i64,
    scratch: &mut Scratch,
) -> Result<(Decision, Value)> {
    if now.unsigned_abs() > MAX_NOW {
        let message = "now must be epoch milliseconds within the dates JavaScript can hold (±8.64e15)";
        return Err(Error::input(ErrorCode::InvalidNow, "$.now", message));
    }
    scratch.at(now, model.reps.len());
    let facts = LeadFacts::read(input.lead, &model.fields)?;
    let keys = LeadKeys::new(facts.email.as_deref(), facts.website.as_deref(), facts.company.as_deref(), facts.phone.as_deref());
    let matched = match_account(model, accounts, &keys);
    let data =
        input.rule_data(matched.as_ref().map(|m| (m.record, json!({ "method": m.found.method, "score": m.found.score, "source": m.found.source }))));
    let ctx = EvalContext::new(now);
    let mut place: Option<LeadPlace> = None;
    let mut skipped = Vec::new();
    let mut chosen: Option<(MatchedRule, Outcome)> = None;
    for rule in &model.rules {
        let why = match check_rule(rule, &data, &ctx) {
            Err(skip) => {
                skipped.push(skip);
                continue;
            }
            Ok(why) => why,
        };
        let place = place.get_or_insert_with(|| model.places.resolve(&facts));
        match resolve(model, &rule.assign, &facts, place, &data, &ctx, matched.as_ref(), &keys, state, now, scratch) {
            Resolved::To(outcome) => {
                let reason = format!("{why}; {}", outcome.how);
                chosen = Some((MatchedRule { id: rule.id.clone(), label: rule.label.clone(), reason }, outcome));
                break;
            }
            Resolved::Skip(reason) => skipped.push(SkippedRule {
                id: rule.id.clone(),
                label: rule.label.clone(),
                reason: format!("{why}, but {reason}"),
                criterion: None,
                failed: None,
            }),
        }
    }
    let by_default = chosen.is_none();
    let (rule, outcome) = match chosen {
        Some((rule, outcome)) => (Some(rule), outcome),
        None => (None, target(model, model.default_owner, state, now, scratch)),
    };
    if let (Some(rep), Some(periods)) = (outcome.rep, outcome.rep.and_then(|r| scratch.periods(model, r, now))) {
        if let Some(id) = model.reps.get(rep).map(|r| r.id.clone()) {
            state.count(&id, periods.day, periods.month);
        }
    }
    let availability = outcome.rep.map(|rep| assignee_availability(model, rep, now, scratch));
    let sla = model.slas.iter().find(|s| s.when.as_ref().map_or(true, |c| c.rule.is_truthy(&data, &ctx))).map(|s| {
        let due = now.saturating_add(s.within_ms);
        SlaDeadline { id: s.id.clone(), label: s.label.clone(), within_ms: s.within_ms, due_at: format_datetime(due), due_at_ms: due }
    });
    let who = describe(&outcome.assignee);
    let reason = match &rule {
        Some(r) => format!("Rule {} assigned the lead to {who}: {}.", quoted(&r.id), r.reason),
        None if model.rules.is_empty() => format!("No rules are configured: the lead goes to the default owner, {who}."),
        None => format!("No rule assigned the lead: it goes to the default owner, {who}."),
    };
    let decision = Decision {
        assignee: outcome.assignee,
        by_default,
        rule,
        reason,
        skipped,
        territory: outcome.territory,
        account: matched.map(|m| m.found),
        rotation: outcome.rotation,
        availability,
        sla,
    };
    Ok((decision, data))
}

/// The best account among the config's named accounts and the list passed in: the earlier
/// method, then the higher score, then the named account.
fn match_account<'a>(model: &'a Model, accounts: Option<&'a AccountIndex>, keys: &LeadKeys) -> Option<Matched<'a>> {
    let rank = |m: &AccountMatch| (model.matching.methods.iter().position(|x| *x == m.method).unwrap_or(usize::MAX), m.score);
    let named = model.named_accounts.find(keys, &model.matching).map(|mut found| {
        found.source = "namedAccounts";
        let owner_rep = model.named_owners.get(found.position).copied();
        if let Some(rep) = owner_rep.and_then(|r| model.reps.get(r)) {
            found.owner = Some(rep.id.clone());
        }
        let record = model.named_accounts.account(found.position).map_or(&Value::Null, |a| &a.record);
        Matched { found, owner_rep, record }
    });
    let given = accounts.and_then(|index| {
        let found = index.find(keys, &model.matching)?;
        let owner_rep = found.owner.as_deref().and_then(|o| model.reps.iter().position(|r| r.id == o));
        let record = index.account(found.position).map_or(&Value::Null, |a| &a.record);
        Some(Matched { found, owner_rep, record })
    });
    match (named, given) {
        (Some(n), Some(g)) => {
            let (rn, rg) = (rank(&n.found), rank(&g.found));
            Some(if rg.0 < rn.0 || (rg.0 == rn.0 && rg.1 > rn.1) { g } else { n })
        }
        (n, g) => n.or(g),
    }
}

/// Whether a rule's criteria hold: why (`Ok`) or the skipped rule (`Err`).
fn check_rule(rule: &RoutingRule, data: &Value, ctx: &EvalContext) -> std::result::Result<String, SkippedRule> {
    let skip = |reason: String, number: Option<usize>, outcome: Option<CriterionOutcome>| SkippedRule {
        id: rule.id.clone(),
        label: rule.label.clone(),
        reason,
        criterion: number.map(|n| n as u32 + 1),
        failed: outcome.and_then(|o| o.failures.into_iter().next()),
    };
    let name = |i: usize| {
        rule.criteria
            .get(i)
            .and_then(|c| c.label.clone().or_else(|| c.id.clone()))
            .map_or_else(|| format!("criterion {}", i + 1), |l| format!("criterion {} ({l})", i + 1))
    };
    match &rule.filter {
        None if rule.criteria.is_empty() => Ok("it has no criteria, so it applies to every lead".to_owned()),
        None => {
            for (i, criterion) in rule.criteria.iter().enumerate() {
                if !criterion.rule.is_truthy(data, ctx) {
                    let outcome = criterion.check(data, ctx);
                    let message = outcome.message.clone().unwrap_or_default();
                    return Err(skip(format!("{} failed: {message}", name(i)), Some(i), Some(outcome)));
                }
            }
            Ok(match rule.criteria.len() {
                1 => "its criterion holds".to_owned(),
                n => format!("its {n} criteria hold"),
            })
        }
        Some(filter) => {
            let mut values: Vec<Option<bool>> = vec![None; rule.criteria.len()];
            let holds = filter.evaluate(&mut |i| {
                let value = rule.criteria.get(i).is_some_and(|c| c.rule.is_truthy(data, ctx));
                if let Some(slot) = values.get_mut(i) {
                    *slot = Some(value);
                }
                value
            });
            let text = rule.filter_text.as_deref().unwrap_or("");
            let listed: Vec<String> =
                values.iter().enumerate().filter_map(|(i, v)| v.map(|v| format!("{} {}", i + 1, if v { "holds" } else { "fails" }))).collect();
            let summary = format!("filter {text} {} ({})", if holds { "holds" } else { "fails" }, listed.join(", "));
            if holds {
                return Ok(summary);
            }
            let first_false = values.iter().position(|v| *v == Some(false));
            let outcome = first_false.and_then(|i| rule.criteria.get(i)).map(|c| c.check(data, ctx));
            let detail = match (&outcome, first_false) {
                (Some(o), Some(i)) => format!("; {} failed: {}", name(i), o.message.clone().unwrap_or_default()),
                _ => String::new(),
            };
            Err(skip(format!("{summary}{detail}"), first_false, outcome))
        }
    }
}

/// Where a rule's assignment leads for this lead.
#[allow(clippy::too_many_arguments)]
fn resolve(
    model: &Model,
    assign: &Assignment,
    facts: &LeadFacts<'_>,
    place: &LeadPlace,
    data: &Value,
    ctx: &EvalContext,
    matched: Option<&Matched<'_>>,
    keys: &LeadKeys,
    state: &mut RoutingState,
    now: i64,
    scratch: &mut Scratch,
) -> Resolved {
    match assign {
        Assignment::Target(t) => Resolved::To(target(model, *t, state, now, scratch)),
        Assignment::Territories(list) => {
            let mut fits = Vec::new();
            let mut misses = Vec::new();
            for &position in list {
                let Some(t) = model.territories.get(position) else { continue };
                match t.fit(facts, place, data, ctx) {
                    Fit::In { reasons, postal_len } => fits.push((position, postal_len, reasons)),
                    Fit::Out(why) => misses.push(format!("{}: {why}", quoted(&t.id))),
                }
            }
            let Some(found) = territory::best(&model.territories, fits) else {
                return Resolved::Skip(match misses.len() {
                    0 => "no territory is defined".to_owned(),
                    _ => format!("the lead fits no territory ({})", misses.join("; ")),
                });
            };
            let Some(t) = model.territories.iter().find(|t| t.id == found.id) else { return Resolved::Skip("the territory is missing".to_owned()) };
            let mut outcome = target(model, t.target, state, now, scratch);
            outcome.how = format!("territory {} ({}), {}", quoted(&found.id), found.reason, outcome.how);
            outcome.territory = Some(found);
            Resolved::To(outcome)
        }
        Assignment::AccountOwner => {
            let Some(m) = matched else { return Resolved::Skip(format!("no account matched: {}", keys.no_match_reason())) };
            let account = m.found.name.as_deref().or(m.found.id.as_deref()).unwrap_or("");
            if let Some(rep) = m.owner_rep {
                let mut outcome = target(model, Target::Rep(rep), state, now, scratch);
                outcome.how = format!(
                    "the lead matched the account {} by {} ({}), owned by {}",
                    quoted(account),
                    m.found.method.name(),
                    m.found.reason,
                    outcome.how
                );
                return Resolved::To(outcome);
            }
            match &m.found.owner {
                Some(owner) => Resolved::To(Outcome {
                    assignee: Assignee { kind: AssigneeKind::Owner, id: owner.clone(), name: None, email: None },
                    rep: None,
                    territory: None,
                    rotation: None,
                    how: format!(
                        "the lead matched the account {} by {} ({}), owned by {}",
                        quoted(account),
                        m.found.method.name(),
                        m.found.reason,
                        quoted(owner)
                    ),
                }),
                None => Resolved::Skip(format!("the matched account {} has no owner", quoted(account))),
            }
        }
    }
}

/// The assignee a rep, queue or pool gives (a pool picks by round robin, or falls back).
fn target(model: &Model, t: Target, state: &mut RoutingState, now: i64, scratch: &mut Scratch) -> Outcome {
    match t {
        Target::Rep(r) => rep_outcome(model, r, "the rep".to_owned()),
        Target::Queue(q) => {
            let queue = model.queues.get(q);
            let assignee = Assignee {
                kind: AssigneeKind::Queue,
                id: queue.map(|q| q.id.clone()).unwrap_or_default(),
                name: queue.and_then(|q| q.label.clone()),
                email: None,
            };
            let how = format!("the queue {}", quoted(&assignee.id));
            Outcome { assignee, rep: None, territory: None, rotation: None, how }
        }
        Target::Pool(p) => {
            let Some(pool) = model.pools.get(p) else { return target(model, model.default_owner, state, now, scratch) };
            let (picked, rotation) = rotation::pick(pool, &model.reps, state, &mut |m, state| {
                let rep = pool.members.get(m).map(|(r, _)| *r)?;
                let availability = scratch.availability(model, rep, now);
                let periods = scratch.periods(model, rep, now)?;
                rotation::unable(model.reps.get(rep)?, &availability, &periods, state)
            });
            let skipped = rotation.skipped.len();
            let passed = if skipped == 0 { String::new() } else { format!(", {skipped} passed over") };
            let mut outcome = match picked {
                Some(rep) => rep_outcome(model, rep, format!("round robin of pool {}{passed} picked", quoted(&pool.id))),
                None => {
                    let (fallback, whose) = match pool.fallback {
                        Some(f) => (f, "the pool's fallback"),
                        None => (model.default_owner, "the default owner"),
                    };
                    let mut outcome = target(model, fallback, state, now, scratch);
                    outcome.how =
                        format!("nobody in pool {} can take a lead now ({skipped} passed over), so {whose}: {}", quoted(&pool.id), outcome.how);
                    outcome
                }
            };
            outcome.rotation = Some(rotation);
            outcome
        }
    }
}

fn rep_outcome(model: &Model, r: usize, how: String) -> Outcome {
    let rep = model.reps.get(r);
    let assignee = Assignee {
        kind: AssigneeKind::Rep,
        id: rep.map(|r| r.id.clone()).unwrap_or_default(),
        name: rep.and_then(|r| r.name.clone()),
        email: rep.and_then(|r| r.email.clone()),
    };
    let how = format!("{how} {}", describe(&assignee));
    Outcome { assignee, rep: Some(r), territory: None, rotation: None, how }
}

/// An assignee as messages name them: `Ana Ruiz ("ana")`, `the queue "inbound"`.
fn describe(assignee: &Assignee) -> String {
    match (&assignee.kind, &assignee.name) {
        (AssigneeKind::Queue, Some(label)) => format!("{label} ({})", quoted(&assignee.id)),
        (AssigneeKind::Queue, None) => quoted(&assignee.id),
        (_, Some(name)) => format!("{name} ({})", quoted(&assignee.id)),
        (_, None) => quoted(&assignee.id),
    }
}

fn assignee_availability(model: &Model, rep: usize, now: i64, scratch: &mut Scratch) -> AssigneeAvailability {
    if let Some(Some(known)) = scratch.reported.get(rep) {
        return known.clone();
    }
    let availability = scratch.availability(model, rep, now);
    let local_time = model.reps.get(rep).map(|r| r.schedule.local_text(now)).unwrap_or_default();
    let reported = AssigneeAvailability {
        available: availability.now,
        until: availability.change.filter(|_| availability.now).map(format_datetime),
        next_available_at: availability.change.filter(|_| !availability.now).map(format_datetime),
        reason: availability.reason,
        local_time,
    };
    if let Some(slot) = scratch.reported.get_mut(rep) {
        *slot = Some(reported.clone());
    }
    reported
}
