// Browser and bundler entry. The .wasm file is fetched from next to this module
// (`new URL(..., import.meta.url)`, which Vite, webpack 5, Parcel and plain browsers all
// resolve); top-level await means everything is ready once the import resolves.
import init from './pipescore.js';

await init({ module_or_path: new URL('./pipescore_bg.wasm', import.meta.url) });

export * from './api.js';
