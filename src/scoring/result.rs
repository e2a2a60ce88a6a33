//! What scoring a lead returns: the numbers, the grades, the lifecycle recommendation and the
//! contributions that explain them.

use serde::Serialize;

/// Whether a group scores who a lead is or what a lead did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum GroupKind {
    /// Attributes of the lead and their company (industry, size, title…).
    Fit,
    /// Events the lead took part in (page views, form submits, demo requests…).
    Engagement,
}

/// The score of one lead. Strings borrow from the [`LeadScorer`](super::LeadScorer).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LeadScore<'a> {
    /// The combined score: `fitWeight × fit + engagementWeight × engagement` (exact values),
    /// bounded by the model's cap and rounded half away from zero. Equals the sum of the
    /// contributions' `applied`.
    pub score: i64,
    /// The sum of the fit groups after their caps, rounded.
    pub fit: i64,
    /// The sum of the engagement groups after their caps, rounded.
    pub engagement: i64,
    /// Fit letter and engagement number together, e.g. `"A1"`.
    pub grade: &'static str,
    /// `"A"` (best fit) to `"D"`.
    pub fit_grade: &'static str,
    /// 1 (most engaged) to 4.
    pub engagement_grade: u8,
    /// The highest lifecycle stage whose conditions hold, else the model's default stage.
    pub lifecycle: &'a str,
    /// Each group's points before and after its cap, in model order.
    pub groups: Vec<GroupScore<'a>>,
    /// Each rule that fired, largest impact first (by `|applied|`, then `|decayed|`, then
    /// model order).
    pub contributions: Vec<Contribution<'a>>,
}

/// One group's total.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct GroupScore<'a> {
    /// The group's id.
    pub id: &'a str,
    /// `fit` or `engagement`.
    #[serde(rename = "type")]
    pub kind: GroupKind,
    /// The group's label.
    pub label: &'a str,
    /// The sum of its contributions after decay, before its cap.
    pub decayed: f64,
    /// The sum after its cap (before weights).
    pub score: f64,
}

/// One rule that fired.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Contribution<'a> {
    /// The rule's id.
    pub rule: &'a str,
    /// Its group's id.
    pub group: &'a str,
    /// The rule's label.
    pub label: &'a str,
    /// Points before decay: the rule's points, times the occurrences counted for a
    /// per-occurrence rule.
    pub points: f64,
    /// Points after decay (each occurrence decayed from its own timestamp); equals `points`
    /// for fit rules and lead rules.
    pub decayed: f64,
    /// Whole points this rule adds to `score`: `decayed` after the group cap, the weight and
    /// the total cap, split by largest remainder so the contributions sum exactly to `score`.
    pub applied: i64,
    /// Event rules: how many events were counted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occurrences: Option<u32>,
}
