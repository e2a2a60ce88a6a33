// A consumer app bundled by Vite: imports the package by name, unmodified.
import { runChecks } from '../test/browser-checks.js';
import * as pipescore from 'pipescore';

document.getElementById('out').textContent = JSON.stringify(runChecks(pipescore));
