// The stand-in server's findings, the capture's findings, the request verifier's check details and fixes, and
// the meanings of the vendor's codes.

/// The catalogue's entries, by area; ``Catalogue`` joins them.
enum Messages {
    static let server: [(english: String, chinese: String)] = [
        (#"no Xiao A user named "{0}""#, #"没有名为 "{0}" 的小 A 用户"#),
        (
            #"create the test account: xiaoa-crypto serve users add {0} --db PATH"#,
            #"先创建测试账号：xiaoa-crypto serve users add {0} --db PATH"#
        ),
        (#"c_username "{0}" is not bound to Xiao A user "{1}""#, #"c_username "{0}" 没有绑定到小 A 用户 "{1}""#),
        (#"c_username "{0}" is not bound"#, #"c_username "{0}" 没有绑定"#),
        (#"bind it first through /assoc/add"#, #"先通过 /assoc/add 绑定"#),
        (#"c_username "{0}" is bound already"#, #"c_username "{0}" 已经绑定过了"#),
        (
            #"remove the binding first (/assoc/delete), or bind another c_username"#,
            #"先解除绑定（/assoc/delete），或者绑定另一个 c_username"#
        ),
        (#"no c_username: there is no binding to log in through"#, #"缺少 c_username：没有可用于登录的绑定"#),
        (#"send the c_username of a bound customer-system user"#, #"发送已绑定的客户系统用户的 c_username"#),
        (
            #"{0} decrypts, but not to the password of Xiao A user "{1}""#,
            #"{0} 能解密，但不是小 A 用户 "{1}" 的密码"#
        ),
        (
            #"send the account's current password, encrypted with the vendor's key and IV"#,
            #"发送该账号的当前密码，用厂商的密钥和 IV 加密"#
        ),
        (
            #"old_pwd is not the password the binding of "{0}" holds"#,
            #"old_pwd 不是 "{0}" 的绑定中保存的密码"#
        ),
        (
            #"send as old_pwd the password given when binding (or at the last update)"#,
            #"old_pwd 请发送绑定时（或上次更新时）给出的密码"#
        ),
        (
            #"new_pwd is not the current password of Xiao A user "{0}" in the user table"#,
            #"new_pwd 不是用户表中小 A 用户 "{0}" 的当前密码"#
        ),
        (
            #"change the Xiao A password first (serve users passwd NAME), then call /assoc/update with it as new_pwd"#,
            #"先修改小 A 密码（serve users passwd NAME），再把它作为 new_pwd 调用 /assoc/update"#
        ),
        (
            #"the password of "{0}" changed while this request was checked"#,
            #"检查这个请求期间，"{0}" 的密码被修改了"#
        ),
        (#"send the request again with the current password"#, #"用当前密码重新发送请求"#),
        (
            #"the binding of "{0}" changed while this request was checked"#,
            #"检查这个请求期间，"{0}" 的绑定被修改了"#
        ),
        (#"send the request again"#, #"重新发送请求"#),
        (#"no token in the query"#, #"查询参数中没有 token"#),
        (#"open the url that /assoc/login answered"#, #"打开 /assoc/login 返回的 url"#),
        (#"the token is not EXPIRES.CUSER.MAC"#, #"token 的格式不是 EXPIRES.CUSER.MAC"#),
        (#"pass the token exactly as /assoc/login answered it"#, #"按 /assoc/login 返回的原样传递 token"#),
        (
            #"the token was not issued by this server (or its database)"#,
            #"这个 token 不是本服务器（或它的数据库）签发的"#
        ),
        (#"log in again through /assoc/login"#, #"通过 /assoc/login 重新登录"#),
        (#"the token expired {0} s ago"#, #"token 已在 {0} 秒前过期"#),
        (
            #"the body could not be read or is larger than {0} bytes"#,
            #"请求体无法读取，或大于 {0} 字节"#
        ),
        (#"send one JSON object of a few hundred bytes"#, #"发送一个几百字节的 JSON 对象"#),
        (#"{0} {1}: the API takes POST only"#, #"{0} {1}：接口只接受 POST"#),
        (#"send the request as POST with a JSON body"#, #"用 POST 发送请求，请求体为 JSON"#),
        (#"an unexpected {0} while answering"#, #"应答时出现意外的 {0}"#),
        (#"see the server's stderr; report it"#, #"查看服务器的 stderr，并报告这个问题"#),
    ]

    /// The console's answers to bad input (`{"error", "hints"}`).
    static let console: [(english: String, chinese: String)] = [
        (#"send the request as Content-Type: application/json"#, #"请以 Content-Type: application/json 发送请求"#),
        (#"the request is larger than {0} bytes"#, #"请求大于 {0} 字节"#),
        (#"the request is not valid JSON: {0:t}"#, #"请求不是有效的 JSON：{0}"#),
        (#"send one JSON object"#, #"发送一个 JSON 对象"#),
        (#"the request is JSON but not an object"#, #"请求是 JSON，但不是对象"#),
        (#"unknown field {0}"#, #"未知字段 {0}"#),
        (#"the fields are: {0}"#, #"可用的字段：{0}"#),
        (#"plaintext hex: {0:t}"#, #"明文十六进制：{0}"#),
        (#"odd number of hex digits ({0})"#, #"十六进制数字的个数是奇数（{0}）"#),
        (#"not a hex digit at position {0}"#, #"第 {0} 个字符不是十六进制数字"#),
        (
            #"give the plaintext bytes as pairs of hex digits, or choose text"#,
            #"以成对的十六进制数字给出明文字节，或者选择文本"#
        ),
        (#"the ciphertext is empty"#, #"密文为空"#),
        (
            #"paste the base64 value of a password field, e.g. HHAEEXzBXY4FmXo0mOQ8Hw=="#,
            #"粘贴密码字段的 base64 值，例如 HHAEEXzBXY4FmXo0mOQ8Hw=="#
        ),
        (
            #"hex keys and IVs are exactly 16 bytes: 32 hex digits; or choose text (zero-padded or cut to 16 bytes, "#
                + #"as PHP does)"#,
            #"十六进制的密钥和 IV 恰好是 16 字节，即 32 位十六进制；或者选择文本（与 PHP 一样补 0 或截断到 16 字节）"#
        ),
        (#"{0} is {1}; expected "text" or "hex""#, #"{0} 是 {1}；应为 "text" 或 "hex""#),
        (#"pick an endpoint"#, #"请选择一个接口"#),
        (#"one of {0}"#, #"以下之一：{0}"#),
        (#"the body is empty"#, #"请求体为空"#),
        (#"paste the JSON body the client sent (the POST data)"#, #"粘贴客户端发送的 JSON 请求体（POST 数据）"#),
        (#"now must be Unix seconds"#, #"now 必须是以秒为单位的 Unix 时间"#),
        (#"the HAR is empty"#, #"HAR 为空"#),
        (
            #"choose or drop a .har file saved by devtools, mitmproxy, Charles, Proxyman or Postman"#,
            #"选择或拖入由 devtools、mitmproxy、Charles、Proxyman 或 Postman 保存的 .har 文件"#
        ),
        (#"the HAR is larger than {0} MiB (as JSON in the request)"#, #"HAR 大于 {0} MiB（按请求中的 JSON 计）"#),
        (
            #"check a larger capture with: xiaoa-crypto verify har FILE --domain-key KEY"#,
            #"更大的抓包请用 xiaoa-crypto verify har FILE --domain-key KEY 检查"#
        ),
        (#"show_secrets must be true or false, found {0:t}"#, #"show_secrets 必须是 true 或 false，实际是{0}"#),
        (#"the file is {0:t}"#, #"文件{0}"#),
        (
            #"save the capture as HAR 1.2 (devtools: Save all as HAR; mitmproxy: --set hardump=FILE)"#,
            #"把抓包保存为 HAR 1.2（devtools：Save all as HAR；mitmproxy：--set hardump=FILE）"#
        ),
        (#"not HAR: no "log" object"#, #"不是 HAR：没有 "log" 对象"#),
        (#"not HAR: no "log.entries" array"#, #"不是 HAR：没有 "log.entries" 数组"#),
        (#"not HAR: {0}.request has no method or url string"#, #"不是 HAR：{0}.request 没有 method 或 url 字符串"#),
        (#"not HAR: {0} has no request"#, #"不是 HAR：{0} 没有 request"#),
        (#"not valid JSON at line {0}, column {1}: {2:t}"#, #"不是有效的 JSON，位置：第 {0} 行第 {1} 列：{2}"#),
        (#"domain_keys must be non-empty strings"#, #"domain_keys 必须是非空字符串"#),
        (#"domain_keys must be an array of strings"#, #"domain_keys 必须是字符串数组"#),
        (#"max_skew must be a whole number of seconds, 0 or more"#, #"max_skew 必须是不小于 0 的整数秒"#),
        (#"max_skew must be a number of seconds or null"#, #"max_skew 必须是秒数或 null"#),
        (#"{0} must be a string, found {1:t}"#, #"{0} 必须是字符串，实际是{1}"#),
    ]

    static let capture: [(english: String, chinese: String)] = [
        (#"sent as {0}; the API reads a JSON body"#, #"以 {0} 发送；接口读取的是 JSON 请求体"#),
        (
            #"send the fields as one JSON object with Content-Type: application/json"#,
            #"把字段作为一个 JSON 对象发送，Content-Type: application/json"#
        ),
        (
            #"answered 10002 although the domain key sent is one of those given: the server does not know it (the "#
                + #"app used another key, or this key belongs to another environment)"#,
            #"发送的域名 key 在给出的密钥之中，服务器却返回 10002：服务器不认识这个密钥（应用用了另一个密钥，"#
                + #"或者这个密钥属于另一个环境）"#
        ),
        (
            #"use the domain key registered with the server that answered"#,
            #"使用在应答的那台服务器上注册的域名 key"#
        ),
        (
            #"answered 10001 although the sign checks out for the timestamp and domain key sent: the server's clock "#
                + #"or its copy of the key differs"#,
            #"对发送的时间戳和域名 key 来说 sign 是对的，服务器却返回 10001：服务器的时钟或它保存的密钥不一样"#
        ),
        (
            #"compare the server's clock with the sender's and the key registered with the server"#,
            #"对比服务器与发送方的时钟，以及服务器上注册的密钥"#
        ),
        (#"answered {0} where the request alone earns {1}: {2:t}"#, #"服务器返回 {0}，而仅凭请求本身应得到 {1}：{2}"#),
        (
            #"the server accepted what these checks refuse (other domain keys or another skew than those given)"#,
            #"服务器接受了这些检查会拒绝的请求（它的域名 key 或允许的时间偏差与给出的不同）"#
        ),
        (
            #"the server knows the domain key sent although it is not one of those given"#,
            #"发送的域名 key 不在给出的密钥之中，服务器却认识它"#
        ),
        (#"the server judged the request otherwise than these checks"#, #"服务器对请求的判断与这些检查不同"#),
        (
            #"give the domain keys and --max-skew the server uses, then compare again"#,
            #"给出服务器使用的域名 key 和 --max-skew，再重新对比"#
        ),
    ]

    static let request: [(english: String, chinese: String)] = [
        // Check details (verify request, --explain, the console)
        (#"body is not valid JSON: {0:t}"#, #"请求体不是有效的 JSON：{0}"#),
        (#"body is JSON but not an object"#, #"请求体是 JSON，但不是对象"#),
        (#"body is a JSON object"#, #"请求体是 JSON 对象"#),
        (#"required field {0} is missing"#, #"缺少必填字段 {0}"#),
        (#"field {0} must be a string, found {1:t}"#, #"字段 {0} 必须是字符串，实际是{1}"#),
        (#"field {0} is "{1}"; allowed: {2}"#, #"字段 {0} 是 "{1}"；允许的值：{2}"#),
        (#"required fields present and strings"#, #"必填字段齐全且都是字符串"#),
        (
            #"required fields present and strings (ignored extra: {0})"#,
            #"必填字段齐全且都是字符串（忽略了多余字段：{0}）"#
        ),
        (#"a required field is missing"#, #"缺少必填字段"#),
        (#"domain key is not one of the {0} known"#, #"域名 key 不在已知的 {0} 个之中"#),
        (#"domain key is known"#, #"域名 key 已知"#),
        (#"not checked: no domain_key string"#, #"未检查：没有字符串类型的 domain_key"#),
        (#"sign is right"#, #"sign 正确"#),
        (
            #"sign {0} is not substr(md5(md5(timestamp . domain_key)), 8, 10)"#,
            #"sign {0} 不等于 substr(md5(md5(timestamp . domain_key)), 8, 10)"#
        ),
        (
            #"not checked: timestamp, domain_key and sign are not all strings"#,
            #"未检查：timestamp、domain_key 和 sign 不全是字符串"#
        ),
        (#"timestamp within {0} s of now ({1} s old)"#, #"时间戳与现在相差在 {0} 秒以内（{1} 秒前）"#),
        (
            #"timestamp too old: {0} s before now (max skew {1} s)"#,
            #"时间戳太旧：比现在早 {0} 秒（最大偏差 {1} 秒）"#
        ),
        (
            #"timestamp in the future: {0} s after now (max skew {1} s)"#,
            #"时间戳在未来：比现在晚 {0} 秒（最大偏差 {1} 秒）"#
        ),
        (#"timestamp is not an integer number of seconds"#, #"时间戳不是整数秒"#),
        (#"not checked: no timestamp string"#, #"未检查：没有字符串类型的 timestamp"#),
        (#"skew not checked (no max skew set)"#, #"未检查时间偏差（没有设置最大偏差）"#),
        (#"not checked: no {0} string"#, #"未检查：没有字符串类型的 {0}"#),
        (#"would fail: "#, #"将会失败："#),
        (#"a boolean"#, #"布尔值"#),
        (#"a number"#, #"数字"#),
        (#"a string"#, #"字符串"#),
        (#"an array"#, #"数组"#),
        (#"an object"#, #"对象"#),
        (#"null"#, #"null"#),
        // Fixes of the request.* findings
        (#"send one JSON object, UTF-8, as the POST body"#, #"以 UTF-8 编码的单个 JSON 对象作为 POST 请求体发送"#),
        (#"send every required field as a JSON string: {0}"#, #"每个必填字段都以 JSON 字符串发送：{0}"#),
        (
            #"use a domain key the server knows (serve --domain-key K or --domain-keys FILE)"#,
            #"使用服务器认识的域名 key（serve --domain-key K 或 --domain-keys FILE）"#
        ),
        (
            #"sign = substr(md5(md5(timestamp . domain_key)), 8, 10) with lowercase hex md5s"#,
            #"sign = substr(md5(md5(timestamp . domain_key)), 8, 10)，md5 用小写十六进制"#
        ),
        (#"send the current Unix time in seconds, as a string"#, #"以字符串发送以秒为单位的当前 Unix 时间"#),
        (
            #"encrypt the password with AES-128-CBC, PKCS#7, key "xiaoa" zero-padded to 16 bytes, IV "#
                + #""1234567890123456", standard base64"#,
            #"用 AES-128-CBC、PKCS#7 加密密码，密钥为补 0 到 16 字节的 "xiaoa"，IV 为 "1234567890123456"，"#
                + #"标准 base64"#
        ),
        // The meanings of the vendor's codes
        (#"request handled successfully"#, #"请求处理成功"#),
        (#"illegal request parameters"#, #"非法的请求参数"#),
        (#"signature verification failed"#, #"签名验证失败"#),
        (#"request verification failed: domain key does not exist"#, #"请求验证失败：域名 key 不存在"#),
        (#"user name does not exist"#, #"用户名不存在"#),
        (#"wrong password"#, #"密码错误"#),
        (#"duplicate association"#, #"关联重复"#),
        (#"does not match the new password in the user table"#, #"与用户表中的新密码不匹配"#),
        (#"failure"#, #"失败"#),
        (#"not a POST request"#, #"不是 POST 请求"#),
        (#"server error, contact support"#, #"服务端错误，请联系客服"#),
    ]
}
