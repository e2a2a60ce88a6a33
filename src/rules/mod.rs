//! The rule language: JsonLogic, compiled once and evaluated many times, plus CRM operators
//! and plain-language explanations.
//!
//! ```
//! use pipescore::rules::{EvalContext, Rule};
//! use serde_json::json;
//!
//! let rule = Rule::compile(&json!({"and": [
//!     {">=": [{"var": "amount"}, 10000]},
//!     {"within_last_days": [{"var": "last_activity_at"}, 14]}
//! ]})).unwrap();
//! let ctx = EvalContext::new(1_718_000_000_000); // 2024-06-10T06:13:20Z
//! let deal = json!({"amount": "5000", "last_activity_at": "2024-06-01"});
//! assert_eq!(rule.evaluate(&deal, &ctx), json!(false));
//! let why = rule.explain(&deal, &ctx);
//! assert_eq!(why.failures[0].description, "amount must be >= 10000 (is \"5000\")");
//! assert_eq!(rule.fields(), ["amount", "last_activity_at"]);
//! ```
//!
//! # Standard operators: json-logic-js 2.0.5, exactly
//!
//! `var missing missing_some if ?: and or ! !! == != === !== < <= > >= + - * / % min max map
//! filter reduce all some none merge in cat substr log` give the same results as
//! json-logic-js 2.0.5 for any rule and data, including JS coercions (`"3" == 3`,
//! `[1,2] == "1,2"`, `+` through `parseFloat`, `-` through `Number()`, string `<` by UTF-16
//! code units), `[]` being falsy and `"0"` truthy, `and`/`or` returning operand values,
//! `all` of an empty array being false, `*` with one argument returning it unconverted, and
//! array/object identity for `===` and `in`. The whole official suite passes
//! (`tests/jsonlogic_conformance.rs`), as do differential cases generated with json-logic-js
//! (`tests/fixtures/README.md`).
//!
//! JSON has no `undefined`, NaN or ±Infinity. They exist during evaluation (an absent argument
//! is `undefined`, `{"/": [1, 0]}` is Infinity, `{"max": []}` is -Infinity) and become `null`
//! in results, as `JSON.stringify` writes them; `-0` becomes `0` and whole numbers are written
//! as integers.
//!
//! Where json-logic-js cannot be followed, or should not be:
//! - **Unknown operators and impossible arities are compile errors**, even in a branch that is
//!   never taken (json-logic-js throws only when it gets there). Arity errors are the ones
//!   json-logic-js throws on: `*` with no arguments, `missing_some` with fewer than two.
//! - **Record data is never run as logic.** json-logic-js re-applies the keys given to
//!   `missing`/`missing_some`, so a one-key object from the record would run as an operator;
//!   here it is a plain value.
//! - **Only own data is data.** `var` reads object members, array items and `length`, string
//!   characters and `length`; inherited JS members (`toString`, `constructor`, `__proto__`…)
//!   are functions, which JSON can't hold, so they count as absent.
//! - **No run-time throws.** `in` on an object (json-logic-js throws if it has an `indexOf`
//!   member) is false; `missing_some` whose options evaluate to `null` returns the missing keys.
//! - `log` returns its argument without printing.
//! - A string cut inside a surrogate pair (by `substr` or a `var` character index) gets U+FFFD
//!   for the broken half: Rust strings can't hold lone surrogates.
//!
//! # CRM operators
//!
//! Dates are ISO-8601 dates or date-times (a date-time without offset is UTC) or epoch
//! milliseconds, read by [`crate::time::timestamp_from_json`]'s rules. `now` is always the
//! [`EvalContext`]'s, so results are deterministic. Anything that is not a date makes date
//! tests false and `days_since`/`days_until` `null`.
//!
//! | operator | meaning | example (now = 2024-06-10T00:00Z) |
//! |---|---|---|
//! | `now` | the evaluation's now, epoch ms | `{"now": []}` → `1717977600000` |
//! | `days_since` | fractional days from a date to now; `null` without a date | `{"days_since": "2024-06-08T12:00Z"}` → `1.5` |
//! | `days_until` | fractional days from now to a date; `null` without a date | `{"days_until": "2024-06-17"}` → `7` |
//! | `within_last_days` | the date is in `[now − n days, now]` | `{"within_last_days": ["2024-06-01", 14]}` → `true` |
//! | `within_next_days` | the date is in `[now, now + n days]` | `{"within_next_days": ["2024-07-01", 14]}` → `false` |
//! | `date_before` | first date strictly before the second | `{"date_before": ["2024-06-01", {"now": []}]}` → `true` |
//! | `date_after` | first date strictly after the second | `{"date_after": ["2024-06-01", "2024-05-31"]}` → `true` |
//! | `date_between` | first date in `[second, third]`, inclusive | `{"date_between": ["2024-06-30", "2024-04-01", "2024-06-30"]}` → `true` |
//! | `contains` | case-insensitive substring of a text, or case-insensitive item of an array | `{"contains": ["Senior VP Sales", "vp"]}` → `true`, `{"contains": [["SaaS", "Fintech"], "saas"]}` → `true` |
//! | `starts_with` | case-insensitive prefix (numbers and booleans as their text) | `{"starts_with": [94107, "94"]}` → `true` |
//! | `ends_with` | case-insensitive suffix | `{"ends_with": ["ops@ACME.com", "@acme.com"]}` → `true` |
//! | `is_empty` | null, missing, blank text, `[]` or `{}` | `{"is_empty": "  "}` → `true` |
//! | `filled` | not `is_empty` (`0` and `false` are filled) | `{"filled": 0}` → `true` |
//! | `count` | items of an array passing a sub-rule (item as data, like `filter`); all items without one; 0 for a non-array | `{"count": [[{"t": "call", "n": 1}, {"t": "meeting", "n": 2}], {"==": [{"var": "t"}, "meeting"]}]}` → `1` |
//!
//! Prefer `within_last_days` to `{"<=": [{"days_since": …}, 14]}`: without a date
//! `days_since` is `null`, and JsonLogic reads `null <= 14` as `0 <= 14`, which is true.
//!
//! ```
//! use pipescore::rules::{EvalContext, Rule};
//! use serde_json::{json, Value};
//!
//! let ctx = EvalContext::new(1_717_977_600_000); // 2024-06-10T00:00:00Z
//! let examples: [(Value, Value); 16] = [
//!     (json!({"now": []}), json!(1_717_977_600_000_i64)),
//!     (json!({"days_since": "2024-06-08T12:00Z"}), json!(1.5)),
//!     (json!({"days_until": "2024-06-17"}), json!(7)),
//!     (json!({"days_since": "someday"}), json!(null)),
//!     (json!({"within_last_days": ["2024-06-01", 14]}), json!(true)),
//!     (json!({"within_next_days": ["2024-07-01", 14]}), json!(false)),
//!     (json!({"date_before": ["2024-06-01", {"now": []}]}), json!(true)),
//!     (json!({"date_after": ["2024-06-01", "2024-05-31"]}), json!(true)),
//!     (json!({"date_between": ["2024-06-30", "2024-04-01", "2024-06-30"]}), json!(true)),
//!     (json!({"contains": ["Senior VP Sales", "vp"]}), json!(true)),
//!     (json!({"contains": [["SaaS", "Fintech"], "saas"]}), json!(true)),
//!     (json!({"starts_with": [94107, "94"]}), json!(true)),
//!     (json!({"ends_with": ["ops@ACME.com", "@acme.com"]}), json!(true)),
//!     (json!({"is_empty": "  "}), json!(true)),
//!     (json!({"filled": 0}), json!(true)),
//!     (json!({"count": [[{"t": "call", "n": 1}, {"t": "meeting", "n": 2}], {"==": [{"var": "t"}, "meeting"]}]}), json!(1)),
//! ];
//! for (rule, expected) in examples {
//!     assert_eq!(Rule::compile(&rule).unwrap().evaluate(&Value::Null, &ctx), expected, "{rule}");
//! }
//! ```
//!
//! # Limits
//!
//! A rule may nest at most [`MAX_DEPTH`] levels (each operator, array and object is a level)
//! and hold at most [`MAX_NODES`] values in all (operators, arguments, literals and their
//! contents): `TOO_DEEP` / `TOO_LARGE`. Both are checked before descending, so
//! compiling and evaluating never recurse deeper than that — no stack overflow in wasm.
//! Evaluation never fails and never panics, whatever the record holds; deeply nested records,
//! and `reduce` results nested as deep as a record's array is long, are joined, written and
//! dropped with work lists, not recursion. (A result that *is* a deeply nested part of the
//! record is copied with serde_json's own, recursive, `Clone`.)
//!
//! # Explanations
//!
//! [`Rule::explain`] gives the value, whether it passed, and the leaf conditions that made it
//! fail, found by descending through `and`, `or`, `!`, `!!` and the branch an `if` took
//! (every failing child of an `and` is listed, not only the first). Each names its operator,
//! the fields it reads and a sentence: `budget_range is empty`,
//! `amount must be >= 10000 (is 5000)`, `days since last_activity_at must be <= 14 (is 21.5)`.
//! [`Criterion`] adds an id, label, message and fields around a rule.
//!
//! # Design: an own evaluator, built for speed
//!
//! A rule compiles to a tree of enum nodes: constants pre-built (a literal array of constants
//! is one node), `var` paths split once with array indices pre-parsed, operators resolved to
//! an enum. Evaluation borrows from the record (values are `Cow`-like: a JSON array or object
//! in the record is a reference, never copied), allocates only when an operator builds a new
//! value (`map`, `cat`…), and [`Rule::is_truthy`] skips building the values `and`/`or`/`!`
//! only test. Nothing is looked up by operator name after compiling.
//!
//! The evaluator is the crate's own rather than a JsonLogic crate: a general-purpose crate
//! costs far more `.wasm` than this module; the promise is json-logic-js 2.0.5's exact
//! results, which another engine would have to be checked and patched against operator by
//! operator; it keeps the crate's `rust-version`; and the CRM operators, explanations, read
//! plans and atoms need the compiled tree (docs/architecture.md).
mod arith;
pub mod atoms;
mod bind;
mod coerce;
mod compile;
mod criterion;
mod crm;
mod describe;
mod eval;
mod explain;
mod lists;
mod node;
pub(crate) mod number;
mod ops;
mod text;
mod value;
mod var;

use serde_json::Value;

pub use compile::{MAX_DEPTH, MAX_NODES};
pub use criterion::{Criterion, CriterionOutcome};
pub use explain::{Explanation, FailedCondition};

use crate::error::Result;
use crate::record::{PlanBuilder, RowRef, ScopeId};
use eval::Env;
use node::Node;
pub(crate) use node::Segment;
pub(crate) use value::Val;
pub(crate) use var::walk_json;

/// What an evaluation depends on besides the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvalContext {
    /// The evaluation's "now", epoch milliseconds (UTC). Date operators measure from it.
    pub now: i64,
}

impl EvalContext {
    /// A context whose now is `now` (epoch milliseconds).
    pub fn new(now: i64) -> Self {
        EvalContext { now }
    }
}

/// A compiled rule: parse once with [`Rule::compile`], evaluate against many records.
#[derive(Debug, Clone)]
pub struct Rule {
    root: Node,
    fields: Vec<String>,
}

impl Rule {
    /// Compiles a JsonLogic rule. Fails with a config error (`UNKNOWN_OPERATOR`,
    /// `WRONG_ARITY`, `TOO_DEEP`, `TOO_LARGE`) whose path points into the rule,
    /// e.g. `$.and[1]`.
    pub fn compile(rule: &Value) -> Result<Rule> {
        let root = compile::compile(rule)?;
        let mut fields = Vec::new();
        root.collect_fields(&mut fields);
        Ok(Rule { root, fields })
    }

    /// The rule's value for `data` (never fails; see the module docs for how JS values that
    /// JSON lacks are written).
    pub fn evaluate(&self, data: &Value, ctx: &EvalContext) -> Value {
        self.root.eval(&Val::from_json(data, 0), &Env::new(ctx)).to_json()
    }

    /// Whether the rule's value for `data` is truthy (JsonLogic truthiness: `[]` is falsy).
    /// Faster than [`Rule::evaluate`]: values only tested are not built.
    pub fn is_truthy(&self, data: &Value, ctx: &EvalContext) -> bool {
        self.root.test(&Val::from_json(data, 0), &Env::new(ctx))
    }

    /// The value, whether it passed, and the conditions that made it fail.
    pub fn explain(&self, data: &Value, ctx: &EvalContext) -> Explanation {
        let (data, env) = (Val::from_json(data, 0), Env::new(ctx));
        let value = self.root.eval(&data, &env);
        let passed = value.truthy();
        let failures = if passed { Vec::new() } else { explain::failures(&self.root, &data, &env) };
        Explanation { value: value.to_json(), passed, failures }
    }

    /// This rule with the paths it reads added to `plan` (read in `scope`: [`crate::record::ROOT`]
    /// for a record's own rules) and bound to their cells, so that it evaluates rows of that
    /// scope: [`Rule::evaluate_row`], [`Rule::is_truthy_row`], [`Rule::explain_row`]. The bound
    /// rule gives the same values on a row as the rule on the record's JSON.
    pub fn bind(&self, plan: &mut PlanBuilder, scope: ScopeId) -> Rule {
        let mut root = self.root.clone();
        bind::bind(&mut root, plan, Some(scope));
        Rule { root, fields: self.fields.clone() }
    }

    /// [`Rule::evaluate`] on a row read with the plan the rule was bound to.
    pub fn evaluate_row(&self, row: RowRef<'_>, ctx: &EvalContext) -> Value {
        self.root.eval(&Val::Row(row), &Env::new(ctx)).to_json()
    }

    /// [`Rule::is_truthy`] on a row read with the plan the rule was bound to.
    pub fn is_truthy_row(&self, row: RowRef<'_>, ctx: &EvalContext) -> bool {
        self.root.test(&Val::Row(row), &Env::new(ctx))
    }

    /// [`Rule::explain`] on a row read with the plan the rule was bound to.
    pub fn explain_row(&self, row: RowRef<'_>, ctx: &EvalContext) -> Explanation {
        let (data, env) = (Val::Row(row), Env::new(ctx));
        let value = self.root.eval(&data, &env);
        let passed = value.truthy();
        let failures = if passed { Vec::new() } else { explain::failures(&self.root, &data, &env) };
        Explanation { value: value.to_json(), passed, failures }
    }

    /// Whether the rule's value may depend on the evaluation's now: it uses `now`,
    /// `days_since`, `days_until`, `within_last_days` or `within_next_days`. When it does not,
    /// the same record always gets the same value.
    pub fn reads_now(&self) -> bool {
        self.root.reads_now()
    }

    /// The record fields the rule reads, in order of appearance, without duplicates: constant
    /// `var` paths (`"amount"`, `"owner.email"`) and `missing`/`missing_some` keys. Paths
    /// inside per-item sub-rules (`filter`, `count`…) read items, not the record, and are left
    /// out.
    pub fn fields(&self) -> &[String] {
        &self.fields
    }
}
