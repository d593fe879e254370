// RFC 8785 in a few lines of node, as an independent reference for the Swift tests.
// stdin: a JSON array of strings, each one JSON text. stdout: the canonical form of each, one per line.
// JSON.stringify prints numbers and strings exactly as RFC 8785 asks (it was written to match), and the default
// Array.prototype.sort compares strings by UTF-16 code units, which is RFC 8785's key order.
'use strict';
const fs = require('fs');

function canonicalize(value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) throw new Error('non-finite number');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return '[' + value.map(canonicalize).join(',') + ']';
  return '{' + Object.keys(value).sort().map((k) => JSON.stringify(k) + ':' + canonicalize(value[k])).join(',') + '}';
}

const documents = JSON.parse(fs.readFileSync(0, 'utf8'));
process.stdout.write(documents.map((text) => canonicalize(JSON.parse(text)) + '\n').join(''));
