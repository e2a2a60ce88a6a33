//! One object's compiled matching: the prepared values its rules and keys read, its rules and
//! its blocking.

use serde_json::Value;

use super::blocking::Blocking;
use super::compare::RuleMatcher;
use super::config::Normalise;
use super::prepare::{prepare, Prepared};
use crate::error::Result;
use crate::hygiene::records::{field, field_path, require_object, ObjectKind};
use crate::read;

/// A field read in a normalised form: one column of prepared values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Feature {
    pub field: String,
    pub normalise: Normalise,
}

/// A record's prepared values, one per feature.
pub(crate) type Row = Box<[Option<Prepared>]>;

/// One object's match rules and blocking, compiled.
#[derive(Debug, Clone)]
pub(crate) struct ObjectMatcher {
    /// The kind of records it reads, for messages.
    pub kind: ObjectKind,
    pub features: Vec<Feature>,
    pub rules: Vec<RuleMatcher>,
    pub blocking: Blocking,
}

/// The rules a pair matched (positions in config order) and the first one's score.
pub(crate) struct PairScore {
    pub matched: Vec<usize>,
    pub score: f64,
}

impl ObjectMatcher {
    /// The prepared values of `record`. Input errors, at paths from the record's `$`:
    /// `INVALID_RECORD` (not an object, or none of the fields the rules and keys read), and
    /// those of a value that can't be read in its form (`INVALID_DATE`, `INVALID_TEXT`…).
    pub(crate) fn prepare(&self, record: &Value) -> Result<Row> {
        require_object(record, self.kind)?;
        let mut any = false;
        let mut row = Vec::with_capacity(self.features.len());
        for feature in &self.features {
            let value = field(record, &feature.field);
            any |= value.is_some();
            row.push(prepare(feature.normalise, value).map_err(|e| e.at(&field_path(&feature.field)))?);
        }
        if !any && !self.features.is_empty() {
            let mut names: Vec<&str> = Vec::new();
            for f in &self.features {
                if !names.contains(&f.field.as_str()) {
                    names.push(&f.field);
                }
            }
            return Err(read::no_known_fields(record, "$", &format!("the {}", self.kind.singular()), &names));
        }
        Ok(row.into_boxed_slice())
    }

    /// The rules two rows match, `None` when they match none.
    pub(crate) fn compare(&self, a: &[Option<Prepared>], b: &[Option<Prepared>]) -> Option<PairScore> {
        let mut found: Option<PairScore> = None;
        for (i, rule) in self.rules.iter().enumerate() {
            if let Some(score) = rule.score(a, b) {
                match &mut found {
                    Some(pair) => pair.matched.push(i),
                    None => found = Some(PairScore { matched: vec![i], score }),
                }
            }
        }
        found
    }
}
