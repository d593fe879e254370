<?php
// Expected values for the xiaoa-crypto vectors, computed by PHP itself (md5(), openssl_encrypt/openssl_decrypt).
// Protocol: one JSON object per line on stdin, one JSON object per line on stdout, same order, same "id".
// All byte strings travel as lowercase hex so nothing depends on terminal or JSON string encodings.
//
//   {"id":..,"op":"version"}
//   {"id":..,"op":"md5","msg":HEX}
//   {"id":..,"op":"sign","timestamp":HEX,"domainKey":HEX}
//   {"id":..,"op":"encrypt","keyText":HEX|null,"key":HEX|null,"iv":HEX,"msg":HEX}
//   {"id":..,"op":"encrypt_nopad","key":HEX,"iv":HEX,"msg":HEX}            (msg length a multiple of 16)
//   {"id":..,"op":"decrypt","keyText":HEX|null,"key":HEX|null,"iv":HEX,"base64":STRING}
//
// The vendor's reference code is exactly:
//   substr(md5(md5($timestamp . $domain_key)), 8, 10)
//   openssl_encrypt($password, 'AES-128-CBC', 'xiaoa', 0, '1234567890123456')
// so this script calls those functions the same way (options 0 = PKCS#7 padding + base64 output).

error_reporting(E_ALL);
set_error_handler(function ($no, $str) {
    if (error_reporting() & $no) fwrite(STDERR, "compute.php: $str\n");   // not for @-silenced calls
    return true;
});

const CIPHER = 'AES-128-CBC';

function die_with($msg) { fwrite(STDERR, "compute.php: error: $msg\n"); exit(2); }

function h2b($hex) {
    if (!is_string($hex) || strlen($hex) % 2 != 0 || ($hex !== '' && !ctype_xdigit($hex))) die_with("bad hex: " . var_export($hex, true));
    return $hex === '' ? '' : hex2bin($hex);
}

function key_of($r) {
    // A text key is handed to openssl_encrypt as-is (PHP pads/truncates it); a raw key is already 16 bytes.
    if (array_key_exists('keyText', $r) && $r['keyText'] !== null) return h2b($r['keyText']);
    $k = h2b($r['key']);
    if (strlen($k) != 16) die_with("raw key must be 16 bytes");
    return $k;
}

while (($line = fgets(STDIN)) !== false) {
    $line = rtrim($line, "\n");
    if ($line === '') continue;
    $r = json_decode($line, true);
    if (!is_array($r)) die_with("bad request line: $line");
    $out = ['id' => $r['id']];
    switch ($r['op']) {
    case 'version':
        $out['php'] = PHP_VERSION;
        $out['openssl'] = OPENSSL_VERSION_TEXT;
        break;
    case 'md5':
        $out['md'] = md5(h2b($r['msg']));
        break;
    case 'sign':
        $timestamp = h2b($r['timestamp']);
        $domain_key = h2b($r['domainKey']);
        $m1 = md5($timestamp . $domain_key);
        $m2 = md5($m1);
        $out['md5First'] = $m1;
        $out['md5Second'] = $m2;
        $out['sign'] = substr(md5(md5($timestamp . $domain_key)), 8, 10);
        if ($out['sign'] !== substr($m2, 8, 10)) die_with("inconsistent sign");
        // Wrong candidates that a verifier must reject (used for "invalid" vectors).
        $out['singleMd5'] = substr(md5($timestamp . $domain_key), 8, 10);
        $out['swapped'] = substr(md5(md5($domain_key . $timestamp)), 8, 10);
        break;
    case 'encrypt':
        $key = key_of($r);
        $iv = h2b($r['iv']);
        $msg = h2b($r['msg']);
        $b64 = openssl_encrypt($msg, CIPHER, $key, 0, $iv);
        $raw = openssl_encrypt($msg, CIPHER, $key, OPENSSL_RAW_DATA, $iv);
        if ($b64 === false || $raw === false) die_with("openssl_encrypt failed: " . openssl_error_string());
        if (base64_encode($raw) !== $b64) die_with("options 0 output is not base64 of the raw output");
        // The effective key under PHP's rule: truncate to 16 bytes, pad with NUL to 16 bytes.
        $eff = str_pad(substr($key, 0, 16), 16, "\0");
        if (openssl_encrypt($msg, CIPHER, $eff, OPENSSL_RAW_DATA, $iv) !== $raw) die_with("effective-key rule does not reproduce PHP's output");
        $padded = openssl_decrypt($raw, CIPHER, $eff, OPENSSL_RAW_DATA | OPENSSL_ZERO_PADDING, $iv);
        $dec = openssl_decrypt($b64, CIPHER, $key, 0, $iv);
        if ($dec !== $msg) die_with("round trip failed");
        $out['key'] = bin2hex($eff);
        $out['padded'] = bin2hex($padded);
        $out['ct'] = bin2hex($raw);
        $out['base64'] = $b64;
        break;
    case 'encrypt_nopad':
        $raw = openssl_encrypt(h2b($r['msg']), CIPHER, key_of($r), OPENSSL_RAW_DATA | OPENSSL_ZERO_PADDING, h2b($r['iv']));
        if ($raw === false) die_with("openssl_encrypt (no padding) failed: " . openssl_error_string());
        $out['ct'] = bin2hex($raw);
        break;
    case 'decrypt':
        // Exactly what a PHP server would do with a received password field.
        $dec = @openssl_decrypt($r['base64'], CIPHER, key_of($r), 0, h2b($r['iv']));
        while (openssl_error_string() !== false) {}
        $out['ok'] = $dec !== false;
        $out['msg'] = $dec === false ? null : bin2hex($dec);
        break;
    default:
        die_with("unknown op " . $r['op']);
    }
    echo json_encode($out, JSON_UNESCAPED_SLASHES), "\n";
}
