import Foundation
import Testing

/// End-to-end: the real binary's stdout, stderr and exit status for each command.
@Suite("xiaoa-crypto command line")
struct CLITests {
    // MARK: - sign

    @Test func signKnownAnswer() throws {
        let run = try XiaoaBinary.run(["sign", "--domain-key", "abc", "--timestamp", "1700000000"])
        #expect(run.status == 0)
        #expect(run.stdout == "8119bf02e2\n")
        #expect(run.stderr == "")
    }

    @Test func signFormats() throws {
        let json = try XiaoaBinary.run(["sign", "--domain-key", "abc", "--timestamp", "1700000000", "--format", "json"])
        #expect(json.stdout == #"{"domain_key":"abc","sign":"8119bf02e2","timestamp":"1700000000"}"# + "\n")
        let env = try XiaoaBinary.run(["sign", "--domain-key", "it's", "--timestamp", "1700000000", "--format", "env"])
        #expect(env.status == 0)
        #expect(env.stdout.hasPrefix("timestamp='1700000000'\ndomain_key='it'\\''s'\nsign='"))
        // The env format must survive eval in a real shell.
        let shell = try Self.shell("eval \"$1\"; printf '%s|%s' \"$domain_key\" \"$timestamp\"", env.stdout)
        #expect(shell == "it's|1700000000")
    }

    @Test func signDefaultsToNow() throws {
        let before = Int(Date().timeIntervalSince1970)
        let run = try XiaoaBinary.run(["sign", "--domain-key", "abc", "--format", "env"])
        let after = Int(Date().timeIntervalSince1970)
        let line = run.stdout.split(separator: "\n").first ?? ""
        let value = Int(line.dropFirst("timestamp='".count).dropLast()) ?? 0
        #expect((before...after).contains(value), "\(run)")
    }

    @Test func signExplainShowsEveryStep() throws {
        let run = try XiaoaBinary.run(["sign", "--domain-key", "abc", "--timestamp", "1700000000", "--explain"])
        #expect(run.status == 0)
        for fragment in [
            "1700000000abc", "cd914fd8d6df064f1d57d60df13e34f3", "8eda51098119bf02e28a4a1826779199", "8119bf02e2",
        ] {
            #expect(run.stdout.contains(fragment), "\(fragment) missing from \(run.stdout)")
        }
    }

    @Test func signDomainKeyFromEnvironmentAndFile() throws {
        let env = try XiaoaBinary.run(
            ["sign", "--domain-key-env", "XK", "--timestamp", "1700000000"], environment: ["XK": "abc"])
        #expect(env.stdout == "8119bf02e2\n")
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("xiaoa-key-\(UUID().uuidString)")
        try Data("abc\n".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let fromFile = try XiaoaBinary.run(["sign", "--domain-key-file", file.path, "--timestamp", "1700000000"])
        #expect(fromFile.stdout == "8119bf02e2\n")
    }

    @Test func signBatchKeepsOrderAndReportsBadLines() throws {
        let input = "1700000000\tabc\r\nno-tab-here\n1700000000\tabc\nabc\tabc\n1700000000\tabc"
        let run = try XiaoaBinary.run(["sign", "--batch"], stdin: input)
        #expect(run.status == 65)
        #expect(run.stdout == "8119bf02e2\n\n8119bf02e2\n\n8119bf02e2\n")
        #expect(run.stderr.contains("error: line 2: expected TIMESTAMP<TAB>DOMAIN_KEY"))
        #expect(run.stderr.contains("error: line 4: timestamp is not decimal digits"))
        #expect(run.stderr.contains("2 lines failed"))
    }

    @Test func signBatchEmptyInputIsEmptyOutput() throws {
        let run = try XiaoaBinary.run(["sign", "--batch"], stdin: "")
        #expect(run.status == 0)
        #expect(run.stdout == "")
    }

    @Test(arguments: [
        (["sign", "--timestamp", "1700000000"], Int32(64)),
        (["sign", "--domain-key", "abc", "--timestamp", ""], Int32(65)),
        (["sign", "--domain-key", "abc", "--timestamp", " 1700000000"], Int32(65)),
        (["sign", "--domain-key", "abc", "--format", "xml"], Int32(64)),
        (["sign", "--domain-key", "a", "--domain-key-env", "B"], Int32(64)),
        (["sign", "--domain-key-file", "/nonexistent/key"], Int32(66)),
        (["sign", "--batch", "--domain-key", "abc"], Int32(64)),
        (["frobnicate"], Int32(64)),
    ])
    func signBadInput(_ arguments: [String], _ status: Int32) throws {
        let run = try XiaoaBinary.run(arguments)
        #expect(run.status == status, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.hasPrefix("error: "), "\(run)")
        #expect(!run.stderr.contains("Fatal error"))
    }

    // MARK: - encrypt / decrypt

    @Test func encryptKnownAnswerFromStdin() throws {
        let run = try XiaoaBinary.run(["encrypt"], stdin: "123456\n")
        #expect(run.status == 0)
        #expect(run.stdout == "HHAEEXzBXY4FmXo0mOQ8Hw==\n")
        #expect(run.stderr == "")
        #expect(try XiaoaBinary.run(["encrypt"], stdin: "123456\r\n").stdout == "HHAEEXzBXY4FmXo0mOQ8Hw==\n")
        #expect(try XiaoaBinary.run(["encrypt"], stdin: "123456").stdout == "HHAEEXzBXY4FmXo0mOQ8Hw==\n")
        #expect(try XiaoaBinary.run(["encrypt", "123456"]).stdout == "HHAEEXzBXY4FmXo0mOQ8Hw==\n")
        #expect(
            try XiaoaBinary.run(["encrypt", "--password-env", "PW"], environment: ["PW": "123456"]).stdout
                == "HHAEEXzBXY4FmXo0mOQ8Hw==\n")
    }

    @Test func encryptOnlyOneNewlineIsDropped() throws {
        let twice = try XiaoaBinary.run(["encrypt"], stdin: "123456\n\n")
        let withNewline = try XiaoaBinary.run(["encrypt", "123456\n"])
        #expect(twice.stdout == withNewline.stdout)
        #expect(twice.stdout != "HHAEEXzBXY4FmXo0mOQ8Hw==\n")
    }

    @Test func encryptEmptyPasswordVersusEmptyStdin() throws {
        let emptyLine = try XiaoaBinary.run(["encrypt"], stdin: "\n")
        #expect(emptyLine.status == 0)
        // PHP: openssl_encrypt("", "AES-128-CBC", "xiaoa", 0, "1234567890123456")
        #expect(emptyLine.stdout == "q8QRTB57BGeYLZi1Ce3Arw==\n", "\(emptyLine)")
        let nothing = try XiaoaBinary.run(["encrypt"], stdin: "")
        #expect(nothing.status == 65)
        #expect(nothing.stderr.hasPrefix("error: no plaintext on stdin"))
    }

    @Test func decryptKnownAnswer() throws {
        #expect(try XiaoaBinary.run(["decrypt", "HHAEEXzBXY4FmXo0mOQ8Hw=="]).stdout == "123456\n")
        #expect(try XiaoaBinary.run(["decrypt"], stdin: "HHAEEXzBXY4FmXo0mOQ8Hw==\n").stdout == "123456\n")
        #expect(try XiaoaBinary.run(["decrypt", "--hex", "HHAEEXzBXY4FmXo0mOQ8Hw=="]).stdout == "313233343536\n")
        #expect(try XiaoaBinary.run(["decrypt", "--raw", "HHAEEXzBXY4FmXo0mOQ8Hw=="]).stdout == "123456")
    }

    @Test func encryptDecryptRoundTripUnicode() throws {
        let secret = "密码 🔐 \"quoted\" back\\slash\ttab"
        let encrypted = try XiaoaBinary.run(["encrypt"], stdin: secret + "\n")
        #expect(encrypted.status == 0)
        let decrypted = try XiaoaBinary.run(["decrypt"], stdin: encrypted.stdout)
        #expect(decrypted.stdout == secret + "\n")
    }

    @Test func customKeysAndIVs() throws {
        let hexKey = "7869616f610000000000000000000000"
        let byHex = try XiaoaBinary.run([
            "encrypt", "--key-hex", hexKey, "--iv-hex", "31323334353637383930313233343536", "123456",
        ])
        #expect(byHex.stdout == "HHAEEXzBXY4FmXo0mOQ8Hw==\n")
        let other = try XiaoaBinary.run(["encrypt", "--key", "another key", "123456"])
        #expect(other.status == 0)
        #expect(other.stdout != byHex.stdout)
        let back = try XiaoaBinary.run(["decrypt", "--key", "another key"], stdin: other.stdout)
        #expect(back.stdout == "123456\n")
    }

    @Test func explainShowsKeyIVAndBlocks() throws {
        let run = try XiaoaBinary.run(["encrypt", "--explain", "123456"])
        for fragment in [
            "7869616f610000000000000000000000", "31323334353637383930313233343536",
            "3132333435360a0a0a0a0a0a0a0a0a0a", "1c7004117cc15d8e05997a3498e43c1f", "HHAEEXzBXY4FmXo0mOQ8Hw==",
        ] {
            #expect(run.stdout.contains(fragment), "\(fragment) missing from \(run.stdout)")
        }
    }

    @Test func batchesStreamInOrder() throws {
        let plaintexts = (0..<500).map { "password-\($0)-密码" }
        let encrypted = try XiaoaBinary.run(["encrypt", "--batch"], stdin: plaintexts.joined(separator: "\n") + "\n")
        #expect(encrypted.status == 0)
        let lines = encrypted.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 500)
        #expect(
            lines.first.map(String.init)
                == (try XiaoaBinary.run(["encrypt", plaintexts[0]]).stdout.dropLast().description))
        let decrypted = try XiaoaBinary.run(["decrypt", "--batch"], stdin: encrypted.stdout)
        #expect(decrypted.stdout == plaintexts.joined(separator: "\n") + "\n")
    }

    @Test func decryptBatchReportsBadLinesAndKeepsTheRest() throws {
        let input = "HHAEEXzBXY4FmXo0mOQ8Hw==\nnot base64!\nHHAEEXzBXY4FmXo0mOQ8Hw==\n"
        let run = try XiaoaBinary.run(["decrypt", "--batch"], stdin: input)
        #expect(run.status == 65)
        #expect(run.stdout == "123456\n\n123456\n")
        #expect(run.stderr.contains("error: line 2: ciphertext is not valid base64"))
    }

    @Test(arguments: [
        ("not base64!", "not valid base64"),
        ("HHAEEXzBXY4FmXo0mOQ8Hw", "not a multiple of 4"),
        ("HHAEEXzBXY4FmXo0mOQ8", "multiple of 16"),
        ("AAAAAAAAAAAAAAAAAAAAAA==", "bad padding"),
        ("HHAEEXzBXY4F Xo0mOQ8Hw==", "a space"),
    ])
    func decryptBadInput(_ input: String, _ fragment: String) throws {
        let run = try XiaoaBinary.run(["decrypt", input])
        #expect(run.status == 65, "\(run)")
        #expect(run.stdout == "")
        #expect(run.stderr.hasPrefix("error: "))
        #expect(run.stderr.contains(fragment), "\(run)")
    }

    @Test func decryptSpaceForPlusGetsAHint() throws {
        // A real ciphertext (of "correct horse battery staple") whose '+' became a space: the hint is a diagnosis
        // now, given only when putting the '+' back makes the value decrypt.
        let damaged = try XiaoaBinary.run(["decrypt", "s3vlZhGZoMSKlnr9J38o2T9Rjn CoNMGVxCyPzvVP48="])
        #expect(damaged.stderr.contains("hint: a space where base64 has '+'"), "\(damaged)")
    }

    @Test func nonUTF8PlaintextNeedsHexOrRaw() throws {
        let encrypted = try XiaoaBinary.run(["encrypt"], stdin: Data([0xff, 0xfe, 0x0a]))
        #expect(encrypted.status == 0)
        let text = try XiaoaBinary.run(["decrypt", String(encrypted.stdout.dropLast())])
        #expect(text.status == 65)
        #expect(text.stderr.contains("not valid UTF-8"))
        #expect(text.stderr.contains("hint: use --hex or --raw"))
        let hex = try XiaoaBinary.run(["decrypt", "--hex", String(encrypted.stdout.dropLast())])
        #expect(hex.stdout == "fffe\n")
    }

    @Test(arguments: [
        (["encrypt", "--key-hex", "00", "x"], Int32(65)),
        (["encrypt", "--key-hex", "zz69616f610000000000000000000000", "x"], Int32(65)),
        (["encrypt", "--key", "a", "--key-hex", "00", "x"], Int32(64)),
        (["encrypt", "--password-file", "/nonexistent/file"], Int32(66)),
        (["decrypt", "--hex", "--raw", "x"], Int32(64)),
        (["encrypt", "--password-env", "XIAOA_UNSET_VARIABLE"], Int32(64)),
    ])
    func cipherBadInput(_ arguments: [String], _ status: Int32) throws {
        let run = try XiaoaBinary.run(arguments)
        #expect(run.status == status, "\(run)")
        #expect(run.stderr.hasPrefix("error: "), "\(run)")
    }

    // MARK: - verify

    @Test func verifySign() throws {
        let ok = try XiaoaBinary.run([
            "verify", "sign", "--timestamp", "1700000000", "--domain-key", "abc", "--sign", "8119bf02e2",
        ])
        #expect(ok.status == 0)
        #expect(ok.stdout == "ok\n")
        let bad = try XiaoaBinary.run([
            "verify", "sign", "--timestamp", "1700000000", "--domain-key", "abc", "--sign", "8119BF02E2",
        ])
        #expect(bad.status == 1)
        #expect(bad.stdout == "")
        #expect(bad.stderr.hasPrefix("error: sign mismatch"))
    }

    @Test func verifySignSkew() throws {
        let base = [
            "verify", "sign", "--timestamp", "1700000000", "--domain-key", "abc", "--sign", "8119bf02e2", "--max-skew",
            "300",
        ]
        #expect(try XiaoaBinary.run(base + ["--now", "1700000100"]).status == 0)
        let old = try XiaoaBinary.run(base + ["--now", "1700000500"])
        #expect(old.status == 1)
        #expect(old.stderr.contains("too old: 500 seconds"))
        let future = try XiaoaBinary.run(base + ["--now", "1699999000"])
        #expect(future.status == 1)
        #expect(future.stderr.contains("in the future: 1000 seconds"))
    }

    @Test func verifyPassword() throws {
        let ok = try XiaoaBinary.run(
            ["verify", "password", "--ciphertext", "HHAEEXzBXY4FmXo0mOQ8Hw==", "--expect-stdin"], stdin: "123456\n")
        #expect(ok.status == 0)
        #expect(ok.stdout == "ok\n")
        let bad = try XiaoaBinary.run([
            "verify", "password", "--ciphertext", "HHAEEXzBXY4FmXo0mOQ8Hw==", "--expect", "654321",
        ])
        #expect(bad.status == 1)
        #expect(!bad.stderr.contains("654321"), "the expected password must not be echoed")
        #expect(!bad.stderr.contains("123456"), "the decrypted password must not be echoed")
        let wrongKey = try XiaoaBinary.run([
            "verify", "password", "--ciphertext", "HHAEEXzBXY4FmXo0mOQ8Hw==", "--expect", "123456", "--key", "other",
        ])
        #expect(wrongKey.status == 1)
        let notBase64 = try XiaoaBinary.run(["verify", "password", "--ciphertext", "***", "--expect", "123456"])
        #expect(notBase64.status == 65)
        let none = try XiaoaBinary.run(["verify", "password", "--ciphertext", "HHAEEXzBXY4FmXo0mOQ8Hw=="])
        #expect(none.status == 64)
    }

    // MARK: - codes

    @Test func codesTable() throws {
        let all = try XiaoaBinary.run(["codes"])
        #expect(all.status == 0)
        #expect(all.stdout.split(separator: "\n").count == 11)
        #expect(all.stdout.contains("10001\t签名验证失败\tsignature verification failed\n"))
        let one = try XiaoaBinary.run(["codes", "20003"])
        #expect(one.stdout == "20003\t关联重复\tduplicate association\n")
        let json = try XiaoaBinary.run(["codes", "0", "--format", "json"])
        #expect(json.stdout == #"{"code":0,"meaning":"request handled successfully","message":"请求处理成功"}"# + "\n")
        let unknown = try XiaoaBinary.run(["codes", "12345"])
        #expect(unknown.status == 65)
        #expect(try XiaoaBinary.run(["codes", "abc"]).status == 64)
    }

    // MARK: - vectors

    @Test func vectorsCheckBuiltInSet() throws {
        let run = try XiaoaBinary.run(["vectors", "check"])
        #expect(run.status == 0, "\(run)")
        let last = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasSuffix(" passed, 0 failed"), "\(last)")
        #expect((Int(last.split(separator: " ").first ?? "") ?? 0) >= 400)
    }

    @Test func vectorsCheckFailsOnAWrongVector() throws {
        let sign = try String(contentsOfFile: Self.vectors + "/sign.json", encoding: .utf8)
        // Break only the first case that expects the known answer.
        let original = "\"sign\": \"8119bf02e2\""
        let range = try #require(sign.range(of: original))
        let broken = sign.replacingCharacters(in: range, with: "\"sign\": \"8119bf02e3\"")
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("broken-\(UUID().uuidString).json")
            .path
        try broken.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try XiaoaBinary.run(["vectors", "check", path])
        #expect(run.status == 1)
        #expect(run.stdout.hasSuffix(" passed, 1 failed\n"), "\(run)")
        #expect(run.stdout.contains("tcId 1 "))
    }

    @Test func vectorsCheckMissingAndMalformedFiles() throws {
        #expect(try XiaoaBinary.run(["vectors", "check", "/nonexistent.json"]).status == 66)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).json").path
        try "{\"schema\": ".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let run = try XiaoaBinary.run(["vectors", "check", path])
        #expect(run.status == 65)
        #expect(run.stderr.contains("line 1"))
    }

    // MARK: - help

    @Test(arguments: [
        ["sign"], ["encrypt"], ["decrypt"], ["verify", "sign"], ["verify", "password"], ["codes"],
        ["vectors", "check"],
    ])
    func helpHasAnAbstractAndAnExample(_ command: [String]) throws {
        let run = try XiaoaBinary.run(command + ["--help"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("OVERVIEW: "))
        #expect(run.stdout.contains("xiaoa-crypto " + command.joined(separator: " ")), "\(run.stdout)")
    }

    // MARK: - helpers

    static let vectors: String = {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Vectors").path
    }()

    static func shell(_ script: String, _ argument: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", script, "sh", argument]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}
