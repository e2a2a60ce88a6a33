use super::*;
use serde_json::json;

fn contacts_rules(rules: Value, blocking: Value) -> Deduper {
    Deduper::compile(&json!({ "contacts": { "rules": rules, "blocking": blocking } })).unwrap()
}

fn by_email() -> Value {
    json!({ "keys": [{ "id": "email", "fields": [{ "field": "email", "normalise": "email" }] }] })
}

fn pairs(report: &DuplicateReport) -> Vec<(usize, usize)> {
    report.clusters.iter().flat_map(|c| c.pairs.iter().map(|p| (p.records[0].index, p.records[1].index))).collect()
}

fn config_error(config: Value) -> Error {
    Deduper::compile(&config).unwrap_err()
}

#[test]
fn the_default_config_compiles_for_every_object() {
    let d = Deduper::with_default().unwrap();
    for kind in ObjectKind::ALL {
        assert!(d.checks(kind), "{kind:?}");
    }
    assert!(!Deduper::compile(&json!({})).unwrap().checks(ObjectKind::Deals));
    let e = DuplicateIndex::build(&Deduper::compile(&json!({})).unwrap(), ObjectKind::Deals, &[]).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::NoMatchRules, "$.deals"));
}

#[test]
fn blank_never_matches_filled_and_blank_pairs_only_with_match_blank() {
    let records = [
        json!({ "email": "a@x.co", "phone": "" }),
        json!({ "email": "a@x.co", "phone": "+1 415 555 0100" }),
        json!({ "email": "a@x.co" }),
    ];
    let rule = |match_blank: bool| {
        json!([{ "id": "email_phone", "fields": [
            { "field": "email", "method": "normalised", "normalise": "email" },
            { "field": "phone", "method": "normalised", "normalise": "phone", "matchBlank": match_blank }
        ] }])
    };
    let off = contacts_rules(rule(false), by_email()).dedupe(ObjectKind::Contacts, &records).unwrap();
    assert_eq!(pairs(&off), [], "blank phones never match, not even each other");
    assert_eq!(off.pairs_compared.count, 3);
    let on = contacts_rules(rule(true), by_email()).dedupe(ObjectKind::Contacts, &records).unwrap();
    assert_eq!(pairs(&on), [(0, 2)], "blank matches blank with matchBlank, never a filled phone");
    let phone = &on.clusters[0].pairs[0].matched.fields[1];
    assert_eq!((phone.how, phone.matched), (How::BlankInBoth, true));
    assert_eq!(phone.reason, "phone is blank in both, which counts as a match (matchBlank)");
}

#[test]
fn weights_and_thresholds_decide() {
    let records = [
        json!({ "email": "a@x.co", "firstName": "Ann", "lastName": "Lee", "company": "Acme" }),
        json!({ "email": "a@x.co", "firstName": "Bea", "lastName": "Lee", "company": "Acme" }),
    ];
    let rule = |threshold: f64| {
        json!([{ "id": "weighted", "threshold": threshold, "fields": [
            { "field": "firstName", "method": "fuzzy", "normalise": "personName", "weight": 1 },
            { "field": "lastName", "method": "normalised", "normalise": "personName", "weight": 2 },
            { "field": "company", "method": "normalised", "normalise": "company", "weight": 2 }
        ] }])
    };
    let lenient = contacts_rules(rule(4.0), by_email()).dedupe(ObjectKind::Contacts, &records).unwrap();
    assert_eq!(pairs(&lenient), [(0, 1)]);
    let pair = &lenient.clusters[0].pairs[0];
    assert_eq!((pair.matched.score, pair.matched.threshold), (4.0, 4.0));
    assert_eq!(pair.matched.fields.iter().map(|f| f.matched).collect::<Vec<_>>(), [false, true, true]);
    assert!(pair.matched.fields[0].reason.starts_with("firstName: \"ann\" and \"bea\" differ (best similarity"), "{}", pair.matched.fields[0].reason);
    let strict = contacts_rules(rule(5.0), by_email()).dedupe(ObjectKind::Contacts, &records).unwrap();
    assert_eq!(pairs(&strict), []);
    let e = config_error(json!({ "contacts": { "rules": rule(6.0), "blocking": by_email() } }));
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidThreshold, "$.contacts.rules[0].threshold"));
    assert!(e.message.contains("at most 5"), "{}", e.message);
}

#[test]
fn fellegi_sunter_weights_penalise_disagreement() {
    let rules = json!([{ "id": "fs", "threshold": 10, "fields": [
        { "field": "email", "method": "normalised", "normalise": "email", "m": 0.95, "u": 0.0001 },
        { "field": "lastName", "method": "normalised", "normalise": "personName", "m": 0.9, "u": 0.01 }
    ] }]);
    let d = contacts_rules(rules, by_email());
    let same = [json!({ "email": "a@x.co", "lastName": "Lee" }), json!({ "email": "A@x.co", "lastName": "lee" })];
    let report = d.dedupe(ObjectKind::Contacts, &same).unwrap();
    let pair = &report.clusters[0].pairs[0];
    let expected = (0.95f64 / 0.0001).log2() + 90f64.log2();
    assert!((pair.matched.score - expected).abs() < 1e-4, "{} vs {expected}", pair.matched.score);
    let other_name = [json!({ "email": "a@x.co", "lastName": "Lee" }), json!({ "email": "a@x.co", "lastName": "Kim" })];
    let report = d.dedupe(ObjectKind::Contacts, &other_name).unwrap();
    assert_eq!(report.clusters.len(), 0, "13.2 − 3.3 is below 10");
    let blank_name = [json!({ "email": "a@x.co", "lastName": "Lee" }), json!({ "email": "a@x.co" })];
    let report = d.dedupe(ObjectKind::Contacts, &blank_name).unwrap();
    assert_eq!(report.clusters.len(), 1, "a blank adds nothing either way: 13.2 ≥ 10");
}

#[test]
fn oversized_blocks_are_reported_not_dropped() {
    let records: Vec<Value> = (0..5).map(|i| json!({ "id": i, "email": "shared@x.co", "lastName": format!("n{i}") })).collect();
    let blocking = json!({ "keys": [{ "id": "email", "fields": [{ "field": "email", "normalise": "email" }] }], "maxBlockSize": 4 });
    let rules = json!([{ "id": "same_email", "fields": [{ "field": "email", "method": "normalised", "normalise": "email" }] }]);
    let d = contacts_rules(rules, blocking);
    let report = d.dedupe(ObjectKind::Contacts, &records).unwrap();
    assert_eq!(report.pairs_compared.count, 0);
    let block = &report.blocking.oversized_blocks[0];
    assert_eq!((block.block.key.as_str(), block.block.value.as_str(), block.block.size, block.pairs_skipped), ("email", "shared@x.co", 5, 10));
    assert_eq!(block.records.len(), 5);
    assert!(block.reason.contains("more than maxBlockSize (4)"), "{}", block.reason);
    let index = DuplicateIndex::build(&d, ObjectKind::Contacts, &records[..3]).unwrap();
    let lookup = index.find(&records[3]).unwrap();
    assert_eq!((lookup.duplicate, lookup.compared), (true, 3), "a block of 4 with the new record is within the cap");
    let index = DuplicateIndex::build(&d, ObjectKind::Contacts, &records[..4]).unwrap();
    let lookup = index.find(&records[4]).unwrap();
    assert_eq!((lookup.duplicate, lookup.compared, lookup.oversized_blocks.len()), (false, 0, 1));
}

/// Contacts with duplicates of several kinds, for the cluster and index tests.
fn sample() -> Vec<Value> {
    vec![
        json!({ "id": "a", "firstName": "Robert", "lastName": "Smith", "email": "rsmith@acme.com", "company": "Acme Inc", "phone": "+1 415 555 0100" }),
        json!({ "id": "b", "firstName": "Ada", "lastName": "Lovelace", "email": "ada@engines.io", "company": "Engines" }),
        json!({ "id": "c", "firstName": "Bob", "lastName": "Smith", "email": "bob@gmail.com", "company": "ACME" }),
        json!({ "id": "d", "firstName": "Jane", "lastName": "Doe", "email": "j.doe+x@gmail.com", "company": "Initech" }),
        json!({ "id": "e", "firstName": "Ada", "lastName": "Lovelace", "email": "ada.l@engines.io", "company": "Engines Ltd" }),
        json!({ "id": "f", "firstName": "Rob", "lastName": "Smyth", "email": "r@other.org", "phone": "(415) 555-0100" }),
        json!({ "id": "g", "firstName": "Jane", "lastName": "Dough", "email": "jdoe@googlemail.com", "company": "Initech" }),
        json!({ "id": "h", "firstName": "Mary", "lastName": "Smith", "email": "mary@acme.com", "company": "Acme" }),
    ]
}

#[test]
fn clusters_are_deterministic_and_explained() {
    let d = Deduper::with_default().unwrap();
    let report = d.dedupe(ObjectKind::Contacts, &sample()).unwrap();
    let members: Vec<Vec<&str>> =
        report.clusters.iter().map(|c| c.records.iter().map(|r| r.id.as_deref().unwrap_or("")).collect()).collect();
    assert_eq!(members, [vec!["a", "c", "f"], vec!["b", "e"], vec!["d", "g"]], "{:#?}", report.clusters);
    assert_eq!(report.duplicate_records.count, 4);
    let ac = &report.clusters[0].pairs[0];
    assert_eq!(ac.matched.rule, "name_and_company");
    assert_eq!(ac.matched.fields[0].how, How::Nickname);
    assert_eq!(ac.matched.fields[0].reason, "firstName: \"robert\" and \"bob\" are variants of one given name");
    let af = &report.clusters[0].pairs[1];
    assert_eq!((af.matched.rule.as_str(), af.records[1].id.as_deref()), ("name_and_phone", Some("f")), "Rob Smyth on Robert Smith's line");
    assert_eq!(af.matched.fields[2].how, How::SameLine);
    assert_eq!(report.by_rule.iter().map(|r| r.pairs).collect::<Vec<_>>(), [1, 2, 1]);
    let again = d.dedupe(ObjectKind::Contacts, &sample()).unwrap();
    assert_eq!(serde_json::to_string(&again).unwrap(), serde_json::to_string(&report).unwrap());
    // The same records in another order give the same clusters of ids.
    let mut shuffled = sample();
    shuffled.reverse();
    shuffled.swap(1, 5);
    let other = d.dedupe(ObjectKind::Contacts, &shuffled).unwrap();
    let mut ids: Vec<Vec<String>> = other
        .clusters
        .iter()
        .map(|c| {
            let mut ids: Vec<String> = c.records.iter().filter_map(|r| r.id.clone()).collect();
            ids.sort();
            ids
        })
        .collect();
    ids.sort();
    assert_eq!(ids, [vec!["a", "c", "f"], vec!["b", "e"], vec!["d", "g"]]);
}

#[test]
fn the_index_agrees_with_the_batch() {
    let d = Deduper::with_default().unwrap();
    let records = sample();
    let batch = d.dedupe(ObjectKind::Contacts, &records).unwrap();
    let mut index = DuplicateIndex::build(&d, ObjectKind::Contacts, &[]).unwrap();
    let mut found = Vec::new();
    for (i, record) in records.iter().enumerate() {
        for candidate in index.find(record).unwrap().candidates {
            found.push((candidate.record.index, i));
        }
        assert_eq!(index.add(record).unwrap(), i);
    }
    found.sort_unstable();
    let mut expected = pairs(&batch);
    expected.sort_unstable();
    assert_eq!(found, expected);
    let full = DuplicateIndex::build(&d, ObjectKind::Contacts, &records).unwrap();
    let lookup = full.find(&json!({ "firstName": "Roberta", "lastName": "Smith", "company": "acme corporation", "email": "rs@acme.com" })).unwrap();
    let ids: Vec<&str> = lookup.candidates.iter().filter_map(|c| c.record.id.as_deref()).collect();
    assert_eq!(ids, ["a"], "Roberta is close enough to Robert, not to Bob or Mary");
    assert_eq!(full.len(), 8);
}

#[test]
fn the_neighbourhood_pairs_records_near_in_order() {
    let blocking = json!({ "neighbourhood": { "fields": [{ "field": "lastName", "normalise": "personName" }], "window": 2 } });
    let rules = json!([{ "id": "last", "fields": [{ "field": "lastName", "method": "fuzzy", "normalise": "personName", "threshold": 0.9 }] }]);
    let d = contacts_rules(rules, blocking);
    let records = [json!({ "lastName": "Smithson" }), json!({ "lastName": "Adams" }), json!({ "lastName": "Smithsen" }), json!({ "lastName": "Zed" })];
    let report = d.dedupe(ObjectKind::Contacts, &records).unwrap();
    assert_eq!(report.blocking.neighbourhood_pairs, 3, "adams-smithsen, smithsen-smithson, smithson-zed");
    assert_eq!(pairs(&report), [(0, 2)]);
    let index = DuplicateIndex::build(&d, ObjectKind::Contacts, &records).unwrap();
    assert_eq!(index.find(&json!({ "lastName": "Smithsan" })).unwrap().compared, 2, "one on each side");
}

#[test]
fn records_the_rules_cannot_read_are_errors() {
    let d = Deduper::with_default().unwrap();
    let e = d.dedupe(ObjectKind::Contacts, &[json!({ "email": "a@x.co" }), json!({ "id": "1", "properties": { "email": "a@x.co" } })]).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$[1]"));
    assert!(e.message.contains("HubSpot adapter"), "{}", e.message);
    let e = d.dedupe(ObjectKind::Deals, &[json!({ "account": "Acme", "closeDate": "soon" })]).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidDate, "$[0].closeDate"));
    let e = d.dedupe(ObjectKind::Accounts, &[json!("Acme")]).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidRecord, "$[0]"));
    let e = d.dedupe(ObjectKind::Contacts, &[json!({ "email": ["a@x.co"] })]).unwrap_err();
    assert_eq!((e.code, e.path.as_str()), (ErrorCode::InvalidText, "$[0].email"));
}

#[test]
fn config_errors_point_at_the_value() {
    let field = |f: Value| json!({ "contacts": { "blocking": by_email(), "rules": [{ "id": "r", "fields": [f] }] } });
    let cases = [
        (field(json!({ "field": "email", "method": "exact", "normalise": "email" })), ErrorCode::InvalidMatchMethod, "$.contacts.rules[0].fields[0].normalise"),
        (field(json!({ "field": "email", "method": "normalised", "threshold": 0.9 })), ErrorCode::InvalidMatchMethod, "$.contacts.rules[0].fields[0].threshold"),
        (field(json!({ "field": "d", "method": "fuzzy", "normalise": "month" })), ErrorCode::InvalidMatchMethod, "$.contacts.rules[0].fields[0].method"),
        (field(json!({ "field": "n", "method": "fuzzy", "normalise": "text", "measures": ["nickname"] })), ErrorCode::InvalidMatchMethod, "$.contacts.rules[0].fields[0].measures[0]"),
        (field(json!({ "field": "n", "method": "fuzzy", "threshold": 1.5 })), ErrorCode::InvalidThreshold, "$.contacts.rules[0].fields[0].threshold"),
        (field(json!({ "field": "n", "method": "exact", "m": 0.5, "u": 0.6 })), ErrorCode::InvalidMatchProbability, "$.contacts.rules[0].fields[0]"),
        (field(json!({ "field": "n", "method": "exact", "m": 0.5 })), ErrorCode::InvalidMatchProbability, "$.contacts.rules[0].fields[0]"),
        (field(json!({ "field": "n", "method": "exact", "weight": 0 })), ErrorCode::InvalidWeight, "$.contacts.rules[0].fields[0].weight"),
        (field(json!({ "field": " ", "method": "exact" })), ErrorCode::EmptyField, "$.contacts.rules[0].fields[0].field"),
        (field(json!({ "field": "n", "method": "similar" })), ErrorCode::InvalidShape, "$.contacts.rules[0].fields[0].method"),
        (field(json!({ "field": "n", "method": "exact", "matchblank": true })), ErrorCode::InvalidShape, "$.contacts.rules[0].fields[0].matchblank"),
        (json!({ "contacts": { "blocking": by_email(), "rules": [] } }), ErrorCode::NoMatchRules, "$.contacts.rules"),
        (json!({ "contacts": { "blocking": by_email(), "rules": [{ "id": "r", "fields": [] }] } }), ErrorCode::EmptyMatchRule, "$.contacts.rules[0].fields"),
        (json!({ "contacts": { "blocking": {}, "rules": [{ "id": "r", "fields": [{ "field": "n", "method": "exact" }] }] } }), ErrorCode::InvalidBlocking, "$.contacts.blocking"),
        (
            json!({ "contacts": { "blocking": { "keys": [{ "id": "k", "fields": [{ "field": "n", "first": 0 }] }] }, "rules": [{ "id": "r", "fields": [{ "field": "n", "method": "exact" }] }] } }),
            ErrorCode::InvalidBlocking,
            "$.contacts.blocking.keys[0].fields[0].first",
        ),
        (
            json!({ "contacts": { "blocking": { "keys": [], "neighbourhood": { "fields": [{ "field": "n" }], "window": 1 } }, "rules": [{ "id": "r", "fields": [{ "field": "n", "method": "exact" }] }] } }),
            ErrorCode::InvalidBlocking,
            "$.contacts.blocking.neighbourhood.window",
        ),
        (json!({ "contact": {} }), ErrorCode::InvalidShape, "$.contact"),
    ];
    for (config, code, path) in cases {
        let e = config_error(config.clone());
        assert_eq!((e.code, e.path.as_str()), (code, path), "{config}: {}", e.message);
        assert_eq!(e.kind, ErrorKind::Config);
    }
    let twice = json!({ "contacts": { "blocking": by_email(), "rules": [
        { "id": "r", "fields": [{ "field": "n", "method": "exact" }] },
        { "id": "r", "fields": [{ "field": "m", "method": "exact" }] }
    ] } });
    assert_eq!(config_error(twice).code, ErrorCode::DuplicateId);
}
