//! Model JSON → a [`LeadScorer`]: shape errors from serde, then every semantic check, each
//! with the JSON path of the offending value.

use serde_json::Value;

use super::caps::Cap;
use super::decay::{Decay, Window};
use super::grade::Grades;
use super::lead::LeadReads;
use super::lifecycle::{Lifecycle, Stage};
use super::model::{CapSpec, DecaySpec, Frequency, GradesSpec, GroupSpec, LifecycleSpec, ModelSpec, RuleSpec};
use super::result::GroupKind;
use super::{EventMatcher, Group, LeadScorer, Matcher, Predicates, ScoringRule};
use crate::config::from_json;
use crate::path::{index, key};
use crate::rules::number::Plain;
use crate::record::{PlanBuilder, ScopeId, ROOT};
use crate::rules::atoms::AtomCompiler;
use crate::rules::Rule;
use crate::{Error, ErrorCode, ErrorKind, Result};

/// Largest number of points a rule may give or take, so sums stay exact integers in JS.
const MAX_POINTS: f64 = 1_000_000.0;
/// Largest weight of fit or engagement.
const MAX_WEIGHT: f64 = 100.0;

/// Compiles and validates a model.
pub(crate) fn compile(model: &Value) -> Result<LeadScorer> {
    if !model.is_object() {
        return Err(Error::config(ErrorCode::InvalidShape, "$", "a scoring model is an object { groups, grades, … }"));
    }
    let spec: ModelSpec = from_json(model, ErrorKind::Config)?;
    if spec.groups.is_empty() {
        return Err(Error::config(ErrorCode::NoGroups, "$.groups", "a model needs at least one group of rules"));
    }
    // Ids seen so far (linear scans: models have tens of rules, and a hash set would add its
    // code to the .wasm for nothing).
    let mut group_ids: Vec<&str> = Vec::new();
    let mut rule_ids: Vec<&str> = Vec::new();
    let mut groups = Vec::with_capacity(spec.groups.len());
    for (i, g) in spec.groups.iter().enumerate() {
        let at = index("$.groups", i);
        check_id(&g.id, &key(&at, "id"))?;
        if group_ids.contains(&g.id.as_str()) {
            return Err(Error::config(
                ErrorCode::DuplicateId,
                key(&at, "id"),
                format!("another group already has the id \"{}\"", g.id),
            ));
        }
        group_ids.push(&g.id);
        groups.push(group(g, &at, &mut rule_ids)?);
    }
    let weights = spec.weights.as_ref().map_or((1.0, 1.0), |w| (w.fit, w.engagement));
    for (name, w) in [("fit", weights.0), ("engagement", weights.1)] {
        if !(0.0..=MAX_WEIGHT).contains(&w) {
            let message = format!("the {name} weight must be between 0 and {}, found {}", Plain(MAX_WEIGHT), Plain(w));
            return Err(Error::config(ErrorCode::InvalidWeight, key("$.weights", name), message));
        }
    }
    // Checked in this order, so the first error reported stays the same.
    let (cap, grades) = (cap(spec.cap.as_ref(), "$.cap")?, grades(&spec.grades)?);
    let mut lifecycle = lifecycle(spec.lifecycle.as_ref())?;
    let fields: Vec<_> = spec.fields.into_iter().collect();
    let mut plan = PlanBuilder::new();
    let reads = LeadReads::new(&mut plan, fields);
    bind(&mut groups, &mut lifecycle, &mut plan, reads.event_scope);
    let predicates = predicates(&groups, &lifecycle);
    Ok(LeadScorer {
        plan: plan.finish(),
        reads,
        predicates,
        groups,
        fit_weight: weights.0,
        engagement_weight: weights.1,
        cap,
        grades,
        lifecycle,
    })
}

/// Binds every criterion to the plan: lead rules and lifecycle stages to the lead, event
/// filters to an event.
fn bind(groups: &mut [Group], lifecycle: &mut Lifecycle, plan: &mut PlanBuilder, events: ScopeId) {
    for rule in groups.iter_mut().flat_map(|g| &mut g.rules) {
        match &mut rule.matcher {
            Matcher::Lead(when) => *when = when.bind(plan, ROOT),
            Matcher::Event(m) => {
                if let Some(filter) = &mut m.filter {
                    *filter = filter.bind(plan, events);
                }
            }
        }
    }
    for when in lifecycle.stages.iter_mut().filter_map(|s| s.when.as_mut()) {
        *when = when.bind(plan, ROOT);
    }
}

/// The lead rules and lifecycle stages that are predicates over the lead's atoms.
fn predicates(groups: &[Group], lifecycle: &Lifecycle) -> Predicates {
    let mut compiler = AtomCompiler::new(ROOT);
    let rules = groups
        .iter()
        .flat_map(|g| &g.rules)
        .filter_map(|r| match &r.matcher {
            Matcher::Lead(when) => Some(compiler.predicate(when)),
            Matcher::Event(_) => None,
        })
        .collect();
    let stages = lifecycle.stages.iter().map(|s| s.when.as_ref().and_then(|w| compiler.predicate(w))).collect();
    let event_rules = groups.iter().flat_map(|g| &g.rules).any(|r| matches!(r.matcher, Matcher::Event(_)));
    Predicates { atoms: compiler.finish(), rules, stages, event_rules }
}

fn group<'s>(g: &'s GroupSpec, at: &str, rule_ids: &mut Vec<&'s str>) -> Result<Group> {
    let kind = match g.kind.as_str() {
        "fit" => GroupKind::Fit,
        "engagement" => GroupKind::Engagement,
        other => {
            let message = format!(
                "a group's type is \"fit\" (who the lead is) or \"engagement\" (what they did), found \"{other}\""
            );
            return Err(Error::config(ErrorCode::UnknownGroupType, key(at, "type"), message));
        }
    };
    let window = window(g, kind, at)?;
    let rules_at = key(at, "rules");
    let mut rules = Vec::with_capacity(g.rules.len());
    for (j, r) in g.rules.iter().enumerate() {
        let rule_at = index(&rules_at, j);
        check_id(&r.id, &key(&rule_at, "id"))?;
        if rule_ids.contains(&r.id.as_str()) {
            let message = format!("another rule already has the id \"{}\"; rule ids are unique across the model", r.id);
            return Err(Error::config(ErrorCode::DuplicateId, key(&rule_at, "id"), message));
        }
        rule_ids.push(&r.id);
        rules.push(rule(r, kind, &rule_at)?);
    }
    Ok(Group {
        label: g.label.clone().unwrap_or_else(|| g.id.clone()),
        id: g.id.clone(),
        kind,
        cap: cap(g.cap.as_ref(), &key(at, "cap"))?,
        window,
        rules,
    })
}

fn window(g: &GroupSpec, kind: GroupKind, at: &str) -> Result<Window> {
    if kind == GroupKind::Fit {
        if let Some(field) = [("timeframeDays", g.timeframe_days.is_some()), ("decay", g.decay.is_some())]
            .iter()
            .find_map(|&(name, set)| set.then_some(name))
        {
            let message = "timeframes and decay apply to engagement groups; fit attributes don't age";
            return Err(Error::config(ErrorCode::TimeOnFitGroup, key(at, field), message));
        }
    }
    if let Some(days) = g.timeframe_days.filter(|d| *d <= 0.0) {
        let message = format!("timeframeDays must be more than 0 (events of the last N days count), found {}", Plain(days));
        return Err(Error::config(ErrorCode::InvalidTimeframe, key(at, "timeframeDays"), message));
    }
    let decay = match &g.decay {
        None => Decay::None,
        Some(spec) => decay(spec, &key(at, "decay"))?,
    };
    Ok(Window::new(g.timeframe_days, decay))
}

fn decay(spec: &DecaySpec, at: &str) -> Result<Decay> {
    let (exponential, stepwise) = (spec.kind == "exponential", spec.kind == "stepwise");
    if !exponential && !stepwise {
        let message = format!(
            "decay type is \"exponential\" (a half-life) or \"stepwise\" (a rate per period), found \"{}\"",
            spec.kind
        );
        return Err(Error::config(ErrorCode::UnknownDecayType, key(at, "type"), message));
    }
    let misplaced = if exponential {
        [("rate", spec.rate.is_some()), ("periodDays", spec.period_days.is_some())].into_iter().find(|f| f.1)
    } else {
        [("halfLifeDays", spec.half_life_days.is_some())].into_iter().find(|f| f.1)
    };
    if let Some((field, _)) = misplaced {
        let message = format!("{field} does not apply to {} decay", spec.kind);
        return Err(Error::config(ErrorCode::InvalidDecay, key(at, field), message));
    }
    if exponential {
        let half_life_days = days(spec.half_life_days, at, "halfLifeDays")?;
        return Ok(Decay::Exponential { half_life_days });
    }
    let rate = spec.rate.unwrap_or(f64::NAN);
    if !(rate > 0.0 && rate <= 1.0) {
        let found = spec.rate.map_or_else(|| "nothing".to_owned(), |r| Plain(r).to_string());
        let message =
            format!("rate is the share lost each period, more than 0 and at most 1 (0.5 = −50%), found {found}");
        return Err(Error::config(ErrorCode::InvalidDecay, key(at, "rate"), message));
    }
    let period_days = days(spec.period_days, at, "periodDays")?;
    Ok(Decay::Stepwise { rate, period_days })
}

/// A decay's required positive number of days.
fn days(value: Option<f64>, at: &str, name: &str) -> Result<f64> {
    match value {
        Some(d) if d > 0.0 => Ok(d),
        Some(d) => {
            Err(Error::config(ErrorCode::InvalidDecay, key(at, name), format!("{name} must be more than 0 days, found {}", Plain(d))))
        }
        None => Err(Error::config(ErrorCode::InvalidDecay, key(at, name), format!("{name} is required"))),
    }
}

fn rule(r: &RuleSpec, kind: GroupKind, at: &str) -> Result<ScoringRule> {
    if r.points.abs() > MAX_POINTS {
        let (max, found) = (Plain(MAX_POINTS), Plain(r.points));
        let message = format!("points must be between -{max} and {max}, found {found}");
        return Err(Error::config(ErrorCode::InvalidPoints, key(at, "points"), message));
    }
    let is_event_rule = r.event.is_some() || r.where_.is_some();
    let matcher = match (&r.when, is_event_rule) {
        (Some(_), true) => {
            let field = if r.event.is_some() { "event" } else { "where" };
            let message = "a rule matches either the lead (when) or its events (event/where), not both";
            return Err(Error::config(ErrorCode::ConflictingCriteria, key(at, field), message));
        }
        (None, false) => {
            let message = "a rule needs a criterion: \"when\" (on the lead) or \"event\"/\"where\" (on its events)";
            return Err(Error::config(ErrorCode::MissingCriterion, at, message));
        }
        (Some(when), false) => {
            if let Some((field, message)) = frequency_problem(r, false) {
                return Err(Error::config(ErrorCode::InvalidFrequency, key(at, field), message));
            }
            Matcher::Lead(compile_rule(when, &key(at, "when"))?)
        }
        (None, true) => {
            if kind == GroupKind::Fit {
                let field = if r.event.is_some() { "event" } else { "where" };
                let message = "event rules belong in engagement groups; fit groups score the lead's attributes";
                return Err(Error::config(ErrorCode::EventRuleInFitGroup, key(at, field), message));
            }
            if let Some((field, message)) = frequency_problem(r, true) {
                return Err(Error::config(ErrorCode::InvalidFrequency, key(at, field), message));
            }
            Matcher::Event(EventMatcher {
                types: event_types(r.event.as_ref(), &key(at, "event"))?,
                filter: r.where_.as_ref().map(|w| compile_rule(w, &key(at, "where"))).transpose()?,
                per_occurrence: r.frequency == Some(Frequency::PerOccurrence),
                max_occurrences: r.max_occurrences,
            })
        }
    };
    Ok(ScoringRule {
        id: r.id.clone(),
        label: r.label.clone().unwrap_or_else(|| r.id.clone()),
        points: r.points,
        matcher,
    })
}

/// What is wrong with a rule's `frequency` / `maxOccurrences`, if anything.
fn frequency_problem(r: &RuleSpec, is_event_rule: bool) -> Option<(&'static str, &'static str)> {
    let per_occurrence = r.frequency == Some(Frequency::PerOccurrence);
    if per_occurrence && !is_event_rule {
        return Some(("frequency", "perOccurrence counts matching events; a lead rule (when) fires once"));
    }
    match r.max_occurrences {
        Some(_) if !per_occurrence => Some(("maxOccurrences", "maxOccurrences needs \"frequency\": \"perOccurrence\"")),
        Some(0) => Some(("maxOccurrences", "maxOccurrences must be at least 1")),
        _ => None,
    }
}

/// Reads `event`: a type name or a non-empty list of them; absent matches every type.
fn event_types(event: Option<&Value>, at: &str) -> Result<Vec<String>> {
    let bad = |at: String| {
        Error::config(ErrorCode::InvalidEventName, at, "event is an event type such as \"demo_request\", or a list of them")
    };
    match event {
        None => Ok(Vec::new()),
        Some(Value::String(s)) if !s.is_empty() => Ok(vec![s.clone()]),
        Some(Value::Array(list)) if !list.is_empty() => list
            .iter()
            .enumerate()
            .map(|(i, v)| v.as_str().filter(|s| !s.is_empty()).map(str::to_owned).ok_or_else(|| bad(index(at, i))))
            .collect(),
        Some(_) => Err(bad(at.to_owned())),
    }
}

fn compile_rule(rule: &Value, at: &str) -> Result<Rule> {
    Rule::compile(rule).map_err(|e| e.within(at))
}

fn check_id(id: &str, at: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::config(ErrorCode::InvalidId, at, "an id must be a non-empty string"));
    }
    Ok(())
}

fn cap(spec: Option<&CapSpec>, at: &str) -> Result<Cap> {
    let Some(spec) = spec else { return Ok(Cap::NONE) };
    let (min, max) = (spec.min.unwrap_or(f64::NEG_INFINITY), spec.max.unwrap_or(f64::INFINITY));
    let (shown_min, shown_max) = (Plain(min), Plain(max));
    if min > max {
        return Err(Error::config(ErrorCode::CapMinAboveMax, at, format!("the cap's min ({shown_min}) is above its max ({shown_max})")));
    }
    if min > 0.0 {
        let message = format!("a cap's min bounds how much can be taken away, so it is at most 0, found {shown_min}");
        return Err(Error::config(ErrorCode::InvalidCap, key(at, "min"), message));
    }
    if max < 0.0 {
        let message = format!("a cap's max bounds how much can be added, so it is at least 0, found {shown_max}");
        return Err(Error::config(ErrorCode::InvalidCap, key(at, "max"), message));
    }
    Ok(Cap { min, max })
}

fn grades(spec: &GradesSpec) -> Result<Grades> {
    let fit = [spec.fit.a, spec.fit.b, spec.fit.c];
    let engagement = [spec.engagement.one, spec.engagement.two, spec.engagement.three];
    for (axis, names, t) in [("fit", ["A", "B", "C"], fit), ("engagement", ["1", "2", "3"], engagement)] {
        for i in 1..3 {
            if t[i] >= t[i - 1] {
                let message = format!(
                    "grade thresholds go down from {} to {}: {} ({}) must be below {} ({})",
                    names[0],
                    names[2],
                    names[i],
                    Plain(t[i]),
                    names[i - 1],
                    Plain(t[i - 1])
                );
                return Err(Error::config(ErrorCode::GradesNotDescending, key(&key("$.grades", axis), names[i]), message));
            }
        }
    }
    Ok(Grades { fit, engagement })
}

fn lifecycle(spec: Option<&LifecycleSpec>) -> Result<Lifecycle> {
    let default = spec.and_then(|s| s.default.clone()).unwrap_or_else(|| "lead".to_owned());
    check_id(&default, "$.lifecycle.default")?;
    let mut stages = Vec::new();
    let mut names = vec![default.as_str()];
    for (i, s) in spec.map_or(&[][..], |s| &s.stages).iter().enumerate() {
        let at = index("$.lifecycle.stages", i);
        check_id(&s.stage, &key(&at, "stage"))?;
        if names.contains(&s.stage.as_str()) {
            let message =
                format!("the stage \"{}\" is already used; stage names, the default included, are unique", s.stage);
            return Err(Error::config(ErrorCode::DuplicateId, key(&at, "stage"), message));
        }
        names.push(&s.stage);
        if s.min_score.is_none() && s.min_fit.is_none() && s.min_engagement.is_none() && s.when.is_none() {
            let message = "a stage needs a condition: minScore, minFit, minEngagement or when";
            return Err(Error::config(ErrorCode::EmptyStage, at, message));
        }
        stages.push(Stage {
            name: s.stage.clone(),
            min_score: s.min_score,
            min_fit: s.min_fit,
            min_engagement: s.min_engagement,
            when: s.when.as_ref().map(|w| compile_rule(w, &key(&at, "when"))).transpose()?,
        });
    }
    Ok(Lifecycle { default, stages })
}
