<?php
// PHP peer for scripts/bench: md5() and openssl_encrypt(), as the vendor writes them; the same line formats.
$mode = $argv[1];
$in = fopen('php://stdin', 'rb');
$out = fopen('php://stdout', 'wb');
$buffer = '';
$n = 0;
while (($line = fgets($in)) !== false) {
    $line = rtrim($line, "\r\n");
    if ($mode === 'sign') {
        [$ts, $dk] = explode("\t", $line, 2);
        $buffer .= substr(md5(md5($ts . $dk)), 8, 10) . "\n";
    } elseif ($mode === 'encrypt') {
        $buffer .= openssl_encrypt($line, 'AES-128-CBC', 'xiaoa', 0, '1234567890123456') . "\n";
    } else {
        $buffer .= openssl_decrypt($line, 'AES-128-CBC', 'xiaoa', 0, '1234567890123456') . "\n";
    }
    if (++$n % 10000 === 0) { fwrite($out, $buffer); $buffer = ''; }
}
fwrite($out, $buffer);
