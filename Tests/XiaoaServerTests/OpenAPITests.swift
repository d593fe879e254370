import Foundation
import Testing
import XiaoaAPI

/// docs/openapi.yaml against the code: every endpoint, its required fields, and every code. (schemathesis in
/// scripts/test-server checks it against the running server.)
@Suite("OpenAPI document")
struct OpenAPITests {
    static let document: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/openapi.yaml"), encoding: .utf8)) ?? ""
    }()

    @Test func isOpenAPI31() {
        #expect(Self.document.hasPrefix("openapi: 3.1.") || Self.document.contains("\nopenapi: 3.1."))
    }

    @Test("each endpoint with its required fields", arguments: Endpoint.allCases)
    func endpoint(_ endpoint: Endpoint) throws {
        let lines = Self.document.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex(of: "  \(endpoint.path):"), "no path \(endpoint.path)")
        let end =
            lines[(start + 1)...].firstIndex { $0.hasPrefix("  /") || (!$0.hasPrefix(" ") && !$0.isEmpty) }
            ?? lines.count
        let block = lines[start..<end].joined(separator: "\n")
        #expect(block.contains("    post:"))
        let schemaName =
            "#/components/schemas/" + endpoint.rawValue.replacingOccurrences(of: "assoc/", with: "").capitalized
            + "Request"
        #expect(block.contains(schemaName), "\(endpoint.path) should use \(schemaName)")
        let required = (Endpoint.publicFields + endpoint.fields).filter(\.required).map(\.name)
        #expect(
            Self.document.contains("required: [\(required.joined(separator: ", "))]"), "required fields of \(endpoint)")
        for field in endpoint.fields { #expect(Self.document.contains("        \(field.name):"), "\(field.name)") }
    }

    @Test func everyCodeIsListed() {
        let codes = APICode.tableOrder.map { String($0.rawValue) }.joined(separator: ", ")
        #expect(Self.document.contains("enum: [\(codes)]"))
        for code in APICode.allCases { #expect(Self.document.contains(code.message), "\(code.message)") }
    }
}
