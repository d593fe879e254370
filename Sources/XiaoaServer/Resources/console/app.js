'use strict';
(function () {
  const $ = (id) => document.getElementById(id);
  // The page's words in the chosen language, the switch and the catalogue: i18n.js.
  const I18n = window.XiaoaI18n;
  const t = I18n.t;

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
    const button = el('button', { type: 'button', class: 'copy', 'aria-label': t('copy.label', { what }), 'data-copy': value },
      t('copy.button'));
    button.addEventListener('click', async () => {
      const ok = await writeClipboard(value);
      button.textContent = ok ? t('copy.done') : t('copy.failed');
      button.classList.toggle('done', ok);
      announce(ok ? t('copy.announceDone', { what }) : t('copy.announceFailed', { what }));
      setTimeout(() => { button.textContent = t('copy.button'); button.classList.remove('done'); }, 1500);
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

  // A problem found in the page: its words are looked up when shown, so a language switch rewords it.
  function fault(key, args, hintKeys) {
    return { key, args, hintKeys: hintKeys || [] };
  }

  function showError(box, problem) {
    const message = problem.key ? t(problem.key, problem.args) : problem.error || String(problem);
    const hintTexts = (problem.key ? problem.hintKeys.map((hint) => t(hint, problem.args)) : []).concat(problem.hints || []);
    const hints = hintTexts.map((hint) => el('li', null, hint));
    show(box, el('p', { class: 'error-message' }, message), hints.length ? el('ul', { class: 'hints' }, hints) : null);
  }

  // ---- The JSON endpoints ----
  // Every call asks for the chosen language: the server words its findings, errors and check details in it.
  async function api(path, payload) {
    const headers = { Accept: 'application/json', 'Accept-Language': I18n.language() };
    const init = payload === undefined
      ? { method: 'GET', headers }
      : { method: 'POST', headers: Object.assign({ 'Content-Type': 'application/json' }, headers), body: JSON.stringify(payload) };
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      throw fault('error.noAnswer', null, ['error.noAnswerHint']);
    }
    let data = null;
    try { data = await response.json(); } catch (e) { data = null; }
    if (data === null) throw fault('error.http', { status: response.status });
    if (!response.ok) {
      if (!data.error) throw fault('error.http', { status: response.status });
      throw { error: data.error, hints: data.hints || [] };
    }
    return data;
  }

  // What each result box shows: the last call (path, payload, render) or the page's own problem. A language
  // switch shows it again: the call is made again (the server answers in the new language), the problem reworded.
  const outcomes = new Map(); // result box -> { errorBox, outcome }

  async function present(errorBox, resultBox, outcome) {
    outcomes.set(resultBox, { errorBox, outcome });
    const current = () => outcomes.get(resultBox).outcome === outcome; // a newer outcome took its place
    try {
      if (outcome.problem) throw outcome.problem;
      const content = outcome.call.render(await api(outcome.call.path, outcome.call.payload));
      if (!current()) return;
      errorBox.hidden = true;
      errorBox.replaceChildren();
      show(resultBox, content);
    } catch (problem) {
      if (!current()) return;
      resultBox.hidden = true;
      showError(errorBox, problem);
    }
  }

  // On submit, `prepare` reads the form into a call ({ path, payload, render(data) }) or throws a fault; the
  // call's answer or the problem is shown, and the button stays usable.
  function wire(form, errorBox, resultBox, prepare) {
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      if (button) button.disabled = true;
      form.setAttribute('aria-busy', 'true');
      let outcome;
      try { outcome = { call: prepare() }; } catch (problem) { outcome = { problem }; }
      try {
        await present(errorBox, resultBox, outcome);
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
  wire($('sign-form'), $('sign-error'), $('sign-result'), () => ({
    path: '/console/api/sign',
    payload: { timestamp: $('sign-timestamp').value, domain_key: $('sign-domain-key').value },
    render: signSteps,
  }));
  function signSteps(data) {
    const second = data.md5_second, start = data.offset, end = data.offset + data.length;
    const cut = [second.slice(0, start), el('mark', null, second.slice(start, end)), second.slice(end)];
    return [
      el('div', { class: 'answer' }, el('span', { class: 'name' }, 'sign'), value('sign', data.sign, 'sign')),
      kv([
        ['timestamp', value('timestamp', data.timestamp, 'timestamp')],
        ['domain_key', value('domain_key', data.domain_key, t('what.domainKey'))],
        ['input', value('input', data.input, 'input'), t('sign.inputNote', { bytes: data.input_bytes })],
        ['md5 #1', value('md5_first', data.md5_first, 'md5 #1'), t('sign.md5FirstNote')],
        ['md5 #2', value('md5_second', second, 'md5 #2', cut), t('sign.md5SecondNote')],
        [t('sign.cut'), el('code', { 'data-field': 'cut' }, second.slice(start, end)), t('sign.cutNote', { start, end })],
        ['JSON', value('public_parameters', data.public_parameters, t('what.publicParameters')), t('sign.jsonNote')],
      ]),
      notes(data.warnings),
    ];
  }

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
      t('cipher.paddedBlock', { n: index + 1 }),
      value('padded_block_' + (index + 1), block, t('cipher.paddedBlock', { n: index + 1 }), paddedBlock(block, index, data.plaintext_bytes)),
      index === data.padded_blocks.length - 1
        ? t('cipher.padding', { n: data.padding_bytes, hex: data.padding_bytes.toString(16).padStart(2, '0') }) : null,
    ]);
    return [
      headline,
      kv([
        [t('cipher.rowKey'), value('key_hex', data.key_hex, t('cipher.rowKey')), t('cipher.hex16')],
        [t('cipher.rowIv'), value('iv_hex', data.iv_hex, t('cipher.rowIv')), t('cipher.hex16')],
        data.plaintext !== null ? [t('cipher.plaintext'), value('plaintext', data.plaintext, t('cipher.plaintext'))] : null,
        [t('cipher.plaintextHex'), value('plaintext_hex', data.plaintext_hex, t('cipher.plaintextHex')),
          t('cipher.bytes', { n: data.plaintext_bytes })],
        ...blocks,
        [t('cipher.ciphertextRow'), value('ciphertext_hex', data.ciphertext_hex, t('cipher.ciphertextHex')), t('cipher.hex')],
        ['base64', value('base64', data.base64, 'base64')],
      ]),
      notes(data.notes),
    ];
  }

  wire($('encrypt-form'), $('cipher-error'), $('cipher-result'), () => ({
    path: '/console/api/encrypt',
    payload: Object.assign(cipherParameters(), {
      plaintext: $('encrypt-plaintext').value, plaintext_format: $('encrypt-plaintext-format').value,
    }),
    render: (data) => cipherSteps(data, el('div', { class: 'answer' }, el('span', { class: 'name' }, 'base64'), value('result', data.base64, 'base64'))),
  }));
  wire($('decrypt-form'), $('cipher-error'), $('cipher-result'), () => ({
    path: '/console/api/decrypt',
    payload: Object.assign(cipherParameters(), { ciphertext: $('decrypt-ciphertext').value }),
    render: (data) => {
      const headline = data.plaintext !== null
        ? el('div', { class: 'answer' }, el('span', { class: 'name' }, t('cipher.plaintext')), value('result', data.plaintext, t('cipher.plaintext')))
        : el('div', { class: 'answer' }, el('span', { class: 'name' }, t('cipher.plaintextNotUtf8')), value('result', data.plaintext_hex, t('cipher.plaintextHex')));
      return cipherSteps(data, headline);
    },
  }));

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

  wire($('verify-form'), $('verify-error'), $('verify-result'), () => {
    const payload = { endpoint: $('verify-endpoint').value, body: $('verify-body').value };
    const keys = $('verify-keys').value.split(',').map((key) => key.trim()).filter((key) => key.length > 0);
    if (keys.length) payload.domain_keys = keys;
    const skew = $('verify-skew').value.trim();
    if (skew !== '') {
      if (!/^[0-9]+$/.test(skew)) throw fault('error.skew', null, ['error.skewHint']);
      payload.max_skew = Number(skew);
    }
    return { path: '/console/api/verify-request', payload, render: verdict };
  });
  function verdict(data) {
    const marks = ['pass', 'fail', 'would_fail', 'skipped'];
    const checks = el('ol', { class: 'checks' }, data.checks.map((check) =>
      el('li', { class: check.outcome, 'data-check': check.name },
        el('span', { class: 'mark' }, marks.includes(check.outcome) ? t('verify.mark.' + check.outcome) : check.outcome),
        el('span', { class: 'cname' }, check.name),
        el('span', { class: 'detail' }, check.detail))));
    const expected = data.expected ? kv([
      [t('verify.stringToSign'), el('code', null, data.expected.input)],
      ['md5 #1', el('code', null, data.expected.md5_first)],
      ['md5 #2', el('code', null, data.expected.md5_second)],
      [t('verify.expectedSign'), value('expected_sign', data.expected.sign, t('verify.expectedSign'))],
      data.expected.sign_received !== undefined ? [t('verify.signReceived'), el('code', null, data.expected.sign_received)] : null,
    ]) : null;
    const settings = t('verify.settings', { given: data.domain_keys !== 'server', skew: data.max_skew, now: data.now });
    return [
      codeLine(data.code, data.message, data.meaning),
      el('h3', null, t('verify.checks')), checks,
      el('h3', null, t('verify.findings')),
      data.findings.length ? data.findings.map(findingCard) : el('p', { class: 'empty' }, t('verify.noFindings')),
      expected ? [el('h3', null, t('verify.expects')), expected] : null,
      el('p', { class: 'muted' }, settings),
    ];
  }

  // ---- Check a capture ----
  const captureLimit = 16 * 1024 * 1024;
  let capture = null; // { name, text } of the file chosen or dropped

  function readText(file) {
    return new Promise((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(String(reader.result));
      reader.onerror = () => reject({ key: 'capture.readError', args: { name: file.name }, hintKeys: [],
        hints: [String(reader.error)] });
      reader.readAsText(file);
    });
  }

  // Reads the file in the browser and checks it at once.
  let captureFile = null; // { name, size } of the file shown under the drop zone
  function showCaptureFile() {
    $('capture-file-name').textContent = captureFile ? t('capture.fileName', captureFile) : '';
  }

  async function loadCapture(file) {
    if (!file) return;
    captureFile = { name: file.name, size: file.size };
    showCaptureFile();
    if (file.size > captureLimit) {
      capture = null;
      await present($('capture-error'), $('capture-result'),
        { problem: fault('capture.tooLarge', { name: file.name }, ['capture.tooLargeHint']) });
      return;
    }
    try {
      capture = { name: file.name, text: await readText(file) };
    } catch (problem) {
      capture = null;
      await present($('capture-error'), $('capture-result'), { problem });
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
    if (code === null || code === undefined) return el('span', { class: 'muted', 'data-field': field }, t('capture.none'));
    return el('span', { class: 'badge ' + (code === 0 ? 'ok' : 'bad'), 'data-field': field }, String(code));
  }

  function captureSummary(summary) {
    return el('div', { id: 'capture-summary', class: 'code-line ' + (summary.refused === 0 ? 'ok' : 'bad') },
      el('span', { class: 'msg' }, t('capture.summary', summary)));
  }

  function captureEntry(entry) {
    const answered = entry.actual !== null && entry.actual !== undefined;
    // A well-formed request (0) answered with another code: the accounts decided, no disagreement.
    const differs = answered && entry.actual !== entry.predicted
      && (entry.predicted !== 0 || entry.findings.some((finding) => finding.id.startsWith('capture.')));
    const vs = differs ? '≠' : (answered && entry.actual !== entry.predicted ? '→' : '=');
    const vsTitle = differs ? t('capture.differs') : (vs === '→' ? t('capture.decided') : null);
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

  wire($('capture-form'), $('capture-error'), $('capture-result'), () => {
    if (!capture) throw fault('capture.noFile', null, ['capture.noFileHint']);
    const payload = { har: capture.text, show_secrets: $('capture-secrets').checked };
    const keys = $('capture-keys').value.split(',').map((key) => key.trim()).filter((key) => key.length > 0);
    if (keys.length) payload.domain_keys = keys;
    const skew = $('capture-skew').value.trim();
    if (skew !== '') {
      if (!/^[0-9]+$/.test(skew)) throw fault('error.skew', null, ['error.skewHint']);
      payload.max_skew = Number(skew);
    }
    const name = capture.name;
    return {
      path: '/console/api/check-capture', payload,
      render: (data) => {
        const head = el('thead', null, el('tr', null, t('capture.columns').split('|').map((column) => el('th', { scope: 'col' }, column))));
        const table = data.entries.length
          ? el('div', { class: 'table-scroll' }, el('table', { id: 'capture-entries', class: 'entries' }, head, data.entries.map(captureEntry)))
          : el('p', { class: 'empty' }, t('capture.empty'));
        const settings = t('capture.settings', { name, given: keys.length > 0, skew });
        return [captureSummary(data.summary), table, el('p', { class: 'muted' }, settings)];
      },
    };
  });

  // ---- Recent requests ----
  let lastSeen = -1, newestShown = 0, recentBusy = false, recentLanguage = null;
  function clock(iso) {
    const date = new Date(iso);
    return isNaN(date) ? iso : date.toLocaleTimeString(I18n.language(), { hour12: false });
  }
  function requestItem(entry, isNew) {
    const who = [];
    if (entry.domain_key) who.push(t('recent.domainKey', { key: entry.domain_key }));
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
        el('span', { class: 'muted' }, t('recent.ms', { ms: entry.ms }))),
      who.length ? el('div', { class: 'req-meta' }, who.join(' · ')) : null,
      findings.length ? el('ul', { class: 'req-findings' }, findings) : null);
  }
  async function refreshRecent() {
    if (recentBusy) return;
    recentBusy = true;
    try {
      const language = I18n.language();
      const data = await api('/console/api/recent');
      $('recent-error').hidden = true;
      if (data.last !== lastSeen || recentLanguage !== language) {
        recentLanguage = language;
        const list = $('recent-list');
        const items = data.requests.map((entry) => requestItem(entry, lastSeen >= 0 && entry.seq > newestShown));
        if (items.length) list.replaceChildren(...items);
        else list.replaceChildren(el('li', { class: 'empty' }, t('recent.empty')));
        lastSeen = data.last;
        newestShown = data.last;
      }
      $('recent-status').textContent = t('recent.status', { shown: data.requests.length, capacity: data.capacity,
        time: new Date().toLocaleTimeString(I18n.language(), { hour12: false }) });
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
  let server = null;
  function showServer() {
    if (server) $('server-info').textContent = t('server.info', { keys: server.domain_keys, skew: server.max_skew, explain: server.explain });
  }
  api('/console/api/server').then((answer) => { server = answer; showServer(); }).catch(() => {});

  // ---- Another language: the labels are already switched (i18n.js); what the page wrote is written again ----
  I18n.onChange(() => {
    showServer();
    showCaptureFile();
    for (const [resultBox, shown] of outcomes) present(shown.errorBox, resultBox, shown.outcome);
    if ($('recent').classList.contains('active')) refreshRecent();
  });

  document.documentElement.classList.add('js');
  select(location.hash.slice(1));
})();
