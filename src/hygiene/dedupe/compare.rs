//! Comparing two prepared records: each field of a rule agrees, disagrees or is blank, and
//! the weights of the outcomes sum into the rule's score.

use serde::Serialize;

use super::config::{Measure, Method, Normalise};
use super::prepare::Prepared;
use crate::matching::normalize::same_phone;
use crate::matching::similarity::{jaro_winkler, levenshtein_similarity};
use crate::matching::variants::{initials_agree, is_acronym_of, share_a_group};

/// How a field of a pair compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum How {
    /// The texts as read are equal.
    Exact,
    /// The normalised forms are equal.
    Normalised,
    /// Two phone numbers of one line (with and without a country code).
    SameLine,
    /// Variants of one given name.
    Nickname,
    /// Initials stand for the other's words.
    Initials,
    /// One company name is the other's acronym.
    Acronym,
    /// Jaro-Winkler similarity reached the threshold.
    JaroWinkler,
    /// Levenshtein similarity reached the threshold.
    Levenshtein,
    /// The values differ.
    Different,
    /// Blank in one record, filled in the other: never a match.
    BlankInOne,
    /// Blank in both: a match only with `matchBlank`.
    BlankInBoth,
}

/// The outcome of comparing one field, with the best similarity a fuzzy measure found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Outcome {
    pub how: How,
    pub similarity: Option<f64>,
}

/// One compiled field of a match rule.
#[derive(Debug, Clone)]
pub(crate) struct FieldMatcher {
    /// The record field, as the config names it.
    pub field: String,
    /// The prepared value's position in a record's row.
    pub feature: usize,
    pub method: Method,
    pub normalise: Normalise,
    /// Fuzzy measures, in the order tried.
    pub measures: Vec<Measure>,
    /// The similarity Jaro-Winkler or Levenshtein must reach.
    pub threshold: f64,
    /// Weight added when the field agrees.
    pub agree: f64,
    /// Weight added when it disagrees (0 with simple weights, negative with m and u).
    pub disagree: f64,
    /// Whether blank in both records counts as agreeing.
    pub match_blank: bool,
}

impl FieldMatcher {
    /// Compares the field's prepared values in two records.
    pub(crate) fn compare(&self, a: Option<&Prepared>, b: Option<&Prepared>) -> Outcome {
        let (a, b) = match (a, b) {
            (None, None) => return Outcome { how: How::BlankInBoth, similarity: None },
            (Some(a), Some(b)) => (a, b),
            _ => return Outcome { how: How::BlankInOne, similarity: None },
        };
        let equal = a.text() == b.text();
        let agreed = |how| Outcome { how, similarity: None };
        match self.method {
            Method::Exact => return if equal { agreed(How::Exact) } else { agreed(How::Different) },
            _ if equal => return agreed(How::Normalised),
            _ if self.normalise == Normalise::Phone && same_phone(a.text(), b.text()) => return agreed(How::SameLine),
            Method::Normalised => return agreed(How::Different),
            Method::Fuzzy => {}
        }
        let mut best: Option<f64> = None;
        for &measure in &self.measures {
            let similarity = match measure {
                Measure::Nickname => {
                    if let (Prepared::Person { groups: x, .. }, Prepared::Person { groups: y, .. }) = (a, b) {
                        if share_a_group(x, y) {
                            return agreed(How::Nickname);
                        }
                    }
                    continue;
                }
                Measure::Initials => {
                    if initials_agree(a.text(), b.text()) {
                        return agreed(How::Initials);
                    }
                    continue;
                }
                Measure::Acronym => {
                    if let (Prepared::Company { name: x, acronym: xa }, Prepared::Company { name: y, acronym: ya }) = (a, b) {
                        if is_acronym_of(x, y, ya) || is_acronym_of(y, x, xa) {
                            return agreed(How::Acronym);
                        }
                    }
                    continue;
                }
                Measure::JaroWinkler => (jaro_winkler(a.text(), b.text()), How::JaroWinkler),
                Measure::Levenshtein => (levenshtein_similarity(a.text(), b.text()), How::Levenshtein),
            };
            let (value, how) = similarity;
            if value >= self.threshold {
                return Outcome { how, similarity: Some(value) };
            }
            best = Some(best.map_or(value, |b: f64| b.max(value)));
        }
        Outcome { how: How::Different, similarity: best }
    }

    /// Whether an outcome counts as the field agreeing.
    pub(crate) fn agrees(&self, outcome: &Outcome) -> bool {
        match outcome.how {
            How::Different | How::BlankInOne => false,
            How::BlankInBoth => self.match_blank,
            _ => true,
        }
    }

    /// The weight an outcome adds to the rule's score: blank fields add nothing, unless blank
    /// in both counts as agreeing.
    pub(crate) fn weight(&self, outcome: &Outcome) -> f64 {
        match outcome.how {
            How::BlankInOne => 0.0,
            How::BlankInBoth if !self.match_blank => 0.0,
            How::Different => self.disagree,
            _ => self.agree,
        }
    }

    /// The most the field can add to a score.
    pub(crate) fn max_weight(&self) -> f64 {
        self.agree.max(0.0)
    }
}

/// A compiled match rule.
#[derive(Debug, Clone)]
pub(crate) struct RuleMatcher {
    pub id: String,
    pub label: String,
    /// In config order, as explanations list them.
    pub fields: Vec<FieldMatcher>,
    /// The score a pair must reach.
    pub threshold: f64,
    /// Field positions in the order they are compared: cheap comparisons first.
    order: Vec<usize>,
    /// `headroom[k]`: the most the fields from `order[k]` on can still add.
    headroom: Vec<f64>,
}

/// Slack below the threshold within which a pair is never given up early, so that the
/// order of the additions can't change whether a pair reaches it.
const EARLY_EXIT_SLACK: f64 = 1e-9;

impl RuleMatcher {
    /// A rule of `fields` (at least one) that matches at `threshold`.
    pub(crate) fn new(id: String, label: String, fields: Vec<FieldMatcher>, threshold: f64) -> RuleMatcher {
        let cost = |f: &FieldMatcher| match f.method {
            Method::Exact => 0,
            Method::Normalised => 1,
            Method::Fuzzy => 2,
        };
        let mut order: Vec<usize> = (0..fields.len()).collect();
        let rank = |i: usize| fields.get(i).map_or(3, cost);
        crate::sort::sort_by(&mut order, |&x, &y| rank(x).cmp(&rank(y)));
        let mut headroom = vec![0.0; order.len() + 1];
        for k in (0..order.len()).rev() {
            headroom[k] = headroom[k + 1] + order.get(k).and_then(|&i| fields.get(i)).map_or(0.0, FieldMatcher::max_weight);
        }
        RuleMatcher { id, label, fields, threshold, order, headroom }
    }

    /// The rule's score for a pair of rows when it reaches the threshold; `None` otherwise,
    /// as soon as the fields left can't lift the score to it.
    pub(crate) fn score(&self, a: &[Option<Prepared>], b: &[Option<Prepared>]) -> Option<f64> {
        let mut weights = [0.0; 16];
        let mut running = 0.0;
        for (k, &i) in self.order.iter().enumerate() {
            let field = self.fields.get(i)?;
            let outcome = field.compare(value(a, field.feature), value(b, field.feature));
            let weight = field.weight(&outcome);
            if let Some(slot) = weights.get_mut(i) {
                *slot = weight;
            }
            running += weight;
            if running + self.headroom.get(k + 1).copied().unwrap_or(0.0) < self.threshold - EARLY_EXIT_SLACK {
                return None;
            }
        }
        // The score is summed in config order, as explanations list the fields.
        let score = if self.fields.len() <= weights.len() {
            weights.iter().take(self.fields.len()).sum()
        } else {
            self.outcomes(a, b).iter().zip(&self.fields).map(|(o, f)| f.weight(o)).sum()
        };
        (score >= self.threshold).then_some(score)
    }

    /// Every field's outcome for a pair of rows, in config order.
    pub(crate) fn outcomes(&self, a: &[Option<Prepared>], b: &[Option<Prepared>]) -> Vec<Outcome> {
        self.fields.iter().map(|f| f.compare(value(a, f.feature), value(b, f.feature))).collect()
    }
}

/// A row's prepared value at `feature`.
pub(crate) fn value(row: &[Option<Prepared>], feature: usize) -> Option<&Prepared> {
    row.get(feature).and_then(Option::as_ref)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hygiene::dedupe::prepare::prepare;
    use serde_json::json;

    fn field(method: Method, normalise: Normalise, measures: &[Measure]) -> FieldMatcher {
        FieldMatcher {
            field: "f".into(),
            feature: 0,
            method,
            normalise,
            measures: measures.to_vec(),
            threshold: 0.9,
            agree: 1.0,
            disagree: 0.0,
            match_blank: false,
        }
    }

    fn row(normalise: Normalise, value: serde_json::Value) -> Vec<Option<Prepared>> {
        vec![prepare(normalise, Some(&value)).unwrap()]
    }

    fn how(f: &FieldMatcher, a: serde_json::Value, b: serde_json::Value) -> How {
        f.compare(value(&row(f.normalise, a), 0), value(&row(f.normalise, b), 0)).how
    }

    #[test]
    fn methods_and_measures() {
        let exact = field(Method::Exact, Normalise::None, &[]);
        assert_eq!(how(&exact, json!("Acme"), json!("Acme")), How::Exact);
        assert_eq!(how(&exact, json!("Acme"), json!("acme")), How::Different);
        let company = field(Method::Normalised, Normalise::Company, &[]);
        assert_eq!(how(&company, json!("Acme, Inc."), json!("ACME Corporation")), How::Normalised);
        let phone = field(Method::Normalised, Normalise::Phone, &[]);
        assert_eq!(how(&phone, json!("+1 415 555 0100"), json!("(415) 555-0100")), How::SameLine);
        let first = field(Method::Fuzzy, Normalise::PersonName, &[Measure::Nickname, Measure::Initials, Measure::JaroWinkler]);
        assert_eq!(how(&first, json!("Bob"), json!("Robert")), How::Nickname);
        assert_eq!(how(&first, json!("J."), json!("John")), How::Initials);
        assert_eq!(how(&first, json!("Jonathon"), json!("Jonathan")), How::JaroWinkler);
        assert_eq!(how(&first, json!("Mary"), json!("John")), How::Different);
        let fuzzy_company = field(Method::Fuzzy, Normalise::Company, &[Measure::Acronym, Measure::JaroWinkler]);
        assert_eq!(how(&fuzzy_company, json!("IBM"), json!("International Business Machines Corp")), How::Acronym);
        let outcome = fuzzy_company.compare(value(&row(Normalise::Company, json!("Acme")), 0), value(&row(Normalise::Company, json!("Zenith")), 0));
        assert_eq!(outcome.how, How::Different);
        assert!(outcome.similarity.is_some_and(|s| s < 0.9), "the best similarity is kept: {outcome:?}");
    }

    #[test]
    fn blank_fields_never_match_filled_ones() {
        let mut f = field(Method::Normalised, Normalise::Text, &[]);
        let blank = row(Normalise::Text, json!(""));
        let filled = row(Normalise::Text, json!("x"));
        let one = f.compare(value(&blank, 0), value(&filled, 0));
        let both = f.compare(value(&blank, 0), value(&blank, 0));
        assert_eq!((one.how, both.how), (How::BlankInOne, How::BlankInBoth));
        assert!(!f.agrees(&one) && !f.agrees(&both));
        assert_eq!((f.weight(&one), f.weight(&both)), (0.0, 0.0));
        f.match_blank = true;
        assert!(!f.agrees(&one), "blank never matches filled, even with matchBlank");
        assert!(f.agrees(&both));
        assert_eq!(f.weight(&both), 1.0);
        f.disagree = -2.0;
        assert_eq!(f.weight(&one), 0.0, "a blank is no evidence either way");
    }

    #[test]
    fn rules_reach_their_threshold_or_stop_early() {
        let mut a = field(Method::Normalised, Normalise::Text, &[]);
        a.agree = 2.0;
        let mut b = field(Method::Fuzzy, Normalise::Text, &[Measure::JaroWinkler]);
        b.feature = 1;
        let rule = RuleMatcher::new("r".into(), "R".into(), vec![b, a], 3.0);
        let row = |x: &str, y: &str| vec![prepare(Normalise::Text, Some(&json!(y))).unwrap(), prepare(Normalise::Text, Some(&json!(x))).unwrap()];
        assert_eq!(rule.score(&row("smith", "acme"), &row("smith", "acme")), Some(3.0));
        assert_eq!(rule.score(&row("smith", "acme"), &row("smyth", "acme")), None, "2 + 0 < 3");
        let lenient = RuleMatcher::new("r".into(), "R".into(), rule.fields.clone(), 2.0);
        assert_eq!(lenient.score(&row("smith", "acme"), &row("smyth", "acme")), Some(2.0));
    }
}
