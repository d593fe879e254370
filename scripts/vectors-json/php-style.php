<?php
// Writes Vectors/jcs/php-style.json: JSON texts and what PHP prints for json_encode(json_decode($text)) with
// default flags (objects decoded as stdClass, serialize_precision = -1). Deterministic: fixed inputs plus
// documents from mt_rand with a fixed seed (MT19937, stable since PHP 7.1).

declare(strict_types=1);

if ((string)ini_get('serialize_precision') !== '-1') {
    fwrite(STDERR, "serialize_precision must be -1 (PHP's default)\n");
    exit(1);
}

$fixed = [
    // Strings: Unicode, astral characters, slashes, controls, quotes.
    ['ascii', '"hello world"'],
    ['latin-1 range', '"caf\u00e9 é ß ÿ"'],
    ['cjk', '"日本語のテキスト 中文"'],
    ['astral emoji', '"😀 and 𝄞"'],
    ['astral escaped in input', '"\ud83d\ude00\uD834\uDD1E"'],
    ['highest code points', '"\uffff \udbff\udfff \ue000"'],
    ['line and paragraph separators', '"a\u2028b\u2029c"'],
    ['slashes', '"a/b https://example.com/path?q=1&r=<2>"'],
    ['escaped slash in input', '"\/\/"'],
    ['quotes and backslashes', '"say \"hi\" \\\\ back\\\\slash"'],
    ['controls', '"\u0000\u0001\b\f\n\r\t\u001f\u007f"'],
    ['html characters', '"<script>&amp;\'</script>"'],
    ['empty string', '""'],
    // Integers.
    ['zero', '0'],
    ['minus zero integer', '-0'],
    ['small integers', '[1,-1,42,-42,1000000]'],
    ['int64 max', '9223372036854775807'],
    ['int64 max + 1 becomes a float', '9223372036854775808'],
    ['int64 min', '-9223372036854775808'],
    ['int64 min - 1 becomes a float', '-9223372036854775809'],
    ['20 digits', '12345678901234567890'],
    ['30 digits', '123456789012345678901234567890'],
    ['2^53 + 1 as integer', '9007199254740993'],
    // Floats.
    ['one point zero', '1.0'],
    ['tenth', '0.1'],
    ['1e25', '1e25'],
    ['capital exponent', '1E2'],
    ['minus zero float', '-0.0'],
    ['float zero', '0.0'],
    ['small fractions', '[0.0001,0.00001,0.001,2.5e-5,1e-4,0.5]'],
    ['powers of ten', '[1e15,1e16,1e17,1e18,1e20,1e21,1e22]'],
    ['large and tiny', '[1.5e300,5e-324,1.7976931348623157e308,2.2250738585072014e-308]'],
    ['long fractions', '[123456789.123456789,3.141592653589793,0.30000000000000004,1.1]'],
    ['exponent forms in input', '[1e+2,-1.5E-3,100.50,10e-1,0.1e1]'],
    ['float 2^53 + 1', '9007199254740993.0'],
    ['integers written as floats', '[2.0,-3.0,1e0,1e2,123e3]'],
    // Structures.
    ['empty object', '{}'],
    ['empty array', '[]'],
    ['empties nested', '{"o":{},"a":[],"aa":[[]],"ao":[{}]}'],
    ['key order kept', '{"b":1,"a":2,"c":{"z":1,"y":2}}'],
    ['numeric keys stay an object', '{"0":"a","1":"b"}'],
    ['empty key', '{"":1}'],
    ['unicode and slash keys', '{"é":1,"😀":2,"a/b":3}'],
    ['whitespace removed', "{\n  \"a\" : [ 1 , 2 ] ,\n\t\"b\" : null\r\n}"],
    ['literals', '[true,false,null]'],
    ['deep nesting', '[[[[[[[[[[{"x":[[[]]]}]]]]]]]]]]'],
    ['api body', '{"code":0,"msg":"ok","data":{"list":[{"id":1,"name":"小爱","url":"http://a.b/c","price":9.9,"tags":[]}],"total":1,"ext":{}}}'],
    // Not encodable: INF. json_encode returns false; with JSON_PARTIAL_OUTPUT_ON_ERROR it writes 0.
    ['overflowing float', '[1e400]'],
];

// Random documents from a fixed seed.
mt_srand(20240519);
function randomString(): string {
    static $pool = ['a', 'Z', '0', ' ', '"', '\\', '/', "\n", "\t", "\x01", "\x7f", 'é', '€', "\u{2028}", '日',
                    '😀', '𝄞', "\u{10FFFF}", "\u{FFFD}", '<', '&'];
    $s = '';
    for ($i = mt_rand(0, 8); $i > 0; $i--) {
        $s .= $pool[mt_rand(0, count($pool) - 1)];
    }
    return $s;
}
function randomDouble(): float {
    while (true) {
        $bytes = '';
        for ($i = 0; $i < 8; $i++) {
            $bytes .= chr(mt_rand(0, 255));
        }
        $d = unpack('E', $bytes)[1];
        if (is_finite($d)) {
            return $d;
        }
    }
}
function randomValue(int $depth) {
    switch (mt_rand(0, $depth >= 4 ? 4 : 6)) {
        case 0: return [null, true, false][mt_rand(0, 2)];
        case 1: return mt_rand(-1000000, 1000000);
        case 2: return randomDouble();
        case 3: return mt_rand(0, 1) ? mt_rand(0, 99999) / 100 : mt_rand(1, 999) * (10 ** mt_rand(-12, 25));
        case 4: return randomString();
        case 5:
            $a = [];
            for ($i = mt_rand(0, 5); $i > 0; $i--) {
                $a[] = randomValue($depth + 1);
            }
            return $a;
        default:
            $o = new stdClass();
            for ($i = mt_rand(0, 5); $i > 0; $i--) {
                $key = randomString();
                if ($key === '' || $key[0] === "\0") {
                    continue;
                }
                $o->$key = randomValue($depth + 1);
            }
            return $o;
    }
}

$vectors = [];
foreach ($fixed as [$name, $input]) {
    $vectors[] = ['name' => $name, 'input' => $input];
}
for ($k = 0; $k < 100; $k++) {
    // The input text is PHP's own pretty, unescaped printing; the expected output is the default printing.
    $input = json_encode(randomValue(0), JSON_PRETTY_PRINT | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES);
    $vectors[] = ['name' => sprintf('random %03d', $k), 'input' => $input];
}

foreach ($vectors as &$v) {
    $decoded = json_decode($v['input'], false, 512, JSON_THROW_ON_ERROR);
    $encoded = json_encode($decoded);
    if ($encoded === false) {
        $v['expected'] = null;
        $v['php_error'] = json_last_error_msg();
        $v['partial_output'] = json_encode($decoded, JSON_PARTIAL_OUTPUT_ON_ERROR);
    } else {
        $v['expected'] = $encoded;
    }
}
unset($v);

$doc = [
    'description' => 'PHP json_encode($v) with default flags, where $v = json_decode($input) (objects as stdClass, '
        . 'serialize_precision = -1). "expected" is PHP\'s output; when json_encode fails it is null, and '
        . '"php_error" and "partial_output" (with JSON_PARTIAL_OUTPUT_ON_ERROR) are given instead. Generated by '
        . 'scripts/vectors-json/generate-php-style.',
    'php_version' => PHP_VERSION,
    'vectors' => $vectors,
];
// An optional argument names the output folder (scripts/generate-vectors --check writes into a scratch folder).
$out = ($argv[1] ?? __DIR__ . '/../../Vectors/jcs') . '/php-style.json';
file_put_contents($out, json_encode($doc, JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_THROW_ON_ERROR) . "\n");
fwrite(STDOUT, sprintf("wrote %d vectors to %s with PHP %s\n", count($vectors), realpath($out), PHP_VERSION));
