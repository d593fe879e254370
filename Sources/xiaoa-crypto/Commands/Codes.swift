import ArgumentParser
import XiaoaAPI
import XiaoaJSON
import XiaoaLocalization

/// `xiaoa-crypto codes`: the API's result codes.
struct Codes: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the API's result codes: code, the vendor's message and its meaning.",
        discussion: """
            Text output is tab-separated: code, message (Chinese, as the vendor sends it), meaning.

            Examples:
              xiaoa-crypto codes
              xiaoa-crypto codes 10001
              xiaoa-crypto codes --format json | jq .
            """)

    @Argument(help: "One code to look up.")
    var code: Int?

    @Option(help: "Output format.")
    var format: OutputFormat = .text

    @OptionGroup var language: LanguageOptions

    func run() throws {
        var rows = APICode.tableOrder
        if let code {
            guard let known = APICode(rawValue: code) else {
                throw Failure.badData(
                    "unknown code \(code)",
                    hints: [
                        "the vendor's codes are "
                            + APICode.tableOrder.map { String($0.rawValue) }.joined(separator: ", ")
                    ])
            }
            rows = [known]
        }
        let out = OutputBuffer()
        switch format {
        case .text:
            for row in rows {
                out.writeLine("\(row.rawValue)\t\(row.message)\t\(Catalogue.translate(row.meaning, to: IO.language))")
            }
        case .json:
            let values: [JSONValue] = rows.map { .ordered($0.jsonMembers) }
            let value: JSONValue = code == nil ? .array(values) : values[0]
            do { out.writeLine(try JCS.canonicalString(value.localized(to: IO.language))) } catch {
                throw Failure.badData("\(error)")
            }
        }
    }
}
