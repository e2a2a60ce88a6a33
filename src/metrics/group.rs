//! Group-by: the key each record falls under, and accumulators per key.
//!
//! Text keys (owner, source, segment, product) are the record's own field. Time keys (month,
//! quarter) follow the date each metric already uses to decide "in the period", so a month
//! group holds exactly what the metrics would show with the period set to that month: closed
//! deals by close date, open pipeline by expected close date, pipeline created by creation
//! date, leads by creation date. A record without the field or date falls in the `null` group.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde::Serialize;

use super::input::{Deal, Lead};
use super::period::{month_index, month_start};
use crate::config::{deserialize_via_from_json, impl_from_json};
use crate::sort::sort_by;

/// Breakdown of a result: `"owner" | "source" | "segment" | "product" | "month" | "quarter"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GroupBy {
    /// Deal and lead `owner`.
    Owner,
    /// Deal and lead `source`.
    Source,
    /// Deal and lead `segment`.
    Segment,
    /// Deal `product` (leads have none and fall in the `null` group).
    Product,
    /// Calendar month (UTC) of each metric's date, keys like `2017-03`.
    Month,
    /// Calendar quarter (UTC) of each metric's date, keys like `2017-Q1`.
    Quarter,
}

impl_from_json!(enum GroupBy {
    "owner" => GroupBy::Owner,
    "source" => GroupBy::Source,
    "segment" => GroupBy::Segment,
    "product" => GroupBy::Product,
    "month" => GroupBy::Month,
    "quarter" => GroupBy::Quarter,
});

deserialize_via_from_json!(GroupBy);

/// A group key. Orders text keys, then time keys, then the missing key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum Key<'a> {
    /// A field value.
    Text(&'a str),
    /// A month number (`year * 12 + month - 1`) or quarter number (`year * 4 + quarter - 1`).
    Time(i64),
    /// No value for the field or date.
    None,
}

fn text(value: &Option<String>) -> Key<'_> {
    value.as_deref().map_or(Key::None, Key::Text)
}

impl GroupBy {
    /// The key of a deal; `date` is the date the metric at hand uses for the period.
    pub(crate) fn deal_key<'d>(self, deal: &'d Deal, date: Option<i64>, months: &mut MonthCache) -> Key<'d> {
        match self {
            GroupBy::Owner => text(&deal.owner),
            GroupBy::Source => text(&deal.source),
            GroupBy::Segment => text(&deal.segment),
            GroupBy::Product => text(&deal.product),
            GroupBy::Month | GroupBy::Quarter => self.time_key(date, months),
        }
    }

    /// The key of a lead; `date` is its cohort date.
    pub(crate) fn lead_key<'d>(self, lead: &'d Lead, date: Option<i64>, months: &mut MonthCache) -> Key<'d> {
        match self {
            GroupBy::Owner => text(&lead.owner),
            GroupBy::Source => text(&lead.source),
            GroupBy::Segment => text(&lead.segment),
            GroupBy::Product => Key::None,
            GroupBy::Month | GroupBy::Quarter => self.time_key(date, months),
        }
    }

    fn time_key(self, date: Option<i64>, months: &mut MonthCache) -> Key<'static> {
        date.map_or(Key::None, |t| {
            let month = months.index(t);
            Key::Time(if self == GroupBy::Quarter { month.div_euclid(3) } else { month })
        })
    }

    /// The key as shown: the field value, `2017-03`, `2017-Q1`, or `None`.
    pub(crate) fn label(self, key: Key) -> Option<String> {
        match key {
            Key::Text(s) => Some(s.to_owned()),
            Key::Time(i) if self == GroupBy::Quarter => Some(format!("{:04}-Q{}", i.div_euclid(4), i.rem_euclid(4) + 1)),
            Key::Time(i) => Some(format!("{:04}-{:02}", i.div_euclid(12), i.rem_euclid(12) + 1)),
            Key::None => None,
        }
    }

    /// `[start, end)` of a time key.
    pub(crate) fn span(self, key: Key) -> Option<(i64, i64)> {
        let Key::Time(i) = key else { return None };
        let (first, count) = if self == GroupBy::Quarter { (i * 3, 3) } else { (i, 1) };
        Some((month_start(first), month_start(first + count)))
    }
}

/// Month numbers of recent instants: records cluster in time, and the calendar arithmetic is the
/// costliest part of keying by month.
#[derive(Debug, Default)]
pub(crate) struct MonthCache {
    /// `(start, end, month)` of the two months last asked for.
    spans: [(i64, i64, i64); 2],
    next: usize,
}

impl MonthCache {
    /// Month number (`year * 12 + month - 1`) of `t`.
    pub fn index(&mut self, t: i64) -> i64 {
        if let Some(&(_, _, month)) = self.spans.iter().find(|(start, end, _)| *start <= t && t < *end) {
            return month;
        }
        let month = month_index(t);
        self.spans[self.next] = (month_start(month), month_start(month + 1), month);
        self.next ^= 1;
        month
    }
}

/// FxHash (as in rustc): much faster than SipHash on short keys. The keys are the caller's own
/// records, so hash flooding is not a concern.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }
    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`FxHasher`].
pub(crate) type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// Accumulators by key, created on first use.
pub(crate) struct Grouped<'a, A> {
    entries: Vec<(Key<'a>, A)>,
    index: FastMap<Key<'a>, usize>,
    last: Option<(Key<'a>, usize)>,
}

impl<'a, A: Default> Grouped<'a, A> {
    /// No groups yet.
    pub fn new() -> Self {
        Grouped { entries: Vec::new(), index: FastMap::default(), last: None }
    }

    /// The accumulator for `key`.
    pub fn get(&mut self, key: Key<'a>) -> &mut A {
        let i = match self.last {
            Some((k, i)) if k == key => i,
            _ => {
                let n = self.entries.len();
                let i = *self.index.entry(key).or_insert(n);
                if i == n {
                    self.entries.push((key, A::default()));
                }
                self.last = Some((key, i));
                i
            }
        };
        &mut self.entries[i].1
    }

    /// All groups, sorted by key (missing key last).
    pub fn into_sorted(mut self) -> Vec<(Key<'a>, A)> {
        sort_by(&mut self.entries, |a, b| a.0.cmp(&b.0));
        self.entries
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::parse_iso8601;

    #[test]
    fn keys_label_and_sort() {
        let t = parse_iso8601("2017-03-15").unwrap();
        let mut months = MonthCache::default();
        let m = GroupBy::Month.time_key(Some(t), &mut months);
        let q = GroupBy::Quarter.time_key(Some(t), &mut months);
        for (date, month) in [("2017-03-01", 2017 * 12 + 2), ("2017-02-28T23:59:59.999Z", 2017 * 12 + 1), ("2017-04-01", 2017 * 12 + 3),
            ("2017-03-31T23:59:59.999Z", 2017 * 12 + 2), ("1969-12-31", 1969 * 12 + 11)] {
            assert_eq!(months.index(parse_iso8601(date).unwrap()), month, "{date}");
        }
        assert_eq!(GroupBy::Month.label(m).as_deref(), Some("2017-03"));
        assert_eq!(GroupBy::Quarter.label(q).as_deref(), Some("2017-Q1"));
        assert_eq!(GroupBy::Quarter.span(q), Some((parse_iso8601("2017-01-01").unwrap(), parse_iso8601("2017-04-01").unwrap())));
        assert_eq!(GroupBy::Month.span(m), Some((parse_iso8601("2017-03-01").unwrap(), parse_iso8601("2017-04-01").unwrap())));
        let mut g: Grouped<u32> = Grouped::new();
        for k in [Key::None, Key::Text("b"), Key::Text("a"), Key::Text("b")] {
            *g.get(k) += 1;
        }
        let sorted: Vec<_> = g.into_sorted().into_iter().map(|(k, n)| (GroupBy::Owner.label(k), n)).collect();
        assert_eq!(sorted, [(Some("a".into()), 1), (Some("b".into()), 2), (None, 1)]);
    }
}
