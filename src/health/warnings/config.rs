//! The `warnings` section of a health config: each named warning can be switched off,
//! re-thresholded and given a severity.

use serde_json::Value;

use super::{Rule, Severity, WarningRule};
use crate::config::{impl_from_json, members, DeError, FromJson};
use crate::error::{Error, ErrorCode, Result};
use crate::health::curve::{non_negative, positive, Threshold};
use crate::health::facts::normalize;
use crate::health::roles::RoleTable;
use crate::path::key;

/// `warnings: { no_activity: {...}, ghosted: {...}, ... }` after merging over the defaults.
#[derive(Debug)]
pub(crate) struct WarningsConfig {
    no_activity: WarningParams,
    ghosted: WarningParams,
    overdue: WarningParams,
    not_enough_contacts: WarningParams,
    no_decision_maker: WarningParams,
    stalled_in_stage: WarningParams,
    close_date_pushed: WarningParams,
}

/// One warning's settings, as one type for all warnings (each reads its own thresholds; the
/// merge over the default config rejects the ones it does not have):
/// `no_activity { days }`, `ghosted { days, attempts, responseTypes }`, `overdue { days }`,
/// `not_enough_contacts { min }`, `no_decision_maker { roles }`, `stalled_in_stage { ratio }`,
/// `close_date_pushed { times }`, each with `enabled` and `severity`.
#[derive(Debug)]
struct WarningParams {
    enabled: bool,
    severity: Severity,
    days: Option<f64>,
    attempts: Option<u32>,
    response_types: Option<Vec<String>>,
    min: Option<u32>,
    roles: Option<Vec<String>>,
    ratio: Option<f64>,
    times: Option<u32>,
}

impl FromJson for WarningsConfig {
    fn from_json(value: &Value) -> std::result::Result<WarningsConfig, DeError> {
        const NAMES: [&str; 7] =
            ["no_activity", "ghosted", "overdue", "not_enough_contacts", "no_decision_maker", "stalled_in_stage", "close_date_pushed"];
        let [no_activity, ghosted, overdue, not_enough_contacts, no_decision_maker, stalled_in_stage, close_date_pushed] =
            members(value, "struct WarningsConfig", &NAMES)?;
        Ok(WarningsConfig { no_activity, ghosted, overdue, not_enough_contacts, no_decision_maker, stalled_in_stage, close_date_pushed })
    }
}

impl_from_json!(struct WarningParams, deny {
    enabled: "enabled",
    severity: "severity",
    days: "days" = None,
    attempts: "attempts" = None,
    response_types: "responseTypes" = None,
    min: "min" = None,
    roles: "roles" = None,
    ratio: "ratio" = None,
    times: "times" = None,
});

impl WarningsConfig {
    /// Validates every warning (enabled or not) and returns the enabled ones in order.
    pub(crate) fn compile(&self, roles: &mut RoleTable) -> Result<Vec<WarningRule>> {
        let w = self;
        let path = |name: &str| key("$.warnings", name);
        let (p, at) = (&w.ghosted, path("ghosted"));
        let ghosted = Rule::Ghosted { days: days(&at, p.days)?, attempts: at_least_one(&at, "attempts", p.attempts)? };
        let at = path("no_decision_maker");
        let decision_roles = roles.add(w.no_decision_maker.roles.as_deref().unwrap_or_default(), &key(&at, "roles"))?;
        let at = path("stalled_in_stage");
        let ratio = w.stalled_in_stage.ratio.ok_or_else(|| missing(&at, "ratio"))?;
        let candidates = [
            (&w.no_activity, Rule::NoActivity { days: days(&path("no_activity"), w.no_activity.days)? }),
            (&w.ghosted, ghosted),
            (&w.overdue, Rule::Overdue { days: days(&path("overdue"), w.overdue.days)? }),
            (&w.not_enough_contacts, Rule::NotEnoughContacts {
                min: at_least_one(&path("not_enough_contacts"), "min", w.not_enough_contacts.min)?,
            }),
            (&w.no_decision_maker, Rule::no_decision_maker(decision_roles)),
            (&w.stalled_in_stage, Rule::StalledInStage { ratio: positive(&Threshold::at(&at, "ratio", ratio))? }),
            (&w.close_date_pushed, Rule::CloseDatePushed {
                times: at_least_one(&path("close_date_pushed"), "times", w.close_date_pushed.times)?,
            }),
        ];
        Ok(candidates.into_iter().filter(|(p, _)| p.enabled).map(|(p, rule)| WarningRule { severity: p.severity, rule }).collect())
    }

    /// The normalized activity types that count as a buyer response (`ghosted.responseTypes`).
    pub(crate) fn response_types(&self) -> Result<Vec<String>> {
        let path = key(&key("$.warnings", "ghosted"), "responseTypes");
        let listed = self.ghosted.response_types.as_deref().unwrap_or_default();
        let types: Vec<String> = listed.iter().map(|t| normalize(t)).filter(|t| !t.is_empty()).collect();
        if types.is_empty() {
            return Err(Error::config(
                ErrorCode::InvalidResponseTypes,
                path,
                "list the activity types that are a response from the buyer, e.g. [\"meeting\", \"reply\"]",
            ));
        }
        Ok(types)
    }
}

fn days(base: &str, value: Option<f64>) -> Result<f64> {
    non_negative(&Threshold::at(base, "days", value.ok_or_else(|| missing(base, "days"))?))
}

fn at_least_one(base: &str, name: &str, value: Option<u32>) -> Result<u32> {
    match value {
        None => Err(missing(base, name)),
        Some(0) => Err(Error::config(ErrorCode::InvalidThreshold, key(base, name), "must be 1 or more")),
        Some(n) => Ok(n),
    }
}

/// A threshold the warning needs is not set (only possible for one its default lacks).
fn missing(base: &str, name: &str) -> Error {
    Error::config(ErrorCode::InvalidShape, key(base, name), format!("missing parameter {name}"))
}
