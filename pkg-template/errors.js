// Error classes thrown by every pipescore call. The wasm module creates them through
// `createError`, so `instanceof` works and `name` / `code` / `path` are always set. An error
// caused by a caller's code (a getter or `toJSON` that threw) carries what was thrown as `cause`.

/** Every PipescoreError made, so `isPipescoreError` can tell them without running a caller's code. */
const made = new WeakSet();

/** Base class of every error pipescore throws. */
export class PipescoreError extends Error {
  constructor(message, code, path, options) {
    super(message);
    made.add(this);
    Object.defineProperty(this, 'name', { value: 'PipescoreError', enumerable: false, configurable: true, writable: true });
    /** Stable SCREAMING_SNAKE_CASE code, e.g. `UNKNOWN_OPERATOR`. */
    this.code = code;
    /** JSON path of the offending value, rooted at `$`, e.g. `$.groups[0].rules[2].points`. */
    this.path = path;
    // Set here rather than by `super(message, options)`, so every engine has it the same way.
    if (options !== undefined && options !== null && 'cause' in options) {
      Object.defineProperty(this, 'cause', { value: options.cause, enumerable: false, configurable: true, writable: true });
    }
  }
}

/** A rule, model, pipeline or health config is invalid. */
export class PipescoreConfigError extends PipescoreError {
  constructor(message, code, path, options) {
    super(message, code, path, options);
    this.name = 'PipescoreConfigError';
  }
}

/** A record or option passed to an evaluation is invalid. */
export class PipescoreInputError extends PipescoreError {
  constructor(message, code, path, options) {
    super(message, code, path, options);
    this.name = 'PipescoreInputError';
  }
}

/** pipescore failed on its own (`INTERNAL`); the message says what to report. */
export class PipescoreInternalError extends PipescoreError {
  constructor(message, code, path, options) {
    super(message, code, path, options);
    this.name = 'PipescoreInternalError';
  }
}

const classes = { PipescoreConfigError, PipescoreInputError, PipescoreInternalError };

/** Called from Rust and boundary.js: builds the error of class `name`, with `cause` when one is given. */
export function createError(name, code, path, message, cause) {
  const ErrorClass = classes[name] || PipescoreError;
  return new ErrorClass(message, code, path, arguments.length > 4 ? { cause } : undefined);
}

/** Whether `value` is a PipescoreError: a lookup, so a Proxy's traps are not run (`instanceof` would). */
export function isPipescoreError(value) {
  return made.has(value);
}
