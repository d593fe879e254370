// The findings' sentences (summary and fix) of the sign and password diagnoses, in English as the code writes
// them and in Simplified Chinese. `{0}` copies a value, `{0:t}` translates a nested message (see ``Catalogue``).

extension Messages {
    /// Words and short phrases that sentences put into their placeholders (`{0:t}`).
    static let words: [(english: String, chinese: String)] = [
        ("timestamp", "时间戳"),
        ("domain key", "域名 key"),
        ("space", "空格"),
        ("line feed", "换行符"),
        ("carriage return", "回车符"),
        ("tab", "制表符"),
        ("byte 0x{0}", "字节 0x{0}"),
        ("{0:t} + {1:t}", "{0} + {1}"),
        ("%XX escapes", "%XX 转义"),
        ("line breaks", "换行"),
        ("a space where base64 may have had '+'", "本应是 '+' 的位置出现空格"),
        ("URL-safe '-' or '_'", "URL 安全字母表的 '-' 或 '_'"),
        ("missing '=' padding", "缺少 '=' 填充"),
        ("{0:t}, {1:t}", "{0}、{1}"),
        ("leading", "开头"),
        ("trailing", "末尾"),
        ("leading and trailing", "首尾"),
        ("UTF-8 text", "UTF-8 文本"),
        ("the expected password", "预期的密码"),
    ]

    static let findings: [(english: String, chinese: String)] = [
        // sign.innerMd5Uppercase
        (
            #"md5 #1 was upper-cased before the second md5 (e.g. strtoupper(md5(…)) or a hex helper that prints A-F)"#,
            #"第二次 md5 之前，md5 #1 被转成了大写（例如 strtoupper(md5(…))，或输出 A-F 的十六进制工具函数）"#
        ),
        (
            #"hash the lowercase hex text of md5 #1, exactly as PHP's md5() returns it"#,
            #"对 md5 #1 的小写十六进制文本再做 md5，与 PHP 的 md5() 返回值完全一致"#
        ),
        // sign.outerUppercase
        (
            #"the sign is upper-case hex: the result of md5 #2 was upper-cased (e.g. strtoupper or .toUpperCase())"#,
            #"sign 是大写十六进制：md5 #2 的结果被转成了大写（例如 strtoupper 或 .toUpperCase()）"#
        ),
        (
            #"send the 10 characters in lowercase; the server compares them exactly"#,
            #"发送小写的 10 个字符；服务器逐字节比较"#
        ),
        // sign.singleMd5
        (
            #"the sign was cut from a single md5(timestamp . domain_key), not from the md5 of that md5's hex text"#,
            #"sign 截取自只做了一次的 md5(timestamp . domain_key)，而不是对这个 md5 的十六进制文本再做一次 md5"#
        ),
        (
            #"apply md5 twice: md5(md5(timestamp . domain_key)), the outer md5 over the 32 lowercase hex characters"#,
            #"做两次 md5：md5(md5(timestamp . domain_key))，外层 md5 的输入是 32 个小写十六进制字符"#
        ),
        // sign.swappedConcatenation
        (
            #"the domain key and the timestamp were concatenated in the wrong order (domain_key . timestamp)"#,
            #"域名 key 和时间戳的拼接顺序反了（domain_key . timestamp）"#
        ),
        (#"hash timestamp . domain_key: the timestamp first"#, #"对 timestamp . domain_key 做哈希：时间戳在前"#),
        // sign.separator
        (
            #"a literal '.' was put between the timestamp and the domain key, but in PHP's timestamp.domain_key the "#
                + #"'.' is the concatenation operator, not a character"#,
            #"时间戳和域名 key 之间多了一个字符 '.'：PHP 的 timestamp.domain_key 里，'.' 是字符串拼接运算符，不是字符"#
        ),
        (
            #"a separator '{0}' was put between the timestamp and the domain key"#,
            #"时间戳和域名 key 之间多了分隔符 '{0}'"#
        ),
        (
            #"a separator '{0}' was put between the domain key and the timestamp"#,
            #"域名 key 和时间戳之间多了分隔符 '{0}'"#
        ),
        (#"concatenate the two strings with nothing in between"#, #"两个字符串直接拼接，中间不加任何字符"#),
        // sign.wrongCut
        (
            #"the sign is only {0}[8..<10]: substring(8, 10) was written as if 10 were a length, but Java and "#
                + #"JavaScript take an end index"#,
            #"sign 只有 {0}[8..<10]：substring(8, 10) 把 10 当成了长度，但 Java 和 JavaScript 的第二个参数是结束下标"#
        ),
        (
            #"the sign was cut one character late, at offset 9: the 9th character was counted from 1 (e.g. h[9:19] "#
                + #"or substr($h, 9, 10))"#,
            #"sign 晚截了一个字符，从偏移量 9 开始：把第 9 个字符从 1 开始数了（例如 h[9:19] 或 substr($h, 9, 10)）"#
        ),
        (
            #"the sign was cut one character early, at offset 7 instead of 8"#,
            #"sign 早截了一个字符，从偏移量 7 而不是 8 开始"#
        ),
        (
            #"the sign has {0} characters instead of 10: the length of the cut is off by one"#,
            #"sign 有 {0} 个字符而不是 10 个：截取长度差了一位"#
        ),
        (
            #"the sign is {0}[{1}..<{2}] (offset {3}, length {4}) instead of [8..<18]"#,
            #"sign 是 {0}[{1}..<{2}]（偏移量 {3}，长度 {4}），而不是 [8..<18]"#
        ),
        (
            #"take 10 characters from offset 8: substr($h, 8, 10) in PHP, h.substring(8, 18) in Java or JavaScript, "#
                + #"h[8:18] in Python"#,
            #"从偏移量 8 开始取 10 个字符：PHP 用 substr($h, 8, 10)，Java 或 JavaScript 用 h.substring(8, 18)，"#
                + #"Python 用 h[8:18]"#
        ),
        // sign.leadingZerosDropped
        (
            #"format every md5 as exactly 32 hex digits, keeping leading zeros (e.g. String.format("%032x", new "#
                + #"BigInteger(1, digest)))"#,
            #"每个 md5 都格式化为恰好 32 位十六进制，保留开头的 0（例如 String.format("%032x", new "#
                + #"BigInteger(1, digest))）"#
        ),
        (
            #"md5 #1 lost its leading zero before the second md5 (hex from a big integer, e.g. Java's new "#
                + #"BigInteger(1, digest).toString(16)), so {0} characters were hashed"#,
            #"第二次 md5 之前，md5 #1 丢掉了开头的 0（用大整数转十六进制，例如 Java 的 new "#
                + #"BigInteger(1, digest).toString(16)），因此只对 {0} 个字符做了哈希"#
        ),
        (
            #"md5 #1 lost its leading {0} zeros before the second md5 (hex from a big integer, e.g. Java's new "#
                + #"BigInteger(1, digest).toString(16)), so {1} characters were hashed"#,
            #"第二次 md5 之前，md5 #1 丢掉了开头的 {0} 个 0（用大整数转十六进制，例如 Java 的 new "#
                + #"BigInteger(1, digest).toString(16)），因此只对 {1} 个字符做了哈希"#
        ),
        (
            #"{0} lost its leading zero (hex from a big integer, e.g. Java's new BigInteger(1, digest).toString(16)), "#
                + #"so the cut starts 1 character late"#,
            #"{0} 丢掉了开头的 0（用大整数转十六进制，例如 Java 的 new BigInteger(1, digest).toString(16)），"#
                + #"因此截取位置晚了 1 个字符"#
        ),
        (
            #"{0} lost its leading {1} zeros (hex from a big integer, e.g. Java's new "#
                + #"BigInteger(1, digest).toString(16)), so the cut starts {2} characters late"#,
            #"{0} 丢掉了开头的 {1} 个 0（用大整数转十六进制，例如 Java 的 new BigInteger(1, digest).toString(16)），"#
                + #"因此截取位置晚了 {2} 个字符"#
        ),
        // sign.millisecondTimestamp
        (
            #"send Unix seconds (e.g. Math.floor(Date.now() / 1000), time() in PHP) and sign exactly the string that "#
                + #"is sent"#,
            #"发送以秒为单位的 Unix 时间（例如 Math.floor(Date.now() / 1000)，PHP 的 time()），并对实际发送的字符串计算签名"#
        ),
        (
            #"the timestamp {0} has 13 digits: it counts milliseconds (e.g. JavaScript's Date.now() or Java's "#
                + #"System.currentTimeMillis()), while the API reads Unix time in seconds"#,
            #"时间戳 {0} 有 13 位：它是毫秒数（例如 JavaScript 的 Date.now() 或 Java 的 System.currentTimeMillis()），"#
                + #"而接口按秒读取 Unix 时间"#
        ),
        (
            #"the sign was computed over the millisecond timestamp {0} (e.g. Date.now()) while the timestamp sent is "#
                + #"in seconds"#,
            #"签名是用毫秒时间戳 {0} 计算的（例如 Date.now()），而发送的时间戳以秒为单位"#
        ),
        (
            #"the sign was computed over the timestamp in seconds ({0}) while the 13-digit millisecond timestamp was "#
                + #"sent"#,
            #"签名是用以秒为单位的时间戳（{0}）计算的，而发送的是 13 位的毫秒时间戳"#
        ),
        (
            #"the timestamp has 13 digits: it is in milliseconds (e.g. JavaScript's Date.now() or Java's "#
                + #"System.currentTimeMillis()), {0} seconds in the future when read as seconds"#,
            #"时间戳有 13 位：它是毫秒（例如 JavaScript 的 Date.now() 或 Java 的 System.currentTimeMillis()），"#
                + #"按秒读取则在 {0} 秒之后"#
        ),
        // sign.whitespace
        (
            #"sign and send the very same strings: trim a value once, when it is read"#,
            #"签名和发送使用完全相同的字符串：在读入值时去掉一次首尾空白"#
        ),
        (
            #"the sign was computed over the {0:t} with a leading {1:t} (e.g. a line read from a file or stdin "#
                + #"without trimming)"#,
            #"计算签名时{0}开头多了{1}（例如从文件或 stdin 读入的一行没有去掉空白）"#
        ),
        (
            #"the sign was computed over the {0:t} with a trailing {1:t} (e.g. a line read from a file or stdin "#
                + #"without trimming)"#,
            #"计算签名时{0}末尾多了{1}（例如从文件或 stdin 读入的一行没有去掉空白）"#
        ),
        (
            #"the {0:t} sent has whitespace around it ({1}) but the sign was computed over the trimmed value"#,
            #"发送的{0}首尾带有空白（{1}），但签名是用去掉空白后的值计算的"#
        ),
        (
            #"the sign itself is right but carries whitespace ({0}), e.g. a line end from a file or command output"#,
            #"sign 本身是对的，但带有空白（{0}），例如来自文件或命令输出的行尾"#
        ),
        (#"send the 10 characters without whitespace"#, #"发送不带空白的 10 个字符"#),
        // sign.timestampTooOld, sign.timestampInFuture, sign.timestampNotInteger
        (
            #"the timestamp is {0} seconds before now, more than the allowed {1}: the request was built long before "#
                + #"it was sent or replayed, or the client's clock is behind"#,
            #"时间戳比现在早 {0} 秒，超过了允许的 {1} 秒：请求生成后很久才发送，或被重放，或客户端时钟慢了"#
        ),
        (
            #"build each request with the current Unix time just before sending it, and keep the client's clock in "#
                + #"sync (NTP)"#,
            #"每个请求都在发送前用当前 Unix 时间生成，并保持客户端时钟同步（NTP）"#
        ),
        (
            #"the timestamp is {0} seconds after now, more than the allowed {1}: the client's clock is ahead"#,
            #"时间戳比现在晚 {0} 秒，超过了允许的 {1} 秒：客户端时钟快了"#
        ),
        (
            #"keep the client's clock in sync (NTP) and send the current Unix time in seconds"#,
            #"保持客户端时钟同步（NTP），并发送以秒为单位的当前 Unix 时间"#
        ),
        (
            #"the timestamp has whitespace around it, so it is not a whole number of seconds and its age cannot be "#
                + #"checked"#,
            #"时间戳首尾带有空白，不是整数秒，无法检查它的时效"#
        ),
        (
            #"the timestamp is not a whole number of seconds in decimal digits, so its age cannot be checked"#,
            #"时间戳不是用十进制数字表示的整数秒，无法检查它的时效"#
        ),
        (
            #"send the Unix time in seconds as decimal digits only, e.g. 1700000000"#,
            #"只用十进制数字发送以秒为单位的 Unix 时间，例如 1700000000"#
        ),
        // noKnownCause (sign)
        (
            #"the sign matches none of the known mistakes (letter case, single md5, order, separator, cut, leading "#
                + #"zeros, milliseconds, whitespace)"#,
            #"sign 不符合任何已知错误（大小写、单次 md5、拼接顺序、分隔符、截取位置、开头的 0、毫秒、空白）"#
        ),
        (
            #"check that both sides use the same domain key, the commonest cause, and compare each step with "#
                + #"xiaoa-crypto sign --explain"#,
            #"先确认双方用的是同一个域名 key（最常见的原因），再用 xiaoa-crypto sign --explain 逐步对比"#
        ),
    ]
}
