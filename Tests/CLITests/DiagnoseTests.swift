import Foundation
import Testing

/// End-to-end: diagnosis through the real binary — `diagnose`, and the hints of `verify` and `decrypt`.
@Suite("xiaoa-crypto diagnosis")
struct DiagnoseTests {
    // MARK: - verify sign

    @Test func verifySignNamesTheMistakeInAHint() throws {
        let run = try XiaoaBinary.run([
            "verify", "sign", "--timestamp", "1700000000", "--domain-key", "abc", "--sign", "8119BF02E2",
        ])
        #expect(run.status == 1)
        #expect(run.stdout == "")
        #expect(
            run.stderr == """
                error: sign mismatch: 8119BF02E2 is not the sign of this timestamp and domain key
                hint: the sign is upper-case hex: the result of md5 #2 was upper-cased (e.g. strtoupper or .toUpperCase()); send the 10 characters in lowercase; the server compares them exactly

                """)
    }

    @Test func verifySignRandomValueSaysNoKnownCause() throws {
        let run = try XiaoaBinary.run([
            "verify", "sign", "--timestamp", "1700000000", "--domain-key", "abc", "--sign", "0123456789",
        ])
        #expect(run.status == 1)
        let hints = run.stderr.split(separator: "\n").filter { $0.hasPrefix("hint: ") }
        #expect(hints.count == 1 && hints[0].hasPrefix("hint: the sign matches none of the known mistakes"), "\(run)")
    }

    @Test func verifySignJSON() throws {
        let ok = try XiaoaBinary.run([
            "verify", "sign", "--timestamp", "1700000000", "--domain-key", "abc", "--sign", "8119bf02e2", "--format",
            "json",
        ])
        #expect(ok.status == 0)
        #expect(ok.stdout == #"{"findings":[],"ok":true}"# + "\n")
        let cut = try XiaoaBinary.run([
            "verify", "sign", "--timestamp", "1700000000", "--domain-key", "abc", "--sign", "81", "--format", "json",
        ])
        #expect(cut.status == 1)
        #expect(cut.stderr == "error: sign mismatch: 81 is not the sign of this timestamp and domain key\n")
        let json = try Self.object(cut.stdout)
        #expect(json["ok"] as? Bool == false)
        let finding = try #require((json["findings"] as? [[String: Any]])?.first)
        #expect(finding["id"] as? String == "sign.wrongCut")
        #expect(finding["details"] as? [String: String] == ["digest": "md5 #2", "length": "2", "offset": "8"])
        #expect(cut.stdout.hasPrefix(#"{"error":"sign mismatch: 81"#), "canonical JSON: keys sorted")
    }

    @Test func verifySignSkewHints() throws {
        let base = [
            "verify", "sign", "--timestamp", "1700000000", "--domain-key", "abc", "--sign", "8119bf02e2", "--max-skew",
            "300",
        ]
        let old = try XiaoaBinary.run(base + ["--now", "1700000500"])
        #expect(old.status == 1)
        #expect(
            old.stderr.hasPrefix(
                "error: timestamp too old: 500 seconds before now, more than --max-skew 300\nhint: the timestamp is 500 seconds before now"
            ), "\(old)")
        let ms = try XiaoaBinary.run([
            "verify", "sign", "--timestamp", "1700000000123", "--domain-key", "abc", "--sign", "2f34b15449",
            "--max-skew", "300", "--now", "1700000000",
        ])
        #expect(ms.status == 1)
        #expect(ms.stderr.contains("hint: the timestamp has 13 digits: it is in milliseconds"), "\(ms)")
    }

    // MARK: - verify password

    @Test func verifyPasswordNamesTheMistakeWithoutShowingThePassword() throws {
        // Node: createCipheriv('aes-128-ecb', key, null) on "123456".
        let ecb = try XiaoaBinary.run(
            ["verify", "password", "--ciphertext", "Y0ym+5zCLfPCJrJ7jvUQlg==", "--expect-stdin"], stdin: "123456\n")
        #expect(ecb.status == 1)
        #expect(ecb.stderr.contains("hint: the ciphertext was made with AES-128-ECB"), "\(ecb)")
        // Python: "密码123".encode("gbk"); the hint must not spell the password.
        let gbk = try XiaoaBinary.run(
            ["verify", "password", "--ciphertext", "Gd5j8nsGQiZ+Xg+44y+dgg==", "--expect-stdin"], stdin: "密码123\n")
        #expect(gbk.status == 1)
        #expect(gbk.stderr.contains("hint: the plaintext bytes are GBK, not UTF-8"), "\(gbk)")
        for secret in ["密码", "c3dc", "e5af86"] { #expect(!gbk.stderr.contains(secret), "\(secret) leaked: \(gbk)") }
    }

    @Test func verifyPasswordTrailingNewline() throws {
        // echo hunter2 | openssl enc …: the line end was encrypted too.
        let run = try XiaoaBinary.run(
            ["verify", "password", "--ciphertext", "pDBiF297Rm92+h9JVXloyQ==", "--expect-env", "PW"],
            environment: ["PW": "hunter2"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("hint: the plaintext ends with a line end (\\n)"), "\(run)")
    }

    @Test func verifyPasswordJSON() throws {
        let ok = try XiaoaBinary.run(
            ["verify", "password", "--ciphertext", "HHAEEXzBXY4FmXo0mOQ8Hw==", "--expect-stdin", "--format", "json"],
            stdin: "123456\n")
        #expect(ok.status == 0)
        #expect(ok.stdout == #"{"findings":[],"ok":true}"# + "\n")
        let bad = try XiaoaBinary.run(
            ["verify", "password", "--ciphertext", "HHAEEXzBXY4FmXo0mOQ8Hw", "--expect-stdin", "--format", "json"],
            stdin: "123456\n")
        #expect(bad.status == 65)
        let json = try Self.object(bad.stdout)
        #expect((json["findings"] as? [[String: Any]])?.map { $0["id"] as? String } == ["cipher.missingPadding"])
        #expect(bad.stderr.hasPrefix("error: ciphertext is not valid base64"))
        #expect(!bad.stderr.contains("hint:"), "in JSON mode the findings are data, not hints")
    }

    // MARK: - decrypt

    @Test(arguments: [
        ("HHAEEXzBXY4FmXo0mOQ8Hw", "hint: the '=' padding was stripped"),
        ("hgI31LuTcMIv4WrnvIz_Yg==", "hint: '-' and '_' are the URL-safe base64 alphabet"),
        ("SEhBRUVYekJYWTRGbVhvMG1PUThIdz09", "hint: the ciphertext was base64-encoded twice"),
        ("HHAEEXzBXY4FmXo0mOQ8Hw%3D%3D", "hint: the value is still URL-encoded"),
        ("T8m6Xjk/iIoNoK+LFqYhmw==", "hint: the key was the key text repeated to 16 bytes"),
        ("47HxeHV9qdnW7WksnU2qGw==", "hint: the plaintext was padded with 10 zero bytes"),
        ("U2FsdGVkX1+wfwHoir+3IqeOiVunfeOYg+54BgFISD0=", "hint: the value is CryptoJS passphrase output"),
        ("AAAAAAAAAAAAAAAAAAAAAA==", "hint: the padding does not check out under this key and IV, nor under any known"),
    ])
    func decryptHints(_ input: String, _ hint: String) throws {
        let run = try XiaoaBinary.run(["decrypt", input])
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.hasPrefix("error: "))
        #expect(run.stderr.contains(hint), "\(run)")
        #expect(
            run.stderr.split(separator: "\n").filter { $0.hasPrefix("hint: ") }.count == 1, "exactly one cause: \(run)")
    }

    @Test func decryptLineWrappedFromStdin() throws {
        // Python base64.encodebytes of a 64-byte ciphertext: 76 characters, then the rest.
        let wrapped =
            "NexSGpAbHBddsO28obWKMPTsZgnWlTw2CASNtYPpic5jgXQsgMZUDdp3iW6bXXeADv/tDx0ERw9t\nzGxdSF3YpNLBbhLLM/dDoNUADrJEXDc=\n"
        let run = try XiaoaBinary.run(["decrypt"], stdin: wrapped)
        #expect(run.status == 65)
        #expect(
            run.stderr.contains("hint: the base64 is broken into lines (76 characters before the first line break)"),
            "\(run)")
    }

    @Test func decryptGBKShowsBothSpellings() throws {
        let run = try XiaoaBinary.run(["decrypt", "Gd5j8nsGQiZ+Xg+44y+dgg=="])
        #expect(run.status == 65)
        #expect(
            run.stderr.contains(
                #"hint: the plaintext bytes are GBK, not UTF-8: c3dcc2eb313233 is "密码123" in GBK, whose UTF-8 bytes are e5af86e7a081313233"#
            ), "\(run)")
        #expect(run.stderr.contains("hint: use --hex or --raw to see the bytes"))
    }

    @Test func decryptHexKeyGivenAsText() throws {
        // openssl enc -aes-128-cbc -K 00112233445566778899aabbccddeeff …
        let run = try XiaoaBinary.run([
            "decrypt", "--key", "00112233445566778899aabbccddeeff", "QdFskRsqROdRqp0hfz0pmw==",
        ])
        #expect(run.status == 65)
        #expect(run.stderr.contains("hint: the key given is 32 hex digits used as text"), "\(run)")
        let right = try XiaoaBinary.run([
            "decrypt", "--key-hex", "00112233445566778899aabbccddeeff", "QdFskRsqROdRqp0hfz0pmw==",
        ])
        #expect(right.stdout == "123456\n", "\(right)")
    }

    // MARK: - diagnose

    @Test func diagnoseSignListsEverything() throws {
        let run = try XiaoaBinary.run([
            "diagnose", "sign", "--timestamp", "1700000000", "--domain-key", "abc", "--sign", "119bf02e28",
        ])
        #expect(run.status == 1)
        #expect(run.stderr == "")
        #expect(
            run.stdout == """
                wrong: the sign does not match
                sign        119bf02e28
                expected    8119bf02e2
                sign.wrongCut: the sign was cut one character late, at offset 9: the 9th character was counted from 1 (e.g. h[9:19] or substr($h, 9, 10))
                  fix: take 10 characters from offset 8: substr($h, 8, 10) in PHP, h.substring(8, 18) in Java or JavaScript, h[8:18] in Python
                  digest: md5 #2
                  length: 10
                  offset: 9

                """)
    }

    @Test func diagnoseRightValuesSayOK() throws {
        let sign = try XiaoaBinary.run([
            "diagnose", "sign", "--timestamp", "1700000000", "--domain-key", "abc", "--sign", "8119bf02e2",
            "--max-skew", "300", "--now", "1700000010",
        ])
        #expect(sign.status == 0)
        #expect(
            sign.stdout
                == "ok: the sign is right\nsign        8119bf02e2\nexpected    8119bf02e2\ntimestamp   fresh (10 s old)\nno finding\n"
        )
        let password = try XiaoaBinary.run(
            ["diagnose", "password", "--ciphertext", "HHAEEXzBXY4FmXo0mOQ8Hw==", "--expect-stdin"], stdin: "123456\n")
        #expect(password.status == 0)
        #expect(password.stdout == "ok: the ciphertext decrypts to the expected password\nno finding\n")
    }

    @Test func diagnosePasswordFromAFileAndJSON() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("xiaoa-ct-\(UUID().uuidString)")
        // PHP chunk_split(): 76 characters and \r\n.
        try Data(
            "KpLBkItrym/D6Xi6drkhs9ehmY561ZZTrniFyeSAEZ5QXWTV0GfXvf0kikMug0MF2syeANsBOnVt\r\n9+EsBZA9IVfU8VT0pIvzp/z950fI4NeZrMn6MIG3qzGhoUGiRWCs\r\n"
                .utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try XiaoaBinary.run(["diagnose", "password", "--ciphertext-file", file.path, "--format", "json"])
        #expect(run.status == 1)
        let json = try Self.object(run.stdout)
        let findings = try #require(json["findings"] as? [[String: Any]])
        #expect(findings.map { $0["id"] as? String } == ["cipher.lineWrapped"])
        #expect(findings.first?["details"] as? [String: String] == ["lineEnd": "\\r\\n", "lineLength": "76"])
    }

    @Test(arguments: [
        ["diagnose", "password"],
        ["diagnose", "password", "--ciphertext", "x", "--ciphertext-file", "f"],
        ["diagnose", "password", "--ciphertext", "x", "--expect", "a", "--expect-stdin"],
        ["diagnose", "sign", "--timestamp", "1", "--sign", "x"],
        ["diagnose", "sign", "--timestamp", "1", "--domain-key", "k", "--sign", "x", "--format", "yaml"],
    ])
    func diagnoseUsageErrors(_ arguments: [String]) throws {
        let run = try XiaoaBinary.run(arguments)
        #expect(run.status == 64, "\(run)")
        #expect(run.stderr.hasPrefix("error: "))
    }

    @Test(arguments: [["diagnose"], ["diagnose", "sign"], ["diagnose", "password"]])
    func helpHasAnAbstractAndAnExample(_ command: [String]) throws {
        let run = try XiaoaBinary.run(command + ["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("OVERVIEW: "))
        #expect(run.stdout.contains("xiaoa-crypto diagnose "), "\(run.stdout)")
    }

    // MARK: - every diagnosis vector through the binary

    @Test(
        "diagnose sign on every case of Vectors/diagnosis-sign.json",
        arguments: try VectorCases.load("diagnosis-sign.json"))
    func signVectorThroughTheBinary(_ test: VectorCases.Case) throws {
        var arguments = [
            "diagnose", "sign", "--format", "json", "--timestamp", test.text("timestamp"), "--domain-key",
            test.text("domainKey"),
            "--sign", test.string("sign"),
        ]
        if let skew = test.fields["maxSkew"] as? Int, let now = test.fields["now"] as? Int {
            arguments += ["--max-skew", String(skew), "--now", String(now)]
        }
        let run = try XiaoaBinary.run(arguments)
        try Self.expectHint(run, test)
    }

    @Test(
        "diagnose password on every case of Vectors/diagnosis-password.json",
        arguments: try VectorCases.load("diagnosis-password.json"))
    func passwordVectorThroughTheBinary(_ test: VectorCases.Case) throws {
        var arguments = ["diagnose", "password", "--format", "json", "--ciphertext", test.string("ciphertext")]
        if let keyText = test.group["keyText"] as? String { arguments += ["--key", VectorCases.text(keyText)] }
        if let keyHex = test.group["keyHex"] as? String { arguments += ["--key-hex", keyHex] }
        #expect(
            test.group["iv"] as? String == "31323334353637383930313233343536", "the CLI test assumes the vendor's IV")
        var stdin: String?
        if let expected = test.fields["expected"] as? String {
            arguments.append("--expect-stdin")
            stdin = VectorCases.text(expected) + "\n"
        }
        let run = try XiaoaBinary.run(arguments, stdin: Data((stdin ?? "").utf8))
        try Self.expectHint(run, test)
    }

    static func expectHint(_ run: Run, _ test: VectorCases.Case) throws {
        let hint = test.string("hint")
        // acceptable (the empty domain key): the tool may refuse the key as a usage or data error, or diagnose and
        // find nothing; it must not name a mistake.
        if test.string("result") == "acceptable" && run.status != 0 {
            #expect(
                [64, 65].contains(run.status) && run.stdout.isEmpty && !run.stderr.isEmpty, "tcId \(test.tcId): \(run)")
            return
        }
        #expect(run.status == (hint == "none" ? 0 : 1), "tcId \(test.tcId): \(run)")
        let json = try object(run.stdout)
        let findings = try #require(json["findings"] as? [[String: Any]])
        let ids = findings.compactMap { $0["id"] as? String }
        #expect(ids == (hint == "none" ? [] : [hint]), "tcId \(test.tcId) (\(test.string("comment"))): \(ids)")
        #expect(json["ok"] as? Bool == (hint == "none"), "tcId \(test.tcId)")
    }

    // MARK: - helpers

    static func object(_ text: String) throws -> [String: Any] {
        let value = try JSONSerialization.jsonObject(with: Data(text.utf8))
        return try #require(value as? [String: Any], "not a JSON object: \(text)")
    }
}

/// The cases of a vector file read with Foundation (the CLI tests depend on nothing but the binary).
enum VectorCases {
    struct Case: CustomTestStringConvertible, @unchecked Sendable {
        let tcId: Int
        let fields: [String: Any]
        let group: [String: Any]

        func string(_ key: String) -> String { fields[key] as? String ?? "" }
        /// A hex field as the text it spells.
        func text(_ key: String) -> String { VectorCases.text(string(key)) }
        var testDescription: String { "tcId \(tcId) (\(string("comment")))" }
    }

    static func load(_ name: String) throws -> [Case] {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vectors").appendingPathComponent(name)
        // Strict: a renamed key must fail loudly, never run zero cases.
        guard let root = try JSONSerialization.jsonObject(with: Data(contentsOf: path)) as? [String: Any],
            let groups = root["testGroups"] as? [[String: Any]], !groups.isEmpty
        else { throw LoadError(file: name, reason: "no testGroups array") }
        var cases: [Case] = []
        for group in groups {
            guard let tests = group["tests"] as? [[String: Any]] else {
                throw LoadError(file: name, reason: "a test group without a tests array")
            }
            for test in tests {
                guard let tcId = test["tcId"] as? Int else {
                    throw LoadError(file: name, reason: "a test without tcId")
                }
                cases.append(Case(tcId: tcId, fields: test, group: group))
            }
        }
        guard !cases.isEmpty else { throw LoadError(file: name, reason: "no test cases") }
        return cases
    }

    struct LoadError: Error, CustomStringConvertible {
        let file: String
        let reason: String
        var description: String { "Vectors/\(file): \(reason)" }
    }

    static func text(_ hex: String) -> String {
        var bytes: [UInt8] = []
        var index = hex.startIndex
        while index < hex.endIndex {
            let next = hex.index(index, offsetBy: 2)
            bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
            index = next
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
