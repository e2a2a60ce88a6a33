// The one place the widgets import pipescore from. The demo serves the package build at
// /pkg/ (`make pkg` copies it to www/pkg/). With a bundler and the npm package, replace the
// line below with:  export * from 'pipescore';
export * from '../pkg/web.js';
