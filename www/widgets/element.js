// The base class of the pipescore custom elements: properties mirrored by (JSON) attributes,
// batched re-rendering when they change, `now` handling, compiled-engine caching, and engine
// errors shown in a readable box plus a `pipescore-error` event instead of thrown.
import { h, jsonAttribute, render } from './dom.js';

/**
 * A custom element whose state is a set of declared properties. Subclasses set `static
 * properties = { name: { type: 'json' | 'string' | 'number', attribute? } }` and implement
 * `update(changed)`, which renders from `this` and may throw: the error is shown instead.
 */
export class PipescoreElement extends HTMLElement {
  static properties = {};

  static get observedAttributes() {
    return Object.entries(this.properties).map(([name, spec]) => spec.attribute ?? name);
  }

  /** Defines the element `tag` (once) with accessors for its declared properties. */
  static define(tag) {
    for (const name of Object.keys(this.properties)) {
      if (Object.hasOwn(this.prototype, name)) continue;
      Object.defineProperty(this.prototype, name, {
        get() { return this.values[name]; },
        set(value) { this.values[name] = value; this.invalidate(name); },
        configurable: true,
      });
    }
    if (!customElements.get(tag)) customElements.define(tag, this);
  }

  constructor() {
    super();
    this.values = {};
    this.changed = new Set();
    this.cache = new Map();
  }

  connectedCallback() {
    // Properties set before the element was upgraded live on the instance: move them behind the accessors.
    for (const name of Object.keys(this.constructor.properties)) {
      if (Object.hasOwn(this, name)) {
        const value = this[name];
        delete this[name];
        this[name] = value;
      }
    }
    this.invalidate();
  }

  attributeChangedCallback(attribute, _old, text) {
    const [name, spec] = Object.entries(this.constructor.properties).find(([n, s]) => (s.attribute ?? n) === attribute);
    if (spec.type === 'json') this.values[name] = jsonAttribute(this, attribute, undefined);
    else if (spec.type === 'number') this.values[name] = text == null || text === '' ? undefined : Number(text);
    else this.values[name] = text ?? undefined;
    this.invalidate(name);
  }

  /** Schedules one `update` (in a microtask) for every change made in the current task. */
  invalidate(name) {
    if (name) this.changed.add(name);
    if (this.queued) return;
    this.queued = true;
    queueMicrotask(() => {
      this.queued = false;
      if (!this.isConnected) return;
      const changed = new Set(this.changed);
      this.changed.clear();
      this.run(() => this.update(changed));
    });
  }

  /** Runs `fn`; an error is rendered in the element and announced, never thrown. */
  run(fn, target = this) {
    try {
      return fn();
    } catch (error) {
      this.showError(error, target);
      return undefined;
    }
  }

  /** Replaces `target`'s content with a readable error box and dispatches `pipescore-error`. */
  showError(error, target = this) {
    render(target, errorBox(error));
    this.emit('pipescore-error', error);
  }

  /** Dispatches a bubbling `CustomEvent`; returns false when a listener called `preventDefault`. */
  emit(type, detail, { cancelable = false } = {}) {
    return this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true, cancelable }));
  }

  /** Evaluation options: `now` from the property or attribute, else the current time. */
  get evaluationOptions() {
    return { now: this.now ?? new Date() };
  }

  /**
   * Returns the value `make()` built for the same `inputs` (compared by identity), building it
   * when they changed; a replaced engine object is freed.
   */
  cached(key, inputs, make) {
    const hit = this.cache.get(key);
    if (hit && hit.inputs.length === inputs.length && hit.inputs.every((x, i) => x === inputs[i])) return hit.value;
    const value = make();
    if (hit && hit.value !== value) hit.value?.free?.();
    this.cache.set(key, { inputs, value });
    return value;
  }

  disconnectedCallback() {
    for (const { value } of this.cache.values()) value?.free?.();
    this.cache.clear();
  }
}

/** A readable error box: the message, and the error code and JSON path when pipescore gave them. */
export function errorBox(error) {
  const code = error?.code ? [error.code, error.path].filter(Boolean).join(' at ') : null;
  return h('div', { class: 'error-box', role: 'alert' },
    h('strong', {}, 'Could not compute this: '), String(error?.message ?? error),
    code && h('div', { class: 'error-code' }, h('code', {}, code)));
}
