//! What routing a lead returns: who gets it and every step of why.

use serde::Serialize;

use super::accounts::AccountMatch;
use super::rotation::Rotation;
use super::territory::TerritoryMatch;
use crate::rules::FailedCondition;

/// The routing decision for one lead.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// Who gets the lead.
    pub assignee: Assignee,
    /// No rule matched (or none could assign): the lead went to the default owner.
    pub by_default: bool,
    /// The rule that assigned the lead, and why it matched (`None` with `byDefault`).
    pub rule: Option<MatchedRule>,
    /// The whole decision in one sentence.
    pub reason: String,
    /// The rules tried before, in order, with why each did not assign.
    pub skipped: Vec<SkippedRule>,
    /// The territory the lead was routed by, when a rule routed by territory.
    pub territory: Option<TerritoryMatch>,
    /// The account the lead matched, if any (whether or not a rule used it).
    pub account: Option<AccountMatch>,
    /// The round robin, when a pool picked the assignee.
    pub rotation: Option<Rotation>,
    /// Whether the assignee (a rep) is available at `now`, and until or from when.
    pub availability: Option<AssigneeAvailability>,
    /// The response deadline, when an SLA of the config applies.
    pub sla: Option<SlaDeadline>,
}

/// Who gets a lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Assignee {
    /// `rep`, `queue`, or `owner` (an account owner the config does not list as a rep).
    pub kind: AssigneeKind,
    /// The rep's, queue's or owner's id.
    pub id: String,
    /// The rep's name or the queue's label.
    pub name: Option<String>,
    /// The rep's email.
    pub email: Option<String>,
}

/// The kind of an [`Assignee`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum AssigneeKind {
    /// A rep of the config.
    Rep,
    /// A queue of the config.
    Queue,
    /// An account's owner as the account list names them, not a rep of the config.
    Owner,
}

/// The rule that assigned a lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchedRule {
    /// The rule's id.
    pub id: String,
    /// Its label.
    pub label: Option<String>,
    /// Why it matched and whom it assigned.
    pub reason: String,
}

/// A rule that did not assign a lead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SkippedRule {
    /// The rule's id.
    pub id: String,
    /// Its label.
    pub label: Option<String>,
    /// Why, in words.
    pub reason: String,
    /// The number (from 1) of the first criterion that failed, when criteria failed.
    pub criterion: Option<u32>,
    /// The first condition that failed, when criteria failed.
    pub failed: Option<FailedCondition>,
}

/// A rep assignee's availability at `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AssigneeAvailability {
    /// Available now.
    pub available: bool,
    /// Available: until when (ISO-8601, UTC), if that is within the look-ahead.
    pub until: Option<String>,
    /// Not available: when next (ISO-8601, UTC), if within the look-ahead.
    pub next_available_at: Option<String>,
    /// Not available: why.
    pub reason: Option<String>,
    /// `now` in the rep's time zone: `2026-03-09 14:05 America/New_York`.
    pub local_time: String,
}

/// The response deadline of an SLA.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SlaDeadline {
    /// The SLA's id.
    pub id: String,
    /// Its label.
    pub label: Option<String>,
    /// Time allowed, in milliseconds.
    pub within_ms: i64,
    /// `now` plus the time allowed (ISO-8601, UTC).
    pub due_at: String,
    /// The same, in epoch milliseconds.
    pub due_at_ms: i64,
}
