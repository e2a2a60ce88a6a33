//! The routing config as written by sales ops: types read with path-precise errors (unknown
//! keys are errors). [`super::compile`] validates them and builds the router.

use serde_json::Value;

use crate::config::{impl_from_json, mismatch, DeError, FromJson};
use crate::gates::DurationConfig;

/// The whole config.
#[derive(Debug)]
pub(crate) struct RouterConfig {
    pub time_zone: String,
    pub working_hours: Option<Vec<HoursConfig>>,
    pub holidays: Vec<String>,
    pub fields: Option<FieldsConfig>,
    pub reps: Vec<RepConfig>,
    pub queues: Vec<QueueConfig>,
    pub pools: Vec<PoolConfig>,
    pub territories: Vec<TerritoryConfig>,
    pub named_accounts: Vec<Value>,
    pub matching: MatchingConfig,
    pub rules: Vec<RuleConfig>,
    pub default_owner: TargetConfig,
    pub slas: Vec<SlaConfig>,
    pub concierge: ConciergeConfig,
}

impl_from_json!(struct RouterConfig, deny {
    time_zone: "timeZone" = "UTC".to_owned(),
    working_hours: "workingHours" = None,
    holidays: "holidays" = Vec::new(),
    fields: "fields" = None,
    reps: "reps" = Vec::new(),
    queues: "queues" = Vec::new(),
    pools: "pools" = Vec::new(),
    territories: "territories" = Vec::new(),
    named_accounts: "namedAccounts" = Vec::new(),
    matching: "matching" = MatchingConfig::default(),
    rules: "rules" = Vec::new(),
    default_owner: "defaultOwner",
    slas: "slas" = Vec::new(),
    concierge: "concierge" = ConciergeConfig::default(),
});

/// The lead fields the router reads itself, by name; every member has a default, so `{}`
/// reads as the defaults.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct FieldsConfig {
    pub email: String,
    pub website: String,
    pub company: String,
    pub phone: String,
    pub country: String,
    pub state: String,
    pub postal_code: String,
    pub employees: String,
    pub revenue: String,
    pub industry: String,
}

impl_from_json!(struct FieldsConfig, deny {
    email: "email" = "email".to_owned(),
    website: "website" = "website".to_owned(),
    company: "company" = "company".to_owned(),
    phone: "phone" = "phone".to_owned(),
    country: "country" = "country".to_owned(),
    state: "state" = "state".to_owned(),
    postal_code: "postalCode" = "postalCode".to_owned(),
    employees: "employees" = "employees".to_owned(),
    revenue: "revenue" = "annualRevenue".to_owned(),
    industry: "industry" = "industry".to_owned(),
});

/// A working-hours window on some weekdays.
#[derive(Debug)]
pub(crate) struct HoursConfig {
    pub days: Vec<String>,
    pub from: String,
    pub to: String,
}

impl_from_json!(struct HoursConfig, deny { days: "days", from: "from", to: "to" });

/// An out-of-office range.
#[derive(Debug)]
pub(crate) struct AwayConfig {
    pub from: String,
    pub to: String,
    pub reason: Option<String>,
}

impl_from_json!(struct AwayConfig, deny { from: "from", to: "to", reason: "reason" = None });

/// A rep.
#[derive(Debug)]
pub(crate) struct RepConfig {
    pub id: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub time_zone: Option<String>,
    pub working_hours: Option<Vec<HoursConfig>>,
    pub out_of_office: Vec<AwayConfig>,
    pub holidays: Vec<String>,
    pub cap_per_day: Option<f64>,
    pub cap_per_month: Option<f64>,
}

impl_from_json!(struct RepConfig, deny {
    id: "id",
    name: "name" = None,
    email: "email" = None,
    time_zone: "timeZone" = None,
    working_hours: "workingHours" = None,
    out_of_office: "outOfOffice" = Vec::new(),
    holidays: "holidays" = Vec::new(),
    cap_per_day: "capPerDay" = None,
    cap_per_month: "capPerMonth" = None,
});

/// A queue.
#[derive(Debug)]
pub(crate) struct QueueConfig {
    pub id: String,
    pub label: Option<String>,
}

impl_from_json!(struct QueueConfig, deny { id: "id", label: "label" = None });

/// A round-robin pool.
#[derive(Debug)]
pub(crate) struct PoolConfig {
    pub id: String,
    pub label: Option<String>,
    pub members: Vec<MemberConfig>,
    pub fallback: Option<TargetConfig>,
}

impl_from_json!(struct PoolConfig, deny {
    id: "id",
    label: "label" = None,
    members: "members",
    fallback: "fallback" = None,
});

/// A pool member: a rep id, or `{ rep, weight }`.
#[derive(Debug)]
pub(crate) struct MemberConfig {
    pub rep: String,
    pub weight: f64,
}

/// `{ rep, weight }`.
struct WeightedMember {
    rep: String,
    weight: f64,
}

impl_from_json!(struct WeightedMember, deny { rep: "rep", weight: "weight" = 1.0 });

impl FromJson for MemberConfig {
    fn from_json(value: &Value) -> Result<Self, DeError> {
        match value {
            Value::String(rep) => Ok(MemberConfig { rep: rep.clone(), weight: 1.0 }),
            Value::Object(_) => WeightedMember::from_json(value).map(|m| MemberConfig { rep: m.rep, weight: m.weight }),
            other => Err(mismatch(other, "a rep id or { rep, weight }")),
        }
    }
}

/// Who a rule, territory, pool fallback or the default owner assigns to: exactly one of the
/// members is set (checked when compiling).
#[derive(Debug, Default)]
pub(crate) struct TargetConfig {
    pub rep: Option<String>,
    pub queue: Option<String>,
    pub pool: Option<String>,
    pub territory: Option<String>,
    pub territories: Option<TerritoryList>,
    pub account_owner: Option<bool>,
}

impl_from_json!(struct TargetConfig, deny {
    rep: "rep" = None,
    queue: "queue" = None,
    pool: "pool" = None,
    territory: "territory" = None,
    territories: "territories" = None,
    account_owner: "accountOwner" = None,
});

/// `"all"` or a list of territory ids.
#[derive(Debug)]
pub(crate) enum TerritoryList {
    All,
    Some(Vec<String>),
}

impl FromJson for TerritoryList {
    fn from_json(value: &Value) -> Result<Self, DeError> {
        match value {
            Value::String(s) if s == "all" => Ok(TerritoryList::All),
            Value::Array(_) => Vec::<String>::from_json(value).map(TerritoryList::Some),
            other => Err(mismatch(other, "\"all\" or a list of territory ids")),
        }
    }
}

/// A `{ min, max }` range.
#[derive(Debug, Clone, Copy)]
pub(crate) struct RangeConfig {
    pub min: Option<f64>,
    pub max: Option<f64>,
}

impl_from_json!(struct RangeConfig, deny { min: "min" = None, max: "max" = None });

/// A territory.
#[derive(Debug)]
pub(crate) struct TerritoryConfig {
    pub id: String,
    pub label: Option<String>,
    pub priority: f64,
    pub countries: Option<Vec<String>>,
    pub states: Option<Vec<String>>,
    pub postal_prefixes: Option<Vec<String>>,
    pub employees: Option<RangeConfig>,
    pub revenue: Option<RangeConfig>,
    pub industries: Option<Vec<String>>,
    pub when: Option<Value>,
    pub assign: TargetConfig,
}

impl_from_json!(struct TerritoryConfig, deny {
    id: "id",
    label: "label" = None,
    priority: "priority" = 0.0,
    countries: "countries" = None,
    states: "states" = None,
    postal_prefixes: "postalPrefixes" = None,
    employees: "employees" = None,
    revenue: "revenue" = None,
    industries: "industries" = None,
    when: "when" = None,
    assign: "assign",
});

/// How leads are matched to accounts.
#[derive(Debug)]
pub(crate) struct MatchingConfig {
    pub methods: Option<Vec<String>>,
    pub fuzzy_threshold: f64,
}

impl Default for MatchingConfig {
    fn default() -> Self {
        MatchingConfig { methods: None, fuzzy_threshold: super::accounts::DEFAULT_FUZZY_THRESHOLD }
    }
}

impl_from_json!(struct MatchingConfig, deny {
    methods: "methods" = None,
    fuzzy_threshold: "fuzzyThreshold" = super::accounts::DEFAULT_FUZZY_THRESHOLD,
});

/// A routing rule.
#[derive(Debug)]
pub(crate) struct RuleConfig {
    pub id: String,
    pub label: Option<String>,
    pub criteria: Vec<Value>,
    pub filter: Option<String>,
    pub assign: TargetConfig,
}

impl_from_json!(struct RuleConfig, deny {
    id: "id",
    label: "label" = None,
    criteria: "criteria" = Vec::new(),
    filter: "filter" = None,
    assign: "assign",
});

/// A response-time SLA.
#[derive(Debug)]
pub(crate) struct SlaConfig {
    pub id: String,
    pub label: Option<String>,
    pub when: Option<Value>,
    pub within: DurationConfig,
}

impl_from_json!(struct SlaConfig, deny { id: "id", label: "label" = None, when: "when" = None, within: "within" });

/// The form concierge's settings.
#[derive(Debug, Default)]
pub(crate) struct ConciergeConfig {
    pub hot: Option<Value>,
}

impl_from_json!(struct ConciergeConfig, deny { hot: "hot" = None });
