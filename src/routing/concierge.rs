//! The form concierge: on form submit, score the lead (or take its score), route it, and say
//! whether to offer a meeting with the owner now, with the response deadline.
//!
//! A meeting is offered when the lead is hot (the config's `concierge.hot` criterion over the
//! same data as the rules; by default fit grade A or a score of 60 or more) and it was routed
//! to a rep who is available at `now`.

use serde::Serialize;

use super::accounts::AccountIndex;
use super::decision::{Assignee, AssigneeKind, Decision, SlaDeadline};
use super::lead::{RouteInput, ScoreFacts};
use super::state::RoutingState;
use super::Router;
use crate::error::Result;
use crate::rules::EvalContext;
use crate::scoring::{LeadScorer, Mode, ScoreOptions};

/// The router, and optionally a scorer and the accounts, for form submissions.
#[derive(Debug, Clone, Copy)]
pub struct Concierge<'a> {
    router: &'a Router,
    scorer: Option<&'a LeadScorer>,
    accounts: Option<&'a AccountIndex>,
}

/// What to do with a submitted lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConciergeResult {
    /// The score the hot-lead criterion saw: the input's, else the scorer's, else none.
    pub score: Option<ScoreFacts>,
    /// Whether the lead is hot.
    pub hot: bool,
    /// Why it is or is not.
    pub hot_reason: String,
    /// Offer a meeting with `meetingWith` now.
    pub offer_meeting: bool,
    /// Why a meeting is or is not offered.
    pub meeting_reason: String,
    /// The rep to book, when a meeting is offered.
    pub meeting_with: Option<Assignee>,
    /// The response deadline (the decision's).
    pub sla: Option<SlaDeadline>,
    /// The routing decision.
    pub decision: Decision,
}

impl<'a> Concierge<'a> {
    /// A concierge routing with `router`, without a scorer or accounts.
    pub fn new(router: &'a Router) -> Concierge<'a> {
        Concierge { router, scorer: None, accounts: None }
    }

    /// Scores leads that come without a score with `scorer` (in partial mode, as a form
    /// may leave fields out).
    pub fn with_scorer(mut self, scorer: &'a LeadScorer) -> Concierge<'a> {
        self.scorer = Some(scorer);
        self
    }

    /// Matches leads against `accounts` too.
    pub fn with_accounts(mut self, accounts: &'a AccountIndex) -> Concierge<'a> {
        self.accounts = Some(accounts);
        self
    }

    /// Handles one submitted lead at `now`: scores it when it has no score and a scorer is
    /// set, routes it (advancing `state`), and decides on the meeting.
    pub fn submit(&self, input: &RouteInput<'_>, state: &mut RoutingState, now: i64) -> Result<ConciergeResult> {
        let mut input = input.clone();
        if let (None, Some(scorer)) = (&input.score, self.scorer) {
            let score = scorer.score_with(input.lead, now, ScoreOptions { mode: Mode::Partial, explain: false }).map_err(|e| e.within("$.lead"))?;
            input.score = Some(ScoreFacts::from(&score));
        }
        let (decision, data) = self.router.decide(&input, self.accounts, state, now)?;
        let outcome = self.router.model.hot.check(&data, &EvalContext::new(now));
        let hot = outcome.passed;
        let hot_reason = match (hot, &input.score) {
            (true, _) => format!("a hot lead: {}", self.router.model.hot.label.as_deref().unwrap_or("the hot-lead criterion holds")),
            (false, None) => format!("not a hot lead: no score is known ({})", outcome.message.unwrap_or_default()),
            (false, Some(_)) => format!("not a hot lead: {}", outcome.message.unwrap_or_default()),
        };
        let (offer_meeting, meeting_reason) = meeting(hot, &hot_reason, &decision);
        Ok(ConciergeResult {
            score: input.score,
            hot,
            hot_reason,
            offer_meeting,
            meeting_reason,
            meeting_with: offer_meeting.then(|| decision.assignee.clone()),
            sla: decision.sla.clone(),
            decision,
        })
    }
}

/// Whether to offer a meeting, and why.
fn meeting(hot: bool, hot_reason: &str, decision: &Decision) -> (bool, String) {
    let who = decision.assignee.name.clone().unwrap_or_else(|| decision.assignee.id.clone());
    if !hot {
        return (false, hot_reason.to_owned());
    }
    match (decision.assignee.kind, &decision.availability) {
        (AssigneeKind::Queue, _) => (false, format!("a hot lead, but it goes to the queue {who}, not to a rep")),
        (AssigneeKind::Owner, _) | (_, None) => {
            (false, format!("a hot lead, but its owner {who} is not a rep of the config, so their availability is not known"))
        }
        (AssigneeKind::Rep, Some(a)) if a.available => {
            let until = a.until.as_ref().map_or(String::new(), |u| format!(" until {u}"));
            (true, format!("a hot lead, and {who} is available now{until}"))
        }
        (AssigneeKind::Rep, Some(a)) => {
            let why = a.reason.clone().unwrap_or_else(|| "not available".to_owned());
            let next = a.next_available_at.as_ref().map_or(String::new(), |n| format!(" (next available at {n})"));
            (false, format!("a hot lead, but {who} is {why}{next}"))
        }
    }
}
