<?php
// The Xiao A API's sign and password cipher in PHP, the vendor's own language (ext-openssl), and a checker
// for vector files.
//
//   php xiaoa.php sign TIMESTAMP DOMAIN_KEY   -> the 10-character sign
//   php xiaoa.php encrypt TEXT                -> base64 ciphertext (vendor key and IV)
//   php xiaoa.php decrypt BASE64              -> plaintext
//   php xiaoa.php check FILE...               -> "php: N passed, M failed" over sign/password vector files
declare(strict_types=1);

const XIAOA_KEY = 'xiaoa';
const XIAOA_IV = '1234567890123456';

/** substr(md5(md5(timestamp . domain_key)), 8, 10): the vendor's definition, verbatim. */
function xiaoa_sign(string $timestamp, string $domainKey): string
{
    // md5() returns 32 lowercase hex characters (md5($s, true) would be 16 raw bytes), and substr() takes
    // (start, length). PHP is the reference: other languages get these two wrong, not PHP.
    return substr(md5(md5($timestamp . $domainKey)), 8, 10);
}

/** Exact and constant time: no strtolower(), no trim(). */
function xiaoa_verify(string $candidate, string $timestamp, string $domainKey): bool
{
    return hash_equals(xiaoa_sign($timestamp, $domainKey), $candidate);
}

/** The 16 bytes openssl_encrypt() makes of a text key on its own: cut to 16, padded with NUL bytes. */
function xiaoa_php_key(string $keyText): string
{
    return str_pad(substr($keyText, 0, 16), 16, "\0");
}

/** The vendor's call, verbatim: options 0 means "return base64". $key may be text of any length. */
function xiaoa_encrypt(string $plaintext, string $key = XIAOA_KEY, string $iv = XIAOA_IV): string
{
    // Trap (for everybody else): openssl_encrypt() silently zero-pads the 5-byte key 'xiaoa' to 16 bytes and
    // cuts a longer one; only OPENSSL_DONT_ZERO_PAD_KEY would make it complain. Other languages must do it by hand.
    return openssl_encrypt($plaintext, 'AES-128-CBC', $key, 0, $iv);
}

/** The plaintext, or null for anything but strict base64 of whole blocks with valid padding. */
function xiaoa_decrypt(string $base64, string $key = XIAOA_KEY, string $iv = XIAOA_IV): ?string
{
    // Trap: openssl_decrypt($b64, ..., 0, ...) -- the vendor's form -- decodes base64 leniently: it skips spaces,
    // line breaks and junk, needs no '=' and ignores unused bits (the PhpLenientBase64 vectors), and even
    // base64_decode($s, true) accepts a missing '=' and whitespace. Strict means: re-encoding gives back the text.
    $ciphertext = base64_decode($base64, true);
    if ($ciphertext === false || base64_encode($ciphertext) !== $base64) {
        return null;
    }
    if ($ciphertext === '' || strlen($ciphertext) % 16 !== 0) {
        return null;
    }
    $plaintext = openssl_decrypt($ciphertext, 'AES-128-CBC', $key, OPENSSL_RAW_DATA, $iv);
    return $plaintext === false ? null : $plaintext; // false on bad padding
}

// --- checking vector files (schema: Vectors/README.md) ---

function xiaoa_check_sign(array $group, array $t): ?string
{
    $ts = hex2bin($t['timestamp']);
    $dk = hex2bin($t['domainKey']);
    if (md5($ts . $dk) !== $t['md5First'] || md5(md5($ts . $dk)) !== $t['md5Second']) {
        return 'md5s differ';
    }
    $accepted = xiaoa_verify($t['sign'], $ts, $dk);
    if ($t['result'] === 'valid') {
        return xiaoa_sign($ts, $dk) === $t['sign'] && $accepted ? null : 'sign is ' . xiaoa_sign($ts, $dk);
    }
    // acceptable: the empty domain key, which the API never assigns; only the math is checked.
    if ($t['result'] === 'acceptable') {
        return xiaoa_sign($ts, $dk) === $t['sign'] ? null : 'sign is ' . xiaoa_sign($ts, $dk);
    }
    if ($t['result'] !== 'invalid') {
        return 'unknown result ' . json_encode($t['result']);
    }
    return $accepted ? 'verify accepted the wrong sign ' . json_encode($t['sign']) : null;
}

function xiaoa_check_password(array $group, array $t): ?string
{
    $key = hex2bin($group['key']);
    $iv = hex2bin($group['iv']);
    // The vendor hands openssl_encrypt() the key *text*; PHP pads or cuts it. A null keyText is a raw 16-byte key.
    $keyText = $group['keyText'] === null ? $key : hex2bin($group['keyText']);
    if (xiaoa_php_key($keyText) !== $key) {
        return 'key text does not pad to key';
    }
    if ($t['result'] === 'valid') {
        $msg = hex2bin($t['msg']);
        $got = xiaoa_encrypt($msg, $keyText, $iv);
        if ($got !== $t['base64'] || bin2hex(base64_decode($got)) !== $t['ct']) {
            return "encrypt gave $got, expected {$t['base64']}";
        }
        $plain = xiaoa_decrypt($t['base64'], $keyText, $iv);
        return $plain === $msg ? null : 'decrypt gave ' . ($plain === null ? 'an error' : bin2hex($plain));
    }
    return xiaoa_decrypt($t['base64'], $key, $iv) === null ? null : 'decrypt accepted an invalid ciphertext';
}

/** @return array{int, int} passed, failed */
function xiaoa_check_file(string $path): array
{
    $doc = json_decode(file_get_contents($path), true, 512, JSON_THROW_ON_ERROR);
    $checker = ['xiaoa_sign_v1' => 'xiaoa_check_sign', 'xiaoa_password_v1' => 'xiaoa_check_password'][$doc['schema']] ?? null;
    if ($checker === null) {
        throw new RuntimeException("$path: unknown schema {$doc['schema']}");
    }
    $passed = $failed = 0;
    foreach ($doc['testGroups'] as $group) {
        foreach ($group['tests'] as $t) {
            $problem = $checker($group, $t);
            if ($problem === null) {
                $passed++;
            } elseif (++$failed <= 5) {
                echo "  $path tcId {$t['tcId']} ", json_encode($t['flags']), ": $problem\n";
            }
        }
    }
    if ($passed + $failed !== $doc['numberOfTests']) {
        throw new RuntimeException("$path: numberOfTests is {$doc['numberOfTests']}, the file has " . ($passed + $failed));
    }
    echo "  $path: $passed passed, $failed failed\n";
    return [$passed, $failed];
}

function xiaoa_main(array $args): int
{
    $command = $args[0] ?? '';
    if ($command === 'check' && count($args) >= 2) {
        $passed = $failed = 0;
        foreach (array_slice($args, 1) as $path) {
            [$p, $f] = xiaoa_check_file($path);
            $passed += $p;
            $failed += $f;
        }
        echo "php: $passed passed, $failed failed\n";
        return $failed > 0 ? 1 : 0;
    }
    if ($command === 'sign' && count($args) === 3) {
        echo xiaoa_sign($args[1], $args[2]), "\n";
    } elseif ($command === 'encrypt' && count($args) === 2) {
        echo xiaoa_encrypt($args[1]), "\n";
    } elseif ($command === 'decrypt' && count($args) === 2) {
        $plain = xiaoa_decrypt($args[1]);
        if ($plain === null) {
            fwrite(STDERR, "error: cannot decrypt: not strict base64 of whole blocks with valid padding\n");
            return 65;
        }
        echo $plain, "\n";
    } else {
        fwrite(STDERR, "usage: xiaoa.php sign TIMESTAMP DOMAIN_KEY | encrypt TEXT | decrypt BASE64 | check FILE...\n");
        return 64;
    }
    return 0;
}

if (PHP_SAPI === 'cli' && realpath($argv[0]) === __FILE__) {
    exit(xiaoa_main(array_slice($argv, 1)));
}
