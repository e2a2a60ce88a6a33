// Type-checked with `tsc --strict` against the packed package (tests/package/run.mjs).
// It is never run: it proves that the published .d.ts describes the API precisely.
import { version, PipescoreError, PipescoreConfigError, PipescoreInputError } from 'pipescore';

const v: string = version();

function describe(err: unknown): string {
  if (err instanceof PipescoreConfigError || err instanceof PipescoreInputError) {
    const code: string = err.code;
    const path: string = err.path;
    return `${err.name} ${code} at ${path}: ${err.message}`;
  }
  return err instanceof PipescoreError ? err.message : String(err);
}

export { v, describe };
