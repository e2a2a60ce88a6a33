// Front page: shows the version of the package the demo runs on.
import { version } from './pkg/web.js';

document.getElementById('version').textContent = version();
