//! The package's JS plan reader gives the cells the core's JSON reader gives for the same
//! records' JSON: plain values read directly, everything else through its JSON.
use js_sys::{Array, Function, JSON};
use pipescore::record::{Plan, PlanBuilder, Records, RowRef, ROOT};
use pipescore::rules::Rule;
use pipescore::scoring::LeadScorer;
use pipescore::gates::Pipeline;
use pipescore_wasm::records::PlanReader;
use serde_json::{json, Value};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// Records with the values JSON rewrites or drops: Dates (valid and not), undefined, functions,
/// symbols, -0, NaN, Infinity, holes, class instances, toJSON, `__proto__` own keys, strings.
const RECORDS: &str = r#"
class Contact { constructor(n) { this.name = n; this.role = 'champion'; } }
const own = JSON.parse('{"__proto__": {"x": 1}, "stage": "demo"}');
return [
  { amount: 5000, stage: 'discovery', events: [{ type: 'demo_request', at: '2026-11-20' }, { type: 'visit', at: 1795478400000 }] },
  { amount: -0, stage: null, employees: NaN, annualRevenue: Infinity, jobTitle: undefined, email: () => 1, seniority: Symbol('s') },
  { closeDate: new Date(Date.UTC(2026, 10, 24)), createdAt: new Date(NaN), events: [{ type: 'x', at: new Date(0) }, null, 'text', [1, 2]] },
  { contacts: [new Contact('Ada'), { name: 'Bo', role: 'decision_maker' }], tags: ['a', undefined, , 'b'] },
  { toJSON() { return { stage: 'from toJSON', amount: 1 }; } },
  own,
  { owner: { email: 'ops@acme.io', name: { first: 'Jo' } }, 'close date': '2026-12-01', length: 3 },
  { stage: 'Closed Won', stageHistory: [{ stage: 'demo', enteredAt: '2026-10-01' }, { stage: 'proposal', enteredAt: new Date(Date.UTC(2026, 10, 1)) }] },
  'not an object', 42, null, [1, 2, 3], { nested: { list: [{ a: 1 }, { a: [2] }] } },
  { email: 'Zoë 😀 ﬃ', jobTitle: 'VP ' + 'Sales', events: [] },
  Object.create(null, { stage: { value: 'demo', enumerable: true }, amount: { value: 7, enumerable: true } }),
];
"#;

/// The plans the package's engines read with, and one with deep paths, lists and kept JSON.
fn plans() -> Vec<Plan> {
    let mut custom = PlanBuilder::new();
    for rule in [
        json!({"var": "owner.email"}), json!({"var": "owner.name.first"}), json!({"var": "close date"}),
        json!({"var": "tags"}), json!({"var": "tags.1"}), json!({"var": "length"}), json!({"var": "nested.list.1.a"}),
        json!({"some": [{"var": "contacts"}, {"==": [{"var": "role"}, "champion"]}]}),
        json!({"count": [{"var": "nested.list"}, {"var": "a"}]}),
        json!({"filter": [{"var": "events"}, {"var": "type"}]}),
        json!({"missing": ["stage"]}),
    ] {
        Rule::compile(&rule).unwrap().bind(&mut custom, ROOT);
    }
    vec![
        LeadScorer::with_default_model().unwrap().plan().clone(),
        Pipeline::compile(&Pipeline::default_config()).unwrap().plan().clone(),
        custom.finish(),
    ]
}

fn same_rows(a: RowRef<'_>, b: RowRef<'_>, plan: &Plan, at: &str) {
    assert_eq!(a.shape(), b.shape(), "shape of {at}");
    assert_eq!(a.json(), b.json(), "JSON of {at}");
    for (slot, name) in plan.paths(a.scope()).enumerate() {
        let slot = slot as u32;
        assert_eq!(a.raw(slot), b.raw(slot), "{at}.{name}");
        match (a.list(slot), b.list(slot)) {
            (Some(x), Some(y)) => {
                assert_eq!(x.len(), y.len(), "items of {at}.{name}");
                for (i, (p, q)) in x.iter().zip(y.iter()).enumerate() {
                    same_rows(p, q, plan, &format!("{at}.{name}[{i}]"));
                }
            }
            (x, y) => assert_eq!(x.is_some(), y.is_some(), "{at}.{name} is a list"),
        }
    }
}

#[wasm_bindgen_test]
fn the_js_reader_reads_what_the_json_reader_reads() {
    let records: Array = Function::new_no_args(RECORDS).call0(&JsValue::NULL).unwrap().into();
    let as_json: Vec<Value> = records
        .iter()
        .map(|r| serde_json::from_str(&String::from(JSON::stringify(&r).unwrap())).unwrap())
        .collect();
    for plan in plans() {
        let (from_js, unreadable) = PlanReader::new(&plan).unwrap().read(&plan, &records).unwrap();
        assert!(unreadable.is_empty());
        let from_json = Records::from_json(&plan, &as_json);
        assert_eq!(from_js.len(), from_json.len());
        for (i, (a, b)) in from_js.iter().zip(from_json.iter()).enumerate() {
            same_rows(a, b, &plan, &format!("record {i} ({})", as_json[i]));
        }
    }
}

#[wasm_bindgen_test]
fn an_unreadable_record_is_reported_and_the_others_are_read() {
    let records: Array = Function::new_no_args(
        "const cycle = { stage: 'demo' }; cycle.self = cycle;
         return [{ stage: 'demo' }, { get stage() { throw new Error('no stage today'); } }, { stage: 1n }, { stage: 'proposal' }];",
    )
    .call0(&JsValue::NULL)
    .unwrap()
    .into();
    let plan = Pipeline::compile(&Pipeline::default_config()).unwrap().plan().clone();
    let (read, unreadable) = PlanReader::new(&plan).unwrap().read(&plan, &records).unwrap();
    assert_eq!(read.len(), 4);
    let errors: Vec<(usize, pipescore::Error)> = unreadable.iter().map(|u| (u.index, u.in_batch())).collect();
    assert_eq!(errors.len(), 2);
    assert_eq!((errors[0].0, errors[0].1.code.as_str(), errors[0].1.path.as_str()), (1, "UNSERIALIZABLE", "$[1].stage"));
    assert!(errors[0].1.message.contains("no stage today"), "{}", errors[0].1.message);
    assert_eq!((errors[1].0, errors[1].1.path.as_str()), (2, "$[2].stage"));
    let stage = plan.slot(ROOT, "stage").unwrap();
    assert_eq!(read.record(3).unwrap().raw(stage), pipescore::read::Raw::Text("proposal"));
    assert!(read.record(1).unwrap().holds_nothing());
}
