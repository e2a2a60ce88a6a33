//! Hand-checked small cases for every metric and every group-by, through the JSON entry point
//! the wasm bindings use. The figures in comments are worked out by hand from the fixture.

use pipescore::metrics::{compute_from_json, compute_metrics, Deal, MetricsInput, MetricsOptions, Outcome};
use pipescore::time::parse_iso8601;
use pipescore::ErrorKind;
use serde_json::{json, Value};

fn at(s: &str) -> i64 {
    parse_iso8601(s).unwrap()
}

/// `now` for the fixture: 2017-03-15T12:00Z, in Q1 2017.
fn now() -> i64 {
    at("2017-03-15T12:00:00Z")
}

fn run(input: &Value, options: Value) -> Value {
    let metrics = compute_from_json(input, &options, now()).unwrap();
    let json = serde_json::to_value(&metrics).unwrap();
    assert_all_finite(&json, "$");
    json
}

/// Every number anywhere in the result is finite.
fn assert_all_finite(v: &Value, path: &str) {
    match v {
        Value::Number(n) => assert!(n.as_f64().is_some_and(f64::is_finite), "{path} = {n}"),
        Value::Array(items) => items.iter().enumerate().for_each(|(i, x)| assert_all_finite(x, &format!("{path}[{i}]"))),
        Value::Object(map) => map.iter().for_each(|(k, x)| assert_all_finite(x, &format!("{path}.{k}"))),
        _ => {}
    }
}

fn num(v: &Value) -> f64 {
    v.as_f64().unwrap_or_else(|| panic!("not a number: {v}"))
}

fn close(actual: &Value, expected: f64) {
    let a = num(actual);
    assert!((a - expected).abs() < 1e-9 * expected.abs().max(1.0), "{a} != {expected}");
}

/// Nine deals and seven leads around Q1 2017 (period [2017-01-01, 2017-04-01)).
fn fixture() -> Value {
    json!({
        "deals": [
            // d1 won in Jan, 30-day cycle, history skipping proposal.
            {"owner": "ana", "source": "web", "segment": "smb", "product": "basic", "amount": 1000.10,
             "createdAt": "2017-01-01", "closeDate": "2017-01-31", "outcome": "won",
             "stageHistory": [{"stage": "prospecting", "enteredAt": "2017-01-01"}, {"stage": "Negotiation", "enteredAt": "2017-01-21"},
                              {"stage": "discovery", "enteredAt": "2017-01-04"}, {"stage": "demo", "enteredAt": "2017-01-11"}]},
            // d2 won in Feb (derived from the stage name), 71-day cycle, no history.
            {"owner": "ana", "source": "web", "segment": "smb", "product": "pro", "amount": "2000.20",
             "createdAt": "2016-12-02", "closeDate": "2017-02-11", "stage": "Closed Won"},
            // d3 lost in Mar after discovery → demo.
            {"owner": "bo", "source": "event", "segment": "ent", "product": "pro", "amount": 500.30,
             "createdAt": "2017-01-10", "closeDate": "2017-03-01", "stage": "Closed Lost",
             "stageHistory": [{"stage": "discovery", "enteredAt": "2017-01-10"}, {"stage": "demo", "enteredAt": "2017-01-20"},
                              {"stage": "closed_lost", "enteredAt": "2017-03-01"}]},
            // Open deals closing in March: negotiation (commit), demo (best case), discovery (pipeline), unknown.
            {"owner": "bo", "source": "event", "segment": "ent", "product": "basic", "amount": 4000,
             "createdAt": "2017-02-01", "closeDate": "2017-03-20", "stage": "negotiation"},
            {"owner": "ana", "source": "web", "segment": "smb", "product": "basic", "amount": 3000,
             "createdAt": "2017-02-15", "closeDate": "2017-03-25", "stage": "Demo"},
            {"owner": "bo", "product": "pro", "amount": 1500, "createdAt": "2017-03-01", "closeDate": "2017-03-30", "stage": "discovery"},
            {"owner": "bo", "amount": 700, "createdAt": "2017-03-05", "closeDate": "2017-03-31", "stage": "Engaging"},
            // d8 created in Q1 but won in Q2; d9 open, closing in Q2, created in 2016.
            {"owner": "ana", "source": "web", "product": "basic", "amount": 250.55, "createdAt": "2017-03-10",
             "closeDate": "2017-04-02", "outcome": "won"},
            {"owner": "bo", "amount": 9999, "createdAt": "2016-11-01", "closeDate": "2017-05-01", "stage": "proposal"}
        ],
        "leads": [
            {"source": "web", "createdAt": "2017-01-05T10:00:00Z", "mqlAt": "2017-01-06", "sqlAt": "2017-01-10",
             "opportunityAt": "2017-01-12", "wonAt": "2017-02-01", "hot": true, "firstContactAt": "2017-01-05T10:30:00Z"},
            {"source": "web", "createdAt": "2017-02-01T09:00:00Z", "mqlAt": "2017-02-02", "hot": true,
             "firstContactAt": "2017-02-01T11:00:00Z"},
            {"source": "event", "createdAt": "2017-03-15T11:30:00Z", "hot": true},
            {"source": "event", "createdAt": "2017-01-20", "sqlAt": "2017-01-25", "hot": false},
            {"mqlAt": "2017-02-10", "hot": true},
            {"source": "web", "createdAt": "2016-12-20", "mqlAt": "2017-01-02"},
            {"source": "event", "createdAt": "2017-03-01", "hot": true}
        ],
        "quotas": {
            "companyTarget": 40000, "salesShare": 0.5,
            "reps": [{"owner": "ana", "startDate": "2016-01-01"}, {"owner": "bo", "quota": 12000, "startDate": "2016-11-15"}]
        }
    })
}

fn q1() -> Value {
    json!({"period": "this_quarter"})
}

#[test]
fn closed_deal_metrics() {
    let m = run(&fixture(), q1());
    assert_eq!(m["period"], json!({"start": "2017-01-01T00:00:00.000Z", "end": "2017-04-01T00:00:00.000Z", "days": 90.0}));
    assert_eq!(m["won"], json!({"count": 2, "value": 3000.30}));
    assert_eq!(m["lost"], json!({"count": 1, "value": 500.30}));
    assert_eq!(m["winRate"]["byCount"], json!({"value": 2.0 / 3.0, "numerator": 2.0, "denominator": 3.0}));
    close(&m["winRate"]["byValue"]["value"], 3000.30 / 3500.60);
    assert_eq!(m["winRate"]["byValue"]["denominator"], json!(3500.60));
    assert_eq!(m["dealSize"], json!({"count": 2, "mean": 1500.15, "median": 1500.15}));
    assert_eq!(m["salesCycle"], json!({"count": 2, "mean": 50.5, "median": 50.5}));
}

#[test]
fn stage_conversion_and_days_in_stage() {
    let m = run(&fixture(), q1());
    let sc = &m["stageConversion"];
    assert_eq!(sc["deals"], 2);
    let steps: Vec<_> = sc["steps"].as_array().unwrap().iter()
        .map(|s| (s["from"].as_str().unwrap(), s["to"].as_str().unwrap(), s["rate"]["numerator"].as_f64().unwrap(), s["rate"]["denominator"].as_f64().unwrap()))
        .collect();
    assert_eq!(steps, [
        ("prospecting", "discovery", 1.0, 1.0),
        ("discovery", "demo", 2.0, 2.0),
        ("demo", "proposal", 1.0, 2.0), // d3 was lost in demo; d1 skipped proposal but went beyond
        ("proposal", "negotiation", 1.0, 1.0),
        ("negotiation", "closed_won", 1.0, 1.0),
    ]);
    assert_eq!(sc["steps"][2]["rate"]["value"], 0.5);
    let days: Vec<_> = m["daysInStage"].as_array().unwrap().iter()
        .map(|s| (s["stage"].as_str().unwrap(), s["deals"].as_u64().unwrap(), s["averageDays"].as_f64(), s["expectedDays"].as_u64()))
        .collect();
    assert_eq!(days, [
        ("prospecting", 1, Some(3.0), Some(7)),
        ("discovery", 2, Some(8.5), Some(14)), // 7 and 10
        ("demo", 2, Some(25.0), Some(10)),     // 10 and 40 (Jan 20 → Mar 1)
        ("proposal", 0, None, Some(14)),
        ("negotiation", 1, Some(10.0), Some(10)), // Jan 21 → close Jan 31
    ]);
}

#[test]
fn open_pipeline_and_created() {
    let m = run(&fixture(), q1());
    let p = &m["pipeline"];
    assert_eq!((p["count"].as_u64(), num(&p["value"])), (Some(4), 9200.0));
    let rows: Vec<_> = p["byStage"].as_array().unwrap().iter()
        .map(|r| (r["stage"].as_str().unwrap(), r["count"].as_u64().unwrap(), num(&r["value"]), r["averageAgeDays"].as_f64()))
        .collect();
    assert_eq!(rows, [
        ("prospecting", 0, 0.0, None),
        ("discovery", 1, 1500.0, Some(14.5)),
        ("demo", 1, 3000.0, Some(28.5)),
        ("proposal", 0, 0.0, None),
        ("negotiation", 1, 4000.0, Some(42.5)),
        ("Engaging", 1, 700.0, Some(10.5)),
    ]);
    // Created in Q1: d1, d3, d4, d5, d6, d7, d8.
    assert_eq!(m["pipelineCreated"], json!({"count": 7, "value": 10950.95}));
}

#[test]
fn forecast_categories_and_scenarios() {
    let m = run(&fixture(), q1());
    let f = &m["forecast"];
    assert_eq!(f["weighted"], json!(4700.0)); // 4000×0.8 + 3000×0.4 + 1500×0.2
    assert_eq!(f["byCategory"], json!({"closed": 3000.30, "commit": 4000.0, "bestCase": 3000.0, "pipeline": 1500.0, "omitted": 0.0}));
    assert_eq!(f["scenarios"], json!({"worst": 7000.30, "likely": 8200.30, "best": 10000.30}));
    assert_eq!(f["unknownStages"], json!([{"stage": "Engaging", "count": 1, "value": 700.0}]));
}

#[test]
fn velocity_and_coverage() {
    let m = run(&fixture(), q1());
    let v = &m["velocity"];
    assert_eq!(v["openDeals"], 4);
    let per_day: f64 = 4.0 * (2.0 / 3.0) * 1500.15 / 50.5; // 79.2158…
    close(&v["perDay"], (per_day * 100.0).round() / 100.0);
    close(&v["perPeriod"], (per_day * 90.0 * 100.0).round() / 100.0);
    // Capacity: ana 10000 (top-down 40000 × 0.5 ÷ 2, fully ramped) + bo 12000 × 29.5/90.
    let c = &m["coverage"];
    assert_eq!(c["quota"], json!(13933.33));
    assert_eq!(c["won"], json!(3000.30));
    assert_eq!(c["remainingQuota"], json!(10933.03));
    close(&c["ratio"]["value"], 9200.0 / 10933.03);
    assert_eq!(c["guideline"], "belowGuideline");
}

#[test]
fn quotas_ramp_and_attainment() {
    let m = run(&fixture(), q1());
    let q = &m["quotas"];
    assert_eq!((num(&q["salesTarget"]), num(&q["topDownQuotaPerRep"])), (20000.0, 10000.0));
    assert_eq!((num(&q["fullQuota"]), num(&q["rampedCapacity"]), num(&q["capacityGap"])), (22000.0, 13933.33, 6066.67));
    let ana = &q["reps"][0];
    assert_eq!((ana["owner"].as_str(), num(&ana["rampFactor"]), num(&ana["won"])), (Some("ana"), 1.0, 3000.30));
    close(&ana["attainment"]["value"], 0.30003);
    let bo = &q["reps"][1];
    close(&bo["rampFactor"], 29.5 / 90.0); // Jan = month 3 (0%), Feb–Mar = months 4–5 (50%)
    assert_eq!((num(&bo["rampedQuota"]), bo["attainment"]["value"].as_f64()), (3933.33, Some(0.0)));
    close(&q["attainment"]["value"], 3000.30 / 13933.33);
}

#[test]
fn lead_funnel_and_response_sla() {
    let m = run(&fixture(), q1());
    let counts: Vec<_> = m["funnel"]["stages"].as_array().unwrap().iter().map(|s| s["count"].as_u64().unwrap()).collect();
    assert_eq!(counts, [6, 4, 2, 1, 1]);
    let steps: Vec<_> = m["funnel"]["steps"].as_array().unwrap().iter().map(|s| s["rate"]["value"].as_f64().unwrap()).collect();
    assert_eq!(steps, [4.0 / 6.0, 0.5, 0.5, 1.0]);
    assert_eq!(m["funnel"]["overall"]["value"], json!(1.0 / 6.0));
    assert_eq!(m["responseSla"], json!({"slaMinutes": 60.0, "hotLeads": 5, "withinSla": 1, "breached": 2, "pending": 1,
        "unmeasured": 1, "compliance": {"value": 1.0 / 3.0, "numerator": 1.0, "denominator": 3.0}}));
    // A 5-minute SLA: the 30-minute first contact and the 30-minute-old pending lead breach too.
    let strict = run(&fixture(), json!({"period": "this_quarter", "responseSlaMinutes": 5}));
    let sla = &strict["responseSla"];
    assert_eq!((sla["withinSla"].as_u64(), sla["breached"].as_u64(), sla["pending"].as_u64()), (Some(0), Some(4), Some(0)));
}

#[test]
fn source_performance() {
    let m = run(&fixture(), q1());
    let rows = m["sources"].as_array().unwrap();
    let keys: Vec<_> = rows.iter().map(|r| r["source"].as_str()).collect();
    assert_eq!(keys, [Some("event"), Some("web"), None]);
    let (event, web, none) = (&rows[0], &rows[1], &rows[2]);
    assert_eq!((event["leads"].as_u64(), event["wonDeals"].as_u64(), event["lostDeals"].as_u64()), (Some(3), Some(0), Some(1)));
    assert_eq!((event["winRate"]["value"].as_f64(), event["responseSla"]["compliance"]["value"].as_f64()), (Some(0.0), Some(0.0)));
    assert_eq!((web["leads"].as_u64(), web["opportunities"].as_u64(), web["wonLeads"].as_u64()), (Some(2), Some(1), Some(1)));
    assert_eq!((num(&web["wonRevenue"]), web["winRate"]["value"].as_f64(), web["leadToWon"]["value"].as_f64()), (3000.30, Some(1.0), Some(0.5)));
    assert_eq!(web["responseSla"]["compliance"]["value"], 0.5);
    assert_eq!((none["leads"].as_u64(), none["winRate"]["reason"].as_str()), (Some(1), Some("no closed deals in the period")));
}

fn groups(m: &Value) -> Vec<(Option<&str>, &Value)> {
    m["groups"].as_array().unwrap().iter().map(|g| (g["key"].as_str(), &g["metrics"])).collect()
}

#[test]
fn group_by_owner_carries_rep_quotas() {
    let m = run(&fixture(), json!({"period": "this_quarter", "groupBy": "owner"}));
    assert_eq!(m["groupBy"], "owner");
    let g = groups(&m);
    assert_eq!(g.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [Some("ana"), Some("bo"), None]);
    let (ana, bo, none) = (g[0].1, g[1].1, g[2].1);
    assert_eq!((ana["won"]["count"].as_u64(), ana["winRate"]["byCount"]["value"].as_f64()), (Some(2), Some(1.0)));
    assert_eq!(ana["pipelineCreated"], json!({"count": 3, "value": 4250.65})); // d1, d5, d8
    assert_eq!((num(&ana["coverage"]["quota"]), num(&ana["coverage"]["remainingQuota"])), (10000.0, 6999.70));
    close(&ana["coverage"]["ratio"]["value"], 3000.0 / 6999.70);
    assert_eq!((bo["lost"]["count"].as_u64(), bo["winRate"]["byCount"]["value"].as_f64()), (Some(1), Some(0.0)));
    assert_eq!((bo["pipeline"]["count"].as_u64(), num(&bo["pipeline"]["value"])), (Some(3), 6200.0));
    close(&bo["coverage"]["ratio"]["value"], 6200.0 / 3933.33);
    assert_eq!(bo["forecast"]["weighted"], json!(3500.0)); // 4000×0.8 + 1500×0.2
    // Leads have no owner here: they land in the null group, which has no deals and no quota.
    assert_eq!((none["funnel"]["stages"][0]["count"].as_u64(), none["won"]["count"].as_u64()), (Some(6), Some(0)));
    assert_eq!(none["coverage"]["ratio"]["reason"], "no quota for this scope");
    assert!(none.get("groups").is_none() && none.get("quotas").is_none() && none.get("sources").is_none());
}

#[test]
fn group_by_source_segment_and_product() {
    let by = |key: &str| run(&fixture(), json!({"period": "this_quarter", "groupBy": key}));
    let m = by("source");
    let g = groups(&m);
    assert_eq!(g.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [Some("event"), Some("web"), None]);
    assert_eq!((g[0].1["lost"]["count"].as_u64(), g[0].1["pipeline"]["count"].as_u64()), (Some(1), Some(1)));
    assert_eq!((num(&g[1].1["won"]["value"]), g[1].1["pipelineCreated"]["count"].as_u64()), (3000.30, Some(3)));
    assert_eq!((g[2].1["pipeline"]["count"].as_u64(), g[2].1["funnel"]["stages"][0]["count"].as_u64()), (Some(2), Some(1)));
    assert_eq!(g[1].1["funnel"]["stages"][0]["count"], 2);

    let m = by("segment");
    let g = groups(&m);
    assert_eq!(g.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [Some("ent"), Some("smb"), None]);
    assert_eq!((g[0].1["lost"]["count"].as_u64(), num(&g[0].1["pipeline"]["value"])), (Some(1), 4000.0));
    assert_eq!((g[1].1["won"]["count"].as_u64(), num(&g[1].1["forecast"]["weighted"])), (Some(2), 1200.0));
    assert_eq!((num(&g[2].1["pipeline"]["value"]), g[2].1["pipelineCreated"]["count"].as_u64()), (2200.0, Some(3)));

    let m = by("product");
    let g = groups(&m);
    assert_eq!(g.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [Some("basic"), Some("pro"), None]);
    assert_eq!((num(&g[0].1["won"]["value"]), num(&g[0].1["pipeline"]["value"])), (1000.10, 7000.0));
    assert_eq!((num(&g[1].1["won"]["value"]), g[1].1["lost"]["count"].as_u64()), (2000.20, Some(1)));
    // Leads have no product: all six are in the null group, with the Engaging deal.
    assert_eq!((g[2].1["funnel"]["stages"][0]["count"].as_u64(), g[2].1["pipeline"]["count"].as_u64()), (Some(6), Some(1)));
}

#[test]
fn group_by_month_slices_each_metric_by_its_own_date() {
    let m = run(&fixture(), json!({"period": "this_quarter", "groupBy": "month"}));
    let g = groups(&m);
    assert_eq!(g.iter().map(|(k, _)| *k).collect::<Vec<_>>(), [Some("2017-01"), Some("2017-02"), Some("2017-03")]);
    let row = |m: &Value| (m["won"]["count"].as_u64().unwrap(), m["lost"]["count"].as_u64().unwrap(),
        m["pipeline"]["count"].as_u64().unwrap(), m["pipelineCreated"]["count"].as_u64().unwrap(),
        m["funnel"]["stages"][0]["count"].as_u64().unwrap());
    assert_eq!(row(g[0].1), (1, 0, 0, 2, 2)); // d1 won; d1, d3 created; L1, L4
    assert_eq!(row(g[1].1), (1, 0, 0, 2, 2)); // d2 won; d4, d5 created; L2, L5
    assert_eq!(row(g[2].1), (0, 1, 4, 3, 2)); // d3 lost; open d4–d7; d6–d8 created; L3, L7
    assert_eq!(g[1].1["period"], json!({"start": "2017-02-01T00:00:00.000Z", "end": "2017-03-01T00:00:00.000Z", "days": 28.0}));
    // March: a win rate of 0 but no won deal to size, so no velocity; no quota for a month.
    assert_eq!(g[2].1["velocity"]["reason"], "no won deals with an amount in the period");
    assert_eq!(g[2].1["coverage"]["ratio"]["reason"], "no quota for this scope");
    assert_eq!(g[0].1["stageConversion"]["deals"], 1);
}

#[test]
fn group_by_quarter_matches_the_overall_figures() {
    let m = run(&fixture(), json!({"period": "this_quarter", "groupBy": "quarter"}));
    let g = groups(&m);
    assert_eq!(g.len(), 1);
    assert_eq!(g[0].0, Some("2017-Q1"));
    for field in ["won", "lost", "winRate", "dealSize", "salesCycle", "stageConversion", "daysInStage", "funnel", "pipeline",
        "pipelineCreated", "forecast", "velocity", "responseSla", "period"] {
        assert_eq!(g[0].1[field], m[field], "{field}");
    }
    // All time, by quarter: d8 (won Q2) and d9 (open, closing Q2) get their own quarter; d2 created in Q4 2016.
    let all = run(&fixture(), json!({"groupBy": "quarter"}));
    let keys: Vec<_> = groups(&all).iter().map(|(k, _)| k.map(str::to_owned)).collect();
    assert_eq!(keys, [Some("2016-Q4".to_owned()), Some("2017-Q1".to_owned()), Some("2017-Q2".to_owned())]);
    let q2 = groups(&all)[2].1.clone();
    assert_eq!((q2["won"]["count"].as_u64(), q2["pipeline"]["count"].as_u64()), (Some(1), Some(1)));
}

#[test]
fn zero_denominators_are_null_with_reasons() {
    let m = run(&json!({}), Value::Null);
    assert_eq!(m["winRate"]["byCount"]["reason"], "no closed deals in the period");
    assert_eq!(m["winRate"]["byValue"]["value"], Value::Null);
    assert_eq!(m["dealSize"], json!({"count": 0, "mean": null, "median": null, "reason": "no won deals with an amount in the period"}));
    assert_eq!(m["salesCycle"]["mean"], Value::Null);
    assert_eq!(m["funnel"]["overall"]["reason"], "no leads in the period");
    assert_eq!(m["responseSla"]["compliance"]["value"], Value::Null);
    assert_eq!(m["velocity"]["perDay"], Value::Null);
    assert_eq!(m["velocity"]["reason"], "no closed deals in the period");
    assert_eq!(m["coverage"]["ratio"]["reason"], "no quota for this scope");
    assert_eq!(m["stageConversion"]["steps"][0]["rate"]["value"], Value::Null);
    assert_eq!(m["period"], json!({"start": null, "end": null, "days": null}));
    assert_eq!(m["groups"], json!([]));
    // Lost deals worth nothing: a win rate by count, none by value.
    let m = run(&json!({"deals": [{"outcome": "lost", "amount": 0}]}), Value::Null);
    assert_eq!(m["winRate"]["byCount"]["value"], 0.0);
    assert_eq!(m["winRate"]["byValue"]["reason"], "closed deals in the period have no value");
    // Won deals closed the day they were created: cycle 0, so no velocity.
    let m = run(&json!({"deals": [{"outcome": "won", "amount": 5, "createdAt": 0, "closeDate": 0}, {"stage": "demo"}]}), Value::Null);
    assert_eq!(m["velocity"]["reason"], "the average sales cycle is not positive");
}

#[test]
fn coverage_when_the_quota_is_met_and_attainment_without_quota() {
    let input = json!({
        "deals": [{"owner": "cy", "outcome": "won", "amount": 500, "closeDate": "2017-02-01"},
                  {"owner": "cy", "stage": "demo", "amount": 100, "closeDate": "2017-03-01"}],
        "quotas": {"reps": [{"owner": "cy", "quota": 400}, {"owner": "dee", "quota": 900, "startDate": "2017-06-01"}]}
    });
    let m = run(&input, q1());
    // Capacity 400 + 0 (dee starts after the quarter); won 500.
    assert_eq!(m["coverage"]["ratio"]["reason"], "quota already met");
    assert_eq!(m["coverage"]["remainingQuota"], json!(-100.0));
    assert_eq!(m["coverage"]["guideline"], Value::Null);
    let dee = &m["quotas"]["reps"][1];
    assert_eq!((num(&dee["rampFactor"]), num(&dee["rampedQuota"])), (0.0, 0.0));
    assert!(dee["attainment"]["reason"].as_str().unwrap().starts_with("ramped quota is zero"));
    close(&m["quotas"]["reps"][0]["attainment"]["value"], 1.25);
    // A custom ramp: 50% from the first month → dee carries half her quota in Q3 2017.
    let mut custom = input.clone();
    custom["quotas"]["ramp"] = json!([0.5]);
    custom["quotas"]["reps"][1]["startDate"] = json!("2017-07-01");
    let q3 = run(&custom, json!({"period": {"start": "2017-07-01", "end": "2017-10-01"}}));
    let dee = &q3["quotas"]["reps"][1];
    close(&dee["rampFactor"], (31.0 * 0.5 + 31.0 + 30.0) / 92.0);
}

#[test]
fn money_sums_to_the_cent() {
    // 0.1 + 0.2 style amounts, as numbers and as text, summed over many deals.
    let mut deals = Vec::new();
    let mut expected_cents: i64 = 0;
    for i in 0..2000u32 {
        let cents = i64::from((i * 7919) % 100_000) + 1; // up to 1000.00
        expected_cents += cents;
        let amount = if i % 2 == 0 { json!(cents as f64 / 100.0) } else { json!(format!("{}.{:02}", cents / 100, cents % 100)) };
        deals.push(json!({"outcome": "won", "amount": amount, "closeDate": "2017-02-01"}));
    }
    deals.push(json!({"outcome": "won", "amount": 0.1, "closeDate": "2017-02-01"}));
    deals.push(json!({"outcome": "won", "amount": 0.2, "closeDate": "2017-02-01"}));
    expected_cents += 30;
    let m = run(&json!({"deals": deals}), q1());
    assert_eq!(num(&m["won"]["value"]), expected_cents as f64 / 100.0);
    let written = format!("{}.{:02}", expected_cents / 100, expected_cents % 100);
    assert_eq!(m["won"]["value"].to_string(), written.trim_end_matches('0').trim_end_matches('.'));
    assert_eq!(m["forecast"]["byCategory"]["closed"], m["won"]["value"]);
    let tiny = run(&json!({"deals": [{"outcome": "won", "amount": 0.1}, {"outcome": "won", "amount": 0.2}]}), Value::Null);
    assert_eq!(tiny["won"]["value"].to_string(), "0.3");
    assert_eq!(tiny["dealSize"]["mean"], json!(0.15));
}

#[test]
fn period_boundaries_are_start_inclusive_end_exclusive() {
    let input = json!({"deals": [
        {"outcome": "won", "amount": 1, "closeDate": "2017-01-01T00:00:00Z"},
        {"outcome": "won", "amount": 2, "closeDate": "2017-03-31T23:59:59.999Z"},
        {"outcome": "won", "amount": 4, "closeDate": "2017-04-01T00:00:00Z"},
        {"outcome": "won", "amount": 8, "closeDate": "2016-12-31T23:59:59.999Z"},
        {"outcome": "won", "amount": 16}
    ]});
    let m = run(&input, q1());
    assert_eq!(m["won"], json!({"count": 2, "value": 3.0}));
    let m = run(&input, json!({"period": {"start": 1_483_228_800_000i64, "end": "2017-04-01T00:00:00.001Z"}}));
    assert_eq!(m["won"]["value"], 7.0);
    // All time counts undated deals too.
    assert_eq!(run(&input, json!({"period": "all"}))["won"]["value"], 31.0);
    // Presets follow `now`: last quarter of 2017-03-15 is Q4 2016.
    assert_eq!(run(&input, json!({"period": "last_quarter"}))["won"]["value"], 8.0);
    let moved = compute_from_json(&input, &json!({"period": "this_quarter", "now": "2017-04-01"}), now()).unwrap();
    assert_eq!(moved.won.value, 4.0);
}

#[test]
fn stage_table_override_and_cycle_start() {
    let input = json!({"deals": [
        {"stage": "Engaging", "amount": 1000, "closeDate": "2017-03-01", "createdAt": "2017-01-01", "engagedAt": "2017-02-01"},
        {"stage": "Won", "amount": 300, "closeDate": "2017-03-01", "createdAt": "2017-01-01", "engagedAt": "2017-02-01"}
    ]});
    let stages = json!([
        {"id": "prospecting", "label": "Prospecting", "probability": 0.1, "category": "pipeline"},
        {"id": "engaging", "label": "Engaging", "probability": 0.5, "category": "best_case", "order": 1},
        {"id": "won", "label": "Won", "probability": 1, "category": "closed", "order": 2},
        {"id": "lost", "label": "Lost", "probability": 0, "category": "omitted", "order": 3}
    ]);
    let m = run(&input, json!({"stages": stages, "cycleStart": "engaged"}));
    assert_eq!(m["forecast"]["weighted"], 500.0);
    assert_eq!(m["forecast"]["unknownStages"], json!([]));
    assert_eq!(m["forecast"]["scenarios"], json!({"worst": 300.0, "likely": 800.0, "best": 1300.0}));
    assert_eq!(m["salesCycle"]["mean"], 28.0); // engaged Feb 1 → Mar 1
    assert_eq!(m["pipeline"]["byStage"][1]["stage"], "engaging");
    assert_eq!(m["pipeline"]["byStage"][1]["averageAgeDays"], 42.5); // Feb 1 → Mar 15 12:00
    let m = run(&input, Value::Null);
    assert_eq!(m["salesCycle"]["mean"], 59.0); // created Jan 1 → Mar 1
    assert_eq!(m["forecast"]["weighted"], 0.0);
    assert_eq!(m["forecast"]["unknownStages"][0]["stage"], "Engaging");
}

#[test]
fn hubspot_style_records() {
    // HubSpot sends amounts as text, stage ids like "closedwon", and nulls for unset dates.
    let input = json!({"deals": [
        {"amount": "500", "closeDate": null, "createdAt": "2023-02-24T03:01:01.147Z", "stage": "qualifiedtobuy"},
        {"amount": "3233", "closeDate": "2023-03-01T00:00:00Z", "createdAt": "2023-02-24T03:53:39.801Z", "stage": "closedwon"},
        {"amount": "", "closeDate": "2023-03-02", "stage": "closedlost"}
    ]});
    let m = run(&input, Value::Null);
    assert_eq!((m["won"]["value"].as_f64(), m["lost"]["count"].as_u64()), (Some(3233.0), Some(1)));
    assert_eq!(m["forecast"]["unknownStages"], json!([{"stage": "qualifiedtobuy", "count": 1, "value": 500.0}]));
    assert_eq!(m["dealSize"]["count"], 1);
}

#[test]
fn invalid_records_report_their_path() {
    let bad = |input: Value, options: Value| compute_from_json(&input, &options, 0).unwrap_err();
    let e = bad(json!({"deals": [{}, {"closeDate": "31/12/2017"}]}), Value::Null);
    assert_eq!((e.kind, e.code.as_str(), e.path.as_str()), (ErrorKind::Input, "INVALID_SHAPE", "$.deals[1].closeDate"));
    let e = bad(json!({"deals": [{"amount": {"currency": "EUR"}}]}), Value::Null);
    assert_eq!(e.path, "$.deals[0].amount");
    let e = bad(json!({"deals": "none"}), Value::Null);
    assert_eq!(e.path, "$.deals");
    let e = bad(json!({"quotas": {"reps": [{"owner": "a"}]}}), Value::Null);
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_QUOTA", "$.quotas.reps[0].quota"));
    let e = bad(json!({"quotas": {"ramp": [0, 50]}}), Value::Null);
    assert_eq!(e.path, "$.quotas.ramp[1]");
    let e = bad(json!({"quotas": {"salesShare": 60}}), Value::Null);
    assert_eq!(e.path, "$.quotas.salesShare");
    let e = bad(json!({}), json!({"period": {"start": "2017-02-01", "end": "2017-01-01"}}));
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_PERIOD", "$.period.end"));
    let e = bad(json!({}), json!({"stages": [{"id": "x", "probability": -0.1, "category": "pipeline"}]}));
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_STAGE", "$.stages[0].probability"));
}

#[test]
fn native_api_matches_json() {
    let deal = |outcome, cents, close: &str| Deal { outcome: Some(outcome), amount_cents: Some(cents), close_date: Some(at(close)), ..Deal::default() };
    let input = MetricsInput {
        deals: vec![deal(Outcome::Won, 10_010, "2017-02-01"), deal(Outcome::Lost, 5_000, "2017-02-02"), deal(Outcome::Won, 1, "2018-01-01")],
        ..MetricsInput::default()
    };
    let mut options = MetricsOptions::new(now());
    options.period = pipescore::metrics::PeriodSpec::Preset(pipescore::metrics::Preset::ThisYear);
    let m = compute_metrics(&input, &options).unwrap();
    assert_eq!((m.won.count, m.won.value, m.lost.value), (1, 100.10, 50.0));
    let from_json = compute_from_json(&json!({"deals": [
        {"outcome": "won", "amount": 100.10, "closeDate": "2017-02-01"}, {"outcome": "lost", "amount": 50, "closeDate": "2017-02-02"},
        {"outcome": "won", "amount": 0.01, "closeDate": "2018-01-01"}]}), &json!({"period": "this_year"}), now()).unwrap();
    assert_eq!(m, from_json);
}

#[test]
fn stage_gate_pipeline_stages_are_a_valid_stage_table() {
    // The JS layer passes `pipeline.stages()` as `stages`: the gates' serialized summary.
    let pipeline = pipescore::gates::Pipeline::compile(&pipescore::gates::Pipeline::default_config()).unwrap();
    let stages = serde_json::to_value(pipeline.stages()).unwrap();
    let with_gates = run(&fixture(), json!({"period": "this_quarter", "stages": stages}));
    assert_eq!(with_gates, run(&fixture(), q1()));
    // A custom pipeline whose closed stages have other names: the stage's outcome decides.
    let custom = json!([
        {"id": "open", "label": "Open", "probability": 0.3, "forecastCategory": "best_case", "order": 0},
        {"id": "signed", "label": "Signed", "probability": 1, "forecastCategory": "closed", "order": 1, "outcome": "won"},
        {"id": "churned", "label": "Churned", "probability": 0, "category": "omitted", "order": 2, "outcome": "lost"}
    ]);
    let input = json!({"deals": [{"stage": "Signed", "amount": 10}, {"stage": "churned", "amount": 5}, {"stage": "open", "amount": 100}]});
    let m = run(&input, json!({"stages": custom}));
    assert_eq!((m["won"]["value"].as_f64(), m["lost"]["value"].as_f64(), m["forecast"]["weighted"].as_f64()), (Some(10.0), Some(5.0), Some(30.0)));
}

#[test]
fn json_text_input_matches_the_value_input() {
    use pipescore::metrics::{compute_from_str, parse_input_str};
    let text = fixture().to_string();
    let from_text = compute_from_str(&text, &q1(), now()).unwrap();
    assert_eq!(from_text, compute_from_json(&fixture(), &q1(), now()).unwrap());
    let e = parse_input_str(r#"{"deals": [{"amount": 1}, {"engagedAt": "soon"}]}"#).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_SHAPE", "$.deals[1].engagedAt"));
    let e = parse_input_str("{deals:").unwrap_err();
    assert_eq!((e.kind, e.code.as_str(), e.path.as_str()), (ErrorKind::Input, "INVALID_JSON", "$"));
    assert_eq!(parse_input_str("null").unwrap(), MetricsInput::default());
}
