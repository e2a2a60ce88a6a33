//! A batch of records read by one plan, as columns of cells.

use serde_json::Value;

use super::plan::{Plan, ScopeId, SlotId, ROOT};
use crate::read::Raw;
use crate::rules::{walk_json, Segment, Val};

/// What a cell holds. The numbering is shared with the package's JavaScript reader, which gets
/// it from [`Plan::describe`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Tag {
    /// The path finds nothing (`undefined`).
    Absent = 0,
    /// `null`.
    Null = 1,
    /// `false`.
    False = 2,
    /// `true`.
    True = 3,
    /// A number, in `nums`.
    Number = 4,
    /// A text: its index in the batch's texts, in `ints`.
    Text = 5,
    /// Any other JSON value (an array, an object): found by walking the path in the row's
    /// document, the record's JSON, kept for it, so that two paths to one object find the same
    /// object.
    Json = 6,
    /// A list of sub-records: the first item's row in the item scope in `nums`, the item count
    /// in `ints`.
    List = 7,
}

impl Tag {
    /// Each tag's name, as [`Plan::describe`] lists them.
    pub const NAMES: [(&'static str, Tag); 8] = [
        ("absent", Tag::Absent),
        ("null", Tag::Null),
        ("false", Tag::False),
        ("true", Tag::True),
        ("number", Tag::Number),
        ("text", Tag::Text),
        ("json", Tag::Json),
        ("list", Tag::List),
    ];

    /// The tag numbered `n`.
    #[inline]
    pub fn from_u8(n: u8) -> Option<Tag> {
        Some(match n {
            0 => Tag::Absent,
            1 => Tag::Null,
            2 => Tag::False,
            3 => Tag::True,
            4 => Tag::Number,
            5 => Tag::Text,
            6 => Tag::Json,
            7 => Tag::List,
            _ => return None,
        })
    }
}

/// The rows of one scope: `width` cells each.
#[derive(Debug, Clone, Default)]
pub(crate) struct Rows {
    pub(crate) width: usize,
    /// Per slot, the scope of its items when the path is a list of sub-records.
    pub(crate) lists: Vec<Option<ScopeId>>,
    /// Per slot, the path's segments (a `Json` cell is found by walking them in the document).
    pub(crate) paths: Vec<Box<[Segment]>>,
    /// Whether each row's document is its whole record or item (the scope keeps its JSON).
    pub(crate) keeps_json: bool,
    pub(crate) len: usize,
    pub(crate) tags: Vec<u8>,
    pub(crate) nums: Vec<f64>,
    pub(crate) ints: Vec<u32>,
    /// Each row's own kind of value ([`Shape`]).
    pub(crate) shapes: Vec<u8>,
    /// Each row's document (an index in the batch's JSON values): its JSON, kept when the
    /// scope keeps JSON or a cell holds an array or an object; [`NO_JSON`] otherwise.
    pub(crate) docs: Vec<u32>,
}

/// What a row's record or item itself is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Shape {
    /// An object: its cells are its fields.
    Object = 0,
    /// A list.
    List = 1,
    /// Text.
    Text = 2,
    /// A number.
    Number = 3,
    /// `true` or `false`.
    Boolean = 4,
    /// `null`.
    Null = 5,
}

impl Shape {
    /// The shape numbered `n`.
    pub fn from_u8(n: u8) -> Shape {
        match n {
            0 => Shape::Object,
            1 => Shape::List,
            2 => Shape::Text,
            3 => Shape::Number,
            4 => Shape::Boolean,
            _ => Shape::Null,
        }
    }

    /// The shape of a JSON value.
    pub fn of(value: &Value) -> Shape {
        match value {
            Value::Object(_) => Shape::Object,
            Value::Array(_) => Shape::List,
            Value::String(_) => Shape::Text,
            Value::Number(_) => Shape::Number,
            Value::Bool(_) => Shape::Boolean,
            Value::Null => Shape::Null,
        }
    }

    /// How messages name a value of this shape ("found text").
    pub fn name(self) -> &'static str {
        match self {
            Shape::Object => "an object",
            Shape::List => "a list",
            Shape::Text => "text",
            Shape::Number => "a number",
            Shape::Boolean => "true/false",
            Shape::Null => "null",
        }
    }
}

/// No document kept for a row.
pub(crate) const NO_JSON: u32 = u32::MAX;

/// Records read by one plan (see the module docs).
#[derive(Debug, Clone)]
pub struct Records {
    pub(crate) scopes: Vec<Rows>,
    /// The texts, each followed by the byte offset where the next starts (`text_ends`).
    pub(crate) texts: String,
    pub(crate) text_ends: Vec<u32>,
    pub(crate) json: Vec<Value>,
}

impl Records {
    /// An empty batch for `plan`.
    pub fn new(plan: &Plan) -> Records {
        let scopes = plan
            .scopes
            .iter()
            .map(|s| Rows {
                width: s.paths.len(),
                lists: s.paths.iter().map(|p| p.list).collect(),
                paths: s.paths.iter().map(|p| p.keys.clone()).collect(),
                keeps_json: s.keeps_json,
                ..Rows::default()
            })
            .collect();
        Records { scopes, texts: String::new(), text_ends: Vec::new(), json: Vec::new() }
    }

    /// Whether the batch was made for `plan` (its scopes have the plan's paths).
    pub fn fits(&self, plan: &Plan) -> bool {
        self.scopes.len() == plan.scopes.len()
            && self.scopes.iter().zip(&plan.scopes).all(|(rows, scope)| {
                rows.width == scope.paths.len() && rows.lists.iter().zip(&scope.paths).all(|(l, p)| *l == p.list)
            })
    }

    /// How many records the batch holds.
    pub fn len(&self) -> usize {
        self.scopes.first().map_or(0, |r| r.len)
    }

    /// Whether the batch holds no record.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Record number `index`.
    pub fn record(&self, index: usize) -> Option<RowRef<'_>> {
        (index < self.len()).then(|| RowRef { records: self, scope: ROOT, row: index as u32 })
    }

    /// The records in order.
    pub fn iter(&self) -> impl Iterator<Item = RowRef<'_>> {
        (0..self.len()).filter_map(|i| self.record(i))
    }

    pub(crate) fn rows(&self, scope: ScopeId) -> Option<&Rows> {
        self.scopes.get(usize::from(scope))
    }

    /// Text number `id`.
    pub(crate) fn text(&self, id: u32) -> &str {
        let id = id as usize;
        let end = self.text_ends.get(id).copied().unwrap_or(0) as usize;
        let start = if id == 0 { 0 } else { self.text_ends.get(id - 1).copied().unwrap_or(0) as usize };
        self.texts.get(start..end).unwrap_or("")
    }

    /// Adds a text and returns its number.
    pub(crate) fn push_text(&mut self, text: &str) -> u32 {
        self.texts.push_str(text);
        self.text_ends.push(u32::try_from(self.texts.len()).unwrap_or(u32::MAX));
        u32::try_from(self.text_ends.len() - 1).unwrap_or(u32::MAX)
    }

    /// How many texts the batch holds.
    pub fn text_count(&self) -> usize {
        self.text_ends.len()
    }

    /// Adds a JSON value and returns its number.
    pub(crate) fn push_json(&mut self, value: Value) -> u32 {
        self.json.push(value);
        u32::try_from(self.json.len() - 1).unwrap_or(u32::MAX)
    }
}

/// One row: a record, or an item of a list of sub-records.
#[derive(Debug, Clone, Copy)]
pub struct RowRef<'a> {
    pub(crate) records: &'a Records,
    pub(crate) scope: ScopeId,
    pub(crate) row: u32,
}

/// A cell's content.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Cell<'a> {
    Absent,
    Null,
    Bool(bool),
    Num(f64),
    /// A text and its number in the batch (equal texts of one batch have one number when the
    /// reader interns them).
    Text(&'a str),
    Json(&'a Value),
    List(RowsRef<'a>),
}

impl<'a> RowRef<'a> {
    /// The row's scope.
    pub fn scope(&self) -> ScopeId {
        self.scope
    }

    /// What the row's record or item itself is.
    pub fn shape(&self) -> Shape {
        self.records.rows(self.scope).and_then(|r| r.shapes.get(self.row as usize)).map_or(Shape::Null, |&s| Shape::from_u8(s))
    }

    /// Whether the row holds nothing its plan reads: every cell is absent, `null` or blank text.
    pub fn holds_nothing(&self) -> bool {
        let width = self.records.rows(self.scope).map_or(0, |r| r.width);
        (0..width as SlotId).all(|s| self.raw(s).is_blank())
    }

    /// The row's position in its scope (the record's index for the record scope).
    pub fn index(&self) -> usize {
        self.row as usize
    }

    /// The row's JSON, when its scope keeps it.
    pub fn json(&self) -> Option<&'a Value> {
        self.records.rows(self.scope).filter(|rows| rows.keeps_json).and_then(|_| self.doc())
    }

    /// The row's document, if it has one: its JSON when its scope keeps JSON, a cell holds an
    /// array or an object, or none of its paths finds anything.
    pub fn doc(&self) -> Option<&'a Value> {
        let rows = self.records.rows(self.scope)?;
        let id = *rows.docs.get(self.row as usize)?;
        (id != NO_JSON).then(|| self.records.json.get(id as usize)).flatten()
    }

    /// The cell at `slot`.
    pub(crate) fn cell(&self, slot: SlotId) -> Cell<'a> {
        let Some(rows) = self.records.rows(self.scope) else { return Cell::Absent };
        let at = self.row as usize * rows.width + slot as usize;
        if slot as usize >= rows.width {
            return Cell::Absent;
        }
        let (tag, num, int) = (rows.tags.get(at).copied(), rows.nums.get(at).copied(), rows.ints.get(at).copied());
        match tag.and_then(Tag::from_u8) {
            None | Some(Tag::Absent) => Cell::Absent,
            Some(Tag::Null) => Cell::Null,
            Some(Tag::False) => Cell::Bool(false),
            Some(Tag::True) => Cell::Bool(true),
            Some(Tag::Number) => Cell::Num(num.unwrap_or(f64::NAN)),
            Some(Tag::Text) => {
                let id = int.unwrap_or(0);
                Cell::Text(self.records.text(id))
            }
            Some(Tag::Json) => {
                let found = self.doc().zip(rows.paths.get(slot as usize)).and_then(|(doc, path)| walk_json(doc, path));
                match found {
                    Some(Val::Json(value, _)) => Cell::Json(value),
                    _ => Cell::Absent,
                }
            }
            Some(Tag::List) => {
                let items = self.records.item_scope(self.scope, slot);
                let start = num.unwrap_or(0.0) as u32;
                Cell::List(RowsRef { records: self.records, scope: items, start, len: int.unwrap_or(0) })
            }
        }
    }

    /// The row's cells as `(tags, nums, ints)`, one entry per slot.
    pub(crate) fn cells(&self) -> (&'a [u8], &'a [f64], &'a [u32]) {
        let Some(rows) = self.records.rows(self.scope) else { return (&[], &[], &[]) };
        let (from, to) = (self.row as usize * rows.width, (self.row as usize + 1) * rows.width);
        (
            rows.tags.get(from..to).unwrap_or_default(),
            rows.nums.get(from..to).unwrap_or_default(),
            rows.ints.get(from..to).unwrap_or_default(),
        )
    }

    /// The value at `slot` as the reading contract sees it ([`crate::read`]).
    pub fn raw(&self, slot: SlotId) -> Raw<'a> {
        match self.cell(slot) {
            Cell::Absent => Raw::Absent,
            Cell::Null => Raw::Null,
            Cell::Bool(b) => Raw::Bool(b),
            Cell::Num(n) => Raw::Num(n),
            Cell::Text(s) => Raw::Text(s),
            Cell::Json(v) => Raw::from(v),
            Cell::List(_) => Raw::List,
        }
    }

    /// Whether `other` is this row.
    pub(crate) fn same_row(&self, other: &RowRef<'_>) -> bool {
        std::ptr::eq(self.records, other.records) && (self.scope, self.row) == (other.scope, other.row)
    }

    /// The items at `slot` when it holds a list of sub-records (`None` otherwise).
    pub fn list(&self, slot: SlotId) -> Option<RowsRef<'a>> {
        match self.cell(slot) {
            Cell::List(rows) => Some(rows),
            _ => None,
        }
    }
}

impl Records {
    /// The item scope of list path `slot` of `scope`.
    fn item_scope(&self, scope: ScopeId, slot: SlotId) -> ScopeId {
        self.rows(scope).and_then(|r| r.lists.get(slot as usize).copied().flatten()).unwrap_or(ScopeId::MAX)
    }
}

/// The items of a list of sub-records.
#[derive(Debug, Clone, Copy)]
pub struct RowsRef<'a> {
    pub(crate) records: &'a Records,
    pub(crate) scope: ScopeId,
    pub(crate) start: u32,
    pub(crate) len: u32,
}

impl<'a> RowsRef<'a> {
    /// How many items.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether `other` is this list.
    pub(crate) fn same_rows(&self, other: &RowsRef<'_>) -> bool {
        std::ptr::eq(self.records, other.records) && (self.scope, self.start, self.len) == (other.scope, other.start, other.len)
    }

    /// Item number `i`.
    pub fn get(&self, i: usize) -> Option<RowRef<'a>> {
        (i < self.len as usize).then(|| RowRef { records: self.records, scope: self.scope, row: self.start + i as u32 })
    }

    /// The items in order.
    pub fn iter(&self) -> impl Iterator<Item = RowRef<'a>> + 'a {
        let this = *self;
        (0..this.len as usize).filter_map(move |i| this.get(i))
    }
}
