//! Routing configs: errors with paths, rules with filter logic and their explanations,
//! territory tie-breakers, SLAs and the form concierge.

use pipescore::routing::{default_config, AccountIndex, AssigneeKind, Concierge, RouteInput, Router, RoutingState, ScoreFacts};
use pipescore::scoring::LeadScorer;
use pipescore::time::parse_iso8601;
use pipescore::ErrorKind;
use serde_json::{json, Value};

/// Monday 2026-03-09T15:00:00Z: 11:00 in New York.
fn now() -> i64 {
    parse_iso8601("2026-03-09T15:00:00Z").unwrap()
}

fn base() -> Value {
    json!({
        "timeZone": "America/New_York",
        "workingHours": [{"days": ["mon", "tue", "wed", "thu", "fri"], "from": "09:00", "to": "17:00"}],
        "reps": [{"id": "ana", "name": "Ana Ruiz"}, {"id": "ben", "name": "Ben Okafor"}, {"id": "cara", "timeZone": "Asia/Tokyo"}],
        "queues": [{"id": "inbound", "label": "Inbound queue"}],
        "pools": [{"id": "sdr", "members": ["ana", "ben"]}],
        "territories": [
            {"id": "dach", "countries": ["DE", "Austria", "CHE"], "assign": {"rep": "ben"}},
            {"id": "dach-enterprise", "countries": ["DE", "AT", "CH"], "employees": {"min": 1000}, "assign": {"rep": "ana"}},
            {"id": "bavaria-software", "countries": ["DE"], "industries": ["Software"], "postalPrefixes": ["8"], "priority": 5, "assign": {"rep": "cara"}},
            {"id": "west-coast", "countries": ["US"], "states": ["CA", "Oregon", "WA"], "assign": {"pool": "sdr"}}
        ],
        "namedAccounts": [{"id": "globex", "name": "Globex Corporation", "domains": ["globex.com"], "owner": "cara"}],
        "rules": [
            {"id": "named", "assign": {"accountOwner": true}},
            {"id": "big-and-hot", "label": "Big or hot", "criteria": [
                {">=": [{"var": "lead.employees"}, 500]},
                {"id": "hot", "label": "Hot", "rule": {"==": [{"var": "score.fitGrade"}, "A"]}},
                {"===": [{"var": "context.campaign"}, "launch"]}
             ], "filter": "(1 AND 2) OR 3", "assign": {"rep": "ana"}},
            {"id": "by-territory", "criteria": [{"filled": {"var": "lead.country"}}], "assign": {"territories": "all"}}
        ],
        "defaultOwner": {"queue": "inbound"},
        "slas": [
            {"id": "hot", "label": "Hot: 5 minutes", "when": {"==": [{"var": "score.fitGrade"}, "A"]}, "within": {"minutes": 5}},
            {"id": "standard", "within": {"hours": 24}}
        ]
    })
}

fn error(config: Value) -> (String, String, String) {
    let e = Router::compile(&config).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Config);
    (e.code.as_str().to_owned(), e.path, e.message)
}

fn with(path: &[&str], value: Value) -> Value {
    let mut config = base();
    let mut at = &mut config;
    for (i, step) in path.iter().enumerate() {
        let next = match step.parse::<usize>() {
            Ok(n) => &mut at[n],
            Err(_) => &mut at[*step],
        };
        if i + 1 == path.len() {
            *next = value;
            break;
        }
        at = next;
    }
    config
}

#[test]
fn config_errors_name_the_path_and_what_to_write() {
    let cases: Vec<(Value, &str, &str, &str)> = vec![
        (with(&["rules", "0", "assing"], json!({})), "INVALID_SHAPE", "$.rules[0].assing", "unknown field `assing`"),
        (with(&["reps", "1", "timeZone"], json!("Europe/Berln")), "UNKNOWN_TIME_ZONE", "$.reps[1].timeZone", "did you mean \"Europe/Berlin\"?"),
        (with(&["timeZone"], json!("Eastern Time")), "UNKNOWN_TIME_ZONE", "$.timeZone", "not an IANA time zone name"),
        (
            with(&["pools", "0", "members", "1"], json!("benn")),
            "UNKNOWN_REFERENCE",
            "$.pools[0].members[1]",
            "there is no rep \"benn\"; did you mean \"ben\"?",
        ),
        (with(&["rules", "2", "assign"], json!({"pool": "sdrs"})), "UNKNOWN_REFERENCE", "$.rules[2].assign.pool", "did you mean \"sdr\"?"),
        (with(&["rules", "2", "assign"], json!({"territory": "dash"})), "UNKNOWN_REFERENCE", "$.rules[2].assign.territory", "did you mean \"dach\"?"),
        (with(&["defaultOwner"], json!({"queue": "inbox"})), "UNKNOWN_REFERENCE", "$.defaultOwner.queue", "the queues are \"inbound\""),
        (with(&["defaultOwner"], json!({"pool": "sdr"})), "INVALID_SHAPE", "$.defaultOwner.pool", "assigns to a rep or queue"),
        (with(&["rules", "2", "assign"], json!({"rep": "ana", "queue": "inbound"})), "INVALID_SHAPE", "$.rules[2].assign", "found rep and queue"),
        (with(&["rules", "2", "assign"], json!({})), "INVALID_SHAPE", "$.rules[2].assign", "name who gets the lead"),
        (with(&["namedAccounts", "0", "owner"], json!("dave")), "UNKNOWN_REFERENCE", "$.namedAccounts[0].owner", "there is no rep \"dave\""),
        (with(&["namedAccounts", "0", "tier"], json!(1)), "INVALID_SHAPE", "$.namedAccounts[0].tier", "unknown field `tier`"),
        (with(&["rules", "1", "filter"], json!("1 AND 2 OR 3")), "INVALID_FILTER", "$.rules[1].filter", "mixes AND and OR"),
        (
            with(&["rules", "1", "filter"], json!("(1 AND 4) OR 3")),
            "INVALID_FILTER",
            "$.rules[1].filter",
            "names criterion 4, but the rule has 3 criteria",
        ),
        (with(&["rules", "1", "filter"], json!("1 OR 3")), "INVALID_FILTER", "$.rules[1].filter", "criterion 2 is not used"),
        (with(&["rules", "1", "criteria", "1", "rule"], json!({"=>": [1, 2]})), "UNKNOWN_OPERATOR", "$.rules[1].criteria[1].rule", ""),
        (with(&["rules", "1", "id"], json!("named")), "DUPLICATE_ID", "$.rules[1].id", "two rules have the id \"named\""),
        (with(&["reps", "0", "id"], json!(" ")), "INVALID_ID", "$.reps[0].id", "can't be empty"),
        (with(&["workingHours", "0", "from"], json!("9am")), "INVALID_SCHEDULE", "$.workingHours[0].from", "HH:MM"),
        (with(&["workingHours", "0", "days", "2"], json!("wednesday")), "INVALID_SCHEDULE", "$.workingHours[0].days[2]", "is not a weekday"),
        (
            with(&["reps", "0", "outOfOffice"], json!([{"from": "2026-03-10", "to": "2026-03-09"}])),
            "INVALID_SCHEDULE",
            "$.reps[0].outOfOffice[0].to",
            "end after it starts",
        ),
        (with(&["reps", "0", "holidays"], json!(["25/12/2026"])), "INVALID_SCHEDULE", "$.reps[0].holidays[0]", "YYYY-MM-DD"),
        (with(&["reps", "0", "capPerDay"], json!(0)), "INVALID_CAP", "$.reps[0].capPerDay", "at least 1"),
        (
            with(&["pools", "0", "members", "0"], json!({"rep": "ana", "weight": -1})),
            "INVALID_WEIGHT",
            "$.pools[0].members[0].weight",
            "from 0 to 1000",
        ),
        (with(&["pools", "0", "members", "1"], json!("ana")), "DUPLICATE_ID", "$.pools[0].members[1]", "member twice"),
        (with(&["pools", "0", "members"], json!([])), "INVALID_SHAPE", "$.pools[0].members", "at least one member"),
        (
            with(&["territories", "0", "countries", "1"], json!("Austira")),
            "UNKNOWN_COUNTRY",
            "$.territories[0].countries[1]",
            "did you mean \"Austria\"?",
        ),
        (
            with(&["territories", "1", "employees"], json!({"min": 1000, "max": 500})),
            "INVALID_RANGE",
            "$.territories[1].employees.max",
            "must be above min",
        ),
        (with(&["territories", "1", "industries"], json!([])), "INVALID_SHAPE", "$.territories[1].industries", "empty list"),
        (
            with(&["territories", "1", "assign"], json!({"territories": "all"})),
            "INVALID_SHAPE",
            "$.territories[1].assign.territories",
            "rep, queue or pool",
        ),
        (with(&["matching"], json!({"fuzzyThreshold": 1.5})), "INVALID_THRESHOLD", "$.matching.fuzzyThreshold", "at most 1"),
        (with(&["matching"], json!({"methods": ["domain", "email"]})), "INVALID_SHAPE", "$.matching.methods[1]", "not a matching method"),
        (with(&["slas", "0", "within"], json!({"minutes": 0})), "INVALID_SLA", "$.slas[0].within", "positive time"),
        (with(&["concierge"], json!({"hot": {"bogus": []}})), "UNKNOWN_OPERATOR", "$.concierge.hot", ""),
    ];
    for (config, code, path, words) in cases {
        let (c, p, m) = error(config);
        assert_eq!((c.as_str(), p.as_str()), (code, path), "{m}");
        assert!(m.contains(words), "{path}: {m}");
    }
    let mut missing = base();
    missing.as_object_mut().unwrap().remove("defaultOwner");
    assert_eq!(error(missing).2, "missing field `defaultOwner`");
}

fn route(router: &Router, input: Value) -> pipescore::routing::Decision {
    router.route_json(&input, None, &mut RoutingState::new(), now()).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn filter_logic_and_the_first_failing_condition() {
    let router = Router::compile(&base()).unwrap();
    let d = route(&router, json!({"lead": {"employees": 800}, "score": {"fitGrade": "B"}, "context": {"campaign": "webinar"}}));
    let skipped = &d.skipped[1];
    assert_eq!(skipped.id, "big-and-hot");
    assert_eq!(
        skipped.reason,
        "filter (1 AND 2) OR 3 fails (1 holds, 2 fails, 3 fails); criterion 2 (Hot) failed: score.fitGrade must be \"A\" (is \"B\")"
    );
    assert_eq!(skipped.criterion, Some(2));
    assert_eq!(skipped.failed.as_ref().unwrap().fields, ["score.fitGrade"]);
    let d = route(&router, json!({"lead": {"employees": 800}, "score": {"fitGrade": "A"}}));
    assert_eq!(d.assignee.id, "ana");
    assert_eq!(d.rule.unwrap().reason, "filter (1 AND 2) OR 3 holds (1 holds, 2 holds); the rep Ana Ruiz (\"ana\")");
    let d = route(&router, json!({"lead": {}, "context": {"campaign": "launch"}}));
    assert_eq!(d.assignee.id, "ana", "criterion 3 alone");
}

#[test]
fn a_lead_no_rule_assigns_goes_to_the_default_owner() {
    let router = Router::compile(&base()).unwrap();
    let d = route(&router, json!({"lead": {"company": "Nobody", "email": "x@gmail.com"}}));
    assert!(d.by_default && d.rule.is_none());
    assert_eq!((d.assignee.kind, d.assignee.id.as_str()), (AssigneeKind::Queue, "inbound"));
    assert_eq!(d.reason, "No rule assigned the lead: it goes to the default owner, Inbound queue (\"inbound\").");
    let reasons: Vec<&str> = d.skipped.iter().map(|s| s.reason.as_str()).collect();
    assert_eq!(reasons[0], "it has no criteria, so it applies to every lead, but no account matched: company \"Nobody\" matched no account; the email's domain gmail.com is free mail, which says nothing about the company");
    assert!(reasons[2].starts_with("criterion 1 failed: lead.country is empty"), "{}", reasons[2]);
    assert_eq!(d.sla.unwrap().id, "standard");
}

#[test]
fn territories_break_ties_by_priority_then_specificity_then_order() {
    let router = Router::compile(&base()).unwrap();
    let t = |lead: Value| route(&router, json!({ "lead": lead })).territory.unwrap();
    let small = t(json!({"country": "Germany", "employees": 50}));
    assert_eq!((small.id.as_str(), small.also_fits.len(), small.tie_break.as_deref()), ("dach", 0, None));
    assert_eq!(small.reason, "country Germany (DE) is one of Germany, Austria, Switzerland");
    let big = t(json!({"country": "deu", "employees": 5000}));
    assert_eq!((big.id.as_str(), big.also_fits.as_slice()), ("dach-enterprise", &["dach".to_owned()][..]));
    assert_eq!(big.tie_break.as_deref(), Some("it sets 2 criteria, \"dach\" sets 1"));
    let munich = t(json!({"country": "DE", "employees": 5000, "industry": "software", "postalCode": "80331"}));
    assert_eq!(munich.id, "bavaria-software");
    assert_eq!(munich.tie_break.as_deref(), Some("priority 5 is above \"dach-enterprise\"'s 0"));
    let oregon = route(&router, json!({"lead": {"country": "USA", "state": "oregon"}}));
    assert_eq!(oregon.territory.unwrap().id, "west-coast");
    assert_eq!(oregon.rotation.unwrap().picked.as_deref(), Some("ana"));
    let texas = route(&router, json!({"lead": {"country": "US", "state": "TX"}}));
    assert!(texas.by_default);
    assert!(texas.skipped[2].reason.contains("\"west-coast\": state \"TX\" is not one of CA, Oregon, WA"), "{}", texas.skipped[2].reason);
}

#[test]
fn named_accounts_and_the_accounts_passed_in() {
    let router = Router::compile(&base()).unwrap();
    let d = route(&router, json!({"lead": {"email": "jo@globex.com"}}));
    assert_eq!((d.assignee.id.as_str(), d.rule.as_ref().unwrap().id.as_str()), ("cara", "named"));
    let account = d.account.unwrap();
    assert_eq!((account.source, account.owner.as_deref()), ("namedAccounts", Some("cara")));
    // Cara works 09:00–17:00 in Tokyo: at 00:00 there she is not available.
    let availability = d.availability.unwrap();
    assert!(!availability.available);
    assert_eq!(availability.next_available_at.as_deref(), Some("2026-03-10T00:00:00.000Z"));
    let crm = AccountIndex::build(&[
        json!({"name": "Initech", "domain": "initech.com", "owner": "ben", "tier": "gold"}),
        json!({"name": "Hooli", "owner": "gavin"}),
    ])
    .unwrap();
    let mut state = RoutingState::new();
    let d = router.route_json(&json!({"lead": {"email": "p@initech.com"}}), Some(&crm), &mut state, now()).unwrap();
    assert_eq!((d.assignee.kind, d.assignee.id.as_str()), (AssigneeKind::Rep, "ben"));
    assert_eq!(state.reps["ben"].today, 1, "every assignment to a rep counts");
    let d = router.route_json(&json!({"lead": {"company": "Hooli Inc"}}), Some(&crm), &mut state, now()).unwrap();
    assert_eq!((d.assignee.kind, d.assignee.id.as_str(), d.availability.is_none()), (AssigneeKind::Owner, "gavin", true));
}

#[test]
fn rules_read_the_matched_account() {
    let mut config = base();
    config["rules"] = json!([{"id": "gold", "criteria": [{"==": [{"var": "account.tier"}, "gold"]}, {"==": [{"var": "accountMatch.method"}, "domain"]}], "assign": {"rep": "cara"}}]);
    let router = Router::compile(&config).unwrap();
    let crm = AccountIndex::build(&[json!({"name": "Initech", "domain": "initech.com", "tier": "gold"})]).unwrap();
    let d = router.route_json(&json!({"lead": {"email": "p@initech.com"}}), Some(&crm), &mut RoutingState::new(), now()).unwrap();
    assert_eq!(d.assignee.id, "cara");
    let d = router.route_json(&json!({"lead": {"company": "Initech"}}), Some(&crm), &mut RoutingState::new(), now()).unwrap();
    assert_eq!(d.skipped[0].reason, "criterion 2 failed: accountMatch.method must be \"domain\" (is \"name\")");
}

#[test]
fn input_errors_name_the_field() {
    let router = Router::compile(&base()).unwrap();
    let mut state = RoutingState::new();
    let e = router.route_json(&json!({"lead": {"employees": "1,200"}}), None, &mut state, now()).unwrap_err();
    assert_eq!((e.kind, e.code.as_str(), e.path.as_str()), (ErrorKind::Input, "INVALID_NUMBER", "$.lead.employees"));
    let e = router.route_json(&json!({"lead": "Acme"}), None, &mut state, now()).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_RECORD", "$.lead"));
    let e = router.route_json(&json!({"lead": {}, "score": {"grade": ["A"]}}), None, &mut state, now()).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_TEXT", "$.score.grade"));
    let e = router.route_json(&json!({"lead": {}}), None, &mut state, i64::MAX).unwrap_err();
    assert_eq!((e.code.as_str(), e.path.as_str()), ("INVALID_NOW", "$.now"));
    assert_eq!(state, RoutingState::new());
}

#[test]
fn the_concierge_offers_a_meeting_to_a_hot_lead_with_an_available_owner() {
    let router = Router::with_default().unwrap();
    let scorer = LeadScorer::with_default_model().unwrap();
    let concierge = Concierge::new(&router).with_scorer(&scorer);
    let mut state = RoutingState::new();
    let hot = json!({"email": "vp@bigco.example", "jobTitle": "VP Sales", "industry": "software", "employees": 400, "annualRevenue": 20000000, "country": "US",
                     "state": "NY", "events": [{"type": "demo_request", "at": "2026-03-09T14:55:00Z"}]});
    let result = concierge.submit(&RouteInput::new(&hot), &mut state, now()).unwrap();
    assert_eq!(result.score.as_ref().unwrap().fit_grade.as_deref(), Some("A"));
    assert!(result.hot && result.offer_meeting, "{}", result.meeting_reason);
    assert_eq!(result.meeting_with.as_ref().unwrap().id, "ae-east");
    assert_eq!(result.meeting_reason, "a hot lead, and Account executive, North America East is available now until 2026-03-09T21:00:00.000Z");
    let sla = result.sla.unwrap();
    assert_eq!((sla.id.as_str(), sla.due_at.as_str()), ("hot", "2026-03-09T15:05:00.000Z"));
    // The same lead at 22:00 in New York: hot, but nobody to meet now.
    let late = parse_iso8601("2026-03-10T02:00:00Z").unwrap();
    let result = concierge.submit(&RouteInput::new(&hot), &mut state, late).unwrap();
    assert!(result.hot && !result.offer_meeting);
    assert_eq!(
        result.meeting_reason,
        "a hot lead, but Account executive, North America East is outside working hours (next available at 2026-03-10T13:00:00.000Z)"
    );
    // A small lead with a given score: not hot, round robin, 24 hours.
    let small = json!({"email": "kim@tiny.example", "employees": 5, "country": "US"});
    let input = RouteInput::new(&small).with_score(ScoreFacts { total: Some(12.0), fit_grade: Some("C".into()), ..ScoreFacts::default() });
    let result = concierge.submit(&input, &mut state, now()).unwrap();
    assert!(!result.hot && !result.offer_meeting);
    assert_eq!(result.hot_reason, "not a hot lead: score.fitGrade must be \"A\" (is \"C\"); score.total must be >= 60 (is 12)");
    assert_eq!(result.decision.rule.unwrap().id, "inbound-round-robin");
    assert_eq!(result.sla.unwrap().within_ms, 24 * 3_600_000);
}

#[test]
fn the_default_config_routes_out_of_the_box() {
    assert_eq!(default_config()["defaultOwner"], json!({"queue": "inbound"}));
    let router = Router::with_default().unwrap();
    let west = route(&router, json!({"lead": {"country": "US", "state": "CA", "employees": 900}}));
    let t = west.territory.unwrap();
    assert_eq!(
        (west.assignee.id.as_str(), t.id.as_str(), t.tie_break.as_deref()),
        ("ae-west", "na-west", Some("it sets 3 criteria, \"na-east\" sets 2"))
    );
    let emea = route(&router, json!({"lead": {"country": "Germany", "employees": 900}}));
    assert_eq!(emea.assignee.id, "ae-emea");
    let anyone = route(&router, json!({"lead": {"email": "a@b.example"}}));
    assert_eq!(anyone.rotation.unwrap().pool, "sdr");
}
