#!/usr/bin/env node
// The Xiao A API's sign and password cipher in Node.js (node:crypto only), and a checker for vector files.
//
//   node xiaoa.js sign TIMESTAMP DOMAIN_KEY   -> the 10-character sign
//   node xiaoa.js encrypt TEXT                -> base64 ciphertext (vendor key and IV)
//   node xiaoa.js decrypt BASE64              -> plaintext
//   node xiaoa.js check FILE...               -> "node: N passed, M failed" over sign/password vector files
'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');

const KEY_TEXT = Buffer.from('xiaoa', 'utf8');
const IV = Buffer.from('1234567890123456', 'utf8');

const md5hex = (data) => crypto.createHash('md5').update(data).digest('hex'); // lowercase, like PHP's md5()

/** substr(md5(md5(timestamp . domain_key)), 8, 10); timestamp and domainKey are Buffers (or UTF-8 strings). */
function sign(timestamp, domainKey) {
  // Trap: concatenate bytes. update(string, 'binary') or 'latin1' would hash non-ASCII keys wrongly; a plain
  // string is hashed as UTF-8, which is right, but Buffers say so explicitly.
  const first = md5hex(Buffer.concat([Buffer.from(timestamp), Buffer.from(domainKey)]));
  // Trap: PHP's substr($s, 8, 10) is (start, length). JavaScript's substring/slice take (start, end):
  // substring(8, 18). (The deprecated String.prototype.substr(8, 10) happens to match PHP.)
  return md5hex(first).substring(8, 18);
}

function verify(candidate, timestamp, domainKey) {
  const a = Buffer.from(candidate, 'utf8');
  const b = Buffer.from(sign(timestamp, domainKey), 'utf8');
  return a.length === b.length && crypto.timingSafeEqual(a, b); // exact: no toLowerCase(), no trim()
}

/** The 16 key bytes PHP makes of a text key: cut to 16, padded with NUL bytes. */
function phpKey(keyText) {
  // Trap: createCipheriv('aes-128-cbc', ...) throws "Invalid key length" for 'xiaoa'; PHP pads silently.
  const key = Buffer.alloc(16); // zero-filled
  Buffer.from(keyText).copy(key, 0, 0, 16);
  return key;
}

function encrypt(plaintext, key = phpKey(KEY_TEXT), iv = IV) {
  const cipher = crypto.createCipheriv('aes-128-cbc', key, iv); // PKCS#7 padding is on by default
  return Buffer.concat([cipher.update(plaintext), cipher.final()]).toString('base64');
}

/** The plaintext Buffer; throws for anything but strict base64 of whole blocks with valid padding. */
function decrypt(text, key = phpKey(KEY_TEXT), iv = IV) {
  // Trap: Buffer.from(s, 'base64') never throws. It skips invalid characters, accepts the URL-safe alphabet and
  // missing padding. Strict means: encoding the decoded bytes gives back exactly the text.
  const ciphertext = Buffer.from(text, 'base64');
  if (ciphertext.toString('base64') !== text) throw new Error('not strict base64');
  if (ciphertext.length === 0 || ciphertext.length % 16 !== 0) throw new Error(`ciphertext of ${ciphertext.length} bytes`);
  const decipher = crypto.createDecipheriv('aes-128-cbc', key, iv);
  return Buffer.concat([decipher.update(ciphertext), decipher.final()]); // final() throws on bad padding
}

// --- checking vector files (schema: Vectors/README.md) ---

function checkSign(group, t) {
  const ts = Buffer.from(t.timestamp, 'hex');
  const dk = Buffer.from(t.domainKey, 'hex');
  const first = md5hex(Buffer.concat([ts, dk]));
  const second = md5hex(first);
  if (first !== t.md5First || second !== t.md5Second) return `md5s are ${first} ${second}`;
  const accepted = verify(t.sign, ts, dk);
  if (t.result === 'valid') {
    if (sign(ts, dk) !== t.sign || !accepted) return `sign is ${sign(ts, dk)}, expected ${t.sign}`;
  } else if (t.result === 'acceptable') {
    // The empty domain key, which the API never assigns: only the math is checked.
    if (sign(ts, dk) !== t.sign) return `sign is ${sign(ts, dk)}, expected ${t.sign}`;
  } else if (t.result !== 'invalid') {
    return `unknown result ${JSON.stringify(t.result)}`;
  } else if (accepted) {
    return `verify accepted the wrong sign ${JSON.stringify(t.sign)}`;
  }
  return null;
}

function checkPassword(group, t) {
  const key = Buffer.from(group.key, 'hex');
  const iv = Buffer.from(group.iv, 'hex');
  if (group.keyText !== null && !phpKey(Buffer.from(group.keyText, 'hex')).equals(key)) return 'key text does not pad to key';
  if (t.result === 'valid') {
    const msg = Buffer.from(t.msg, 'hex');
    const got = encrypt(msg, key, iv);
    if (got !== t.base64 || Buffer.from(got, 'base64').toString('hex') !== t.ct) return `encrypt gave ${got}, expected ${t.base64}`;
    let plain;
    try { plain = decrypt(t.base64, key, iv); } catch (e) { return `decrypt failed: ${e.message}`; }
    return plain.equals(msg) ? null : `decrypt gave ${plain.toString('hex')}`;
  }
  try { decrypt(t.base64, key, iv); } catch (e) { return null; }
  return 'decrypt accepted an invalid ciphertext';
}

function checkFile(path) {
  const doc = JSON.parse(fs.readFileSync(path, 'utf8'));
  const checker = { xiaoa_sign_v1: checkSign, xiaoa_password_v1: checkPassword }[doc.schema];
  if (!checker) throw new Error(`${path}: unknown schema ${JSON.stringify(doc.schema)}`);
  const cases = doc.testGroups.flatMap((g) => g.tests.map((t) => [g, t]));
  if (cases.length !== doc.numberOfTests) throw new Error(`${path}: numberOfTests is ${doc.numberOfTests}, the file has ${cases.length}`);
  let passed = 0;
  let failed = 0;
  for (const [group, t] of cases) {
    const problem = checker(group, t);
    if (problem === null) { passed++; continue; }
    if (++failed <= 5) console.log(`  ${path} tcId ${t.tcId} ${JSON.stringify(t.flags)}: ${problem}`);
  }
  console.log(`  ${path}: ${passed} passed, ${failed} failed`);
  return [passed, failed];
}

function main(args) {
  const [command, ...rest] = args;
  if (command === 'check' && rest.length > 0) {
    let passed = 0;
    let failed = 0;
    for (const path of rest) { const [p, f] = checkFile(path); passed += p; failed += f; }
    console.log(`node: ${passed} passed, ${failed} failed`);
    return failed ? 1 : 0;
  }
  if (command === 'sign' && rest.length === 2) { console.log(sign(rest[0], rest[1])); return 0; }
  if (command === 'encrypt' && rest.length === 1) { console.log(encrypt(Buffer.from(rest[0], 'utf8'))); return 0; }
  if (command === 'decrypt' && rest.length === 1) {
    try { process.stdout.write(Buffer.concat([decrypt(rest[0]), Buffer.from('\n')])); return 0; } catch (e) {
      console.error(`error: cannot decrypt: ${e.message}`);
      return 65;
    }
  }
  console.error('usage: xiaoa.js sign TIMESTAMP DOMAIN_KEY | encrypt TEXT | decrypt BASE64 | check FILE...');
  return 64;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
module.exports = { sign, verify, phpKey, encrypt, decrypt };
