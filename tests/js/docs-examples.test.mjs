// The examples of README.md, docs/*.md and the npm package's README (pkg-template/README.md),
// run against the installed package.
//
// A code block runs when the line before its opening fence is `<!-- run -->` (an ES module) or
// `<!-- run: cjs -->` (CommonJS). When a later block, before the next runnable one, is marked
// `<!-- output -->`, the example must print exactly that (trailing spaces and blank lines at the
// ends aside). Every js block of README.md must be runnable; elsewhere only marked blocks run.
// Needs PIPESCORE_REPO (the repository) and runs inside the consumer project, so
// `import 'pipescore'` resolves to the packed package.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import test from 'node:test';

const repo = process.env.PIPESCORE_REPO;
const work = join(process.cwd(), 'doc-examples');

/**
 * The fenced blocks of a Markdown text: `{ line, info, code, marker }`, `marker` being the
 * HTML comment on the line before the fence (`run`, `run: cjs`, `output`) or null.
 */
export function fencedBlocks(text) {
  const lines = text.split('\n');
  const blocks = [];
  for (let i = 0; i < lines.length; i++) {
    const open = lines[i].match(/^(`{3,})(.*)$/);
    if (!open) continue;
    const end = lines.findIndex((l, j) => j > i && l.startsWith(open[1]) && l.trim() === open[1]);
    if (end < 0) throw new Error(`line ${i + 1}: a code block is never closed`);
    const marker = i > 0 ? lines[i - 1].match(/^<!--\s*(run(?::\s*cjs)?|output)\s*-->\s*$/)?.[1].replace(/\s+/g, ' ') ?? null : null;
    blocks.push({ line: i + 1, info: open[2].trim().split(/\s+/)[0], code: lines.slice(i + 1, end).join('\n'), marker });
    i = end;
  }
  return blocks;
}

/** The runnable examples of a Markdown text, each with the output it must print (or null). */
export function examples(text) {
  const out = [];
  for (const block of fencedBlocks(text)) {
    if (block.marker === 'run' || block.marker === 'run: cjs') {
      out.push({ line: block.line, cjs: block.marker === 'run: cjs', code: block.code, output: null });
    } else if (block.marker === 'output') {
      const last = out.at(-1);
      if (!last || last.output !== null) throw new Error(`line ${block.line}: an output block without an example before it`);
      last.output = block.code;
    }
  }
  return out;
}

const tidy = (text) => text.split('\n').map((l) => l.trimEnd()).join('\n').trim();

/** The Markdown files whose examples run: README.md, docs/*.md and the npm package's README. */
function documents() {
  assert.ok(repo, 'PIPESCORE_REPO must name the repository (tests/package/run.mjs sets it)');
  const docs = readdirSync(join(repo, 'docs')).filter((f) => f.endsWith('.md')).sort().map((f) => join('docs', f));
  return ['README.md', ...docs, 'pkg-template/README.md'].map((file) => ({ file, text: readFileSync(join(repo, file), 'utf8') }));
}

test('every js code block of README.md runs as an example', () => {
  const readme = readFileSync(join(repo ?? '', 'README.md'), 'utf8');
  const unmarked = fencedBlocks(readme).filter((b) => /^(js|javascript|mjs|cjs)$/.test(b.info) && !b.marker?.startsWith('run'));
  assert.deepEqual(unmarked.map((b) => `README.md:${b.line}`), [], 'mark these blocks <!-- run --> (or make them runnable)');
});

for (const { file, text } of documents()) {
  for (const example of examples(text)) {
    test(`${file}:${example.line} runs${example.output === null ? '' : ' and prints what the document shows'}`, () => {
      mkdirSync(work, { recursive: true });
      const script = join(work, `${file.replace(/[/.]/g, '_')}_${example.line}.${example.cjs ? 'cjs' : 'mjs'}`);
      writeFileSync(script, `${example.code}\n`);
      let stdout;
      try {
        stdout = execFileSync(process.execPath, [script], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      } catch (error) {
        assert.fail(`${file}:${example.line} failed:\n${error.stderr || error.message}`);
      }
      if (example.output !== null) assert.equal(tidy(stdout), tidy(example.output));
    });
  }
}
