//! Reading JSON records into [`Records`], path by path, with the rule engine's own `var` walk.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde_json::Value;

use super::plan::{Plan, ScopeId, SlotId, ROOT};
use super::records::{Records, RowRef, Shape, Tag, NO_JSON};
use crate::rules::{walk_json, Val};

impl Records {
    /// Reads `records` with `plan`; equal texts get one number.
    pub fn from_json<'v>(plan: &Plan, records: impl IntoIterator<Item = &'v Value>) -> Records {
        let mut out = Records::new(plan);
        let mut texts = Texts::default();
        for record in records {
            out.push_row(plan, ROOT, record, &mut texts);
        }
        out
    }

    /// Adds `record`, read with `plan` (the plan the batch was made for), and returns its index.
    pub fn push(&mut self, plan: &Plan, record: &Value) -> usize {
        self.push_row(plan, ROOT, record, &mut Texts::default())
    }

    /// Adds a row for `value` to `scope` and returns its position there. The members of an
    /// object are read in one pass (what a one-segment `var` finds in an object is its member);
    /// longer paths, and every path of anything else, are walked.
    fn push_row<'v>(&mut self, plan: &Plan, scope: ScopeId, value: &'v Value, texts: &mut Texts<'v>) -> usize {
        let spec = plan.scope(scope);
        let Some(rows) = self.scopes.get_mut(usize::from(scope)) else { return 0 };
        let row = rows.len;
        rows.len += 1;
        let width = rows.width;
        rows.tags.resize(rows.tags.len() + width, Tag::Absent as u8);
        rows.nums.resize(rows.nums.len() + width, 0.0);
        rows.ints.resize(rows.ints.len() + width, 0);
        rows.shapes.push(Shape::of(value) as u8);
        let mut needs_doc = spec.keeps_json;
        match value {
            Value::Object(members) => {
                // Members come in key order (serde_json's map is sorted) and so do the paths:
                // one merge pass; a member out of order is searched for.
                let mut at = 0;
                let mut previous: Option<&str> = None;
                for (key, member) in members {
                    if previous.is_some_and(|p| p > key.as_str()) {
                        at = spec.top.partition_point(|(k, _)| &**k < key.as_str());
                    }
                    previous = Some(key);
                    while spec.top.get(at).is_some_and(|(k, _)| &**k < key.as_str()) {
                        at += 1;
                    }
                    for (_, slot) in spec.top[at..].iter().take_while(|(k, _)| **k == **key) {
                        let found = Some(Val::from_json(member, 0));
                        self.set_cell(plan, scope, row, *slot, found, texts, &mut needs_doc);
                    }
                }
                for &slot in &spec.deep {
                    let found = spec.paths.get(slot as usize).and_then(|p| walk_json(value, &p.keys));
                    self.set_cell(plan, scope, row, slot, found, texts, &mut needs_doc);
                }
            }
            _ => {
                for (slot, path) in spec.paths.iter().enumerate() {
                    let slot = SlotId::try_from(slot).unwrap_or(SlotId::MAX);
                    self.set_cell(plan, scope, row, slot, walk_json(value, &path.keys), texts, &mut needs_doc);
                }
            }
        }
        // A record that holds nothing its plan reads keeps its document, so that an engine can
        // say what it is (a CRM's own record shape, say) when it refuses it.
        let found_nothing = !needs_doc && RowRef { records: self, scope, row: row as u32 }.holds_nothing();
        let doc = if needs_doc || found_nothing { self.push_json(value.clone()) } else { NO_JSON };
        if let Some(rows) = self.scopes.get_mut(usize::from(scope)) {
            rows.docs.resize(row, NO_JSON);
            rows.docs.push(doc);
        }
        row
    }

    /// Writes what path `slot` of `scope` finds in row `row`'s value.
    #[allow(clippy::too_many_arguments)]
    fn set_cell<'v>(
        &mut self,
        plan: &Plan,
        scope: ScopeId,
        row: usize,
        slot: SlotId,
        found: Option<Val<'v>>,
        texts: &mut Texts<'v>,
        needs_doc: &mut bool,
    ) {
        let list = plan.scope(scope).paths.get(slot as usize).and_then(|p| p.list);
        let (tag, num, int) = match (found, list) {
            (None | Some(Val::Undef), _) => return,
            (Some(Val::Null), _) => (Tag::Null, 0.0, 0),
            (Some(Val::Bool(b)), _) => (if b { Tag::True } else { Tag::False }, 0.0, 0),
            (Some(Val::Num(n)), _) => (Tag::Number, n, 0),
            (Some(Val::Str(s)), _) => (Tag::Text, 0.0, texts.id(self, s)),
            (Some(Val::Json(Value::Array(items), _)), Some(item_scope)) => {
                let mut first = None;
                for item in items {
                    let at = self.push_row(plan, item_scope, item, texts);
                    first.get_or_insert(at);
                }
                let start = first.unwrap_or_else(|| self.scopes.get(usize::from(item_scope)).map_or(0, |r| r.len));
                (Tag::List, start as f64, u32::try_from(items.len()).unwrap_or(u32::MAX))
            }
            (Some(Val::Json(..)), _) => {
                *needs_doc = true;
                (Tag::Json, 0.0, 0)
            }
            // A JSON walk finds JSON values only.
            (Some(_), _) => return,
        };
        if let Some(rows) = self.scopes.get_mut(usize::from(scope)) {
            let at = row * rows.width + slot as usize;
            if let (Some(t), Some(n), Some(i)) = (rows.tags.get_mut(at), rows.nums.get_mut(at), rows.ints.get_mut(at)) {
                (*t, *n, *i) = (tag as u8, num, int);
            }
        }
    }
}

/// The numbers of the texts read so far, so that equal texts share one.
#[derive(Default)]
struct Texts<'v>(HashMap<Cow<'v, str>, u32, BuildHasherDefault<FxHasher>>);

/// The Fx hash (as in rustc): fast on short keys, and deterministic. Interning is not exposed
/// to keys chosen against it, so its weakness to crafted collisions does not matter.
#[derive(Default)]
struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in chunks.by_ref() {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
            self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
        }
        for &byte in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

impl<'v> Texts<'v> {
    fn id(&mut self, records: &mut Records, text: Cow<'v, str>) -> u32 {
        if let Some(&id) = self.0.get(&text) {
            return id;
        }
        let id = records.push_text(&text);
        self.0.insert(text, id);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::PlanBuilder;
    use crate::read::Raw;
    use serde_json::json;

    fn texts(row: RowRef<'_>, slots: std::ops::Range<u32>) -> Vec<Raw<'_>> {
        slots.map(|s| row.raw(s)).collect()
    }

    #[test]
    fn cells_hold_what_var_finds() {
        let mut b = PlanBuilder::new();
        for path in ["amount", "owner.email", "tags", "name.0", "missing", "nothing", "flag", "list.length"] {
            b.path(ROOT, path);
        }
        let plan = b.finish();
        let record = json!({"amount": "500", "owner": {"email": "a@x.io"}, "tags": ["a", "b"], "name": "Zoë",
                            "nothing": null, "flag": false, "list": [1, 2, 3]});
        let batch = Records::from_json(&plan, [&record]);
        let row = batch.record(0).unwrap();
        assert_eq!(
            texts(row, 0..8),
            [Raw::Text("500"), Raw::Text("a@x.io"), Raw::List, Raw::Text("Z"), Raw::Absent, Raw::Null, Raw::Bool(false), Raw::Num(3.0)]
        );
        assert!(row.json().is_none());
    }

    #[test]
    fn lists_of_sub_records_get_rows_of_their_own() {
        let mut b = PlanBuilder::new();
        let (events, items) = b.list(ROOT, "events");
        let kind = b.path(items, "type");
        b.keep_json(ROOT);
        let plan = b.finish();
        let a = json!({"events": [{"type": "demo"}, {"type": "visit"}]});
        let c = json!({"events": "none"});
        let d = json!({"events": [{"type": "call"}]});
        let batch = Records::from_json(&plan, [&a, &c, &d]);
        let kinds = |i: usize| -> Vec<String> {
            let list = batch.record(i).unwrap().list(events);
            list.map(|l| l.iter().map(|item| format!("{:?}", item.raw(kind))).collect()).unwrap_or_default()
        };
        assert_eq!(kinds(0), [r#"Text("demo")"#, r#"Text("visit")"#]);
        assert_eq!(kinds(1), Vec::<String>::new());
        assert_eq!(batch.record(1).unwrap().raw(events), Raw::Text("none"));
        assert_eq!(kinds(2), [r#"Text("call")"#]);
        assert_eq!(batch.record(2).unwrap().json(), Some(&d));
    }
}
