//! What duplicate detection returns: pairs with the rule and fields that matched them,
//! clusters, the counts of the work done, and the candidates of a single-record lookup.

use serde::Serialize;

use super::compare::{How, Outcome, RuleMatcher};
use super::config::{Measure, Method};
use super::prepare::Prepared;
use crate::hygiene::records::{round4, shown, RecordRef, Tally};

/// How one field of a rule compared for a pair.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct FieldMatch {
    /// The record field.
    pub field: String,
    /// The method the rule compares it with.
    pub method: Method,
    /// Whether it counts as agreeing.
    pub matched: bool,
    /// How it compared.
    pub how: How,
    /// The best Jaro-Winkler or Levenshtein similarity measured (4 decimals), when one was.
    pub similarity: Option<f64>,
    /// What it added to the score (4 decimals).
    pub weight: f64,
    /// The two values in the form compared (`null` when blank).
    pub values: [Option<String>; 2],
    /// The comparison in words.
    pub reason: String,
}

/// Why two records match: the first rule (in config order) they reach the threshold of, with
/// every field of it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleMatch {
    /// The rule's id.
    pub rule: String,
    /// Its label.
    pub label: String,
    /// The pair's score under it (4 decimals).
    pub score: f64,
    /// The score it needs.
    pub threshold: f64,
    /// Every field of the rule, matched or not, in config order.
    pub fields: Vec<FieldMatch>,
    /// Later rules the pair also matches.
    pub also_matched: Vec<String>,
}

/// Two records one rule calls duplicates.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PairMatch {
    /// The two records, the earlier one first.
    pub records: [RecordRef; 2],
    /// The rule and fields that matched them.
    #[serde(flatten)]
    pub matched: RuleMatch,
}

/// Records linked by matched pairs (directly or through one another).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateCluster {
    /// The records, by position.
    pub records: Vec<RecordRef>,
    /// The matched pairs inside the cluster, by position of their records.
    pub pairs: Vec<PairMatch>,
}

/// A block of records sharing one key value.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockInfo {
    /// The blocking key's id.
    pub key: String,
    /// The key value the records share (parts joined with ` | `).
    pub value: String,
    /// How many records share it.
    pub size: u64,
}

/// A block larger than `maxBlockSize`: its pairs were not compared.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OversizedBlock {
    /// The block.
    #[serde(flatten)]
    pub block: BlockInfo,
    /// The pairs inside it, not compared through this block (other keys may still pair them).
    pub pairs_skipped: u64,
    /// Its records.
    pub records: Vec<RecordRef>,
    /// What happened, in words.
    pub reason: String,
}

/// The work blocking did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BlockingStats {
    /// Blocks of two records or more, over all keys.
    pub blocks: u64,
    /// The largest block within the cap, if any.
    pub largest_block: Option<BlockInfo>,
    /// Blocks over the cap, whose pairs were not compared through them; listed, never dropped
    /// silently.
    pub oversized_blocks: Vec<OversizedBlock>,
    /// The cap.
    pub max_block_size: u64,
    /// Pairs the sorted neighbourhood proposed (before removing those a key proposed too).
    pub neighbourhood_pairs: u64,
}

/// How many pairs one rule matched.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RuleCount {
    /// The rule's id.
    pub rule: String,
    /// Its label.
    pub label: String,
    /// Pairs whose first matching rule it is.
    pub pairs: u64,
}

/// Duplicates found in one list of records.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateReport {
    /// Records in the list.
    pub records: u64,
    /// Candidate pairs compared, out of every possible pair.
    pub pairs_compared: Tally,
    /// Pairs that matched a rule, out of the pairs compared.
    pub matched_pairs: Tally,
    /// Records in a cluster, out of all records.
    pub records_in_clusters: Tally,
    /// Records a merge would remove (those in a cluster beyond one per cluster), out of all.
    pub duplicate_records: Tally,
    /// The clusters, by their first record.
    pub clusters: Vec<DuplicateCluster>,
    /// Matched pairs per rule, in config order.
    pub by_rule: Vec<RuleCount>,
    /// Blocking's counts.
    pub blocking: BlockingStats,
}

/// A record of the index that a record looked up may duplicate.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Candidate {
    /// The indexed record.
    pub record: RecordRef,
    /// The rule and fields that matched it.
    #[serde(flatten)]
    pub matched: RuleMatch,
}

/// The answer to "is this record a duplicate of one in the index?".
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DuplicateLookup {
    /// Whether any candidate matched.
    pub duplicate: bool,
    /// Matches, best first: by rule in config order, then by score, then by position.
    pub candidates: Vec<Candidate>,
    /// Indexed records compared.
    pub compared: u64,
    /// Blocks of the record's key values that were over the cap and not compared.
    pub oversized_blocks: Vec<BlockInfo>,
}

/// Explains a pair of rows that matched `rules[i]` for each `i` of `matched` (in order), the
/// first with `score`: its fields, and the ids of the others. `None` when `matched` is empty.
pub(crate) fn explain(rules: &[RuleMatcher], matched: &[usize], score: f64, a: &[Option<Prepared>], b: &[Option<Prepared>]) -> Option<RuleMatch> {
    let rule = rules.get(*matched.first()?)?;
    let outcomes = rule.outcomes(a, b);
    let fields = rule.fields.iter().zip(&outcomes).map(|(field, outcome)| describe(field, outcome, a, b)).collect();
    Some(RuleMatch {
        rule: rule.id.clone(),
        label: rule.label.clone(),
        score: round4(score),
        threshold: round4(rule.threshold),
        fields,
        also_matched: matched.iter().skip(1).filter_map(|&i| rules.get(i)).map(|r| r.id.clone()).collect(),
    })
}

/// One field's outcome in words.
fn describe(field: &super::compare::FieldMatcher, outcome: &Outcome, a: &[Option<Prepared>], b: &[Option<Prepared>]) -> FieldMatch {
    let values = [a, b].map(|row| super::compare::value(row, field.feature).map(|p| p.text().to_owned()));
    let name = &field.field;
    let quoted = |i: usize| values.get(i).and_then(Option::as_ref).map_or_else(String::new, |v| serde_json::Value::String(v.clone()).to_string());
    let (x, y) = (quoted(0), quoted(1));
    let measured = |s: f64, measure: &str| {
        let needed = if field.measures.iter().any(|m| matches!(m, Measure::JaroWinkler | Measure::Levenshtein)) {
            format!(", at least {} needed", shown(field.threshold))
        } else {
            String::new()
        };
        format!("{measure} {}{needed}", shown(s))
    };
    let reason = match outcome.how {
        How::Exact => format!("{name} is {x} in both"),
        How::Normalised => format!("{name} is {x} in both once normalised ({})", field.normalise.name()),
        How::SameLine => format!("{name}: {x} and {y} are the same phone line"),
        How::Nickname => format!("{name}: {x} and {y} are variants of one given name"),
        How::Initials => format!("{name}: {x} and {y} agree once initials stand for words"),
        How::Acronym => format!("{name}: one of {x} and {y} is the other's acronym"),
        How::JaroWinkler => format!("{name}: {x} and {y} are alike ({})", measured(outcome.similarity.unwrap_or(0.0), "Jaro-Winkler")),
        How::Levenshtein => format!("{name}: {x} and {y} are alike ({})", measured(outcome.similarity.unwrap_or(0.0), "Levenshtein")),
        How::Different => match outcome.similarity {
            Some(s) => format!("{name}: {x} and {y} differ (best similarity {})", measured(s, "").trim_start()),
            None => format!("{name}: {x} and {y} differ"),
        },
        How::BlankInOne => format!("{name} is blank in one record: a blank never matches a filled value"),
        How::BlankInBoth if field.match_blank => format!("{name} is blank in both, which counts as a match (matchBlank)"),
        How::BlankInBoth => format!("{name} is blank in both, which is not a match (matchBlank is off)"),
    };
    FieldMatch {
        field: name.clone(),
        method: field.method,
        matched: field.agrees(outcome),
        how: outcome.how,
        similarity: outcome.similarity.map(round4),
        weight: round4(field.weight(outcome)),
        values,
        reason,
    }
}
