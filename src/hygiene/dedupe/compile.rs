//! Checking a duplicate config's meaning and building each object's matcher.

use super::blocking::{BlockKey, Blocking, KeyPart, Neighbourhood};
use super::compare::{FieldMatcher, RuleMatcher};
use super::config::{BlockingConfig, FieldConfig, KeyPartConfig, Measure, Method, Normalise, ObjectConfig, RuleConfig};
use super::matcher::{Feature, ObjectMatcher};
use super::weights::fellegi_sunter;
use crate::error::{Error, ErrorCode, Result};
use crate::hygiene::records::{shown, ObjectKind};
use crate::path::{index, key};

/// The similarity a fuzzy field needs when its config gives none.
pub(crate) const DEFAULT_FUZZY_THRESHOLD: f64 = 0.9;

/// Builds the matcher of `kind` from its config at `at` (`$.contacts`).
pub(crate) fn object(kind: ObjectKind, config: &ObjectConfig, at: &str) -> Result<ObjectMatcher> {
    let mut features = Vec::new();
    let rules_at = key(at, "rules");
    if config.rules.is_empty() {
        return Err(Error::config(ErrorCode::NoMatchRules, &rules_at, format!("give at least one match rule for {}", kind.key())));
    }
    let mut rules: Vec<RuleMatcher> = Vec::with_capacity(config.rules.len());
    for (i, rule) in config.rules.iter().enumerate() {
        let compiled = compile_rule(rule, &index(&rules_at, i), &mut features)?;
        if rules.iter().any(|r| r.id == compiled.id) {
            let message = format!("two match rules of {} have the id \"{}\"", kind.key(), compiled.id);
            return Err(Error::config(ErrorCode::DuplicateId, key(&index(&rules_at, i), "id"), message));
        }
        rules.push(compiled);
    }
    let blocking = compile_blocking(&config.blocking, &key(at, "blocking"), &mut features)?;
    Ok(ObjectMatcher { kind, features, rules, blocking })
}

/// The position of a feature, added when new.
fn feature(features: &mut Vec<Feature>, field: &str, normalise: Normalise) -> usize {
    let wanted = Feature { field: field.to_owned(), normalise };
    features.iter().position(|f| *f == wanted).unwrap_or_else(|| {
        features.push(wanted);
        features.len() - 1
    })
}

fn check_field_name(field: &str, at: &str) -> Result<()> {
    if field.trim().is_empty() {
        return Err(Error::config(ErrorCode::EmptyField, key(at, "field"), "a field name cannot be empty"));
    }
    Ok(())
}

fn compile_rule(rule: &RuleConfig, at: &str, features: &mut Vec<Feature>) -> Result<RuleMatcher> {
    if rule.id.trim().is_empty() {
        return Err(Error::config(ErrorCode::InvalidId, key(at, "id"), "a match rule's id cannot be empty"));
    }
    let fields_at = key(at, "fields");
    if rule.fields.is_empty() {
        return Err(Error::config(ErrorCode::EmptyMatchRule, &fields_at, format!("match rule \"{}\" compares no fields; list at least one", rule.id)));
    }
    let fields = rule.fields.iter().enumerate().map(|(i, f)| compile_field(f, &index(&fields_at, i), features)).collect::<Result<Vec<_>>>()?;
    let most: f64 = fields.iter().map(FieldMatcher::max_weight).sum();
    let threshold = rule.threshold.unwrap_or(most);
    if !threshold.is_finite() || threshold <= 0.0 || threshold > most + 1e-9 {
        let message = format!(
            "match rule \"{}\" has threshold {}; it must be above 0 and at most {}, the score of a pair agreeing on every field",
            rule.id,
            shown(threshold),
            shown(most)
        );
        return Err(Error::config(ErrorCode::InvalidThreshold, key(at, "threshold"), message));
    }
    let label = rule.label.clone().unwrap_or_else(|| rule.id.clone());
    Ok(RuleMatcher::new(rule.id.clone(), label, fields, threshold))
}

fn mismatch(at: &str, member: &str, message: String) -> Error {
    Error::config(ErrorCode::InvalidMatchMethod, key(at, member), message)
}

fn compile_field(config: &FieldConfig, at: &str, features: &mut Vec<Feature>) -> Result<FieldMatcher> {
    check_field_name(&config.field, at)?;
    let name = &config.field;
    let normalise = match (config.method, config.normalise) {
        (Method::Exact, None | Some(Normalise::None)) => Normalise::None,
        (Method::Exact, Some(n)) => {
            let message = format!("{name}: method \"exact\" compares the text as read; use method \"normalised\" to compare it as {}", n.name());
            return Err(mismatch(at, "normalise", message));
        }
        (_, n) => n.unwrap_or(Normalise::Text),
    };
    let measures = match (config.method, &config.measures) {
        (Method::Fuzzy, Some(list)) if list.is_empty() => {
            return Err(mismatch(at, "measures", format!("{name}: list at least one fuzzy measure, or leave measures out for the default ones")));
        }
        (Method::Fuzzy, Some(list)) => list.clone(),
        (Method::Fuzzy, None) => default_measures(normalise),
        (_, Some(_)) => return Err(mismatch(at, "measures", format!("{name}: measures apply to method \"fuzzy\" only"))),
        (_, None) => Vec::new(),
    };
    if config.method == Method::Fuzzy && !normalise.is_textual() {
        let message = format!("{name}: a {} is compared for equality; fuzzy measures compare text, so use method \"normalised\"", normalise.name());
        return Err(mismatch(at, "method", message));
    }
    for (i, &measure) in measures.iter().enumerate() {
        let needs = match measure {
            Measure::Nickname | Measure::Initials => Some(Normalise::PersonName),
            Measure::Acronym => Some(Normalise::Company),
            Measure::JaroWinkler | Measure::Levenshtein => None,
        };
        if needs.is_some_and(|n| n != normalise) {
            let needed = needs.map_or("", Normalise::name);
            let message = format!("{name}: measure \"{}\" needs normalise \"{needed}\", not \"{}\"", measure.name(), normalise.name());
            return Err(Error::config(ErrorCode::InvalidMatchMethod, index(&key(at, "measures"), i), message));
        }
    }
    let measures_similarity = measures.iter().any(|m| matches!(m, Measure::JaroWinkler | Measure::Levenshtein));
    let threshold = match config.threshold {
        Some(_) if !measures_similarity => {
            return Err(mismatch(at, "threshold", format!("{name}: a threshold applies to the jaroWinkler and levenshtein measures of method \"fuzzy\"")));
        }
        Some(t) if !(t > 0.0 && t <= 1.0) => {
            let message = format!("{name}: a similarity threshold is above 0 and at most 1, found {}", shown(t));
            return Err(Error::config(ErrorCode::InvalidThreshold, key(at, "threshold"), message));
        }
        Some(t) => t,
        None => DEFAULT_FUZZY_THRESHOLD,
    };
    let (agree, disagree) = weights(config, at)?;
    Ok(FieldMatcher {
        field: name.clone(),
        feature: feature(features, name, normalise),
        method: config.method,
        normalise,
        measures,
        threshold,
        agree,
        disagree,
        match_blank: config.match_blank,
    })
}

/// The fuzzy measures of a form, when a field lists none.
fn default_measures(normalise: Normalise) -> Vec<Measure> {
    match normalise {
        Normalise::PersonName => vec![Measure::Nickname, Measure::Initials, Measure::JaroWinkler],
        Normalise::Company => vec![Measure::Acronym, Measure::JaroWinkler],
        _ => vec![Measure::JaroWinkler],
    }
}

/// The field's `(agree, disagree)` weights: `weight` and 0 (1 and 0 when neither is given),
/// or the Fellegi-Sunter weights of `m` and `u`.
fn weights(config: &FieldConfig, at: &str) -> Result<(f64, f64)> {
    let name = &config.field;
    match (config.weight, config.m, config.u) {
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            Err(Error::config(ErrorCode::InvalidWeight, key(at, "weight"), format!("{name}: give either weight, or m and u, not both")))
        }
        (Some(w), None, None) if w.is_finite() && w > 0.0 => Ok((w, 0.0)),
        (Some(w), None, None) => {
            Err(Error::config(ErrorCode::InvalidWeight, key(at, "weight"), format!("{name}: a weight is a number above 0, found {}", shown(w))))
        }
        (None, None, None) => Ok((1.0, 0.0)),
        (None, m, u) => match (m, u) {
            (Some(m), Some(u)) if u > 0.0 && u < m && m < 1.0 => Ok(fellegi_sunter(m, u)),
            (Some(m), Some(u)) => {
                let message = format!(
                    "{name}: m (the chance a true duplicate agrees on the field) and u (the chance two different records do) need 0 < u < m < 1, found m {} and u {}",
                    shown(m),
                    shown(u)
                );
                Err(Error::config(ErrorCode::InvalidMatchProbability, at, message))
            }
            (None, _) => Err(Error::config(ErrorCode::InvalidMatchProbability, at, format!("{name}: u is given without m; give both"))),
            (_, None) => Err(Error::config(ErrorCode::InvalidMatchProbability, at, format!("{name}: m is given without u; give both"))),
        },
    }
}

fn compile_blocking(config: &BlockingConfig, at: &str, features: &mut Vec<Feature>) -> Result<Blocking> {
    if config.keys.is_empty() && config.neighbourhood.is_none() {
        let message = "give at least one blocking key or a neighbourhood: without blocking every record would be compared with every other";
        return Err(Error::config(ErrorCode::InvalidBlocking, at, message));
    }
    if config.max_block_size < 2 {
        let message = format!("maxBlockSize is the largest block compared, at least 2, found {}", config.max_block_size);
        return Err(Error::config(ErrorCode::InvalidBlocking, key(at, "maxBlockSize"), message));
    }
    let keys_at = key(at, "keys");
    let mut keys: Vec<BlockKey> = Vec::with_capacity(config.keys.len());
    for (i, block_key) in config.keys.iter().enumerate() {
        let key_at = index(&keys_at, i);
        if block_key.id.trim().is_empty() {
            return Err(Error::config(ErrorCode::InvalidId, key(&key_at, "id"), "a blocking key's id cannot be empty"));
        }
        if keys.iter().any(|k| k.id == block_key.id) {
            return Err(Error::config(ErrorCode::DuplicateId, key(&key_at, "id"), format!("two blocking keys have the id \"{}\"", block_key.id)));
        }
        let parts = compile_parts(&block_key.fields, &key(&key_at, "fields"), features)?;
        keys.push(BlockKey { id: block_key.id.clone(), parts });
    }
    let neighbourhood = match &config.neighbourhood {
        None => None,
        Some(n) => {
            let n_at = key(at, "neighbourhood");
            if n.window < 2 {
                let message = format!("window is how many records in a row are compared, at least 2, found {}", n.window);
                return Err(Error::config(ErrorCode::InvalidBlocking, key(&n_at, "window"), message));
            }
            let parts = compile_parts(&n.fields, &key(&n_at, "fields"), features)?;
            Some(Neighbourhood { parts, window: n.window as usize })
        }
    };
    Ok(Blocking { keys, neighbourhood, max_block_size: config.max_block_size as usize })
}

fn compile_parts(parts: &[KeyPartConfig], at: &str, features: &mut Vec<Feature>) -> Result<Vec<KeyPart>> {
    if parts.is_empty() {
        return Err(Error::config(ErrorCode::EmptyMatchRule, at, "a blocking key lists no fields; list at least one"));
    }
    let mut out = Vec::with_capacity(parts.len());
    for (i, part) in parts.iter().enumerate() {
        let part_at = index(at, i);
        check_field_name(&part.field, &part_at)?;
        let length = |n: Option<u32>, member: &str| match n {
            Some(0) => Err(Error::config(ErrorCode::InvalidBlocking, key(&part_at, member), format!("{member} is a number of characters, at least 1"))),
            other => Ok(other.map(|n| n as usize)),
        };
        let (first, last) = (length(part.first, "first")?, length(part.last, "last")?);
        if first.is_some() && last.is_some() {
            return Err(Error::config(ErrorCode::InvalidBlocking, &part_at, "give first or last, not both"));
        }
        out.push(KeyPart { feature: feature(features, &part.field, part.normalise), first, last });
    }
    Ok(out)
}
