import Foundation
import Testing
import XiaoaLocalization

/// The tool in Simplified Chinese: `--lang`, `XIAOA_LANG` and the locale, and every message of the bad-input table.
@Suite("Messages in Chinese")
struct LanguageTests {
    /// The text after `error: `, `warning: ` or `hint: ` of each such line.
    static func messages(_ stderr: String) -> [(prefix: String, text: String)] {
        stderr.split(separator: "\n").compactMap { line in
            for prefix in ["error: ", "warning: ", "hint: "] where line.hasPrefix(prefix) {
                return (prefix, String(line.dropFirst(prefix.count)))
            }
            return nil
        }
    }

    static func hasChinese(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x4e00...0x9fff).contains($0.value) }
    }

    static func shell(_ command: String, environment extra: [String: String]) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        var environment = ProcessInfo.processInfo.environment
        let binDirectory = URL(fileURLWithPath: XiaoaBinary.path).deletingLastPathComponent().path
        environment["PATH"] = binDirectory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        for (key, value) in extra { environment[key] = value }
        process.environment = environment
        let error = Pipe()
        process.standardOutput = FileHandle.nullDevice
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    /// Every row of docs/bad-input.tsv: the same exit status in Chinese, and each `error:`/`hint:`/`warning:` line
    /// the catalogue's translation of the English one.
    @Test(arguments: try BadInputTableTests.rows())
    func badInputRowInChinese(_ row: BadInputTableTests.Row) throws {
        let (englishStatus, english) = try Self.shell(row.command, environment: ["XIAOA_LANG": "en"])
        let (chineseStatus, chinese) = try Self.shell(row.command, environment: ["XIAOA_LANG": "zh-Hans"])
        #expect(chineseStatus == englishStatus, "\(row.command)")
        let englishLines = Self.messages(english)
        let chineseLines = Self.messages(chinese)
        #expect(englishLines.count == chineseLines.count, "\(row.command)\n\(english)\n\(chinese)")
        for (englishLine, chineseLine) in zip(englishLines, chineseLines) {
            #expect(englishLine.prefix == chineseLine.prefix, "\(row.command)")
            let translation = Catalogue.translation(of: englishLine.text, to: .zhHans)
            #expect(translation != nil, "\(row.command): no Chinese for \"\(englishLine.text)\"")
            #expect(chineseLine.text == translation ?? englishLine.text, "\(row.command)")
        }
    }

    static let upperCaseSign = [
        "verify", "sign", "--timestamp", "1700000000", "--domain-key", "abc", "--sign", "8119BF02E2",
    ]

    /// The issue's checks: under `LANG=zh_CN.UTF-8` and with `--lang zh-Hans`, Chinese after the prefixes.
    @Test(arguments: [
        (["LANG": "zh_CN.UTF-8"], [String]()), (["LANG": "C"], ["--lang", "zh-Hans"]), (["LC_ALL": "zh_CN.UTF-8"], []),
    ])
    func chineseAfterThePrefixes(_ environment: [String: String], _ lang: [String]) throws {
        let runs = [
            try XiaoaBinary.run(Self.upperCaseSign + lang, environment: environment.merging(["XIAOA_LANG": ""]) { $1 }),
            try XiaoaBinary.run(
                ["decrypt", "HHAEEXzBXY4F Xo0mOQ8Hw=="] + lang,
                environment: environment.merging(["XIAOA_LANG": ""]) { $1 }),
            try XiaoaBinary.run(
                ["sign", "--frobnicate"] + lang, environment: environment.merging(["XIAOA_LANG": ""]) { $1 }),
        ]
        for run in runs {
            let lines = Self.messages(run.stderr)
            #expect(!lines.isEmpty, "\(run)")
            for line in lines { #expect(Self.hasChinese(line.text), "\(run)") }
        }
        #expect(runs[0].stderr.hasPrefix("error: sign 不匹配："), "\(runs[0])")
        #expect(runs[0].stderr.contains("\nhint: sign 是大写十六进制"), "\(runs[0])")
        #expect(runs[1].stderr.contains("hint: 这个值不是标准 base64"), "\(runs[1])")
        #expect(runs[2].status == 64)
    }

    @Test func verifyRequestOnABadBodyInChinese() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("xiaoa-lang-\(UUID().uuidString).json")
        try Data(
            #"{"timestamp":"1700000000","domain_key":"demo","sign":"4FE608FF5E","user_name":"u","c_username":"c","password":"x"}"#
                .utf8
        ).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try XiaoaBinary.run(
            ["verify", "request", "assoc/add", file.path, "--domain-key", "demo", "--lang", "zh-Hans"])
        #expect(run.status == 1, "\(run)")
        #expect(run.stdout.contains("FAIL  sign: sign 4FE608FF5E 不等于"), "\(run)")
        #expect(run.stdout.contains("hint: sign 是大写十六进制"), "\(run)")
        let json = try XiaoaBinary.run(
            ["verify", "request", "assoc/add", file.path, "--domain-key", "demo", "--format", "json"],
            environment: ["XIAOA_LANG": "zh-Hans"])
        #expect(json.stdout.contains(#""lang":"zh-Hans""#), "\(json)")
        #expect(json.stdout.contains(#""message":"签名验证失败""#), "\(json)")
        #expect(json.stdout.contains(#""id":"sign.outerUppercase""#), "\(json)")
    }

    /// verify har's findings and summary line: the capture of the console's tests (a mitmproxy HAR).
    @Test func verifyHARInChinese() throws {
        let har = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("scripts/console/fixtures/mitmproxy.har").path
        let english = try XiaoaBinary.run(["verify", "har", har, "--domain-key", "demo"])
        let chinese = try XiaoaBinary.run(["verify", "har", har, "--domain-key", "demo", "--lang", "zh-Hans"])
        #expect(chinese.status == english.status)
        let englishLines = english.stdout.split(separator: "\n").map(String.init)
        let chineseLines = chinese.stdout.split(separator: "\n").map(String.init)
        #expect(englishLines.count == chineseLines.count && !englishLines.isEmpty, "\(chinese)")
        for (englishLine, chineseLine) in zip(englishLines, chineseLines) where englishLine != chineseLine {
            // A finding's "    id: summary" or "      fix: …" line, or the summary line: the catalogue's Chinese.
            let text = englishLine.hasPrefix("    ") ? String(englishLine.drop { $0 != ":" }.dropFirst(2)) : englishLine
            let translation = try #require(Catalogue.translation(of: text, to: .zhHans), "no Chinese for \(text)")
            #expect(chineseLine.hasSuffix(translation), "\(chineseLine)")
        }
        #expect(Self.hasChinese(chineseLines.last ?? ""), "\(chinese)")
    }

    @Test func englishUnderAChineseLocale() throws {
        let english = try XiaoaBinary.run(Self.upperCaseSign, environment: ["XIAOA_LANG": ""])
        let forced = try XiaoaBinary.run(
            Self.upperCaseSign + ["--lang", "en"], environment: ["XIAOA_LANG": "", "LANG": "zh_CN.UTF-8"])
        #expect(forced.stderr == english.stderr && forced.status == english.status, "\(forced)")
        #expect(forced.stderr.hasPrefix("error: sign mismatch: "), "\(forced)")
        #expect(forced.stderr.contains("\nhint: the sign is upper-case hex"), "\(forced)")
        // The fast path of sign takes --lang too, and an invalid one is a usage error.
        let signed = try XiaoaBinary.run([
            "sign", "--domain-key", "abc", "--timestamp", "1700000000", "--lang", "zh-Hans",
        ])
        #expect(signed.stdout == "8119bf02e2\n" && signed.status == 0, "\(signed)")
        let invalid = try XiaoaBinary.run(["sign", "--domain-key", "abc", "--lang", "fr"])
        #expect(invalid.status == 64, "\(invalid)")
    }
}
