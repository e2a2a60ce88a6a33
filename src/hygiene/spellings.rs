//! Inconsistent spellings: distinct values of one field that normalise to the same text
//! (`GTXPro` and `GTX Pro`, `United States` and `united states `), optionally against the
//! known values of a picklist, with the spelling to keep and the records to fix.

use std::collections::BTreeMap;

use serde::Serialize;

use super::config::SpellingConfig;
use super::dataset::List;
use super::dedupe::{prepare_value, Normalise};
use super::records::{field, field_path, in_list, ObjectKind, RecordRef, Tally};
use crate::error::{Error, ErrorCode, Result};
use crate::path::{index, key};
use crate::read;

/// One field's spelling check, compiled.
#[derive(Debug, Clone)]
pub(crate) struct SpellingCheck {
    kind: ObjectKind,
    field: String,
    normalise: Normalise,
    known: Vec<String>,
}

/// The spellings of one field.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpellingReport {
    /// The field.
    pub field: String,
    /// The form values are compared in.
    pub normalise: Normalise,
    /// Distinct values found (as written).
    pub distinct_values: u64,
    /// Records holding a spelling other than the one to keep, out of the records with a value.
    pub to_fix: Tally,
    /// Each set of spellings of one value, by normalised text.
    pub groups: Vec<SpellingGroup>,
}

/// Spellings of one value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SpellingGroup {
    /// The normalised text they share.
    pub key: String,
    /// The spelling to keep.
    pub keep: String,
    /// Why that one.
    pub reason: String,
    /// Every spelling: the one to keep first, then by records, most first.
    pub spellings: Vec<Spelling>,
}

/// One way a value is written.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Spelling {
    /// The value, as written.
    pub value: String,
    /// Whether it is one of the config's known values.
    pub known: bool,
    /// Records holding it.
    pub count: u64,
    /// Those records, by position.
    pub records: Vec<RecordRef>,
}

/// Compiles the checks of `kind` from their config at `at` (`$.spellings.deals`).
pub(crate) fn compile(kind: ObjectKind, configs: &[SpellingConfig], at: &str) -> Result<Vec<SpellingCheck>> {
    configs
        .iter()
        .enumerate()
        .map(|(i, c)| {
            if c.field.trim().is_empty() {
                return Err(Error::config(ErrorCode::EmptyField, key(&index(at, i), "field"), "a field name cannot be empty"));
            }
            Ok(SpellingCheck { kind, field: c.field.clone(), normalise: c.normalise, known: c.known.clone() })
        })
        .collect()
}

#[derive(Default)]
struct Found {
    known: bool,
    records: Vec<RecordRef>,
}

impl SpellingCheck {
    /// Checks a list. Input errors: a value that can't be read in the form (`INVALID_TEXT`,
    /// `INVALID_DATE`, `INVALID_NUMBER`) at its record's path.
    pub(crate) fn check(&self, list: &List<'_>) -> Result<SpellingReport> {
        let noun = self.kind.key();
        // Normalised text → spelling → what holds it.
        let mut groups: BTreeMap<String, BTreeMap<String, Found>> = BTreeMap::new();
        for known in &self.known {
            if let Ok(Some(p)) = prepare_value(self.normalise, Some(&serde_json::Value::String(known.clone()))) {
                groups.entry(p.text().to_owned()).or_default().entry(known.clone()).or_default().known = true;
            }
        }
        let mut with_value = 0u64;
        for (i, record) in list.records.iter().enumerate() {
            let value = field(record, &self.field);
            let path = field_path(&self.field);
            let (Some(text), Some(prepared)) = (
                read::text(value).map_err(|e| in_list(e.at(&path), self.kind, i, true))?,
                prepare_value(self.normalise, value).map_err(|e| in_list(e.at(&path), self.kind, i, true))?,
            ) else {
                continue;
            };
            with_value += 1;
            let reference = RecordRef { index: i, id: list.ids.get(i).cloned().flatten() };
            groups.entry(prepared.text().to_owned()).or_default().entry(text.into_owned()).or_default().records.push(reference);
        }
        let distinct = groups.values().flat_map(|g| g.values()).filter(|f| !f.records.is_empty()).count() as u64;
        let mut to_fix = 0u64;
        let mut out = Vec::new();
        for (key, spellings) in groups {
            if spellings.values().filter(|f| !f.records.is_empty()).count() == 0 || spellings.len() < 2 {
                continue;
            }
            let (keep, reason) = self.keep(&spellings);
            let mut listed: Vec<Spelling> = spellings
                .into_iter()
                .map(|(value, found)| Spelling { known: found.known, count: found.records.len() as u64, records: found.records, value })
                .collect();
            to_fix += listed.iter().filter(|s| s.value != keep).map(|s| s.count).sum::<u64>();
            crate::sort::sort_by(&mut listed, |a, b| (b.value == keep).cmp(&(a.value == keep)).then(b.count.cmp(&a.count)));
            out.push(SpellingGroup { key, keep, reason, spellings: listed });
        }
        Ok(SpellingReport {
            field: self.field.clone(),
            normalise: self.normalise,
            distinct_values: distinct,
            to_fix: Tally::new(to_fix, with_value, &format!("{noun} with a {}", self.field), "written another way than the spelling to keep"),
            groups: out,
        })
    }

    /// The spelling to keep among those of one value, and why: the first known value in
    /// config order, else the one most records hold (the first in text order on a tie).
    fn keep(&self, spellings: &BTreeMap<String, Found>) -> (String, String) {
        if let Some(known) = self.known.iter().find(|k| spellings.get(*k).is_some_and(|f| f.known)) {
            return (known.clone(), format!("\"{known}\" is a known value of {}", self.field));
        }
        let mut best: Option<(&String, usize)> = None;
        for (value, found) in spellings {
            if best.map_or(true, |(_, n)| found.records.len() > n) {
                best = Some((value, found.records.len()));
            }
        }
        let (value, n) = best.map_or((String::new(), 0), |(v, n)| (v.clone(), n));
        let all: usize = spellings.values().map(|f| f.records.len()).sum();
        (value.clone(), format!("\"{value}\" is the most frequent spelling ({n} of the {all} {} written one of these ways)", self.kind.key()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn check(field: &str, known: &[&str], records: &[Value]) -> SpellingReport {
        let config = SpellingConfig { field: field.into(), normalise: Normalise::Compact, known: known.iter().map(|k| (*k).to_owned()).collect() };
        let checks = compile(ObjectKind::Deals, &[config], "$.spellings.deals").unwrap();
        checks[0].check(&List { records, ids: vec![None; records.len()] }).unwrap()
    }

    #[test]
    fn spellings_of_one_value_are_grouped() {
        let deals = [json!({ "product": "GTXPro" }), json!({ "product": "GTX Pro" }), json!({ "product": "GTXPro" }), json!({ "product": "MG Special" }), json!({})];
        let r = check("product", &[], &deals);
        assert_eq!(r.distinct_values, 3);
        assert_eq!(r.groups.len(), 1);
        let g = &r.groups[0];
        assert_eq!((g.key.as_str(), g.keep.as_str()), ("gtxpro", "GTXPro"));
        assert_eq!(g.reason, "\"GTXPro\" is the most frequent spelling (2 of the 3 deals written one of these ways)");
        assert_eq!(r.to_fix.explanation, "1 of 4 deals with a product: written another way than the spelling to keep");
    }

    #[test]
    fn a_known_value_is_the_one_to_keep() {
        let deals = [json!({ "product": "GTXPro" }), json!({ "product": "GTXPro" })];
        let r = check("product", &["GTX Pro", "MG Special"], &deals);
        let g = &r.groups[0];
        assert_eq!(g.keep, "GTX Pro");
        assert_eq!(g.spellings.iter().map(|s| (s.value.as_str(), s.known, s.count)).collect::<Vec<_>>(), [("GTX Pro", true, 0), ("GTXPro", false, 2)]);
        assert_eq!(r.to_fix.count, 2);
        assert_eq!(r.distinct_values, 1, "known values no record holds are not counted as found");
    }
}
