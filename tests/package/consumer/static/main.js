// A plain <script type="module"> page, served statically, importing the package's browser
// entry by URL (no bundler, no import map).
import { runChecks } from '../test/browser-checks.js';
import * as pipescore from '../node_modules/pipescore/web.js';

document.getElementById('out').textContent = JSON.stringify(runChecks(pipescore));
