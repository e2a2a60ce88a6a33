//! Territories: geography (countries, states and regions, postal-code prefixes), segment
//! (employees, revenue) and industry, plus an optional criterion; the tie-breakers between
//! territories that all fit.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::config::{RangeConfig, TerritoryConfig};
use super::geo::{self, place_key, postal_key, SUBDIVIDED};
use super::lead::LeadFacts;
use super::model::Target;
use super::quoted;
use crate::error::{Error, ErrorCode, Result};
use crate::path::{index, key};
use crate::rules::number::Plain;
use crate::rules::{Criterion, EvalContext};

/// A compiled territory.
#[derive(Debug, Clone)]
pub(crate) struct Territory {
    pub id: String,
    pub label: Option<String>,
    pub priority: f64,
    /// ISO codes and display names.
    countries: Option<Vec<(&'static str, &'static str)>>,
    /// Subdivision codes (`US-CA`) or `text:<key>` for regions the table does not list, and
    /// the entries as written.
    states: Option<(Vec<String>, Vec<String>)>,
    /// Postal-code prefixes, as [`postal_key`] gives them.
    postal: Option<Vec<String>>,
    employees: Option<Range>,
    revenue: Option<Range>,
    /// Industry keys and the entries as written.
    industries: Option<(Vec<String>, Vec<String>)>,
    when: Option<Criterion>,
    pub target: Target,
    /// How many of the dimensions above are set.
    pub dimensions: u32,
}

/// `min ≤ value < max`, either end open.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Range {
    min: Option<f64>,
    max: Option<f64>,
}

/// The territory a lead was routed by, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TerritoryMatch {
    /// The territory's id.
    pub id: String,
    /// Its label.
    pub label: Option<String>,
    /// Its priority (higher wins).
    pub priority: f64,
    /// How many criteria it sets (more wins when priorities tie).
    pub specificity: u32,
    /// Why the lead fits, criterion by criterion.
    pub reason: String,
    /// Other territories the lead fits, which the tie-breakers put behind, best first.
    pub also_fits: Vec<String>,
    /// Why this one won over the runner-up, when there is one.
    pub tie_break: Option<String>,
}

/// Lookups from what leads write to place codes, for the places the territories name.
#[derive(Debug, Clone, Default)]
pub(crate) struct PlaceIndex {
    countries: HashMap<String, &'static str>,
    states: HashMap<String, Vec<&'static str>>,
}

/// A lead's place, resolved once.
#[derive(Debug, Clone, Default)]
pub(crate) struct LeadPlace {
    country: Option<&'static str>,
    /// Keys the lead's state is known by (codes and its `text:` key).
    states: Vec<String>,
    postal: Option<String>,
    industry: Option<String>,
}

impl PlaceIndex {
    /// Resolves a lead's country, state, postal code and industry.
    pub(crate) fn resolve(&self, facts: &LeadFacts<'_>) -> LeadPlace {
        let country = facts.country.as_deref().and_then(|c| self.countries.get(&place_key(c)).copied());
        let mut states = Vec::new();
        if let Some(state) = facts.state.as_deref() {
            let state_key = place_key(state);
            if let Some(codes) = self.states.get(&state_key) {
                let in_country = |code: &&&str| match country.filter(|c| SUBDIVIDED.contains(c)) {
                    Some(c) => code.starts_with(c),
                    None => true,
                };
                states.extend(codes.iter().filter(in_country).map(|c| (*c).to_owned()));
            }
            states.push(format!("text:{state_key}"));
        }
        LeadPlace {
            country,
            states,
            postal: facts.postal_code.as_deref().map(postal_key).filter(|p| !p.is_empty()),
            industry: facts.industry.as_deref().map(place_key).filter(|i| !i.is_empty()),
        }
    }
}

/// Whether a lead fits a territory: the reasons and the length of the postal prefix matched,
/// or the first criterion it fails.
pub(crate) enum Fit {
    In { reasons: Vec<String>, postal_len: usize },
    Out(String),
}

impl Territory {
    /// Checks the lead (`facts`, resolved as `place`; `data` for the criterion).
    pub(crate) fn fit(&self, facts: &LeadFacts<'_>, place: &LeadPlace, data: &Value, ctx: &EvalContext) -> Fit {
        let mut reasons = Vec::new();
        let mut postal_len = 0;
        if let Some(countries) = &self.countries {
            let listed = || shorten(countries.iter().map(|(_, name)| *name));
            let Some(written) = facts.country.as_deref() else { return Fit::Out("the lead has no country".to_owned()) };
            match place.country.and_then(|code| countries.iter().find(|(c, _)| *c == code)) {
                Some((code, name)) => reasons.push(format!("country {name} ({code}) is one of {}", listed())),
                None => return Fit::Out(format!("country {} is not one of {}", quoted(written), listed())),
            }
        }
        if let Some((keys, shown)) = &self.states {
            let Some(written) = facts.state.as_deref() else { return Fit::Out("the lead has no state or region".to_owned()) };
            if !place.states.iter().any(|s| keys.contains(s)) {
                return Fit::Out(format!("state {} is not one of {}", quoted(written), shorten(shown.iter().map(String::as_str))));
            }
            reasons.push(format!("state {} is one of {}", quoted(written), shorten(shown.iter().map(String::as_str))));
        }
        if let Some(prefixes) = &self.postal {
            let Some(code) = &place.postal else { return Fit::Out("the lead has no postal code".to_owned()) };
            match prefixes.iter().filter(|p| code.starts_with(p.as_str())).max_by_key(|p| p.len()) {
                Some(prefix) => {
                    postal_len = prefix.len();
                    reasons.push(format!("postal code {code} starts with {prefix}"));
                }
                None => return Fit::Out(format!("postal code {code} starts with none of {}", shorten(prefixes.iter().map(String::as_str)))),
            }
        }
        for (range, value, name) in [(&self.employees, facts.employees, "employees"), (&self.revenue, facts.revenue, "revenue")] {
            let Some(range) = range else { continue };
            let Some(value) = value else { return Fit::Out(format!("the lead has no {name}")) };
            if !range.contains(value) {
                return Fit::Out(format!("{name} {} is not {}", Plain(value), range.describe()));
            }
            reasons.push(format!("{name} {} is {}", Plain(value), range.describe()));
        }
        if let Some((keys, shown)) = &self.industries {
            let Some(written) = facts.industry.as_deref() else { return Fit::Out("the lead has no industry".to_owned()) };
            if !place.industry.as_ref().is_some_and(|i| keys.contains(i)) {
                return Fit::Out(format!("industry {} is not one of {}", quoted(written), shorten(shown.iter().map(String::as_str))));
            }
            reasons.push(format!("industry {} is one of {}", quoted(written), shorten(shown.iter().map(String::as_str))));
        }
        if let Some(criterion) = &self.when {
            let outcome = criterion.check(data, ctx);
            match outcome.message {
                Some(message) if !outcome.passed => return Fit::Out(message),
                _ => reasons.push(criterion.label.clone().unwrap_or_else(|| "its criterion holds".to_owned())),
            }
        }
        if reasons.is_empty() {
            reasons.push("it has no criteria, so every lead fits".to_owned());
        }
        Fit::In { reasons, postal_len }
    }
}

impl Range {
    fn contains(&self, value: f64) -> bool {
        self.min.map_or(true, |min| value >= min) && self.max.map_or(true, |max| value < max)
    }

    fn describe(&self) -> String {
        match (self.min, self.max) {
            (Some(min), Some(max)) => format!("from {} to below {}", Plain(min), Plain(max)),
            (Some(min), None) => format!("at least {}", Plain(min)),
            (None, Some(max)) => format!("below {}", Plain(max)),
            (None, None) => "any".to_owned(),
        }
    }
}

/// Names joined by commas, the first six of a longer list and how many more.
fn shorten<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> String {
    let total = names.len();
    let shown: Vec<&str> = names.take(6).collect();
    match total - shown.len() {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// Compiles the territory at `path`; `target` is its resolved assignee. Adds the places it
/// names to `places`.
pub(crate) fn compile(config: &TerritoryConfig, target: Target, path: &str, places: &mut PlaceIndex) -> Result<Territory> {
    let list = |items: &Option<Vec<String>>, name: &str| -> Result<()> {
        match items {
            Some(list) if list.is_empty() => Err(Error::config(
                ErrorCode::InvalidShape,
                key(path, name),
                format!("{name} is an empty list, which no lead fits; leave it out to accept any"),
            )),
            _ => Ok(()),
        }
    };
    for (items, name) in [
        (&config.countries, "countries"),
        (&config.states, "states"),
        (&config.postal_prefixes, "postalPrefixes"),
        (&config.industries, "industries"),
    ] {
        list(items, name)?;
    }
    if !config.priority.is_finite() {
        return Err(Error::config(ErrorCode::InvalidShape, key(path, "priority"), "priority must be a finite number"));
    }
    let countries = match &config.countries {
        Some(list) => Some(compile_countries(list, &key(path, "countries"), places)?),
        None => None,
    };
    let codes: Vec<&str> = countries.iter().flatten().map(|(c, _)| *c).filter(|c| SUBDIVIDED.contains(c)).collect();
    let states = config.states.as_ref().map(|list| compile_states(list, &codes, places));
    let postal = match &config.postal_prefixes {
        Some(list) => Some(compile_prefixes(list, &key(path, "postalPrefixes"))?),
        None => None,
    };
    let employees = compile_range(config.employees, &key(path, "employees"))?;
    let revenue = compile_range(config.revenue, &key(path, "revenue"))?;
    let industries = config.industries.as_ref().map(|list| (list.iter().map(|i| place_key(i)).collect(), list.clone()));
    let when = match &config.when {
        Some(rule) => Some(Criterion::compile(rule).map_err(|e| e.within(&key(path, "when")))?),
        None => None,
    };
    let dimensions =
        [countries.is_some(), states.is_some(), postal.is_some(), employees.is_some(), revenue.is_some(), industries.is_some(), when.is_some()]
            .iter()
            .filter(|set| **set)
            .count() as u32;
    Ok(Territory {
        id: config.id.clone(),
        label: config.label.clone(),
        priority: config.priority,
        countries,
        states,
        postal,
        employees,
        revenue,
        industries,
        when,
        target,
        dimensions,
    })
}

fn compile_countries(list: &[String], path: &str, places: &mut PlaceIndex) -> Result<Vec<(&'static str, &'static str)>> {
    let mut out = Vec::with_capacity(list.len());
    for (i, text) in list.iter().enumerate() {
        let Some(place) = geo::country(text) else {
            let mut message = format!("{} is not a country pipescore knows (ISO 3166 codes such as \"DE\" or \"DEU\", or names)", quoted(text));
            if let Some(nearest) = geo::nearest_country(text) {
                message.push_str(&format!("; did you mean \"{nearest}\"?"));
            }
            return Err(Error::config(ErrorCode::UnknownCountry, index(path, i), message));
        };
        for k in place.keys() {
            places.countries.insert(k, place.code);
        }
        out.push((place.code, place.name));
    }
    Ok(out)
}

fn compile_states(list: &[String], countries: &[&str], places: &mut PlaceIndex) -> (Vec<String>, Vec<String>) {
    // A lead's state is resolved within its country, so the countries with subdivisions must
    // be known even when no territory lists them.
    for code in SUBDIVIDED {
        if let Some(place) = geo::country(code) {
            for k in place.keys() {
                places.countries.entry(k).or_insert(place.code);
            }
        }
    }
    let mut keys = Vec::new();
    for text in list {
        let found = geo::subdivisions(text, countries);
        if found.is_empty() {
            keys.push(format!("text:{}", place_key(text)));
        }
        for place in found {
            for k in place.keys().into_iter().chain([place_key(place.code)]) {
                let codes = places.states.entry(k).or_default();
                if !codes.contains(&place.code) {
                    codes.push(place.code);
                }
            }
            keys.push(place.code.to_owned());
        }
    }
    (keys, list.to_vec())
}

fn compile_prefixes(list: &[String], path: &str) -> Result<Vec<String>> {
    let mut out = Vec::with_capacity(list.len());
    for (i, text) in list.iter().enumerate() {
        let prefix = postal_key(text);
        if prefix.is_empty() {
            return Err(Error::config(ErrorCode::InvalidShape, index(path, i), "a postal prefix needs at least one letter or digit"));
        }
        out.push(prefix);
    }
    Ok(out)
}

fn compile_range(config: Option<RangeConfig>, path: &str) -> Result<Option<Range>> {
    let Some(RangeConfig { min, max }) = config else { return Ok(None) };
    if min.is_none() && max.is_none() {
        return Err(Error::config(ErrorCode::InvalidRange, path, "give min, max or both (min ≤ value < max)"));
    }
    if let (Some(lo), Some(hi)) = (min, max) {
        if lo >= hi {
            return Err(Error::config(
                ErrorCode::InvalidRange,
                key(path, "max"),
                format!("max ({}) must be above min ({}): the range is min ≤ value < max", Plain(hi), Plain(lo)),
            ));
        }
    }
    Ok(Some(Range { min, max }))
}

/// The best of the territories a lead fits, `(position, postal prefix length, reasons)` each
/// in config order: higher priority, then more criteria, then a longer postal prefix, then
/// listed first.
pub(crate) fn best(territories: &[Territory], fits: Vec<(usize, usize, Vec<String>)>) -> Option<TerritoryMatch> {
    let rank = |&(position, postal, _): &(usize, usize, Vec<String>)| {
        let t = territories.get(position);
        (t.map_or(f64::MIN, |t| t.priority), t.map_or(0, |t| t.dimensions), postal, position)
    };
    let mut ranked = fits;
    crate::sort::sort_by(&mut ranked, |a, b| {
        let (ra, rb) = (rank(a), rank(b));
        rb.0.total_cmp(&ra.0).then(rb.1.cmp(&ra.1)).then(rb.2.cmp(&ra.2)).then(ra.3.cmp(&rb.3))
    });
    let mut iter = ranked.iter();
    let winner = iter.next()?;
    let territory = territories.get(winner.0)?;
    let tie_break = ranked.get(1).and_then(|runner| {
        let (w, r) = (rank(winner), rank(runner));
        let other = territories.get(runner.0)?;
        Some(if w.0 != r.0 {
            format!("priority {} is above {}'s {}", Plain(w.0), quoted(&other.id), Plain(r.0))
        } else if w.1 != r.1 {
            format!("it sets {} criteria, {} sets {}", w.1, quoted(&other.id), r.1)
        } else if w.2 != r.2 {
            format!("its postal prefix is longer than {}'s", quoted(&other.id))
        } else {
            format!("it is listed before {}", quoted(&other.id))
        })
    });
    Some(TerritoryMatch {
        id: territory.id.clone(),
        label: territory.label.clone(),
        priority: territory.priority,
        specificity: territory.dimensions,
        reason: winner.2.join("; "),
        also_fits: iter.filter_map(|(p, _, _)| territories.get(*p).map(|t| t.id.clone())).collect(),
        tie_break,
    })
}
