import Foundation
import Testing

/// End-to-end: `body`, `verify request` and `canonicalize` on the real binary.
@Suite("body, verify request, canonicalize")
struct RequestCommandTests {
    static let addArguments = ["body", "assoc/add", "--domain-key", "demo", "--user-name", "xa", "--c-username", "c1"]

    @Test func bodyKnownAnswer() throws {
        let run = try XiaoaBinary.run(
            [
                "body", "assoc/add", "--domain-key", "abc", "--timestamp", "1700000000", "--user-name", "xa",
                "--c-username", "c1",
            ],
            stdin: "123456\n")
        #expect(run.status == 0, "\(run)")
        #expect(
            run.stdout
                == #"{"c_username":"c1","domain_key":"abc","password":"HHAEEXzBXY4FmXo0mOQ8Hw==","sign":"8119bf02e2","timestamp":"1700000000","user_name":"xa"}"#
                + "\n")
    }

    @Test func bodyPipedIntoVerifyRequestIsAccepted() throws {
        let body = try XiaoaBinary.run(Self.addArguments, stdin: "123456\n")
        let verify = try XiaoaBinary.run(
            ["verify", "request", "assoc/add", "-", "--domain-key", "demo", "--max-skew", "300"], stdin: body.stdout)
        #expect(verify.status == 0, "\(verify)")
        #expect(verify.stdout.hasSuffix("code 0 请求处理成功 (request handled successfully)\n"))
    }

    @Test(
        arguments: [
            ("sign", "sign", "0000000000", 10001),
            ("timestamp", "timestamp", "1600000000", 10001),
            ("domain_key", "domain_key", "other", 10002),
            ("missing field", "user_name", nil, 10000),
            ("password", "password", "not base64", 20002),
        ] as [(String, String, String?, Int)])
    func tamperingGivesTheRightCode(_ what: String, _ field: String, _ value: String?, _ code: Int) throws {
        let body = try XiaoaBinary.run(Self.addArguments, stdin: "123456\n")
        var object = try #require(JSONSerialization.jsonObject(with: Data(body.stdout.utf8)) as? [String: String])
        object[field] = value
        let tampered = try JSONSerialization.data(withJSONObject: object)
        let run = try XiaoaBinary.run(
            ["verify", "request", "assoc/add", "--domain-key", "demo", "--max-skew", "300", "--format", "json"],
            stdin: tampered)
        #expect(run.status == 1, "\(what): \(run)")
        let answer = try #require(JSONSerialization.jsonObject(with: run.stdoutBytes) as? [String: Any])
        #expect(answer["code"] as? Int == code, "\(what): \(run)")
        #expect(answer["accepted"] as? Bool == false)
    }

    /// The printed curl command, run by a shell with a `curl` that records its arguments and stdin: the domain key
    /// and the ciphertext are not in argv (the process list), and the body still arrives whole.
    @Test func curlFormatKeepsSecretsOutOfArgv() throws {
        let key = "dk-secret-in-ps"
        let body = try XiaoaBinary.run(
            [
                "body", "assoc/add", "--domain-key", key, "--timestamp", "1700000000", "--user-name", "xa",
                "--c-username", "c1",
            ], stdin: "123456\n")
        let curl = try XiaoaBinary.run(
            [
                "body", "assoc/add", "--domain-key", key, "--timestamp", "1700000000", "--user-name", "xa",
                "--c-username", "c1", "--format", "curl", "--base-url", "http://127.0.0.1:9/",
            ], stdin: "123456\n")
        #expect(curl.status == 0, "\(curl)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("fake-curl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fake = dir.appendingPathComponent("curl")
        try Data(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" > \"$(dirname \"$0\")/argv\"\ncat > \"$(dirname \"$0\")/stdin\"\n".utf8
        )
        .write(to: fake)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", curl.stdout]
        shell.environment = ["PATH": dir.path + ":/usr/bin:/bin"]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 0)
        let argv = try String(contentsOf: dir.appendingPathComponent("argv"), encoding: .utf8)
        let sent = try Data(contentsOf: dir.appendingPathComponent("stdin"))
        #expect(argv.contains("http://127.0.0.1:9/assoc/add") && argv.contains("@-"), "\(argv)")
        #expect(!argv.contains(key) && !argv.contains("HHAEEXzBXY4FmXo0mOQ8Hw=="), "\(argv)")
        #expect(String(decoding: sent, as: UTF8.self) + "\n" == body.stdout)
    }

    /// Issue 17: a 13-digit timestamp is named by verify sign, diagnose sign and verify request without --max-skew.
    @Test func millisecondTimestampIsNamedEverywhere() throws {
        let ts = "1796133700890"
        let sign = try XiaoaBinary.run(["sign", "--domain-key", "K", "--timestamp", ts]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let verify = try XiaoaBinary.run(["verify", "sign", "--timestamp", ts, "--domain-key", "K", "--sign", sign])
        #expect(verify.status == 0 && verify.stdout == "ok\n", "\(verify)")
        #expect(
            verify.stderr.hasPrefix("warning: sign.millisecondTimestamp: the timestamp \(ts) has 13 digits"),
            "\(verify)")
        #expect(verify.stderr.contains("\nhint: send Unix seconds"), "\(verify)")
        let diagnose = try XiaoaBinary.run(["diagnose", "sign", "--timestamp", ts, "--domain-key", "K", "--sign", sign])
        #expect(diagnose.stdout.contains("sign.millisecondTimestamp: the timestamp \(ts) has 13 digits"), "\(diagnose)")
        let body = try XiaoaBinary.run(
            ["body", "assoc/login", "--domain-key", "K", "--timestamp", ts, "--c-username", "c1"]).stdout
        let request = try XiaoaBinary.run(["verify", "request", "assoc/login", "--domain-key", "K"], stdin: body)
        #expect(request.status == 0, "\(request)")
        #expect(request.stdout.contains("hint: the timestamp \(ts) has 13 digits"), "\(request)")
    }

    /// Issue 17: an upper-case sign and an ECB password: code 10001 (the server's order) and both mistakes named.
    @Test func twoMistakesAtOnceAreBothNamedByVerifyRequest() throws {
        let body = try XiaoaBinary.run(
            [
                "body", "assoc/add", "--domain-key", "demo", "--timestamp", "1700000000", "--user-name", "xa",
                "--c-username", "c1",
            ], stdin: "123456\n")
        var object = try #require(JSONSerialization.jsonObject(with: Data(body.stdout.utf8)) as? [String: String])
        object["sign"] = object["sign"]?.uppercased()
        object["password"] = "Y0ym+5zCLfPCJrJ7jvUQlg=="  // AES-128-ECB of 123456 (Vectors/diagnosis-password.json)
        let tampered = try JSONSerialization.data(withJSONObject: object)
        let run = try XiaoaBinary.run(["verify", "request", "assoc/add", "--domain-key", "demo"], stdin: tampered)
        #expect(run.status == 1)
        #expect(run.stdout.contains("FAIL  sign: sign "), "\(run)")
        #expect(run.stdout.contains("FAIL  password: would fail: "), "\(run)")
        #expect(run.stdout.contains("code 10001"), "\(run)")
        #expect(run.stdout.contains("hint: the sign is upper-case hex"), "\(run)")
        let json = try XiaoaBinary.run(
            ["verify", "request", "assoc/add", "--domain-key", "demo", "--format", "json"], stdin: tampered)
        let answer = try #require(JSONSerialization.jsonObject(with: json.stdoutBytes) as? [String: Any])
        let checks = try #require(answer["checks"] as? [[String: Any]])
        #expect(checks.compactMap { $0["outcome"] as? String }.contains("would_fail"))
        #expect(answer["code"] as? Int == 10001)
    }

    /// Issue 17: a key with whitespace at either end is used as it is (signed with it) but draws a warning,
    /// from a key file, an environment variable or an argument.
    @Test func keyWithTrailingWhitespaceDrawsAWarning() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("key-\(UUID().uuidString)")
        try Data("abc \r\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = try XiaoaBinary.run(["sign", "--domain-key-file", file.path, "--timestamp", "1700000000"])
        #expect(fromFile.status == 0)
        #expect(fromFile.stdout != "8119bf02e2\n", "the space is signed with the key: \(fromFile)")
        #expect(
            fromFile.stderr.hasPrefix("warning: the domain key from \(file.path) has trailing whitespace"),
            "\(fromFile)")
        #expect(fromFile.stderr.split(separator: "\n").count == 1, "one warning, not one per check: \(fromFile)")
        let fromArgument = try XiaoaBinary.run(["sign", "--domain-key", "\tabc", "--timestamp", "1700000000"])
        #expect(fromArgument.stderr.hasPrefix("warning: the domain key from --domain-key has leading whitespace"))
        #expect(fromArgument.stderr.split(separator: "\n").count == 1, "\(fromArgument)")
        let clean = try XiaoaBinary.run(["sign", "--domain-key", "abc", "--timestamp", "1700000000"])
        #expect(clean.stdout == "8119bf02e2\n" && clean.stderr.isEmpty)
        try Data("# keys\nk1\nk2 \n".utf8).write(to: file)
        let keys = try XiaoaBinary.run(
            ["verify", "request", "assoc/login", "--domain-keys", file.path], stdin: #"{"timestamp":"1"}"#)
        #expect(
            keys.stderr.contains("warning: the domain key from \(file.path) line 3 has trailing whitespace"), "\(keys)")
    }

    @Test func nonJSONBodyIs10000() throws {
        let run = try XiaoaBinary.run(
            ["verify", "request", "assoc/login", "--domain-key", "demo"], stdin: "timestamp=1&sign=2")
        #expect(run.status == 1)
        #expect(run.stdout.contains("FAIL  json: body is not valid JSON: line 1, column 1"))
        #expect(run.stdout.hasSuffix("code 10000 非法的请求参数 (illegal parameters)\n") || run.stdout.contains("code 10000"))
    }

    @Test func domainKeysFromAFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("keys-\(UUID().uuidString)")
        try Data("# known keys\nfirst\n\ndemo\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let body = try XiaoaBinary.run(["body", "assoc/login", "--domain-key", "demo", "--redirect", "thls"])
        let run = try XiaoaBinary.run(
            ["verify", "request", "/assoc/login", "--domain-keys", file.path], stdin: body.stdout)
        #expect(run.status == 0, "\(run)")
    }

    @Test func updateReadsTwoPasswordLines() throws {
        let ok = try XiaoaBinary.run(
            ["body", "assoc/update", "--domain-key", "demo", "--user-name", "xa", "--c-username", "c1"],
            stdin: "old\r\nnew\n")
        #expect(ok.status == 0, "\(ok)")
        let object = try #require(JSONSerialization.jsonObject(with: ok.stdoutBytes) as? [String: String])
        let old = try XiaoaBinary.run(["decrypt", object["old_pwd"] ?? ""])
        #expect(old.stdout == "old\n")
        let one = try XiaoaBinary.run(
            ["body", "assoc/update", "--domain-key", "demo", "--user-name", "xa", "--c-username", "c1"], stdin: "old\n")
        #expect(one.status == 65)
    }

    @Test func curlFormatPrintsACommandAndSendsNothing() throws {
        let run = try XiaoaBinary.run(
            [
                "body", "assoc/login", "--domain-key", "demo", "--timestamp", "1700000000", "--c-username", "it's",
                "--format", "curl",
                "--base-url", "http://127.0.0.1:9/",
            ])
        #expect(run.status == 0)
        // The body is piped in (issue 17: no secrets on curl's command line), quoted for the shell.
        #expect(run.stdout.hasPrefix(#"printf '%s' '{"c_username":"it'\''s","domain_key":"demo","#))
        #expect(
            run.stdout.hasSuffix(
                "| curl -sS -X POST 'http://127.0.0.1:9/assoc/login' -H 'Accept: application/json' "
                    + "-H 'Content-Type: application/json;charset=utf-8' --data-binary @-\n"))
    }

    @Test(arguments: [
        ["body", "assoc/nope", "--domain-key", "d"],
        ["body", "assoc/add", "--domain-key", "d", "--c-username", "c"],
        ["body", "assoc/login", "--domain-key", "d", "--format", "curl"],
        ["body", "assoc/login", "--domain-key", "d", "--password-env", "X"],
        ["verify", "request", "assoc/add"],
    ])
    func usageErrors(_ arguments: [String]) throws {
        let run = try XiaoaBinary.run(arguments, stdin: "")
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.hasPrefix("error: "))
    }

    @Test func canonicalizeStyles() throws {
        let input = #"{"b":1.50,"a":"x/y","c":"é😀","d":[1e21,1E-7,-0]}"#
        let jcs = try XiaoaBinary.run(["canonicalize"], stdin: input)
        #expect(jcs.stdout == #"{"a":"x/y","b":1.5,"c":"é😀","d":[1e+21,1e-7,0]}"#)
        let php = try XiaoaBinary.run(["canonicalize", "--style", "php", "--newline"], stdin: input)
        // PHP 8.2: echo json_encode(json_decode($input));
        #expect(php.stdout == #"{"b":1.5,"a":"x\/y","c":"\u00e9\ud83d\ude00","d":[1.0e+21,1.0e-7,0]}"# + "\n")
    }

    @Test func canonicalizeInvalidJSONNamesLineAndColumn() throws {
        let run = try XiaoaBinary.run(["canonicalize"], stdin: "{\n  \"a\": 1,\n  \"b\": tru\n}")
        #expect(run.status == 65)
        #expect(run.stderr.hasPrefix("error: stdin: invalid JSON at line 3, column"), "\(run)")
        let duplicate = try XiaoaBinary.run(["canonicalize"], stdin: #"{"a":1,"a":2}"#)
        #expect(duplicate.status == 65)
        #expect(duplicate.stderr.contains("hint: RFC 8785 needs unique keys"))
        #expect(try XiaoaBinary.run(["canonicalize", "/nonexistent.json"]).status == 66)
    }
}
