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

// @section rules (owned by the rules engine; replace this marker with its declarations)

// @section scoring (owned by the scoring engine; replace this marker with its declarations)

// @section gates (owned by the gates engine; replace this marker with its declarations)

// @section health (owned by the health engine; replace this marker with its declarations)

// @section metrics (owned by the metrics engine; replace this marker with its declarations)
