// Checks run inside the browser by the Vite app and the static page (tests/package/consumer),
// given the imported package module. Returns plain data the browser test asserts on.
export function runChecks(pipescore) {
  const result = { version: pipescore.version() };
  return result;
}
