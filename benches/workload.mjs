// The benchmark workload: a seeded generator of plain lead objects and one 25-rule points model,
// written once as JsonLogic and translated for json-rules-engine, so every engine evaluates
// exactly the same rules on exactly the same data.

/** Mulberry32: a tiny seeded PRNG, so every run (and every engine) sees the same data. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = (rnd, list) => list[Math.floor(rnd() * list.length)];
const INDUSTRIES = ['software', 'saas', 'fintech', 'healthcare', 'retail', 'manufacturing', 'education', 'government', 'media', 'logistics'];
const SENIORITY = ['c_level', 'vp', 'director', 'manager', 'individual_contributor', 'student', 'intern'];
const COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'AU', 'IN', 'BR', 'NG', 'JP', 'SE'];
const DOMAINS = ['acme.com', 'globex.io', 'initech.com', 'umbrella.co', 'gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com', 'hooli.com', 'stark.industries'];
const SOURCES = ['organic_search', 'paid_search', 'referral', 'event', 'webinar', 'purchased_list', 'partner', 'direct'];

/** `count` plain lead objects, the shape a CRM extension holds in memory. */
export function generateLeads(count, seed = 42) {
  const rnd = random(seed);
  const leads = new Array(count);
  for (let i = 0; i < count; i++) {
    const domain = pick(rnd, DOMAINS);
    leads[i] = {
      id: `lead-${i}`,
      email: `person${i}@${domain}`,
      emailDomain: domain,
      jobTitle: pick(rnd, ['CEO', 'VP Sales', 'Head of RevOps', 'Sales Manager', 'Account Executive', 'Student', 'Engineer']),
      seniority: pick(rnd, SENIORITY),
      industry: pick(rnd, INDUSTRIES),
      employees: Math.floor(rnd() ** 2 * 20000),
      annualRevenue: Math.floor(rnd() ** 3 * 5e8),
      country: pick(rnd, COUNTRIES),
      source: pick(rnd, SOURCES),
      pageViews: Math.floor(rnd() * 40),
      pricingPageViews: Math.floor(rnd() ** 2 * 6),
      formSubmits: Math.floor(rnd() * 4),
      emailClicks: Math.floor(rnd() * 10),
      demoRequested: rnd() < 0.08,
      webinarAttended: rnd() < 0.15,
      unsubscribed: rnd() < 0.05,
      competitor: rnd() < 0.02,
      phone: rnd() < 0.6 ? '+1 555 0100' : '',
    };
  }
  return leads;
}

const v = (name) => ({ var: name });

/**
 * The 25-rule model: `{ id, points, when }` with `when` in standard JsonLogic (operators all
 * three JS peers support), mixing fit, engagement and negative rules.
 */
export const RULES = [
  { id: 'industry_software', points: 15, when: { in: [v('industry'), ['software', 'saas', 'fintech']] } },
  { id: 'industry_regulated', points: 5, when: { in: [v('industry'), ['healthcare', 'government']] } },
  { id: 'size_mid', points: 10, when: { and: [{ '>=': [v('employees'), 200] }, { '<': [v('employees'), 2000] }] } },
  { id: 'size_enterprise', points: 20, when: { '>=': [v('employees'), 2000] } },
  { id: 'size_tiny', points: -5, when: { '<': [v('employees'), 10] } },
  { id: 'revenue_10m', points: 10, when: { '>=': [v('annualRevenue'), 10000000] } },
  { id: 'revenue_100m', points: 10, when: { '>=': [v('annualRevenue'), 100000000] } },
  { id: 'exec', points: 20, when: { in: [v('seniority'), ['c_level', 'vp']] } },
  { id: 'director', points: 10, when: { '==': [v('seniority'), 'director'] } },
  { id: 'manager', points: 5, when: { '==': [v('seniority'), 'manager'] } },
  { id: 'student', points: -30, when: { in: [v('seniority'), ['student', 'intern']] } },
  { id: 'core_market', points: 10, when: { in: [v('country'), ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'AU', 'SE']] } },
  { id: 'free_mail', points: -15, when: { in: [v('emailDomain'), ['gmail.com', 'yahoo.com', 'hotmail.com', 'outlook.com']] } },
  { id: 'competitor', points: -50, when: { '==': [v('competitor'), true] } },
  { id: 'unsubscribed', points: -40, when: { '==': [v('unsubscribed'), true] } },
  { id: 'purchased_list', points: -10, when: { '==': [v('source'), 'purchased_list'] } },
  { id: 'referral', points: 10, when: { in: [v('source'), ['referral', 'partner']] } },
  { id: 'active_browser', points: 5, when: { '>=': [v('pageViews'), 10] } },
  { id: 'heavy_browser', points: 5, when: { '>=': [v('pageViews'), 25] } },
  { id: 'pricing_page', points: 15, when: { '>=': [v('pricingPageViews'), 1] } },
  { id: 'pricing_repeat', points: 10, when: { '>=': [v('pricingPageViews'), 3] } },
  { id: 'form_submit', points: 10, when: { '>': [v('formSubmits'), 0] } },
  { id: 'email_engaged', points: 5, when: { '>=': [v('emailClicks'), 3] } },
  { id: 'demo_request', points: 30, when: { '==': [v('demoRequested'), true] } },
  { id: 'webinar_no_phone', points: 5, when: { and: [{ '==': [v('webinarAttended'), true] }, { '!=': [v('phone'), ''] }] } },
];

/** The lead model the benchmarks give pipescore: the 25 rules in one fit group, with grades. */
export const BENCH_MODEL = {
  groups: [{ id: 'bench', type: 'fit', rules: RULES.map(({ id, points, when }) => ({ id, points, when })) }],
  grades: { fit: { A: 60, B: 30, C: 10 }, engagement: { 1: 60, 2: 30, 3: 10 } },
};

/** Reference score of one lead: the sum of the points of the rules that hold (plain JS). */
export function referenceScore(lead, evaluate) {
  let total = 0;
  for (const rule of RULES) if (evaluate(rule.when, lead)) total += rule.points;
  return total;
}

const OPERATORS = { '==': 'equal', '!=': 'notEqual', '<': 'lessThan', '<=': 'lessThanInclusive', '>': 'greaterThan', '>=': 'greaterThanInclusive', in: 'in' };

/** Translates one of the RULES' conditions into json-rules-engine's `{ all: [...] }` form. */
export function toRulesEngineConditions(when) {
  const conditions = when.and || [when];
  return {
    all: conditions.map((condition) => {
      const [op] = Object.keys(condition);
      const [fact, value] = condition[op];
      return { fact: fact.var, operator: OPERATORS[op], value };
    }),
  };
}

const STAGES = ['prospecting', 'discovery', 'demo', 'proposal', 'negotiation', 'closed_won', 'closed_lost'];
const OWNERS = ['Ana Silva', 'Ben Okafor', 'Chen Wei', 'Dana Levi', 'Eli Novak', 'Fatima Khan', 'Gus Berg', 'Hana Sato'];
const DAY = 86_400_000;

/**
 * `count` deals as a CRM extension holds them: stage, amount, dates, stage history, activities,
 * contacts and the fields the default pipeline's criteria read. Dates lie before `now`.
 */
export function generateDeals(count, { seed = 7, now = Date.parse('2026-11-24T12:00:00Z') } = {}) {
  const rnd = random(seed);
  const deals = new Array(count);
  for (let i = 0; i < count; i++) {
    const stageIndex = Math.floor(rnd() * STAGES.length);
    const stage = STAGES[stageIndex];
    const createdAt = now - Math.floor(rnd() * 700 + 10) * DAY;
    const closed = stage.startsWith('closed');
    const history = STAGES.slice(0, Math.min(stageIndex, 4) + 1).map((s, k) => ({ stage: s, enteredAt: new Date(createdAt + k * 12 * DAY).toISOString() }));
    if (closed) history.push({ stage, enteredAt: new Date(createdAt + 60 * DAY).toISOString() });
    const amount = Math.round(rnd() * 90000 + 5000) + Math.round(rnd() * 100) / 100;
    const activities = Array.from({ length: Math.floor(rnd() * 6) }, () => ({
      type: pick(rnd, ['call', 'email', 'meeting']), at: new Date(now - Math.floor(rnd() * 40) * DAY).toISOString(),
    }));
    deals[i] = {
      id: `deal-${i}`,
      name: `Deal ${i}`,
      owner: pick(rnd, OWNERS),
      source: pick(rnd, SOURCES),
      segment: pick(rnd, ['smb', 'mid_market', 'enterprise']),
      product: pick(rnd, ['Core', 'Pro', 'Suite']),
      stage,
      amount,
      createdAt: new Date(createdAt).toISOString(),
      stageEnteredAt: history[history.length - 1].enteredAt,
      closeDate: new Date(closed ? createdAt + 60 * DAY : now + Math.floor(rnd() * 90 - 20) * DAY).toISOString().slice(0, 10),
      closeDatePushes: Math.floor(rnd() * 3),
      stageHistory: history,
      activities,
      contacts: Array.from({ length: Math.floor(rnd() * 4) }, (_, k) => ({ name: `Contact ${k}`, role: pick(rnd, ['decision_maker', 'champion', 'economic_buyer', 'user']) })),
      company: `Company ${i % 500}`,
      painPoints: rnd() < 0.7 ? 'Manual forecasting' : '',
      budgetRange: rnd() < 0.6 ? '50-100k' : null,
      timeline: rnd() < 0.6 ? 'Q1' : null,
      nextStep: rnd() < 0.7 ? 'Send proposal' : null,
      nextStepDate: new Date(now + Math.floor(rnd() * 20 - 5) * DAY).toISOString().slice(0, 10),
    };
  }
  return deals;
}
