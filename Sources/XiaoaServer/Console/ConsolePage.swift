/// The debugging console: one page, its style sheet and its script, compiled into the server.
///
/// No build step, no CDN, no file looked up at run time: `serve` answers `GET /` with ``html``, and the page loads
/// ``css`` and ``javascript`` from `/console/app.css` and `/console/app.js`, so the Content-Security-Policy can
/// forbid inline code. The script only calls `/console/api/…` and writes with `textContent`, never `innerHTML`.
enum ConsolePage {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>xiaoa-crypto console</title>
        <link rel="icon" href="data:,">
        <link rel="stylesheet" href="/console/app.css">
        <script src="/console/app.js" defer></script>
        </head>
        <body>
        <header class="top">
          <h1>xiaoa-crypto <span>console</span></h1>
          <p id="server-info" class="muted">Stand-in for the Xiao A API: the same code as the command line.</p>
        </header>
        <nav class="tabs" aria-label="Console panes">
          <a href="#sign" id="tab-sign" data-pane="sign">Sign</a>
          <a href="#cipher" id="tab-cipher" data-pane="cipher">Encrypt / decrypt</a>
          <a href="#verify" id="tab-verify" data-pane="verify">Check a request</a>
          <a href="#recent" id="tab-recent" data-pane="recent">Recent requests</a>
        </nav>
        <main>
        <section id="sign" class="pane" aria-labelledby="sign-title">
          <h2 id="sign-title">Sign</h2>
          <p class="muted">sign = substr(md5(md5(timestamp . domain_key)), 8, 10): md5 as lowercase hex, md5 of that text, 10 characters from offset 8.</p>
          <form id="sign-form" class="card" novalidate>
            <div class="field">
              <label for="sign-timestamp">Timestamp <span class="muted">(Unix seconds)</span></label>
              <div class="inline">
                <input id="sign-timestamp" name="timestamp" inputmode="numeric" autocomplete="off" spellcheck="false">
                <button type="button" id="sign-now" class="secondary">Now</button>
              </div>
            </div>
            <div class="field">
              <label for="sign-domain-key">Domain key</label>
              <input id="sign-domain-key" name="domain_key" autocomplete="off" spellcheck="false" required>
            </div>
            <div class="actions"><button type="submit" id="sign-submit">Sign</button></div>
          </form>
          <div id="sign-error" class="error" role="alert" hidden></div>
          <div id="sign-result" class="result" aria-live="polite" hidden></div>
        </section>

        <section id="cipher" class="pane" aria-labelledby="cipher-title">
          <h2 id="cipher-title">Encrypt / decrypt</h2>
          <p class="muted">AES-128-CBC, PKCS#7, standard base64. The vendor's key is the text xiaoa zero-padded to 16 bytes, its IV the text 1234567890123456.</p>
          <fieldset class="card">
            <legend>Key and IV</legend>
            <div class="field">
              <label for="cipher-key">Key</label>
              <div class="inline">
                <input id="cipher-key" autocomplete="off" spellcheck="false" value="xiaoa">
                <select id="cipher-key-format" aria-label="Key is given as">
                  <option value="text" selected>text</option>
                  <option value="hex">hex</option>
                </select>
              </div>
            </div>
            <div class="field">
              <label for="cipher-iv">IV</label>
              <div class="inline">
                <input id="cipher-iv" autocomplete="off" spellcheck="false" value="1234567890123456">
                <select id="cipher-iv-format" aria-label="IV is given as">
                  <option value="text" selected>text</option>
                  <option value="hex">hex</option>
                </select>
              </div>
            </div>
            <div class="actions"><button type="button" id="cipher-vendor" class="secondary">Vendor's key and IV</button></div>
          </fieldset>
          <div class="two">
            <form id="encrypt-form" class="card" novalidate>
              <div class="field">
                <label for="encrypt-plaintext">Password <span class="muted">(plaintext)</span></label>
                <div class="inline">
                  <input id="encrypt-plaintext" autocomplete="off" spellcheck="false">
                  <select id="encrypt-plaintext-format" aria-label="Password is given as">
                    <option value="text" selected>text</option>
                    <option value="hex">hex</option>
                  </select>
                </div>
              </div>
              <div class="actions"><button type="submit" id="encrypt-submit">Encrypt</button></div>
            </form>
            <form id="decrypt-form" class="card" novalidate>
              <div class="field">
                <label for="decrypt-ciphertext">Ciphertext <span class="muted">(base64)</span></label>
                <input id="decrypt-ciphertext" autocomplete="off" spellcheck="false">
              </div>
              <div class="actions"><button type="submit" id="decrypt-submit">Decrypt</button></div>
            </form>
          </div>
          <div id="cipher-error" class="error" role="alert" hidden></div>
          <div id="cipher-result" class="result" aria-live="polite" hidden></div>
        </section>

        <section id="verify" class="pane" aria-labelledby="verify-title">
          <h2 id="verify-title">Check a request</h2>
          <p class="muted">The checks of <code>xiaoa-crypto verify request</code> in the server's order, the code the server would answer, and every finding. The accounts and bindings in the database are not consulted.</p>
          <form id="verify-form" class="card" novalidate>
            <div class="field">
              <label for="verify-endpoint">Endpoint</label>
              <select id="verify-endpoint">
                <option value="assoc/add" selected>POST /assoc/add</option>
                <option value="assoc/login">POST /assoc/login</option>
                <option value="assoc/delete">POST /assoc/delete</option>
                <option value="assoc/update">POST /assoc/update</option>
              </select>
            </div>
            <div class="field">
              <label for="verify-body">Captured JSON body</label>
              <textarea id="verify-body" rows="9" spellcheck="false" placeholder='{"timestamp":"1700000000","domain_key":"…","sign":"…",…}'></textarea>
            </div>
            <div class="inline-fields">
              <div class="field">
                <label for="verify-keys">Known domain keys <span class="muted">(comma-separated; empty: the server's)</span></label>
                <input id="verify-keys" autocomplete="off" spellcheck="false">
              </div>
              <div class="field narrow">
                <label for="verify-skew">Max skew <span class="muted">(s; empty: the server's)</span></label>
                <input id="verify-skew" inputmode="numeric" autocomplete="off">
              </div>
            </div>
            <div class="actions"><button type="submit" id="verify-submit">Check</button></div>
          </form>
          <div id="verify-error" class="error" role="alert" hidden></div>
          <div id="verify-result" class="result" aria-live="polite" hidden></div>
        </section>

        <section id="recent" class="pane" aria-labelledby="recent-title">
          <h2 id="recent-title">Recent requests</h2>
          <p class="muted">The last requests this server answered, newest first, with their codes and findings (secrets masked as in the request log).</p>
          <div class="toolbar card">
            <label class="check"><input type="checkbox" id="recent-auto" checked> Refresh every 2 seconds</label>
            <button type="button" id="recent-refresh" class="secondary">Refresh now</button>
            <span id="recent-status" class="muted" aria-live="polite"></span>
          </div>
          <div id="recent-error" class="error" role="alert" hidden></div>
          <ol id="recent-list" class="requests"></ol>
        </section>
        </main>
        <div id="copy-status" class="sr-only" aria-live="polite"></div>
        </body>
        </html>

        """#

    static let css = #"""
        :root {
          --bg: #f5f6f8; --fg: #1b2130; --muted: #5a6377; --card: #ffffff; --line: #d8dce4; --accent: #1d5bbf;
          --accent-fg: #ffffff; --ok: #146c34; --ok-bg: #e3f3e8; --bad: #a8261b; --bad-bg: #fbe9e7; --warn-bg: #fff4d6;
          --mark: #ffe58a; --pad: #dbe7fb; --code-bg: #f0f2f6;
          --mono: "DejaVu Sans Mono", ui-monospace, Menlo, Consolas, monospace;
          color-scheme: light;
        }
        * { box-sizing: border-box; }
        html { -webkit-text-size-adjust: 100%; }
        body { margin: 0; background: var(--bg); color: var(--fg);
          font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "WenQuanYi Micro Hei", sans-serif; }
        .top, .tabs, main { max-width: 1000px; margin: 0 auto; padding: 0 16px; }
        .top { padding-top: 18px; }
        h1 { font-size: 1.35rem; margin: 0; }
        h1 span { font-weight: 400; color: var(--muted); }
        h2 { font-size: 1.15rem; margin: 18px 0 4px; }
        h3 { font-size: 1rem; margin: 16px 0 6px; }
        p { margin: 4px 0 10px; }
        .muted { color: var(--muted); }
        code, .mono, input, textarea, select { font-family: var(--mono); font-size: 0.9rem; }
        code { overflow-wrap: anywhere; word-break: break-all; }
        .tabs { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 12px; border-bottom: 1px solid var(--line); }
        .tabs a { padding: 8px 12px; color: var(--fg); text-decoration: none; border: 1px solid transparent;
          border-bottom: none; border-radius: 6px 6px 0 0; margin-bottom: -1px; }
        .tabs a:hover { background: #e9ecf2; }
        .tabs a[aria-current="page"] { background: var(--card); border-color: var(--line); font-weight: 600; color: var(--accent); }
        .js .pane { display: none; }
        .js .pane.active { display: block; }
        .pane { padding-bottom: 28px; }
        .card { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin: 10px 0; }
        fieldset.card { min-width: 0; }
        legend { font-weight: 600; padding: 0 4px; }
        .two { display: grid; grid-template-columns: 1fr 1fr; gap: 0 12px; }
        .two .card { display: flex; flex-direction: column; }
        .two .actions { margin-top: auto; }
        .field { margin: 0 0 10px; min-width: 0; }
        .field label { display: block; font-weight: 600; margin-bottom: 3px; }
        .field label .muted { font-weight: 400; }
        .inline { display: flex; gap: 8px; }
        .inline input { flex: 1; min-width: 0; }
        .inline-fields { display: flex; flex-wrap: wrap; gap: 0 12px; }
        .inline-fields .field { flex: 3 1 260px; }
        .inline-fields .field.narrow { flex: 1 1 160px; }
        input, textarea, select { width: 100%; padding: 7px 9px; border: 1px solid #b9c0cc; border-radius: 6px;
          background: #fff; color: var(--fg); }
        select { width: auto; }
        .field > select { min-width: 14rem; max-width: 100%; }
        textarea { resize: vertical; min-height: 6rem; }
        input:focus, textarea:focus, select:focus, button:focus-visible, a:focus-visible, .check input:focus-visible {
          outline: 3px solid #8fb3ef; outline-offset: 1px; }
        .actions { display: flex; gap: 8px; flex-wrap: wrap; }
        button { font: inherit; padding: 7px 16px; border-radius: 6px; border: 1px solid var(--accent);
          background: var(--accent); color: var(--accent-fg); cursor: pointer; }
        button.secondary { background: var(--card); color: var(--accent); }
        button.copy { padding: 1px 8px; font-size: 0.8rem; background: var(--card); color: var(--accent);
          border-color: #b7c8e8; vertical-align: baseline; margin-left: 6px; }
        button.copy.done { color: var(--ok); border-color: var(--ok); }
        .check { display: inline-flex; align-items: center; gap: 6px; font-weight: 400; }
        .check input { width: auto; }
        .toolbar { display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; }
        .error { background: var(--bad-bg); border: 1px solid #efb4ad; color: var(--bad); border-radius: 8px; padding: 10px 14px; margin: 10px 0; }
        .error p { margin: 0; font-weight: 600; overflow-wrap: anywhere; }
        .error ul { margin: 6px 0 0; padding-left: 20px; color: var(--fg); }
        .notes { background: var(--warn-bg); border: 1px solid #ecd48a; border-radius: 8px; padding: 8px 14px; margin: 10px 0; }
        .notes ul { margin: 0; padding-left: 18px; }
        .result { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; margin: 10px 0; }
        .answer { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; padding-bottom: 8px;
          border-bottom: 1px solid var(--line); margin-bottom: 8px; }
        .answer .name { color: var(--muted); }
        .answer code { font-size: 1.35rem; font-weight: 700; }
        dl.kv { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: 4px 14px; margin: 0; }
        dl.kv dt { color: var(--muted); }
        dl.kv dd { margin: 0; min-width: 0; }
        dl.kv .note { display: block; color: var(--muted); font-size: 0.85rem; }
        mark { background: var(--mark); color: inherit; border-radius: 2px; }
        .pad { background: var(--pad); border-radius: 2px; }
        .code-line { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 12px; padding: 10px 12px; border-radius: 8px; margin-bottom: 10px; }
        .code-line.ok { background: var(--ok-bg); color: var(--ok); }
        .code-line.bad { background: var(--bad-bg); color: var(--bad); }
        .code-line .num { font: 700 1.5rem/1 var(--mono); }
        .code-line .msg { font-weight: 600; }
        .code-line .meaning { color: var(--fg); }
        ol.checks { list-style: none; padding: 0; margin: 0 0 6px; }
        ol.checks li { display: grid; grid-template-columns: 3.2rem max-content minmax(0, 1fr); gap: 10px; padding: 4px 0;
          border-bottom: 1px dashed var(--line); }
        ol.checks .mark { font: 700 0.8rem/1.9 var(--mono); text-align: center; border-radius: 4px; }
        ol.checks .pass .mark { background: var(--ok-bg); color: var(--ok); }
        ol.checks .fail .mark { background: var(--bad-bg); color: var(--bad); }
        ol.checks .skipped .mark { background: var(--code-bg); color: var(--muted); }
        ol.checks .cname { font-family: var(--mono); font-size: 0.9rem; }
        ol.checks .detail { overflow-wrap: anywhere; }
        .finding { border: 1px solid var(--line); border-left: 4px solid var(--bad); border-radius: 6px; padding: 8px 12px; margin: 8px 0; }
        .finding .fid { font-weight: 700; }
        .finding .summary { margin: 2px 0; overflow-wrap: anywhere; }
        .finding .fix { margin: 2px 0; overflow-wrap: anywhere; }
        .finding .fix::before { content: "Fix: "; font-weight: 600; }
        .finding dl.kv { margin-top: 4px; font-size: 0.9rem; }
        ol.requests { list-style: none; padding: 0; margin: 0; }
        ol.requests > li { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 8px 12px; margin: 8px 0; }
        ol.requests > li.new { animation: flash 1.5s ease-out; }
        @keyframes flash { from { background: #fff3c4; } to { background: var(--card); } }
        .req-head { display: flex; flex-wrap: wrap; align-items: baseline; gap: 4px 10px; }
        .badge { font: 700 0.95rem/1 var(--mono); padding: 4px 7px; border-radius: 5px; }
        .badge.ok { background: var(--ok-bg); color: var(--ok); }
        .badge.bad { background: var(--bad-bg); color: var(--bad); }
        .req-meta { color: var(--muted); font-size: 0.88rem; overflow-wrap: anywhere; }
        ul.req-findings { margin: 4px 0 0; padding-left: 18px; }
        ul.req-findings li { overflow-wrap: anywhere; }
        .empty { color: var(--muted); font-style: italic; }
        .offscreen { position: fixed; top: -1000px; left: 0; opacity: 0; }
        .sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
        @media (max-width: 640px) {
          body { font-size: 14px; }
          .two { grid-template-columns: 1fr; }
          dl.kv { grid-template-columns: minmax(0, 1fr); gap: 0; }
          dl.kv dt { margin-top: 6px; }
          ol.checks li { grid-template-columns: 3.2rem minmax(0, 1fr); }
          ol.checks .detail { grid-column: 2; }
          .tabs a { padding: 6px 9px; }
          .field > select { min-width: 0; width: 100%; }
        }

        """#

    static let javascript = #"""
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
          const panes = ['sign', 'cipher', 'verify', 'recent'];
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
            const marks = { pass: 'ok', fail: 'FAIL', skipped: '--' };
            const checks = el('ol', { class: 'checks' }, data.checks.map((check) =>
              el('li', { class: check.outcome, 'data-check': check.name },
                el('span', { class: 'mark' }, marks[check.outcome] || check.outcome),
                el('span', { class: 'cname' }, check.name),
                el('span', { class: 'detail' }, check.detail))));
            const expected = data.expected ? kv([
              ['string to sign', el('code', null, data.expected.string_to_sign)],
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
            return el('li', { class: isNew ? 'new' : null, 'data-seq': String(entry.seq), 'data-code': String(entry.code) },
              el('div', { class: 'req-head' },
                el('span', { class: 'badge ' + (entry.code === 0 ? 'ok' : 'bad') }, String(entry.code)),
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

        """#
}
