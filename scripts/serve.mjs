// A small static server for the demo and the browser tests: www/ at / (the package build is
// copied to www/pkg/ by `make pkg`). Every response carries the strict Content-Security-Policy the widgets must work
// under. Usage: node scripts/serve.mjs [--port 8080] [--host 127.0.0.1]
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under `base`, refusing paths that climb out of it. */
function resolve(urlPath, base) {
  const path = decodeURIComponent(urlPath.split('?')[0]);
  const file = normalize(join(base, path.slice(1)));
  if (file !== base && !file.startsWith(base + sep)) return null;
  if (existsSync(file) && statSync(file).isDirectory()) return join(file, 'index.html');
  return file;
}

/** Starts the server; resolves with it once listening (port 0 picks a free port). */
export function serve({ port = 8080, host = '127.0.0.1', wwwDir = join(root, 'www') } = {}) {
  const server = createServer((req, res) => {
    const file = resolve(req.url, wwwDir);
    if (!file || !existsSync(file)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] || 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((done) => server.listen(port, host, () => done(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const arg = (name, fallback) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : fallback;
  };
  const server = await serve({ port: Number(arg('port', 8080)), host: arg('host', '127.0.0.1') });
  const { address, port } = server.address();
  console.log(`pipescore demo on http://${address}:${port}/  (Ctrl-C to stop)`);
}
