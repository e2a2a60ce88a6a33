//! Buyer roles as bits: every role the config asks about gets one bit, so a deal's contacts
//! fold into one `u64` and each signal or warning tests its roles with a mask.

use super::facts::normalize;
use crate::error::{Error, ErrorCode, Result};
use crate::path::index;

/// The roles a signal or warning asks about, with their bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoleSet {
    roles: Vec<(String, u64)>,
}

impl RoleSet {
    /// How many roles the set has.
    pub(crate) fn len(&self) -> usize {
        self.roles.len()
    }

    /// How many of the roles are in `bits`.
    pub(crate) fn present(&self, bits: u64) -> usize {
        self.roles.iter().filter(|(_, bit)| bits & bit != 0).count()
    }

    /// The roles present in `bits` and those missing, in config order.
    pub(crate) fn split(&self, bits: u64) -> (Vec<String>, Vec<String>) {
        let (present, missing): (Vec<_>, Vec<_>) = self.roles.iter().partition(|(_, bit)| bits & bit != 0);
        let names = |list: Vec<&(String, u64)>| list.into_iter().map(|(name, _)| name.clone()).collect();
        (names(present), names(missing))
    }
}

/// Every role the config names, in first-seen order; bit `i` stands for `names[i]`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RoleTable {
    /// Normalized role names.
    pub names: Vec<String>,
}

impl RoleTable {
    /// Adds a config's role list (at `path`) and returns it as a set. The list must be a
    /// non-empty list of non-blank names; duplicates collapse.
    pub(crate) fn add(&mut self, roles: &[String], path: &str) -> Result<RoleSet> {
        if roles.is_empty() {
            return Err(Error::config(ErrorCode::InvalidRoles, path, "list at least one role, e.g. [\"decision_maker\"]"));
        }
        let mut set = RoleSet { roles: Vec::with_capacity(roles.len()) };
        for (i, role) in roles.iter().enumerate() {
            let name = normalize(role);
            if name.is_empty() {
                return Err(Error::config(ErrorCode::InvalidRoles, index(path, i), "a role must be a non-blank name"));
            }
            let slot = match self.names.iter().position(|n| *n == name) {
                Some(slot) => slot,
                None if self.names.len() < 64 => {
                    self.names.push(name.clone());
                    self.names.len() - 1
                }
                None => {
                    return Err(Error::config(
                        ErrorCode::InvalidRoles,
                        index(path, i),
                        "a health config may name at most 64 roles",
                    ))
                }
            };
            if !set.roles.iter().any(|(n, _)| *n == name) {
                set.roles.push((name, 1 << slot));
            }
        }
        Ok(set)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_share_bits_across_lists() {
        let mut table = RoleTable::default();
        let buyer = table.add(&["Decision Maker".into(), "champion".into(), "champion".into()], "$.a").unwrap();
        let dm = table.add(&["decision_maker".into(), "economic_buyer".into()], "$.b").unwrap();
        assert_eq!(table.names, ["decision_maker", "champion", "economic_buyer"]);
        assert_eq!(buyer.len(), 2);
        assert_eq!(buyer.present(0b001), 1);
        assert_eq!(dm.present(0b100), 1);
        assert_eq!(buyer.split(0b010), (vec!["champion".to_owned()], vec!["decision_maker".to_owned()]));
    }

    #[test]
    fn empty_or_blank_roles_are_config_errors() {
        let mut table = RoleTable::default();
        assert_eq!(table.add(&[], "$.r").unwrap_err().code, "INVALID_ROLES");
        assert_eq!(table.add(&["a".into(), " ".into()], "$.r").unwrap_err().path, "$.r[1]");
    }
}
