//! [`Records`] from columns another reader wrote (the package's JavaScript reader,
//! `pkg-template/reader.js`), checked cell by cell before anything reads them.

use serde_json::Value;

use super::plan::Plan;
use super::records::{Records, Rows, Tag, NO_JSON};
use crate::error::{Error, Result};

/// One scope's columns as another reader wrote them: `tags`, `nums` and `ints` hold
/// `rows × width` cells (see [`Tag`] for what each holds), `shapes` each row's
/// [`super::Shape`] number, `docs` each row's document index (negative: none).
#[derive(Debug, Clone, Default)]
pub struct ScopeColumns {
    /// Each cell's [`Tag`] number.
    pub tags: Vec<u8>,
    /// Numbers, and the first item row of list cells.
    pub nums: Vec<f64>,
    /// Text ids, and the item count of list cells.
    pub ints: Vec<u32>,
    /// Each row's shape number.
    pub shapes: Vec<u8>,
    /// Each row's document index in the batch's documents, negative for none.
    pub docs: Vec<i32>,
}

impl Records {
    /// The records whose columns another reader wrote for `plan`: one [`ScopeColumns`] per
    /// scope of the plan, the texts concatenated with each text's length in UTF-16 code units
    /// (as JavaScript counts them), and the documents. Anything inconsistent (a tag out of
    /// range, a text, document or item row that does not exist, a container cell in a row
    /// without a document) is an `INTERNAL` error: the columns come from pipescore's own code.
    pub fn from_columns(
        plan: &Plan,
        scopes: Vec<ScopeColumns>,
        texts: String,
        text_lengths: &[u32],
        docs: Vec<Value>,
    ) -> Result<Records> {
        let mut records = Records::new(plan);
        if scopes.len() != records.scopes.len() {
            return Err(bad("the number of scopes"));
        }
        records.text_ends = text_ends(&texts, text_lengths).ok_or_else(|| bad("the text lengths"))?;
        records.texts = texts;
        records.json = docs;
        for (rows, columns) in records.scopes.iter_mut().zip(scopes) {
            let count = columns.shapes.len();
            let cells = count.checked_mul(rows.width).ok_or_else(|| bad("the row count"))?;
            if [columns.tags.len(), columns.nums.len(), columns.ints.len()] != [cells; 3] || columns.docs.len() != count {
                return Err(bad("the column lengths"));
            }
            rows.len = count;
            rows.tags = columns.tags;
            rows.nums = columns.nums;
            rows.ints = columns.ints;
            rows.shapes = columns.shapes;
            rows.docs = columns.docs.iter().map(|&d| u32::try_from(d).unwrap_or(NO_JSON)).collect();
        }
        check(&records)?;
        Ok(records)
    }
}

/// Byte offsets where each text ends, from their UTF-16 lengths; `None` when they don't fit.
fn text_ends(texts: &str, lengths: &[u32]) -> Option<Vec<u32>> {
    let mut ends = Vec::with_capacity(lengths.len());
    let mut chars = texts.char_indices().peekable();
    let mut at = 0usize;
    for &length in lengths {
        let mut units = 0u32;
        while units < length {
            let (i, c) = chars.next()?;
            units += c.len_utf16() as u32;
            at = i + c.len_utf8();
        }
        if units != length {
            return None;
        }
        ends.push(u32::try_from(at).ok()?);
    }
    (chars.next().is_none() && (lengths.is_empty() || at == texts.len())).then_some(ends)
}

/// Checks every cell and row of `records` (see [`Records::from_columns`]).
fn check(records: &Records) -> Result<()> {
    let texts = records.text_ends.len();
    let docs = records.json.len();
    for rows in &records.scopes {
        for row in 0..rows.len {
            let doc = rows.docs.get(row).copied().unwrap_or(NO_JSON);
            if doc != NO_JSON && doc as usize >= docs {
                return Err(bad("a document index"));
            }
            if rows.shapes.get(row).is_some_and(|&s| s > 5) {
                return Err(bad("a row shape"));
            }
            for slot in 0..rows.width {
                let at = row * rows.width + slot;
                let (tag, num, int) = (rows.tags[at], rows.nums[at], rows.ints[at]);
                let ok = match Tag::from_u8(tag) {
                    None => false,
                    Some(Tag::Text) => (int as usize) < texts,
                    Some(Tag::Json) => doc != NO_JSON,
                    Some(Tag::List) => list_fits(records, rows, slot, num, int),
                    Some(Tag::Number) => num.is_finite(),
                    Some(_) => true,
                };
                if !ok {
                    return Err(bad("a cell"));
                }
            }
        }
    }
    Ok(())
}

/// Whether a list cell's item rows exist in its path's item scope.
fn list_fits(records: &Records, rows: &Rows, slot: usize, start: f64, count: u32) -> bool {
    let Some(Some(items)) = rows.lists.get(slot) else { return false };
    let Some(item_rows) = records.scopes.get(usize::from(*items)) else { return false };
    start >= 0.0 && start.fract() == 0.0 && start + f64::from(count) <= item_rows.len as f64
}

fn bad(what: &str) -> Error {
    Error::internal(format!("the records read in JavaScript are inconsistent ({what}); please report this"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::Raw;
    use crate::record::{PlanBuilder, ROOT};
    use serde_json::json;

    fn plan() -> Plan {
        let mut b = PlanBuilder::new();
        b.path(ROOT, "name");
        let (_, items) = b.list(ROOT, "events");
        b.path(items, "type");
        b.path(ROOT, "tags");
        b.finish()
    }

    fn columns() -> Vec<ScopeColumns> {
        vec![
            ScopeColumns {
                tags: vec![Tag::Text as u8, Tag::List as u8, Tag::Json as u8],
                nums: vec![0.0, 0.0, 0.0],
                ints: vec![0, 2, 0],
                shapes: vec![0],
                docs: vec![0],
            },
            ScopeColumns {
                tags: vec![Tag::Text as u8, Tag::Text as u8],
                nums: vec![0.0, 0.0],
                ints: vec![1, 2],
                shapes: vec![0, 0],
                docs: vec![-1, -1],
            },
        ]
    }

    #[test]
    fn columns_read_as_json_reads() {
        let record = json!({"name": "Zoë 😀", "events": [{"type": "démo"}, {"type": "x"}], "tags": ["a"]});
        let texts = "Zoë 😀démox".to_owned();
        let records = Records::from_columns(&plan(), columns(), texts, &[6, 4, 1], vec![record.clone()]).unwrap();
        let from_json = Records::from_json(&plan(), [&record]);
        let (a, b) = (records.record(0).unwrap(), from_json.record(0).unwrap());
        for slot in 0..3 {
            assert_eq!(a.raw(slot), b.raw(slot), "slot {slot}");
        }
        assert_eq!(a.raw(0), Raw::Text("Zoë 😀"));
        let kinds: Vec<Raw<'_>> = a.list(1).unwrap().iter().map(|item| item.raw(0)).collect();
        assert_eq!(kinds, [Raw::Text("démo"), Raw::Text("x")]);
    }

    #[test]
    fn inconsistent_columns_are_internal_errors() {
        let texts = || "Zoë 😀démox".to_owned();
        let doc = || vec![json!({})];
        let ok = Records::from_columns(&plan(), columns(), texts(), &[6, 4, 1], doc());
        assert!(ok.is_ok());
        let mut broken = columns();
        broken[0].tags[0] = 9;
        assert_eq!(Records::from_columns(&plan(), broken, texts(), &[6, 4, 1], doc()).unwrap_err().code, "INTERNAL");
        let mut broken = columns();
        broken[0].ints[1] = 3; // three items, two rows
        assert!(Records::from_columns(&plan(), broken, texts(), &[6, 4, 1], doc()).is_err());
        let mut broken = columns();
        broken[0].docs[0] = -1; // a container cell without a document
        assert!(Records::from_columns(&plan(), broken, texts(), &[6, 4, 1], doc()).is_err());
        assert!(Records::from_columns(&plan(), columns(), texts(), &[6, 4, 2], doc()).is_err(), "lengths past the end");
        assert!(Records::from_columns(&plan(), columns(), texts(), &[6, 4], doc()).is_err(), "text left over");
        assert!(Records::from_columns(&plan(), columns(), texts(), &[5, 5, 1], doc()).is_err(), "inside a surrogate pair");
        assert!(Records::from_columns(&plan(), columns()[..1].to_vec(), texts(), &[6, 4, 1], doc()).is_err());
    }
}
