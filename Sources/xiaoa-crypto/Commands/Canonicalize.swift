import ArgumentParser
import XiaoaJSON

/// `xiaoa-crypto canonicalize`: JSON to RFC 8785 canonical bytes, or to PHP's json_encode bytes.
struct Canonicalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print JSON canonically: RFC 8785 (JCS), or the bytes PHP's json_encode gives.",
        discussion: """
            The input is parsed strictly (RFC 8259): duplicate keys, lone surrogate escapes and nesting deeper \
            than 512 are refused. Output has no trailing newline in jcs style, as RFC 8785 defines the bytes; \
            add --newline for one.

            Examples:
              echo '{"b":1,"a":"x/y"}' | xiaoa-crypto canonicalize    # {"a":"x/y","b":1}
              xiaoa-crypto canonicalize --style php body.json        # {"b":1,"a":"x\\/y"}
            """)

    enum Style: String, ExpressibleByArgument, CaseIterable { case jcs, php }

    @Argument(help: "A JSON file, or - for stdin (default).")
    var file: String = "-"

    @Option(help: "Output style.")
    var style: Style = .jcs

    @Flag(help: "End the output with a newline.")
    var newline = false

    @OptionGroup var language: LanguageOptions

    func run() throws {
        let bytes = try IO.readFile(file)
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch {
            var hints: [String] = []
            if error.kind == .duplicateKey {
                hints.append("RFC 8785 needs unique keys; PHP's json_decode keeps the last one")
            }
            if bytes.isEmpty { hints.append("the input is empty") }
            throw Failure.badData("\(file == "-" ? "stdin" : file): invalid JSON at \(error)", hints: hints)
        }
        let out = OutputBuffer()
        switch style {
        case .jcs:
            do { out.write(try JCS.canonicalize(value)) } catch { throw Failure.badData(error.description) }
        case .php:
            out.write(PHPJSON.encode(value))
        }
        if newline { out.write(CollectionOfOne(UInt8(ascii: "\n"))) }
    }
}
