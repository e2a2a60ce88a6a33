//! The stage table: each stage's win probability, forecast category, order and expected days.
//! [`default_stages`] matches the default stage-gate pipeline; options may pass their own.

use serde::Serialize;
use serde_json::Value;

use super::de;
use super::group::FastMap;
use super::input::Outcome;
use crate::config::{deserialize_via_from_json, impl_from_json, need, object, DeError, FromJson};
use crate::rules::number::Plain;
use crate::sort::sort_by;
use crate::{Error, ErrorCode, Result, path};

/// Forecast category of a stage, as in Salesforce: cumulative roll-ups are
/// Closed ⊂ Commit ⊂ Best Case ⊂ Pipeline; Omitted is left out of every forecast.
/// JSON: `"pipeline" | "best_case" | "commit" | "closed" | "omitted"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ForecastCategory {
    /// Early-stage, not expected to close in the period without a push.
    Pipeline,
    /// Could close in the period (JSON `best_case`, or `bestCase`).
    BestCase,
    /// The rep commits to closing it in the period.
    Commit,
    /// Closed won.
    Closed,
    /// Excluded from forecasts (closed lost, on hold).
    Omitted,
}

impl ForecastCategory {
    /// Position in per-category arrays.
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// One stage of the sales process. The JSON shape is the stage-gate pipeline's stage summary:
/// `{ id, label?, probability, forecastCategory (alias category), order?, expectedDays?, outcome? }`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StageInfo {
    /// Stable id, e.g. `"demo"`.
    pub id: String,
    /// Display name, e.g. `"Demo"`; defaults to the id.
    pub label: String,
    /// Chance an open deal in this stage is won, 0–1.
    pub probability: f64,
    /// Forecast category of deals in this stage (JSON `forecastCategory`, or `category`).
    #[serde(rename = "forecastCategory")]
    pub category: ForecastCategory,
    /// Position in the process (ascending); ties keep list order. Defaults to 0.
    pub order: u32,
    /// Days a deal is expected to spend in this stage, shown next to the measured average.
    pub expected_days: Option<u32>,
    /// `won` or `lost` for a closed stage: deals in it have that outcome, whatever its name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcome: Option<Outcome>,
}

impl StageInfo {
    /// Whether deals leave the process here: a closed or omitted stage, or one with an outcome.
    pub fn is_terminal(&self) -> bool {
        matches!(self.category, ForecastCategory::Closed | ForecastCategory::Omitted)
            || matches!(self.outcome, Some(Outcome::Won | Outcome::Lost))
    }
}

impl_from_json!(enum ForecastCategory {
    "pipeline" => ForecastCategory::Pipeline,
    "bestCase" => ForecastCategory::BestCase,
    "best_case" => ForecastCategory::BestCase,
    "commit" => ForecastCategory::Commit,
    "closed" => ForecastCategory::Closed,
    "omitted" => ForecastCategory::Omitted,
});

impl FromJson for StageInfo {
    /// Read as `#[derive(Deserialize)]` would: `category` is an alias of `forecastCategory`,
    /// and giving both is a `duplicate field` error.
    fn from_json(value: &Value) -> std::result::Result<StageInfo, DeError> {
        const FIELDS: &[&str] = &["id", "label", "probability", "category", "forecastCategory", "order", "expectedDays", "outcome"];
        let (mut id, mut label, mut probability, mut category, mut order, mut expected_days, mut outcome) =
            (None, String::new(), None, None, 0, None, None);
        object(value, "struct StageInfo", FIELDS, false, &mut |i, v| {
            match i {
                0 => id = Some(String::from_json(v)?),
                1 => label = String::from_json(v)?,
                2 => probability = Some(f64::from_json(v)?),
                3 | 4 if category.is_some() => return Err(DeError::duplicate("forecastCategory")),
                3 | 4 => category = Some(ForecastCategory::from_json(v)?),
                5 => order = u32::from_json(v)?,
                6 => expected_days = Option::<u32>::from_json(v)?,
                _ => outcome = de::opt_outcome(v)?,
            }
            Ok(())
        })?;
        let (id, probability) = (need(id, "id")?, need(probability, "probability")?);
        Ok(StageInfo { id, label, probability, category: need(category, "forecastCategory")?, order, expected_days, outcome })
    }
}

deserialize_via_from_json!(ForecastCategory, StageInfo);

/// The default pipeline's stages: Prospecting (10%, pipeline, 7 days), Discovery (20%,
/// pipeline, 14), Demo (40%, best case, 10), Proposal (60%, best case, 14), Negotiation (80%,
/// commit, 10), Closed Won (100%, closed, won), Closed Lost (0%, omitted, lost).
pub fn default_stages() -> Vec<StageInfo> {
    use ForecastCategory::*;
    let rows = [
        ("prospecting", "Prospecting", 0.10, Pipeline, Some(7), None),
        ("discovery", "Discovery", 0.20, Pipeline, Some(14), None),
        ("demo", "Demo", 0.40, BestCase, Some(10), None),
        ("proposal", "Proposal", 0.60, BestCase, Some(14), None),
        ("negotiation", "Negotiation", 0.80, Commit, Some(10), None),
        ("closed_won", "Closed Won", 1.0, Closed, None, Some(Outcome::Won)),
        ("closed_lost", "Closed Lost", 0.0, Omitted, None, Some(Outcome::Lost)),
    ];
    rows.iter()
        .zip(0..)
        .map(|(&(id, label, probability, category, expected_days, outcome), order)| StageInfo {
            id: id.into(),
            label: label.into(),
            probability,
            category,
            order,
            expected_days,
            outcome,
        })
        .collect()
}

/// A validated stage table sorted by order, with the conversion path precomputed.
#[derive(Debug, Clone)]
pub(crate) struct StageTable {
    /// Stages sorted by `order`.
    pub stages: Vec<StageInfo>,
    /// Stages deals progress through (every stage but omitted and lost ones), as indices into
    /// `stages`, in order.
    pub path: Vec<usize>,
    /// Each stage's position on `path`.
    pub position: Vec<Option<usize>>,
    /// Path position a won deal reaches: the first won (else closed-category) stage on the path.
    pub won_position: Option<usize>,
}

impl StageTable {
    /// Validates `stages` (errors point at `$.stages[i]`) and sorts them by order.
    pub fn new(stages: &[StageInfo]) -> Result<StageTable> {
        for (i, stage) in stages.iter().enumerate() {
            let at = path::index("$.stages", i);
            if stage.id.trim().is_empty() {
                return Err(Error::input(ErrorCode::InvalidStage, path::key(&at, "id"), "A stage needs a non-empty id."));
            }
            if !(0.0..=1.0).contains(&stage.probability) {
                return Err(Error::input(
                    ErrorCode::InvalidStage,
                    path::key(&at, "probability"),
                    format!("Stage \"{}\" has probability {}; use a number from 0 to 1 (0.4 for 40%).", stage.id, Plain(stage.probability)),
                ));
            }
            if stages[..i].iter().any(|s| s.id.eq_ignore_ascii_case(&stage.id)) {
                return Err(Error::input(ErrorCode::InvalidStage, path::key(&at, "id"), format!("Stage id \"{}\" appears twice.", stage.id)));
            }
        }
        let mut sorted = stages.to_vec();
        sort_by(&mut sorted, |a, b| a.order.cmp(&b.order));
        for s in &mut sorted {
            if s.label.is_empty() {
                s.label.clone_from(&s.id);
            }
        }
        let lost = |s: &StageInfo| s.category == ForecastCategory::Omitted || s.outcome == Some(Outcome::Lost);
        let path: Vec<usize> = (0..sorted.len()).filter(|&i| !lost(&sorted[i])).collect();
        let mut position = vec![None; sorted.len()];
        for (p, &i) in path.iter().enumerate() {
            position[i] = Some(p);
        }
        let won_position = (path.iter().position(|&i| sorted[i].outcome == Some(Outcome::Won)))
            .or_else(|| path.iter().position(|&i| sorted[i].category == ForecastCategory::Closed));
        Ok(StageTable { stages: sorted, path, position, won_position })
    }

    /// Number of stages.
    pub fn len(&self) -> usize {
        self.stages.len()
    }

    /// The stage named `name`: by id, else by label, both case-insensitive.
    pub fn find(&self, name: &str) -> Option<usize> {
        let name = name.trim();
        (self.stages.iter().position(|s| s.id.eq_ignore_ascii_case(name)))
            .or_else(|| self.stages.iter().position(|s| s.label.eq_ignore_ascii_case(name)))
    }

    /// What a deal's stage name says: the matched stage, and the outcome the stage implies —
    /// the stage's own `outcome`; else won for "Won"/"Closed Won", lost for "Lost"/"Closed
    /// Lost" (case, spaces, `_` and `-` ignored); else won for a closed-category stage; else open.
    pub fn classify(&self, name: &str) -> StageMatch {
        let index = self.find(name);
        let outcome = if let Some(outcome) = index.and_then(|i| self.stages[i].outcome) {
            outcome
        } else if named(name, "won") || named(name, "closedwon") {
            Outcome::Won
        } else if named(name, "lost") || named(name, "closedlost") {
            Outcome::Lost
        } else if index.is_some_and(|i| self.stages[i].category == ForecastCategory::Closed) {
            Outcome::Won
        } else {
            Outcome::Open
        };
        StageMatch { index, outcome }
    }
}

/// A stage name read against the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StageMatch {
    /// Index of the matched stage, if any.
    pub index: Option<usize>,
    /// Outcome of a deal in this stage when the deal does not say.
    pub outcome: Outcome,
}

/// [`StageTable::classify`] once per distinct stage name.
pub(crate) struct StageLookup<'a> {
    /// The table.
    pub table: &'a StageTable,
    cache: FastMap<&'a str, StageMatch>,
}

impl<'a> StageLookup<'a> {
    /// An empty cache over `table`.
    pub fn new(table: &'a StageTable) -> Self {
        StageLookup { table, cache: FastMap::default() }
    }

    /// What `name` means.
    pub fn get(&mut self, name: &'a str) -> StageMatch {
        let table = self.table;
        *self.cache.entry(name).or_insert_with(|| table.classify(name))
    }
}

/// Whether `name`, lowercased with everything but letters and digits dropped, is `target`.
fn named(name: &str, target: &str) -> bool {
    name.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase()).eq(target.bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_table_matches_the_default_pipeline() {
        let t = StageTable::new(&default_stages()).unwrap();
        let ids: Vec<_> = t.stages.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["prospecting", "discovery", "demo", "proposal", "negotiation", "closed_won", "closed_lost"]);
        let probs: Vec<_> = t.stages.iter().map(|s| s.probability).collect();
        assert_eq!(probs, [0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 0.0]);
        assert_eq!(t.path, [0, 1, 2, 3, 4, 5]);
        assert_eq!(t.won_position, Some(5));
        assert_eq!(t.find("Closed Won"), Some(5));
        assert_eq!(t.find("DEMO"), Some(2));
        assert_eq!(t.find("Engaging"), None);
    }

    #[test]
    fn outcomes_come_from_stage_names() {
        let t = StageTable::new(&default_stages()).unwrap();
        for (stage, outcome) in [("Won", Outcome::Won), ("closedwon", Outcome::Won), ("Closed Won", Outcome::Won),
            ("closed_lost", Outcome::Lost), ("Lost", Outcome::Lost), ("Negotiation", Outcome::Open), ("Engaging", Outcome::Open)] {
            assert_eq!(t.classify(stage).outcome, outcome, "{stage}");
        }
        assert_eq!(t.classify("closed-won"), StageMatch { index: None, outcome: Outcome::Won });
        assert_eq!(t.classify("Closed Won"), StageMatch { index: Some(5), outcome: Outcome::Won });
        let mut custom = default_stages();
        custom[5].id = "signed".into();
        custom[5].label = "Signed".into();
        custom[6].id = "churned".into();
        custom[6].label = "Churned".into();
        let t = StageTable::new(&custom).unwrap();
        assert_eq!(t.classify("Signed").outcome, Outcome::Won);
        assert_eq!(t.classify("Churned").outcome, Outcome::Lost);
        custom[5].outcome = None;
        let t = StageTable::new(&custom).unwrap();
        assert_eq!(t.classify("Signed").outcome, Outcome::Won); // closed category
    }

    #[test]
    fn invalid_tables_are_rejected_with_a_path() {
        let mut s = default_stages();
        s[2].probability = 40.0;
        let e = StageTable::new(&s).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_STAGE", "$.stages[2].probability"));
        let mut s = default_stages();
        s[3].id = "Demo".into();
        assert_eq!(StageTable::new(&s).unwrap_err().path, "$.stages[3].id");
    }
}
