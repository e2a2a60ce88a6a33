//! The CRMs' words for buyer roles and activities, in pipescore's: the role names the health
//! signals and stage criteria ask about (`decision_maker`, `economic_buyer`, `champion`…) and
//! the activity types the health engine tells apart (`meeting`, `inbound_call`,
//! `email_received`…).

use crate::read::stage_key;

/// A contact's buying role in pipescore's words.
///
/// HubSpot's `hs_buying_role` values and Salesforce's `OpportunityContactRole.Role` labels map
/// as the table says; any other role (a custom picklist value) is kept in pipescore's form of
/// it: lower case, with spaces and hyphens as `_` (`"Procurement Lead"` → `procurement_lead`).
///
/// | pipescore | HubSpot | Salesforce |
/// |---|---|---|
/// | `decision_maker` | `DECISION_MAKER` | Decision Maker |
/// | `economic_buyer` | `BUDGET_HOLDER` | Economic Buyer, Economic Decision Maker |
/// | `executive_sponsor` | `EXECUTIVE_SPONSOR` | Executive Sponsor |
/// | `champion` | `CHAMPION` | Champion |
/// | `influencer` | `INFLUENCER` | Influencer |
/// | `technical_buyer` | | Technical Buyer |
/// | `evaluator` | | Evaluator |
/// | `end_user` | `END_USER` | Business User |
/// | `blocker` | `BLOCKER` | |
/// | `legal` | `LEGAL_AND_COMPLIANCE` | |
/// | `other` | `OTHER` | Other |
pub(crate) fn role(name: &str) -> String {
    let mapped = match stage_key(name).as_str() {
        "decisionmaker" => "decision_maker",
        "budgetholder" | "economicbuyer" | "economicdecisionmaker" => "economic_buyer",
        "executivesponsor" => "executive_sponsor",
        "champion" => "champion",
        "influencer" => "influencer",
        "technicalbuyer" => "technical_buyer",
        "evaluator" => "evaluator",
        "enduser" | "businessuser" => "end_user",
        "blocker" => "blocker",
        "legalandcompliance" => "legal",
        "other" => "other",
        _ => return own_form(name),
    };
    mapped.to_owned()
}

/// The roles of a HubSpot multiple-checkbox value (`"DECISION_MAKER;CHAMPION"`), in order,
/// each once.
pub(crate) fn roles(value: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for name in value.split(';').map(str::trim).filter(|n| !n.is_empty()) {
        let role = role(name);
        if !out.contains(&role) {
            out.push(role);
        }
    }
    out
}

/// `text` trimmed, in lower case, with spaces and hyphens as `_`.
fn own_form(text: &str) -> String {
    crate::case::lowercase(text.trim()).chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect()
}

/// How a logged activity went, as far as the health engine tells apart: pipescore's activity
/// type for a CRM's kind of activity and the details that matter (the call's or email's
/// direction, a meeting's outcome).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Activity {
    /// A call; `inbound` when the buyer called (a response).
    Call { inbound: bool },
    /// An email; `received` when the buyer wrote (a response).
    Email { received: bool },
    /// A meeting that took place (or is planned).
    Meeting,
    /// A meeting the buyer did not attend.
    NoShow,
    /// A meeting that was called off.
    Canceled,
    /// A note.
    Note,
    /// A task.
    Task,
}

impl Activity {
    /// The activity type pipescore records: `call`, `inbound_call`, `email`,
    /// `email_received`, `meeting`, `no_show`, `meeting_canceled`, `note` or `task`. The health
    /// engine counts `meeting`, `inbound_call` and `email_received` as the buyer's responses.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Activity::Call { inbound: false } => "call",
            Activity::Call { inbound: true } => "inbound_call",
            Activity::Email { received: false } => "email",
            Activity::Email { received: true } => "email_received",
            Activity::Meeting => "meeting",
            Activity::NoShow => "no_show",
            Activity::Canceled => "meeting_canceled",
            Activity::Note => "note",
            Activity::Task => "task",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn crm_roles_in_pipescore_words() {
        for (crm, ours) in [
            ("DECISION_MAKER", "decision_maker"),
            ("Decision Maker", "decision_maker"),
            ("BUDGET_HOLDER", "economic_buyer"),
            ("Economic Decision Maker", "economic_buyer"),
            ("Business User", "end_user"),
            ("LEGAL_AND_COMPLIANCE", "legal"),
            ("Technical Buyer", "technical_buyer"),
            (" Procurement Lead ", "procurement_lead"),
        ] {
            assert_eq!(role(crm), ours, "{crm}");
        }
        assert_eq!(roles("DECISION_MAKER;CHAMPION; ;decision_maker"), ["decision_maker", "champion"]);
    }
}
