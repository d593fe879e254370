'use strict';
(function () {
  const $ = (id) => document.getElementById(id);

  // ---- DOM helpers: text only, never HTML from the server ----
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'class') node.className = value; else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children.flat(Infinity)) {
      if (child === undefined || child === null || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function announce(text) {
    const status = $('copy-status');
    status.textContent = '';
    setTimeout(() => { status.textContent = text; }, 30);
  }

  async function writeClipboard(text) {
    if (navigator.clipboard && window.isSecureContext) {
      try { await navigator.clipboard.writeText(text); return true; } catch (e) { /* fall back below */ }
    }
    const area = el('textarea', { 'aria-hidden': 'true', class: 'offscreen', tabindex: '-1' });
    area.value = text;
    document.body.append(area);
    area.select();
    let done = false;
    try { done = document.execCommand('copy'); } catch (e) { done = false; }
    area.remove();
    return done;
  }

  function copyButton(value, what) {
    const button = el('button', { type: 'button', class: 'copy', 'aria-label': 'Copy ' + what, 'data-copy': value }, 'Copy');
    button.addEventListener('click', async () => {
      const ok = await writeClipboard(value);
      button.textContent = ok ? 'Copied' : 'Copy failed';
      button.classList.toggle('done', ok);
      announce(ok ? what + ' copied' : 'could not copy ' + what);
      setTimeout(() => { button.textContent = 'Copy'; button.classList.remove('done'); }, 1500);
    });
    return button;
  }

  // A value with its copy button. `content` may be richer than the copied text (highlights).
  function value(field, text, what, content) {
    return [el('code', { 'data-field': field }, content === undefined ? text : content), copyButton(text, what || field)];
  }

  function kv(rows) {
    const list = el('dl', { class: 'kv' });
    for (const row of rows) {
      if (!row) continue;
      const [label, content, note] = row;
      list.append(el('dt', null, label), el('dd', null, content, note ? el('span', { class: 'note' }, note) : null));
    }
    return list;
  }

  function notes(items) {
    if (!items || items.length === 0) return null;
    return el('div', { class: 'notes' }, el('ul', null, items.map((item) => el('li', null, item))));
  }

  function show(box, ...children) {
    box.replaceChildren(...children.flat(Infinity).filter((c) => c));
    box.hidden = false;
  }

  function showError(box, problem) {
    const hints = (problem.hints || []).map((hint) => el('li', null, hint));
    show(box, el('p', { class: 'error-message' }, problem.error || String(problem)), hints.length ? el('ul', { class: 'hints' }, hints) : null);
  }

  // ---- The JSON endpoints ----
  async function api(path, payload) {
    const init = payload === undefined
      ? { method: 'GET', headers: { Accept: 'application/json' } }
      : { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(payload) };
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw { error: 'the server did not answer', hints: ['is xiaoa-crypto serve still running?'] };
    }
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (!response.ok || data === null) {
      throw { error: (data && data.error) || ('the server answered HTTP ' + response.status), hints: (data && data.hints) || [] };
    }
    return data;
  }

  // Runs `work` for a form: clears the old error, shows the new one, keeps the button usable.
  function wire(form, errorBox, resultBox, work) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      form.setAttribute('aria-busy', 'true');
      try {
        const content = await work();
        errorBox.hidden = true;
        errorBox.replaceChildren();
        show(resultBox, content);
      } catch (problem) {
        resultBox.hidden = true;
        showError(errorBox, problem);
      } finally {
        if (button) button.disabled = false;
        form.removeAttribute('aria-busy');
      }
    });
  }

  // ---- Panes ----
  const panes = ['sign', 'cipher', 'verify', 'capture', 'recent'];
  function select(name) {
    if (!panes.includes(name)) name = 'sign';
    for (const pane of panes) {
      $(pane).classList.toggle('active', pane === name);
      const tab = $('tab-' + pane);
      if (pane === name) tab.setAttribute('aria-current', 'page'); else tab.removeAttribute('aria-current');
    }
    if (name === 'recent') refreshRecent();
  }
  window.addEventListener('hashchange', () => select(location.hash.slice(1)));

  // ---- Sign ----
  const nowSeconds = () => String(Math.floor(Date.now() / 1000));
  $('sign-timestamp').value = nowSeconds();
  $('sign-now').addEventListener('click', () => { $('sign-timestamp').value = nowSeconds(); $('sign-timestamp').focus(); });
  wire($('sign-form'), $('sign-error'), $('sign-result'), async () => {
    const data = await api('/console/api/sign', { timestamp: $('sign-timestamp').value, domain_key: $('sign-domain-key').value });
    const second = data.md5_second, start = data.offset, end = data.offset + data.length;
    const cut = [second.slice(0, start), el('mark', null, second.slice(start, end)), second.slice(end)];
    return [
      el('div', { class: 'answer' }, el('span', { class: 'name' }, 'sign'), value('sign', data.sign, 'sign')),
      kv([
        ['timestamp', value('timestamp', data.timestamp, 'timestamp')],
        ['domain_key', value('domain_key', data.domain_key, 'domain key')],
        ['input', value('input', data.input, 'input'), 'timestamp . domain_key, ' + data.input_bytes + ' bytes'],
        ['md5 #1', value('md5_first', data.md5_first, 'md5 #1'), 'md5 of the input, lowercase hex'],
        ['md5 #2', value('md5_second', second, 'md5 #2', cut), 'md5 of the 32-character md5 #1 text'],
        ['cut', el('code', { 'data-field': 'cut' }, second.slice(start, end)), 'characters ' + start + '..<' + end + ' of md5 #2'],
        ['JSON', value('public_parameters', data.public_parameters, 'public parameters'), 'the public parameters of a request body'],
      ]),
      notes(data.warnings),
    ];
  });

  // ---- Encrypt / decrypt ----
  function cipherParameters() {
    return {
      key: $('cipher-key').value, key_format: $('cipher-key-format').value,
      iv: $('cipher-iv').value, iv_format: $('cipher-iv-format').value,
    };
  }
  $('cipher-vendor').addEventListener('click', () => {
    $('cipher-key').value = 'xiaoa'; $('cipher-key-format').value = 'text';
    $('cipher-iv').value = '1234567890123456'; $('cipher-iv-format').value = 'text';
  });

  function paddedBlock(hex, blockIndex, plaintextBytes) {
    const parts = [];
    for (let i = 0; i < hex.length; i += 2) {
      const byte = hex.slice(i, i + 2);
      const isPad = blockIndex * 16 + i / 2 >= plaintextBytes;
      if (isPad) {
        const last = parts[parts.length - 1];
        if (last instanceof Node) last.textContent += byte; else parts.push(el('span', { class: 'pad' }, byte));
      } else {
        if (typeof parts[parts.length - 1] === 'string') parts[parts.length - 1] += byte; else parts.push(byte);
      }
    }
    return parts;
  }

  function cipherSteps(data, headline) {
    const blocks = data.padded_blocks.map((block, index) => [
      'padded block ' + (index + 1), value('padded_block_' + (index + 1), block, 'padded block ' + (index + 1), paddedBlock(block, index, data.plaintext_bytes)),
      index === data.padded_blocks.length - 1 ? 'PKCS#7: ' + data.padding_bytes + ' byte(s) of 0x' + data.padding_bytes.toString(16).padStart(2, '0') : null,
    ]);
    return [
      headline,
      kv([
        ['key', value('key_hex', data.key_hex, 'key'), 'hex, 16 bytes'],
        ['IV', value('iv_hex', data.iv_hex, 'IV'), 'hex, 16 bytes'],
        data.plaintext !== null ? ['plaintext', value('plaintext', data.plaintext, 'plaintext')] : null,
        ['plaintext hex', value('plaintext_hex', data.plaintext_hex, 'plaintext hex'), data.plaintext_bytes + ' bytes'],
        ...blocks,
        ['ciphertext', value('ciphertext_hex', data.ciphertext_hex, 'ciphertext hex'), 'hex'],
        ['base64', value('base64', data.base64, 'base64')],
      ]),
      notes(data.notes),
    ];
  }

  wire($('encrypt-form'), $('cipher-error'), $('cipher-result'), async () => {
    const data = await api('/console/api/encrypt', Object.assign(cipherParameters(), {
      plaintext: $('encrypt-plaintext').value, plaintext_format: $('encrypt-plaintext-format').value,
    }));
    return cipherSteps(data, el('div', { class: 'answer' }, el('span', { class: 'name' }, 'base64'), value('result', data.base64, 'base64')));
  });
  wire($('decrypt-form'), $('cipher-error'), $('cipher-result'), async () => {
    const data = await api('/console/api/decrypt', Object.assign(cipherParameters(), { ciphertext: $('decrypt-ciphertext').value }));
    const headline = data.plaintext !== null
      ? el('div', { class: 'answer' }, el('span', { class: 'name' }, 'plaintext'), value('result', data.plaintext, 'plaintext'))
      : el('div', { class: 'answer' }, el('span', { class: 'name' }, 'plaintext (hex, not UTF-8)'), value('result', data.plaintext_hex, 'plaintext hex'));
    return cipherSteps(data, headline);
  });

  // ---- Check a request ----
  function findingCard(finding) {
    const details = Object.entries(finding.details || {}).map(([key, text]) => [key, el('code', null, text)]);
    return el('article', { class: 'finding', 'data-finding': finding.id },
      el('div', { class: 'fid' }, el('code', null, finding.id)),
      el('p', { class: 'summary' }, finding.summary),
      finding.fix ? el('p', { class: 'fix' }, finding.fix) : null,
      details.length ? kv(details) : null);
  }

  function codeLine(code, message, meaning) {
    return el('div', { class: 'code-line ' + (code === 0 ? 'ok' : 'bad'), 'data-code': String(code) },
      el('span', { class: 'num' }, String(code)), el('span', { class: 'msg' }, message), el('span', { class: 'meaning' }, meaning));
  }

  wire($('verify-form'), $('verify-error'), $('verify-result'), async () => {
    const payload = { endpoint: $('verify-endpoint').value, body: $('verify-body').value };
    const keys = $('verify-keys').value.split(',').map((key) => key.trim()).filter((key) => key.length > 0);
    if (keys.length) payload.domain_keys = keys;
    const skew = $('verify-skew').value.trim();
    if (skew !== '') {
      if (!/^[0-9]+$/.test(skew)) throw { error: 'max skew must be a whole number of seconds', hints: ['leave it empty for the server\'s setting'] };
      payload.max_skew = Number(skew);
    }
    const data = await api('/console/api/verify-request', payload);
    const marks = { pass: 'ok', fail: 'FAIL', would_fail: 'would fail', skipped: '--' };
    const checks = el('ol', { class: 'checks' }, data.checks.map((check) =>
      el('li', { class: check.outcome, 'data-check': check.name },
        el('span', { class: 'mark' }, marks[check.outcome] || check.outcome),
        el('span', { class: 'cname' }, check.name),
        el('span', { class: 'detail' }, check.detail))));
    const expected = data.expected ? kv([
      ['string to sign', el('code', null, data.expected.input)],
      ['md5 #1', el('code', null, data.expected.md5_first)],
      ['md5 #2', el('code', null, data.expected.md5_second)],
      ['expected sign', value('expected_sign', data.expected.sign, 'expected sign')],
      data.expected.sign_received !== undefined ? ['sign received', el('code', null, data.expected.sign_received)] : null,
    ]) : null;
    const settings = 'domain keys: ' + (data.domain_keys === 'server' ? 'the server\'s' : 'as given')
      + ' · max skew: ' + (data.max_skew === null ? 'not checked' : data.max_skew + ' s') + ' · now: ' + data.now;
    return [
      codeLine(data.code, data.message, data.meaning),
      el('h3', null, 'Checks'), checks,
      el('h3', null, 'Findings'),
      data.findings.length ? data.findings.map(findingCard) : el('p', { class: 'empty' }, 'none: the request passes every check'),
      expected ? [el('h3', null, 'The sign the server expects'), expected] : null,
      el('p', { class: 'muted' }, settings),
    ];
  });

  // ---- Check a capture ----
  const captureLimit = 16 * 1024 * 1024;
  let capture = null; // { name, text } of the file chosen or dropped

  function readText(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject({ error: 'could not read ' + file.name, hints: [String(reader.error)] });
      reader.readAsText(file);
    });
  }

  // Reads the file in the browser and checks it at once.
  async function loadCapture(file) {
    if (!file) return;
    $('capture-file-name').textContent = file.name + ' (' + file.size + ' bytes)';
    if (file.size > captureLimit) {
      capture = null;
      $('capture-result').hidden = true;
      showError($('capture-error'), { error: file.name + ': the HAR is larger than 16 MiB',
        hints: ['check a larger capture with: xiaoa-crypto verify har FILE --domain-key KEY'] });
      return;
    }
    try {
      capture = { name: file.name, text: await readText(file) };
    } catch (problem) {
      capture = null;
      showError($('capture-error'), problem);
      return;
    }
    $('capture-form').requestSubmit();
  }

  $('capture-file').addEventListener('change', () => loadCapture($('capture-file').files[0]));
  const drop = $('capture-drop');
  for (const name of ['dragenter', 'dragover']) {
    drop.addEventListener(name, (event) => { event.preventDefault(); drop.classList.add('over'); });
  }
  drop.addEventListener('dragleave', () => drop.classList.remove('over'));
  drop.addEventListener('drop', (event) => {
    event.preventDefault();
    drop.classList.remove('over');
    const file = event.dataTransfer && event.dataTransfer.files[0];
    if (file) loadCapture(file);
  });
  // A file dropped beside the zone must not make the browser leave the console to show it.
  for (const name of ['dragover', 'drop']) {
    window.addEventListener(name, (event) => { if (!drop.contains(event.target)) event.preventDefault(); });
  }

  function codeBadge(code, field) {
    if (code === null || code === undefined) return el('span', { class: 'muted', 'data-field': field }, 'none');
    return el('span', { class: 'badge ' + (code === 0 ? 'ok' : 'bad'), 'data-field': field }, String(code));
  }

  function captureSummary(summary) {
    const parts = [summary.entries + ' entries: ' + summary.api + ' API call' + (summary.api === 1 ? '' : 's'),
      ' (' + summary.accepted + ' accepted, ' + summary.refused + ' refused'
      + (summary.disagreements ? ', ' + summary.disagreements + ' answer' + (summary.disagreements === 1 ? ' disagrees' : 's disagree') : '')
      + '), ' + summary.skipped + ' other' + (summary.skipped === 1 ? '' : 's') + ' skipped'];
    return el('div', { id: 'capture-summary', class: 'code-line ' + (summary.refused === 0 ? 'ok' : 'bad') },
      el('span', { class: 'msg' }, parts.join('')));
  }

  function captureEntry(entry) {
    const answered = entry.actual !== null && entry.actual !== undefined;
    // A well-formed request (0) answered with another code: the accounts decided, no disagreement.
    const differs = answered && entry.actual !== entry.predicted
      && (entry.predicted !== 0 || entry.findings.some((finding) => finding.id.startsWith('capture.')));
    const vs = differs ? '≠' : (answered && entry.actual !== entry.predicted ? '→' : '=');
    const vsTitle = differs ? 'the answer disagrees with the prediction'
      : (vs === '→' ? 'well-formed: the server\'s accounts and bindings decided' : null);
    const time = String(entry.started || '').replace('T', ' ').slice(0, 23);
    const row = el('tr', { class: 'entry' + (differs ? ' differs' : ''), 'data-index': String(entry.index),
      'data-predicted': String(entry.predicted), 'data-actual': answered ? String(entry.actual) : '' },
    el('td', { class: 'num' }, String(entry.index)),
    el('td', null, el('time', { datetime: entry.started, title: entry.started }, time)),
    el('td', null, el('code', null, entry.method)),
    el('td', { class: 'url' }, el('code', null, entry.url)),
    el('td', null, el('code', null, entry.endpoint)),
    el('td', { class: 'codes' }, codeBadge(entry.predicted, 'predicted'),
      el('span', { class: 'vs' + (differs ? ' differs' : ''), title: vsTitle }, vs),
      codeBadge(entry.actual, 'actual')));
    const rows = [row];
    if (entry.findings.length) {
      const findings = entry.findings.map((finding) => el('li', { 'data-finding': finding.id },
        el('code', { class: 'fid' }, finding.id), ' ', el('span', { class: 'summary' }, finding.summary),
        finding.fix ? el('div', { class: 'fix' }, finding.fix) : null));
      rows.push(el('tr', { class: 'entry-findings', 'data-index': String(entry.index) },
        el('td', { colspan: '6' }, el('ul', { class: 'req-findings' }, findings))));
    }
    return el('tbody', { class: differs ? 'differs' : null }, rows);
  }

  wire($('capture-form'), $('capture-error'), $('capture-result'), async () => {
    if (!capture) throw { error: 'choose or drop a HAR file first', hints: ['devtools: Save all as HAR; mitmproxy: --set hardump=FILE'] };
    const payload = { har: capture.text, show_secrets: $('capture-secrets').checked };
    const keys = $('capture-keys').value.split(',').map((key) => key.trim()).filter((key) => key.length > 0);
    if (keys.length) payload.domain_keys = keys;
    const skew = $('capture-skew').value.trim();
    if (skew !== '') {
      if (!/^[0-9]+$/.test(skew)) throw { error: 'max skew must be a whole number of seconds', hints: ['leave it empty for the server\'s setting'] };
      payload.max_skew = Number(skew);
    }
    const data = await api('/console/api/check-capture', payload);
    const head = el('thead', null, el('tr', null, ['#', 'Time', 'Method', 'URL', 'Endpoint', 'Predicted / actual'].map((name) => el('th', { scope: 'col' }, name))));
    const table = data.entries.length
      ? el('div', { class: 'table-scroll' }, el('table', { id: 'capture-entries', class: 'entries' }, head, data.entries.map(captureEntry)))
      : el('p', { class: 'empty' }, 'No API call in this capture: no URL ends in assoc/add, assoc/login, assoc/delete or assoc/update.');
    const settings = capture.name + ' · domain keys: ' + (keys.length ? 'as given' : 'the server\'s')
      + ' · max skew: ' + (skew === '' ? 'the server\'s' : skew + ' s') + ' · time of each entry: its startedDateTime';
    return [captureSummary(data.summary), table, el('p', { class: 'muted' }, settings)];
  });

  // ---- Recent requests ----
  let lastSeen = -1, newestShown = 0, recentBusy = false;
  function clock(iso) {
    const date = new Date(iso);
    return isNaN(date) ? iso : date.toLocaleTimeString([], { hour12: false });
  }
  function requestItem(entry, isNew) {
    const who = [];
    if (entry.domain_key) who.push('domain key ' + entry.domain_key);
    if (entry.c_username) who.push('c_username ' + entry.c_username);
    if (entry.user_name) who.push('user_name ' + entry.user_name);
    const findings = (entry.findings || []).map((finding) =>
      el('li', { 'data-finding': finding.id }, el('code', null, finding.id), ' ', finding.summary));
    // On the proxy: the code the request alone earns beside the one the upstream answered (null: none).
    const proxied = 'status' in entry, predicted = proxied && entry.predicted !== null;
    const answered = entry.code === null ? (entry.status ? 'HTTP ' + entry.status : '–') : String(entry.code);
    return el('li', { class: isNew ? 'new' : null, 'data-seq': String(entry.seq), 'data-code': String(entry.code),
      'data-predicted': predicted ? String(entry.predicted) : null },
      el('div', { class: 'req-head' },
        predicted ? el('span', { class: 'badge ' + (entry.predicted === 0 ? 'ok' : 'bad'), title: 'predicted by the proxy' },
          'predicted ' + String(entry.predicted)) : null,
        el('span', { class: 'badge ' + (entry.code === 0 ? 'ok' : 'bad'), title: proxied ? 'answered by the upstream' : null },
          (proxied ? 'upstream ' : '') + answered),
        el('code', null, entry.method + ' ' + entry.endpoint),
        el('span', null, entry.message || ''),
        el('time', { datetime: entry.time, class: 'muted' }, clock(entry.time)),
        el('span', { class: 'muted' }, entry.ms + ' ms')),
      who.length ? el('div', { class: 'req-meta' }, who.join(' · ')) : null,
      findings.length ? el('ul', { class: 'req-findings' }, findings) : null);
  }
  async function refreshRecent() {
    if (recentBusy) return;
    recentBusy = true;
    try {
      const data = await api('/console/api/recent');
      $('recent-error').hidden = true;
      if (data.last !== lastSeen) {
        const list = $('recent-list');
        const items = data.requests.map((entry) => requestItem(entry, lastSeen >= 0 && entry.seq > newestShown));
        if (items.length) list.replaceChildren(...items);
        else list.replaceChildren(el('li', { class: 'empty' }, 'No request yet. Send one to this server (POST /assoc/add, …) and it appears here.'));
        lastSeen = data.last;
        newestShown = data.last;
      }
      $('recent-status').textContent = data.requests.length + ' shown (of the last ' + data.capacity + ') · updated ' + new Date().toLocaleTimeString([], { hour12: false });
    } catch (problem) {
      showError($('recent-error'), problem);
    } finally {
      recentBusy = false;
    }
  }
  $('recent-refresh').addEventListener('click', refreshRecent);
  setInterval(() => {
    if ($('recent-auto').checked && $('recent').classList.contains('active') && !document.hidden) refreshRecent();
  }, 2000);

  // ---- Server settings ----
  api('/console/api/server').then((server) => {
    $('server-info').textContent = 'Stand-in for the Xiao A API: the same code as the command line. '
      + server.domain_keys + ' domain key' + (server.domain_keys === 1 ? '' : 's') + ' known · max skew '
      + (server.max_skew === null ? 'not checked' : server.max_skew + ' s') + (server.explain ? ' · --explain on' : '');
  }).catch(() => {});

  document.documentElement.classList.add('js');
  select(location.hash.slice(1));
})();
