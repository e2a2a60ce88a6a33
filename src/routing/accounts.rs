//! Lead-to-account matching: a list of accounts indexed once ([`AccountIndex::build`]) by web
//! domain, normalised name, acronym, phone and name trigrams, and the best account for a lead.
//!
//! Methods, tried in the configured order (by default this one), the first that finds an
//! account deciding:
//! - `domain`: the lead's email domain (unless it is a free-mail provider's) or website is an
//!   account's domain, or under it (`eu.acme.com` is under `acme.com`);
//! - `name`: the lead's company and the account's name are equal once normalised (case,
//!   punctuation and legal forms such as Inc., LLC, GmbH left out);
//! - `phone`: the same phone line ([`crate::matching::normalize::same_phone`]);
//! - `acronym`: one name is the other's initials (`IBM`, `International Business Machines`);
//! - `fuzzy`: Jaro-Winkler similarity of the normalised names at or above the threshold
//!   (0.92 by default), among the candidates [`CandidateIndex`] finds: accounts sharing at
//!   least 30 % of the name's trigrams, and for names of up to 8 characters those with the
//!   same first letter and nearly the same length; at most the 50 sharing the most trigrams.
//!
//! Several accounts found by one method are told apart by score (fuzzy only), then by having
//! an owner, then by their order in the list.

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;

use super::quoted;
use crate::error::{Error, ErrorCode, ErrorKind, Result};
use crate::matching::candidates::CandidateIndex;
use crate::matching::normalize::{acronym, company_name, domain, is_free_mail, phone, same_phone};
use crate::matching::similarity::jaro_winkler;
use crate::path;
use crate::read;
use crate::rules::number::Plain;

/// The default fuzzy threshold (Jaro-Winkler of normalised names).
pub const DEFAULT_FUZZY_THRESHOLD: f64 = 0.92;

/// Accounts whose names share fewer of the lead's name trigrams than this (Dice coefficient)
/// are not compared for fuzzy matching.
pub const CANDIDATE_DICE: f64 = 0.3;

/// At most this many accounts (those sharing the most trigrams) are compared for one fuzzy
/// match, besides the short names of the same first letter.
pub const MAX_CANDIDATES: usize = 50;

/// How an account was matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum MatchMethod {
    /// Email or website domain.
    Domain,
    /// Normalised company name.
    Name,
    /// Phone line.
    Phone,
    /// One name is the other's acronym.
    Acronym,
    /// Jaro-Winkler similarity of the names.
    Fuzzy,
}

impl MatchMethod {
    /// Every method, in the default order.
    pub const ALL: [MatchMethod; 5] = [MatchMethod::Domain, MatchMethod::Name, MatchMethod::Phone, MatchMethod::Acronym, MatchMethod::Fuzzy];

    /// The method's name as configs write it.
    pub fn name(self) -> &'static str {
        match self {
            MatchMethod::Domain => "domain",
            MatchMethod::Name => "name",
            MatchMethod::Phone => "phone",
            MatchMethod::Acronym => "acronym",
            MatchMethod::Fuzzy => "fuzzy",
        }
    }
}

/// Matching settings: the methods in order, and the fuzzy threshold.
#[derive(Debug, Clone, PartialEq)]
pub struct MatchOptions {
    /// Methods tried in order; the first that finds an account decides.
    pub methods: Vec<MatchMethod>,
    /// Lowest Jaro-Winkler similarity of a fuzzy match, in `(0, 1]`.
    pub fuzzy_threshold: f64,
}

impl Default for MatchOptions {
    fn default() -> Self {
        MatchOptions { methods: MatchMethod::ALL.to_vec(), fuzzy_threshold: DEFAULT_FUZZY_THRESHOLD }
    }
}

/// One indexed account.
#[derive(Debug, Clone)]
pub struct Account {
    /// Its `id`, if it has one.
    pub id: Option<String>,
    /// Its `name`, as written.
    pub name: Option<String>,
    /// Its `owner`, as written.
    pub owner: Option<String>,
    /// The record as given, for rules (`{"var": "account.industry"}`).
    pub record: Value,
    /// The name normalised, and its length in characters.
    key: String,
    key_len: usize,
    /// Its web domains.
    domains: Vec<String>,
    /// Its phone digits.
    phone: String,
}

/// Accounts indexed for matching; see the module docs.
#[derive(Debug, Clone, Default)]
pub struct AccountIndex {
    accounts: Vec<Account>,
    by_domain: HashMap<String, Vec<u32>>,
    by_name: HashMap<String, Vec<u32>>,
    by_acronym: HashMap<String, Vec<u32>>,
    by_phone: HashMap<String, Vec<u32>>,
    trigrams: CandidateIndex,
}

/// What a lead offers for matching, normalised once.
#[derive(Debug, Clone, Default)]
pub struct LeadKeys {
    /// Business domains: `(domain, "email" | "website")`; free-mail domains left out.
    pub domains: Vec<(String, &'static str)>,
    /// A free-mail domain the lead's email is on, if so.
    pub free_mail: Option<String>,
    /// The company as written.
    pub company: Option<String>,
    /// The company normalised.
    pub company_key: String,
    /// The phone digits.
    pub phone: String,
}

/// The account a lead matched, how and how surely.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountMatch {
    /// The account's id, if it has one.
    pub id: Option<String>,
    /// The account's name.
    pub name: Option<String>,
    /// The account's owner: from the config's named accounts, else the record's `owner`.
    pub owner: Option<String>,
    /// How it matched.
    pub method: MatchMethod,
    /// 1 for the exact methods, the Jaro-Winkler similarity for `fuzzy`.
    pub score: f64,
    /// The key that matched: a domain, a normalised name, phone digits or an acronym.
    pub matched_on: String,
    /// `namedAccounts` (the config's) or `accounts` (the list passed in).
    pub source: &'static str,
    /// The match in words.
    pub reason: String,
    /// How many other accounts the same method found, which the tie-breakers put behind.
    pub alternatives: u32,
    /// Position of the account in its list.
    #[serde(skip)]
    pub position: usize,
}

impl LeadKeys {
    /// The keys of a lead's email, website, company and phone (as read).
    pub fn new(email: Option<&str>, website: Option<&str>, company: Option<&str>, phone_number: Option<&str>) -> LeadKeys {
        let mut keys = LeadKeys::default();
        if let Some(d) = email.filter(|e| e.contains('@')).and_then(domain) {
            if is_free_mail(&d) {
                keys.free_mail = Some(d);
            } else {
                keys.domains.push((d, "email"));
            }
        }
        if let Some(d) = website.and_then(domain).filter(|d| !is_free_mail(d)) {
            if !keys.domains.iter().any(|(known, _)| *known == d) {
                keys.domains.push((d, "website"));
            }
        }
        if let Some(company) = company.filter(|c| !c.trim().is_empty()) {
            keys.company_key = company_name(company);
            keys.company = Some(company.to_owned());
        }
        keys.phone = phone_number.map(phone).unwrap_or_default();
        keys
    }

    /// Why no account matched, for messages.
    pub fn no_match_reason(&self) -> String {
        let mut parts = Vec::new();
        match (&self.company, self.domains.is_empty()) {
            (None, true) => parts.push("the lead has no company, business email or website".to_owned()),
            (Some(company), _) => parts.push(format!("company {} matched no account", quoted(company))),
            (None, false) => {}
        }
        if !self.domains.is_empty() {
            let list: Vec<&str> = self.domains.iter().map(|(d, _)| d.as_str()).collect();
            parts.push(format!("no account has the domain {}", list.join(" or ")));
        }
        if let Some(free) = &self.free_mail {
            parts.push(format!("the email's domain {free} is free mail, which says nothing about the company"));
        }
        parts.join("; ")
    }
}

impl AccountIndex {
    /// Indexes `accounts`: objects with `name`, `domain` or `website` (or a `domains` list),
    /// `phone`, `owner` and `id`, all optional but one of name, domain, website and phone.
    /// Other fields are kept for rules. Input errors have the account's path (`$[3].name`).
    pub fn build(accounts: &[Value]) -> Result<AccountIndex> {
        AccountIndex::build_as(accounts, ErrorKind::Input)
    }

    /// [`AccountIndex::build`], its errors of `kind`.
    pub(crate) fn build_as(accounts: &[Value], kind: ErrorKind) -> Result<AccountIndex> {
        let mut index = AccountIndex::default();
        let mut ids: HashMap<&str, usize> = HashMap::new();
        for (i, record) in accounts.iter().enumerate() {
            let at = path::index("$", i);
            let account = read_account(record, &at).map_err(|e| Error { kind, ..e })?;
            if let Some(id) = record.get("id").and_then(Value::as_str) {
                if let Some(first) = ids.insert(id, i) {
                    let message = format!("account id {} is used by the accounts at {first} and {i}", quoted(id));
                    return Err(Error::new(kind, ErrorCode::DuplicateId, path::key(&at, "id"), message));
                }
            }
            index.add(account);
        }
        let names: Vec<&str> = index.accounts.iter().map(|a| a.key.as_str()).collect();
        index.trigrams = CandidateIndex::new(names);
        Ok(index)
    }

    fn add(&mut self, account: Account) {
        let position = self.accounts.len() as u32;
        let put = |map: &mut HashMap<String, Vec<u32>>, key: &str| {
            if !key.is_empty() {
                let list = map.entry(key.to_owned()).or_default();
                if list.last() != Some(&position) {
                    list.push(position);
                }
            }
        };
        for d in &account.domains {
            put(&mut self.by_domain, d);
        }
        put(&mut self.by_name, &account.key);
        if let Some(name) = &account.name {
            let initials = acronym(name);
            if initials != account.key && initials.chars().count() >= 2 {
                put(&mut self.by_acronym, &initials);
            }
        }
        if account.phone.len() >= 7 {
            put(&mut self.by_phone, phone_key(&account.phone));
        }
        self.accounts.push(account);
    }

    /// How many accounts are indexed.
    pub fn len(&self) -> usize {
        self.accounts.len()
    }

    /// Whether no account is indexed.
    pub fn is_empty(&self) -> bool {
        self.accounts.is_empty()
    }

    /// The account at `position`.
    pub fn account(&self, position: usize) -> Option<&Account> {
        self.accounts.get(position)
    }

    /// The best account for a lead, by the first of `options.methods` that finds one.
    pub fn find(&self, lead: &LeadKeys, options: &MatchOptions) -> Option<AccountMatch> {
        options.methods.iter().find_map(|&method| self.find_by(method, lead, options.fuzzy_threshold))
    }

    /// The best account `method` finds for a lead.
    pub fn find_by(&self, method: MatchMethod, lead: &LeadKeys, threshold: f64) -> Option<AccountMatch> {
        match method {
            MatchMethod::Domain => lead.domains.iter().find_map(|(d, source)| self.by_domain_of(d, source)),
            MatchMethod::Name => {
                let found = self.by_name.get(&lead.company_key)?;
                let company = lead.company.as_deref().unwrap_or("");
                Some(self.exact(found, method, &lead.company_key, &|a| {
                    format!("company {} is the account {} (both {} once normalised)", quoted(company), a, quoted(&lead.company_key))
                }))
            }
            MatchMethod::Phone => {
                if lead.phone.len() < 7 {
                    return None;
                }
                let listed = self.by_phone.get(phone_key(&lead.phone))?;
                let found: Vec<u32> =
                    listed.iter().copied().filter(|&p| self.accounts.get(p as usize).is_some_and(|a| same_phone(&a.phone, &lead.phone))).collect();
                (!found.is_empty())
                    .then(|| self.exact(&found, method, &lead.phone, &|a| format!("phone {} is the line of the account {a}", lead.phone)))
            }
            MatchMethod::Acronym => self.by_acronym_of(lead),
            MatchMethod::Fuzzy => self.fuzzy(lead, threshold),
        }
    }

    fn by_domain_of(&self, lead_domain: &str, source: &str) -> Option<AccountMatch> {
        let mut d = lead_domain;
        loop {
            if let Some(found) = self.by_domain.get(d) {
                let under = if d == lead_domain { String::new() } else { format!(" is under {d}, which") };
                return Some(self.exact(found, MatchMethod::Domain, d, &|a| {
                    format!("the lead's {source} domain {lead_domain}{under} is the domain of the account {a}")
                }));
            }
            let (_, parent) = d.split_once('.')?;
            if !parent.contains('.') {
                return None;
            }
            d = parent;
        }
    }

    fn by_acronym_of(&self, lead: &LeadKeys) -> Option<AccountMatch> {
        let company = lead.company.as_deref()?;
        let key = &lead.company_key;
        if !key.contains(' ') && key.chars().count() >= 2 {
            if let Some(found) = self.by_acronym.get(key) {
                return Some(
                    self.exact(found, MatchMethod::Acronym, key, &|a| format!("company {} is the initials of the account {a}", quoted(company))),
                );
            }
        }
        let initials = acronym(company);
        if initials == *key || initials.chars().count() < 2 {
            return None;
        }
        let found: Vec<u32> = self.by_name.get(&initials)?.clone();
        Some(self.exact(&found, MatchMethod::Acronym, &initials, &|a| format!("the account {a} is the initials of company {}", quoted(company))))
    }

    fn fuzzy(&self, lead: &LeadKeys, threshold: f64) -> Option<AccountMatch> {
        if lead.company_key.is_empty() {
            return None;
        }
        // Jaro-Winkler adds at most 0.4 × (1 − Jaro), and Jaro is at most (2 + shorter /
        // longer) / 3: names too different in length can't reach the threshold.
        let jaro_floor = ((threshold - 0.4) / 0.6).max(0.0);
        let ratio_floor = 3.0 * jaro_floor - 2.0;
        let lead_len = lead.company_key.chars().count() as f64;
        let mut scored: Vec<(u32, f64)> = Vec::new();
        for position in self.trigrams.candidates(&lead.company_key, CANDIDATE_DICE, MAX_CANDIDATES) {
            let Some(account) = self.accounts.get(position as usize) else { continue };
            let len = account.key_len as f64;
            if lead_len.min(len) < ratio_floor * lead_len.max(len) || !may_reach(&lead.company_key, &account.key, threshold) {
                continue;
            }
            let score = jaro_winkler(&lead.company_key, &account.key);
            if score >= threshold {
                scored.push((position, score));
            }
        }
        let &(best, score) = scored.iter().reduce(|a, b| if self.better((b.0, b.1), (a.0, a.1)) { b } else { a })?;
        let account = self.accounts.get(best as usize)?;
        let company = lead.company.as_deref().unwrap_or("");
        let shown = (score * 1000.0).round() / 1000.0;
        let reason = format!("company {} is like the account {} (similarity {})", quoted(company), self.shown(account), Plain(shown));
        Some(self.matched(best, MatchMethod::Fuzzy, score, account.key.clone(), reason, scored.len() - 1))
    }

    /// The best of accounts found by an exact method.
    fn exact(&self, found: &[u32], method: MatchMethod, matched_on: &str, reason: &dyn Fn(&str) -> String) -> AccountMatch {
        let best = found.iter().copied().reduce(|a, b| if self.better((b, 1.0), (a, 1.0)) { b } else { a }).unwrap_or(0);
        let shown = self.accounts.get(best as usize).map_or_else(String::new, |a| self.shown(a));
        self.matched(best, method, 1.0, matched_on.to_owned(), reason(&shown), found.len().saturating_sub(1))
    }

    /// Whether `a` beats `b`: a higher score, then an owner, then earlier in the list.
    fn better(&self, a: (u32, f64), b: (u32, f64)) -> bool {
        if a.1 != b.1 {
            return a.1 > b.1;
        }
        let owned = |p: u32| self.accounts.get(p as usize).is_some_and(|acc| acc.owner.is_some());
        match (owned(a.0), owned(b.0)) {
            (true, false) => true,
            (false, true) => false,
            _ => a.0 < b.0,
        }
    }

    fn shown(&self, account: &Account) -> String {
        match (&account.name, &account.id) {
            (Some(name), _) => quoted(name),
            (None, Some(id)) => quoted(id),
            (None, None) => account.domains.first().cloned().unwrap_or_default(),
        }
    }

    fn matched(&self, position: u32, method: MatchMethod, score: f64, matched_on: String, reason: String, others: usize) -> AccountMatch {
        let account = self.accounts.get(position as usize);
        AccountMatch {
            id: account.and_then(|a| a.id.clone()),
            name: account.and_then(|a| a.name.clone()),
            owner: account.and_then(|a| a.owner.clone()),
            method,
            score,
            matched_on,
            source: "accounts",
            reason,
            alternatives: u32::try_from(others).unwrap_or(u32::MAX),
            position: position as usize,
        }
    }
}

/// Whether two ASCII names can reach Jaro-Winkler `threshold`: Jaro counts at most the
/// characters they have in common, `m`, so it is at most `(m / |a| + m / |b| + 1) / 3`, and
/// Winkler's prefix adds at most `0.4 × (1 − Jaro)`. Names with other characters are
/// compared in full.
fn may_reach(a: &str, b: &str, threshold: f64) -> bool {
    if !a.is_ascii() || !b.is_ascii() || a.is_empty() || b.is_empty() {
        return true;
    }
    let mut counts = [0u16; 128];
    for byte in a.bytes() {
        counts[usize::from(byte & 0x7f)] += 1;
    }
    let mut common = 0usize;
    for byte in b.bytes() {
        let slot = &mut counts[usize::from(byte & 0x7f)];
        if *slot > 0 {
            *slot -= 1;
            common += 1;
        }
    }
    let m = common as f64;
    let jaro = (m / a.len() as f64 + m / b.len() as f64 + 1.0) / 3.0;
    jaro + 0.4 * (1.0 - jaro) >= threshold
}

/// The part of a phone number indexed: its last 10 digits.
fn phone_key(digits: &str) -> &str {
    &digits[digits.len().saturating_sub(10)..]
}

/// Reads one account record at `at`.
fn read_account(record: &Value, at: &str) -> Result<Account> {
    if !record.is_object() {
        return Err(read::not_an_object(record, at, "An account", "{ name, domain, phone, owner }"));
    }
    let text = |field: &str| -> Result<Option<String>> {
        read::text(record.get(field)).map(|t| t.map(|t| t.trim().to_owned())).map_err(|e| e.at(&path::key(at, field)))
    };
    let (id, name, owner, phone_number) = (text("id")?, text("name")?, text("owner")?, text("phone")?);
    let mut domains = Vec::new();
    for field in ["domain", "website"] {
        if let Some(d) = text(field)?.as_deref().and_then(domain) {
            domains.push(d);
        }
    }
    match record.get("domains") {
        None | Some(Value::Null) => {}
        Some(Value::Array(list)) => {
            for (i, item) in list.iter().enumerate() {
                let item_path = path::index(&path::key(at, "domains"), i);
                if let Some(d) = read::text(item).map_err(|e| e.at(&item_path))?.as_deref().and_then(domain) {
                    domains.push(d);
                }
            }
        }
        Some(other) => {
            return Err(
                read::Unreadable { expected: read::Expected::List, found: read::describe(other.into()), note: None }.at(&path::key(at, "domains"))
            )
        }
    }
    let phone = phone_number.as_deref().map(phone).unwrap_or_default();
    if name.is_none() && domains.is_empty() && phone.len() < 7 {
        return Err(read::no_known_fields(record, at, "An account", &["name", "domain", "website", "domains", "phone"]));
    }
    let key = name.as_deref().map(company_name).unwrap_or_default();
    let key_len = key.chars().count();
    Ok(Account { id, name, owner, record: record.clone(), key, key_len, domains, phone })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn index() -> AccountIndex {
        AccountIndex::build(&[
            json!({"id": "a1", "name": "Acme Corporation", "domain": "acme.com", "phone": "+1 415 555 0100", "owner": "ana"}),
            json!({"id": "a2", "name": "International Business Machines", "website": "https://www.ibm.com"}),
            json!({"id": "a3", "name": "Betasoloin"}),
            json!({"id": "a4", "name": "Betatech", "domains": ["betatech.io", "beta.tech"]}),
            json!({"id": "a5", "name": "ACME Inc."}),
        ])
        .unwrap()
    }

    fn find(email: Option<&str>, company: Option<&str>, phone: Option<&str>) -> Option<AccountMatch> {
        index().find(&LeadKeys::new(email, None, company, phone), &MatchOptions::default())
    }

    #[test]
    fn by_domain_ignoring_free_mail() {
        let m = find(Some("jane@eu.acme.com"), None, None).unwrap();
        assert_eq!((m.id.as_deref(), m.method, m.matched_on.as_str()), (Some("a1"), MatchMethod::Domain, "acme.com"));
        assert!(m.reason.contains("eu.acme.com is under acme.com"), "{}", m.reason);
        assert_eq!(find(Some("x@beta.tech"), None, None).unwrap().id.as_deref(), Some("a4"));
        assert_eq!(find(Some("jane@gmail.com"), None, None), None);
        let keys = LeadKeys::new(Some("jane@gmail.com"), None, Some("Nobody"), None);
        assert!(keys.no_match_reason().contains("gmail.com is free mail"), "{}", keys.no_match_reason());
    }

    #[test]
    fn by_name_with_tie_breakers() {
        let m = find(None, Some("ACME corp."), None).unwrap();
        assert_eq!((m.id.as_deref(), m.method, m.alternatives), (Some("a1"), MatchMethod::Name, 1), "the owned account wins");
        assert_eq!(m.owner.as_deref(), Some("ana"));
    }

    #[test]
    fn by_phone_acronym_and_fuzzy() {
        let m = find(None, Some("Unknown"), Some("(415) 555-0100")).unwrap();
        assert_eq!((m.id.as_deref(), m.method), (Some("a1"), MatchMethod::Phone));
        let m = find(None, Some("IBM"), None).unwrap();
        assert_eq!((m.id.as_deref(), m.method, m.matched_on.as_str()), (Some("a2"), MatchMethod::Acronym, "ibm"));
        let m = find(None, Some("Betasolion Ltd"), None).unwrap();
        assert_eq!((m.id.as_deref(), m.method), (Some("a3"), MatchMethod::Fuzzy));
        assert!(m.score > 0.92 && m.score < 1.0);
        assert_eq!(find(None, Some("Zotware"), None), None);
    }

    #[test]
    fn the_bound_never_drops_a_pair_that_reaches_the_threshold() {
        let names = ["betasoloin", "betasolion", "acme", "acne", "codehow", "codehwo", "zotware", "zumgoity", "dontechi", "donquadtech"];
        for a in names {
            for b in names {
                for threshold in [0.7, 0.85, 0.92, 0.97] {
                    if jaro_winkler(a, b) >= threshold {
                        assert!(may_reach(a, b, threshold), "{a} {b} {threshold}");
                    }
                }
            }
        }
        assert!(!may_reach("acme", "zotware", 0.92));
    }

    #[test]
    fn bad_accounts_are_input_errors_with_paths() {
        let e = AccountIndex::build(&[json!({"name": "A"}), json!({"name": ["x"]})]).unwrap_err();
        assert_eq!((e.code, e.path.as_str(), e.kind), (ErrorCode::InvalidText, "$[1].name", ErrorKind::Input));
        let e = AccountIndex::build(&[json!({"sector": "retail"})]).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$[0]"));
        let e = AccountIndex::build(&[json!({"id": "x", "name": "A"}), json!({"id": "x", "name": "B"})]).unwrap_err();
        assert_eq!((e.code, e.path.as_str()), (ErrorCode::DuplicateId, "$[1].id"));
        assert_eq!(AccountIndex::build(&[json!("Acme")]).unwrap_err().code, ErrorCode::InvalidRecord);
    }
}
