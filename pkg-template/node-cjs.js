// Source of node.cjs, the Node CommonJS entry (bundled to CJS by scripts/build-pkg.mjs):
// the .wasm is read from disk and compiled synchronously at require time.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initSync } from './pipescore.js';

initSync({ module: readFileSync(join(__dirname, 'pipescore_bg.wasm')) });

export * from './api.js';
