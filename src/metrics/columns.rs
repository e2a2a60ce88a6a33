//! Reading deals and leads from columns instead of JSON text: what the npm package does for
//! records that are plain JS objects (`pkg-template/records.js` reads, in JS, only the members
//! metrics use, and writes them here as one tag and one number per cell). Large inputs are
//! mostly members no metric reads (activities, contacts, custom fields), which JSON text would
//! carry across the boundary only for the reader to skip them.
//!
//! Each cell goes through the same `set` as the JSON readers, so both read the same records.
//! Anything a cell can't hold, or a value `set` rejects, makes [`read_columns`] give up: the
//! caller then reads the input as JSON, which reports the error with its path.

use serde::Serialize;
use serde_json::Value;

use super::input::{Deal, EntryParts, Lead};
use super::text::Record;

/// What a cell holds (`pkg-template/records.js` writes these).
pub mod tag {
    /// Absent, `null`, `undefined`, NaN or ±Infinity: the member is not set.
    pub const NULL: u8 = 0;
    /// A number: the cell's value. A date member's ISO-8601 text may arrive as its epoch
    /// milliseconds, which `set` reads as the same instant.
    pub const NUMBER: u8 = 1;
    /// Text: the cell's value is its index in [`RecordColumns::strings`](super::RecordColumns).
    pub const TEXT: u8 = 2;
    /// `false`.
    pub const FALSE: u8 = 3;
    /// `true`.
    pub const TRUE: u8 = 4;
    /// The list member (a deal's stage history): the cell's value is its number of entries,
    /// the next rows of [`RecordColumns::history`](super::RecordColumns).
    pub const LIST: u8 = 5;
}

/// Records of one kind: a row of cells per record, one cell per member of its layout.
#[derive(Debug, Clone, Copy, Default)]
pub struct Columns<'a> {
    /// Each cell's [`tag`].
    pub tags: &'a [u8],
    /// Each cell's number, text index or entry count.
    pub values: &'a [f64],
}

/// Deals, their stage-history entries (in deal order) and leads, with the text they refer to.
#[derive(Debug, Clone, Copy, Default)]
pub struct RecordColumns<'a> {
    /// A row per deal, a cell per member of [`Layout::deals`].
    pub deals: Columns<'a>,
    /// A row per stage-history entry, a cell per member of [`Layout::history`].
    pub history: Columns<'a>,
    /// A row per lead, a cell per member of [`Layout::leads`].
    pub leads: Columns<'a>,
    /// The text cells refer to.
    pub strings: &'a [&'a str],
}

/// The members of one kind of record, in cell order.
#[derive(Debug, Clone, Serialize)]
pub struct RecordLayout {
    /// Member names; a row has one cell per name, in this order.
    pub fields: &'static [&'static str],
    /// The members read as dates: their ISO-8601 text may be sent as epoch milliseconds.
    pub dates: &'static [&'static str],
    /// The list member, whose entries are rows of [`Layout::history`].
    pub list: Option<&'static str>,
}

/// The cells [`read_columns`] expects, for the JS that writes them.
#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    /// Deal members.
    pub deals: RecordLayout,
    /// Stage-history entry members.
    pub history: RecordLayout,
    /// Lead members.
    pub leads: RecordLayout,
}

/// The layout of [`RecordColumns`].
pub fn layout() -> Layout {
    Layout {
        deals: RecordLayout {
            fields: Deal::FIELDS,
            dates: &["createdAt", "engagedAt", "closeDate"],
            list: Some("stageHistory"),
        },
        history: RecordLayout { fields: EntryParts::FIELDS, dates: &["enteredAt"], list: None },
        leads: RecordLayout {
            fields: Lead::FIELDS,
            dates: &["createdAt", "mqlAt", "sqlAt", "opportunityAt", "wonAt", "firstContactAt"],
            list: None,
        },
    }
}

/// The deals and leads in `columns`, or `None` when a cell is malformed or a value is not
/// valid (read the input as JSON to learn which and where).
pub fn read_columns(columns: &RecordColumns<'_>) -> Option<(Vec<Deal>, Vec<Lead>)> {
    let reader = Reader { texts: columns.strings.iter().map(|s| Value::String((*s).to_owned())).collect() };
    let mut history = Rows::new(columns.history, EntryParts::FIELDS.len())?;
    let deals = reader.records::<Deal>(Rows::new(columns.deals, Deal::FIELDS.len())?, Some(&mut history))?;
    let leads = reader.records::<Lead>(Rows::new(columns.leads, Lead::FIELDS.len())?, None)?;
    // Every entry belongs to a deal.
    (history.next == history.count).then_some((deals, leads))
}

/// The rows of one kind of record, read in order.
struct Rows<'a> {
    columns: Columns<'a>,
    width: usize,
    count: usize,
    next: usize,
}

impl<'a> Rows<'a> {
    /// `None` unless the columns hold whole rows of `width` cells.
    fn new(columns: Columns<'a>, width: usize) -> Option<Rows<'a>> {
        let cells = columns.tags.len();
        let whole = width > 0 && cells % width == 0 && columns.values.len() == cells;
        whole.then_some(Rows { columns, width, count: cells / width, next: 0 })
    }

    /// The tags and values of the next row.
    fn take(&mut self) -> Option<(&'a [u8], &'a [f64])> {
        if self.next >= self.count {
            return None;
        }
        let cells = self.next * self.width..(self.next + 1) * self.width;
        self.next += 1;
        Some((&self.columns.tags[cells.clone()], &self.columns.values[cells]))
    }
}

/// Reads rows into records; `texts` are the strings as JSON values, made once for all the
/// cells that refer to them.
struct Reader {
    texts: Vec<Value>,
}

impl Reader {
    /// Every row of `rows`, the list cells taking their entries from `entries`.
    fn records<R: Record>(&self, mut rows: Rows<'_>, mut entries: Option<&mut Rows<'_>>) -> Option<Vec<R::Read>> {
        let mut records = Vec::with_capacity(rows.count);
        while let Some((tags, values)) = rows.take() {
            records.push(self.record::<R>(tags, values, entries.as_deref_mut())?);
        }
        Some(records)
    }

    /// One record from its row.
    fn record<R: Record>(&self, tags: &[u8], values: &[f64], mut entries: Option<&mut Rows<'_>>) -> Option<R::Read> {
        let mut record = R::default();
        for (i, (&tag, &value)) in tags.iter().zip(values).enumerate() {
            match tag {
                // An absent member and `null` read the same: not set.
                tag::NULL => {}
                tag::LIST => {
                    let rows = entries.as_deref_mut()?;
                    let list = record.history().filter(|_| i == R::HISTORY)?;
                    // No more room than there are rows left, whatever the cell claims.
                    let count = count(value)?.min(rows.count - rows.next + 1);
                    list.reserve_exact(count);
                    for _ in 0..count {
                        list.push(self.entry(rows)?);
                    }
                }
                tag::TEXT => record.set(i, self.texts.get(count(value)?)?).ok()?,
                _ => record.set(i, &scalar(tag, value)?).ok()?,
            }
        }
        record.finish().ok()
    }

    /// The next stage-history entry.
    fn entry(&self, rows: &mut Rows<'_>) -> Option<super::StageEntry> {
        let (tags, values) = rows.take()?;
        self.record::<EntryParts>(tags, values, None)
    }
}

/// A number or boolean cell as the JSON value it stands for.
fn scalar(tag: u8, value: f64) -> Option<Value> {
    Some(match tag {
        tag::NUMBER if value.is_finite() => Value::from(value),
        tag::FALSE => Value::Bool(false),
        tag::TRUE => Value::Bool(true),
        _ => return None,
    })
}

/// A cell's value as a count or index: a whole number from 0.
fn count(value: f64) -> Option<usize> {
    (value >= 0.0 && value.fract() == 0.0 && value < u32::MAX as f64).then_some(value as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::parse_input;
    use serde_json::json;

    /// Cells written as `records.js` writes them: `(tag, value)` per member.
    struct Table {
        tags: Vec<u8>,
        values: Vec<f64>,
    }

    fn table(rows: &[&[(u8, f64)]]) -> Table {
        let cells = rows.iter().flat_map(|row| row.iter());
        Table { tags: cells.clone().map(|c| c.0).collect(), values: cells.map(|c| c.1).collect() }
    }

    fn row(layout: &RecordLayout, cells: &[(&str, u8, f64)]) -> Vec<(u8, f64)> {
        let mut row = vec![(tag::NULL, 0.0); layout.fields.len()];
        for &(name, tag, value) in cells {
            row[layout.fields.iter().position(|f| *f == name).unwrap()] = (tag, value);
        }
        row
    }

    fn columns<'a>(deals: &'a Table, history: &'a Table, leads: &'a Table, strings: &'a [&'a str]) -> RecordColumns<'a> {
        let of = |t: &'a Table| Columns { tags: &t.tags, values: &t.values };
        RecordColumns { deals: of(deals), history: of(history), leads: of(leads), strings }
    }

    #[test]
    fn reads_the_records_json_would_give() {
        let l = layout();
        let strings = ["Ana", "1250.5", "2017-01-02", "demo", "Webinar"];
        let deals = table(&[
            &row(&l.deals, &[("owner", tag::TEXT, 0.0), ("amount", tag::TEXT, 1.0), ("createdAt", tag::TEXT, 2.0),
                ("closeDate", tag::NUMBER, 1_483_401_600_000.0), ("stageHistory", tag::LIST, 2.0)]),
            &row(&l.deals, &[("owner", tag::NUMBER, 42.0), ("amount", tag::NUMBER, 99.999), ("stageHistory", tag::LIST, 0.0)]),
        ]);
        let history = table(&[
            &row(&l.history, &[("stage", tag::TEXT, 3.0), ("enteredAt", tag::TEXT, 2.0)]),
            &row(&l.history, &[("stage", tag::TEXT, 3.0), ("enteredAt", tag::NUMBER, 1_483_315_200_000.0)]),
        ]);
        let leads = table(&[&row(&l.leads, &[("source", tag::TEXT, 4.0), ("hot", tag::TRUE, 0.0), ("mqlAt", tag::TEXT, 2.0)])]);
        let (deals, leads) = read_columns(&columns(&deals, &history, &leads, &strings)).unwrap();
        let json = parse_input(&json!({
            "deals": [
                {"owner": "Ana", "amount": "1250.5", "createdAt": "2017-01-02", "closeDate": 1_483_401_600_000u64,
                 "stageHistory": [{"stage": "demo", "enteredAt": "2017-01-02"}, {"stage": "demo", "enteredAt": 1_483_315_200_000u64}]},
                {"owner": 42, "amount": 99.999, "stageHistory": []},
            ],
            "leads": [{"source": "Webinar", "hot": true, "mqlAt": "2017-01-02"}],
        }))
        .unwrap();
        assert_eq!((deals, leads), (json.deals, json.leads));
    }

    #[test]
    fn gives_up_on_what_json_would_reject_or_malformed_cells() {
        let l = layout();
        let strings = ["next week", "demo"];
        let empty = table(&[]);
        let bad: Vec<(Table, Table)> = vec![
            // A value `set` rejects: a date that isn't one, a boolean amount.
            (table(&[&row(&l.deals, &[("closeDate", tag::TEXT, 0.0)])]), table(&[])),
            (table(&[&row(&l.deals, &[("amount", tag::TRUE, 0.0)])]), table(&[])),
            // An entry without its required enteredAt.
            (table(&[&row(&l.deals, &[("stageHistory", tag::LIST, 1.0)])]), table(&[&row(&l.history, &[("stage", tag::TEXT, 1.0)])])),
            // Malformed: a text index out of range, a list tag on a scalar member, an unknown tag,
            // more entries claimed than sent, entries left over, a partial row.
            (table(&[&row(&l.deals, &[("owner", tag::TEXT, 7.0)])]), table(&[])),
            (table(&[&row(&l.deals, &[("owner", tag::LIST, 0.0)])]), table(&[])),
            (table(&[&row(&l.deals, &[("owner", 9, 0.0)])]), table(&[])),
            (table(&[&row(&l.deals, &[("stageHistory", tag::LIST, 2.0)])]), table(&[])),
            (table(&[&row(&l.deals, &[])]), table(&[&row(&l.history, &[("stage", tag::TEXT, 1.0), ("enteredAt", tag::NUMBER, 0.0)])])),
            (Table { tags: vec![0; 3], values: vec![0.0; 3] }, table(&[])),
        ];
        for (deals, history) in &bad {
            assert!(read_columns(&columns(deals, history, &empty, &strings)).is_none(), "{:?}", deals.tags);
        }
    }

    #[test]
    fn date_members_are_the_ones_set_reads_as_dates() {
        // A member reads `"2017-01-02"` and 1483315200000 (its epoch ms) the same only when it
        // is a date: the layout must list exactly those, since JS converts their text.
        fn dates<R: Record + PartialEq>(fields: &[&'static str]) -> Vec<&'static str> {
            let read = |i: usize, v: Value| {
                let mut record = R::default();
                record.set(i, &v).ok().map(|()| record)
            };
            (0..fields.len())
                .filter(|&i| {
                    let text = read(i, json!("2017-01-02"));
                    text.is_some() && text == read(i, json!(1_483_315_200_000u64))
                })
                .map(|i| fields[i])
                .collect()
        }
        let l = layout();
        assert_eq!(dates::<Deal>(l.deals.fields), l.deals.dates);
        assert_eq!(dates::<EntryParts>(l.history.fields), l.history.dates);
        assert_eq!(dates::<Lead>(l.leads.fields), l.leads.dates);
    }
}
