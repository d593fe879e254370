// nst/JSONTestSuite `test_parsing/`: every y_ file accepted, every n_ file rejected, i_ files as documented.

import Foundation
import Testing
import XiaoaJSON

@Suite("JSONTestSuite")
struct JSONTestSuiteTests {
    static let directory = "json/JSONTestSuite/test_parsing"

    /// RFC 8785 (and our parser's default) rejects duplicate keys, which RFC 8259 only discourages.
    static let duplicateKeyFiles: Set<String> = [
        "y_object_duplicated_key.json", "y_object_duplicated_key_and_value.json",
    ]

    static let yFiles = VectorFiles.names(in: directory, prefix: "y_")
    static let nFiles = VectorFiles.names(in: directory, prefix: "n_")
    static let iFiles = VectorFiles.names(in: directory, prefix: "i_")

    @Test("all files present")
    func filesPresent() {
        #expect(Self.yFiles.count == 95)
        #expect(Self.nFiles.count == 188)
        #expect(Self.iFiles.count == 35)
    }

    @Test("y_ files are accepted", arguments: yFiles)
    func accepts(_ name: String) throws {
        let bytes = try VectorFiles.bytes("\(Self.directory)/\(name)")
        if Self.duplicateKeyFiles.contains(name) {
            let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
            #expect(error?.kind == .duplicateKey, "\(name): \(String(describing: error))")
            #expect(
                error?.reason.hasPrefix("duplicate object key \"a\"") == true, "\(name): \(String(describing: error))")
            // With the check off, the file parses and keeps both members.
            let value = try JSONParser.parse(bytes, options: .init(rejectDuplicateKeys: false))
            #expect(value.object?.keys == ["a", "a"])
        } else {
            #expect(throws: Never.self, "\(name)") { try JSONParser.parse(bytes) }
        }
    }

    @Test("n_ files are rejected", arguments: nFiles)
    func rejects(_ name: String) throws {
        let bytes = try VectorFiles.bytes("\(Self.directory)/\(name)")
        let error = #expect(throws: JSONParseError.self, "\(name)") { try JSONParser.parse(bytes) }
        if let error {
            // The position is inside the input (or just past its end) and consistent with itself.
            #expect(error.offset >= 0 && error.offset <= bytes.count, "\(name): \(error)")
            #expect(error.line >= 1 && error.column >= 1, "\(name): \(error)")
            #expect(!error.reason.isEmpty)
        }
    }

    /// The documented outcome of each i_ file, read from the table in `Vectors/json/README.md`.
    static let iOutcomes: [String: String] = {
        guard let text = try? String(contentsOf: VectorFiles.url("json/README.md"), encoding: .utf8) else { return [:] }
        var table: [String: String] = [:]
        for line in text.split(separator: "\n") where line.hasPrefix("| `i_") {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            let file = cells[0].trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            guard cells.count >= 2, file.hasSuffix(".json") else { continue }
            table[file] = cells[1]
        }
        return table
    }()

    @Test("i_ files behave as Vectors/json/README.md documents", arguments: iFiles)
    func implementationDefined(_ name: String) throws {
        let bytes = try VectorFiles.bytes("\(Self.directory)/\(name)")
        let expected = try #require(Self.iOutcomes[name], "\(name) is missing from the README table")
        let outcome: String
        do {
            _ = try JSONParser.parse(bytes)
            outcome = "accept"
        } catch {
            outcome = "reject: \(error.kind)"
        }
        #expect(outcome == expected, "\(name)")
    }

    @Test("README table lists exactly the i_ files")
    func readmeTableComplete() {
        #expect(Set(Self.iOutcomes.keys) == Set(Self.iFiles))
    }
}
