// Type declarations for pipescore. Every config, record and result type is described here;
// the runtime is the wasm module behind these declarations.

// ─── Common ─────────────────────────────────────────────────────────────────────────────

/** The package version, e.g. `"0.1.0"`. */
export declare function version(): string;

/**
 * An instant: a `Date`, an ISO-8601 string (`"2026-11-24"`, `"2026-11-24T09:30:00Z"`) or epoch
 * milliseconds. A date-time without an offset is read as UTC.
 */
export type DateInput = Date | string | number;

/** Options every evaluation takes. */
export interface EvaluationOptions {
  /** The evaluation instant; defaults to the current time. Pass it for deterministic results. */
  now?: DateInput;
}

/** Any JSON value (records are plain data; `Date` values are read as ISO-8601 strings). */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

/** A record: a plain object of fields, as a CRM stores it. */
export type DataRecord = { [field: string]: unknown };

/** Base class of every error pipescore throws. */
export declare class PipescoreError extends Error {
  /** Stable SCREAMING_SNAKE_CASE code, e.g. `UNKNOWN_OPERATOR`. */
  readonly code: string;
  /** JSON path of the offending value, rooted at `$`, e.g. `$.groups[0].rules[2].points`. */
  readonly path: string;
}

/** A rule, scoring model, pipeline or health config is invalid. */
export declare class PipescoreConfigError extends PipescoreError {
  readonly name: 'PipescoreConfigError';
}

/** A record or an option passed to an evaluation is invalid. */
export declare class PipescoreInputError extends PipescoreError {
  readonly name: 'PipescoreInputError';
}

/** pipescore failed on its own (`INTERNAL`); the message says what to report. */
export declare class PipescoreInternalError extends PipescoreError {
  readonly name: 'PipescoreInternalError';
}

// ─── Rules (JsonLogic + CRM operators) ──────────────────────────────────────────────────

/**
 * A JsonLogic rule: a literal, an array, or a one-key object `{ operator: arguments }`. The
 * standard operators behave exactly as in json-logic-js 2.0.5; pipescore adds the CRM
 * operators `now`, `days_since`, `days_until`, `within_last_days`, `within_next_days`,
 * `date_before`, `date_after`, `date_between`, `contains`, `starts_with`, `ends_with`,
 * `is_empty`, `filled` and `count`.
 */
export type JsonLogicRule = JsonValue;

/** A rule with the words around it (every key but `rule` optional). */
export interface CriterionSpec {
  /** The JsonLogic rule. */
  rule: JsonLogicRule;
  /** A stable id. */
  id?: string;
  /** A short name shown to users. */
  label?: string;
  /** The message shown when the criterion fails (otherwise one is generated). */
  message?: string;
  /** The fields the criterion is about (otherwise those the rule reads). */
  fields?: string[];
  /** A severity passed through to outcomes (stage gates use `required` / `recommended`). */
  severity?: string;
}

/** One condition that made a rule fail. */
export interface FailedCondition {
  /** The condition's operator (`>=`, `filled`, `within_last_days`, `var`…), or `value`. */
  operator: string;
  /** The record fields the condition reads. */
  fields: string[];
  /** What was expected and what was found, e.g. `amount must be >= 10000 (is 5000)`. */
  description: string;
}

/** What `Rule.explain` returns. */
export interface RuleExplanation {
  /** The rule's value, as `evaluate` returns it. */
  value: JsonValue;
  /** Whether the value is truthy (JsonLogic truthiness: `[]` is falsy, `"0"` truthy). */
  passed: boolean;
  /** The criterion's id, when it has one. */
  id: string | null;
  /** The criterion's label, when it has one. */
  label: string | null;
  /** When it failed: the criterion's message, else the failures' descriptions joined by `; `. */
  message: string | null;
  /** The criterion's severity, when it has one. */
  severity: string | null;
  /** The fields the criterion is about. */
  fields: string[];
  /** The conditions that made it fail (empty when it passed). */
  failures: FailedCondition[];
}

/** A JsonLogic rule (or criterion) compiled once, evaluated against many records. */
export declare class Rule {
  /** Compiles the rule; throws `PipescoreConfigError` (`UNKNOWN_OPERATOR`, `WRONG_ARITY`, `TOO_DEEP`, `TOO_LARGE`). */
  constructor(rule: JsonLogicRule | CriterionSpec);
  /** The rule's value for `record` (undefined, NaN and Infinity come back as `null`). */
  evaluate(record: unknown, options?: EvaluationOptions): JsonValue;
  /** The rule's value for each record, in order, in one call. */
  evaluateMany(records: readonly unknown[], options?: EvaluationOptions): JsonValue[];
  /** The value, whether it passed, and the conditions that failed with their fields. */
  explain(record: unknown, options?: EvaluationOptions): RuleExplanation;
  /** The record fields the rule is about, in order. */
  readonly fields: string[];
  /** Frees the wasm memory now (otherwise a FinalizationRegistry does it eventually). */
  free(): void;
}

// @section scoring

/** Expected JSON type of a lead field, checked in strict mode. */
export type LeadFieldType = 'string' | 'number' | 'boolean' | 'date' | 'list';

/** Lower and upper bound of a sum: `min` ≤ 0 ≤ `max`, either may be omitted. */
export interface ScoreCap {
  /** Lowest allowed sum (at most 0): how much can be taken away. */
  min?: number;
  /** Highest allowed sum (at least 0): how much can be added. */
  max?: number;
}

/** How an engagement event's points fade with its age (age = `now − at` in days, 0 for future events). */
export type ScoreDecay =
  | {
      /** `points × 0.5^(age / halfLifeDays)`. */
      type: 'exponential';
      /** Days after which an event is worth half; more than 0. */
      halfLifeDays: number;
    }
  | {
      /** `points × (1 − rate)^floor(age / periodDays)`, HubSpot style. */
      type: 'stepwise';
      /** Share lost at the end of each period, in (0, 1]: 0.5 is −50%. */
      rate: number;
      /** Length of a period in days; more than 0. */
      periodDays: number;
    };

/**
 * A scoring rule: `points` when `when` (a rule-language rule on the lead) holds, or for the
 * lead's events of type `event` for which `where` (a rule on the event) holds.
 */
export interface ScoringRule {
  /** Unique across the model. */
  id: string;
  /** Shown in contributions; the id when omitted. */
  label?: string;
  /** Points added (negative: subtracted), per counted event for per-occurrence rules. */
  points: number;
  /** Lead rules: a rule-language rule (JsonLogic + CRM operators) on the lead. */
  when?: JsonValue;
  /** Event rules: the event type or types matched; every type when omitted. */
  event?: string | string[];
  /** Event rules: a rule-language rule on each event (`{ type, at, ...props }`). */
  where?: JsonValue;
  /** Event rules: `once` (default; the most recent match) or `perOccurrence` (every match). */
  frequency?: 'once' | 'perOccurrence';
  /** Per-occurrence rules: count at most this many (the most recent) matching events. */
  maxOccurrences?: number;
}

/** A group of rules whose sum is capped together. */
export interface ScoringGroup {
  /** Unique across the model. */
  id: string;
  /** `fit` (who the lead is: only lead rules) or `engagement` (what they did: event and lead rules). */
  type: 'fit' | 'engagement';
  /** Shown in `groups`; the id when omitted. */
  label?: string;
  /** Bounds of the group's sum; the excess is taken proportionally from same-sign contributions. */
  cap?: ScoreCap;
  /** Engagement only: only events at most this many days old count. */
  timeframeDays?: number;
  /** Engagement only: how counted events fade; no decay when omitted. */
  decay?: ScoreDecay;
  /** The rules, in order (the order breaks ties between contributions). */
  rules: ScoringRule[];
}

/** A lifecycle stage and its conditions; all given conditions must hold. */
export interface LifecycleStage {
  /** The stage name returned, e.g. `"mql"`. */
  stage: string;
  /** Lowest combined score. */
  minScore?: number;
  /** Lowest fit. */
  minFit?: number;
  /** Lowest engagement. */
  minEngagement?: number;
  /** A rule-language rule on the lead. */
  when?: JsonValue;
}

/** A lead scoring model. `LeadScorer.defaultModel()` returns the embedded one. */
export interface ScoringModel {
  /** For people; not used in scoring. */
  name?: string;
  /** For people; not used in scoring. */
  description?: string;
  /** Expected types of lead fields, checked in strict mode (`null` and absent always pass). */
  fields?: { [field: string]: LeadFieldType };
  /** The rule groups; at least one. */
  groups: ScoringGroup[];
  /** `score = fit × fit weight + engagement × engagement weight`; both 1 when omitted. */
  weights?: {
    /** Weight of fit, 0 to 100. */
    fit?: number;
    /** Weight of engagement, 0 to 100. */
    engagement?: number;
  };
  /** Bounds of the combined score, e.g. `{ min: 0, max: 100 }`. */
  cap?: ScoreCap;
  /** Grade thresholds (inclusive lower bounds, strictly descending). */
  grades: {
    /** Lowest fit of A, B and C; below C is D. */
    fit: { A: number; B: number; C: number };
    /** Lowest engagement of 1, 2 and 3; below 3 is 4. */
    engagement: { '1': number; '2': number; '3': number };
  };
  /** Lifecycle recommendation. */
  lifecycle?: {
    /** The stage when no listed stage holds; `"lead"` when omitted. */
    default?: string;
    /** Stages from lowest to highest: the highest whose conditions hold is recommended. */
    stages?: LifecycleStage[];
  };
}

/** An engagement event of a lead. */
export interface LeadEvent {
  /** The event type, e.g. `"page_view"`, `"demo_request"`. */
  type: string;
  /** When it happened. */
  at: DateInput;
  /** Any other properties, readable by a rule's `where` (e.g. `url`). */
  [property: string]: unknown;
}

/** A lead: plain fields for fit, `events` for engagement. The fields the default model reads are listed. */
export interface Lead {
  /** Work email; free-mail domains score negative. */
  email?: string | null;
  /** Job title, e.g. `"VP of Marketing"`. */
  jobTitle?: string | null;
  /** `"c_level"`, `"executive"`, `"vp"`, `"director"`, `"founder"` or `"manager"`. */
  seniority?: string | null;
  /** Industry, e.g. `"Computer Software"`. */
  industry?: string | null;
  /** Number of employees. */
  employees?: number | null;
  /** Annual revenue in USD. */
  annualRevenue?: number | null;
  /** ISO 3166-1 alpha-2 country code, e.g. `"US"`. */
  country?: string | null;
  /** A student. */
  isStudent?: boolean | null;
  /** Works for a competitor. */
  competitor?: boolean | null;
  /** Unsubscribed from email. */
  unsubscribed?: boolean | null;
  /** Lead source; `"purchased_list"` scores negative. */
  source?: string | null;
  /** Engagement events. */
  events?: LeadEvent[] | null;
  /** Any other field, readable by custom models' rules. */
  [field: string]: unknown;
}

/** Options of `score` and `scoreMany`. */
export interface ScoreOptions extends EvaluationOptions {
  /**
   * `"strict"` (default): wrong field types and events without a string `type` or a valid `at`
   * are errors. `"partial"` (a form being filled in): they are skipped, so any object scores.
   */
  mode?: 'strict' | 'partial';
  /**
   * `true` (default): results list `groups` and `contributions`. `false`: both are empty
   * arrays, which makes a large `scoreMany` result a fraction of the size.
   */
  explain?: boolean;
}

/** A fit letter, best first. */
export type FitGrade = 'A' | 'B' | 'C' | 'D';
/** An engagement number, most engaged first. */
export type EngagementGrade = 1 | 2 | 3 | 4;
/** Fit letter and engagement number together, e.g. `"A1"`. */
export type MatrixGrade = `${FitGrade}${EngagementGrade}`;

/** One rule that fired. */
export interface ScoreContribution {
  /** The rule's id. */
  rule: string;
  /** Its group's id. */
  group: string;
  /** The rule's label. */
  label: string;
  /** Points before decay (× the counted occurrences for per-occurrence rules). */
  points: number;
  /** Points after decay, each event decayed from its own `at`; equals `points` for lead rules. */
  decayed: number;
  /** Whole points added to `score` after caps and weights; the contributions' `applied` sum to `score`. */
  applied: number;
  /** Event rules: how many events were counted. */
  occurrences?: number;
}

/** One group's total. */
export interface GroupScore {
  /** The group's id. */
  id: string;
  /** `fit` or `engagement`. */
  type: 'fit' | 'engagement';
  /** The group's label. */
  label: string;
  /** Sum of its contributions after decay, before its cap. */
  decayed: number;
  /** The sum after its cap, before weights. */
  score: number;
}

/** The score of one lead. */
export interface LeadScore {
  /** The combined score, capped and rounded half away from zero; the sum of `contributions[].applied`. */
  score: number;
  /** Sum of the fit groups after their caps, rounded. */
  fit: number;
  /** Sum of the engagement groups after their caps, rounded. */
  engagement: number;
  /** e.g. `"A1"`. */
  grade: MatrixGrade;
  /** `"A"` to `"D"`, from `fit`. */
  fitGrade: FitGrade;
  /** 1 to 4, from `engagement`. */
  engagementGrade: EngagementGrade;
  /** The recommended lifecycle stage. */
  lifecycle: string;
  /** Each group's total, in model order (empty with `explain: false`). */
  groups: GroupScore[];
  /** Each rule that fired, largest `|applied|` first (empty with `explain: false`). */
  contributions: ScoreContribution[];
}

/** A `scoreMany` entry for a lead that could not be scored. */
export interface LeadScoreError {
  /** The error, as `score` would have thrown it. */
  error: {
    /** Always `"PipescoreInputError"`. */
    name: 'PipescoreInputError';
    /** Stable code, e.g. `INVALID_DATE`. */
    code: string;
    /** Path from the batch root, e.g. `$[3].events[0].at`. */
    path: string;
    /** Readable explanation. */
    message: string;
  };
}

/** A compiled lead scoring model. */
export declare class LeadScorer {
  /**
   * Compiles `model`, or the embedded default B2B SaaS model when omitted.
   * @throws PipescoreConfigError for an invalid model.
   */
  constructor(model?: ScoringModel | null);
  /**
   * Scores one lead.
   * @throws PipescoreInputError for a bad lead (strict mode) or bad options.
   */
  score(lead: Lead, options?: ScoreOptions): LeadScore;
  /** Scores many leads in one call; a bad lead becomes a `LeadScoreError` entry at its index. */
  scoreMany(leads: Lead[], options?: ScoreOptions): Array<LeadScore | LeadScoreError>;
  /**
   * The total score of each lead, in order: exactly `scoreMany(leads, options).map((r) => r.score)`
   * (`explain` is ignored). Fast when the model has a fast plan (`fastFields()` is not null:
   * no `fields` types, only `when` rules over top-level fields with `and or ! !!`, comparisons
   * with constants and `in` a constant list), without JSON: where `new Function` is allowed,
   * the model is compiled once into a JS function that reads each lead's fields (`lead[field]`)
   * and works out which rules fire, and wasm adds up the points; under a Content-Security-Policy
   * without 'unsafe-eval' the fields go to wasm as typed columns instead. Leads that need the
   * general path (events, object or array values in a read field, non-plain objects) are scored
   * by `scoreMany`, as are all leads of other models. Fields the model doesn't read are not
   * looked at (a cycle or BigInt there, which makes `scoreMany` throw for the whole batch,
   * doesn't stop the fast path); a field defined non-enumerable with `Object.defineProperty`
   * is read by the compiled path although JSON (and so `scoreMany`) skips it.
   * @throws PipescoreInputError for bad options, or the first lead that `scoreMany` would
   *   report as an error (same code and path, e.g. `$[3]`).
   */
  scores(leads: readonly Lead[], options?: ScoreOptions): Float64Array;
  /** The lead fields the fast path of `scores` reads, in column order; `null` when the model has none. */
  fastFields(): string[] | null;
  /** The embedded default model, to start a custom model from. */
  static defaultModel(): ScoringModel;
  /** Releases the compiled model's wasm memory early (otherwise left to garbage collection). */
  free(): void;
}

// @section gates
// ─── Stage gates ────────────────────────────────────────────────────────────────────────

/** A stage's forecast category, as Salesforce names them. */
export type ForecastCategory = 'pipeline' | 'best_case' | 'commit' | 'closed' | 'omitted';

/** Whether an unmet criterion blocks a move (`required`) or is only a warning (`recommended`). */
export type GateSeverity = 'required' | 'recommended';

/** A gate criterion: a rule with an id and the words shown to the rep. */
export interface GateCriterionSpec {
  /** Unique within its stage (entry and exit together) or handoff checklist. */
  id: string;
  /** The JsonLogic rule; it sees the whole record as data and is met when truthy. */
  rule: JsonLogicRule;
  /** Short checklist label; the id when omitted. */
  label?: string;
  /** What the rep should do while it is unmet; generated from the failing conditions when omitted. */
  message?: string;
  /** Fields the criterion concerns; the fields its rule reads when omitted. */
  fields?: string[];
  /** `required` (the default) blocks moves; `recommended` only warns. */
  severity?: GateSeverity;
}

/** One stage of a pipeline. Open stages come first, then the closed (won / lost) ones. */
export interface StageSpec {
  /** Unique within the pipeline, e.g. `"discovery"`. */
  id: string;
  /** Display label, e.g. `"Discovery"`. */
  label: string;
  /** Win probability, 0–1 (closed won: 1, closed lost: 0). */
  probability: number;
  /** Forecast category of deals in this stage. */
  forecastCategory: ForecastCategory;
  /** Expected days in the stage (open stages only), a whole number ≥ 1. */
  expectedDays?: number;
  /** Makes the stage terminal: `won` or `lost`. Every pipeline has at least one of each. */
  outcome?: 'won' | 'lost';
  /** Guidance shown to reps working a deal in this stage. */
  guidance?: string;
  /** Fields to highlight in this stage. */
  keyFields?: string[];
  /** Fields that must be filled to enter the stage (missing, null, blank text and `[]` are empty). */
  requiredFields?: string[];
  /** Criteria to enter the stage. */
  entry?: GateCriterionSpec[];
  /** Criteria to leave the stage forwards (open stages only). */
  exit?: GateCriterionSpec[];
}

/** Which moves a pipeline allows. Every flag defaults to `true`. */
export interface MoveRulesSpec {
  /** Whether a forward move may pass over open stages (their gates are checked all the same). */
  allowSkip?: boolean;
  /** Whether a deal may move back to an earlier open stage. */
  allowBackward?: boolean;
  /** Whether a deal may leave a closed stage. */
  allowReopen?: boolean;
  /** Stages a deal may be created in; every open stage when omitted. */
  creationStages?: string[];
}

/** A duration: any sum of minutes, hours and days (fractions allowed), positive, at most a year. */
export interface SlaDuration {
  /** Minutes. */
  minutes?: number;
  /** Hours. */
  hours?: number;
  /** Days (24 hours each; no business hours). */
  days?: number;
}

/** A handoff SLA: `doneField` must be set within `within` of `startField`. */
export interface SlaSpec {
  /** Field holding the instant the clock starts, e.g. `"mqlAt"`. */
  startField: string;
  /** Field holding the instant the handoff was completed, e.g. `"firstContactAt"`. */
  doneField: string;
  /** Time allowed. */
  within: SlaDuration;
}

/** A handoff between teams. */
export interface HandoffSpec {
  /** Unique within the pipeline, e.g. `"marketing_to_sdr"`. */
  id: string;
  /** Display label. */
  label: string;
  /** Team handing over, e.g. `"marketing"`. */
  from: string;
  /** Team receiving, e.g. `"sdr"`. */
  to: string;
  /** When the handoff applies (its SLA clock runs only then); always when omitted. */
  trigger?: JsonLogicRule;
  /** Fields that must transfer. */
  requiredFields?: string[];
  /** Checklist criteria. */
  checklist?: GateCriterionSpec[];
  /** The SLA, if any. */
  sla?: SlaSpec;
}

/** One pipeline. */
export interface PipelineSpec {
  /** Unique id, named by deals in `pipeline`. */
  id: string;
  /** Display label. */
  label: string;
  /** The stages, in order. */
  stages: StageSpec[];
  /** Move rules; everything allowed when omitted. */
  rules?: MoveRulesSpec;
  /** Handoffs between teams. */
  handoffs?: HandoffSpec[];
}

/** One pipeline, or several (a deal names its pipeline; the first is the default). */
export type PipelineConfig = PipelineSpec | { pipelines: PipelineSpec[] };

/** A logged activity on a deal or lead. */
export interface DealActivity {
  /** Activity type, e.g. `"meeting"`, `"call"`, `"email"`. */
  type: string;
  /** When it happened. */
  at?: DateInput;
  /** Any other fields. */
  [field: string]: unknown;
}

/** A contact on a deal. */
export interface DealContact {
  /** Name. */
  name?: string;
  /** Buying role; the default pipeline reads `decision_maker`, `economic_buyer`, `champion`, `signer`, `admin`. */
  role?: string;
  /** Any other fields. */
  [field: string]: unknown;
}

/** A deal as gate criteria see it: flat fields plus activities, contacts and stage history. */
export interface DealRecord {
  /** Deal id (passed through, not read). */
  id?: string | number;
  /** Pipeline id; the first pipeline of the config when omitted. */
  pipeline?: string;
  /** Current stage id. Required by `check`; omit it in `checkMove` to check creating the deal. */
  stage?: string;
  /** Amount. */
  amount?: number;
  /** Expected or actual close date. */
  closeDate?: DateInput;
  /** Logged activities. */
  activities?: DealActivity[];
  /** Contacts with their buying roles. */
  contacts?: DealContact[];
  /** Stages entered, for health and metrics (gates do not read it). */
  stageHistory?: { stage: string; enteredAt: DateInput }[];
  /** Any other field, e.g. `painPoints`, `budgetRange`, `lossReason`. */
  [field: string]: unknown;
}

/** A stage of a compiled pipeline. */
export interface StageInfo {
  /** Stage id. */
  id: string;
  /** Display label. */
  label: string;
  /** Win probability, 0–1. */
  probability: number;
  /** Forecast category. */
  forecastCategory: ForecastCategory;
  /** Position in the pipeline, from 0. */
  order: number;
  /** Expected days in the stage; `null` when unset and for closed stages. */
  expectedDays: number | null;
  /** `won` / `lost` for closed stages, `null` for open ones. */
  outcome: 'won' | 'lost' | null;
}

/** A criterion checked against a record. */
export interface GateCriterionResult {
  /** Criterion id. */
  id: string;
  /** Checklist label. */
  label: string;
  /** Whether it is met. */
  passed: boolean;
  /** While unmet: what to do; `null` when met. */
  message: string | null;
  /** Its severity. */
  severity: GateSeverity;
  /** Fields it concerns. */
  fields: string[];
  /** While unmet: the conditions of its rule that failed. */
  failures: FailedCondition[];
}

/** The met and unmet criteria of a list. */
export interface CriteriaReport {
  /** Met criteria. */
  met: GateCriterionResult[];
  /** Unmet criteria. */
  unmet: GateCriterionResult[];
  /** Whole percent of the `required` criteria met, rounded down; 100 when there are none. */
  completeness: number;
}

/** Whether a field is filled. */
export interface FieldStatus {
  /** Field name. */
  field: string;
  /** `false` when missing, null, blank text or an empty list. */
  filled: boolean;
}

/** How complete one stage's gates are for a deal. */
export interface StageProgress {
  /** Stage id. */
  id: string;
  /** Stage label. */
  label: string;
  /** Required fields and required entry and exit criteria met. */
  done: number;
  /** Required fields and required entry and exit criteria in all. */
  total: number;
  /** Whole percent of `done` out of `total`, rounded down; 100 when the stage has none. */
  completeness: number;
}

/** What `pipeline.check(deal)` returns. */
export interface DealCheck {
  /** The deal's pipeline id. */
  pipeline: string;
  /** The current stage. */
  stage: StageInfo;
  /** Guidance for the current stage. */
  guidance: string;
  /** The stage's key fields. */
  keyFields: FieldStatus[];
  /** The stage's required fields. */
  requiredFields: FieldStatus[];
  /** The stage's entry criteria. */
  entry: CriteriaReport;
  /** The stage's exit criteria. */
  exit: CriteriaReport;
  /** Whole percent of the stage's required fields and required entry and exit criteria met. */
  completeness: number;
  /** Open stage with its required fields and required exit criteria met. */
  readyToAdvance: boolean;
  /** The next open stage (or the won stage after the last one); `null` in a closed stage. */
  nextStage: string | null;
  /** Every stage of the pipeline with the completeness of its gates for this deal. */
  stages: StageProgress[];
}

/** The kinds of reasons a move is refused (or warned about). */
export type MoveReasonKind =
  | 'unmet_exit_criterion'
  | 'unmet_entry_criterion'
  | 'missing_required_field'
  | 'skipped_stage'
  | 'backward_move'
  | 'not_allowed_creation_stage'
  | 'terminal_stage';

/** Why a move is refused, or (severity `recommended`) what it should still do. */
export interface MoveReason {
  /** What kind of problem it is. */
  kind: MoveReasonKind;
  /** The stage concerned: the stage of the criterion or field, the skipped stage, the target of a backward move or creation, the closed stage being left. */
  stage: string;
  /** The unmet criterion's id (criterion kinds). */
  criterion?: string;
  /** The missing field (`missing_required_field`). */
  field?: string;
  /** Fields to fill to resolve it. */
  fields: string[];
  /** `required` blocks; `recommended` is a warning. */
  severity: GateSeverity;
  /** What to do, in plain language. */
  message: string;
  /** For an unmet criterion, the conditions that failed. */
  failures: FailedCondition[];
}

/** How a move relates the current stage to the target. */
export type MoveDirection = 'create' | 'stay' | 'forward' | 'backward' | 'close' | 'reopen';

/** What `pipeline.checkMove(deal, targetStageId)` returns. */
export interface MoveCheck {
  /** Whether the move may be made (`reasons` is empty). */
  allowed: boolean;
  /** The deal's pipeline id. */
  pipeline: string;
  /** The current stage; `null` when the deal has none (creation). */
  from: string | null;
  /** The target stage. */
  to: string;
  /** How the move relates the two stages; `stay` (the current stage) is allowed with nothing to do. */
  direction: MoveDirection;
  /** Open stages the move passes over. */
  skipped: string[];
  /** Every blocking reason. */
  reasons: MoveReason[];
  /** Unmet `recommended` criteria: shown, never blocking. */
  warnings: MoveReason[];
  /** Whole percent of the required criteria and fields the move checks that are met. */
  completeness: number;
  /** Guidance for the target stage. */
  guidance: string;
}

/** Where a handoff stands against its SLA. */
export type SlaStatus = 'not_started' | 'pending' | 'met' | 'breached';

/** An SLA's status at `now`. Instants are ISO-8601 UTC strings. */
export interface SlaReport {
  /** `not_started` (no start time, or not triggered), `pending` (time left; at the deadline itself too), `met` (done by the deadline, inclusive), `breached`. */
  status: SlaStatus;
  /** Field holding the start instant. */
  startField: string;
  /** Field holding the completion instant. */
  doneField: string;
  /** Time allowed, ms. */
  withinMs: number;
  /** When the clock started. */
  startedAt: string | null;
  /** The deadline. */
  dueAt: string | null;
  /** When the handoff was done. */
  completedAt: string | null;
  /** Start to completion, ms (0 when completion is recorded before the start). */
  elapsedMs: number | null;
  /** Time left, ms (`pending` only). */
  remainingMs: number | null;
  /** How late, ms: completion (or now, while not done) minus the deadline (`breached` only). */
  overdueMs: number | null;
}

/** What `pipeline.checkHandoff(handoffId, record)` returns. */
export interface HandoffCheck {
  /** The pipeline id. */
  pipeline: string;
  /** Handoff id. */
  id: string;
  /** Display label. */
  label: string;
  /** Team handing over. */
  from: string;
  /** Team receiving. */
  to: string;
  /** Whether the trigger holds for the record. */
  triggered: boolean;
  /** The fields that must transfer. */
  requiredFields: FieldStatus[];
  /** The checklist. */
  checklist: CriteriaReport;
  /** Whole percent of required fields and required checklist items done. */
  completeness: number;
  /** Every required field and required checklist item done. */
  complete: boolean;
  /** The SLA status; `null` without an SLA. */
  sla: SlaReport | null;
}

/** Stage gates: pipelines with entry/exit criteria, move rules and handoffs, compiled once. */
export declare class Pipeline {
  /** Compiles `config` (the default B2B pipeline when omitted); throws `PipescoreConfigError` with the path, e.g. `$.stages[3].exit[0].rule`. */
  constructor(config?: PipelineConfig | null);
  /** The embedded default pipeline config. */
  static defaultConfig(): PipelineSpec;
  /** Checks a deal in its current stage; throws `PipescoreInputError` (`MISSING_STAGE`, `UNKNOWN_STAGE`, `UNKNOWN_PIPELINE`). */
  check(deal: DealRecord, options?: EvaluationOptions): DealCheck;
  /** Checks moving a deal to `targetStageId`; an unknown target throws `PipescoreInputError` `UNKNOWN_STAGE` at `$.targetStageId`. */
  checkMove(deal: DealRecord, targetStageId: string, options?: EvaluationOptions): MoveCheck;
  /** Checks a record against a handoff of its pipeline; throws `UNKNOWN_HANDOFF`, or `INVALID_DATE` for an SLA field that is not a date. */
  checkHandoff(handoffId: string, record: DataRecord, options?: EvaluationOptions): HandoffCheck;
  /** The stages of a pipeline (the first when omitted). */
  stages(pipelineId?: string | null): StageInfo[];
  /** The config this pipeline was compiled from; `JSON.stringify(pipeline)` uses it. */
  toJSON(): PipelineConfig;
  /** Frees the wasm memory now (otherwise a FinalizationRegistry does it eventually). */
  free(): void;
}

// @section health
// ─── Deal health ────────────────────────────────────────────────────────────────────────

/** The weighted signals of a health config. */
export type HealthSignal =
  | 'stage_duration'
  | 'last_activity'
  | 'activity_trend'
  | 'engaged_contacts'
  | 'buyer_roles'
  | 'close_date'
  | 'close_date_pushes'
  | 'close_date_distance'
  | 'exit_criteria'
  | 'next_step'
  | 'amount_changes'
  | 'stage_regressions'
  | 'deal_age';

/**
 * Every signal has a weight (0 switches it off; the score is `100 × Σ(weight × subScore) /
 * Σ(weight)` over the signals that apply) and thresholds of a piecewise-linear curve: the
 * sub-score is 1 at or beyond the `full…` threshold, 0 at or beyond the `zero…` one, linear
 * in between.
 */
export interface HealthSignalsConfig {
  /** Days in the current stage ÷ the stage's expected days (from the pipeline). */
  stage_duration: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Full sub-score up to this ratio (default 1). */
    fullRatio: number;
    /** Zero from this ratio (default 2.5); above `fullRatio`. */
    zeroRatio: number;
  };
  /** Days since the last activity; since creation when there is none (0 with neither). */
  last_activity: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Full sub-score up to this many days (default 3). */
    fullDays: number;
    /** Zero from this many days (default 21); above `fullDays`. */
    zeroDays: number;
  };
  /** Activities in the last `windowDays` ÷ activities in the `windowDays` before. */
  activity_trend: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Length of each window in days (default 14); deals younger than two windows skip the signal. */
    windowDays: number;
    /** Zero at or below this ratio (default 0.25); no activity in either window is 0 too. */
    zeroRatio: number;
    /** Full from this ratio (default 1); activity after an empty window is full. */
    fullRatio: number;
  };
  /** Engaged contacts: `engaged: true`, or (without the flag) activity within `engagedWithinDays`. */
  engaged_contacts: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Zero at or below this many engaged contacts (default 0). */
    zeroCount: number;
    /** Full from this many (default 3); above `zeroCount`. */
    fullCount: number;
    /** A contact without an `engaged` flag is engaged with activity in this many days (default 30). */
    engagedWithinDays: number;
  };
  /** Share of `roles` held by some contact (roles compare case-insensitively, spaces as `_`). */
  buyer_roles: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** The roles wanted (default `decision_maker`, `champion`, `economic_buyer`). */
    roles: string[];
  };
  /** Whole days the close date has passed; a deal without a close date scores 0. */
  close_date: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Full up to this many days overdue (default 0). */
    fullDaysOverdue: number;
    /** Zero from this many days overdue (default 14). */
    zeroDaysOverdue: number;
  };
  /** Times the close date moved to a later day (`closeDatePushes`, else `closeDateHistory`). */
  close_date_pushes: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Full at or below this many pushes (default 0). */
    fullCount: number;
    /** Zero from this many pushes (default 3). */
    zeroCount: number;
  };
  /**
   * Days to close against the days the pipeline expects the rest of the deal to take (days
   * left in the current stage plus the later stages' expected days), each plus one day.
   */
  close_date_distance: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Zero when the close date leaves this share of the expected days left or less (default 0.25). */
    tooSoonZeroRatio: number;
    /** Full from this share (default 0.75). */
    tooSoonFullRatio: number;
    /** Full up to this multiple of the days expected from the start of the stage (default 2). */
    tooFarFullRatio: number;
    /** Zero from this multiple (default 4). */
    tooFarZeroRatio: number;
  };
  /** Completeness of the current stage's required exit criteria (from the stage gates), 0–100. */
  exit_criteria: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Zero at or below this percent (default 0). */
    zeroPercent: number;
    /** Full from this percent (default 100). */
    fullPercent: number;
  };
  /** A next step (`nextStep` / `nextStepDate`) defined and dated today or later. */
  next_step: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Sub-score of a next step without a date, 0–1 (default 0.5); none at all is 0. */
    undatedScore: number;
    /** Full up to this many whole days overdue (default 0). */
    fullDaysOverdue: number;
    /** Zero from this many days overdue (default 7). */
    zeroDaysOverdue: number;
  };
  /** Percent the amount is below its highest value (`amountHistory` and `amount`). */
  amount_changes: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Full up to this decrease in percent (default 0). */
    fullDecreasePercent: number;
    /** Zero from this decrease (default 50). */
    zeroDecreasePercent: number;
  };
  /** Moves back to an earlier stage in `stageHistory`. */
  stage_regressions: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Full at or below this many (default 0). */
    fullCount: number;
    /** Zero from this many (default 2). */
    zeroCount: number;
  };
  /** Days since creation ÷ the typical cycle. */
  deal_age: {
    /** Weight, 0–1,000,000. */
    weight: number;
    /** Full up to this ratio (default 1). */
    fullRatio: number;
    /** Zero from this ratio (default 2). */
    zeroRatio: number;
    /** The typical cycle in days; `null` (default) sums the pipeline's expected stage days. */
    cycleDays: number | null;
  };
}

/** The named warnings. */
export type HealthWarningId =
  | 'no_activity'
  | 'ghosted'
  | 'overdue'
  | 'not_enough_contacts'
  | 'no_decision_maker'
  | 'stalled_in_stage'
  | 'close_date_pushed';

/** How serious a warning is. */
export type HealthWarningSeverity = 'info' | 'warning' | 'critical';

/** What every warning can be told: on or off, and how serious. */
export interface HealthWarningSwitch {
  /** `false` switches the warning off. */
  enabled: boolean;
  /** Its severity; warnings come most severe first. */
  severity: HealthWarningSeverity;
}

/** The warnings and their thresholds. */
export interface HealthWarningsConfig {
  /** No activity for `days` or more (default 14; counted as `last_activity` counts). */
  no_activity: HealthWarningSwitch & {
    /** Days without activity. */
    days: number;
  };
  /** `attempts` or more activities since the buyer last responded, `days` or more ago. */
  ghosted: HealthWarningSwitch & {
    /** Days since the last response (or, without one, the first attempt); default 14. */
    days: number;
    /** Activities logged since (default 2). */
    attempts: number;
    /** Activity types that are a response from the buyer (default `meeting`, `demo`, `reply`, `email_received`, `inbound_call`). */
    responseTypes: string[];
  };
  /** The close date passed more than `days` whole days ago (default 0). */
  overdue: HealthWarningSwitch & {
    /** Grace days. */
    days: number;
  };
  /** Fewer than `min` engaged contacts (default 2). */
  not_enough_contacts: HealthWarningSwitch & {
    /** Engaged contacts needed, at least 1. */
    min: number;
  };
  /** No contact holds any of `roles` (default `decision_maker`, `economic_buyer`). */
  no_decision_maker: HealthWarningSwitch & {
    /** Roles that count as a decision maker. */
    roles: string[];
  };
  /** In the stage for `ratio` × its expected days or more (default 1.5). */
  stalled_in_stage: HealthWarningSwitch & {
    /** Multiple of the expected days, above 0. */
    ratio: number;
  };
  /** The close date pushed `times` or more (default 2). */
  close_date_pushed: HealthWarningSwitch & {
    /** Pushes, at least 1. */
    times: number;
  };
}

/** Band thresholds: healthy from `healthy`, at risk from `atRisk`, critical below. */
export interface HealthBands {
  /** Lowest healthy score, 0–100 (default 70). */
  healthy: number;
  /** Lowest at-risk score, 0–100, at most `healthy` (default 40). */
  atRisk: number;
}

/** A complete health config, as `DealHealth.defaultConfig()` returns it. */
export interface HealthConfig {
  /** The signals. */
  signals: HealthSignalsConfig;
  /** The band thresholds. */
  bands: HealthBands;
  /** The warnings. */
  warnings: HealthWarningsConfig;
}

/**
 * A health config as passed to `new DealHealth`: laid over the default, so anything left out
 * (a section, a signal, a warning, a parameter) keeps its default value.
 */
export interface HealthConfigInput {
  /** Signals to change; `{ weight: 0 }` switches one off. */
  signals?: { [S in HealthSignal]?: Partial<HealthSignalsConfig[S]> };
  /** Band thresholds to change. */
  bands?: Partial<HealthBands>;
  /** Warnings to change; `{ enabled: false }` switches one off. */
  warnings?: { [W in HealthWarningId]?: Partial<HealthWarningsConfig[W]> };
}

/** An activity as health reads it. */
export interface HealthActivity extends DealActivity {
  /** When it happened (required); activities dated after `now` are scheduled and ignored. */
  at: DateInput;
  /** The contact involved: their `id`, `name` or `email`. */
  contact?: string;
}

/** A contact as health reads it. */
export interface HealthContact extends DealContact {
  /** Id, matched by activities' `contact`. */
  id?: string;
  /** Email, matched by activities' `contact`. */
  email?: string;
  /** Whether the contact is engaged; without it, activity in `engagedWithinDays` decides. */
  engaged?: boolean;
  /** The contact's latest activity. */
  lastActivityAt?: DateInput;
}

/** A deal as health reads it. Every field but `stage` may be missing: missing data is scored, not an error. */
export interface HealthDeal extends DealRecord {
  /** Current stage id (a closed stage gives band `closed`). */
  stage: string;
  /** When the deal was created (else its first `stageHistory` entry). */
  createdAt?: DateInput;
  /** When it entered its current stage (else the last `stageHistory` entry, if it is that stage). */
  stageEnteredAt?: DateInput;
  /** Stages entered, in any order. */
  stageHistory?: { stage: string; enteredAt: DateInput }[];
  /** Close dates set over time, in any order. */
  closeDateHistory?: { closeDate: DateInput; changedAt: DateInput }[];
  /** How many times the close date was pushed; overrides `closeDateHistory`. */
  closeDatePushes?: number;
  /** Amounts over time, in any order. */
  amountHistory?: { amount: number; changedAt: DateInput }[];
  /** The latest activity, when the CRM keeps it on the deal. */
  lastActivityAt?: DateInput;
  /** Logged activities. */
  activities?: HealthActivity[];
  /** Contacts with their roles. */
  contacts?: HealthContact[];
  /** The agreed next step. */
  nextStep?: string;
  /** When the next step is due. */
  nextStepDate?: DateInput;
}

/** Options of `score` and `scoreMany`. */
export interface HealthOptions extends EvaluationOptions {
  /** Explain only this many factors, the most costly first; score, band and warnings are unchanged. */
  topFactors?: number;
  /** `false`: no factors (as `topFactors: 0`), for large batches. */
  explain?: boolean;
}

/** Where a score falls; closed deals are not scored, and `unscored` means no signal applied. */
export type HealthBand = 'healthy' | 'at_risk' | 'critical' | 'closed' | 'unscored';

/** The numbers each signal used, by signal. */
export interface HealthFactorDetails {
  /** Time in stage. */
  stage_duration: {
    /** Days since the deal entered its stage. */
    daysInStage: number;
    /** The stage's expected days. */
    expectedDays: number;
    /** `daysInStage / expectedDays`. */
    ratio: number;
  };
  /** Recent activity. */
  last_activity: {
    /** Days since the latest activity; `null` when none is logged. */
    daysSinceLastActivity: number | null;
    /** Days since the deal was created, when known. */
    daysSinceCreated: number | null;
    /** Activities logged up to now. */
    activities: number;
  };
  /** Activity trend. */
  activity_trend: {
    /** Activities in the last window. */
    recent: number;
    /** Activities in the window before. */
    previous: number;
    /** Window length in days. */
    windowDays: number;
    /** `recent / previous`; `null` when the earlier window is empty. */
    ratio: number | null;
  };
  /** Engaged contacts. */
  engaged_contacts: {
    /** Engaged contacts. */
    engaged: number;
    /** Contacts on the deal. */
    contacts: number;
  };
  /** Buyer roles. */
  buyer_roles: {
    /** Wanted roles some contact holds. */
    present: string[];
    /** Wanted roles no contact holds. */
    missing: string[];
  };
  /** Close date. */
  close_date: {
    /** Whole days to the close date (negative when past); `null` without one. */
    daysToClose: number | null;
  };
  /** Close date pushes. */
  close_date_pushes: {
    /** Times the close date moved later. */
    pushes: number;
  };
  /** Close date realism. */
  close_date_distance: {
    /** Whole days to the close date (negative when past). */
    daysToClose: number;
    /** Days the pipeline expects the deal still needs, given the time spent in the stage. */
    expectedDaysLeft: number;
    /** Days the pipeline expects from the start of the current stage to the close. */
    expectedDaysFromStageStart: number;
  };
  /** Exit criteria. */
  exit_criteria: {
    /** Required exit criteria met. */
    met: number;
    /** Required exit criteria of the stage. */
    total: number;
    /** Whole percent met, rounded down. */
    percent: number;
  };
  /** Next step. */
  next_step: {
    /** Whether a next step is recorded. */
    defined: boolean;
    /** Whole days until it is due (negative when overdue); `null` without a date. */
    daysUntilDue: number | null;
  };
  /** Amount changes. */
  amount_changes: {
    /** The current amount. */
    amount: number | null;
    /** The highest amount. */
    peakAmount: number | null;
    /** Percent below the peak. */
    decreasePercent: number;
  };
  /** Backward stage moves. */
  stage_regressions: {
    /** Moves to an earlier stage. */
    backwardMoves: number;
  };
  /** Deal age. */
  deal_age: {
    /** Days since creation. */
    ageDays: number;
    /** The typical cycle in days. */
    cycleDays: number;
    /** `ageDays / cycleDays`. */
    ratio: number;
  };
}

/** One signal's part in a score; `signal` tells which `detail` shape it has. */
export interface HealthFactorOf<S extends HealthSignal> {
  /** The signal. */
  signal: S;
  /** Display label, e.g. `"Recent activity"`. */
  label: string;
  /** 0–1, rounded to 3 decimals. */
  subScore: number;
  /** The configured weight. */
  weight: number;
  /** Score points lost to this signal, `100 × weight × (1 − subScore) / total weight`, 1 decimal. */
  impact: number;
  /** Plain-language reason, e.g. `"No activity in 21 days"`. */
  reason: string;
  /** Suggested action, e.g. `"Schedule a follow-up with Dana, the champion"`; `null` at a full sub-score. */
  action: string | null;
  /** The numbers the signal used. */
  detail: HealthFactorDetails[S];
}

/** A factor of any signal. */
export type HealthFactor = { [S in HealthSignal]: HealthFactorOf<S> }[HealthSignal];

/** A warning raised on a deal. */
export interface HealthWarning {
  /** Which warning. */
  id: HealthWarningId;
  /** Its configured severity. */
  severity: HealthWarningSeverity;
  /** Plain-language message, e.g. `"Close date pushed 3 times"`. */
  message: string;
}

/** A signal that did not apply to a deal (it counts in neither the points nor the total). */
export interface SkippedSignal {
  /** The signal. */
  signal: HealthSignal;
  /** Display label. */
  label: string;
  /** Why, e.g. `"The stage has no required exit criteria"`. */
  reason: string;
}

/** The health of one deal. */
export interface DealHealthReport {
  /** The deal's `id`, when it has one. */
  id?: string | number;
  /** 0–100, rounded half up; `null` for a closed deal or when no signal applies. */
  score: number | null;
  /** The band of the score. */
  band: HealthBand;
  /** The signals that applied, most points lost first (ties in config order). */
  factors: HealthFactor[];
  /** Warnings raised, most severe first. */
  warnings: HealthWarning[];
  /** Signals that did not apply, with why. */
  skipped: SkippedSignal[];
}

/** A `scoreMany` entry for a deal that could not be scored. */
export interface DealHealthError {
  /** The error, as `score` would have thrown it. */
  error: {
    /** Always `"PipescoreInputError"`. */
    name: 'PipescoreInputError';
    /** Stable code, e.g. `INVALID_DATE`, `UNKNOWN_STAGE`. */
    code: string;
    /** Path from the batch root, e.g. `$[3].activities[2].at`. */
    path: string;
    /** Readable explanation. */
    message: string;
  };
}

/** Deal health scoring: a weighted-signal config and a pipeline, compiled once. */
export declare class DealHealth {
  /**
   * Compiles `config` laid over the default (the default when omitted) for deals of
   * `pipeline`, a `Pipeline` or a pipeline config (the default B2B pipeline when omitted).
   * @throws PipescoreConfigError with the path of the offending value (`$.pipeline…` for the pipeline).
   */
  constructor(config?: HealthConfigInput | null, pipeline?: Pipeline | PipelineConfig | null);
  /**
   * Scores one deal.
   * @throws PipescoreInputError (`INVALID_RECORD`, `MISSING_STAGE`, `UNKNOWN_STAGE`, `UNKNOWN_PIPELINE`, `INVALID_DATE`) with the path, e.g. `$.activities[2].at`.
   */
  score(deal: HealthDeal, options?: HealthOptions): DealHealthReport;
  /**
   * Scores many deals in one call: an array, or a `DealSet` (deals read once, the same results
   * without reading them again). A bad deal becomes a `DealHealthError` entry at its index.
   * @throws PipescoreInputError for bad options, `NOT_A_LIST` when `deals` is neither, `FREED`
   *   for a freed `DealSet` (or an object that only looks like one).
   */
  scoreMany(deals: readonly HealthDeal[] | DealSet, options?: HealthOptions): Array<DealHealthReport | DealHealthError>;
  /** The embedded default config, to start a custom one from. */
  static defaultConfig(): HealthConfig;
  /** Frees the wasm memory now (otherwise a FinalizationRegistry does it eventually). */
  free(): void;
}

/**
 * Deals read once, for deal health scored many times — as a dashboard does when `now`, the
 * config or the pipeline changes: `health.scoreMany(set, options)` skips reading the deals
 * again, which is most of its time on large batches. Any `DealHealth` can score any set.
 */
export declare class DealSet {
  /**
   * Reads the deals (as JSON: a `Date` becomes its ISO-8601 string). A deal that can't be read
   * is not an error here: `scoreMany` reports it at its index.
   * @throws PipescoreInputError `NOT_A_LIST` when `deals` is not an array, `UNSERIALIZABLE` when it is not plain data.
   */
  constructor(deals: readonly HealthDeal[]);
  /** How many deals the set holds. */
  readonly length: number;
  /**
   * Replaces the deal at `index`, reading only that deal (when one deal changes, the set is
   * not read again). A deal that can't be read is reported by `scoreMany` at its index.
   * @throws PipescoreInputError `INVALID_INDEX` when there is no deal at `index`, `UNSERIALIZABLE` when `deal` is not plain data.
   */
  set(index: number, deal: HealthDeal): void;
  /**
   * Adds deals after the last one.
   * @returns the new length.
   * @throws PipescoreInputError `NOT_A_LIST` when `deals` is not an array.
   */
  append(deals: readonly HealthDeal[]): number;
  /**
   * Removes `count` deals (default 1) from `index` on; the deals after them move down.
   * @throws PipescoreInputError `INVALID_INDEX` unless they are all in the set.
   */
  remove(index: number, count?: number): void;
  /** Frees the wasm memory now (otherwise a FinalizationRegistry does it eventually). */
  free(): void;
}

// @section metrics
// ─── Pipeline metrics ───────────────────────────────────────────────────────────────────

/**
 * An amount in the one currency of the input: a number or numeric text (`"1250.50"`; HubSpot
 * sends amounts as text), below 10 trillion. Rounded to whole cents on reading, half a cent
 * away from zero as the number is written (`1.005` → 1.01); every sum is exact to the cent.
 */
export type MetricsAmount = number | string;

/** Text; a whole number (e.g. an owner id) is read as its text. */
export type MetricsText = string | number;

/** How a deal ended, or that it has not (any case). */
export type DealOutcome = 'won' | 'lost' | 'open' | 'Won' | 'Lost' | 'Open' | 'WON' | 'LOST' | 'OPEN';

/** A deal entering a stage. */
export interface MetricsStageEntry {
  /** The stage entered: an id or label of the stage table (any case). */
  stage: MetricsText;
  /** When it was entered. */
  enteredAt: DateInput;
}

/**
 * A deal (opportunity), open or closed. Every field is optional: `null`, a missing field and
 * empty text all mean "not set". Other fields are ignored, so `DealRecord`s and `HealthDeal`s
 * can be passed as they are.
 */
export interface MetricsDeal {
  /** Owning rep: the key of `groupBy: 'owner'` and of `quotas.reps[].owner`. */
  owner?: MetricsText | null;
  /** Lead source (e.g. `"Webinar"`): the key of `groupBy: 'source'` and of the source table. */
  source?: MetricsText | null;
  /** Market segment, region or team: the key of `groupBy: 'segment'`. */
  segment?: MetricsText | null;
  /** Product line: the key of `groupBy: 'product'`. */
  product?: MetricsText | null;
  /** Deal value. Missing counts as 0 in sums and is left out of deal-size statistics. */
  amount?: MetricsAmount | null;
  /** When the deal entered the pipeline (pipeline created; the start of cycles and ages by default). */
  createdAt?: DateInput | null;
  /** When the buyer first engaged; stands in for `createdAt` when that is missing, and the other way round with `cycleStart: 'engaged'`. */
  engagedAt?: DateInput | null;
  /** The actual close date of a closed deal, the expected close date of an open one. */
  closeDate?: DateInput | null;
  /** Current stage, matched to the stage table by id, else by label, any case. */
  stage?: MetricsText | null;
  /**
   * `won`, `lost` or `open`. When absent: the matched stage's `outcome`; else the stage name
   * ("Won" / "Closed Won" → won, "Lost" / "Closed Lost" → lost; case, spaces, `_` and `-`
   * ignored, so HubSpot's `closedwon` too); else won for a `closed`-category stage; else open.
   */
  outcome?: DealOutcome | null;
  /** Stages entered, in any order: for stage conversion and days in stage. */
  stageHistory?: readonly MetricsStageEntry[] | null;
  /** Any other field (ignored). */
  [field: string]: unknown;
}

/** A lead and the lifecycle stages it reached; a later stage implies the earlier ones. Other fields are ignored. */
export interface MetricsLead {
  /** Owning rep, for `groupBy: 'owner'`. */
  owner?: MetricsText | null;
  /** Lead source, for the source table and `groupBy: 'source'`. */
  source?: MetricsText | null;
  /** Segment, for `groupBy: 'segment'`. */
  segment?: MetricsText | null;
  /** When the lead was created: it places the lead in a period; the earliest lifecycle date stands in when absent. */
  createdAt?: DateInput | null;
  /** Became a marketing-qualified lead. */
  mqlAt?: DateInput | null;
  /** Became a sales-qualified lead. */
  sqlAt?: DateInput | null;
  /** Became an opportunity. */
  opportunityAt?: DateInput | null;
  /** Became a customer. */
  wonAt?: DateInput | null;
  /** A hot lead: subject to the response SLA. */
  hot?: boolean | null;
  /** First sales touch (call, email, meeting), for the response SLA. */
  firstContactAt?: DateInput | null;
  /** Any other field (ignored). */
  [field: string]: unknown;
}

/** One quota-carrying rep. */
export interface MetricsRepQuota {
  /** The rep, as deals name it in `owner`. */
  owner: MetricsText;
  /** Fully ramped quota for the period; else sales target × `salesShare`, else an equal split of the sales target. */
  quota?: MetricsAmount | null;
  /** First day on the job (tenure month 1 is its calendar month); absent means fully ramped. */
  startDate?: DateInput | null;
  /** This rep's share of the sales target, 0–1, used when `quota` is absent. */
  salesShare?: number | null;
}

/** Targets for the reporting period (e.g. the quarter's numbers when the period is a quarter). */
export interface MetricsQuotas {
  /** Company revenue target for the period. */
  companyTarget?: MetricsAmount | null;
  /** Share of the company target carried by sales, 0–1 (default 1): sales target = companyTarget × salesShare. */
  salesShare?: number | null;
  /** Quota-carrying reps (each owner once). */
  reps?: readonly MetricsRepQuota[] | null;
  /** Ramp factors (0–1) for tenure months 1, 2, …; 1 after the list. Default `[0, 0, 0, 0.5, 0.5, 0.5, 0.75, 0.75, 0.75]`. */
  ramp?: readonly number[] | null;
}

/**
 * What `computeMetrics` reads. Plain objects are read member by member in JS (only the members
 * metrics use, so others may hold anything, even a `BigInt` or a cycle); other values — class
 * instances, `toJSON` — go through `JSON.stringify`. Results and errors are the same either way.
 */
export interface MetricsInput {
  /** Opportunities, open and closed. */
  deals?: readonly MetricsDeal[] | null;
  /** Leads with their lifecycle dates: the funnel, the source table and the response SLA. */
  leads?: readonly MetricsLead[] | null;
  /** Targets and reps: quota capacity, attainment and coverage. */
  quotas?: MetricsQuotas | null;
}

/**
 * A calendar period (UTC) resolved against `now`, or `all` (every record, dated or not).
 * CamelCase spellings (`thisQuarter`) are accepted too.
 */
export type MetricsPeriodPreset =
  | 'all'
  | 'this_month' | 'last_month' | 'next_month'
  | 'this_quarter' | 'last_quarter' | 'next_quarter'
  | 'this_year' | 'last_year'
  | 'thisMonth' | 'lastMonth' | 'nextMonth'
  | 'thisQuarter' | 'lastQuarter' | 'nextQuarter'
  | 'thisYear' | 'lastYear';

/** The reporting period: a preset, or `[start, end)` (start inclusive, end exclusive; the end after the start). */
export type MetricsPeriod =
  | MetricsPeriodPreset
  | {
      /** First instant in the period. */
      start: DateInput;
      /** First instant after the period. */
      end: DateInput;
    };

/** A breakdown: a record field, or the calendar month (`2017-03`) or quarter (`2017-Q1`, UTC) of the date each metric uses for the period. */
export type MetricsGroupBy = 'owner' | 'source' | 'segment' | 'product' | 'month' | 'quarter';

/**
 * A row of the metrics stage table. `StageInfo`s (from `pipeline.stages()`) fit as they are;
 * `category` is accepted for `forecastCategory`.
 */
export type MetricsStageSpec = {
  /** Stage id, unique (any case). */
  id: string;
  /** Display label (the id when omitted); deals may name the stage by it. */
  label?: string;
  /** Win probability of an open deal in the stage, 0–1. */
  probability: number;
  /** Position in the process (ascending; ties keep list order); 0 when omitted. */
  order?: number;
  /** Expected days in the stage, shown next to the measured average. */
  expectedDays?: number | null;
  /** `won` / `lost` for a closed stage: deals in it have that outcome, whatever its name. */
  outcome?: 'won' | 'lost' | null;
} & (
  | {
      /** Forecast category of deals in the stage. */
      forecastCategory: ForecastCategory;
      category?: never;
    }
  | {
      /** Forecast category of deals in the stage (alias of `forecastCategory`). */
      category: ForecastCategory;
      forecastCategory?: never;
    }
);

/** Options of `computeMetrics`. Unknown keys are rejected (`INVALID_SHAPE`). */
export interface MetricsOptions extends EvaluationOptions {
  /** The reporting period; all time when omitted. */
  period?: MetricsPeriod | null;
  /** Adds `groups`: the same figures per owner, source, segment, product, month or quarter. */
  groupBy?: MetricsGroupBy | null;
  /**
   * The pipeline whose stage table (probabilities, forecast categories, order, expected days,
   * outcomes) to use: a compiled `Pipeline` or a pipeline config; its first pipeline for a
   * config with several. The default pipeline's table when neither this nor `stages` is given.
   * Not together with `stages`.
   */
  pipeline?: Pipeline | PipelineConfig | null;
  /** The stage table itself, e.g. `pipeline.stages('renewals')`. Not together with `pipeline`. */
  stages?: readonly MetricsStageSpec[] | null;
  /** Where sales cycles and open-deal ages start: `created` (default) or `engaged`; the other date stands in when missing. */
  cycleStart?: 'created' | 'engaged' | null;
  /** Minutes a hot lead may wait for its first contact (default 60), more than 0. */
  responseSlaMinutes?: number | null;
  /**
   * Which deals and leads count: each key keeps records whose field equals the value or one of
   * the values (exact match); keys combine with AND. `product` filters deals only. Quotas are
   * not filtered.
   */
  filter?: MetricsFilter | null;
}

/** Record filter of the metrics options. */
export interface MetricsFilter {
  /** Owning rep(s) to keep. */
  owner?: string | string[];
  /** Lead source(s) to keep. */
  source?: string | string[];
  /** Segment(s) to keep. */
  segment?: string | string[];
  /** Product(s) to keep (deals only). */
  product?: string | string[];
}

/** A ratio with its parts. Never NaN or Infinity: a zero denominator gives `value: null` and a `reason`. */
export interface MetricsRate {
  /** numerator ÷ denominator (0.25 means 25%; for coverage 3.2 means 3.2×); `null` when undefined. */
  value: number | null;
  /** The part counted (deals, leads, or money in currency units). */
  numerator: number;
  /** The whole it is counted against, in the same unit. */
  denominator: number;
  /** Why `value` is `null`, e.g. `"no closed deals in the period"`; absent when there is a value. */
  reason?: string;
}

/** Mean and median of a sample; `null` with a `reason` when it is empty. */
export interface MetricsStat {
  /** How many values. */
  count: number;
  /** The mean (money to the cent, days to 0.01). */
  mean: number | null;
  /** The median (the mean of the two middle values for an even count). */
  median: number | null;
  /** Why the sample is empty; absent otherwise. */
  reason?: string;
}

/** A count of deals and their total. */
export interface MetricsTally {
  /** Number of deals. */
  count: number;
  /** Sum of their amounts (missing amounts count as 0), exact to the cent. */
  value: number;
}

/** Conversion from one stage to the next. */
export interface MetricsStep<S extends string = string> {
  /** Stage converted from. */
  from: S;
  /** The next stage. */
  to: S;
  /** Share of those entering `from` that reached `to` or beyond. */
  rate: MetricsRate;
}

/** The period a result covers. */
export interface MetricsPeriodInfo {
  /** First instant (ISO-8601 UTC); `null` for all time. */
  start: string | null;
  /** First instant after the period (exclusive); `null` for all time. */
  end: string | null;
  /** Length in days; `null` for all time. */
  days: number | null;
}

/** Stage-to-stage conversion of the closed deals (won or lost) of the period that have a stage history. */
export interface StageConversion {
  /** Closed deals of the period with a stage history. */
  deals: number;
  /** One step per consecutive pair of path stages (the stage table without omitted and lost stages, ending at closed won). */
  steps: MetricsStep[];
}

/** Average time in one open stage, from stage history. */
export interface StageTime {
  /** Stage id. */
  stage: string;
  /** Stage label. */
  label: string;
  /** Deals that spent time in it. */
  deals: number;
  /** Mean days per deal, to 0.01 (visits to one stage add up); `null` when no deal did. */
  averageDays: number | null;
  /** The stage table's expected days, for comparison. */
  expectedDays: number | null;
}

/** A stage of the lead funnel. */
export type FunnelStageName = 'lead' | 'mql' | 'sql' | 'opportunity' | 'won';

/** Lead → MQL → SQL → Opportunity → Won, over the leads created in the period. */
export interface LeadFunnel {
  /** Leads that reached each stage (a skipped stage counts as passed), in order. */
  stages: {
    /** The funnel stage. */
    stage: FunnelStageName;
    /** Leads of the period that reached it. */
    count: number;
  }[];
  /** Conversion from each stage to the next. */
  steps: MetricsStep<FunnelStageName>[];
  /** won ÷ leads. */
  overall: MetricsRate;
}

/** Open deals in one stage. */
export interface PipelineStageRow {
  /** Stage id (the deals' own text for a stage the table does not know); `null` for deals without a stage. */
  stage: string | null;
  /** Stage label. */
  label: string | null;
  /** Open deals in the stage. */
  count: number;
  /** Their total amount. */
  value: number;
  /** Mean days from their start (`cycleStart`) to `now`; `null` when none has a date. */
  averageAgeDays: number | null;
}

/** Open deals whose expected close date is in the period (every open deal for all time). */
export interface OpenPipeline {
  /** Open deals. */
  count: number;
  /** Their total amount. */
  value: number;
  /** Every open stage of the table in order (even when empty), then unknown stages by name, then deals without a stage. */
  byStage: PipelineStageRow[];
}

/** Amount per forecast category. */
export interface ForecastCategories {
  /** Won in the period (plus any open deal sitting in a closed-category stage). */
  closed: number;
  /** Open deals in commit stages. */
  commit: number;
  /** Open deals in best-case stages. */
  bestCase: number;
  /** Open deals in pipeline stages. */
  pipeline: number;
  /** Open deals in omitted stages. */
  omitted: number;
}

/** Salesforce's cumulative roll-ups (Closed ⊂ Commit ⊂ Best Case); pipeline-category deals are in none. */
export interface ForecastScenarios {
  /** Closed won + commit: what the team has committed to. */
  worst: number;
  /** Closed won + commit + best case × stage probability. */
  likely: number;
  /** Closed won + commit + best case: everything that could close does. */
  best: number;
}

/** Open deals in a stage the stage table does not know: left out of the weighted forecast, categories and scenarios. */
export interface UnknownStage {
  /** The stage as the deals name it; `null` for deals without a stage. */
  stage: string | null;
  /** Open deals in it. */
  count: number;
  /** Their total amount. */
  value: number;
}

/** The forecast of the period. */
export interface MetricsForecast {
  /** Σ amount × stage probability over open deals in the period (known stages), to the cent. Closed-won revenue is not in it. */
  weighted: number;
  /** Amount per forecast category. */
  byCategory: ForecastCategories;
  /** Worst, likely and best outcomes. */
  scenarios: ForecastScenarios;
  /** Open deals in stages the table does not know. */
  unknownStages: UnknownStage[];
}

/** Pipeline velocity: open deals × win rate × mean won deal size ÷ mean sales cycle, from the figures next to it. */
export interface PipelineVelocity {
  /** Open deals in the period. */
  openDeals: number;
  /** Win rate by count. */
  winRate: number | null;
  /** Mean won deal size. */
  averageDealSize: number | null;
  /** Mean sales cycle in days. */
  cycleDays: number | null;
  /** Expected revenue per day through the pipeline, to the cent; `null` with `reason` when a factor is missing. */
  perDay: number | null;
  /** `perDay` × days in the period; `null` for all time. */
  perPeriod: number | null;
  /** Why `perDay` is `null`; absent otherwise. */
  reason?: string;
}

/** Where coverage stands against the 3–4× guideline: under 3×, 3×–4× inclusive, over 4×. */
export type CoverageGuideline = 'belowGuideline' | 'withinGuideline' | 'aboveGuideline';

/** Pipeline coverage: open pipeline ÷ (quota − won). */
export interface PipelineCoverage {
  /** Open pipeline in the period. */
  openPipeline: number;
  /** Ramped capacity overall (the sales target without reps), the rep's ramped quota in an owner group; `null` when none applies. */
  quota: number | null;
  /** Won in the period. */
  won: number;
  /** quota − won; `null` without a quota. */
  remainingQuota: number | null;
  /** openPipeline ÷ remainingQuota; `null` with reason `"no quota for this scope"` or `"quota already met"`. */
  ratio: MetricsRate;
  /** The ratio against the guideline; `null` when the ratio is. */
  guideline: CoverageGuideline | null;
}

/** Hot-lead response SLA over the hot leads created in the period. */
export interface ResponseSla {
  /** The SLA: minutes from creation to first contact. */
  slaMinutes: number;
  /** Hot leads of the period. */
  hotLeads: number;
  /** Contacted within the SLA (inclusive). */
  withinSla: number;
  /** Contacted late, or not contacted with the SLA run out at `now`. */
  breached: number;
  /** Not contacted yet, SLA still running at `now`. */
  pending: number;
  /** Without a creation date, so not measurable. */
  unmeasured: number;
  /** withinSla ÷ (withinSla + breached). */
  compliance: MetricsRate;
}

/** One rep's quota and attainment. */
export interface RepQuotaReport {
  /** The rep. */
  owner: string;
  /** Start date (ISO-8601 UTC), if given. */
  startDate: string | null;
  /** Full quota. */
  quota: number;
  /** Share of the full quota carried this period, 0–1 (day-weighted over the period; the month of `now` for all time). */
  rampFactor: number;
  /** quota × rampFactor, to the cent. */
  rampedQuota: number;
  /** Won in the period (the rep's deals closed won in it). */
  won: number;
  /** won ÷ rampedQuota; `null` with a reason while the ramped quota is 0. */
  attainment: MetricsRate;
}

/** Quotas, ramped capacity and attainment for the period. */
export interface QuotaReport {
  /** Company target, if given. */
  companyTarget: number | null;
  /** Share of it carried by sales. */
  salesShare: number;
  /** companyTarget × salesShare. */
  salesTarget: number | null;
  /** salesTarget ÷ number of reps (the top-down quota). */
  topDownQuotaPerRep: number | null;
  /** Ramp factors used, by tenure month. */
  ramp: number[];
  /** Sum of full quotas. */
  fullQuota: number;
  /** Sum of ramped quotas: what the team can carry this period. */
  rampedCapacity: number;
  /** salesTarget − rampedCapacity (positive: the team cannot carry the target). */
  capacityGap: number | null;
  /** Won in the period by the listed reps. */
  won: number;
  /** won ÷ rampedCapacity. */
  attainment: MetricsRate;
  /** Per rep, in input order. */
  reps: RepQuotaReport[];
}

/** One lead source's performance. */
export interface SourcePerformance {
  /** Lead source; `null` for records without one. */
  source: string | null;
  /** Leads created in the period. */
  leads: number;
  /** Of those, leads that became opportunities. */
  opportunities: number;
  /** Of those, leads that became customers. */
  wonLeads: number;
  /** opportunities ÷ leads. */
  leadToOpportunity: MetricsRate;
  /** wonLeads ÷ leads. */
  leadToWon: MetricsRate;
  /** Deals of the source won in the period. */
  wonDeals: number;
  /** Deals of the source lost in the period. */
  lostDeals: number;
  /** Amount of the deals won. */
  wonRevenue: number;
  /** wonDeals ÷ (wonDeals + lostDeals). */
  winRate: MetricsRate;
  /** Response SLA of the source's hot leads. */
  responseSla: ResponseSla;
}

/**
 * The figures of one scope (overall, or one group). What "in the period" means: won, lost,
 * win rates, deal size, sales cycle, stage conversion and days in stage use deals closed in it
 * (close date); pipeline, forecast, velocity and coverage use open deals expected to close in
 * it; pipeline created uses the creation date (else the engagement date); funnel and response
 * SLA use leads created in it.
 */
export interface MetricsFigures {
  /** The period covered (a month or quarter group's own slice of it). */
  period: MetricsPeriodInfo;
  /** Deals won in the period. */
  won: MetricsTally;
  /** Deals lost in the period. */
  lost: MetricsTally;
  /** Win rate two ways. */
  winRate: {
    /** won ÷ (won + lost) deals. */
    byCount: MetricsRate;
    /** Won amount ÷ (won + lost) amount. */
    byValue: MetricsRate;
  };
  /** Amount of won deals that have one: mean and median, to the cent. */
  dealSize: MetricsStat;
  /** Days from start (`cycleStart`) to close of won deals with both dates: mean and median, to 0.01. */
  salesCycle: MetricsStat;
  /** Stage-to-stage conversion from stage history. */
  stageConversion: StageConversion;
  /** Average days in each open stage, from stage history. */
  daysInStage: StageTime[];
  /** The lead funnel. */
  funnel: LeadFunnel;
  /** Open pipeline by stage. */
  pipeline: OpenPipeline;
  /** Deals created in the period. */
  pipelineCreated: MetricsTally;
  /** Weighted forecast, categories and scenarios. */
  forecast: MetricsForecast;
  /** Pipeline velocity. */
  velocity: PipelineVelocity;
  /** Pipeline coverage against the remaining quota. */
  coverage: PipelineCoverage;
  /** Hot-lead response SLA. */
  responseSla: ResponseSla;
}

/** One group of a grouped result. */
export interface MetricsGroup {
  /** The owner, source, segment or product; `2017-03` for a month, `2017-Q1` for a quarter; `null` for records without one. */
  key: string | null;
  /** The figures of the group. */
  metrics: MetricsFigures;
}

/** What `computeMetrics` returns. Money is in currency units with at most two decimals; no figure is NaN or Infinity. */
export interface MetricsResult extends MetricsFigures {
  /** The `groupBy` option; absent without it. */
  groupBy?: MetricsGroupBy;
  /** Quotas, capacity and attainment; present when `input.quotas` is given. */
  quotas?: QuotaReport;
  /** Performance per lead source, sorted by source (`null` last). */
  sources: SourcePerformance[];
  /** Figures per group, sorted by key with `null` last; only keys with records appear; `[]` without `groupBy`. */
  groups: MetricsGroup[];
}

/**
 * Win rates, deal size, sales cycle, stage conversion and days in stage, the lead funnel,
 * pipeline by stage and created, the weighted forecast with categories and scenarios,
 * velocity, coverage, quotas with ramp, source performance and the response SLA.
 * @throws PipescoreInputError with the path of a bad record (`$.deals[42].closeDate`) or option (`$.period`, `$.stages[2].probability`, `$.quotas.reps[0].quota`).
 * @throws PipescoreConfigError for a bad pipeline config in `options.pipeline` (path `$.pipeline…`).
 */
export declare function computeMetrics(input: MetricsInput, options?: MetricsOptions): MetricsResult;

/**
 * Deals, leads and quotas read once, for metrics recomputed many times — as a dashboard does
 * when its period, grouping or filters change. `compute` skips reading the records again,
 * which is most of `computeMetrics`' time on large inputs.
 */
export declare class MetricsDataset {
  /** Reads the records; throws `PipescoreInputError` with the path of a bad one. */
  constructor(input: MetricsInput);
  /** The metrics of the dataset with `options`, exactly as `computeMetrics(input, options)`. */
  compute(options?: MetricsOptions): MetricsResult;
  /** How many deals the dataset holds. */
  readonly dealCount: number;
  /** How many leads the dataset holds. */
  readonly leadCount: number;
  /**
   * Replaces the deal at `index`, reading only that deal (when a deal changes, the dataset is
   * not read again).
   * @throws PipescoreInputError `INVALID_INDEX` when there is no deal at `index`; the deal's own
   * error at its path in the dataset (`$.deals[42].closeDate`), the dataset unchanged.
   */
  setDeal(index: number, deal: MetricsDeal): void;
  /**
   * Adds deals after the last one; all or none (a bad deal throws with its path in the dataset).
   * @returns the new deal count.
   */
  appendDeals(deals: readonly MetricsDeal[]): number;
  /**
   * Removes `count` deals (default 1) from `index` on; the deals after them move down.
   * @throws PipescoreInputError `INVALID_INDEX` unless they are all in the dataset.
   */
  removeDeals(index: number, count?: number): void;
  /** `setDeal` for leads (`$.leads[7].mqlAt`). */
  setLead(index: number, lead: MetricsLead): void;
  /** `appendDeals` for leads; returns the new lead count. */
  appendLeads(leads: readonly MetricsLead[]): number;
  /** `removeDeals` for leads. */
  removeLeads(index: number, count?: number): void;
  /**
   * Replaces the quotas (`null` or `undefined`: none). A value of the wrong shape throws with its
   * path (`$.quotas.reps`), the dataset unchanged; targets and ramps are checked when metrics are
   * computed, as for the constructor's quotas.
   */
  setQuotas(quotas: MetricsQuotas | null | undefined): void;
  /** Frees the wasm memory now (otherwise a FinalizationRegistry does it eventually). */
  free(): void;
}
