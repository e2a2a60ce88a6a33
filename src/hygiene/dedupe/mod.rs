//! Duplicate detection: match rules per object, compiled once, run over a list of records
//! (clusters of duplicates) or one record at a time against an index ("is this new lead a
//! duplicate of one of these?").
//!
//! ```
//! use pipescore::hygiene::{Deduper, ObjectKind};
//! use serde_json::json;
//!
//! let deduper = Deduper::with_default().unwrap();
//! let contacts = [
//!     json!({ "id": "1", "firstName": "Jane", "lastName": "Doe", "email": "Jane.Doe+crm@gmail.com" }),
//!     json!({ "id": "2", "firstName": "Ada", "lastName": "Lovelace", "email": "ada@engines.io" }),
//!     json!({ "id": "3", "firstName": "J.", "lastName": "Doe", "email": "janedoe@googlemail.com" }),
//! ];
//! let report = deduper.dedupe(ObjectKind::Contacts, &contacts).unwrap();
//! assert_eq!(report.clusters.len(), 1);
//! let pair = &report.clusters[0].pairs[0];
//! assert_eq!((pair.records[0].index, pair.records[1].index), (0, 2));
//! assert_eq!(pair.matched.rule, "same_email");
//! assert_eq!(pair.matched.fields[0].reason, "email is \"janedoe@gmail.com\" in both once normalised (email)");
//! assert_eq!(report.duplicate_records.explanation, "1 of 3 contacts: in a cluster beyond its first record, what merging would remove");
//! ```
//!
//! # Config
//!
//! `{ contacts, leads?, accounts, deals }` (each optional; leads use the contacts' rules
//! unless `leads` is given). Each object is `{ blocking, rules }`:
//! - `rules`: match rules `{ id, label?, fields, threshold? }`, tried in order; a pair is a
//!   duplicate when one reaches its threshold. Each field `{ field, method, normalise?,
//!   measures?, threshold?, weight? | m + u, matchBlank? }` adds its weight to the rule's
//!   score when it agrees. The threshold defaults to the sum of the weights: every field must
//!   agree.
//! - `blocking`: `{ keys, neighbourhood?, maxBlockSize? }`; only records sharing a key value
//!   (or near each other in the neighbourhood's order) are compared.
//!
//! See `docs/hygiene.md` for the methods, normalisations and measures.

mod blocking;
mod cluster;
mod compare;
mod compile;
mod config;
mod index;
mod matcher;
mod prepare;
mod result;
mod weights;

use serde_json::Value;

pub use compare::How;
pub use config::{Measure, Method, Normalise};
pub use index::DuplicateIndex;
pub use result::{BlockInfo, BlockingStats, Candidate, DuplicateCluster, DuplicateLookup, DuplicateReport, FieldMatch, OversizedBlock, PairMatch, RuleCount, RuleMatch};

use crate::config::from_json;
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::hygiene::records::{ByObject, ObjectKind, RecordRef, Tally};
use crate::path::key;
use blocking::{pairs_among, unpair};
use config::DedupeConfig;
use matcher::ObjectMatcher;
use result::explain;

pub(crate) use prepare::prepare as prepare_value;

/// The embedded default duplicate rules (see `default.json`).
const DEFAULT_CONFIG: &str = crate::config::minified_json!(include_str!("default.json"));

/// Blocks larger than this are not compared when the config sets no `maxBlockSize`.
pub(crate) const DEFAULT_MAX_BLOCK_SIZE: u32 = 500;

/// Compiled duplicate rules for each object: compile once, check many lists and records.
#[derive(Debug, Clone)]
pub struct Deduper {
    matchers: ByObject<ObjectMatcher>,
}

impl Deduper {
    /// Compiles a duplicate config (see the module docs). Config errors point at the offending
    /// value (`$.contacts.rules[1].fields[0].threshold`): `INVALID_SHAPE` (a wrong type, an
    /// unknown key or method), `NO_MATCH_RULES`, `EMPTY_MATCH_RULE`, `INVALID_MATCH_METHOD`,
    /// `INVALID_MATCH_PROBABILITY`, `INVALID_WEIGHT`, `INVALID_THRESHOLD`, `INVALID_BLOCKING`,
    /// `INVALID_ID`, `DUPLICATE_ID`, `EMPTY_FIELD`.
    pub fn compile(config: &Value) -> Result<Deduper> {
        let spec: DedupeConfig = from_json(config, ErrorKind::Config)?;
        let mut matchers = ByObject::default();
        let sections = [
            (ObjectKind::Deals, &spec.deals),
            (ObjectKind::Leads, &spec.leads),
            (ObjectKind::Contacts, &spec.contacts),
            (ObjectKind::Accounts, &spec.accounts),
        ];
        for (kind, section) in sections {
            if let Some(section) = section {
                *matchers.slot(kind) = Some(compile::object(kind, section, &key("$", kind.key()))?);
            }
        }
        if matchers.leads.is_none() {
            matchers.leads = matchers.contacts.clone().map(|m| ObjectMatcher { kind: ObjectKind::Leads, ..m });
        }
        Ok(Deduper { matchers })
    }

    /// The default rules: contacts and leads by canonical email, by name at the same company
    /// (nicknames, initials and small typos allowed) or by last name and phone; accounts by
    /// web domain or company name; deals by account, name and close month.
    pub fn with_default() -> Result<Deduper> {
        Deduper::compile(&Deduper::default_config())
    }

    /// The default config, as JSON.
    pub fn default_config() -> Value {
        serde_json::from_str(DEFAULT_CONFIG).unwrap_or_default()
    }

    /// Whether the config has match rules for `kind`.
    pub fn checks(&self, kind: ObjectKind) -> bool {
        self.matchers.get(kind).is_some()
    }

    /// The matcher of `kind`, or `NO_MATCH_RULES`.
    pub(crate) fn matcher(&self, kind: ObjectKind) -> Result<&ObjectMatcher> {
        self.matchers.get(kind).ok_or_else(|| {
            let message = format!("the duplicate config has no match rules for {}; add a \"{}\" section", kind.key(), kind.key());
            Error::config(ErrorCode::NoMatchRules, key("$", kind.key()), message)
        })
    }

    /// Finds the duplicates among `records` of `kind`: clusters with the pairs that link them
    /// and why, and the counts of the work done. Errors as for [`DuplicateIndex::build`].
    pub fn dedupe(&self, kind: ObjectKind, records: &[Value]) -> Result<DuplicateReport> {
        let index = DuplicateIndex::build(self, kind, records)?;
        Ok(report(&index))
    }
}

/// The duplicates among an index's records.
pub(crate) fn report(index: &DuplicateIndex) -> DuplicateReport {
    let matcher = index.matcher();
    let noun = matcher.kind.key();
    let n = index.len() as u64;
    let candidates = index.candidate_pairs();
    let mut matched: Vec<(u32, u32)> = Vec::new();
    let mut scores = Vec::new();
    for &packed in &candidates.pairs {
        let (a, b) = unpair(packed);
        let (Some(row_a), Some(row_b)) = (index.row(a), index.row(b)) else { continue };
        if let Some(score) = matcher.compare(row_a, row_b) {
            matched.push((a, b));
            scores.push(score);
        }
    }
    let mut by_rule: Vec<RuleCount> = matcher.rules.iter().map(|r| RuleCount { rule: r.id.clone(), label: r.label.clone(), pairs: 0 }).collect();
    for score in &scores {
        if let Some(count) = score.matched.first().and_then(|&i| by_rule.get_mut(i)) {
            count.pairs += 1;
        }
    }
    let mut in_clusters = 0u64;
    let clusters: Vec<DuplicateCluster> = cluster::clusters(index.len(), &matched)
        .into_iter()
        .map(|(members, pair_positions)| {
            in_clusters += members.len() as u64;
            let pairs = pair_positions
                .iter()
                .filter_map(|&k| {
                    let (&(a, b), score) = (matched.get(k)?, scores.get(k)?);
                    let matched = explain(&matcher.rules, &score.matched, score.score, index.row(a)?, index.row(b)?)?;
                    Some(PairMatch { records: [index.record_ref(a), index.record_ref(b)], matched })
                })
                .collect();
            DuplicateCluster { records: members.into_iter().map(|i| index.record_ref(i)).collect(), pairs }
        })
        .collect();
    let cluster_count = clusters.len() as u64;
    let oversized_blocks = candidates
        .oversized
        .into_iter()
        .map(|(block, members)| {
            let skipped = index::skipped_pairs(block.size);
            let reason = format!(
                "{} {noun} share {} \"{}\": more than maxBlockSize ({}), so the {skipped} pairs among them were not compared through this key",
                block.size,
                block.key,
                block.value,
                matcher.blocking.max_block_size
            );
            OversizedBlock { records: members.into_iter().map(|i| index.record_ref(i)).collect::<Vec<RecordRef>>(), pairs_skipped: skipped, reason, block }
        })
        .collect();
    let compared = candidates.pairs.len() as u64;
    DuplicateReport {
        records: n,
        pairs_compared: Tally::new(compared, pairs_among(n), &format!("pairs of {noun}"), "compared, being in one block or neighbourhood"),
        matched_pairs: Tally::new(matched.len() as u64, compared, "pairs compared", "matched a rule"),
        records_in_clusters: Tally::new(in_clusters, n, noun, "in a cluster of duplicates"),
        duplicate_records: Tally::new(in_clusters.saturating_sub(cluster_count), n, noun, "in a cluster beyond its first record, what merging would remove"),
        clusters,
        by_rule,
        blocking: BlockingStats {
            blocks: candidates.blocks,
            largest_block: candidates.largest,
            oversized_blocks,
            max_block_size: matcher.blocking.max_block_size as u64,
            neighbourhood_pairs: candidates.neighbourhood_pairs,
        },
    }
}

#[cfg(test)]
mod tests;
