<?php
// The PHP side of the diagnosis vectors: the right computations and the mistakes PHP code really makes.
//
// Reads JSON lines {"id": N, "op": "...", ...} on stdin and answers {"id": N, "value": "..."} per line.
// Byte arguments are lowercase hex: timestamp, domainKey, plaintext. Nothing here calls xiaoa-crypto.

const IV = '1234567890123456';

function hexarg(array $req, string $name): string {
    $value = hex2bin($req[$name] ?? '');
    if ($value === false) { fwrite(STDERR, "bad hex in $name\n"); exit(2); }
    return $value;
}

// A line read back from a temporary file, as a client reads a key or a value that a tool wrote.
function through_file(string $content, bool $trim): string {
    $path = tempnam(sys_get_temp_dir(), 'xiaoa-diag');
    file_put_contents($path, $content);
    $read = file_get_contents($path);
    unlink($path);
    return $trim ? trim($read) : $read;
}

// fgets() keeps the line end: the classic way a password or sign picks up "\n".
function first_line(string $content): string {
    $stream = fopen('php://memory', 'r+');
    fwrite($stream, $content);
    rewind($stream);
    $line = fgets($stream);
    fclose($stream);
    return $line;
}

while (($line = fgets(STDIN)) !== false) {
    $req = json_decode($line, true, 512, JSON_THROW_ON_ERROR);
    $t = hexarg($req, 'timestamp');
    $k = hexarg($req, 'domainKey');
    $p = hexarg($req, 'plaintext');
    $key = $req['keyText'] ?? 'xiaoa';
    switch ($req['op']) {
        case 'version':
            $v = PHP_VERSION;
            break;

        // ---------------------------------------------------------------- sign
        case 'sign':                       // the vendor's formula
            $v = substr(md5(md5($t . $k)), 8, 10);
            break;
        case 'sign.innerUpper':            // upper-cased md5 #1 before hashing again
            $v = substr(md5(strtoupper(md5($t . $k))), 8, 10);
            break;
        case 'sign.outerUpper':            // upper-cased result
            $v = strtoupper(substr(md5(md5($t . $k)), 8, 10));
            break;
        case 'sign.single':                // one md5 only
            $v = substr(md5($t . $k), 8, 10);
            break;
        case 'sign.swapped':               // domain_key . timestamp
            $v = substr(md5(md5($k . $t)), 8, 10);
            break;
        case 'sign.interpolatedDot':       // "$t.$k" in double quotes: the '.' is a character there
            $v = substr(md5(md5("$t.$k")), 8, 10);
            break;
        case 'sign.implodePipe':           // a separator between the parts
            $v = substr(md5(md5(implode('|', [$t, $k]))), 8, 10);
            break;
        case 'sign.substr9':               // "the 9th character" as offset 9
            $v = substr(md5(md5($t . $k)), 9, 10);
            break;
        case 'sign.substrLength9':         // length off by one
            $v = substr(md5(md5($t . $k)), 8, 9);
            break;
        case 'sign.keyFromFile':           // file_get_contents keeps the key file's trailing newline
            $v = substr(md5(md5($t . through_file($k . "\n", false))), 8, 10);
            break;
        case 'sign.signLine':              // the sign read back with fgets, line end included
            $v = first_line(substr(md5(md5($t . $k)), 8, 10) . "\n");
            break;
        case 'sign.otherKey':              // signed with another domain key
            $v = substr(md5(md5($t . hexarg($req, 'otherKey'))), 8, 10);
            break;

        // ---------------------------------------------------------------- password
        case 'password':                   // the vendor's formula, with any key text
            $v = openssl_encrypt($p, 'AES-128-CBC', $key, 0, IV);
            break;
        case 'password.zeroPadding':       // OPENSSL_ZERO_PADDING means "no padding": callers pad with NUL themselves
            $padded = strlen($p) % 16 === 0 ? $p : str_pad($p, intdiv(strlen($p) + 15, 16) * 16, "\0");
            $v = openssl_encrypt($padded, 'AES-128-CBC', $key, OPENSSL_ZERO_PADDING, IV);
            break;
        case 'password.doubleBase64':      // openssl_encrypt already returns base64
            $v = base64_encode(openssl_encrypt($p, 'AES-128-CBC', $key, 0, IV));
            break;
        case 'password.chunkSplit':        // MIME-style base64: 76 characters per line, "\r\n"
            $v = chunk_split(base64_encode(openssl_encrypt($p, 'AES-128-CBC', $key, OPENSSL_RAW_DATA, IV)));
            break;
        case 'password.hexKeyText':        // the key's hex spelling given as the key string
            $v = openssl_encrypt($p, 'AES-128-CBC', bin2hex(str_pad($key, 16, "\0")), 0, IV);
            break;
        case 'password.md5HexKey':         // substr(md5($key), 0, 16) as the key
            $v = openssl_encrypt($p, 'AES-128-CBC', substr(md5($key), 0, 16), 0, IV);
            break;
        case 'password.fgets':             // the password read with fgets, "\n" included
            $v = openssl_encrypt(first_line($p . "\n"), 'AES-128-CBC', $key, 0, IV);
            break;
        case 'password.iconvGbk':          // a GBK-configured client
            $v = openssl_encrypt(iconv('UTF-8', 'GBK', $p), 'AES-128-CBC', $key, 0, IV);
            break;
        case 'password.parseStr':          // the ciphertext sent unencoded in a form body, read by parse_str
            parse_str('password=' . openssl_encrypt($p, 'AES-128-CBC', $key, 0, IV), $fields);
            $v = $fields['password'];
            break;
        case 'password.decryptsStrictly':  // for the builder's checks: does openssl_decrypt accept it as is?
            $raw = base64_decode($req['ciphertext'], true);
            $v = $raw === false ? 'no' : (openssl_decrypt($raw, 'AES-128-CBC', $key, OPENSSL_RAW_DATA, IV) === false ? 'no' : 'yes');
            break;
        default:
            fwrite(STDERR, "unknown op {$req['op']}\n");
            exit(2);
    }
    echo json_encode(['id' => $req['id'], 'value' => $v], JSON_THROW_ON_ERROR | JSON_UNESCAPED_SLASHES) . "\n";
}
