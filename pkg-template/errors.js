// Error classes thrown by every pipescore call. The wasm module creates them through
// `createError`, so `instanceof` works and `name` / `code` / `path` are always set.

/** Base class of every error pipescore throws. */
export class PipescoreError extends Error {
  constructor(message, code, path) {
    super(message);
    Object.defineProperty(this, 'name', { value: 'PipescoreError', enumerable: false, configurable: true, writable: true });
    /** Stable SCREAMING_SNAKE_CASE code, e.g. `UNKNOWN_OPERATOR`. */
    this.code = code;
    /** JSON path of the offending value, rooted at `$`, e.g. `$.groups[0].rules[2].points`. */
    this.path = path;
  }
}

/** A rule, model, pipeline or health config is invalid. */
export class PipescoreConfigError extends PipescoreError {
  constructor(message, code, path) {
    super(message, code, path);
    this.name = 'PipescoreConfigError';
  }
}

/** A record or option passed to an evaluation is invalid. */
export class PipescoreInputError extends PipescoreError {
  constructor(message, code, path) {
    super(message, code, path);
    this.name = 'PipescoreInputError';
  }
}

/** pipescore failed on its own (`INTERNAL`); the message says what to report. */
export class PipescoreInternalError extends PipescoreError {
  constructor(message, code, path) {
    super(message, code, path);
    this.name = 'PipescoreInternalError';
  }
}

const classes = { PipescoreConfigError, PipescoreInputError, PipescoreInternalError };

/** Called from Rust: builds the error of class `name`. */
export function createError(name, code, path, message) {
  const ErrorClass = classes[name] || PipescoreError;
  return new ErrorClass(message, code, path);
}
