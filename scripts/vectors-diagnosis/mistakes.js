// The JavaScript side of the diagnosis vectors: mistakes that Node and browser code really makes.
//
// Reads JSON lines {"id": N, "op": "...", ...} on stdin and answers {"id": N, "value": "..."} per line.
// Byte arguments are lowercase hex: timestamp, domainKey, plaintext, salt. Node's crypto module does the
// work (CryptoJS's passphrase mode is rebuilt from its definition: OpenSSL's EVP_BytesToKey with MD5);
// nothing here calls xiaoa-crypto.
'use strict';
const crypto = require('crypto');
const readline = require('readline');

const IV = Buffer.from('1234567890123456');

const md5hex = (data) => crypto.createHash('md5').update(data).digest('hex');
// Java's new BigInteger(1, digest).toString(16), in JavaScript: leading zeros vanish.
const md5bigint = (data) => BigInt('0x' + md5hex(data)).toString(16);

// PHP's key rule (zero-pad to 16 bytes), which these clients get right unless the op says otherwise.
const phpKey = (text) => {
  const key = Buffer.alloc(16);
  Buffer.from(text).copy(key, 0, 0, 16);
  return key;
};

function encrypt(algorithm, key, iv, plaintext) {
  const cipher = crypto.createCipheriv(algorithm, key, iv);
  return Buffer.concat([cipher.update(plaintext), cipher.final()]);
}

// CryptoJS.AES.encrypt(text, "passphrase"): EVP_BytesToKey(MD5, 1 round) -> 32-byte key + 16-byte IV,
// AES-256-CBC, output "Salted__" + salt + ciphertext in base64.
function cryptoJsPassphrase(plaintext, passphrase, salt) {
  let material = Buffer.alloc(0);
  let block = Buffer.alloc(0);
  while (material.length < 48) {
    block = crypto.createHash('md5').update(Buffer.concat([block, Buffer.from(passphrase), salt])).digest();
    material = Buffer.concat([material, block]);
  }
  const ct = encrypt('aes-256-cbc', material.subarray(0, 32), material.subarray(32, 48), plaintext);
  return Buffer.concat([Buffer.from('Salted__'), salt, ct]).toString('base64');
}

function answer(req) {
  const t = Buffer.from(req.timestamp || '', 'hex');
  const k = Buffer.from(req.domainKey || '', 'hex');
  const p = Buffer.from(req.plaintext || '', 'hex');
  const keyText = req.keyText === undefined ? 'xiaoa' : req.keyText;
  const input = Buffer.concat([t, k]);
  switch (req.op) {
    // ---------------------------------------------------------------------------------------- sign
    case 'sign.substring8to10':       // substring(8, 10) taken for (offset, length)
      return md5hex(md5hex(input)).substring(8, 10);
    case 'sign.toUpperCase':          // the hex upper-cased at the end
      return md5hex(md5hex(input)).substring(8, 18).toUpperCase();
    case 'sign.bigintInner':          // md5 #1 through a big integer, then hashed again
      return md5hex(md5bigint(input)).substring(8, 18);
    case 'sign.bigintOuter':          // md5 #2 through a big integer, then cut
      return md5bigint(md5hex(input)).substring(8, 18);
    case 'sign.dateNow': {            // timestamp = String(Date.now()): milliseconds, signed as sent
      const timestamp = String(req.nowMs);
      return md5hex(md5hex(Buffer.concat([Buffer.from(timestamp), k]))).substring(8, 18);
    }
    case 'sign.dateNowMixed': {       // seconds sent, but the sign made with a fresh Date.now()
      const signed = String(req.nowMs);
      return md5hex(md5hex(Buffer.concat([Buffer.from(signed), k]))).substring(8, 18);
    }
    case 'sign.templateSeparator':    // `${timestamp}_${domainKey}`
      return md5hex(md5hex(`${t.toString()}_${k.toString()}`)).substring(8, 18);
    case 'sign.swappedTemplate':      // `${domainKey}${timestamp}`
      return md5hex(md5hex(Buffer.concat([k, t]))).substring(8, 18);

    // ------------------------------------------------------------------------------------ password
    case 'password.ecb':              // aes-128-ecb: no IV
      return encrypt('aes-128-ecb', phpKey(keyText), null, p).toString('base64');
    case 'password.bufferAllocKey':   // Buffer.alloc(16, key) repeats the key text to fill 16 bytes
      return encrypt('aes-128-cbc', Buffer.alloc(16, keyText), IV, p).toString('base64');
    case 'password.md5Key':           // md5 digest of the key as the AES key
      return encrypt('aes-128-cbc', crypto.createHash('md5').update(keyText).digest(), IV, p).toString('base64');
    case 'password.cryptoJs':         // CryptoJS.AES.encrypt(password, "xiaoa")
      return cryptoJsPassphrase(p, keyText, Buffer.from(req.salt, 'hex'));
    case 'password.encodeURIComponent': // percent-encoded, then put into a JSON body as it is
      return JSON.parse(JSON.stringify({ password: encodeURIComponent(encrypt('aes-128-cbc', phpKey(keyText), IV, p).toString('base64')) })).password;
    case 'password.base64url':        // Buffer's 'base64url': URL-safe alphabet and no '=' padding
      return encrypt('aes-128-cbc', phpKey(keyText), IV, p).toString('base64url');
    case 'password.vendorKey':        // the right cipher with the vendor's key, whatever key the reader expects
      return encrypt('aes-128-cbc', phpKey('xiaoa'), IV, p).toString('base64');
    default:
      throw new Error(`unknown op ${req.op}`);
  }
}

const rl = readline.createInterface({ input: process.stdin, terminal: false });
const out = [];
rl.on('line', (line) => {
  if (!line) return;
  const req = JSON.parse(line);
  out.push(JSON.stringify({ id: req.id, value: answer(req) }));
});
rl.on('close', () => process.stdout.write(out.map((l) => l + '\n').join('')));
