// wasm-opt as the package is built with it: the one place its flags are set, shared by
// scripts/build-pkg.mjs and the size breakdown in benches/size.mjs.
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/**
 * - wasm-opt from the npm package `binaryen` (Debian's is too old for current rustc output).
 * - `--converge` repeats `-Os` until nothing shrinks (about 0.7 KB less gzip, same speed).
 * - `--one-caller-inline-max-function-size 0`: no inlining of functions that have one caller.
 *   That inlining makes the .wasm smaller raw but larger in gzip, because it merges code gzip
 *   matched across functions into one-off bodies (export shims holding a whole engine).
 *   Measured: 16 KB less gzip for the full .wasm (−6%), 5.5 KB for lead/, the same speed
 *   within noise in `make bench`. Plain `-Os` gives 10 KB more gzip than no wasm-opt at all.
 * - The features are those current rustc emits for wasm32-unknown-unknown.
 */
const FLAGS = [
  '-Os', '--one-caller-inline-max-function-size', '0',
  '--enable-bulk-memory', '--enable-nontrapping-float-to-int', '--enable-sign-ext',
  '--enable-mutable-globals', '--enable-reference-types', '--enable-multivalue',
];

/**
 * Optimises the .wasm at `input` into `output`. `names`: keep the function names (for the size
 * breakdown; the code is the same within 0.1%) and skip `--converge`, which gains little there.
 */
export function wasmOpt(input, output, { names = false } = {}) {
  const extra = names ? ['-g'] : ['--converge', '--strip-debug', '--strip-producers', '--strip-target-features'];
  execFileSync(join(root, 'node_modules/.bin/wasm-opt'), [...FLAGS, ...extra, input, '-o', output], { stdio: 'inherit' });
}
