//! Validating a routing config and compiling it into a [`Model`]. Every error names the JSON
//! path of the offending value, e.g. `$.rules[2].assign.pool`.

use serde_json::{json, Value};

use super::accounts::{AccountIndex, MatchMethod, MatchOptions};
use super::config::{FieldsConfig, HoursConfig, PoolConfig, RepConfig, RouterConfig, RuleConfig, TargetConfig, TerritoryList};
use super::filter::Filter;
use super::model::{Assignment, Model, Pool, Queue, Rep, RoutingRule, SlaRule, Target};
use super::quoted;
use super::schedule::Schedule;
use super::territory::{self, PlaceIndex};
use super::tz::TimeZone;
use crate::config::{from_json, impl_from_json};
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::matching::similarity::jaro_winkler;
use crate::path::{index, key};
use crate::rules::number::Plain;
use crate::rules::Criterion;

/// The hot-lead criterion when the config sets none: fit grade A, or a score of 60 or more.
const DEFAULT_HOT: &str = r#"{"or": [{"==": [{"var": "score.fitGrade"}, "A"]}, {">=": [{"var": "score.total"}, 60]}]}"#;

/// Compiles a routing config.
pub(crate) fn compile(config: &Value) -> Result<Model> {
    let config: RouterConfig = from_json(config, ErrorKind::Config)?;
    let fields = match config.fields {
        Some(fields) => fields,
        None => from_json::<FieldsConfig>(&json!({}), ErrorKind::Config).map_err(|e| Error::internal(e.message))?,
    };
    let default_zone = TimeZone::named(&config.time_zone).map_err(|e| e.within("$.timeZone"))?;
    let shared_holidays: Vec<(String, String)> = config.holidays.iter().enumerate().map(|(i, h)| (h.clone(), index("$.holidays", i))).collect();
    let mut reps = Vec::with_capacity(config.reps.len());
    for (i, rep) in config.reps.iter().enumerate() {
        let path = index("$.reps", i);
        unique(reps.iter().map(|r: &Rep| r.id.as_str()), &rep.id, &path, "rep")?;
        reps.push(compile_rep(rep, &path, &default_zone, config.working_hours.as_deref(), &shared_holidays)?);
    }
    let mut queues: Vec<Queue> = Vec::with_capacity(config.queues.len());
    for (i, queue) in config.queues.iter().enumerate() {
        let path = index("$.queues", i);
        unique(queues.iter().map(|q| q.id.as_str()), &queue.id, &path, "queue")?;
        queues.push(Queue { id: queue.id.clone(), label: queue.label.clone() });
    }
    let mut refs = Refs {
        reps: reps.iter().map(|r| r.id.clone()).collect(),
        queues: queues.iter().map(|q| q.id.clone()).collect(),
        pools: Vec::new(),
        territories: Vec::new(),
    };
    refs.pools = config.pools.iter().map(|p| p.id.clone()).collect();
    let mut pools: Vec<Pool> = Vec::with_capacity(config.pools.len());
    for (i, pool) in config.pools.iter().enumerate() {
        let path = index("$.pools", i);
        unique(pools.iter().map(|p| p.id.as_str()), &pool.id, &path, "pool")?;
        pools.push(compile_pool(pool, &path, &refs)?);
    }
    let mut territories = Vec::with_capacity(config.territories.len());
    let mut places = PlaceIndex::default();
    for (i, t) in config.territories.iter().enumerate() {
        let path = index("$.territories", i);
        unique(territories.iter().map(|t: &territory::Territory| t.id.as_str()), &t.id, &path, "territory")?;
        let target = refs.target(&t.assign, &key(&path, "assign"), Kinds::ROTATING)?;
        territories.push(territory::compile(t, target, &path, &mut places)?);
    }
    refs.territories = territories.iter().map(|t| t.id.clone()).collect();
    let (named_accounts, named_owners) = compile_named(&config.named_accounts, &refs)?;
    let matching = compile_matching(&config.matching.methods, config.matching.fuzzy_threshold)?;
    let mut rules: Vec<RoutingRule> = Vec::with_capacity(config.rules.len());
    for (i, rule) in config.rules.iter().enumerate() {
        let path = index("$.rules", i);
        unique(rules.iter().map(|r| r.id.as_str()), &rule.id, &path, "rule")?;
        rules.push(compile_rule(rule, &path, &refs)?);
    }
    let default_owner = refs.target(&config.default_owner, "$.defaultOwner", Kinds::OWNER)?;
    let mut slas: Vec<SlaRule> = Vec::with_capacity(config.slas.len());
    for (i, sla) in config.slas.iter().enumerate() {
        let path = index("$.slas", i);
        unique(slas.iter().map(|s| s.id.as_str()), &sla.id, &path, "SLA")?;
        let when = match &sla.when {
            Some(rule) => Some(Criterion::compile(rule).map_err(|e| e.within(&key(&path, "when")))?),
            None => None,
        };
        let within_ms = crate::gates::duration_ms(&sla.within, &key(&path, "within"))?;
        slas.push(SlaRule { id: sla.id.clone(), label: sla.label.clone(), when, within_ms });
    }
    let hot = match &config.concierge.hot {
        Some(rule) => Criterion::compile(rule).map_err(|e| e.within("$.concierge.hot"))?,
        None => {
            let rule: Value = serde_json::from_str(DEFAULT_HOT).map_err(|e| Error::internal(e.to_string()))?;
            Criterion::compile(&rule)?
        }
    };
    Ok(Model { fields, reps, queues, pools, territories, named_accounts, named_owners, matching, rules, default_owner, slas, hot, places })
}

/// `INVALID_ID` for an empty id, `DUPLICATE_ID` for one already in `ids`.
fn unique<'a>(mut ids: impl Iterator<Item = &'a str>, id: &str, path: &str, what: &str) -> Result<()> {
    if id.trim().is_empty() {
        return Err(Error::config(ErrorCode::InvalidId, key(path, "id"), format!("a {what} id can't be empty")));
    }
    if ids.any(|known| known == id) {
        return Err(Error::config(ErrorCode::DuplicateId, key(path, "id"), format!("two {what}s have the id {}", quoted(id))));
    }
    Ok(())
}

fn compile_rep(
    rep: &RepConfig,
    path: &str,
    default_zone: &TimeZone,
    shared_hours: Option<&[HoursConfig]>,
    shared_holidays: &[(String, String)],
) -> Result<Rep> {
    let zone = match &rep.time_zone {
        Some(name) => TimeZone::named(name).map_err(|e| e.within(&key(path, "timeZone")))?,
        None => default_zone.clone(),
    };
    let (hours, hours_path) = match &rep.working_hours {
        Some(list) => (Some(list.as_slice()), key(path, "workingHours")),
        None => (shared_hours, "$.workingHours".to_owned()),
    };
    let mut holidays = shared_holidays.to_vec();
    holidays.extend(rep.holidays.iter().enumerate().map(|(i, h)| (h.clone(), index(&key(path, "holidays"), i))));
    let schedule = Schedule::compile(zone.rule, &zone.name, hours, &hours_path, &rep.out_of_office, &holidays, path)?;
    Ok(Rep {
        id: rep.id.clone(),
        name: rep.name.clone(),
        email: rep.email.clone(),
        schedule,
        cap_per_day: cap(rep.cap_per_day, &key(path, "capPerDay"))?,
        cap_per_month: cap(rep.cap_per_month, &key(path, "capPerMonth"))?,
    })
}

/// A cap: a whole number of at least 1.
fn cap(value: Option<f64>, path: &str) -> Result<Option<u32>> {
    match value {
        None => Ok(None),
        Some(n) if n >= 1.0 && n.fract() == 0.0 && n <= f64::from(u32::MAX) => Ok(Some(n as u32)),
        Some(n) => Err(Error::config(ErrorCode::InvalidCap, path, format!("a cap is a whole number of leads of at least 1, found {}", Plain(n)))),
    }
}

fn compile_pool(pool: &PoolConfig, path: &str, refs: &Refs) -> Result<Pool> {
    let members_path = key(path, "members");
    if pool.members.is_empty() {
        return Err(Error::config(ErrorCode::InvalidShape, members_path, "a pool needs at least one member"));
    }
    let mut members: Vec<(usize, i64)> = Vec::with_capacity(pool.members.len());
    for (j, member) in pool.members.iter().enumerate() {
        let at = index(&members_path, j);
        let rep = refs.find(&refs.reps, &member.rep, "rep", &at)?;
        if members.iter().any(|(r, _)| *r == rep) {
            return Err(Error::config(ErrorCode::DuplicateId, at, format!("rep {} is a member twice", quoted(&member.rep))));
        }
        let hundredths = (member.weight * 100.0).round();
        if !member.weight.is_finite() || member.weight < 0.0 || member.weight > 1000.0 || (member.weight > 0.0 && hundredths < 1.0) {
            return Err(Error::config(
                ErrorCode::InvalidWeight,
                key(&at, "weight"),
                format!("a weight is a number from 0 to 1000, in steps of 0.01 (2 for a rep at 200 %), found {}", Plain(member.weight)),
            ));
        }
        members.push((rep, hundredths as i64));
    }
    let fallback = match &pool.fallback {
        Some(target) => Some(refs.target(target, &key(path, "fallback"), Kinds::OWNER)?),
        None => None,
    };
    Ok(Pool { id: pool.id.clone(), label: pool.label.clone(), members, fallback })
}

/// A named account as the config writes it.
struct NamedAccountShape {
    _id: Option<Value>,
    _name: Option<Value>,
    _domain: Option<Value>,
    _domains: Option<Value>,
    _website: Option<Value>,
    _phone: Option<Value>,
    owner: String,
}

impl_from_json!(struct NamedAccountShape, deny {
    _id: "id" = None,
    _name: "name" = None,
    _domain: "domain" = None,
    _domains: "domains" = None,
    _website: "website" = None,
    _phone: "phone" = None,
    owner: "owner",
});

fn compile_named(list: &[Value], refs: &Refs) -> Result<(AccountIndex, Vec<usize>)> {
    let mut owners = Vec::with_capacity(list.len());
    for (i, account) in list.iter().enumerate() {
        let path = index("$.namedAccounts", i);
        let shape: NamedAccountShape = from_json(account, ErrorKind::Config).map_err(|e| e.within(&path))?;
        owners.push(refs.find(&refs.reps, &shape.owner, "rep", &key(&path, "owner"))?);
    }
    let index = AccountIndex::build_as(list, ErrorKind::Config).map_err(|e| e.within("$.namedAccounts"))?;
    Ok((index, owners))
}

fn compile_matching(methods: &Option<Vec<String>>, threshold: f64) -> Result<MatchOptions> {
    if !(threshold > 0.0 && threshold <= 1.0) {
        return Err(Error::config(
            ErrorCode::InvalidThreshold,
            "$.matching.fuzzyThreshold",
            format!("the fuzzy threshold is a Jaro-Winkler similarity above 0 and at most 1 (0.92 by default), found {}", Plain(threshold)),
        ));
    }
    let Some(names) = methods else { return Ok(MatchOptions { fuzzy_threshold: threshold, ..MatchOptions::default() }) };
    let mut out = Vec::with_capacity(names.len());
    for (i, name) in names.iter().enumerate() {
        let at = index("$.matching.methods", i);
        let Some(method) = MatchMethod::ALL.into_iter().find(|m| m.name() == name.as_str()) else {
            return Err(Error::config(
                ErrorCode::InvalidShape,
                at,
                format!("{} is not a matching method; write domain, name, phone, acronym or fuzzy", quoted(name)),
            ));
        };
        if out.contains(&method) {
            return Err(Error::config(ErrorCode::DuplicateId, at, format!("the method {name} is listed twice")));
        }
        out.push(method);
    }
    Ok(MatchOptions { methods: out, fuzzy_threshold: threshold })
}

fn compile_rule(rule: &RuleConfig, path: &str, refs: &Refs) -> Result<RoutingRule> {
    let criteria_path = key(path, "criteria");
    let mut criteria = Vec::with_capacity(rule.criteria.len());
    for (j, value) in rule.criteria.iter().enumerate() {
        criteria.push(Criterion::compile(value).map_err(|e| e.within(&index(&criteria_path, j)))?);
    }
    let filter = match &rule.filter {
        Some(text) => Some(Filter::parse(text, criteria.len()).map_err(|m| Error::config(ErrorCode::InvalidFilter, key(path, "filter"), m))?),
        None => None,
    };
    let assign = refs.assignment(&rule.assign, &key(path, "assign"))?;
    Ok(RoutingRule { id: rule.id.clone(), label: rule.label.clone(), criteria, filter, filter_text: rule.filter.clone(), assign })
}

/// Which kinds of assignee a place in the config accepts.
#[derive(Clone, Copy)]
struct Kinds {
    pool: bool,
}

impl Kinds {
    /// A rep, a queue or a pool (a territory's assignee).
    const ROTATING: Kinds = Kinds { pool: true };
    /// A rep or a queue (a pool's fallback, the default owner).
    const OWNER: Kinds = Kinds { pool: false };
}

/// The ids a config defines, to resolve references.
struct Refs {
    reps: Vec<String>,
    queues: Vec<String>,
    pools: Vec<String>,
    territories: Vec<String>,
}

impl Refs {
    /// The position of `id` among `ids`, or `UNKNOWN_REFERENCE` naming the nearest.
    fn find(&self, ids: &[String], id: &str, what: &str, path: &str) -> Result<usize> {
        if let Some(position) = ids.iter().position(|known| known == id) {
            return Ok(position);
        }
        let mut message = format!("there is no {what} {}", quoted(id));
        let nearest =
            ids.iter()
                .map(|k| (jaro_winkler(&crate::case::lowercase(k), &crate::case::lowercase(id)), k))
                .reduce(|a, b| if b.0 > a.0 { b } else { a });
        match nearest {
            Some((score, k)) if score >= 0.7 => message.push_str(&format!("; did you mean {}?", quoted(k))),
            _ => {}
        }
        if ids.is_empty() {
            message.push_str(&format!("; the config defines no {what}s"));
        } else if ids.len() <= 12 {
            message.push_str(&format!(" (the {what}s are {})", ids.iter().map(|k| quoted(k)).collect::<Vec<_>>().join(", ")));
        }
        Err(Error::config(ErrorCode::UnknownReference, path, message))
    }

    /// A rep, queue or pool (a pool only where `kinds` allows).
    fn target(&self, config: &TargetConfig, path: &str, kinds: Kinds) -> Result<Target> {
        let allowed = if kinds.pool { "rep, queue or pool" } else { "rep or queue" };
        match self.one_of(config, path, allowed)? {
            ("rep", Some(id)) => Ok(Target::Rep(self.find(&self.reps, id, "rep", &key(path, "rep"))?)),
            ("queue", Some(id)) => Ok(Target::Queue(self.find(&self.queues, id, "queue", &key(path, "queue"))?)),
            ("pool", Some(id)) if kinds.pool => Ok(Target::Pool(self.find(&self.pools, id, "pool", &key(path, "pool"))?)),
            (name, _) => Err(Error::config(ErrorCode::InvalidShape, key(path, name), format!("this assigns to a {allowed}, not to {name}"))),
        }
    }

    /// A rule's assignment: a rep, queue, pool, territory, territories or the account owner.
    fn assignment(&self, config: &TargetConfig, path: &str) -> Result<Assignment> {
        match self.one_of(config, path, "rep, queue, pool, territory, territories or accountOwner")? {
            ("territory", Some(id)) => Ok(Assignment::Territories(vec![self.find(&self.territories, id, "territory", &key(path, "territory"))?])),
            ("territories", _) => match &config.territories {
                Some(TerritoryList::All) => Ok(Assignment::Territories((0..self.territories.len()).collect())),
                Some(TerritoryList::Some(ids)) => {
                    let at = key(path, "territories");
                    if ids.is_empty() {
                        return Err(Error::config(ErrorCode::InvalidShape, at, "list at least one territory id, or write \"all\""));
                    }
                    ids.iter()
                        .enumerate()
                        .map(|(i, id)| self.find(&self.territories, id, "territory", &index(&at, i)))
                        .collect::<Result<_>>()
                        .map(Assignment::Territories)
                }
                None => Err(Error::internal("territories without a value")),
            },
            ("accountOwner", _) => match config.account_owner {
                Some(true) => Ok(Assignment::AccountOwner),
                _ => Err(Error::config(
                    ErrorCode::InvalidShape,
                    key(path, "accountOwner"),
                    "accountOwner is true (assign to the matched account's owner) or left out",
                )),
            },
            _ => self.target(config, path, Kinds::ROTATING).map(Assignment::Target),
        }
    }

    /// The one member an assignment sets, with its id when it is one; `INVALID_SHAPE` for
    /// none or several.
    fn one_of<'c>(&self, config: &'c TargetConfig, path: &str, allowed: &str) -> Result<(&'static str, Option<&'c str>)> {
        let set: Vec<(&'static str, Option<&str>)> = [
            ("rep", config.rep.as_deref().map(Some)),
            ("queue", config.queue.as_deref().map(Some)),
            ("pool", config.pool.as_deref().map(Some)),
            ("territory", config.territory.as_deref().map(Some)),
            ("territories", config.territories.as_ref().map(|_| None)),
            ("accountOwner", config.account_owner.map(|_| None)),
        ]
        .into_iter()
        .filter_map(|(name, value)| value.map(|v| (name, v)))
        .collect();
        match set.as_slice() {
            [one] => Ok(*one),
            [] => Err(Error::config(
                ErrorCode::InvalidShape,
                path,
                format!("name who gets the lead: one of {allowed}, e.g. {{ \"pool\": \"inbound\" }}"),
            )),
            many => Err(Error::config(
                ErrorCode::InvalidShape,
                path,
                format!("name one assignee, found {}", many.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(" and ")),
            )),
        }
    }
}
