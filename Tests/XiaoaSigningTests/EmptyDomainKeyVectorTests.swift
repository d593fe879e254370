import Foundation
import Testing
import XiaoaVectors

/// The empty domain key in the vector files: the sign function's value, marked `acceptable` (never `valid`), because
/// the API never assigns an empty key and every face of the tool refuses one.
@Suite("The empty domain key in Vectors/")
struct EmptyDomainKeyVectorTests {
    static let directory = VectorFile.repositoryDirectory()

    static func text(_ name: String) throws -> String {
        try String(contentsOfFile: directory + "/" + name, encoding: .utf8)
    }

    @Test("every empty-key case of sign.json is acceptable, and only those")
    func onlyEmptyKeysAreAcceptable() throws {
        let cases = try VectorFile.repositoryCases("sign.json")
        var acceptable = 0
        for test in cases {
            guard case .sign(let input) = test.input else { continue }
            let isAcceptable = test.result == .acceptable
            if isAcceptable { acceptable += 1 }
            #expect(isAcceptable == (input.domainKey.isEmpty && test.result != .invalid), "\(test)")
            #expect(!isAcceptable || test.flags.contains("EmptyDomainKey"), "\(test)")
        }
        #expect(acceptable >= 5)
    }

    @Test("an acceptable case still checks the math: a wrong sign fails")
    func acceptableChecksTheSign() throws {
        var text = try Self.text("sign.json")
        // tcId 6 is the md5 of nothing: timestamp and domain key both empty.
        let right = "\"sign\": \"9710d4c4e7\",\n          \"result\": \"acceptable\""
        let range = try #require(text.range(of: right))
        text.replaceSubrange(range, with: "\"sign\": \"9710d4c4e8\",\n          \"result\": \"acceptable\"")
        let file = try VectorFile.parse(Array(text.utf8))
        let test = try #require(file.cases.first { $0.tcId == 6 })
        #expect(VectorRunner.check(test).failure?.contains("sign is 9710d4c4e7") == true)
    }

    @Test("only the sign schemas may say acceptable")
    func passwordCannotBeAcceptable() throws {
        var text = try Self.text("password.json")
        let range = try #require(text.range(of: "\"result\": \"valid\""))
        text.replaceSubrange(range, with: "\"result\": \"acceptable\"")
        #expect(throws: VectorError.self) { try VectorFile.parse(Array(text.utf8)) }
    }
}
