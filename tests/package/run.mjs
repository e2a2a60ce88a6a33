// Packs pkg/ with `npm pack`, installs the tarball into a fresh consumer project and tests it
// the ways users import it: Node ESM, Node CommonJS, TypeScript (strict), a Vite build and a
// plain <script type="module"> page, the last two in headless Chromium; `scores()` also
// without code generation from strings.
// Usage (after `make pkg`): node tests/package/run.mjs
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const work = join(root, 'target', 'package-test');
const consumer = join(work, 'consumer');
const run = (cmd, args, cwd = root, env = {}) =>
  execFileSync(cmd, args, { cwd, stdio: 'inherit', env: { ...process.env, ...env } });

rmSync(work, { recursive: true, force: true });
mkdirSync(consumer, { recursive: true });

console.log('==> npm pack pkg/');
const packed = JSON.parse(execFileSync('npm', ['pack', join(root, 'pkg'), '--pack-destination', work, '--json'], { encoding: 'utf8' }));
const tarball = join(work, packed[0].filename);
console.log(`    ${packed[0].filename}: ${packed[0].size} B packed, ${packed[0].unpackedSize} B unpacked, ${packed[0].files.length} files`);

console.log('==> install the tarball into a fresh consumer project');
writeFileSync(join(consumer, 'package.json'), JSON.stringify({
  name: 'pipescore-consumer', private: true, type: 'module', dependencies: { pipescore: `file:${tarball}` },
}, null, 2));
run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], consumer);

console.log('==> copy the consumer sources (tests, TypeScript, Vite app, static page)');
cpSync(join(root, 'tests', 'js'), join(consumer, 'test'), { recursive: true });
cpSync(join(root, 'tests', 'package', 'consumer'), consumer, { recursive: true });

console.log('==> tsc --noEmit --strict against the packed types');
run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(consumer, 'tsconfig.json')]);
run(join(root, 'node_modules', '.bin', 'tsc'), ['-p', join(consumer, 'tsconfig.cjs.json')]);

console.log('==> vite build of a consumer app');
run(process.execPath, [join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], join(consumer, 'vite-app'));

console.log('==> node --test: Node ESM, Node CJS and browser tests');
const tests = readdirSync(join(consumer, 'test')).filter((f) => /\.test\.c?js$|\.test\.mjs$/.test(f)).map((f) => join(consumer, 'test', f));
run(process.execPath, ['--test', ...tests, join(root, 'tests', 'package', 'browser.test.mjs')], consumer, {
  PIPESCORE_CONSUMER: consumer, PIPESCORE_REPO: root,
});

// Where code can't be compiled from strings (a strict Content-Security-Policy, e.g. browser
// extensions), scores() takes its columnar path: the same tests again, there.
console.log('==> node --test scores.test.mjs without code generation from strings');
run(process.execPath, ['--test', join(consumer, 'test', 'scores.test.mjs')], consumer, {
  PIPESCORE_REPO: root, NODE_OPTIONS: '--disallow-code-generation-from-strings',
});
