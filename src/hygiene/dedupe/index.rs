//! The duplicate index: one object's records prepared and blocked once, queried per record
//! ("is this new lead a duplicate of one of these?") and grown one record at a time. Batch
//! detection builds one and compares the pairs of its blocks.

use serde_json::Value;

use super::blocking::{block_pairs, key_value, pair, pairs_among, shown_value, BlockKey, Sorted};
use super::matcher::{ObjectMatcher, Row};
use super::result::{explain, BlockInfo, Candidate, DuplicateLookup};
use super::Deduper;
use crate::error::{Error, ErrorCode, Result};
use crate::hygiene::records::{in_list, record_id, ObjectKind, RecordRef};

/// One object's records, prepared and blocked, to look records up in.
///
/// ```
/// use pipescore::hygiene::{Deduper, DuplicateIndex, ObjectKind};
/// use serde_json::json;
///
/// let deduper = Deduper::with_default().unwrap();
/// let contacts = [
///     json!({ "id": "c1", "firstName": "Robert", "lastName": "Smith", "email": "bob.smith@acme.com", "company": "Acme" }),
///     json!({ "id": "c2", "firstName": "Ada", "lastName": "Lovelace", "email": "ada@engines.io", "company": "Engines" }),
/// ];
/// let mut index = DuplicateIndex::build(&deduper, ObjectKind::Contacts, &contacts).unwrap();
/// let new = json!({ "firstName": "Bob", "lastName": "Smith", "email": "bob@gmail.com", "company": "ACME Inc." });
/// let lookup = index.find(&new).unwrap();
/// assert!(lookup.duplicate);
/// assert_eq!(lookup.candidates[0].record.id.as_deref(), Some("c1"));
/// assert_eq!(lookup.candidates[0].matched.rule, "name_and_company");
/// assert_eq!(index.add(&new).unwrap(), 2);
/// ```
#[derive(Debug, Clone)]
pub struct DuplicateIndex {
    matcher: ObjectMatcher,
    rows: Vec<Row>,
    ids: Vec<Option<String>>,
    /// Per blocking key, the records' key values.
    blocks: Vec<Sorted>,
    /// The neighbourhood's order.
    sorted: Sorted,
}

impl DuplicateIndex {
    /// Indexes `records` of `kind` with the deduper's rules for it. Errors: `NO_MATCH_RULES`
    /// (config) when the deduper has none for `kind`; input errors of a record at its position
    /// (`$[3].email`): `INVALID_RECORD`, `INVALID_TEXT`, `INVALID_DATE`, `INVALID_NUMBER`.
    pub fn build(deduper: &Deduper, kind: ObjectKind, records: &[Value]) -> Result<DuplicateIndex> {
        let matcher = deduper.matcher(kind)?.clone();
        let mut rows = Vec::with_capacity(records.len());
        let mut ids = Vec::with_capacity(records.len());
        let mut keys: Vec<Vec<(Box<str>, u32)>> = matcher.blocking.keys.iter().map(|_| Vec::with_capacity(records.len())).collect();
        let mut order = Vec::new();
        for (i, record) in records.iter().enumerate() {
            let (row, id, position) = Self::read(&matcher, record, i).map_err(|e| in_list(e, kind, i, false))?;
            for (key, values) in matcher.blocking.keys.iter().zip(&mut keys) {
                if let Some(value) = key_value(&key.parts, &row) {
                    values.push((value.into(), position));
                }
            }
            if let Some(value) = matcher.blocking.neighbourhood.as_ref().and_then(|n| key_value(&n.parts, &row)) {
                order.push((value.into(), position));
            }
            rows.push(row);
            ids.push(id);
        }
        let blocks = keys.into_iter().map(Sorted::new).collect();
        Ok(DuplicateIndex { matcher, rows, ids, blocks, sorted: Sorted::new(order) })
    }

    /// A record's prepared values, id and position `at` in the index.
    fn read(matcher: &ObjectMatcher, record: &Value, at: usize) -> Result<(Row, Option<String>, u32)> {
        let row = matcher.prepare(record)?;
        let id = record_id(record)?;
        let position = u32::try_from(at).map_err(|_| Error::input(ErrorCode::TooLarge, "$", "a duplicate index holds at most 4294967295 records"))?;
        Ok((row, id, position))
    }

    /// How many records the index holds.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// Whether the index holds no record.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Adds a record; returns its position. Input errors as for [`DuplicateIndex::build`], at
    /// paths from the record's `$`; `TOO_LARGE` past 2^32 − 1 records.
    pub fn add(&mut self, record: &Value) -> Result<usize> {
        let at = self.rows.len();
        let (row, id, position) = Self::read(&self.matcher, record, at)?;
        for (key, blocks) in self.matcher.blocking.keys.iter().zip(&mut self.blocks) {
            if let Some(value) = key_value(&key.parts, &row) {
                blocks.push(value.into(), position);
            }
        }
        if let Some(value) = self.matcher.blocking.neighbourhood.as_ref().and_then(|n| key_value(&n.parts, &row)) {
            self.sorted.push(value.into(), position);
        }
        self.rows.push(row);
        self.ids.push(id);
        Ok(at)
    }

    /// The indexed records `record` may duplicate, with the rule and fields that matched each.
    /// It is compared with the records sharing a block with it (blocks within the cap) and,
    /// with a neighbourhood, the `window − 1` records on each side of where it would sort.
    /// Input errors as for [`DuplicateIndex::add`].
    pub fn find(&self, record: &Value) -> Result<DuplicateLookup> {
        let row = self.matcher.prepare(record)?;
        let cap = self.matcher.blocking.max_block_size;
        let mut candidates: Vec<u32> = Vec::new();
        let mut oversized_blocks = Vec::new();
        for (key, blocks) in self.matcher.blocking.keys.iter().zip(&self.blocks) {
            let Some(value) = key_value(&key.parts, &row) else { continue };
            let members = blocks.block(&value);
            if members.is_empty() {
                continue;
            }
            // The block the record would join: its members and the record itself.
            if members.len() + 1 > cap {
                oversized_blocks.push(block_info(key, &value, members.len() + 1));
            } else {
                candidates.extend(members.iter().map(|(_, i)| *i));
            }
        }
        if let Some(n) = &self.matcher.blocking.neighbourhood {
            if let Some(value) = key_value(&n.parts, &row) {
                let (entries, at) = (self.sorted.entries(), self.sorted.after(&value));
                let reach = n.window - 1;
                let before = entries.get(at.saturating_sub(reach)..at).unwrap_or(&[]);
                let after = entries.get(at..).unwrap_or(&[]).iter().take(reach);
                candidates.extend(before.iter().chain(after).map(|(_, i)| *i));
            }
        }
        candidates.sort_unstable();
        candidates.dedup();
        let mut found: Vec<(usize, f64, Candidate)> = Vec::new();
        for &i in &candidates {
            let Some(other) = self.rows.get(i as usize) else { continue };
            let Some(score) = self.matcher.compare(other, &row) else { continue };
            let Some(matched) = explain(&self.matcher.rules, &score.matched, score.score, other, &row) else { continue };
            let first = score.matched.first().copied().unwrap_or(0);
            found.push((first, score.score, Candidate { record: self.record_ref(i), matched }));
        }
        crate::sort::sort_by(&mut found, |a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)).then(a.2.record.index.cmp(&b.2.record.index)));
        Ok(DuplicateLookup {
            duplicate: !found.is_empty(),
            candidates: found.into_iter().map(|(_, _, c)| c).collect(),
            compared: candidates.len() as u64,
            oversized_blocks,
        })
    }

    /// The reference of the record at `position`.
    pub(crate) fn record_ref(&self, position: u32) -> RecordRef {
        let index = position as usize;
        RecordRef { index, id: self.ids.get(index).cloned().flatten() }
    }

    /// The prepared row at `position`.
    pub(crate) fn row(&self, position: u32) -> Option<&Row> {
        self.rows.get(position as usize)
    }

    /// The matcher.
    pub(crate) fn matcher(&self) -> &ObjectMatcher {
        &self.matcher
    }

    /// Every candidate pair of the indexed records (sorted, each once), with the blocks that
    /// were compared and those over the cap.
    pub(crate) fn candidate_pairs(&self) -> CandidatePairs {
        let cap = self.matcher.blocking.max_block_size;
        let mut out = CandidatePairs::default();
        let mut members = Vec::new();
        for (key, blocks) in self.matcher.blocking.keys.iter().zip(&self.blocks) {
            for run in blocks.runs() {
                let Some((value, _)) = run.first().filter(|_| run.len() >= 2) else { continue };
                out.blocks += 1;
                members.clear();
                members.extend(run.iter().map(|(_, i)| *i));
                if members.len() > cap {
                    out.oversized.push((block_info(key, value, members.len()), members.clone()));
                    continue;
                }
                if out.largest.as_ref().map_or(true, |b| (members.len() as u64) > b.size) {
                    out.largest = Some(block_info(key, value, members.len()));
                }
                block_pairs(&members, &mut out.pairs);
            }
        }
        if let Some(n) = &self.matcher.blocking.neighbourhood {
            let order: Vec<u32> = self.sorted.entries().iter().map(|(_, i)| *i).collect();
            for (k, &a) in order.iter().enumerate() {
                for &b in order.iter().skip(k + 1).take(n.window - 1) {
                    out.pairs.push(pair(a, b));
                    out.neighbourhood_pairs += 1;
                }
            }
        }
        out.pairs.sort_unstable();
        out.pairs.dedup();
        out
    }
}

/// The candidate pairs of an index and what blocking did.
#[derive(Debug, Default)]
pub(crate) struct CandidatePairs {
    /// Packed pairs (see [`super::blocking::pair`]), sorted, each once.
    pub pairs: Vec<u64>,
    /// Blocks of two records or more.
    pub blocks: u64,
    /// The largest block within the cap.
    pub largest: Option<BlockInfo>,
    /// Blocks over the cap, with their members.
    pub oversized: Vec<(BlockInfo, Vec<u32>)>,
    /// Pairs the neighbourhood proposed.
    pub neighbourhood_pairs: u64,
}

fn block_info(key: &BlockKey, value: &str, size: usize) -> BlockInfo {
    BlockInfo { key: key.id.clone(), value: shown_value(value), size: size as u64 }
}

/// Pairs within the blocks over the cap, for the report.
pub(crate) fn skipped_pairs(size: u64) -> u64 {
    pairs_among(size)
}
