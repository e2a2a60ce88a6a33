//! Read plans: the paths a compiled config reads, scope by scope.

use serde::Serialize;

use super::records::Tag;
use crate::rules::Segment;

/// A scope of a plan: [`ROOT`] for the record, others for the items of a list of sub-records.
pub type ScopeId = u16;
/// A path's position among its scope's paths: its cell in each row.
pub type SlotId = u32;

/// The record's own scope.
pub const ROOT: ScopeId = 0;

/// What a compiled config reads from a record (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub(crate) scopes: Vec<Scope>,
}

/// The paths of one scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Scope {
    pub(crate) paths: Vec<PathSpec>,
    /// Whether each row keeps its record's (or item's) JSON, for reads no path describes.
    pub(crate) keeps_json: bool,
    /// The paths of one segment, sorted by key (a key may have a value and a list slot), so
    /// that an object's members are read in one pass.
    pub(crate) top: Vec<(Box<str>, SlotId)>,
    /// The paths of more than one segment, walked.
    pub(crate) deep: Vec<SlotId>,
}

/// One path a scope reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PathSpec {
    /// The path as a `var` writes it: `amount`, `owner.email`.
    pub(crate) name: Box<str>,
    /// Its segments, split at dots.
    pub(crate) keys: Box<[Segment]>,
    /// The scope of its items, when it holds a list of sub-records.
    pub(crate) list: Option<ScopeId>,
}

impl Plan {
    /// How many scopes the plan has (at least the record's).
    pub fn scope_count(&self) -> usize {
        self.scopes.len()
    }

    /// The paths of `scope`, in slot order.
    pub fn paths(&self, scope: ScopeId) -> impl Iterator<Item = &str> {
        self.scopes.get(usize::from(scope)).into_iter().flat_map(|s| s.paths.iter().map(|p| &*p.name))
    }

    /// The slot of path `name` in `scope` read as a value, if the plan reads it so.
    pub fn slot(&self, scope: ScopeId, name: &str) -> Option<SlotId> {
        let paths = &self.scopes.get(usize::from(scope))?.paths;
        paths.iter().position(|p| &*p.name == name && p.list.is_none()).and_then(|i| SlotId::try_from(i).ok())
    }

    /// Whether the rows of `scope` keep their JSON.
    pub fn keeps_json(&self, scope: ScopeId) -> bool {
        self.scopes.get(usize::from(scope)).is_some_and(|s| s.keeps_json)
    }

    pub(crate) fn scope(&self, scope: ScopeId) -> &Scope {
        static EMPTY: Scope = Scope { paths: Vec::new(), keeps_json: false, top: Vec::new(), deep: Vec::new() };
        self.scopes.get(usize::from(scope)).unwrap_or(&EMPTY)
    }

    /// The plan as data for a reader in another language (the package's JavaScript):
    /// `{ tags: { absent, null, … }, scopes: [{ paths: [{ name, keys, list }], json }] }`.
    pub fn describe(&self) -> impl Serialize + '_ {
        Description {
            tags: Tag::NAMES.iter().map(|&(name, tag)| (name, tag as u8)).collect(),
            scopes: self
                .scopes
                .iter()
                .map(|s| ScopeDescription {
                    paths: s
                        .paths
                        .iter()
                        .map(|p| PathDescription { name: &p.name, keys: p.keys.iter().map(|k| &*k.key).collect(), list: p.list })
                        .collect(),
                    json: s.keeps_json,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct Description<'p> {
    tags: std::collections::BTreeMap<&'static str, u8>,
    scopes: Vec<ScopeDescription<'p>>,
}

#[derive(Serialize)]
struct ScopeDescription<'p> {
    paths: Vec<PathDescription<'p>>,
    json: bool,
}

#[derive(Serialize)]
struct PathDescription<'p> {
    name: &'p str,
    keys: Vec<&'p str>,
    list: Option<ScopeId>,
}

/// Builds a [`Plan`] as an engine compiles its config: every path it (and its rules) read.
#[derive(Debug, Clone)]
pub struct PlanBuilder {
    plan: Plan,
}

impl Default for PlanBuilder {
    fn default() -> Self {
        PlanBuilder::new()
    }
}

impl PlanBuilder {
    /// A builder with the record's scope and no paths.
    pub fn new() -> Self {
        PlanBuilder { plan: Plan { scopes: vec![Scope::default()] } }
    }

    /// The slot of path `name` in `scope`, read as a value, added when new.
    pub fn path(&mut self, scope: ScopeId, name: &str) -> SlotId {
        match self.find(scope, name, false) {
            Some(slot) => slot,
            None => self.add(scope, name, None),
        }
    }

    /// The slot of path `name` in `scope` read as a list of sub-records, and the scope of its
    /// items, added when new. The same path read as a value has a slot of its own.
    pub fn list(&mut self, scope: ScopeId, name: &str) -> (SlotId, ScopeId) {
        if let Some(slot) = self.find(scope, name, true) {
            let items = self.plan.scope(scope).paths.get(slot as usize).and_then(|p| p.list).unwrap_or(ScopeId::MAX);
            return (slot, items);
        }
        let items = ScopeId::try_from(self.plan.scopes.len()).unwrap_or(ScopeId::MAX);
        self.plan.scopes.push(Scope::default());
        (self.add(scope, name, Some(items)), items)
    }

    /// Makes the rows of `scope` keep their JSON (for a read no path describes).
    pub fn keep_json(&mut self, scope: ScopeId) {
        if let Some(s) = self.plan.scopes.get_mut(usize::from(scope)) {
            s.keeps_json = true;
        }
    }

    /// The plan.
    pub fn finish(mut self) -> Plan {
        for scope in &mut self.plan.scopes {
            scope.top.clear();
            scope.deep.clear();
            for (slot, path) in scope.paths.iter().enumerate() {
                let slot = SlotId::try_from(slot).unwrap_or(SlotId::MAX);
                match &*path.keys {
                    [one] => scope.top.push((one.key.clone(), slot)),
                    _ => scope.deep.push(slot),
                }
            }
            scope.top.sort();
        }
        self.plan
    }

    fn find(&self, scope: ScopeId, name: &str, list: bool) -> Option<SlotId> {
        let paths = &self.plan.scopes.get(usize::from(scope))?.paths;
        let at = paths.iter().position(|p| &*p.name == name && p.list.is_some() == list)?;
        SlotId::try_from(at).ok()
    }

    fn add(&mut self, scope: ScopeId, name: &str, list: Option<ScopeId>) -> SlotId {
        let Some(s) = self.plan.scopes.get_mut(usize::from(scope)) else { return SlotId::MAX };
        s.paths.push(PathSpec { name: name.into(), keys: name.split('.').map(Segment::new).collect(), list });
        SlotId::try_from(s.paths.len() - 1).unwrap_or(SlotId::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_added_once_per_scope() {
        let mut b = PlanBuilder::new();
        assert_eq!(b.path(ROOT, "amount"), 0);
        assert_eq!(b.path(ROOT, "owner.email"), 1);
        assert_eq!(b.path(ROOT, "amount"), 0);
        let (slot, events) = b.list(ROOT, "events");
        assert_eq!((slot, events), (2, 1));
        assert_eq!(b.path(events, "type"), 0);
        assert_eq!(b.list(ROOT, "events"), (2, 1));
        let plan = b.finish();
        assert_eq!(plan.paths(ROOT).collect::<Vec<_>>(), ["amount", "owner.email", "events"]);
        assert_eq!(plan.scope(ROOT).paths[1].keys.len(), 2);
        assert!(!plan.keeps_json(events));
    }

    #[test]
    fn a_path_read_as_a_value_and_as_a_list_has_two_slots() {
        let mut b = PlanBuilder::new();
        let (list, items) = b.list(ROOT, "events");
        let value = b.path(ROOT, "events");
        assert_ne!(list, value);
        assert_eq!(b.list(ROOT, "events"), (list, items));
        let plan = b.finish();
        assert_eq!(plan.slot(ROOT, "events"), Some(value));
        assert!(!plan.keeps_json(items));
    }
}
