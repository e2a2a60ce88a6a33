//! Reading JSON records into [`Records`], path by path, with the rule engine's own `var` walk.

use serde_json::Value;

use super::plan::{Plan, ScopeId, ROOT};
use super::records::{Records, Tag, NO_JSON};
use crate::rules::{walk_json, Val};

impl Records {
    /// Reads `records` with `plan`.
    pub fn from_json<'v>(plan: &Plan, records: impl IntoIterator<Item = &'v Value>) -> Records {
        let mut out = Records::new(plan);
        for record in records {
            out.push(plan, record);
        }
        out
    }

    /// Adds `record`, read with `plan` (the plan the batch was made for), and returns its index.
    pub fn push(&mut self, plan: &Plan, record: &Value) -> usize {
        self.push_row(plan, ROOT, record)
    }

    /// Adds a row for `value` to `scope` and returns its position there.
    fn push_row(&mut self, plan: &Plan, scope: ScopeId, value: &Value) -> usize {
        let spec = plan.scope(scope);
        let Some(rows) = self.scopes.get_mut(usize::from(scope)) else { return 0 };
        let row = rows.len;
        rows.len += 1;
        let width = rows.width;
        rows.tags.resize(rows.tags.len() + width, Tag::Absent as u8);
        rows.nums.resize(rows.nums.len() + width, 0.0);
        rows.ints.resize(rows.ints.len() + width, 0);
        let mut needs_doc = spec.keeps_json;
        for (slot, path) in spec.paths.iter().enumerate() {
            let found = walk_json(value, &path.keys);
            let (tag, num, int) = match (found, path.list) {
                (None | Some(Val::Undef), _) => (Tag::Absent, 0.0, 0),
                (Some(Val::Null), _) => (Tag::Null, 0.0, 0),
                (Some(Val::Bool(b)), _) => (if b { Tag::True } else { Tag::False }, 0.0, 0),
                (Some(Val::Num(n)), _) => (Tag::Number, n, 0),
                (Some(Val::Str(s)), _) => (Tag::Text, 0.0, self.push_text(&s)),
                (Some(Val::Json(Value::Array(items), _)), Some(item_scope)) => {
                    let mut first = None;
                    for item in items {
                        let at = self.push_row(plan, item_scope, item);
                        first.get_or_insert(at);
                    }
                    let start = first.unwrap_or_else(|| self.scopes.get(usize::from(item_scope)).map_or(0, |r| r.len));
                    (Tag::List, start as f64, u32::try_from(items.len()).unwrap_or(u32::MAX))
                }
                (Some(Val::Json(..)), _) => {
                    needs_doc = true;
                    (Tag::Json, 0.0, 0)
                }
                // A JSON walk finds JSON values only.
                (Some(_), _) => (Tag::Absent, 0.0, 0),
            };
            if let Some(rows) = self.scopes.get_mut(usize::from(scope)) {
                let at = row * width + slot;
                if let (Some(t), Some(n), Some(i)) = (rows.tags.get_mut(at), rows.nums.get_mut(at), rows.ints.get_mut(at)) {
                    (*t, *n, *i) = (tag as u8, num, int);
                }
            }
        }
        let doc = if needs_doc { self.push_json(value.clone()) } else { NO_JSON };
        if let Some(rows) = self.scopes.get_mut(usize::from(scope)) {
            rows.docs.resize(row, NO_JSON);
            rows.docs.push(doc);
        }
        row
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{PlanBuilder, RowRef};
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
