'use strict';
// The console's own words in English and Simplified Chinese, and the language switch (中文 / English).
//
// Loaded before app.js (both deferred, in order). The page starts in the language remembered in localStorage,
// else the browser's first language (zh* → Chinese, anything else → English); <html lang> follows. Static text
// carries data-i18n="key" (its text), data-i18n-aria-label, data-i18n-title or data-i18n-placeholder; a text
// with `backticks` gets its quoted parts as <code> elements (built as nodes, never as HTML). app.js asks t(key,
// args) for every text it writes and calls the server with Accept-Language: language(). Texts the server sends
// (findings, errors, check details, the vendor's messages) are not here: the server words them.
(function () {
  const storageKey = 'xiaoa-console-lang';
  const languages = ['en', 'zh-Hans'];
  const plural = (n, one, many) => n + ' ' + (n === 1 ? one : many);

  // One entry per text: a string with {name} placeholders, or a function of the arguments (plurals, choices).
  // A note after a label brings its own space: ' (…)' in English, none before the full-width '（…）' in Chinese.
  const texts = {
    en: {
      'page.title': 'xiaoa-crypto console',
      'page.console': 'console',
      'page.about': 'Stand-in for the Xiao A API: the same code as the command line.',
      'page.language': 'Language',
      'page.panes': 'Console panes',
      'server.info': (s) => 'Stand-in for the Xiao A API: the same code as the command line. '
        + plural(s.keys, 'domain key', 'domain keys') + ' known · max skew '
        + (s.skew === null ? 'not checked' : s.skew + ' s') + (s.explain ? ' · --explain on' : ''),

      'tab.sign': 'Sign',
      'tab.cipher': 'Encrypt / decrypt',
      'tab.verify': 'Check a request',
      'tab.capture': 'Check a capture',
      'tab.recent': 'Recent requests',

      'action.check': 'Check',
      'format.text': 'text',
      'format.hex': 'hex',
      'field.keys': 'Known domain keys',
      'field.keysNote': ' (comma-separated; empty: the server\'s)',
      'field.skew': 'Max skew',
      'field.skewNote': ' (s; empty: the server\'s)',

      'copy.button': 'Copy',
      'copy.done': 'Copied',
      'copy.failed': 'Copy failed',
      'copy.label': 'Copy {what}',
      'copy.announceDone': '{what} copied',
      'copy.announceFailed': 'could not copy {what}',

      'error.noAnswer': 'the server did not answer',
      'error.noAnswerHint': 'is xiaoa-crypto serve still running?',
      'error.http': 'the server answered HTTP {status}',
      'error.skew': 'max skew must be a whole number of seconds',
      'error.skewHint': 'leave it empty for the server\'s setting',

      'sign.intro': 'sign = substr(md5(md5(timestamp . domain_key)), 8, 10): md5 as lowercase hex, md5 of that '
        + 'text, 10 characters from offset 8.',
      'sign.timestamp': 'Timestamp',
      'sign.timestampUnit': ' (Unix seconds)',
      'sign.now': 'Now',
      'sign.domainKey': 'Domain key',
      'sign.submit': 'Sign',
      'sign.inputNote': 'timestamp . domain_key, {bytes} bytes',
      'sign.md5FirstNote': 'md5 of the input, lowercase hex',
      'sign.md5SecondNote': 'md5 of the 32-character md5 #1 text',
      'sign.cut': 'cut',
      'sign.cutNote': 'characters {start}..<{end} of md5 #2',
      'sign.jsonNote': 'the public parameters of a request body',
      'what.domainKey': 'domain key',
      'what.publicParameters': 'public parameters',

      'cipher.intro': 'AES-128-CBC, PKCS#7, standard base64. The vendor\'s key is the text xiaoa zero-padded to 16 '
        + 'bytes, its IV the text 1234567890123456.',
      'cipher.keyAndIv': 'Key and IV',
      'cipher.key': 'Key',
      'cipher.keyFormat': 'Key is given as',
      'cipher.iv': 'IV',
      'cipher.ivFormat': 'IV is given as',
      'cipher.vendor': 'Vendor\'s key and IV',
      'cipher.password': 'Password',
      'cipher.plaintextNote': ' (plaintext)',
      'cipher.passwordFormat': 'Password is given as',
      'cipher.encrypt': 'Encrypt',
      'cipher.ciphertext': 'Ciphertext',
      'cipher.base64Note': ' (base64)',
      'cipher.decrypt': 'Decrypt',
      'cipher.rowKey': 'key',
      'cipher.rowIv': 'IV',
      'cipher.hex16': 'hex, 16 bytes',
      'cipher.plaintext': 'plaintext',
      'cipher.plaintextHex': 'plaintext hex',
      'cipher.plaintextNotUtf8': 'plaintext (hex, not UTF-8)',
      'cipher.bytes': '{n} bytes',
      'cipher.paddedBlock': 'padded block {n}',
      'cipher.padding': (a) => 'PKCS#7: ' + a.n + ' byte(s) of 0x' + a.hex,
      'cipher.ciphertextRow': 'ciphertext',
      'cipher.ciphertextHex': 'ciphertext hex',
      'cipher.hex': 'hex',

      'verify.intro': 'The checks of `xiaoa-crypto verify request` in the server\'s order, the code the server would '
        + 'answer, and every finding. The accounts and bindings in the database are not consulted.',
      'verify.endpoint': 'Endpoint',
      'verify.body': 'Captured JSON body',
      'verify.mark.pass': 'ok',
      'verify.mark.fail': 'FAIL',
      'verify.mark.would_fail': 'would fail',
      'verify.mark.skipped': '--',
      'verify.stringToSign': 'string to sign',
      'verify.expectedSign': 'expected sign',
      'verify.signReceived': 'sign received',
      'verify.checks': 'Checks',
      'verify.findings': 'Findings',
      'verify.noFindings': 'none: the request passes every check',
      'verify.expects': 'The sign the server expects',
      'verify.settings': (a) => 'domain keys: ' + (a.given ? 'as given' : 'the server\'s')
        + ' · max skew: ' + (a.skew === null ? 'not checked' : a.skew + ' s') + ' · now: ' + a.now,

      'capture.intro': 'Every API call in a HAR file (browser devtools, mitmproxy, Charles, Proxyman, Postman), '
        + 'judged as `xiaoa-crypto verify har` judges it: the code the request alone earns (predicted; 0 means '
        + 'well-formed) beside the code the server answered (actual), and the findings. The file is read in this '
        + 'browser and posted to this server alone, up to 16 MiB.',
      'capture.file': 'HAR file',
      'capture.drop': 'or drop a .har file here',
      'capture.secrets': 'Show domain keys, signs and ciphertexts',
      'capture.secretsNote': ' (masked as *** otherwise)',
      'capture.fileName': '{name} ({size} bytes)',
      'capture.readError': 'could not read {name}',
      'capture.tooLarge': '{name}: the HAR is larger than 16 MiB',
      'capture.tooLargeHint': 'check a larger capture with: xiaoa-crypto verify har FILE --domain-key KEY',
      'capture.noFile': 'choose or drop a HAR file first',
      'capture.noFileHint': 'devtools: Save all as HAR; mitmproxy: --set hardump=FILE',
      'capture.none': 'none',
      'capture.differs': 'the answer disagrees with the prediction',
      'capture.decided': 'well-formed: the server\'s accounts and bindings decided',
      'capture.columns': '#|Time|Method|URL|Endpoint|Predicted / actual',
      'capture.empty': 'No API call in this capture: no URL ends in assoc/add, assoc/login, assoc/delete or '
        + 'assoc/update.',
      'capture.summary': (s) => plural(s.entries, 'entry', 'entries') + ': ' + plural(s.api, 'API call', 'API calls')
        + ' (' + s.accepted + ' accepted, ' + s.refused + ' refused'
        + (s.disagreements ? ', ' + plural(s.disagreements, 'answer disagrees', 'answers disagree') : '')
        + '), ' + plural(s.skipped, 'other', 'others') + ' skipped',
      'capture.settings': (a) => a.name + ' · domain keys: ' + (a.given ? 'as given' : 'the server\'s')
        + ' · max skew: ' + (a.skew === '' ? 'the server\'s' : a.skew + ' s')
        + ' · time of each entry: its startedDateTime',

      'recent.intro': 'The last requests this server answered, newest first, with their codes and findings (secrets '
        + 'masked as in the request log).',
      'recent.auto': 'Refresh every 2 seconds',
      'recent.refresh': 'Refresh now',
      'recent.domainKey': 'domain key {key}',
      'recent.ms': '{ms} ms',
      'recent.empty': 'No request yet. Send one to this server (POST /assoc/add, …) and it appears here.',
      'recent.status': '{shown} shown (of the last {capacity}) · updated {time}',
    },

    'zh-Hans': {
      'page.title': 'xiaoa-crypto 调试控制台',
      'page.console': '调试控制台',
      'page.about': 'Xiao A API 的本地替身服务器，与命令行工具运行的是同一份代码。',
      'page.language': '语言',
      'page.panes': '控制台面板',
      'server.info': (s) => 'Xiao A API 的本地替身服务器，与命令行工具运行的是同一份代码。已知 ' + s.keys
        + ' 个域名 key · 最大时间偏差：' + (s.skew === null ? '不检查' : s.skew + ' 秒')
        + (s.explain ? ' · 已开启 --explain' : ''),

      'tab.sign': '签名',
      'tab.cipher': '加密 / 解密',
      'tab.verify': '检查请求',
      'tab.capture': '检查抓包',
      'tab.recent': '最近的请求',

      'action.check': '检查',
      'format.text': '文本',
      'format.hex': '十六进制',
      'field.keys': '已知的域名 key',
      'field.keysNote': '（用英文逗号分隔；留空则用服务器的）',
      'field.skew': '最大时间偏差',
      'field.skewNote': '（秒；留空则用服务器的）',

      'copy.button': '复制',
      'copy.done': '已复制',
      'copy.failed': '复制失败',
      'copy.label': '复制 {what}',
      'copy.announceDone': '已复制 {what}',
      'copy.announceFailed': '无法复制 {what}',

      'error.noAnswer': '服务器没有应答',
      'error.noAnswerHint': 'xiaoa-crypto serve 是否还在运行？',
      'error.http': '服务器返回了 HTTP {status}',
      'error.skew': '最大时间偏差必须是整数秒',
      'error.skewHint': '留空则使用服务器的设置',

      'sign.intro': 'sign = substr(md5(md5(timestamp . domain_key)), 8, 10)：先算 md5 并取小写十六进制，'
        + '再对这段文本算一次 md5，从偏移量 8 开始截取 10 个字符。',
      'sign.timestamp': '时间戳',
      'sign.timestampUnit': '（Unix 秒）',
      'sign.now': '当前时间',
      'sign.domainKey': '域名 key',
      'sign.submit': '生成签名',
      'sign.inputNote': 'timestamp . domain_key，共 {bytes} 字节',
      'sign.md5FirstNote': '对 input 算 md5，小写十六进制',
      'sign.md5SecondNote': '对 32 个字符的 md5 #1 文本再算一次 md5',
      'sign.cut': '截取',
      'sign.cutNote': 'md5 #2 中偏移量 {start}..<{end} 的字符',
      'sign.jsonNote': '请求体的公共参数',
      'what.domainKey': '域名 key',
      'what.publicParameters': '公共参数',

      'cipher.intro': 'AES-128-CBC，PKCS#7 填充，标准 base64。厂商的密钥是文本 xiaoa 用零字节填充到 16 字节，'
        + '偏移量（IV）是文本 1234567890123456。',
      'cipher.keyAndIv': '密钥和偏移量',
      'cipher.key': '密钥',
      'cipher.keyFormat': '密钥的格式',
      'cipher.iv': '偏移量（IV）',
      'cipher.ivFormat': '偏移量的格式',
      'cipher.vendor': '厂商的密钥和偏移量',
      'cipher.password': '密码',
      'cipher.plaintextNote': '（明文）',
      'cipher.passwordFormat': '密码的格式',
      'cipher.encrypt': '加密',
      'cipher.ciphertext': '密文',
      'cipher.base64Note': '（base64）',
      'cipher.decrypt': '解密',
      'cipher.rowKey': '密钥',
      'cipher.rowIv': '偏移量',
      'cipher.hex16': '十六进制，16 字节',
      'cipher.plaintext': '明文',
      'cipher.plaintextHex': '明文（十六进制）',
      'cipher.plaintextNotUtf8': '明文（十六进制，不是 UTF-8）',
      'cipher.bytes': '{n} 字节',
      'cipher.paddedBlock': '填充后的第 {n} 块',
      'cipher.padding': (a) => 'PKCS#7 填充：' + a.n + ' 个值为 0x' + a.hex + ' 的字节',
      'cipher.ciphertextRow': '密文',
      'cipher.ciphertextHex': '密文（十六进制）',
      'cipher.hex': '十六进制',

      'verify.intro': '按服务器的顺序执行 `xiaoa-crypto verify request` 的各项检查，给出服务器会返回的 code '
        + '和每一条诊断结果。不查询数据库里的账号和绑定关系。',
      'verify.endpoint': '接口',
      'verify.body': '抓到的 JSON 请求体',
      'verify.mark.pass': '通过',
      'verify.mark.fail': '失败',
      'verify.mark.would_fail': '会失败',
      'verify.mark.skipped': '--',
      'verify.stringToSign': '待签名的字符串',
      'verify.expectedSign': '应有的 sign',
      'verify.signReceived': '收到的 sign',
      'verify.checks': '检查项',
      'verify.findings': '诊断结果',
      'verify.noFindings': '无：请求通过了所有检查',
      'verify.expects': '服务器期望的 sign',
      'verify.settings': (a) => '域名 key：' + (a.given ? '页面中填写的' : '服务器的')
        + ' · 最大时间偏差：' + (a.skew === null ? '不检查' : a.skew + ' 秒') + ' · 当前时间：' + a.now,

      'capture.intro': '逐一判定 HAR 文件（浏览器开发者工具、mitmproxy、Charles、Proxyman、Postman 导出）中的 API '
        + '调用，判定方式与 `xiaoa-crypto verify har` 相同：只看请求本身应得的 code（预测值；0 表示请求格式正确）'
        + '与服务器实际返回的 code（实际值）并排显示，并列出诊断结果。文件在本浏览器中读取，只提交给本服务器，'
        + '最大 16 MiB。',
      'capture.file': 'HAR 文件',
      'capture.drop': '或把 .har 文件拖到这里',
      'capture.secrets': '显示域名 key、签名和密文',
      'capture.secretsNote': '（否则显示为 ***）',
      'capture.fileName': '{name}（{size} 字节）',
      'capture.readError': '无法读取 {name}',
      'capture.tooLarge': '{name}：HAR 文件超过 16 MiB',
      'capture.tooLargeHint': '更大的抓包请用命令行检查：xiaoa-crypto verify har FILE --domain-key KEY',
      'capture.noFile': '请先选择或拖入一个 HAR 文件',
      'capture.noFileHint': '浏览器开发者工具：Save all as HAR；mitmproxy：--set hardump=FILE',
      'capture.none': '无',
      'capture.differs': '应答与预测不符',
      'capture.decided': '请求格式正确：结果由服务器的账号和绑定关系决定',
      'capture.columns': '#|时间|方法|URL|接口|预测 / 实际',
      'capture.empty': '这个抓包里没有 API 调用：没有以 assoc/add、assoc/login、assoc/delete 或 assoc/update '
        + '结尾的 URL。',
      'capture.summary': (s) => '共 ' + s.entries + ' 条记录：' + s.api + ' 个 API 调用（' + s.accepted + ' 个被接受，'
        + s.refused + ' 个被拒绝' + (s.disagreements ? '，' + s.disagreements + ' 个应答与预测不符' : '')
        + '），跳过其他 ' + s.skipped + ' 条',
      'capture.settings': (a) => a.name + ' · 域名 key：' + (a.given ? '页面中填写的' : '服务器的')
        + ' · 最大时间偏差：' + (a.skew === '' ? '服务器的' : a.skew + ' 秒')
        + ' · 每条记录的时间：取其 startedDateTime',

      'recent.intro': '本服务器最近应答的请求，最新的在前，附有 code 和诊断结果（敏感值按请求日志的方式打码）。',
      'recent.auto': '每 2 秒刷新',
      'recent.refresh': '立即刷新',
      'recent.domainKey': '域名 key {key}',
      'recent.ms': '{ms} 毫秒',
      'recent.empty': '还没有请求。向本服务器发一个请求（POST /assoc/add 等），它就会出现在这里。',
      'recent.status': '显示 {shown} 条（最多保留最近 {capacity} 条）· 更新于 {time}',
    },
  };

  function stored() {
    try { return localStorage.getItem(storageKey); } catch (e) { return null; }
  }

  // The remembered choice, else the browser's first language: zh, zh-CN, zh-Hans, zh-TW … read Chinese.
  function initial() {
    const remembered = stored();
    if (languages.includes(remembered)) return remembered;
    const preferred = (navigator.languages && navigator.languages[0]) || navigator.language || '';
    return /^zh\b/i.test(preferred) ? 'zh-Hans' : 'en';
  }

  let current = initial();
  const listeners = [];

  function t(key, args) {
    const entry = texts[current][key] !== undefined ? texts[current][key] : texts.en[key];
    if (entry === undefined) return key;
    if (typeof entry === 'function') return entry(args || {});
    return entry.replace(/\{(\w+)\}/g, (whole, name) => (args && args[name] !== undefined ? String(args[name]) : whole));
  }

  // Text whose `quoted` parts are code: a list of text nodes and <code> elements.
  function rich(text) {
    return text.split('`').map((part, index) => {
      if (index % 2 === 0) return document.createTextNode(part);
      const code = document.createElement('code');
      code.textContent = part;
      return code;
    });
  }

  function apply(root) {
    const scope = root || document;
    for (const node of scope.querySelectorAll('[data-i18n]')) node.replaceChildren(...rich(t(node.dataset.i18n)));
    for (const name of ['aria-label', 'title', 'placeholder']) {
      for (const node of scope.querySelectorAll('[data-i18n-' + name + ']')) {
        node.setAttribute(name, t(node.getAttribute('data-i18n-' + name)));
      }
    }
    document.documentElement.lang = current;
    document.title = t('page.title');
    for (const button of document.querySelectorAll('button[data-lang]')) {
      button.setAttribute('aria-pressed', String(button.dataset.lang === current));
    }
  }

  function setLanguage(language) {
    if (!languages.includes(language) || language === current) return;
    current = language;
    try { localStorage.setItem(storageKey, language); } catch (e) { /* a page without storage forgets it */ }
    apply();
    for (const listener of listeners) listener(language);
  }

  for (const button of document.querySelectorAll('button[data-lang]')) {
    button.addEventListener('click', () => setLanguage(button.dataset.lang));
  }
  apply();

  window.XiaoaI18n = {
    /** The language shown: 'en' or 'zh-Hans' (also the Accept-Language of every call to /console/api/). */
    language: () => current,
    languages,
    texts,
    t,
    setLanguage,
    /** Calls `listener(language)` after each switch, once the static labels are in the new language. */
    onChange: (listener) => { listeners.push(listener); },
  };
})();
