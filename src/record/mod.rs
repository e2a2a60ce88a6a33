//! Records read once, by plan: what a compiled config reads, and the typed cells it reads
//! them into.
//!
//! A compiled config (a rule, a scoring model, a pipeline, a health config) knows exactly which
//! record fields it reads: its [`Plan`]. A plan has scopes: scope 0 is the record, and a field
//! that holds a list of sub-records (a lead's `events`, a deal's `stageHistory`) has a scope of
//! its own for the items. Each scope lists its paths (`amount`, `owner.email`); a scope that is
//! also read as a whole (`{"var": ""}`, a computed `var` path) keeps each record's JSON too.
//!
//! [`Records`] hold a batch of records read by one plan, as columns of cells: for each scope,
//! one row per record (or list item) and one cell per path. A cell is absent, `null`, a
//! boolean, a number, a text, a list of sub-record rows, or (for anything else, such as an
//! array of tags) a JSON value. The cells' numbering ([`Tag`]) is this module's: the package's
//! JavaScript reader receives it with the plan's description ([`Plan::describe`]) and writes
//! the same columns, so a record read in JS and the same record read from JSON here give the
//! same cells.
//!
//! What a cell holds is exactly what `{"var": path}` finds in the record as JSON (the rule
//! engine's own walk is used to read JSON here), so rules evaluated on cells give the results
//! they give on JSON.

mod from_columns;
mod from_json;
mod plan;
mod records;

pub use plan::{Plan, PlanBuilder, ScopeId, SlotId, ROOT};
pub use from_columns::ScopeColumns;
pub(crate) use records::Cell;
pub use records::{Records, RowRef, RowsRef, Shape, Tag};
