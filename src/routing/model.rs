//! The compiled router: plain data that routing reads, with every reference resolved to a
//! position and every time zone to its rule. Nothing here is read from JSON at routing time.

use super::accounts::{AccountIndex, MatchOptions};
use super::config::FieldsConfig;
use super::filter::Filter;
use super::schedule::Schedule;
use super::territory::Territory;
use crate::rules::Criterion;

/// Who receives a lead in the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Target {
    /// The rep at this position.
    Rep(usize),
    /// The queue at this position.
    Queue(usize),
    /// A rep of the pool at this position, by round robin.
    Pool(usize),
}

/// What a rule assigns to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Assignment {
    /// A rep, queue or pool.
    Target(Target),
    /// The best-fitting of these territories (positions, in config order).
    Territories(Vec<usize>),
    /// The owner of the lead's matched account.
    AccountOwner,
}

/// A rep.
#[derive(Debug, Clone)]
pub(crate) struct Rep {
    pub id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub schedule: Schedule,
    pub cap_per_day: Option<u32>,
    pub cap_per_month: Option<u32>,
}

/// A queue.
#[derive(Debug, Clone)]
pub(crate) struct Queue {
    pub id: String,
    pub label: Option<String>,
}

/// A round-robin pool.
#[derive(Debug, Clone)]
pub(crate) struct Pool {
    pub id: String,
    pub label: Option<String>,
    /// `(rep position, weight in hundredths)`, in config order.
    pub members: Vec<(usize, i64)>,
    /// Who gets the lead when no member can: a rep or a queue.
    pub fallback: Option<Target>,
}

/// A routing rule.
#[derive(Debug, Clone)]
pub(crate) struct RoutingRule {
    pub id: String,
    pub label: Option<String>,
    pub criteria: Vec<Criterion>,
    /// The filter logic over `criteria`; `None`: all of them.
    pub filter: Option<Filter>,
    /// The filter as written, for explanations.
    pub filter_text: Option<String>,
    pub assign: Assignment,
}

/// A response-time SLA.
#[derive(Debug, Clone)]
pub(crate) struct SlaRule {
    pub id: String,
    pub label: Option<String>,
    pub when: Option<Criterion>,
    pub within_ms: i64,
}

/// Everything the router knows.
#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub fields: FieldsConfig,
    pub reps: Vec<Rep>,
    pub queues: Vec<Queue>,
    pub pools: Vec<Pool>,
    pub territories: Vec<Territory>,
    /// The config's named accounts, indexed; their owners are rep positions.
    pub named_accounts: AccountIndex,
    pub named_owners: Vec<usize>,
    pub matching: MatchOptions,
    pub rules: Vec<RoutingRule>,
    /// A rep or a queue.
    pub default_owner: Target,
    pub slas: Vec<SlaRule>,
    /// The concierge's hot-lead criterion.
    pub hot: Criterion,
    /// How lead places are resolved for territories.
    pub places: super::territory::PlaceIndex,
}
