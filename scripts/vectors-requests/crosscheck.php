<?php
// Cross-checks Vectors/requests.json with PHP: for every test, PHP's own json_decode, md5 and openssl_decrypt
// judge the body as the vendor's server would, in the server's order, and must give the test's `code`.
// The rules are restated here from the seed's rules and the project decisions of Vectors/README.md, independently of
// scripts/vectors-requests/generate.py (which builds the bodies from scenarios) and of xiaoa-crypto.
//
// Usage: php crosscheck.php FILE   (exit 0 when every test agrees, 1 otherwise)

const REQUIRED = [
    'assoc/add' => ['timestamp', 'domain_key', 'sign', 'user_name', 'password', 'c_username'],
    'assoc/delete' => ['timestamp', 'domain_key', 'sign', 'user_name', 'password', 'c_username'],
    'assoc/update' => ['timestamp', 'domain_key', 'sign', 'user_name', 'c_username', 'old_pwd', 'new_pwd'],
    'assoc/login' => ['timestamp', 'domain_key', 'sign'],
];
const PASSWORD_FIELDS = ['password', 'old_pwd', 'new_pwd'];
const WRONG_PASSWORD = ['assoc/add' => 20002, 'assoc/delete' => 30001, 'assoc/update' => 20002];

/** The member names of the top-level object, in order, duplicates kept (json_decode keeps only the last). */
function top_level_keys(string $json): array
{
    $keys = [];
    $depth = 0;
    $expectKey = false;
    $n = strlen($json);
    for ($i = 0; $i < $n; $i++) {
        $c = $json[$i];
        if ($c === '"') {
            $start = $i;
            for ($i++; $i < $n && $json[$i] !== '"'; $i++) {
                if ($json[$i] === '\\') $i++;
            }
            if ($depth === 1 && $expectKey) {
                $keys[] = json_decode(substr($json, $start, $i - $start + 1));
                $expectKey = false;
            }
        } elseif ($c === '{' || $c === '[') {
            $depth++;
            $expectKey = $depth === 1;
        } elseif ($c === '}' || $c === ']') {
            $depth--;
        } elseif ($c === ',' && $depth === 1) {
            $expectKey = true;
        }
    }
    return $keys;
}

/** The code the server answers for `body` at `endpoint`. */
function judge(string $endpoint, string $body, array $domainKeys, ?int $maxSkew, int $now): int
{
    // 1. A JSON object (json_decode refuses bytes that are not UTF-8), no key twice (project decision).
    $doc = json_decode($body);
    if (!($doc instanceof stdClass)) return 10000;
    $keys = top_level_keys($body);
    if (count($keys) !== count(array_unique($keys))) return 10000;
    // 2. Every required field present, and a string; redirect, when sent, one of "", yxrw, thls.
    foreach (REQUIRED[$endpoint] as $name) {
        if (!property_exists($doc, $name) || !is_string($doc->$name)) return 10000;
    }
    if ($endpoint === 'assoc/login' && property_exists($doc, 'redirect')
        && (!is_string($doc->redirect) || !in_array($doc->redirect, ['', 'yxrw', 'thls'], true))) {
        return 10000;
    }
    // 3. A known domain key; 4. the sign; 5. the skew, when enforced.
    if (!in_array($doc->domain_key, $domainKeys, true)) return 10002;
    if (substr(md5(md5($doc->timestamp . $doc->domain_key)), 8, 10) !== $doc->sign) return 10001;
    if ($maxSkew !== null && abs($now - (int)$doc->timestamp) > $maxSkew) return 10001;
    // 6. Every password field decrypts (strict base64, whole blocks, PKCS#7) to UTF-8 text.
    foreach (PASSWORD_FIELDS as $name) {
        if (!property_exists($doc, $name)) continue;
        $text = $doc->$name;
        $raw = preg_match('~^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$~', $text)
            ? base64_decode($text, true) : false;
        $plain = ($raw === false || $raw === '' || strlen($raw) % 16 !== 0) ? false
            : openssl_decrypt($raw, 'AES-128-CBC', 'xiaoa', OPENSSL_RAW_DATA, '1234567890123456');
        if ($plain === false || !preg_match('//u', $plain)) return WRONG_PASSWORD[$endpoint];
    }
    return 0;
}

$doc = json_decode(file_get_contents($argv[1]), true, 512, JSON_THROW_ON_ERROR);
$passed = 0;
$failed = 0;
foreach ($doc['testGroups'] as $group) {
    foreach ($group['tests'] as $t) {
        $code = judge($group['endpoint'], hex2bin($t['body']), $group['domainKeys'], $group['maxSkew'], $group['now']);
        if ($code === $t['code'] && ($t['result'] === 'valid') === ($code === 0)) {
            $passed++;
        } else {
            $failed++;
            fwrite(STDERR, "requests.json tcId {$t['tcId']} ({$t['comment']}): PHP answers $code, the file says {$t['code']}\n");
        }
    }
}
fwrite(STDERR, "crosscheck.php: $passed of " . ($passed + $failed) . " request tests agree with PHP " . PHP_MAJOR_VERSION . '.' . PHP_MINOR_VERSION . "\n");
exit($failed === 0 ? 0 : 1);
