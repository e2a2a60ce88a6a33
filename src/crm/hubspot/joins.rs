//! The objects joined to deals and contacts (contacts, companies, engagements, owners), read
//! once per call, and which of them belong to a record.

use serde_json::Value;

use super::engagement::{self, Engagement, EngagementKind};
use super::object::items;
use super::{company, contact, Options};
use crate::crm::build;
use crate::error::{Error, ErrorCode, Result};
use crate::path::key;

/// A joined object, read: its pipescore form and the deals and contacts its own associations
/// name.
#[derive(Debug)]
pub(crate) struct Joined<'a> {
    /// Its id.
    pub id: Option<String>,
    /// Its pipescore form (a deal's contact, an account).
    pub record: Value,
    /// The deals its associations name (`None` when it carries no deal associations).
    pub deals: Option<Vec<&'a str>>,
    /// The contacts its associations name.
    pub contacts: Option<Vec<&'a str>>,
}

/// One of a record's joined objects: found among those given, or only known by the id the
/// record's associations name.
#[derive(Debug)]
pub(crate) enum Link<'j, 'a> {
    /// Given in the options.
    Found(&'j Joined<'a>),
    /// Associated, but not given.
    Only(&'a str),
}

/// Everything joined in one call.
#[derive(Debug, Default)]
pub(crate) struct Joins<'a> {
    /// The call is for one record: objects that neither side associates join it.
    single: bool,
    pub contacts: Vec<Joined<'a>>,
    pub companies: Vec<Joined<'a>>,
    pub engagements: Vec<Engagement<'a>>,
    /// Whether engagements were given at all.
    pub has_engagements: bool,
    /// Owner id → name.
    owners: Vec<(String, String)>,
}

impl<'a> Joins<'a> {
    /// Reads the joins of `options` (`single`: the call is for one record).
    pub(crate) fn new(options: &Options<'a>, single: bool) -> Result<Joins<'a>> {
        let mut joins = Joins { single, ..Joins::default() };
        if let Some(owners) = options.owners {
            joins.owners = read_owners(owners)?;
        }
        if let Some(contacts) = options.contacts {
            for (item, path) in items(contacts, "$.contacts", "contacts")? {
                joins.contacts.push(contact::for_deal(item, path)?);
            }
        }
        if let Some(companies) = options.companies {
            for (item, path) in items(companies, "$.companies", "companies")? {
                joins.companies.push(company::joined(item, path)?);
            }
        }
        if let Some(engagements) = options.engagements {
            joins.engagements = self::engagements(engagements, "$.engagements")?;
            joins.has_engagements = true;
        }
        Ok(joins)
    }

    /// The name of owner `id`, when the owners were given.
    pub(crate) fn owner(&self, id: &str) -> Option<&str> {
        self.owners.iter().find(|(o, _)| o == id).map(|(_, name)| name.as_str())
    }

    /// The objects of `given` that belong to the record with id `record`: those `forward` (the
    /// record's associations of that kind) names, in its order (listed by id alone when not
    /// given), then those whose own associations (`back`) name the record. `forward` `None`:
    /// the record carries no such associations.
    pub(crate) fn linked<'j>(
        &self,
        given: &'j [Joined<'a>],
        forward: Option<&[&'a str]>,
        record: Option<&str>,
        back: impl for<'x> Fn(&'x Joined<'a>) -> Option<&'x [&'a str]>,
    ) -> Vec<Link<'j, 'a>> {
        let mut out: Vec<Link<'j, 'a>> = Vec::new();
        for &id in forward.unwrap_or_default() {
            match given.iter().find(|j| j.id.as_deref() == Some(id)) {
                Some(found) => out.push(Link::Found(found)),
                None => out.push(Link::Only(id)),
            }
        }
        for item in given {
            let named = forward.is_some_and(|ids| item.id.as_deref().is_some_and(|id| ids.contains(&id)));
            let links = match back(item) {
                Some(ids) => record.is_some_and(|r| ids.contains(&r)),
                None => forward.is_none() && self.single,
            };
            if links && !named {
                out.push(Link::Found(item));
            }
        }
        out
    }

    /// The activities of the engagements that belong to the deal `deal` whose engagement
    /// associations are `forward` (by kind), oldest first.
    pub(crate) fn activities(&self, forward: &[(EngagementKind, Vec<&'a str>)], any_forward: bool, deal: Option<&str>) -> Vec<Value> {
        let named = |e: &Engagement<'_>| e.id.as_deref().is_some_and(|id| forward.iter().any(|(_, ids)| ids.contains(&id)));
        let links = |e: &Engagement<'_>| match &e.deals {
            Some(ids) => deal.is_some_and(|d| ids.contains(&d)),
            None => !any_forward && self.single,
        };
        let mut found: Vec<&Engagement<'a>> = self.engagements.iter().filter(|e| named(e) || links(e)).collect();
        crate::sort::sort_by(&mut found, |a, b| a.at.cmp(&b.at));
        found.into_iter().map(|e| e.activity.clone()).collect()
    }
}

/// Engagements given as a page, a list, or pages by kind `{ calls, emails, meetings, notes,
/// tasks }` at `base`, read; tasks not completed are left out.
pub(crate) fn engagements<'a>(value: &'a Value, base: &str) -> Result<Vec<Engagement<'a>>> {
    let grouped = value.as_object().filter(|m| !m.contains_key("results") && !m.contains_key("properties"));
    let mut groups: Vec<(Option<EngagementKind>, &'a Value, String)> = Vec::new();
    match grouped {
        Some(map) => {
            for (name, page) in map {
                let Some(kind) = EngagementKind::of_group(name) else {
                    let message = format!("engagements by kind may have calls, emails, meetings, notes and tasks; found {name}");
                    return Err(Error::input(ErrorCode::InvalidRecord, key(base, name), message));
                };
                groups.push((Some(kind), page, key(base, name)));
            }
        }
        None => groups.push((None, value, base.to_owned())),
    }
    let mut out = Vec::new();
    for (kind, page, path) in groups {
        for (item, path) in items(page, &path, "engagements")? {
            out.extend(engagement::read(item, path, kind)?);
        }
    }
    Ok(out)
}

/// The owners API's response (`{ results: [{ id, firstName, lastName, email }] }`) as owner
/// id → name ("First Last", else the email, else the id).
fn read_owners(value: &Value) -> Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for (item, path) in items(value, "$.owners", "owners")? {
        let text = |name: &str| -> Result<Option<String>> {
            match item.get(name) {
                Some(raw) => build::text(raw, || key(&path, name)),
                None => Ok(None),
            }
        };
        let Some(id) = text("id")? else {
            return Err(Error::input(ErrorCode::InvalidRecord, path, "a HubSpot owner needs its id"));
        };
        let full = [text("firstName")?, text("lastName")?].into_iter().flatten().collect::<Vec<_>>().join(" ");
        let name = Some(full.trim().to_owned()).filter(|n| !n.is_empty()).or(text("email")?).unwrap_or_else(|| id.clone());
        out.push((id, name));
    }
    Ok(out)
}
