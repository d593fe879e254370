// The password diagnosis's sentences and the cipher's errors.

extension Messages {
    static let cipher: [(english: String, chinese: String)] = [
        // cipher.plusAsSpace, urlSafeAlphabet, missingPadding, lineWrapped, percentEncoded, doubleBase64
        (
            #"a space where base64 has '+': the value was form- or URL-decoded (application/x-www-form-urlencoded "#
                + #"turns '+' into a space)"#,
            #"base64 中本应是 '+' 的位置变成了空格：这个值被当作表单或 URL 解码过（application/x-www-form-urlencoded "#
                + #"会把 '+' 变成空格）"#
        ),
        (
            #"put the '+' back, or percent-encode the value ('+' as %2B) when it travels in a form or a URL; the API "#
                + #"expects a JSON body"#,
            #"把 '+' 换回来；如果值要放进表单或 URL，先做百分号编码（'+' 写成 %2B）；接口要求 JSON 请求体"#
        ),
        (
            #"'-' and '_' are the URL-safe base64 alphabet (e.g. Python's base64.urlsafe_b64encode, Node's "#
                + #"'base64url'); the API uses standard base64 with '+' and '/'"#,
            #"'-' 和 '_' 属于 URL 安全的 base64 字母表（例如 Python 的 base64.urlsafe_b64encode、Node 的 'base64url'）；"#
                + #"接口使用带 '+' 和 '/' 的标准 base64"#
        ),
        (
            #"encode with standard base64: base64.b64encode, base64_encode, Buffer.toString('base64')"#,
            #"用标准 base64 编码：base64.b64encode、base64_encode、Buffer.toString('base64')"#
        ),
        (
            #"the '=' padding was stripped from the base64 ({0} characters, {1} '=' missing)"#,
            #"base64 末尾的 '=' 填充被去掉了（{0} 个字符，缺少 {1} 个 '='）"#
        ),
        (
            #"keep the '=' padding: standard base64 is always a multiple of 4 characters"#,
            #"保留 '=' 填充：标准 base64 的长度总是 4 的倍数"#
        ),
        (
            #"the base64 is broken into lines ({0} characters before the first line break), as MIME encoders do: "#
                + #"Python's base64.encodebytes, PHP's chunk_split, openssl enc -a"#,
            #"base64 被分成了多行（第一个换行前有 {0} 个字符），这是 MIME 编码器的做法：Python 的 base64.encodebytes、"#
                + #"PHP 的 chunk_split、openssl enc -a"#
        ),
        (
            #"encode on one line without line breaks: base64.b64encode, base64_encode, openssl enc -A"#,
            #"编码成一行，不要换行：base64.b64encode、base64_encode、openssl enc -A"#
        ),
        (
            #"the value is still URL-encoded (%2B, %2F, %3D): it was percent-encoded once more than it was decoded"#,
            #"这个值仍是 URL 编码的（%2B、%2F、%3D）：百分号编码的次数比解码多了一次"#
        ),
        (
            #"URL-decode it once on receipt, or do not URL-encode a value sent inside a JSON body"#,
            #"收到后做一次 URL 解码；或者放在 JSON 请求体里的值就不要做 URL 编码"#
        ),
        (
            #"the ciphertext was base64-encoded twice (e.g. base64_encode(openssl_encrypt(…, 0, …)), where "#
                + #"openssl_encrypt already returns base64)"#,
            #"密文被 base64 编码了两次（例如 base64_encode(openssl_encrypt(…, 0, …))，而 openssl_encrypt 已经返回 base64）"#
        ),
        (
            #"base64-encode the raw ciphertext once: openssl_encrypt with options 0 already did it"#,
            #"只对原始密文做一次 base64 编码：options 为 0 的 openssl_encrypt 已经做过了"#
        ),
        // cipher.keyRepeated, keyMd5, keyFromHexText, hexKeyAsText, vendorKey
        (
            #"use the key text zero-padded to 16 bytes, as PHP's openssl_encrypt does: 78 69 61 6f 61 and eleven 00 "#
                + #"bytes for xiaoa"#,
            #"密钥用密钥文本补 0 到 16 字节，与 PHP 的 openssl_encrypt 一致：xiaoa 即 78 69 61 6f 61 加 11 个 00 字节"#
        ),
        (
            #"the key was the key text repeated to 16 bytes (e.g. Node's Buffer.alloc(16, key)) instead of "#
                + #"zero-padded"#,
            #"密钥是把密钥文本重复填满 16 字节（例如 Node 的 Buffer.alloc(16, key)），而不是补 0"#
        ),
        (
            #"the key was the first 16 hex characters of md5(key text) (e.g. substr(md5($key), 0, 16)) instead of "#
                + #"the zero-padded key text"#,
            #"密钥是 md5(密钥文本) 的前 16 个十六进制字符（例如 substr(md5($key), 0, 16)），而不是补 0 的密钥文本"#
        ),
        (
            #"the key was the 16-byte md5 digest of the key text (e.g. MessageDigest MD5 in Java) instead of the "#
                + #"zero-padded key text"#,
            #"密钥是密钥文本的 16 字节 md5 摘要（例如 Java 的 MessageDigest MD5），而不是补 0 的密钥文本"#
        ),
        (
            #"the key was the hex spelling of the key used as text (e.g. '7869616f610000000000000000000000' passed "#
                + #"to openssl_encrypt, which keeps its first 16 characters)"#,
            #"把密钥的十六进制写法当成了文本密钥（例如把 '7869616f610000000000000000000000' 传给 openssl_encrypt，"#
                + #"它只取前 16 个字符）"#
        ),
        (
            #"pass the key bytes, not their hex spelling: the text 'xiaoa', or hex2bin of the hex"#,
            #"传入密钥的字节，而不是它的十六进制写法：文本 'xiaoa'，或对十六进制做 hex2bin"#
        ),
        (
            #"the key given is 32 hex digits used as text, but the ciphertext was made with the 16 bytes those "#
                + #"digits spell"#,
            #"给出的密钥是 32 位十六进制，被当作文本使用了，但密文是用这些数字表示的 16 个字节加密的"#
        ),
        (#"give a hex key with --key-hex, not --key"#, #"十六进制密钥请用 --key-hex 给出，而不是 --key"#),
        (
            #"the ciphertext was made with the vendor's key (xiaoa, zero-padded) and IV 1234567890123456, not with "#
                + #"the key and IV given"#,
            #"密文是用厂商的密钥（xiaoa，补 0）和 IV 1234567890123456 加密的，而不是给出的密钥和 IV"#
        ),
        (
            #"use the vendor's key and IV, or check why another key was expected"#,
            #"使用厂商的密钥和 IV，或者查明为什么预期的是另一个密钥"#
        ),
        // cipher.ecbMode, zeroPadding, trailingNewline, gbkPlaintext, cryptoJsPassphrase
        (
            #"the ciphertext was made with AES-128-ECB, which ignores the IV, not AES-128-CBC"#,
            #"密文是用 AES-128-ECB（不使用 IV）加密的，而不是 AES-128-CBC"#
        ),
        (
            #"encrypt with aes-128-cbc and the IV 1234567890123456"#,
            #"用 aes-128-cbc 和 IV 1234567890123456 加密"#
        ),
        (
            #"the plaintext was not PKCS#7-padded: with zero-byte padding (e.g. OPENSSL_ZERO_PADDING and "#
                + #"str_pad(…, "\0")) a whole block gets no padding at all"#,
            #"明文没有做 PKCS#7 填充：用 0 字节填充时（例如 OPENSSL_ZERO_PADDING 加 str_pad(…, "\0")），"#
                + #"正好整块的明文根本不会被填充"#
        ),
        (
            #"the plaintext was padded with {0} zero byte (e.g. OPENSSL_ZERO_PADDING and str_pad(…, "\0")) instead "#
                + #"of PKCS#7"#,
            #"明文用 {0} 个 0 字节填充（例如 OPENSSL_ZERO_PADDING 加 str_pad(…, "\0")），而不是 PKCS#7 填充"#
        ),
        (
            #"the plaintext was padded with {0} zero bytes (e.g. OPENSSL_ZERO_PADDING and str_pad(…, "\0")) instead "#
                + #"of PKCS#7"#,
            #"明文用 {0} 个 0 字节填充（例如 OPENSSL_ZERO_PADDING 加 str_pad(…, "\0")），而不是 PKCS#7 填充"#
        ),
        (
            #"let the cipher add PKCS#7 padding: openssl_encrypt with options 0 or OPENSSL_RAW_DATA, no manual "#
                + #"padding"#,
            #"让加密库自己做 PKCS#7 填充：openssl_encrypt 的 options 用 0 或 OPENSSL_RAW_DATA，不要手动填充"#
        ),
        (
            #"the plaintext ends with a line end ({0}): the password was encrypted with the newline it was read with "#
                + #"(e.g. fgets, readline, echo without -n)"#,
            #"明文以行尾（{0}）结束：密码连同读入时的换行符一起被加密了（例如 fgets、readline、不带 -n 的 echo）"#
        ),
        (
            #"the plaintext of {0} ends with a line end ({1}): the password was encrypted with the newline it was "#
                + #"read with (e.g. fgets, readline, echo without -n)"#,
            #"{0} 的明文以行尾（{1}）结束：密码连同读入时的换行符一起被加密了（例如 fgets、readline、不带 -n 的 echo）"#
        ),
        (
            #"strip the line end before encrypting: trim(), rstrip("\r\n"), echo -n"#,
            #"加密前去掉行尾：trim()、rstrip("\r\n")、echo -n"#
        ),
        (
            #"the plaintext bytes are {0}, not UTF-8 (e.g. Python's password.encode('gbk') or a client running in "#
                + #"code page 936)"#,
            #"明文字节是 {0} 编码，而不是 UTF-8（例如 Python 的 password.encode('gbk')，或运行在代码页 936 下的客户端）"#
        ),
        (
            #"the plaintext bytes are {0}, not UTF-8: {1} is "{2}" in {3}, whose UTF-8 bytes are {4}"#,
            #"明文字节是 {0} 编码，而不是 UTF-8：{1} 在 {3} 中是 "{2}"，它的 UTF-8 字节是 {4}"#
        ),
        (
            #"encrypt the UTF-8 bytes of the password (e.g. password.encode('utf-8'), mb_convert_encoding($p, "#
                + #"'UTF-8', 'GBK'))"#,
            #"加密密码的 UTF-8 字节（例如 password.encode('utf-8')、mb_convert_encoding($p, 'UTF-8', 'GBK')）"#
        ),
        (
            #"the value is CryptoJS passphrase output ('U2FsdGVkX1' is base64 of 'Salted__' and a salt): "#
                + #"CryptoJS.AES.encrypt(text, 'xiaoa') derives an AES-256 key and IV from a string key"#,
            #"这个值是 CryptoJS 口令模式的输出（'U2FsdGVkX1' 是 'Salted__' 加盐值的 base64）："#
                + #"CryptoJS.AES.encrypt(text, 'xiaoa') 会从字符串密钥派生出 AES-256 的密钥和 IV"#
        ),
        (
            #"the value is CryptoJS passphrase output ('U2FsdGVkX1' is base64 of 'Salted__' and a salt): "#
                + #"CryptoJS.AES.encrypt(text, 'xiaoa') derives an AES-256 key and IV from a string key, and it does "#
                + #"not decrypt with the key text as passphrase"#,
            #"这个值是 CryptoJS 口令模式的输出（'U2FsdGVkX1' 是 'Salted__' 加盐值的 base64）："#
                + #"CryptoJS.AES.encrypt(text, 'xiaoa') 会从字符串密钥派生出 AES-256 的密钥和 IV；"#
                + #"但用密钥文本作口令也解不开它"#
        ),
        (
            #"pass the key and IV as WordArrays: CryptoJS.AES.encrypt(text, CryptoJS.enc.Utf8.parse(key zero-padded "#
                + #"to 16 bytes), { iv: CryptoJS.enc.Utf8.parse('1234567890123456') })"#,
            #"以 WordArray 传入密钥和 IV：CryptoJS.AES.encrypt(text, CryptoJS.enc.Utf8.parse(补 0 到 16 字节的密钥), "#
                + #"{ iv: CryptoJS.enc.Utf8.parse('1234567890123456') })"#
        ),
        // noKnownCause (password)
        (#"the value is right"#, #"这个值是正确的"#),
        (#"nothing to fix"#, #"无需修改"#),
        (#"the key or IV cannot be used ({0})"#, #"密钥或 IV 无法使用（{0}）"#),
        (#"give the key as text or as exactly 32 hex digits"#, #"密钥请以文本或恰好 32 位十六进制给出"#),
        (
            #"the value is not standard base64, and no known damage (a space for '+', the URL-safe alphabet, "#
                + #"missing '=', line breaks, %XX, double base64) explains it"#,
            #"这个值不是标准 base64，且没有已知的损坏方式（'+' 变空格、URL 安全字母表、缺少 '='、换行、%XX、两次 base64）"#
                + #"能解释它"#
        ),
        (
            #"send the base64 that openssl_encrypt returned, unchanged"#,
            #"原样发送 openssl_encrypt 返回的 base64"#
        ),
        (
            #"the value is not standard base64 and shows {0:t}, but undoing that gives nothing that decrypts under "#
                + #"this key and IV (nor under a known wrong key, mode or padding)"#,
            #"这个值不是标准 base64，且有{0}的痕迹，但还原后仍无法用这个密钥和 IV 解密（已知的错误密钥、模式或填充也不行）"#
        ),
        (
            #"send the base64 that openssl_encrypt returned, unchanged, and check the key and IV"#,
            #"原样发送 openssl_encrypt 返回的 base64，并检查密钥和 IV"#
        ),
        (
            #"the value decodes to {0} bytes, not whole 16-byte AES blocks, and no known mistake explains it: it was "#
                + #"probably cut short or is not an AES-128-CBC ciphertext"#,
            #"这个值解码后是 {0} 字节，不是整数个 16 字节的 AES 块，也没有已知错误能解释：它可能被截断了，"#
                + #"或者根本不是 AES-128-CBC 密文"#
        ),
        (#"send the whole base64 ciphertext"#, #"发送完整的 base64 密文"#),
        (
            #"the padding does not check out under this key and IV, nor under any known key, mode or padding "#
                + #"mistake: the value was made with another key or IV, or was altered"#,
            #"用这个密钥和 IV 解密后填充不正确，已知的密钥、模式或填充错误也都不符：这个值是用别的密钥或 IV 加密的，"#
                + #"或者被改动过"#
        ),
        (
            #"encrypt with AES-128-CBC, the key text zero-padded to 16 bytes and the IV 1234567890123456"#,
            #"用 AES-128-CBC 加密，密钥为补 0 到 16 字节的密钥文本，IV 为 1234567890123456"#
        ),
        (
            #"the value decrypts correctly, but to a different password ({0} bytes): the client encrypted another "#
                + #"value"#,
            #"这个值能正确解密，但得到的是另一个密码（{0} 字节）：客户端加密的是别的值"#
        ),
        (
            #"the value decrypts correctly, but to a different password ({0} bytes, expected {1}): the client "#
                + #"encrypted another value"#,
            #"这个值能正确解密，但得到的是另一个密码（{0} 字节，预期 {1} 字节）：客户端加密的是别的值"#
        ),
        (
            #"check which password the client sends (a stale, mistyped or differently normalised one)"#,
            #"检查客户端发送的是哪个密码（过期的、输错的，或规范化方式不同的）"#
        ),
        (
            #"the value decrypts, but the plaintext is neither UTF-8 nor GBK/GB18030 text"#,
            #"这个值能解密，但明文既不是 UTF-8 也不是 GBK/GB18030 文本"#
        ),
        (#"encrypt the UTF-8 bytes of the password"#, #"加密密码的 UTF-8 字节"#),
        // The cipher's errors (after `error:`)
        (#"ciphertext is not valid base64"#, #"密文不是有效的 base64"#),
        (#"ciphertext is not valid base64: {0:t}"#, #"密文不是有效的 base64：{0}"#),
        (#"{0:t} at position {1}"#, #"第 {1} 个字符是{0}"#),
        (#"a space"#, #"空格"#),
        (#"a line feed"#, #"换行符"#),
        (#"a carriage return"#, #"回车符"#),
        (#"a tab"#, #"制表符"#),
        (#"length {0} is not a multiple of 4"#, #"长度 {0} 不是 4 的倍数"#),
        (#"'=' padding inside the text"#, #"'=' 填充出现在文本中间"#),
        (#"non-canonical final character '{0}'"#, #"最后一个字符 '{0}' 不是规范形式"#),
        (#"not UTF-8 text"#, #"不是 UTF-8 文本"#),
        (
            #"ciphertext length is not a positive multiple of 16 bytes"#,
            #"密文长度不是 16 字节的正整数倍"#
        ),
        (
            #"ciphertext length is not a positive multiple of 16 bytes: {0} bytes"#,
            #"密文长度不是 16 字节的正整数倍：{0} 字节"#
        ),
        (
            #"decryption failed: bad padding (wrong key or IV, or a damaged ciphertext)"#,
            #"解密失败：填充错误（密钥或 IV 不对，或密文已损坏）"#
        ),
        (#"invalid key or IV"#, #"密钥或 IV 无效"#),
        (#"invalid key or IV: {0:t}"#, #"密钥或 IV 无效：{0}"#),
        (#"key hex must be exactly 16 bytes"#, #"十六进制密钥必须恰好是 16 字节"#),
        (#"IV hex must be exactly 16 bytes"#, #"十六进制 IV 必须恰好是 16 字节"#),
        (#"key hex: not a hex digit at position {0}"#, #"十六进制密钥：第 {0} 个字符不是十六进制数字"#),
        (#"IV hex: not a hex digit at position {0}"#, #"十六进制 IV：第 {0} 个字符不是十六进制数字"#),
        (#"libcrypto failed"#, #"libcrypto 出错"#),
        (#"plaintext is not valid UTF-8 ({0} bytes)"#, #"明文不是有效的 UTF-8（{0} 字节）"#),
        (
            #"a base64 ciphertext is ASCII text; this value is not even UTF-8"#,
            #"base64 密文是 ASCII 文本；这个值连 UTF-8 都不是"#
        ),
        (#"the plaintext is not UTF-8 ({0} bytes): see its hex"#, #"明文不是 UTF-8（{0} 字节）：请看它的十六进制"#),
        (
            #"the key text is {0} bytes: zero-padded to 16 bytes, as PHP's openssl_encrypt does"#,
            #"密钥文本是 {0} 字节：补 0 到 16 字节，与 PHP 的 openssl_encrypt 一致"#
        ),
        (
            #"the key text is {0} bytes: cut to its first 16 bytes, as PHP's openssl_encrypt does"#,
            #"密钥文本是 {0} 字节：只取前 16 字节，与 PHP 的 openssl_encrypt 一致"#
        ),
        (
            #"the IV text is {0} bytes: zero-padded to 16 bytes, as PHP's openssl_encrypt does"#,
            #"IV 文本是 {0} 字节：补 0 到 16 字节，与 PHP 的 openssl_encrypt 一致"#
        ),
        (
            #"the IV text is {0} bytes: cut to its first 16 bytes, as PHP's openssl_encrypt does"#,
            #"IV 文本是 {0} 字节：只取前 16 字节，与 PHP 的 openssl_encrypt 一致"#
        ),
    ]
}
