// The tools' own `error:`, `warning:` and `hint:` texts, and swift-argument-parser's usage errors as `main`
// reports them (first letter lower-cased).

extension Messages {
    static let commandLine: [(english: String, chinese: String)] = [
        (#"line {0}, column {1}: {2:t}"#, #"第 {0} 行第 {1} 列：{2}"#),
        (#"line {0}: {1:t}"#, #"第 {0} 行：{1}"#),
        (#"password: {0:t}"#, #"password：{0}"#),
        (#"old_pwd: {0:t}"#, #"old_pwd：{0}"#),
        (#"new_pwd: {0:t}"#, #"new_pwd：{0}"#),
        (#"stdin: {0:t}"#, #"stdin：{0}"#),
        (#"cannot open the log file {0}: {1:t}"#, #"无法打开日志文件 {0}：{1}"#),
        (#"cannot open the log file {0}: {1}"#, #"无法打开日志文件 {0}：{1}"#),
        // The system's words for the commonest errno values (strerror), inside the messages below.
        (#"No such file or directory"#, #"文件或目录不存在"#),
        (#"Permission denied"#, #"权限不足"#),
        (#"Is a directory"#, #"这是一个目录"#),
        (#"No space left on device"#, #"设备上没有剩余空间"#),
        (#"Broken pipe"#, #"管道已断开"#),
        (#"File exists"#, #"文件已存在"#),
        (#"Not a directory"#, #"不是目录"#),
        (#"cannot open {0}: {1:t}"#, #"无法打开 {0}：{1}"#),
        (#"cannot open {0}: {1}"#, #"无法打开 {0}：{1}"#),
        (#"cannot open {0}"#, #"无法打开 {0}"#),
        (#"cannot write {0}: {1:t}"#, #"无法写入 {0}：{1}"#),
        (#"cannot write {0}: {1}"#, #"无法写入 {0}：{1}"#),
        (#"cannot read {0}: {1:t}"#, #"无法读取 {0}：{1}"#),
        (#"cannot read {0}: {1}"#, #"无法读取 {0}：{1}"#),
        (#"cannot create {0}: {1:t}"#, #"无法创建 {0}：{1}"#),
        (#"cannot create {0}: {1}"#, #"无法创建 {0}：{1}"#),
        (#"{0} file {1} is not UTF-8 text"#, #"{0}文件 {1} 不是 UTF-8 文本"#),
        (
            #"--batch prints one sign per line; --format and --explain do not apply"#,
            #"--batch 每行输出一个 sign；--format 和 --explain 不适用"#
        ),
        (
            #"--batch reads one ciphertext per stdin line; drop BASE64, --raw and --explain"#,
            #"--batch 从 stdin 每行读取一个密文；请去掉 BASE64、--raw 和 --explain"#
        ),
        (
            #"--batch reads one plaintext per stdin line; drop TEXT and --explain"#,
            #"--batch 从 stdin 每行读取一个明文；请去掉 TEXT 和 --explain"#
        ),
        (
            #"--batch reads timestamps and domain keys from stdin; drop --domain-key and --timestamp"#,
            #"--batch 从 stdin 读取时间戳和域名 key；请去掉 --domain-key 和 --timestamp"#
        ),
        (#"--count must be 0 or more, got {0}"#, #"--count 必须不小于 0，实际是 {0}"#),
        (#"--format curl needs --base-url URL"#, #"--format curl 需要 --base-url URL"#),
        (#"--old-password-env belongs to assoc/update"#, #"--old-password-env 只用于 assoc/update"#),
        (#"--redirect belongs to assoc/login"#, #"--redirect 只用于 assoc/login"#),
        (#"{0} needs --c-username"#, #"{0} 需要 --c-username"#),
        (#"{0} needs --user-name"#, #"{0} 需要 --user-name"#),
        (#"assoc/login has no user name"#, #"assoc/login 没有 user name"#),
        (#"assoc/login takes no password"#, #"assoc/login 不需要密码"#),
        (
            #"assoc/update needs both --old-password-env and --password-env, or two lines on stdin"#,
            #"assoc/update 需要同时给出 --old-password-env 和 --password-env，或在 stdin 上给出两行"#
        ),
        (
            #"assoc/update reads two lines (old password, then new password), found {0}"#,
            #"assoc/update 读取两行（先旧密码，再新密码），实际有 {0} 行"#
        ),
        (
            #"give the plaintext one way: TEXT, --password-env or --password-file"#,
            #"明文只能用一种方式给出：TEXT、--password-env 或 --password-file"#
        ),
        (
            #"give the ciphertext one way: --ciphertext or --ciphertext-file"#,
            #"密文只能用一种方式给出：--ciphertext 或 --ciphertext-file"#
        ),
        (
            #"give the expected password at most one way: --expect, --expect-stdin or --expect-env"#,
            #"预期密码最多只能用一种方式给出：--expect、--expect-stdin 或 --expect-env"#
        ),
        (
            #"give the expected password one way: --expect, --expect-stdin or --expect-env"#,
            #"预期密码只能用一种方式给出：--expect、--expect-stdin 或 --expect-env"#
        ),
        (
            #"stdin cannot hold both the ciphertext and the expected password"#,
            #"stdin 不能同时提供密文和预期密码"#
        ),
        (
            #"several kinds need --out-dir DIR: each file has one schema, so each kind gets its own file"#,
            #"多种类型需要 --out-dir DIR：每个文件只有一种 schema，所以每种类型各占一个文件"#
        ),
        (
            #"kind 'request' is not available yet: there is no request vector schema (kinds: sign, password)"#,
            #"类型 'request' 暂不可用：还没有请求向量的 schema（可用类型：sign、password）"#
        ),
        (#"unknown kind '{0}' in --kinds (kinds: sign, password)"#, #"--kinds 中有未知类型 '{0}'（可用类型：sign、password）"#),
        (#"no {0:t} on stdin (empty input)"#, #"stdin 上没有{0}（输入为空）"#),
        (#"ciphertext"#, #"密文"#),
        (#"plaintext"#, #"明文"#),
        (#"password"#, #"密码"#),
        (#"{0} is larger than {1} bytes"#, #"{0} 大于 {1} 字节"#),
        (#"use --batch for many values"#, #"值很多时请用 --batch"#),
        (#"pipe a line in, or pass the value as an argument"#, #"通过管道输入一行，或把值作为参数传入"#),
        (
            #"the {0:t} on the command line is visible to other users and in shell history; prefer stdin, an "#
                + #"environment variable or a file"#,
            #"命令行上的{0}对其他用户可见，也会留在 shell 历史中；建议改用 stdin、环境变量或文件"#
        ),
        (#"expected password"#, #"预期密码"#),
        (#"environment variable {0} for the {1:t} is not set"#, #"{1}所用的环境变量 {0} 没有设置"#),
        (#"line {0} is longer than {1} bytes"#, #"第 {0} 行超过了 {1} 字节"#),
        (#"expected TIMESTAMP<TAB>DOMAIN_KEY, found no tab"#, #"应为 TIMESTAMP<TAB>DOMAIN_KEY，但没有找到制表符"#),
        (
            #"batch modes read one value per line; is this the right input?"#,
            #"批处理模式每行读取一个值；输入是否正确？"#
        ),
        (#"timestamp is empty"#, #"时间戳为空"#),
        (#"timestamp is not decimal digits"#, #"时间戳不是十进制数字"#),
        (
            #"the timestamp is Unix seconds in decimal digits, e.g. 1700000000"#,
            #"时间戳是以秒为单位、用十进制数字表示的 Unix 时间，例如 1700000000"#
        ),
        (#"remove the whitespace around the timestamp"#, #"去掉时间戳首尾的空白"#),
        (
            #"the timestamp has 13 digits: milliseconds? The API expects Unix seconds (10 digits)"#,
            #"时间戳有 13 位：是毫秒吗？接口要求以秒为单位的 Unix 时间（10 位）"#
        ),
        (#"the domain key is empty"#, #"域名 key 为空"#),
        (#"give the domain key the vendor assigned to your domain"#, #"请给出厂商为你的域名分配的域名 key"#),
        (
            #"the domain key from {0} has {1:t} whitespace, which is signed with it (only a line end is trimmed): "#
                + #"remove it unless the vendor's key really has it"#,
            #"来自 {0} 的域名 key {1}带有空白，它会一起参与签名（只会去掉行尾）：除非厂商的密钥确实如此，否则请去掉"#
        ),
        (#"missing the domain key"#, #"缺少域名 key"#),
        (
            #"give --domain-key K, --domain-key-env NAME or --domain-key-file PATH"#,
            #"请给出 --domain-key K、--domain-key-env NAME 或 --domain-key-file PATH"#
        ),
        (#"missing --domain-key"#, #"缺少 --domain-key"#),
        (
            #"missing --domain-key (or --domain-key-env / --domain-key-file)"#,
            #"缺少 --domain-key（或 --domain-key-env / --domain-key-file）"#
        ),
        (#"give --key or --key-hex, not both"#, #"--key 和 --key-hex 只能给一个"#),
        (#"give --iv or --iv-hex, not both"#, #"--iv 和 --iv-hex 只能给一个"#),
        (#"give --hex or --raw, not both"#, #"--hex 和 --raw 只能给一个"#),
        (#"give --password-env or --password-file, not both"#, #"--password-env 和 --password-file 只能给一个"#),
        (
            #"give one of --domain-key, --domain-key-env, --domain-key-file"#,
            #"--domain-key、--domain-key-env、--domain-key-file 只能给一个"#
        ),
        (
            #"give the known domain keys: --domain-key K (repeatable) or --domain-keys FILE"#,
            #"请给出已知的域名 key：--domain-key K（可重复）或 --domain-keys FILE"#
        ),
        (#"--max-skew must not be negative"#, #"--max-skew 不能为负数"#),
        (#"--jobs must be between 1 and 256"#, #"--jobs 必须在 1 到 256 之间"#),
        (#"unknown code {0}"#, #"未知的返回码 {0}"#),
        (#"the vendor's codes are {0}"#, #"厂商的返回码有：{0}"#),
        (#"unknown endpoint {0}; expected one of {1}"#, #"未知的接口 {0}；应为以下之一：{1}"#),
        (#"unknown endpoint {0}"#, #"未知的接口 {0}"#),
        (#"{0}: invalid JSON at {1:t}"#, #"{0}：JSON 无效，位置：{1}"#),
        (#"{0}: not valid JSON at {1:t}"#, #"{0}：不是有效的 JSON，位置：{1}"#),
        (#"line {0}, column {1}"#, #"第 {0} 行第 {1} 列"#),
        (#"unexpected end of input"#, #"输入意外结束"#),
        (#"invalid UTF-8"#, #"无效的 UTF-8"#),
        (#"nesting deeper than the limit of {0}"#, #"嵌套层数超过了上限 {0}"#),
        (#"duplicate key "{0}""#, #"重复的键 "{0}""#),
        (
            #"RFC 8785 needs unique keys; PHP's json_decode keeps the last one"#,
            #"RFC 8785 要求键唯一；PHP 的 json_decode 会保留最后一个"#
        ),
        (#"{0}: not HAR: no "log.entries" array"#, #"{0}：不是 HAR：没有 "log.entries" 数组"#),
        (#"{0}: not HAR: no "log" object"#, #"{0}：不是 HAR：没有 "log" 对象"#),
        (#"password mismatch"#, #"密码不匹配"#),
        (
            #"password mismatch: the ciphertext decrypts to a different value ({0} bytes, expected {1})"#,
            #"密码不匹配：密文解密后是另一个值（{0} 字节，预期 {1} 字节）"#
        ),
        (
            #"sign mismatch: {0} is not the sign of this timestamp and domain key"#,
            #"sign 不匹配：{0} 不是这个时间戳和域名 key 的 sign"#
        ),
        (#"the input is empty"#, #"输入为空"#),
        (
            #"1 line failed (first: line {0}); each printed an empty line on stdout"#,
            #"1 行失败（第一个是第 {0} 行）；每个失败行都在 stdout 上输出了一个空行"#
        ),
        (
            #"{0} lines failed (first: line {1}); each printed an empty line on stdout"#,
            #"{0} 行失败（第一个是第 {1} 行）；每个失败行都在 stdout 上输出了一个空行"#
        ),
        (#"use --hex or --raw to see the bytes"#, #"用 --hex 或 --raw 查看这些字节"#),
        (
            #"key hex must be exactly 16 bytes (32 hex digits), got {0} bytes"#,
            #"十六进制密钥必须恰好是 16 字节（32 位十六进制），实际是 {0} 字节"#
        ),
        (
            #"IV hex must be exactly 16 bytes (32 hex digits), got {0} bytes"#,
            #"十六进制 IV 必须恰好是 16 字节（32 位十六进制），实际是 {0} 字节"#
        ),
        (#"sign mismatch"#, #"sign 不匹配"#),
        (#"the ciphertext is not UTF-8 text"#, #"密文不是 UTF-8 文本"#),
        (#"a base64 ciphertext is ASCII; check the file"#, #"base64 密文是 ASCII 文本；请检查文件"#),
        (#"cannot find the built-in Vectors/ folder"#, #"找不到内置的 Vectors/ 目录"#),
        (#"set XIAOA_VECTORS_DIR or pass vector files"#, #"请设置 XIAOA_VECTORS_DIR，或传入向量文件"#),
        (
            #"IV text is {0} bytes; PHP pads or cuts it to 16 bytes, and so does this tool"#,
            #"IV 文本是 {0} 字节；PHP 会把它补齐或截断到 16 字节，本工具也一样"#
        ),
        (
            #"16 characters of text? use --key/--iv for text, --key-hex/--iv-hex for 32 hex digits"#,
            #"是 16 个字符的文本吗？文本请用 --key/--iv，32 位十六进制请用 --key-hex/--iv-hex"#
        ),
        // The summary line of verify har
        (
            #"{0} entries: {1} API calls ({2} accepted, {3} refused), 1 other skipped"#,
            #"{0} 个条目：{1} 个接口调用（{2} 个接受，{3} 个拒绝），跳过 1 个其他条目"#
        ),
        (
            #"{0} entries: {1} API calls ({2} accepted, {3} refused), {4} others skipped"#,
            #"{0} 个条目：{1} 个接口调用（{2} 个接受，{3} 个拒绝），跳过 {4} 个其他条目"#
        ),
        (
            #"{0} entries: {1} API calls ({2} accepted, {3} refused, 1 answer disagrees), 1 other skipped"#,
            #"{0} 个条目：{1} 个接口调用（{2} 个接受，{3} 个拒绝，1 个应答不一致），跳过 1 个其他条目"#
        ),
        (
            #"{0} entries: {1} API calls ({2} accepted, {3} refused, 1 answer disagrees), {4} others skipped"#,
            #"{0} 个条目：{1} 个接口调用（{2} 个接受，{3} 个拒绝，1 个应答不一致），跳过 {4} 个其他条目"#
        ),
        (
            #"{0} entries: {1} API calls ({2} accepted, {3} refused, {4} answers disagree), 1 other skipped"#,
            #"{0} 个条目：{1} 个接口调用（{2} 个接受，{3} 个拒绝，{4} 个应答不一致），跳过 1 个其他条目"#
        ),
        (
            #"{0} entries: {1} API calls ({2} accepted, {3} refused, {5} answers disagree), {4} others skipped"#,
            #"{0} 个条目：{1} 个接口调用（{2} 个接受，{3} 个拒绝，{5} 个应答不一致），跳过 {4} 个其他条目"#
        ),
        // Verdict lines of diagnose's text output (after `ok: ` / `wrong: `)
        (#"the sign is right"#, #"sign 正确"#),
        (#"the sign is right but the timestamp is not"#, #"sign 正确，但时间戳不对"#),
        (#"the sign does not match"#, #"sign 不匹配"#),
        (#"the ciphertext decrypts to {0:t}"#, #"密文解密后是{0}"#),
        (#"the ciphertext does not decrypt to {0:t}"#, #"密文解密后不是{0}"#),
        (#"no finding"#, #"没有发现问题"#),
        (
            #"warning (the sign is right, the value is still likely wrong):"#,
            #"警告（sign 正确，但这个值很可能仍然有误）："#
        ),
        (#"fresh ({0} s old)"#, #"有效（{0} 秒前）"#),
        (#"fresh ({0} s ahead)"#, #"有效（超前 {0} 秒）"#),
        (#"too old ({0} s before now)"#, #"太旧（比现在早 {0} 秒）"#),
        (#"in the future ({0} s after now)"#, #"在未来（比现在晚 {0} 秒）"#),
        (#"not a whole number of seconds"#, #"不是整数秒"#),
        // The server binary and the client binary (`call`)
        (#"is the server running? (xiaoa-crypto serve --port N)"#, #"服务器在运行吗？（xiaoa-crypto serve --port N）"#),
        (#"/assoc/{0}: {1} {2} ({3:t})"#, #"/assoc/{0}：{1} {2}（{3}）"#),
        (#"unknown code"#, #"未知返回码"#),
        (#"{0:t} (local diagnosis of what was sent)"#, #"{0}（对所发送内容的本地诊断）"#),
        (
            #"the clock this client signs with is {0} s ahead of the server's (its Date header), more than the usual "#
                + #"{1} s: set the clock (NTP) and send again"#,
            #"本客户端签名所用的时钟比服务器（它的 Date 头）快 {0} 秒，超过了通常的 {1} 秒：请校准时钟（NTP）后重新发送"#
        ),
        (
            #"the clock this client signs with is {0} s behind the server's (its Date header), more than the usual "#
                + #"{1} s: set the clock (NTP) and send again"#,
            #"本客户端签名所用的时钟比服务器（它的 Date 头）慢 {0} 秒，超过了通常的 {1} 秒：请校准时钟（NTP）后重新发送"#
        ),
        (
            #"the server's Date header is within {0} s of this machine's clock (timestamp {1}): the clock is not the "#
                + #"cause unless the server's own clock differs from its Date header"#,
            #"服务器的 Date 头与本机时钟相差在 {0} 秒以内（时间戳 {1}）：除非服务器自己的时钟与它的 Date 头不一致，"#
                + #"否则原因不在时钟"#
        ),
        (
            #"the answer has no Date header to compare this machine's clock with"#,
            #"应答没有 Date 头，无法与本机时钟比较"#
        ),
        (
            #"the server does not know the domain key sent, {0}: check the key the vendor assigned to this domain"#,
            #"服务器不认识发送的域名 key {0}：请核对厂商为这个域名分配的密钥"#
        ),
        (#"{0} is not UTF-8 text"#, #"{0} 不是 UTF-8 文本"#),
        (#"{0} holds no domain key"#, #"{0} 中没有域名 key"#),
        (#"request log: {0} line dropped ({1})"#, #"请求日志：丢弃了 {0} 行（{1}）"#),
        (#"request log: {0} lines dropped ({1})"#, #"请求日志：丢弃了 {0} 行（{1}）"#),
        (#"request log: cannot write {0}: {1:t}; dropping lines"#, #"请求日志：无法写入 {0}：{1}；将丢弃日志行"#),
        (#"request log: cannot write {0}: {1}; dropping lines"#, #"请求日志：无法写入 {0}：{1}；将丢弃日志行"#),
        (
            #"request log: writing {0} again after dropping {1} line"#,
            #"请求日志：丢弃 {1} 行后重新写入 {0}"#
        ),
        (
            #"request log: writing {0} again after dropping {1} lines"#,
            #"请求日志：丢弃 {1} 行后重新写入 {0}"#
        ),
        (#"the account name is empty"#, #"账号名为空"#),
        (#"--pbkdf2-iterations must be positive"#, #"--pbkdf2-iterations 必须是正数"#),
        (#"no account "{0}" in {1}"#, #"{1} 中没有账号 "{0}""#),
        (#"no database at {0}"#, #"{0} 处没有数据库"#),
        (#"--port must be 0...65535"#, #"--port 必须在 0...65535 之间"#),
        (#"--token-lifetime must be positive"#, #"--token-lifetime 必须是正数"#),
        (#"--idle-timeout must not be negative"#, #"--idle-timeout 不能为负数"#),
        (#"give --no-console or --console-anywhere, not both"#, #"--no-console 和 --console-anywhere 只能给一个"#),
        (#"connection refused by {0}: {1}"#, #"{0} 拒绝了连接：{1}"#),
        (#"no answer from {0} in time: {1}"#, #"{0} 没有及时应答：{1}"#),
        (#"cannot reach {0}: {1}"#, #"无法连接 {0}：{1}"#),
        (#"{0} answered HTTP {1}, not the vendor's 200: {2}"#, #"{0} 返回了 HTTP {1}，而不是厂商的 200：{2}"#),
        (#"the answer of {0} is not the vendor's JSON: {1}"#, #"{0} 的应答不是厂商的 JSON：{1}"#),
        (
            #"{0} not found beside xiaoa-crypto (looked for {1})"#,
            #"在 xiaoa-crypto 旁边找不到 {0}（查找的是 {1}）"#
        ),
        (
            #"build it: swift build --product {0} (with the same -c as xiaoa-crypto)"#,
            #"先构建它：swift build --product {0}（-c 与 xiaoa-crypto 相同）"#
        ),
    ]

    /// Sentences joined into one line: a finding's summary and fix, a message and its hint (batch mode). Last, so
    /// that every whole message is tried first.
    static let joined: [(english: String, chinese: String)] = [
        (#"{0:t}; hint: {1:t}"#, #"{0}；提示：{1}"#),
        (#"{0:t}; {1:t}"#, #"{0}；{1}"#),
    ]

    static let parser: [(english: String, chinese: String)] = [
        (#"see '{0} --help' or '<command> --help'"#, #"参见 '{0} --help' 或 '<command> --help'"#),
        (#"missing expected argument '{0}'"#, #"缺少参数 '{0}'"#),
        (#"missing one of: '{0}'"#, #"缺少以下参数之一：'{0}'"#),
        (#"unknown option '{0}'. Did you mean '{1}'?"#, #"未知选项 '{0}'。是想用 '{1}' 吗？"#),
        (#"unknown option '{0}'"#, #"未知选项 '{0}'"#),
        (#"missing value for '{0}'"#, #"选项 '{0}' 缺少值"#),
        (#"unexpected argument '{0}'"#, #"多余的参数 '{0}'"#),
        (#"{0} unexpected arguments: '{1}'"#, #"{0} 个多余的参数：'{1}'"#),
        (
            #"the value '{0}' is invalid for '{1}'. Please provide one of '{2}' and '{3}'."#,
            #"'{1}' 的值 '{0}' 无效。可用的值：'{2}' 或 '{3}'。"#
        ),
        (
            #"the value '{0}' is invalid for '{1}'. Please provide one of '{2}' or '{3}'."#,
            #"'{1}' 的值 '{0}' 无效。可用的值：'{2}' 或 '{3}'。"#
        ),
        (
            #"the value '{0}' is invalid for '{1}'. Please provide one of {2}."#,
            #"'{1}' 的值 '{0}' 无效。可用的值：{2}。"#
        ),
        (#"the value '{0}' is invalid for '{1}'"#, #"'{1}' 的值 '{0}' 无效"#),
        (
            #"the option '{0}' does not take any value, but '{1}' was specified."#,
            #"选项 '{0}' 不接受值，但给出了 '{1}'。"#
        ),
        (#"value to be set with {0} had already been set with {1}"#, #"{0} 要设置的值已经由 {1} 设置过了"#),
        (#"missing required subcommand."#, #"缺少子命令。"#),
    ]
}
