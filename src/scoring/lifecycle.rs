//! The recommended lifecycle stage: the highest listed stage whose conditions all hold.

use crate::rules::Rule;

/// Stages from lowest to highest, and the stage when none holds.
#[derive(Debug, Clone)]
pub(crate) struct Lifecycle {
    /// The stage when no listed stage holds, e.g. `"lead"`.
    pub default: String,
    /// Stages from lowest to highest.
    pub stages: Vec<Stage>,
}

/// One stage and its conditions (all must hold; absent ones are ignored).
#[derive(Debug, Clone)]
pub(crate) struct Stage {
    /// Stage name, e.g. `"mql"`.
    pub name: String,
    /// Lowest combined score.
    pub min_score: Option<f64>,
    /// Lowest (rounded) fit.
    pub min_fit: Option<f64>,
    /// Lowest (rounded) engagement.
    pub min_engagement: Option<f64>,
    /// A criterion on the lead.
    pub when: Option<Rule>,
}

/// The numbers a stage's thresholds compare.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scores {
    pub score: i64,
    pub fit: i64,
    pub engagement: i64,
}

impl Lifecycle {
    /// The highest stage whose conditions hold, else the default; `holds(i, when)` tells
    /// whether stage `i`'s criterion holds for the lead.
    pub(crate) fn recommend(&self, scores: Scores, holds: impl Fn(usize, &Rule) -> bool) -> &str {
        let reached = |min: Option<f64>, value: i64| min.map_or(true, |m| value as f64 >= m);
        self.stages
            .iter()
            .enumerate()
            .rev()
            .find(|(i, s)| {
                reached(s.min_score, scores.score)
                    && reached(s.min_fit, scores.fit)
                    && reached(s.min_engagement, scores.engagement)
                    && s.when.as_ref().map_or(true, |w| holds(*i, w))
            })
            .map_or(&self.default, |(_, s)| &s.name)
    }
}
