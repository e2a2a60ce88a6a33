//! The duplicate-detection config as written, read with path-precise errors; `compile.rs`
//! checks its meaning and builds the matchers.

use serde::Serialize;

use crate::config::impl_from_json;

/// `{ contacts, leads?, accounts, deals }`: match rules and blocking per object. Leads use
/// the contacts' rules unless `leads` is given.
#[derive(Debug)]
pub(crate) struct DedupeConfig {
    pub deals: Option<ObjectConfig>,
    pub leads: Option<ObjectConfig>,
    pub contacts: Option<ObjectConfig>,
    pub accounts: Option<ObjectConfig>,
}

/// How one object's duplicates are found.
#[derive(Debug)]
pub(crate) struct ObjectConfig {
    pub blocking: BlockingConfig,
    pub rules: Vec<RuleConfig>,
}

/// Which records are compared: those sharing a block key, and neighbours in a sorted order.
#[derive(Debug)]
pub(crate) struct BlockingConfig {
    pub keys: Vec<BlockKeyConfig>,
    pub neighbourhood: Option<NeighbourhoodConfig>,
    pub max_block_size: u32,
}

/// A blocking key: records whose key values are equal are compared.
#[derive(Debug)]
pub(crate) struct BlockKeyConfig {
    pub id: String,
    pub fields: Vec<KeyPartConfig>,
}

/// One part of a key: a field's normalised value, or its first or last characters.
#[derive(Debug)]
pub(crate) struct KeyPartConfig {
    pub field: String,
    pub normalise: Normalise,
    pub first: Option<u32>,
    pub last: Option<u32>,
}

/// Sorted neighbourhood: records sorted by a key, each compared with the next `window − 1`.
#[derive(Debug)]
pub(crate) struct NeighbourhoodConfig {
    pub fields: Vec<KeyPartConfig>,
    pub window: u32,
}

/// A match rule: fields compared, each adding its weight when it agrees; a pair is a
/// duplicate when the sum reaches the threshold.
#[derive(Debug)]
pub(crate) struct RuleConfig {
    pub id: String,
    pub label: Option<String>,
    pub fields: Vec<FieldConfig>,
    pub threshold: Option<f64>,
}

/// One field of a match rule.
#[derive(Debug)]
pub(crate) struct FieldConfig {
    pub field: String,
    pub method: Method,
    pub normalise: Option<Normalise>,
    pub measures: Option<Vec<Measure>>,
    pub threshold: Option<f64>,
    pub weight: Option<f64>,
    pub m: Option<f64>,
    pub u: Option<f64>,
    pub match_blank: bool,
}

/// How a field's values are compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Method {
    /// The text as read, character for character.
    Exact,
    /// The normalised forms are equal (phones: the same line).
    Normalised,
    /// Equal normalised forms, or one of the fuzzy measures agrees.
    Fuzzy,
}

/// The normalised form a field's value is compared or blocked in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Normalise {
    /// The text as read.
    None,
    /// Lower case, punctuation removed, words separated by single spaces.
    Text,
    /// As `Text`, with no spaces at all (`GTX Pro` and `GTXPro` are one).
    Compact,
    /// A person's name: `Text` without titles and suffixes (`Dr.`, `Jr.`).
    PersonName,
    /// A company name without legal forms (`Acme, Inc.` is `acme`).
    Company,
    /// An email address in canonical form (Gmail dots and `+tags` removed).
    Email,
    /// The web domain of an email, URL or host.
    Domain,
    /// The web domain, left blank when it is a free-mail provider's.
    BusinessDomain,
    /// The digits of a phone number.
    Phone,
    /// A date's UTC day, `YYYY-MM-DD`.
    Date,
    /// A date's UTC month, `YYYY-MM`.
    Month,
    /// A number, written plainly (`"1200.50"` and `1200.5` are one).
    Number,
}

/// A fuzzy measure: a way two different normalised values can still agree.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum Measure {
    /// Jaro-Winkler similarity at or above the field's threshold.
    JaroWinkler,
    /// Levenshtein similarity (1 − edits / longer length) at or above the threshold.
    Levenshtein,
    /// Initials stand for the other's words (`J` and `John`).
    Initials,
    /// Variants of one given name (`Bob` and `Robert`).
    Nickname,
    /// One company name is the other's acronym (`IBM`).
    Acronym,
}

impl Method {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Method::Exact => "exact",
            Method::Normalised => "normalised",
            Method::Fuzzy => "fuzzy",
        }
    }
}

impl Normalise {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Normalise::None => "none",
            Normalise::Text => "text",
            Normalise::Compact => "compact",
            Normalise::PersonName => "personName",
            Normalise::Company => "company",
            Normalise::Email => "email",
            Normalise::Domain => "domain",
            Normalise::BusinessDomain => "businessDomain",
            Normalise::Phone => "phone",
            Normalise::Date => "date",
            Normalise::Month => "month",
            Normalise::Number => "number",
        }
    }

    /// Whether values in this form are text that fuzzy measures can compare.
    pub(crate) fn is_textual(self) -> bool {
        !matches!(self, Normalise::Date | Normalise::Month | Normalise::Number)
    }
}

impl Measure {
    /// The JSON name.
    pub fn name(self) -> &'static str {
        match self {
            Measure::JaroWinkler => "jaroWinkler",
            Measure::Levenshtein => "levenshtein",
            Measure::Initials => "initials",
            Measure::Nickname => "nickname",
            Measure::Acronym => "acronym",
        }
    }
}

impl_from_json!(enum Method { "exact" => Method::Exact, "normalised" => Method::Normalised, "normalized" => Method::Normalised, "fuzzy" => Method::Fuzzy });

impl_from_json!(enum Normalise {
    "none" => Normalise::None,
    "text" => Normalise::Text,
    "compact" => Normalise::Compact,
    "personName" => Normalise::PersonName,
    "company" => Normalise::Company,
    "email" => Normalise::Email,
    "domain" => Normalise::Domain,
    "businessDomain" => Normalise::BusinessDomain,
    "phone" => Normalise::Phone,
    "date" => Normalise::Date,
    "month" => Normalise::Month,
    "number" => Normalise::Number,
});

impl_from_json!(enum Measure {
    "jaroWinkler" => Measure::JaroWinkler,
    "levenshtein" => Measure::Levenshtein,
    "initials" => Measure::Initials,
    "nickname" => Measure::Nickname,
    "acronym" => Measure::Acronym,
});

impl_from_json!(struct DedupeConfig, deny {
    deals: "deals" = None,
    leads: "leads" = None,
    contacts: "contacts" = None,
    accounts: "accounts" = None,
});

impl_from_json!(struct ObjectConfig, deny { blocking: "blocking", rules: "rules" });

impl_from_json!(struct BlockingConfig, deny {
    keys: "keys" = Vec::new(),
    neighbourhood: "neighbourhood" = None,
    max_block_size: "maxBlockSize" = super::DEFAULT_MAX_BLOCK_SIZE,
});

impl_from_json!(struct BlockKeyConfig, deny { id: "id", fields: "fields" });

impl_from_json!(struct KeyPartConfig, deny {
    field: "field",
    normalise: "normalise" = Normalise::Text,
    first: "first" = None,
    last: "last" = None,
});

impl_from_json!(struct NeighbourhoodConfig, deny { fields: "fields", window: "window" });

impl_from_json!(struct RuleConfig, deny { id: "id", label: "label" = None, fields: "fields", threshold: "threshold" = None });

impl_from_json!(struct FieldConfig, deny {
    field: "field",
    method: "method",
    normalise: "normalise" = None,
    measures: "measures" = None,
    threshold: "threshold" = None,
    weight: "weight" = None,
    m: "m" = None,
    u: "u" = None,
    match_blank: "matchBlank" = false,
});
