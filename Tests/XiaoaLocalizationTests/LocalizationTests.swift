import Testing
import XiaoaAPI
import XiaoaCapture
import XiaoaJSON
import XiaoaLocalization
import XiaoaVectors

/// Whether `text` was translated: the catalogue matched it (exactly or by a template), and what it gives is
/// Chinese. Anything else, an English sentence the catalogue does not know above all, fails.
func expectTranslated(
    _ text: String, _ context: @autoclosure () -> String, sourceLocation: SourceLocation = #_sourceLocation
) {
    let translation = Catalogue.translation(of: text, to: .zhHans)
    #expect(translation != nil, "no Chinese for \"\(text)\" (\(context()))", sourceLocation: sourceLocation)
    if let translation {
        #expect(
            translation.unicodeScalars.contains { (0x4e00...0x9fff).contains($0.value) } || translation == text,
            "\"\(translation)\" has no Chinese (\(context()))", sourceLocation: sourceLocation)
    }
}

@Suite("Choosing the language")
struct LanguageTests {
    @Test(arguments: [
        ("en", Language.en), ("en-US", .en), ("C", .en), ("POSIX", .en), ("zh", .zhHans), ("zh-Hans", .zhHans),
        ("zh-CN", .zhHans), ("zh_CN.UTF-8", .zhHans), ("zh-Hans-CN", .zhHans), ("zh_TW.UTF-8", .zhHans),
    ])
    func parses(_ text: String, _ language: Language) {
        #expect(Language(parsing: text) == language)
    }

    @Test(arguments: ["", "fr", "de_DE.UTF-8", "english", "-zh"])
    func refuses(_ text: String) {
        #expect(Language(parsing: text) == nil)
    }

    @Test func resolutionOrder() {
        let zh = ["LANG": "zh_CN.UTF-8"]
        #expect(Language.resolve(option: nil, in: [:]) == .en)
        #expect(Language.resolve(option: nil, in: zh) == .zhHans)
        #expect(Language.resolve(option: .en, in: zh) == .en)
        #expect(Language.resolve(option: nil, in: zh.merging(["XIAOA_LANG": "en"]) { $1 }) == .en)
        // XIAOA_LANG that names no language is passed over.
        #expect(Language.resolve(option: nil, in: zh.merging(["XIAOA_LANG": "fr"]) { $1 }) == .zhHans)
        // POSIX order: LC_ALL, then LC_MESSAGES, then LANG; an empty one does not count.
        #expect(Language.resolve(option: nil, in: ["LC_ALL": "C", "LANG": "zh_CN.UTF-8"]) == .en)
        #expect(Language.resolve(option: nil, in: ["LC_ALL": "", "LANG": "zh_CN.UTF-8"]) == .zhHans)
        #expect(Language.resolve(option: nil, in: ["LC_MESSAGES": "zh_CN", "LANG": "en_US"]) == .zhHans)
    }

    @Test(arguments: [
        ("zh-CN", Language?.some(.zhHans)), ("zh-CN,zh;q=0.9,en;q=0.8", .zhHans), ("en-US,en;q=0.9,zh;q=0.8", .en),
        ("en;q=0.5, zh-Hans", .zhHans), ("fr, de", nil), ("*", nil), ("zh;q=0, en", .en), ("", nil),
        ("fr;q=1, zh-TW;q=0.3", .zhHans),
    ])
    func acceptLanguage(_ header: String, _ language: Language?) {
        #expect(Language.preferred(acceptLanguage: header) == language)
    }
}

@Suite("The catalogue")
struct CatalogueTests {
    /// A text that a placeholder of the template accepts: a plain value, or a message of the catalogue for `:t`.
    static func instance(of english: String) -> String {
        var text = english
        for index in Catalogue.placeholders(in: english) {
            text = text.replacing("{\(index):t}", with: "timestamp").replacing("{\(index)}", with: "V\(index)")
        }
        return text
    }

    @Test func noEntryIsShadowedByAnother() {
        var seen = Set<String>()
        for (english, _) in Catalogue.entries {
            #expect(seen.insert(english).inserted, "\"\(english)\" is in the catalogue twice")
            let text = Self.instance(of: english)
            let matching = Catalogue.entriesMatching(text)
            #expect(
                matching.first == english,
                "\"\(text)\" is translated by \(matching.first ?? "nothing"), not by its own entry")
        }
    }

    @Test func placeholdersAgree() {
        for (english, chinese) in Catalogue.entries {
            let inEnglish = Catalogue.placeholders(in: english)
            #expect(Set(inEnglish) == Set(Catalogue.placeholders(in: chinese)), "\(english) → \(chinese)")
            #expect(Set(inEnglish).count == inEnglish.count, "a placeholder twice in \(english)")
            #expect(Set(inEnglish) == Set(0..<inEnglish.count), "placeholders of \(english) are not 0…n-1")
            #expect(!english.contains("}{"), "two placeholders in a row: \(english)")
            if !inEnglish.isEmpty {
                #expect(english.contains { $0 != "{" && $0 != "}" && !$0.isNumber && $0 != ":" && $0 != "t" })
            }
        }
    }

    @Test func chineseProseUsesFullWidthPunctuation() {
        for (english, chinese) in Catalogue.entries where chinese.unicodeScalars.contains(where: { $0.value >= 0x4e00 })
        {
            // A Chinese sentence does not end with an English full stop; ASCII punctuation stays in code.
            #expect(!chinese.hasSuffix("."), "\(english) → \(chinese)")
            #expect(!chinese.contains("。 ") && !chinese.contains("， "), "\(english) → \(chinese)")
        }
    }

    /// A long text that no entry knows, with many places a `{0:t}, {1:t}` template could split it: each piece is
    /// tried once (without remembering them, 2^40 splits).
    @Test func aLongUnknownListIsNotSplitForever() {
        let text = (1...40).map { "item \($0)" }.joined(separator: ", ")
        #expect(Catalogue.translation(of: text, to: .zhHans) == nil)
        let words = Array(repeating: "timestamp", count: 40).joined(separator: ", ")
        #expect(
            Catalogue.translation(of: words, to: .zhHans) == Array(repeating: "时间戳", count: 40).joined(separator: "、"))
    }

    @Test func englishIsTheIdentity() {
        #expect(Catalogue.translate("sign mismatch", to: .en) == "sign mismatch")
        #expect(Catalogue.translate("no such message", to: .zhHans) == "no such message")
        #expect(Catalogue.translate("line 2: sign mismatch", to: .zhHans) == "第 2 行：sign 不匹配")
    }
}

@Suite("Every finding in Chinese")
struct FindingTranslationTests {
    @Test("Vectors/diagnosis-sign.json", arguments: try VectorFile.repositoryCases("diagnosis-sign.json"))
    func signVector(_ test: VectorCase) throws {
        for finding in try #require(test.diagnosedFindings) {
            expectTranslated(finding.summary, "\(test) \(finding.id) summary")
            expectTranslated(finding.fix, "\(test) \(finding.id) fix")
            let json = finding.json.localized(to: .zhHans)
            #expect(json["summary"]?.string == Catalogue.translation(of: finding.summary, to: .zhHans))
            #expect(json["id"]?.string == finding.id.rawValue)
        }
    }

    @Test("Vectors/diagnosis-password.json", arguments: try VectorFile.repositoryCases("diagnosis-password.json"))
    func passwordVector(_ test: VectorCase) throws {
        for finding in try #require(test.diagnosedFindings) {
            expectTranslated(finding.summary, "\(test) \(finding.id) summary")
            expectTranslated(finding.fix, "\(test) \(finding.id) fix")
        }
    }

    static let serverFindings: [Finding] =
        [
            ServerFinding.unknownUser("xa"), ServerFinding.noBinding("c1", to: "xa"),
            ServerFinding.noBinding("c1", to: nil),
            ServerFinding.duplicateBinding("c1"), ServerFinding.noCUsername(),
            ServerFinding.wrongPassword(field: "password", userName: "xa"), ServerFinding.oldPasswordMismatch("c1"),
            ServerFinding.newPasswordMismatch("xa"), ServerFinding.passwordChangedMeanwhile("xa"),
            ServerFinding.bindingChangedMeanwhile("c1"), ServerFinding.noToken(), ServerFinding.tokenMalformed(),
            ServerFinding.tokenForged(), ServerFinding.tokenExpired(secondsAgo: 5),
            ServerFinding.bodyUnreadable(limit: 9),
            ServerFinding.notPost(method: "GET", path: "/assoc/add"), ServerFinding.internalError("DatabaseError"),
            CaptureFinding.formEncoded(contentType: "application/x-www-form-urlencoded"),
            CaptureFinding.otherDomainKey(), CaptureFinding.vendorClockOrKey(),
        ]
        + APICode.allCases.flatMap { predicted in
            [10001, 10002, 0].map { CaptureFinding.answerDiffers(predicted: predicted, actual: $0) }
        }

    @Test func everyServerAndCaptureFinding() {
        var ids = Set<FindingID>()
        for finding in Self.serverFindings {
            ids.insert(finding.id)
            expectTranslated(finding.summary, "\(finding.id) summary")
            expectTranslated(finding.fix, "\(finding.id) fix")
        }
        // A new server or capture id without a sentence above fails here.
        for id in FindingID.Server.allCases.map(FindingID.server) + FindingID.Capture.allCases.map(FindingID.capture) {
            #expect(ids.contains(id), "\(id) has no case in this test")
        }
    }

    @Test func everyCheckFixAndCodeMeaning() {
        for endpoint in Endpoint.allCases {
            for check in CheckName.allCases {
                expectTranslated(RequestDiagnosis.fix(forCheck: check, endpoint: endpoint), "\(endpoint) \(check)")
            }
        }
        for code in APICode.allCases { expectTranslated(code.meaning, "code \(code.rawValue)") }
    }

    /// Bodies that fail (or skip) every check: each detail the verifier writes, in Chinese.
    static let bodies: [(Endpoint, String)] = [
        (.add, "{"), (.add, "[1]"), (.add, "{}"), (.add, #"{"timestamp":1,"domain_key":"demo","sign":"x"}"#),
        (
            .login,
            #"{"timestamp":"1700000000","domain_key":"nope","sign":"8119bf02e2","user_name":"u","c_username":"c"}"#
        ),
        (
            .add,
            #"{"timestamp":"1700000000","domain_key":"demo","sign":"0123456789","user_name":"u","c_username":"c","password":"x y"}"#
        ),
        (
            .add,
            #"{"timestamp":" 17","domain_key":"demo","sign":"0123456789","user_name":"u","c_username":"c","password":"AAAAAAAAAAAAAAAAAAAAAA==","extra":1}"#
        ),
        (
            .update,
            #"{"timestamp":"9999999999","domain_key":"demo","sign":"0123456789","c_username":"c","old_pwd":"AAAAAAAAAAAAAAAAAAAAAA==","new_pwd":5}"#
        ),
    ]

    @Test func everyCheckDetail() {
        for (endpoint, body) in Self.bodies {
            for maxSkew in [nil, Int64(300)] {
                let verdict = RequestVerifier(domainKeys: ["demo"], maxSkew: maxSkew).verify(
                    Array(body.utf8), endpoint: endpoint, now: 1_700_000_000)
                for check in verdict.checks { expectTranslated(check.detail, "\(endpoint) \(body) \(check.name)") }
                let findings = RequestDiagnosis.findings(
                    for: verdict, now: 1_700_000_000, maxSkew: maxSkew)
                for finding in findings {
                    expectTranslated(finding.summary, "\(body) \(finding.id)")
                    expectTranslated(finding.fix, "\(body) \(finding.id)")
                }
                // The whole verdict as the console and --explain show it: every text for people translated.
                let json = verdict.json(findings: findings).localized(to: .zhHans)
                #expect(json["lang"]?.string == "zh-Hans")
                #expect(json["message"]?.string == verdict.code.message, "the vendor's message never changes")
            }
        }
    }

    @Test func englishEncodingIsUnchanged() {
        let finding = ServerFinding.noToken()
        #expect(finding.json.localized(to: .en) == finding.json)
        #expect(finding.localized(to: .en) == finding)
    }
}
