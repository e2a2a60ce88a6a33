// The JS libraries users would otherwise pick, each scoring the benchmark model: the sum of the
// points of the rules that hold, per lead.
import jsonLogic from 'json-logic-js';
import { LogicEngine } from 'json-logic-engine';
import { Engine } from 'json-rules-engine';
import { RULES, toRulesEngineConditions } from './workload.mjs';

/** json-logic-js 2.0.5: interprets each rule per lead. */
export function jsonLogicJsScorer() {
  return (leads) => {
    const out = new Float64Array(leads.length);
    for (let i = 0; i < leads.length; i++) {
      let total = 0;
      for (const rule of RULES) if (jsonLogic.truthy(jsonLogic.apply(rule.when, leads[i]))) total += rule.points;
      out[i] = total;
    }
    return out;
  };
}

/** json-logic-engine 5 in its compiled mode: `engine.build(rule)` turns each rule into a JS function. */
export function jsonLogicEngineScorer() {
  const engine = new LogicEngine();
  const compiled = RULES.map((rule) => ({ points: rule.points, test: engine.build(rule.when) }));
  return (leads) => {
    const out = new Float64Array(leads.length);
    for (let i = 0; i < leads.length; i++) {
      let total = 0;
      for (const rule of compiled) if (rule.test(leads[i])) total += rule.points;
      out[i] = total;
    }
    return out;
  };
}

/** json-rules-engine 7: one engine holding the 25 rules; each fired event carries its points. */
export function jsonRulesEngineScorer() {
  const engine = new Engine([], { allowUndefinedFacts: true });
  for (const rule of RULES) {
    engine.addRule({ name: rule.id, conditions: toRulesEngineConditions(rule.when), event: { type: 'points', params: { points: rule.points } } });
  }
  return async (leads) => {
    const out = new Float64Array(leads.length);
    for (let i = 0; i < leads.length; i++) {
      const { events } = await engine.run(leads[i]);
      let total = 0;
      for (const event of events) total += event.params.points;
      out[i] = total;
    }
    return out;
  };
}
