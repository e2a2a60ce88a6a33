//! Multi-threading signals: how many contacts are engaged, and whether the buying roles are
//! covered.

use serde::Serialize;

use super::{count, join_and, Explanation, FactorDetail, Params, Signal, Skip};
use crate::case::capitalize;
use crate::error::Result;
use crate::health::curve::{positive, Direction, Ramp};
use crate::health::facts::Facts;
use crate::health::roles::RoleSet;

/// `engaged_contacts`: `{ weight, zeroCount, fullCount, engagedWithinDays }`. A contact is
/// engaged when its `engaged` flag says so or, without one, when it had activity within
/// `engagedWithinDays` (`> 0`; `zeroCount < fullCount`).
pub(crate) fn engaged_contacts(at: Params<'_>) -> Result<Box<dyn Signal>> {
    positive(&at.get("engagedWithinDays", at.p.engaged_within_days)?)?;
    let engaged = Ramp::new(at.get("fullCount", at.p.full_count)?, at.get("zeroCount", at.p.zero_count)?, Direction::Rising)?;
    Ok(Box::new(EngagedContacts { engaged }))
}

/// Engaged contacts: zero at `zeroCount`, full from `fullCount`.
#[derive(Debug)]
struct EngagedContacts {
    engaged: Ramp,
}

/// Numbers used by `engaged_contacts`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct EngagedContactsDetail {
    /// Engaged contacts.
    pub engaged: u32,
    /// Contacts on the deal.
    pub contacts: u32,
}

impl Signal for EngagedContacts {
    fn id(&self) -> &'static str {
        "engaged_contacts"
    }
    fn label(&self) -> &'static str {
        "Engaged contacts"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        Ok(self.engaged.eval(f64::from(facts.contacts.engaged)))
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let c = &facts.contacts;
        let engaged = count(c.engaged.into(), "engaged contact", "engaged contacts");
        let reason = match (c.total, c.engaged) {
            (0, _) => "No contacts on the deal".to_owned(),
            (1, 0) => "The only contact has not engaged recently".to_owned(),
            (total, 0) => format!("None of the {} engaged recently", count(total.into(), "contact", "contacts")),
            _ if sub < 1.0 => format!("Only {engaged}"),
            _ => engaged.to_string(),
        };
        let target = self.engaged.full().ceil() as u64;
        Explanation::new(
            reason,
            sub,
            || format!("Multi-thread: engage at least {} at the account", count(target, "person", "people")),
            FactorDetail::EngagedContacts(EngagedContactsDetail { engaged: c.engaged, contacts: c.total }),
        )
    }
}

/// `buyer_roles`: `{ weight, roles }`, the share of `roles` (already resolved against the
/// engine's role list) held by some contact.
pub(crate) fn buyer_roles(roles: RoleSet) -> Box<dyn Signal> {
    Box::new(BuyerRoles { roles })
}

/// Role coverage: present roles / wanted roles.
#[derive(Debug)]
struct BuyerRoles {
    roles: RoleSet,
}

/// Numbers used by `buyer_roles`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BuyerRolesDetail {
    /// Wanted roles some contact holds.
    pub present: Vec<String>,
    /// Wanted roles no contact holds.
    pub missing: Vec<String>,
}

impl Signal for BuyerRoles {
    fn id(&self) -> &'static str {
        "buyer_roles"
    }
    fn label(&self) -> &'static str {
        "Buyer roles"
    }
    fn score(&self, facts: &Facts<'_>) -> Result<f64, Skip> {
        Ok(self.roles.present(facts.contacts.roles) as f64 / self.roles.len() as f64)
    }
    fn explain(&self, facts: &Facts<'_>, sub: f64) -> Explanation {
        let (present, missing) = self.roles.split(facts.contacts.roles);
        let words = |roles: &[String]| roles.iter().map(|r| r.replace('_', " ")).collect::<Vec<_>>();
        let reason = if missing.is_empty() {
            format!("{} identified", capitalize(&join_and(&words(&present), " and ")))
        } else {
            format!("No {} identified", join_and(&words(&missing), " or "))
        };
        let first_missing = words(&missing).into_iter().next().unwrap_or_default();
        Explanation::new(
            reason,
            sub,
            || format!("Identify the {first_missing} and bring them into the deal"),
            FactorDetail::BuyerRoles(BuyerRolesDetail { present, missing }),
        )
    }
}
