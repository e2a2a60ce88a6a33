//! Named warnings: plain flags on top of the score (no activity, ghosted, overdue, not enough
//! contacts, no decision maker, stalled in stage, close date pushed), each switchable and
//! re-thresholdable in the config.

mod config;

use serde::Serialize;

pub(crate) use config::WarningsConfig;

use super::facts::{Facts, Since};
use super::roles::RoleSet;
use super::signals::{count, days, join_and, message, Part};
use crate::config::{deserialize_via_from_json, impl_from_json};

/// How serious a warning is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing.
    Info,
    /// Needs attention.
    Warning,
    /// Puts the deal at risk now.
    Critical,
}

impl Severity {
    /// The severity's name, as results and configs write it (`critical`).
    pub fn name(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Critical => "critical",
        }
    }
}

impl_from_json!(enum Severity { "info" => Severity::Info, "warning" => Severity::Warning, "critical" => Severity::Critical });

deserialize_via_from_json!(Severity);

/// A warning raised on a deal.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HealthWarning {
    /// `no_activity`, `ghosted`, `overdue`, `not_enough_contacts`, `no_decision_maker`,
    /// `stalled_in_stage` or `close_date_pushed`.
    pub id: &'static str,
    /// From the config.
    pub severity: Severity,
    /// Plain-language message, e.g. "No activity in 21 days".
    pub message: String,
}

/// An enabled warning with its severity.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct WarningRule {
    severity: Severity,
    rule: Rule,
}

/// When each warning fires.
#[derive(Debug, Clone, PartialEq)]
enum Rule {
    /// Idle for `days` or more (or no activity and no creation date).
    NoActivity { days: f64 },
    /// `attempts` or more activities since the last buyer response, which (or, without one,
    /// the first of those attempts) is `days` or more ago.
    Ghosted { days: f64, attempts: u32 },
    /// The close date passed more than `days` whole days ago.
    Overdue { days: f64 },
    /// Fewer than `min` engaged contacts.
    NotEnoughContacts { min: u32 },
    /// No contact holds any of `roles`; `message` names them (built once).
    NoDecisionMaker { roles: RoleSet, message: String },
    /// In the stage for `ratio` × its expected days or more.
    StalledInStage { ratio: f64 },
    /// Close date pushed `times` or more.
    CloseDatePushed { times: u32 },
}

impl Rule {
    /// `no_decision_maker` for `roles`.
    fn no_decision_maker(roles: RoleSet) -> Rule {
        let (_, missing) = roles.split(0);
        let words: Vec<String> = missing.iter().map(|r| r.replace('_', " ")).collect();
        let message = format!("No {} among the contacts", join_and(&words, " or "));
        Rule::NoDecisionMaker { roles, message }
    }

    fn id(&self) -> &'static str {
        match self {
            Rule::NoActivity { .. } => "no_activity",
            Rule::Ghosted { .. } => "ghosted",
            Rule::Overdue { .. } => "overdue",
            Rule::NotEnoughContacts { .. } => "not_enough_contacts",
            Rule::NoDecisionMaker { .. } => "no_decision_maker",
            Rule::StalledInStage { .. } => "stalled_in_stage",
            Rule::CloseDatePushed { .. } => "close_date_pushed",
        }
    }

    /// The message when the warning fires on `f`.
    fn check(&self, f: &Facts<'_>) -> Option<String> {
        use Part::{Count as C, Number, Text};
        match *self {
            Rule::NoActivity { days: limit } => match f.idle_days() {
                None => Some("No activity logged".to_owned()),
                Some((d, _)) if d < limit => None,
                Some((d, Since::Activity)) => Some(message(&[Text("No activity in "), C(days(d))])),
                Some((d, Since::Created)) => {
                    Some(message(&[Text("No activity since the deal was created "), C(days(d)), Text(" ago")]))
                }
            },
            Rule::Ghosted { days: limit, attempts } => {
                let a = &f.activity;
                let tries = C(count(a.attempts_since_response.into(), "attempt", "attempts"));
                match (a.days_since_response, a.days_since_first_attempt) {
                    _ if a.attempts_since_response < attempts => None,
                    (Some(r), _) if r >= limit => Some(message(&[
                        Text("Ghosted: "),
                        tries,
                        Text(" since the buyer last responded "),
                        C(days(r)),
                        Text(" ago"),
                    ])),
                    (None, Some(first)) if first >= limit => Some(message(&[
                        Text("Ghosted: "),
                        tries,
                        Text(" over "),
                        C(days(first)),
                        Text(" and no response from the buyer"),
                    ])),
                    _ => None,
                }
            }
            Rule::Overdue { days: grace } => match f.days_to_close {
                Some(d) if (-d) as f64 > grace => {
                    Some(message(&[Text("Close date passed "), C(days((-d) as f64)), Text(" ago")]))
                }
                _ => None,
            },
            Rule::NotEnoughContacts { min } => (f.contacts.engaged < min).then(|| {
                let (only, engaged) = match f.contacts.engaged {
                    0 => (Text(""), Text("No engaged contacts")),
                    n => (Text("Only "), C(count(n.into(), "engaged contact", "engaged contacts"))),
                };
                message(&[only, engaged, Text(" (at least "), Number(min.into()), Text(" recommended)")])
            }),
            Rule::NoDecisionMaker { ref roles, ref message } => (roles.present(f.contacts.roles) == 0).then(|| message.clone()),
            Rule::StalledInStage { ratio } => match (f.days_in_stage, f.stage.expected_days) {
                (Some(d), Some(expected)) if expected > 0.0 && d >= ratio * expected => Some(message(&[
                    Text("Stalled in "),
                    Text(&f.stage.label),
                    Text(": "),
                    C(days(d)),
                    Text(" there, expected "),
                    C(days(expected)),
                ])),
                _ => None,
            },
            Rule::CloseDatePushed { times } => (f.pushes >= times)
                .then(|| message(&[Text("Close date pushed "), C(count(f.pushes.into(), "time", "times"))])),
        }
    }
}

/// The warnings `rules` raise on `facts`, most severe first (config order within a severity).
pub(crate) fn evaluate(rules: &[WarningRule], facts: &Facts<'_>) -> Vec<HealthWarning> {
    let mut out = Vec::new();
    for severity in [Severity::Critical, Severity::Warning, Severity::Info] {
        for w in rules.iter().filter(|w| w.severity == severity) {
            if let Some(message) = w.rule.check(facts) {
                out.push(HealthWarning { id: w.rule.id(), severity, message });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_names_are_the_serialized_ones() {
        for severity in [Severity::Info, Severity::Warning, Severity::Critical] {
            assert_eq!(serde_json::to_value(severity).unwrap(), severity.name());
        }
    }
}
