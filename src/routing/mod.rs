//! Lead routing: who gets a lead, decided from a JSON config compiled once into a [`Router`].
//!
//! Ordered rules, Salesforce style: the first rule whose criteria hold and whose assignment
//! resolves assigns the lead; a lead no rule assigns goes to the default owner (that is not an
//! error). A rule assigns to a rep, a queue, a round-robin pool, the best-fitting territory or
//! the owner of the lead's matched account. The round robin is smooth weighted round robin
//! over the reps who are available now (working hours in their IANA time zone, out of office,
//! holidays) and under their daily and monthly caps; its state is data the caller passes in
//! and gets back ([`RoutingState`]), so every caller picks the same next rep.
//!
//! Rules read `{ lead, score, account, accountMatch, context }`: the lead's fields under
//! `lead.` (`{"var": "lead.country"}`), its score under `score.` (`score.total`,
//! `score.grade`, `score.fitGrade`, `score.engagementGrade`, `score.lifecycle`…), the matched
//! account's record under `account.` and how it matched under `accountMatch.` (`method`,
//! `score`, `source`), and the caller's `context`. Each is `null` when unknown.
//!
//! ```
//! use pipescore::routing::{RouteInput, Router, RoutingState};
//! use serde_json::json;
//!
//! let router = Router::with_default().unwrap();
//! let mut state = RoutingState::new();
//! let now = 1_773_064_800_000; // Monday 2026-03-09T14:00:00Z, 10:00 in New York
//! let lead = json!({"email": "kim@example.org", "company": "Example Org", "country": "US", "employees": 40});
//! let decision = router.route(&RouteInput::new(&lead), None, &mut state, now).unwrap();
//! assert_eq!(decision.assignee.id, "sdr-1");
//! assert_eq!(decision.rule.as_ref().unwrap().id, "inbound-round-robin");
//! assert_eq!(decision.skipped[1].reason.contains("employees 40 is not at least 200"), true);
//! let next = router.route(&RouteInput::new(&lead), None, &mut state, now).unwrap();
//! assert_eq!(next.assignee.id, "sdr-2");
//! assert_eq!(state.pools["sdr"].last.as_deref(), Some("sdr-2"));
//! ```
//!
//! The user reference, with every config key, is `docs/routing.md`.

mod accounts;
mod compile;
mod concierge;
mod config;
mod decision;
mod filter;
pub mod geo;
mod lead;
mod model;
mod rotation;
mod route;
mod schedule;
mod state;
mod territory;
pub mod tz;

use serde_json::Value;

pub use accounts::{Account, AccountIndex, AccountMatch, LeadKeys, MatchMethod, MatchOptions, CANDIDATE_DICE, DEFAULT_FUZZY_THRESHOLD, MAX_CANDIDATES};
pub use concierge::{Concierge, ConciergeResult};
pub use decision::{Assignee, AssigneeAvailability, AssigneeKind, Decision, MatchedRule, SkippedRule, SlaDeadline};
pub use filter::Filter;
pub use lead::{RouteInput, ScoreFacts};
pub use rotation::{Rotation, SkippedRep};
pub use schedule::Availability;
pub use state::{PoolState, RepCounts, RoutingState};
pub use territory::TerritoryMatch;

use crate::error::Result;
use crate::path;

/// The embedded default config (see `default_config.json`).
const DEFAULT_CONFIG: &str = crate::config::minified_json!(include_str!("default_config.json"));

/// The embedded default routing config, as JSON: named accounts to their owner, then four
/// territories for companies of 200+ employees, then a round robin of three SDRs, then an
/// inbound queue.
pub fn default_config() -> Value {
    serde_json::from_str(DEFAULT_CONFIG).unwrap_or(Value::Null)
}

/// A compiled routing config: compile once, route many leads.
#[derive(Debug, Clone)]
pub struct Router {
    model: model::Model,
}

impl Router {
    /// Compiles a routing config. Errors are config errors whose path points at the offending
    /// value, e.g. `$.pools[0].members[2]` (`UNKNOWN_REFERENCE`), `$.reps[1].timeZone`
    /// (`UNKNOWN_TIME_ZONE`), `$.rules[3].filter` (`INVALID_FILTER`).
    pub fn compile(config: &Value) -> Result<Router> {
        compile::compile(config).map(|model| Router { model })
    }

    /// The router of the embedded default config ([`default_config`]).
    pub fn with_default() -> Result<Router> {
        Router::compile(&default_config())
    }

    /// Routes one lead at `now` (epoch milliseconds), matching it against the config's named
    /// accounts and `accounts`, and advancing `state`. Input errors (a field that can't be
    /// read, at `$.lead.employees`…) leave `state` as it was.
    pub fn route(&self, input: &RouteInput<'_>, accounts: Option<&AccountIndex>, state: &mut RoutingState, now: i64) -> Result<Decision> {
        self.decide(input, accounts, state, now).map(|(decision, _)| decision)
    }

    /// [`Router::route`] of an input written as JSON: `{ lead, score?, context? }`.
    pub fn route_json(&self, input: &Value, accounts: Option<&AccountIndex>, state: &mut RoutingState, now: i64) -> Result<Decision> {
        self.route(&RouteInput::from_json(input)?, accounts, state, now)
    }

    /// Routes `inputs` (each `{ lead, score?, context? }`) in order at `now`, threading
    /// `state` through them: the same decisions as one [`Router::route_json`] after another.
    /// A bad input's error path starts with its index (`$[3].lead.employees`); it does not
    /// stop the others and does not advance the state.
    pub fn route_many(&self, inputs: &[Value], accounts: Option<&AccountIndex>, state: &mut RoutingState, now: i64) -> Vec<Result<Decision>> {
        let mut scratch = route::Scratch::default();
        inputs
            .iter()
            .enumerate()
            .map(|(i, input)| {
                RouteInput::from_json(input)
                    .and_then(|input| route::route(&self.model, &input, accounts, state, now, &mut scratch))
                    .map(|(decision, _)| decision)
                    .map_err(|e| e.within(&path::index("$", i)))
            })
            .collect()
    }

    /// The decision and the data the rules read.
    pub(crate) fn decide(
        &self,
        input: &RouteInput<'_>,
        accounts: Option<&AccountIndex>,
        state: &mut RoutingState,
        now: i64,
    ) -> Result<(Decision, Value)> {
        route::route(&self.model, input, accounts, state, now, &mut route::Scratch::default())
    }

    /// The ids of the reps, in config order.
    pub fn reps(&self) -> Vec<&str> {
        self.model.reps.iter().map(|r| r.id.as_str()).collect()
    }

    /// Whether rep `id` is available at `now`, and until or from when; `None` for an
    /// unknown rep.
    pub fn availability(&self, id: &str, now: i64) -> Option<Availability> {
        self.model.reps.iter().find(|r| r.id == id).map(|r| r.schedule.availability(now))
    }
}

/// Text as a message quotes it: `"Acme"`, with JSON escapes.
fn quoted(text: &str) -> String {
    if text.chars().any(|c| c == '"' || c == '\\' || c.is_control()) {
        return Value::String(text.to_owned()).to_string();
    }
    format!("\"{text}\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_config_compiles_and_is_the_file() {
        let file: Value = serde_json::from_str(include_str!("default_config.json")).unwrap();
        assert_eq!(default_config(), file);
        let router = Router::with_default().unwrap();
        assert_eq!(router.reps().len(), 7);
    }
}
