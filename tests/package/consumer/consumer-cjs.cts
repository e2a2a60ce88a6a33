// The CommonJS view of the same types (resolved through the "require" condition).
import pipescore = require('pipescore');

const v: string = pipescore.version();
export = v;
