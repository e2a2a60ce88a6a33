// The JS side of the boundary between callers' values and wasm (docs/boundary.md). Two rules:
// - no exception thrown by a caller's code (a getter, a `toJSON`, a Proxy trap, a fake `Date`)
//   unwinds through wasm: wasm calls the readers here through imports declared `catch`, and
//   they turn whatever is thrown into a PipescoreError with a code, a path and the original
//   error as `cause`;
// - no call reaches wasm with a pointer that is not a live object of the right class, or
//   while the object is being changed by another call: `guard` wraps every method of the
//   wasm-bindgen classes, so use after `free()`, fake instances and re-entrant edits are typed
//   errors (`FREED`, `IN_USE`) instead of traps.
//
// Imported by the glue (readers) and by api.js (guard). Self-contained apart from errors.js:
// it runs from wasm-bindgen's snippets folder in the wasm tests.
import { createError, isPipescoreError } from './errors.js';

/** The most items a list passed to one call may have; longer lists are refused (`TOO_LARGE`) before anything is read. */
export const MAX_ITEMS = 2 ** 24;
/** How deep JSON is read (as the core's JSON reader: deeper values are `TOO_DEEP`). */
const MAX_DEPTH = 128;

// The built-ins used on callers' values, taken when the module loads.
const isArray = Array.isArray;
const stringify = JSON.stringify;
const getTime = Date.prototype.getTime;
const dateNow = Date.now;
const objectKeys = Object.keys;
const ownDescriptor = Object.getOwnPropertyDescriptor;
const INPUT = 'PipescoreInputError';

/** A JSON path with an object key appended (as `pipescore::path::key`). */
export function keyPath(base, key) {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key) ? `${base}.${key}` : `${base}[${stringify(key)}]`;
}

/**
 * A few words about a thrown value, for a message. Reads only an own `message` data property,
 * and can't throw: a revoked Proxy, an Error whose `message` getter throws or a Symbol are
 * described without calling them.
 */
export function describeThrown(thrown) {
  try {
    switch (typeof thrown) {
      case 'string': return clip(thrown);
      case 'symbol': return 'a Symbol was thrown';
      case 'object':
      case 'function': {
        if (thrown === null) return 'null was thrown';
        const message = ownDescriptor(thrown, 'message');
        if (message && typeof message.value === 'string' && message.value) return clip(message.value);
        return 'an error without a readable message';
      }
      default: return `${String(thrown)} was thrown`;
    }
  } catch {
    return 'an error that could not be read';
  }
}

/** At most 200 characters of `text`. */
function clip(text) {
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/** The error for a value wasm can't read: `code` at `path`, with the original error as `cause`. */
function unreadable(kind, code, path, message, cause) {
  if (isPipescoreError(cause) && cause.code === 'FREED') return createError(kind, 'FREED', path, cause.message, cause);
  return createError(kind, code, path, message, cause);
}

/**
 * `JSON.stringify(value)` for wasm (`'null'` for `undefined`, a function or a symbol). Throws
 * a PipescoreError of class `kind` naming `what`: `UNSERIALIZABLE` (a cycle, a BigInt, a
 * getter, `toJSON` or Proxy trap that throws) or `TOO_LARGE` / `TOO_DEEP`, at the path of the
 * offending member, with what was thrown as `cause`.
 */
export function jsonText(value, what, kind, path = '$') {
  return typed(() => readJson(value, what, kind, path));
}

/** `jsonText` without the last guard. */
function readJson(value, what, kind, path) {
  let text;
  let length = 0;
  try {
    // `Number()` as JSON.stringify reads a length (a Proxy's may be anything).
    if (isArray(value)) length = Number(value.length);
    if (!(length > MAX_ITEMS)) text = stringify(value);
  } catch (cause) {
    throw explain(value, what, kind, path, cause);
  }
  if (length > MAX_ITEMS) throw tooLarge(kind, what, path, length);
  return text === undefined ? 'null' : text;
}

/**
 * `read()`, whose errors are all PipescoreErrors: anything else thrown (a fault of this module
 * or the JS engine's, such as running out of stack) becomes a `PipescoreInternalError`, so
 * wasm hands only typed errors back to the caller.
 */
function typed(read) {
  try {
    return read();
  } catch (error) {
    if (isPipescoreError(error)) throw error;
    throw createError('PipescoreInternalError', 'INTERNAL', '$', `pipescore could not read a value: ${describeThrown(error)}`, error);
  }
}

/** The error for a list longer than `MAX_ITEMS`. */
export function tooLarge(kind, what, path, length) {
  return createError(kind, 'TOO_LARGE', path, `${capitalized(what)} can't be read: the list at ${path} has ${length} items, more than the ${MAX_ITEMS} read in one call; split it into smaller batches.`);
}

/** `text` with its first letter upper case. */
function capitalized(text) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The PipescoreError for a value `JSON.stringify` threw on (`cause`), found by walking it again. */
function explain(value, what, kind, path, cause) {
  let found = null;
  try {
    found = locate(value, '', path, 0, []);
  } catch {
    // Walking it threw outside the places a caller's code runs: report what JSON threw.
  }
  if (found && found.code) return createError(kind, found.code, found.path, `${capitalized(what)} can't be read: ${found.reason}.`, found.cause ?? cause);
  if (found) {
    const thrown = found.cause === undefined ? '' : `: ${describeThrown(found.cause)}`;
    return unreadable(kind, 'UNSERIALIZABLE', found.path, `${capitalized(what)} must be plain data (objects, arrays, strings, numbers, booleans, null, dates): ${found.reason}${thrown}`, found.cause ?? cause);
  }
  if (isRangeError(cause)) return createError(kind, 'TOO_LARGE', path, `${capitalized(what)} is too large to read: ${describeThrown(cause)}`, cause);
  return unreadable(kind, 'UNSERIALIZABLE', path, `${capitalized(what)} must be plain data (objects, arrays, strings, numbers, booleans, null, dates): ${describeThrown(cause)}`, cause);
}

/** Whether `value` is a RangeError (what JSON.stringify throws for text too long for a string); false should checking throw. */
function isRangeError(value) {
  try {
    return value instanceof RangeError;
  } catch {
    return false;
  }
}

/**
 * Where `JSON.stringify` fails on `value` (the member `key` of its holder, at `path`):
 * `{ path, reason, cause?, code? }`, or `null` when it finds nothing. Follows JSON's order
 * (`toJSON`, then members in `Object.keys` order); on the error path only, so calling a
 * caller's getters a second time costs nothing on the way that works.
 */
function locate(value, key, path, depth, ancestors) {
  try {
    if (value !== null && (typeof value === 'object' || typeof value === 'bigint') && typeof value.toJSON === 'function') {
      value = value.toJSON(key);
    }
  } catch (cause) {
    return { path, reason: `reading ${path} or its toJSON threw`, cause };
  }
  if (typeof value === 'bigint') return { path, reason: `${path} is a BigInt, which JSON can't hold` };
  if (value === null || typeof value !== 'object') return null;
  if (ancestors.includes(value)) return { path, reason: `${path} contains itself (a cycle)` };
  if (depth >= MAX_DEPTH) return { path, code: 'TOO_DEEP', reason: `it is nested too deeply at ${path} (at most ${MAX_DEPTH} levels of objects and lists)` };
  let list;
  try {
    list = isArray(value);
  } catch (cause) {
    return { path, reason: `${path} is a revoked Proxy`, cause };
  }
  ancestors.push(value);
  try {
    if (list) {
      let length;
      try {
        length = Number(value.length);
      } catch (cause) {
        return { path, reason: `reading the length of ${path} threw`, cause };
      }
      if (length > MAX_ITEMS) return { path, code: 'TOO_LARGE', reason: `the list at ${path} has ${length} items, more than the ${MAX_ITEMS} read in one call` };
      for (let i = 0; i < length; i++) {
        const at = `${path}[${i}]`;
        let item;
        try {
          item = value[i];
        } catch (cause) {
          return { path: at, reason: `reading ${at} threw`, cause };
        }
        const found = locate(item, String(i), at, depth + 1, ancestors);
        if (found) return found;
      }
      return null;
    }
    let keys;
    try {
      keys = objectKeys(value);
    } catch (cause) {
      return { path, reason: `listing the members of ${path} threw`, cause };
    }
    for (const k of keys) {
      const at = keyPath(path, k);
      let member;
      try {
        member = value[k];
      } catch (cause) {
        return { path: at, reason: `reading ${at} threw`, cause };
      }
      const found = locate(member, k, at, depth + 1, ancestors);
      if (found) return found;
    }
    return null;
  } finally {
    ancestors.pop();
  }
}

/**
 * `options` read once into a plain object (null prototype) of its own enumerable members, and
 * `now` (read with `options.now`, so an inherited one counts); `{}` when omitted. Throws a
 * `PipescoreInputError`: `INVALID_OPTION` when `options` is not an object, `UNSERIALIZABLE`
 * at `$.member` when reading a member throws.
 */
export function snapshotOptions(options) {
  const copy = Object.create(null);
  const now = readMembers(options, copy);
  if (now !== undefined) copy.now = now;
  return copy;
}

/** Copies the own enumerable members of `options` but `now` into `copy`; returns `options.now`. */
function readMembers(options, copy) {
  if (options === undefined || options === null) return undefined;
  let key, now;
  try {
    // A Date passed as the options (for `{ now }`) would read as none.
    if (typeof options !== 'object' || isArray(options) || options instanceof Date) key = null;
    else {
      key = 'now';
      now = options.now;
      for (key of objectKeys(options)) if (key !== 'now') copy[key] = options[key];
    }
  } catch (cause) {
    const path = key === undefined ? '$' : keyPath('$', key);
    throw unreadable(INPUT, 'UNSERIALIZABLE', path, `The options could not be read: reading ${path === '$' ? 'them' : path} threw: ${describeThrown(cause)}`, cause);
  }
  if (key === null) throw createError(INPUT, 'INVALID_OPTION', '$', 'options must be an object, e.g. { now: new Date() }');
  return now;
}

/**
 * Options for wasm: `[now, json]`, `now` in epoch milliseconds (the current time when absent;
 * NaN when it is neither a valid `Date` nor a number) or the text to parse, `json` the other
 * members as JSON text. Throws as `snapshotOptions` and `jsonText` do.
 */
export function readOptions(options) {
  return typed(() => optionsForWasm(options));
}

/** `readOptions` without the last guard. */
function optionsForWasm(options) {
  const copy = Object.create(null);
  const now = readMembers(options, copy);
  let time;
  if (now === undefined || now === null) time = dateNow();
  else if (typeof now === 'number' || typeof now === 'string') time = now;
  else {
    try {
      time = getTime.call(now);
    } catch {
      time = NaN;
    }
  }
  return [time, jsonText(copy, 'options', INPUT)];
}

// ─── Object lifetimes ─────────────────────────────────────────────────────────────────────

/** Frees the wasm side of objects nobody can reach any more (those not freed by `free()`). */
const finalizers = typeof FinalizationRegistry === 'function' ? new FinalizationRegistry(release) : null;

/** Releases a handle's wasm object; never throws (a finalizer's exception would end Node). */
function release(handle) {
  try {
    handle.release();
  } catch {
    // Nothing to do: the object is unreachable and its memory is lost at worst.
  }
}

/**
 * What pipescore knows of one object: the `handle` the glue's methods are called on (the
 * pointer, kept where callers can't change it), the calls in progress on it, and whether one
 * of them is changing it.
 */
class Life {
  constructor(handle) {
    this.handle = handle;
    this.calls = 0;
    this.writing = false;
    this.freed = false;
  }
}

/**
 * Wraps the wasm-bindgen class `Raw` (named `name`): returns `{ Class, internal, use, isLive }`.
 * `Class` is the public constructor (`Class.prototype === Raw.prototype`; static members are
 * copied); its instances own their wasm object through a private handle, so a caller can't
 * forge or change the pointer. Every method and getter of the prototype checks that it is
 * called on a live instance (else `PipescoreInputError` `FREED`) and, for the methods in
 * `writes` (which change the object), that no other call is running on it (else `IN_USE`):
 * so no call reaches wasm with a bad pointer or a borrow that would fail. `free()` marks the
 * object freed at once and frees its wasm memory when the last call on it returns; a
 * FinalizationRegistry frees the objects never freed. The methods in `hidden` are removed
 * from the prototype and returned in `internal`, guarded, as functions of the instance and
 * the arguments.
 */
export function guard(Raw, name, { writes = [], hidden = [] } = {}) {
  const proto = Raw.prototype;
  const lives = new WeakMap();
  const destroyIntoRaw = proto.__destroy_into_raw;
  const rawFree = proto.free;

  /** The instance's life; throws `FREED` for anything that is not a live instance. */
  const lifeOf = (self) => {
    const life = typeof self === 'object' && self !== null ? lives.get(self) : undefined;
    if (life === undefined || life.freed) throw freedError(name);
    return life;
  };
  /** Runs `fn(handle)` as a call on `self` (a change when `write`). */
  const use = (self, write, fn) => {
    const life = lifeOf(self);
    if (life.writing || (write && life.calls > 0)) throw inUseError(name);
    life.calls++;
    if (write) life.writing = true;
    try {
      return fn(life.handle);
    } finally {
      life.calls--;
      if (write) life.writing = false;
      if (life.freed && life.calls === 0) finish(life);
    }
  };
  const finish = (life) => {
    if (finalizers) finalizers.unregister(life);
    life.handle.release();
  };

  const Class = {
    [name]: function (...args) {
      if (new.target === undefined) throw new TypeError(`Class constructor ${name} cannot be invoked without 'new'`);
      const self = Reflect.construct(Raw, args, new.target);
      // The pointer moves from the instance (and the glue's FinalizationRegistry) to a handle.
      const ptr = destroyIntoRaw.call(self);
      delete self.__wbg_ptr;
      const handle = Object.create(proto, {
        __wbg_ptr: { value: ptr, writable: true },
        __destroy_into_raw: { value: destroyIntoRaw },
        release: { value() { rawFree.call(this); } },
      });
      const life = new Life(handle);
      lives.set(self, life);
      if (finalizers) finalizers.register(self, handle, life);
      return self;
    },
  }[name];
  for (const key of Reflect.ownKeys(Raw)) {
    if (key !== 'prototype' && key !== 'length' && key !== 'name') Object.defineProperty(Class, key, Object.getOwnPropertyDescriptor(Raw, key));
  }
  Class.prototype = proto;
  Object.defineProperty(proto, 'constructor', { value: Class, writable: true, configurable: true });

  const internal = {};
  for (const key of Reflect.ownKeys(proto)) {
    if (key === 'constructor' || key === 'free' || key === '__destroy_into_raw' || key === Symbol.dispose) continue;
    const d = Object.getOwnPropertyDescriptor(proto, key);
    const write = writes.includes(key);
    if (typeof d.value === 'function') {
      const method = d.value;
      if (hidden.includes(key)) {
        internal[key] = (self, ...args) => use(self, write, (handle) => method.apply(handle, args));
        delete proto[key];
        continue;
      }
      d.value = { [key](...args) { return use(this, write, (handle) => method.apply(handle, args)); } }[key];
    } else if (d.get) {
      const getter = d.get;
      d.get = { [key]() { return use(this, false, (handle) => getter.call(handle)); } }[key];
    }
    Object.defineProperty(proto, key, d);
  }
  delete proto.__destroy_into_raw;
  /** Frees the wasm memory now (once the calls running on the object return); later calls throw `FREED`. */
  function free() {
    const life = typeof this === 'object' && this !== null ? lives.get(this) : undefined;
    if (life === undefined || life.freed) return;
    life.freed = true;
    if (life.calls === 0) finish(life);
  }
  Object.defineProperty(proto, 'free', { value: free, writable: true, configurable: true });
  if (typeof Symbol.dispose === 'symbol') Object.defineProperty(proto, Symbol.dispose, { value: free, writable: true, configurable: true });

  /** Whether `value` is a live instance (no caller's code runs). */
  const isLive = (value) => typeof value === 'object' && value !== null && lives.get(value)?.freed === false;
  return { Class, internal, use, isLive };
}

/** The error for a method called on a freed object or on something that is not one. */
export function freedError(name) {
  return createError(INPUT, 'FREED', '$', `This ${name} can't be used: it was freed with free(), or it is not a ${name} made by new ${name}().`);
}

/** The error for a change to an object while another call on it is still running. */
function inUseError(name) {
  return createError(INPUT, 'IN_USE', '$', `This ${name} is busy: a getter, toJSON or Proxy in the values passed to one of its calls tried to use it again; change it after the call returns.`);
}
