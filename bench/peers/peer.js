// Node peer for scripts/bench: node:crypto, the same line formats as xiaoa-crypto --batch.
"use strict";
const crypto = require("crypto");
const readline = require("readline");
const KEY = Buffer.concat([Buffer.from("xiaoa"), Buffer.alloc(11)]);
const IV = Buffer.from("1234567890123456");
const mode = process.argv[2];
const md5 = (b) => crypto.createHash("md5").update(b).digest("hex");
const chunks = [];
let size = 0;
const flush = () => { process.stdout.write(chunks.join("")); chunks.length = 0; size = 0; };
const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on("line", (line) => {
  let out;
  if (mode === "sign") {
    const tab = line.indexOf("\t");
    out = md5(Buffer.from(md5(Buffer.from(line.slice(0, tab) + line.slice(tab + 1), "utf8")))).slice(8, 18);
  } else if (mode === "encrypt") {
    const c = crypto.createCipheriv("aes-128-cbc", KEY, IV);
    out = Buffer.concat([c.update(line, "utf8"), c.final()]).toString("base64");
  } else {
    const d = crypto.createDecipheriv("aes-128-cbc", KEY, IV);
    out = Buffer.concat([d.update(Buffer.from(line, "base64")), d.final()]).toString("utf8");
  }
  chunks.push(out + "\n");
  if (++size >= 10000) flush();
});
rl.on("close", flush);
