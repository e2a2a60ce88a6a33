//! Whole-deal scoring with the default config: bounds, determinism and monotonicity over many
//! generated deals, missing data, closed deals, batches, options and input errors.

mod health_support;

use health_support::{ago, day, engine, factor, score, NOW};
use pipescore::health::{Band, DealHealth, DealHealthReport, DealSet, FactorDetail, ScoreOptions};
use serde_json::{json, Value};

/// A small deterministic generator (xorshift64*), so every run sees the same deals.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() * n as f64) as usize
    }
    fn chance(&mut self, p: f64) -> bool {
        self.next() < p
    }
}

const STAGES: [&str; 7] = ["prospecting", "discovery", "demo", "proposal", "negotiation", "closed_won", "closed_lost"];
const ROLES: [&str; 5] = ["decision_maker", "champion", "economic_buyer", "user", "signer"];
const TYPES: [&str; 5] = ["email", "call", "meeting", "reply", "note"];

/// A deal with a random mix of present, missing and extreme data.
fn random_deal(rng: &mut Rng, i: usize) -> Value {
    let open_only = rng.chance(0.9);
    let stage = STAGES[rng.below(if open_only { 5 } else { STAGES.len() })];
    let mut deal = json!({"id": format!("d{i}"), "stage": stage});
    let age = rng.next() * 200.0;
    if rng.chance(0.8) {
        deal["createdAt"] = json!(ago(age));
    }
    if rng.chance(0.7) {
        deal["stageEnteredAt"] = json!(ago(rng.next() * age));
    }
    if rng.chance(0.8) {
        deal["closeDate"] = json!(day(rng.below(160) as i64 - 60));
    }
    if rng.chance(0.5) {
        deal["closeDatePushes"] = json!(rng.below(5));
    }
    if rng.chance(0.7) {
        deal["amount"] = json!(rng.below(100) * 1000);
    }
    if rng.chance(0.3) {
        deal["amountHistory"] = json!([{"amount": rng.below(100) * 1000, "changedAt": ago(age / 2.0)}]);
    }
    let contacts: Vec<Value> = (0..rng.below(5))
        .map(|c| {
            let mut contact = json!({"name": format!("c{c}")});
            if rng.chance(0.7) {
                contact["role"] = json!(ROLES[rng.below(ROLES.len())]);
            }
            if rng.chance(0.3) {
                contact["engaged"] = json!(rng.chance(0.5));
            }
            contact
        })
        .collect();
    let activities: Vec<Value> = (0..rng.below(12))
        .map(|_| {
            let mut a = json!({"type": TYPES[rng.below(TYPES.len())], "at": ago(rng.next() * 70.0 - 3.0)});
            if !contacts.is_empty() && rng.chance(0.5) {
                a["contact"] = json!(format!("c{}", rng.below(contacts.len())));
            }
            a
        })
        .collect();
    deal["contacts"] = json!(contacts);
    deal["activities"] = json!(activities);
    if rng.chance(0.4) {
        deal["stageHistory"] = json!([{"stage": "discovery", "enteredAt": ago(age)}, {"stage": STAGES[rng.below(5)], "enteredAt": ago(age / 2.0)}]);
    }
    match rng.below(3) {
        0 => {}
        1 => deal["nextStep"] = json!("Follow up"),
        _ => deal["nextStepDate"] = json!(day(rng.below(30) as i64 - 15)),
    }
    for field in ["terms", "decisionDate", "painPoints", "budgetRange", "timeline", "contractSentAt", "demoAttendees"] {
        if rng.chance(0.5) {
            deal[field] = json!("2026-11-01");
        }
    }
    deal
}

fn deals(n: usize) -> Vec<Value> {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..n).map(|i| random_deal(&mut rng, i)).collect()
}

#[test]
fn scores_stay_within_bounds_and_explain_the_lost_points() {
    let h = engine(Value::Null);
    for deal in deals(600) {
        let r = score(&h, &deal);
        let Some(s) = r.score else {
            assert_eq!(r.band, Band::Closed, "{deal}");
            continue;
        };
        assert!(s <= 100);
        let expected_band = if s >= 70 {
            Band::Healthy
        } else if s >= 40 {
            Band::AtRisk
        } else {
            Band::Critical
        };
        assert_eq!(r.band, expected_band);
        let lost: f64 = r.factors.iter().map(|f| f.impact).sum();
        assert!((100.0 - lost - f64::from(s)).abs() <= 1.2, "{deal}: score {s}, impacts {lost}");
        for f in &r.factors {
            assert!((0.0..=1.0).contains(&f.sub_score) && f.impact >= 0.0 && f.impact <= 100.0, "{f:?}");
            assert_eq!(f.action.is_none(), f.sub_score >= 1.0, "{f:?}");
        }
        assert!(r.factors.windows(2).all(|w| w[0].impact >= w[1].impact), "factors sorted by impact: {deal}");
        assert_eq!(r.factors.len() + r.skipped.len(), 13);
        let text = serde_json::to_string(&r).unwrap();
        assert!(!text.contains("NaN") && !text.contains("inf") && !text.contains("-0.0"), "{text}");
    }
}

#[test]
fn scoring_is_deterministic_and_order_independent() {
    let h = engine(Value::Null);
    let all = deals(200);
    let batch = h.score_many(&all, NOW, &ScoreOptions::default());
    for (deal, batched) in all.iter().zip(&batch) {
        let once = score(&h, deal);
        assert_eq!(&once, batched.as_ref().unwrap());
        assert_eq!(serde_json::to_string(&once).unwrap(), serde_json::to_string(&score(&h, deal)).unwrap());
        let mut reversed = deal.clone();
        for list in ["activities", "contacts", "stageHistory", "amountHistory"] {
            if let Some(items) = reversed.get_mut(list).and_then(Value::as_array_mut) {
                items.reverse();
            }
        }
        let r = score(&h, &reversed);
        assert_eq!((r.score, r.band), (once.score, once.band), "{deal}");
        assert_eq!(r.warnings.len(), once.warnings.len());
    }
}

/// Asserts `score` never rises along `deals`.
fn assert_non_increasing(h: &DealHealth, deals: impl IntoIterator<Item = Value>, what: &str) {
    let mut previous: Option<(u32, Value)> = None;
    for deal in deals {
        let s = score(h, &deal).score.unwrap_or_else(|| panic!("{what}: unscored {deal}"));
        if let Some((p, before)) = &previous {
            assert!(s <= *p, "{what}: score rose from {p} to {s}\nbefore: {before}\nafter: {deal}");
        }
        previous = Some((s, deal));
    }
}

#[test]
fn more_days_without_activity_never_raise_the_score() {
    let h = engine(Value::Null);
    for base in deals(150).into_iter().filter(|d| !d["stage"].as_str().unwrap().starts_with("closed")) {
        let latest = base["activities"].as_array().unwrap().iter().map(|a| a["at"].as_str().unwrap().to_owned()).min();
        let oldest_allowed = latest.map_or(120.0, |_| 0.0);
        let with_latest = |days: f64| {
            let mut d = base.clone();
            let mut activities = d["activities"].as_array().unwrap().clone();
            activities.retain(|a| a["at"].as_str().unwrap() < ago(days).as_str());
            activities.push(json!({"type": "call", "at": ago(days), "contact": "c0"}));
            d["activities"] = json!(activities);
            d
        };
        let steps = (0..60).map(|i| oldest_allowed + i as f64 * 1.5);
        assert_non_increasing(&h, steps.map(with_latest), "latest activity moving back");
    }
}

#[test]
fn worse_data_never_raises_the_score() {
    let h = engine(Value::Null);
    for base in deals(120).into_iter().filter(|d| !d["stage"].as_str().unwrap().starts_with("closed")) {
        let set = |key: &str, value: Value| {
            let mut d = base.clone();
            d[key] = value;
            d
        };
        assert_non_increasing(&h, (0..40).map(|i| set("closeDate", json!(day(-i)))), "close date further past");
        assert_non_increasing(&h, (0..6).map(|n| set("closeDatePushes", json!(n))), "more pushes");
        assert_non_increasing(&h, (0..20).map(|i| set("nextStepDate", json!(day(2 - i)))), "next step further overdue");
        let fewer_contacts = (0..=base["contacts"].as_array().unwrap().len()).rev().map(|n| {
            let contacts: Vec<Value> = base["contacts"].as_array().unwrap()[..n].to_vec();
            set("contacts", json!(contacts))
        });
        assert_non_increasing(&h, fewer_contacts, "fewer contacts");
        let smaller = (0..10).rev().map(|k| {
            let mut d = set("amount", json!(k * 10_000));
            d["amountHistory"] = json!([{"amount": 100_000, "changedAt": ago(100.0)}]);
            d
        });
        assert_non_increasing(&h, smaller, "amount further below its peak");
        if let Some(expected) = expected_days(base["stage"].as_str().unwrap()) {
            let longer = (0..40).map(|i| set("stageEnteredAt", json!(ago(expected * (1.0 + i as f64 * 0.1)))));
            assert_non_increasing(&h, longer, "longer past the stage's expected days");
        }
    }
}

fn expected_days(stage: &str) -> Option<f64> {
    let stages = pipescore::gates::Pipeline::compile(&pipescore::gates::Pipeline::default_config()).unwrap();
    stages.stages().iter().find(|s| s.id == stage).and_then(|s| s.expected_days).map(f64::from)
}

#[test]
fn exit_criteria_completeness_matches_the_stage_gates() {
    let h = engine(Value::Null);
    let mut compared = 0;
    for deal in deals(300) {
        let Ok(check) = h.pipeline().check(&deal, NOW) else { continue };
        let r = score(&h, &deal);
        match factor(&r, "exit_criteria").map(|f| &f.detail) {
            Some(FactorDetail::ExitCriteria(d)) => {
                assert_eq!(d.percent, f64::from(check.exit.completeness), "{deal}");
                assert_eq!(d.met + check.exit.unmet.iter().filter(|c| c.severity.as_deref() == Some("required")).count(), d.total);
                compared += 1;
            }
            _ => assert!(r.score.is_none(), "open stages all have required exit criteria: {deal}"),
        }
    }
    assert!(compared > 200);
}

#[test]
fn missing_data_scores_and_says_so() {
    let h = engine(Value::Null);
    let r = score(&h, &json!({"stage": "discovery"}));
    assert_eq!((r.score, r.band), (Some(14), Band::Critical));
    let reasons: Vec<&str> = r.factors.iter().map(|f| f.reason.as_str()).collect();
    for expected in ["No activity logged", "No contacts on the deal", "No close date set", "No next step"] {
        assert!(reasons.contains(&expected), "{reasons:?}");
    }
    let skipped: Vec<&str> = r.skipped.iter().map(|s| s.signal).collect();
    assert_eq!(skipped, ["stage_duration", "close_date_distance", "deal_age"]);
    let ids: Vec<&str> = r.warnings.iter().map(|w| w.id).collect();
    assert_eq!(ids, ["no_activity", "not_enough_contacts", "no_decision_maker"]);
    // Nulls and blank text are missing data too.
    let nulls = json!({"stage": "discovery", "closeDate": null, "activities": null, "contacts": null, "nextStep": " ", "amount": null});
    assert_eq!(score(&h, &nulls), r);
}

#[test]
fn closed_deals_are_not_scored() {
    let h = engine(Value::Null);
    for stage in ["closed_won", "closed_lost"] {
        let r = score(&h, &json!({"id": 7, "stage": stage, "activities": []}));
        assert_eq!((r.score, r.band, r.id), (None, Band::Closed, Some(json!(7))));
        assert!(r.factors.is_empty() && r.warnings.is_empty() && r.skipped.is_empty());
    }
}

#[test]
fn top_factors_limits_the_explanations_only() {
    let h = engine(Value::Null);
    let deal = &deals(10)[1];
    let all = score(&h, deal);
    let top = h.score(deal, NOW, &ScoreOptions { top_factors: Some(2) }).unwrap();
    assert_eq!((top.score, top.band, &top.warnings, &top.skipped), (all.score, all.band, &all.warnings, &all.skipped));
    assert_eq!(top.factors, all.factors[..2]);
    assert!(h.score(deal, NOW, &ScoreOptions { top_factors: Some(0) }).unwrap().factors.is_empty());
    assert_eq!(ScoreOptions::from_json(&json!({"topFactors": 3, "now": "x"})).unwrap().top_factors, Some(3));
    assert_eq!(ScoreOptions::from_json(&json!({"explain": false, "topFactors": 3})).unwrap().top_factors, Some(0));
    assert_eq!(ScoreOptions::from_json(&json!({"explain": true})).unwrap().top_factors, None);
    let e = ScoreOptions::from_json(&json!({"topFactors": -1})).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_OPTION", "$.topFactors"));
    let e = ScoreOptions::from_json(&json!({"explain": "no"})).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_OPTION", "$.explain"));
}

#[test]
fn ties_keep_the_config_order() {
    let h = engine(Value::Null);
    let r = score(&h, &json!({"stage": "discovery"}));
    let zero_impact: Vec<&str> = r.factors.iter().filter(|f| f.impact == 0.0).map(|f| f.signal).collect();
    assert_eq!(zero_impact, ["close_date_pushes", "amount_changes", "stage_regressions"]);
    let tied: Vec<&str> = r.factors.iter().filter(|f| f.weight == 10.0).map(|f| f.signal).collect();
    assert_eq!(tied, ["engaged_contacts", "buyer_roles", "close_date", "exit_criteria"]);
}

/// Deals that are input errors, with the error's code and path.
fn structurally_invalid_deals() -> Vec<(Value, &'static str, &'static str)> {
    vec![
        (json!("deal"), "INVALID_RECORD", "$"),
        (json!({}), "MISSING_STAGE", "$.stage"),
        (json!({"stage": 3}), "INVALID_RECORD", "$.stage"),
        (json!({"stage": "won"}), "UNKNOWN_STAGE", "$.stage"),
        (json!({"stage": "demo", "pipeline": "smb"}), "UNKNOWN_PIPELINE", "$.pipeline"),
        (json!({"stage": "demo", "closeDate": "next week"}), "INVALID_DATE", "$.closeDate"),
        (json!({"stage": "demo", "createdAt": true}), "INVALID_DATE", "$.createdAt"),
        (
            json!({"stage": "demo", "activities": [{"at": "2026-11-01"}, {"at": "2026-11-02"}, {"at": "2026-13-01"}]}),
            "INVALID_DATE",
            "$.activities[2].at",
        ),
        (json!({"stage": "demo", "activities": {"at": "2026-11-01"}}), "INVALID_RECORD", "$.activities"),
        (
            json!({"stage": "demo", "contacts": [{"name": "A", "engaged": "yes"}]}),
            "INVALID_RECORD",
            "$.contacts[0].engaged",
        ),
        (json!({"stage": "demo", "amount": "12000"}), "INVALID_RECORD", "$.amount"),
        (
            json!({"stage": "demo", "stageHistory": [{"stage": "demo", "enteredAt": "soon"}]}),
            "INVALID_DATE",
            "$.stageHistory[0].enteredAt",
        ),
        (json!({"stage": "demo", "nextStepDate": "tbd"}), "INVALID_DATE", "$.nextStepDate"),
        (json!({"stage": "demo", "closeDatePushes": 1.5}), "INVALID_RECORD", "$.closeDatePushes"),
    ]
}

#[test]
fn structurally_invalid_deals_are_input_errors_with_paths() {
    let h = engine(Value::Null);
    let cases = structurally_invalid_deals();
    for (deal, code, path) in &cases {
        let e = h.score(deal, NOW, &ScoreOptions::default()).unwrap_err();
        assert_eq!((e.code.as_str(), e.path.as_str()), (*code, *path), "{deal}: {}", e.message);
        assert_eq!(e.kind, pipescore::ErrorKind::Input);
    }
    let e = h.score(&cases[7].0, NOW, &ScoreOptions::default()).unwrap_err();
    assert!(e.message.contains("\"2026-13-01\""), "{}", e.message);
}

#[test]
fn a_batch_reports_bad_deals_in_place_and_scores_the_rest() {
    let h = engine(Value::Null);
    let batch = [
        json!({"stage": "demo"}),
        json!({"stage": "demo", "activities": [{"at": "x"}]}),
        json!({"stage": "closed_won"}),
    ];
    let results = h.score_many(&batch, NOW, &ScoreOptions::default());
    assert_eq!(results[0].as_ref().unwrap(), &score(&h, &batch[0]));
    let e = results[1].as_ref().unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_DATE", "$[1].activities[0].at"));
    assert_eq!(results[2].as_ref().unwrap().band, Band::Closed);
}

#[test]
fn a_deal_set_scores_as_score_many_does_at_any_now_and_with_any_config() {
    let mut all = deals(300);
    all.extend(structurally_invalid_deals().into_iter().map(|(deal, _, _)| deal));
    all.push(json!({"stage": "closed_lost", "activities": "not a list"}));
    let set = DealSet::new(all.clone());
    assert_eq!((set.len(), set.is_empty()), (all.len(), false));
    let configs = [Value::Null, json!({"signals": {"buyer_roles": {"roles": ["signer"]}}, "bands": {"healthy": 90}})];
    for config in configs {
        let h = engine(config);
        for now in [NOW, NOW - 40 * pipescore::time::DAY_MS] {
            for top_factors in [None, Some(0), Some(3)] {
                let options = ScoreOptions { top_factors };
                assert_eq!(h.score_set(&set, now, &options), h.score_many(&all, now, &options));
            }
        }
    }
    assert!(DealSet::new(vec![]).is_empty());
}

#[test]
fn a_deal_set_edited_in_place_scores_as_the_edited_array_does() {
    let generated = deals(60);
    let mut array: Vec<Value> = generated[..40].to_vec();
    let mut set = DealSet::new(array.clone());
    let engines = [engine(Value::Null), engine(json!({"bands": {"healthy": 90}}))];
    let check = |set: &DealSet, array: &[Value], step: &str| {
        assert_eq!(set.len(), array.len(), "{step}");
        for h in &engines {
            for options in [ScoreOptions::default(), ScoreOptions { top_factors: Some(0) }] {
                assert_eq!(h.score_set(set, NOW, &options), h.score_many(array, NOW, &options), "{step}");
            }
        }
    };
    check(&set, &array, "as read");
    // Each edit drops the exit-criteria outcomes the engines kept for the deals it touches.
    let met = json!({"id": "met", "stage": "prospecting", "contacts": [{"name": "Ana"}], "activities": [{"type": "meeting", "at": ago(2.0)}], "industry": "SaaS"});
    let unmet = json!({"id": "unmet", "stage": "prospecting"});
    array[3] = met.clone();
    set.set(3, met.clone()).unwrap();
    check(&set, &array, "set");
    array[3] = unmet.clone();
    set.set(3, unmet).unwrap();
    check(&set, &array, "set again");
    array[7] = json!({"stage": "demo", "activities": "not a list"});
    set.set(7, array[7].clone()).unwrap();
    check(&set, &array, "set to a bad deal: its error at its index");
    array.extend_from_slice(&generated[40..]);
    assert_eq!(set.append(generated[40..].to_vec()), 60);
    check(&set, &array, "append");
    array.drain(10..15);
    set.remove(10, 5).unwrap();
    check(&set, &array, "remove");
    array.remove(0);
    set.remove(0, 1).unwrap();
    set.remove(set.len(), 0).unwrap();
    check(&set, &array, "remove the first");

    let out_of_range = |e: pipescore::Error| (e.code.as_str(), e.path, e.message);
    let n = set.len();
    assert_eq!(
        out_of_range(set.set(n, met.clone()).unwrap_err()),
        ("INVALID_INDEX", "$".to_owned(), format!("The set has no deal at index {n}: it holds {n} deals, at indexes 0 to {}.", n - 1))
    );
    assert_eq!(out_of_range(set.remove(n - 1, 2).unwrap_err()).2, format!("The set has no deal at indexes {} to {n}: it holds {n} deals, at indexes 0 to {}.", n - 1, n - 1));
    assert_eq!(out_of_range(set.remove(usize::MAX, usize::MAX).unwrap_err()).0, "INVALID_INDEX");
    let mut empty = DealSet::new(vec![]);
    assert_eq!(out_of_range(empty.set(0, met).unwrap_err()).2, "The set has no deal at index 0: it holds no deal.");
    check(&set, &array, "unchanged by refused edits");
}

#[test]
fn a_deal_set_evaluates_exit_criteria_that_read_now_at_each_now() {
    let mut config = pipescore::gates::Pipeline::default_config();
    let proposal = config["stages"].as_array_mut().unwrap().iter_mut().find(|s| s["id"] == "proposal").unwrap();
    proposal["exit"] = json!([
        {"id": "recent", "rule": {"within_last_days": [{"var": "lastActivityAt"}, 7]}},
        {"id": "terms", "rule": {"filled": {"var": "terms"}}}
    ]);
    let pipeline = pipescore::gates::Pipeline::compile(&config).unwrap();
    let h = DealHealth::with_pipeline(&Value::Null, pipeline).unwrap();
    let deals = vec![json!({"stage": "proposal", "lastActivityAt": ago(3.0), "terms": "net 30"})];
    let set = DealSet::new(deals.clone());
    let exit = |r: &DealHealthReport| factor(r, "exit_criteria").map(|f| f.sub_score);
    for (now, met) in [(NOW, 1.0), (NOW + 10 * pipescore::time::DAY_MS, 0.5), (NOW, 1.0)] {
        let options = ScoreOptions::default();
        let report = h.score_set(&set, now, &options).remove(0).unwrap();
        assert_eq!(exit(&report), Some(met));
        assert_eq!(Ok(report), h.score_many(&deals, now, &options).remove(0));
    }
}

#[test]
fn deals_are_read_against_their_own_pipeline() {
    let mut config = json!({"pipelines": [pipescore::gates::Pipeline::default_config()]});
    let mut smb = pipescore::gates::Pipeline::default_config();
    smb["id"] = json!("smb");
    for stage in smb["stages"].as_array_mut().unwrap() {
        if stage.get("expectedDays").is_some() {
            stage["expectedDays"] = json!(3);
        }
    }
    config["pipelines"].as_array_mut().unwrap().push(smb);
    let h = DealHealth::with_pipeline(&Value::Null, pipescore::gates::Pipeline::compile(&config).unwrap()).unwrap();
    let deal = json!({"stage": "proposal", "stageEnteredAt": ago(8.0)});
    let b2b = score(&h, &deal);
    let mut small = deal.clone();
    small["pipeline"] = json!("smb");
    let smb = score(&h, &small);
    assert_eq!(factor(&b2b, "stage_duration").unwrap().sub_score, 1.0);
    assert_eq!(factor(&smb, "stage_duration").unwrap().sub_score, 0.0);
    assert_eq!(factor(&smb, "stage_duration").unwrap().reason, "8 days in Proposal (expected 3 days)");
}

#[test]
fn reports_serialize_in_camel_case() {
    let h = engine(Value::Null);
    let r: DealHealthReport = score(&h, &json!({"id": "D-1", "stage": "demo", "closeDate": day(3)}));
    let v = serde_json::to_value(&r).unwrap();
    assert_eq!(v["id"], "D-1");
    let f = v["factors"].as_array().unwrap().iter().find(|f| f["signal"] == "close_date").unwrap();
    assert_eq!(f["subScore"], 1.0);
    assert_eq!(f["detail"], json!({"daysToClose": 3}));
    assert!(f["action"].is_null());
    let keys: Vec<&String> = v.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["id", "score", "band", "factors", "warnings", "skipped"]);
}
