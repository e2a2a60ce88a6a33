//! The hygiene report: every section's findings, with a summary of their headline counts.

use serde::Serialize;

use super::completeness::CompletenessReport;
use super::decay::{ExpectedDecay, ObjectDecay};
use super::dedupe::DuplicateReport;
use super::records::{ByObject, ObjectKind, Tally};
use super::spellings::SpellingReport;
use super::validation::RuleResult;

/// The data-quality audit of one dataset at one instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct HygieneReport {
    /// The instant the report is computed at (ISO-8601, UTC).
    pub now: String,
    /// Records per list.
    pub records: ByObject<u64>,
    /// The headline counts, one per section and object.
    pub summary: Vec<Headline>,
    /// Duplicates per list (lists with match rules).
    pub duplicates: ByObject<DuplicateReport>,
    /// Completeness per list (lists with a completeness config).
    pub completeness: ByObject<CompletenessReport>,
    /// Validation rules, most failing first.
    pub validation: ValidationReport,
    /// Stale records.
    pub decay: DecayReport,
    /// Inconsistent spellings per list, one report per field checked.
    pub spellings: ByObject<Vec<SpellingReport>>,
    /// What was not checked, and why.
    pub notes: Vec<String>,
}

/// One headline count.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Headline {
    /// `duplicates`, `completeness`, `validation`, `decay` or `spellings`.
    pub section: &'static str,
    /// The list.
    pub object: ObjectKind,
    /// What was found, out of what.
    #[serde(flatten)]
    pub tally: Tally,
}

/// The validation rules' results.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidationReport {
    /// Every rule, the most failing records first (config order on a tie: deals, leads,
    /// contacts, accounts).
    pub rules: Vec<RuleResult>,
    /// Records failing at least one rule, per list.
    pub failing_records: ByObject<Tally>,
}

/// Stale records, and the published decay rate for comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct DecayReport {
    /// Per list with a decay config.
    pub objects: ByObject<ObjectDecay>,
    /// The published rate of B2B contact data decay, for reference only.
    pub expected: ExpectedDecay,
}

impl HygieneReport {
    /// The summary of the sections' headline counts.
    pub(crate) fn headlines(&self) -> Vec<Headline> {
        let mut out = Vec::new();
        let mut push = |section, object, tally: &Tally| out.push(Headline { section, object, tally: tally.clone() });
        for (kind, d) in self.duplicates.iter() {
            push("duplicates", kind, &d.duplicate_records);
        }
        for (kind, c) in self.completeness.iter() {
            let incomplete = c.records - c.complete.count;
            push("completeness", kind, &Tally::new(incomplete, c.records, kind.key(), "a field they should have is empty"));
        }
        for (kind, t) in self.validation.failing_records.iter() {
            push("validation", kind, t);
        }
        for (kind, d) in self.decay.objects.iter() {
            push("decay", kind, &d.stale);
        }
        for (kind, reports) in self.spellings.iter() {
            let (fix, with) = reports.iter().fold((0, 0), |(f, w), r| (f + r.to_fix.count, w + r.to_fix.out_of));
            push("spellings", kind, &Tally::new(fix, with, "values checked", "written another way than the spelling to keep"));
        }
        out
    }
}
