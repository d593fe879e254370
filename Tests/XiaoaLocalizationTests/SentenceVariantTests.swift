import Testing
import XiaoaLocalization
import XiaoaSigning

@testable import XiaoaAPI

/// Every variant of every sentence the diagnoses can write (the vectors reach each finding id, not each wording):
/// each in Chinese, so a new wording without its translation fails here.
@Suite("Every wording of a finding in Chinese")
struct SentenceVariantTests {
    static var signSentences: [Finding] {
        var findings = [
            SignFindings.innerUppercase(), SignFindings.outerUppercase(), SignFindings.singleMd5(),
            SignFindings.swapped(), SignFindings.noKnownCause(), SignFindings.signedOverMilliseconds("1700000000123"),
            SignFindings.signedOverSeconds("1700000000"), SignFindings.leadingZerosInner(1),
            SignFindings.leadingZerosInner(3), SignFindings.leadingZerosOuter(1, label: "md5 #2"),
            SignFindings.leadingZerosOuter(2, label: "md5 #1"),
            SignFindings.whitespaceAroundSign(Array("8119bf02e2\n".utf8)),
        ]
        for separator in SignSearch.separators {
            findings += [
                SignFindings.separator(separator, swapped: false), SignFindings.separator(separator, swapped: true),
            ]
        }
        for (offset, length) in [(8, 2), (9, 10), (7, 10), (8, 9), (8, 11), (3, 10), (0, 32)] {
            for label in ["md5 #1", "md5 #2"] {
                findings.append(SignFindings.wrongCut(offset: offset, length: length, label: label))
            }
        }
        for field in ["timestamp", "domain key"] {
            for whitespace in SignSearch.trailingWhitespace + SignSearch.leadingWhitespace + [[0x0b]] {
                for leading in [false, true] {
                    findings.append(
                        SignFindings.whitespaceAdded(field: field, whitespace: whitespace, leading: leading))
                }
            }
            findings.append(SignFindings.whitespaceTrimmed(field: field, sent: Array(" 1700000000\r\n".utf8)))
        }
        let checks: [(TimestampCheck, [UInt8])] = [
            (.tooOld(delta: 400), Array("1699999600".utf8)), (.inFuture(delta: 400), Array("1700000400".utf8)),
            (.inFuture(delta: 1_698_300_000_000), Array("1700000000123".utf8)),
            (.notAnInteger, Array(" 1700000000".utf8)),
            (.notAnInteger, Array("17e8".utf8)),
        ]
        for (check, timestamp) in checks {
            findings += [SignFindings.skew(check, timestamp: timestamp, maxSkew: 300)].compactMap { $0 }
        }
        return findings + TimestampWarnings.findings(timestamp: "1700000000123")
    }

    static var cipherSentences: [Finding] {
        var findings = [
            CipherFindings.doubleBase64(), CipherFindings.keyRepeated(Array("xiaoaxiaoaxiaoax".utf8)),
            CipherFindings.keyMd5(hexPrefix: true), CipherFindings.keyMd5(hexPrefix: false),
            CipherFindings.keyFromHexText(), CipherFindings.hexKeyAsText(), CipherFindings.vendorKey(),
            CipherFindings.ecb(), CipherFindings.zeroPadding(0), CipherFindings.zeroPadding(1),
            CipherFindings.zeroPadding(5), CipherFindings.trailingNewline("\n"),
            CipherFindings.trailingNewline("\r\n", field: "old_pwd"), CipherFindings.cryptoJS(verified: true),
            CipherFindings.cryptoJS(verified: false),
        ]
        let utf8 = Array("密码".utf8)
        for charset in Charset.chinese {
            let encoded = Charset.encode(utf8: utf8, to: charset) ?? []
            for reveal in [false, true] {
                findings.append(CipherFindings.gbk(charset: charset, plaintext: encoded, utf8: utf8, reveal: reveal))
            }
        }
        let outcomes: [StrictOutcome] = [
            .correct, .invalidBase64, .invalidLength(15), .decryptionFailed, .otherPlaintext(6), .notUTF8,
        ]
        for outcome in outcomes {
            for expected in [nil, 6] {
                findings.append(CipherFindings.noKnownCause(for: outcome, expectedCount: expected))
            }
        }
        let traces = Array(CipherFindings.traceNames.keys).sorted { $0.rawValue < $1.rawValue }
        for count in 1...traces.count {
            findings.append(
                CipherFindings.noKnownCause(
                    for: .invalidBase64, expectedCount: nil, traces: Array(traces.prefix(count))))
        }
        for text in [
            "SEhBRUV%2BekJYWTRG", "HHAEEXzBXY4FmXo0\nmOQ8Hw==", "HHAEEXzBXY4F Xo0mOQ8Hw==", "HHAE-XzB_Y4FmXo0mOQ8Hw==",
            "HHAEEXzBXY4FmXo0mOQ8Hw",
        ] {
            findings += Base64Repair.variants(Array(text.utf8)).flatMap(\.findings)
        }
        return findings
    }

    @Test func signSentences() {
        for finding in Self.signSentences {
            expectTranslated(finding.summary, "\(finding.id) summary")
            expectTranslated(finding.fix, "\(finding.id) fix")
        }
    }

    @Test func cipherSentences() {
        let findings = Self.cipherSentences
        // Every id of the password diagnosis has a sentence above.
        for id in FindingID.cipherCases {
            #expect(findings.contains { $0.id == id }, "\(id) has no sentence in this test")
        }
        for finding in findings {
            expectTranslated(finding.summary, "\(finding.id) summary")
            expectTranslated(finding.fix, "\(finding.id) fix")
        }
    }
}
