// Node ESM entry: the .wasm is read from disk and compiled synchronously at import.
import { readFileSync } from 'node:fs';
import { initSync } from './pipescore.js';

initSync({ module: readFileSync(new URL('./pipescore_bg.wasm', import.meta.url)) });

export * from './api.js';
