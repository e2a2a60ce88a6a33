//! The embedded default B2B SaaS model on plain lead objects.

use pipescore::scoring::{default_model, LeadScore, LeadScorer, Mode};
use pipescore::time::{parse_iso8601, DAY_MS};
use serde_json::{json, Value};

fn now() -> i64 {
    parse_iso8601("2026-11-24").unwrap()
}

fn scorer() -> LeadScorer {
    LeadScorer::with_default_model().unwrap()
}

fn fired<'a>(r: &LeadScore<'a>) -> Vec<(&'a str, i64)> {
    let mut v: Vec<(&str, i64)> = r.contributions.iter().map(|c| (c.rule, c.decayed.round() as i64)).collect();
    v.sort();
    v
}

fn strong_lead() -> Value {
    json!({
        "email": "dana@acme.io", "jobTitle": "VP of Marketing", "industry": "Computer Software",
        "employees": 240, "annualRevenue": 30000000, "country": "US",
        "events": [
            {"type": "page_view", "url": "/pricing", "at": "2026-11-20T10:00:00Z"},
            {"type": "page_view", "url": "/blog/scoring", "at": "2026-11-02"},
            {"type": "webinar_attended", "at": "2026-10-15"},
            {"type": "demo_request", "at": "2026-11-21T15:30:00Z"}
        ]
    })
}

#[test]
fn documents_its_lead_fields() {
    let fields: Vec<String> = default_model()["fields"].as_object().unwrap().keys().cloned().collect();
    let expected = [
        "email",
        "jobTitle",
        "seniority",
        "industry",
        "employees",
        "annualRevenue",
        "country",
        "isStudent",
        "competitor",
        "unsubscribed",
        "source",
        "buyingRole",
        "buyingRoles",
    ];
    assert_eq!(fields, expected);
}

#[test]
fn an_empty_lead_is_refused_in_strict_mode_and_scores_zero_in_partial_mode() {
    let s = scorer();
    let err = s.score(&json!({}), now(), Mode::Strict).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_RECORD", "$"));
    assert!(err.message.starts_with("The lead holds none of the fields pipescore reads ("), "{}", err.message);
    let r = s.score(&json!({}), now(), Mode::Partial).unwrap();
    assert_eq!((r.score, r.fit, r.engagement, r.grade, r.lifecycle), (0, 0, 0, "D4", "lead"));
    assert!(r.contributions.is_empty());
    assert!(r.groups.iter().all(|g| g.decayed == 0.0 && g.decayed.is_sign_positive()));
}

#[test]
fn a_senior_engaged_lead_at_a_target_account_is_an_sql() {
    let s = scorer();
    let r = s.score(&strong_lead(), now(), Mode::Strict).unwrap();
    assert_eq!((r.score, r.fit, r.engagement, r.grade, r.lifecycle), (95, 50, 45, "A1", "sql"));
    assert_eq!(
        fired(&r),
        [
            ("demo_request", 30),
            ("mid_market", 15),
            ("page_view", 2),
            ("pricing_page", 9),
            ("revenue_10m", 10),
            ("senior_title", 15),
            ("target_country", 5),
            ("target_industry", 10),
            ("webinar", 4)
        ]
    );
    assert_eq!(r.contributions[0].rule, "demo_request");
    // The profile group's 55 points are capped at 50.
    assert_eq!((r.groups[0].decayed, r.groups[0].score), (55.0, 50.0));
    // The pricing view is 3.5 days old: 10 × 0.5^(3.5 / 30).
    let pricing = r.contributions.iter().find(|c| c.rule == "pricing_page").unwrap();
    assert!((pricing.decayed - 10.0 * 0.5f64.powf(3.583_333_333_333_333 / 30.0)).abs() < 1e-9, "{}", pricing.decayed);
    assert_eq!(r.contributions.iter().map(|c| c.applied).sum::<i64>(), 95);
}

#[test]
fn without_a_recent_demo_request_a_strong_lead_is_an_mql() {
    let mut lead = strong_lead();
    lead["events"] = json!([
        {"type": "pricing_page_view", "at": "2026-11-23"}, {"type": "pricing_page_view", "at": "2026-11-22"},
        {"type": "demo_request", "at": "2026-09-01"}
    ]);
    let s = scorer();
    let r = s.score(&lead, now(), Mode::Strict).unwrap();
    assert_eq!(r.lifecycle, "mql");
    // 84 days old: two whole 30-day periods at −50% each.
    let demo = r.contributions.iter().find(|c| c.rule == "demo_request").unwrap();
    assert_eq!((demo.points, demo.decayed), (30.0, 7.5));
    // Older than the intent group's 90-day timeframe: not counted at all.
    lead["events"] = json!([{"type": "demo_request", "at": "2026-08-25"}]);
    let r = s.score(&lead, now(), Mode::Strict).unwrap();
    assert!(r.contributions.iter().all(|c| c.rule != "demo_request"));
}

#[test]
fn free_mail_addresses_are_negative() {
    let s = scorer();
    let free = [
        "kim@gmail.com",
        "KIM@GMAIL.COM",
        "a@yahoo.co.uk",
        "a@gmx.de",
        "a@gmx.net",
        "a@hotmail.fr",
        "a@outlook.com",
        "a@icloud.com",
        "a@proton.me",
        "a@qq.com",
        "a@163.com",
        "a@yandex.ru",
        "a@mail.ru",
        "a@aol.com",
    ];
    for email in free {
        let r = s.score(&json!({ "email": email }), now(), Mode::Strict).unwrap();
        assert_eq!(fired(&r), [("free_mail", -10)], "{email}");
        assert_eq!((r.score, r.fit), (0, -10));
    }
    for email in ["kim@acme.com", "gmail.com@acme.io", "kim@gmail.company.com"] {
        let r = s.score(&json!({ "email": email }), now(), Mode::Strict).unwrap();
        assert!(r.contributions.is_empty(), "{email}");
    }
    let blank = s.score(&json!({ "email": "" }), now(), Mode::Partial).unwrap();
    assert!(blank.contributions.is_empty());
}

#[test]
fn students_competitors_unsubscribed_and_purchased_lists_are_negative() {
    let s = scorer();
    let rules = |lead: Value| fired(&s.score(&lead, now(), Mode::Strict).unwrap());
    assert_eq!(rules(json!({"isStudent": true})), [("student", -25)]);
    assert_eq!(rules(json!({"jobTitle": "PhD student"})), [("student", -25)]);
    assert_eq!(rules(json!({"competitor": true})), [("competitor", -50)]);
    assert_eq!(rules(json!({"unsubscribed": true})), [("unsubscribed", -20)]);
    assert_eq!(rules(json!({"source": "Purchased_List"})), [("purchased_list", -20)]);
    assert_eq!(rules(json!({"isStudent": false, "competitor": false, "unsubscribed": false, "source": "webinar"})), []);

    let mut lead = strong_lead();
    lead["competitor"] = json!(true);
    let r = s.score(&lead, now(), Mode::Strict).unwrap();
    assert_eq!((r.fit, r.score, r.grade, r.lifecycle), (0, 45, "D1", "lead"));
}

#[test]
fn company_size_revenue_and_title_rules() {
    let s = scorer();
    let rules = |lead: Value| fired(&s.score(&lead, now(), Mode::Strict).unwrap());
    assert_eq!(rules(json!({"employees": 5})), [("very_small_business", -5)]);
    assert_eq!(rules(json!({"employees": 10})), [("small_business", 5)]);
    assert_eq!(rules(json!({"employees": 49})), [("small_business", 5)]);
    assert_eq!(rules(json!({"employees": 50})), [("mid_market", 15)]);
    assert_eq!(rules(json!({"employees": 1000})), [("enterprise", 10)]);
    assert_eq!(rules(json!({"employees": 0})), []);
    assert_eq!(rules(json!({"annualRevenue": 1000000})), [("revenue_1m", 5)]);
    assert_eq!(rules(json!({"annualRevenue": 9999999})), [("revenue_1m", 5)]);
    assert_eq!(rules(json!({"annualRevenue": 10000000})), [("revenue_10m", 10)]);
    assert_eq!(rules(json!({"seniority": "C_LEVEL"})), [("senior_title", 15)]);
    assert_eq!(rules(json!({"jobTitle": "Head of Revenue Operations"})), [("senior_title", 15)]);
    assert_eq!(rules(json!({"jobTitle": "Marketing Manager"})), [("manager_title", 8)]);
    assert_eq!(rules(json!({"jobTitle": "Marketing Coordinator"})), []);
    assert_eq!(rules(json!({"country": "de"})), [("target_country", 5)]);
    assert_eq!(rules(json!({"country": "BR"})), []);
}

#[test]
fn engagement_is_capped_and_counted_per_occurrence() {
    let s = scorer();
    let at = now() - DAY_MS;
    let views: Vec<Value> = (0..25).map(|_| json!({"type": "page_view", "url": "/docs", "at": at})).collect();
    let r = s.score(&json!({ "events": views }), now(), Mode::Strict).unwrap();
    let c = &r.contributions[0];
    assert_eq!((c.rule, c.occurrences, c.points), ("page_view", Some(10), 10.0));
    let mut events: Vec<Value> = (0..5).map(|_| json!({"type": "webinar_attended", "at": at})).collect();
    events.extend((0..5).map(|_| json!({"type": "form_submit", "at": at})));
    events.extend((0..5).map(|_| json!({"type": "pricing_page_view", "at": at})));
    let r = s.score(&json!({ "events": events }), now(), Mode::Strict).unwrap();
    assert_eq!(r.groups[2].score, 40.0, "the activity group is capped at 40");
    assert_eq!(r.engagement, 40);
}

#[test]
fn field_types_are_checked_in_strict_mode_and_forgiven_in_partial_mode() {
    let s = scorer();
    let lead = json!({"employees": "240", "jobTitle": "CTO"});
    for mode in [Mode::Strict, Mode::Partial] {
        assert_eq!(s.score(&lead, now(), mode).unwrap().fit, 30, "numeric text is a number, and JsonLogic reads \"240\" as 240");
    }
    let lead = json!({"employees": "1,200", "jobTitle": "CTO"});
    let err = s.score(&lead, now(), Mode::Strict).unwrap_err();
    assert_eq!((err.code.as_str(), err.path.as_str()), ("INVALID_NUMBER", "$.employees"));
    assert!(err.message.ends_with("found \"1,200\""), "{}", err.message);
    assert_eq!(s.score(&lead, now(), Mode::Partial).unwrap().fit, 15);
}

#[test]
fn every_score_is_the_sum_of_its_contributions() {
    // A deterministic pseudo-random spread of leads over every default rule.
    let s = scorer();
    let mut seed = 0x2545_f491_u64;
    let mut next = |n: u64| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) % n
    };
    let kinds = [
        "page_view",
        "pricing_page_view",
        "email_click",
        "form_submit",
        "content_download",
        "webinar_attended",
        "demo_request",
        "trial_signup",
    ];
    let titles = ["CEO", "Marketing Manager", "Student", "Engineer", "VP Sales"];
    let mut leads = Vec::new();
    for _ in 0..300 {
        let events: Vec<Value> = (0..next(12))
            .map(|_| json!({"type": kinds[next(8) as usize], "at": now() - (next(200) as i64) * DAY_MS / 2}))
            .collect();
        leads.push(json!({
            "email": if next(3) == 0 { "x@gmail.com" } else { "x@corp.example" },
            "jobTitle": titles[next(5) as usize], "employees": next(3000), "annualRevenue": next(50) * 1_000_000,
            "country": if next(2) == 0 { "US" } else { "BR" }, "competitor": next(20) == 0, "unsubscribed": next(10) == 0,
            "events": events
        }));
    }
    for r in s.score_many(&leads, now(), Mode::Strict) {
        let r = r.unwrap();
        assert_eq!(r.contributions.iter().map(|c| c.applied).sum::<i64>(), r.score);
        assert!((0..=100).contains(&r.score));
        assert!(r.contributions.windows(2).all(|w| w[0].applied.abs() >= w[1].applied.abs()));
        assert!(r.contributions.iter().all(|c| c.decayed.abs() <= c.points.abs() + 1e-9));
    }
}
