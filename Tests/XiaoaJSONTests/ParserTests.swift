// The parser's positions, messages, limits and data model.

import Foundation
import Testing
import XiaoaJSON

@Suite("JSONParser")
struct ParserTests {
    // MARK: Values

    @Test("values, accessors and source order")
    func values() throws {
        let v = try JSONParser.parse(
            #"{"s":"x\u00e9\ud83d\ude00","n":-12.50e+3,"i":42,"b":true,"z":null,"a":[1,"2"],"o":{"k":{}}}"#)
        #expect(v["s"]?.string == "xé😀")
        #expect(v["n"] == .number(JSONNumber("-12.50e+3")!))
        #expect(v["n"]?.int == nil)
        if case .number(let n) = v["n"] {
            #expect(n.literal == "-12.50e+3")
            #expect(n.double == -12500)
        } else {
            Issue.record("n is not a number")
        }
        #expect(v["i"]?.int == 42)
        #expect(v["b"]?.bool == true)
        #expect(v["z"]?.isNull == true)
        #expect(v["a"]?.array == [1, "2"])
        #expect(v["o"]?["k"]?.object == JSONObject([]))
        #expect(v["missing"] == nil)
        #expect(v["s"]?["x"] == nil)
        #expect(v.object?.keys == ["s", "n", "i", "b", "z", "a", "o"])
        let expected: JSONValue = [
            "s": "xé😀", "n": .number(JSONNumber("-12.50e+3")!), "i": 42, "b": true, "z": .null, "a": [1, "2"],
            "o": ["k": [:]],
        ]
        #expect(v == expected)
    }

    @Test("numbers keep their literal text")
    func numbers() throws {
        for literal in ["0", "-0", "1.0", "1e0", "1E+2", "123456789012345678901234567890", "1e400", "5e-324"] {
            #expect(try JSONParser.parse(literal) == .number(JSONNumber(literal)!))
        }
        #expect(JSONNumber("1e400")!.double == .infinity)
        #expect(JSONNumber("-1e400")!.double == -.infinity)
        #expect(JSONNumber("9223372036854775807")!.int == .max)
        #expect(JSONNumber("9223372036854775808")!.int == nil)
        #expect(JSONNumber("-0")!.int == 0)
        #expect(JSONNumber("1e2")!.int == nil)
        for bad in ["", "01", "+1", "1.", ".5", "1e", "NaN", " 1", "1 ", "0x10", "-"] {
            #expect(JSONNumber(bad) == nil, "\(bad)")
        }
        #expect(JSONNumber(-7).literal == "-7")
    }

    @Test("strings: escapes, NUL, astral, non-ASCII")
    func strings() throws {
        #expect(
            try JSONParser.parse(#""\"\\\/\b\f\n\r\t\u0000\u001F\uD834\uDD1E""#)
                == "\"\\/\u{08}\u{0C}\n\r\t\u{00}\u{1F}𝄞")
        #expect(try JSONParser.parse("\"日本語 ☃ 😀\"") == "日本語 ☃ 😀")
        #expect(try JSONParser.parse(#""\u00e9""#) == JSONValue("é"))
    }

    @Test("bytes and String entry points agree; non-contiguous collections work")
    func entryPoints() throws {
        let text = #"[1,{"a":"é"},null]"#
        let fromString = try JSONParser.parse(text)
        #expect(try JSONParser.parse(Array(text.utf8)) == fromString)
        #expect(try JSONParser.parse(text.utf8) == fromString)
        #expect(try JSONParser.parse(Data(text.utf8)) == fromString)
        #expect(try JSONParser.parse(Array(text.utf8)[...]) == fromString)
    }

    // MARK: Errors and positions

    static let errorCases: [(text: String, line: Int, column: Int, offset: Int, reason: String)] = [
        ("{\n  \"a\": 1,\n  \"b\" 2\n}", 3, 7, 18, "unexpected character '2', expected ':' after object key"),
        ("{\"a\":1 \"b\":2}", 1, 8, 7, "unexpected character '\"', expected ',' or '}' after object member"),
        ("[1,2,]", 1, 6, 5, "unexpected character ']', expected a value"),
        ("[01]", 1, 2, 1, "leading zeros are not allowed in numbers"),
        ("\r\n\r\n  nul", 3, 6, 9, "unexpected end of input in literal 'null'"),
        ("\"é\t\"", 1, 3, 3, "control character U+0009 must be escaped in a string"),
        ("[\"é\",\n \"😀\", x]", 2, 7, 16, "unexpected character 'x', expected a value"),
        ("{\"k\":1,\"k\":2}", 1, 8, 7, "duplicate object key \"k\""),
        ("\"\\ud800\"", 1, 2, 1, "lone high surrogate \\uD800 (not followed by a \\u low surrogate)"),
        ("\"\\udc00\"", 1, 2, 1, "lone low surrogate \\uDC00 (not preceded by a high surrogate)"),
        (
            "\"\\ud800\\u0041\"", 1, 2, 1,
            "lone high surrogate \\uD800 followed by \\u0041, which is not a low surrogate"
        ),
        ("\u{FEFF}{}", 1, 1, 0, "byte order mark (U+FEFF) is not allowed at the start of JSON text"),
        ("", 1, 1, 0, "unexpected end of input, expected a value"),
        ("1 2", 1, 3, 2, "unexpected character '2', expected end of input after the top-level value"),
        ("[1.e5]", 1, 4, 3, "expected a digit after the decimal point"),
        ("{\"a\" : tru }", 1, 8, 7, "invalid literal, expected 'true'"),
        ("[\"\\x\"]", 1, 3, 2, "invalid escape '\\x' in string"),
    ]

    @Test("errors carry line, column (in scalars), offset and reason", arguments: errorCases)
    func errorPositions(_ c: (text: String, line: Int, column: Int, offset: Int, reason: String)) {
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(c.text) }
        #expect(error?.reason == c.reason)
        #expect(error?.line == c.line)
        #expect(error?.column == c.column)
        #expect(error?.offset == c.offset)
        #expect(error?.description == "line \(c.line), column \(c.column): \(c.reason)")
    }

    @Test("invalid UTF-8 is rejected with its offset")
    func invalidUTF8() {
        let bytes: [UInt8] = Array("[\"ab".utf8) + [0xC3, 0x28] + Array("\"]".utf8)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(bytes) }
        #expect(error?.kind == .invalidUTF8)
        #expect(error?.offset == 5)
        #expect(error?.reason == "invalid UTF-8: byte 0x28 after lead byte 0xC3")
    }

    @Test("error kinds")
    func kinds() {
        func kind(_ text: String, _ options: JSONParser.Options = .init()) -> JSONParseError.Kind? {
            do {
                _ = try JSONParser.parse(text, options: options)
                return nil
            } catch {
                return error.kind
            }
        }
        #expect(kind("[") == .syntax)
        #expect(kind("{\"a\":1,\"a\":1}") == .duplicateKey)
        #expect(kind("{\"a\":1,\"a\":1}", .init(rejectDuplicateKeys: false)) == nil)
        #expect(kind("\"\\udfff\"") == .loneSurrogate)
        #expect(kind("[[[]]]", .init(maxDepth: 2)) == .tooDeep)
        #expect(kind("[[[]]]", .init(maxDepth: 3)) == nil)
        #expect(kind("[1, 2]", .init(maxBytes: 5)) == .tooLarge)
        #expect(kind("[1,2]", .init(maxBytes: 5)) == nil)
    }

    @Test("duplicate keys are found in large objects too, and the key is named")
    func duplicateInLargeObject() {
        let members = (0..<100).map { "\"k\($0)\":\($0)" } + ["\"k57\":0"]
        let error = #expect(throws: JSONParseError.self) {
            try JSONParser.parse("{" + members.joined(separator: ",") + "}")
        }
        #expect(error?.kind == .duplicateKey)
        #expect(error?.reason == "duplicate object key \"k57\"")
        // Same keys in different objects are fine.
        #expect(throws: Never.self) { try JSONParser.parse(#"[{"a":1},{"a":2},{"b":{"a":3}}]"#) }
    }

    // MARK: Depth

    @Test("100,000 nested arrays give an error, not a crash")
    func deepNesting() {
        let text = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        let error = #expect(throws: JSONParseError.self) { try JSONParser.parse(text) }
        #expect(error?.kind == .tooDeep)
        #expect(error?.offset == 512)
        #expect(error?.reason == "nesting deeper than the limit of 512 arrays and objects")
        let objects = String(repeating: "{\"a\":", count: 100_000)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(objects) }
    }

    @Test("512 levels parse with the default options; 513 do not")
    func depthLimit() throws {
        let ok = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONParser.parse(ok) }
        let tooDeep = String(repeating: "[", count: 513) + String(repeating: "]", count: 513)
        #expect(throws: JSONParseError.self) { try JSONParser.parse(tooDeep) }
        let mixed = String(repeating: "{\"a\":[", count: 256) + String(repeating: "]}", count: 256)
        #expect(throws: Never.self) { try JSONParser.parse(mixed) }
    }

    // MARK: Size

    @Test("a multi-megabyte document parses")
    func largeDocument() throws {
        var text = "["
        for k in 0..<50_000 {
            if k > 0 { text += "," }
            text += #"{"id":\#(k),"name":"user \#(k) é","tags":["a","b\n"],"score":\#(k).25,"ok":true}"#
        }
        text += "]"
        #expect(text.utf8.count > 3_000_000)
        let clock = ContinuousClock()
        var value: JSONValue = .null
        let elapsed = try clock.measure { value = try JSONParser.parse(text) }
        #expect(value.array?.count == 50_000)
        #expect(value.array?[49_999]["name"] == "user 49999 é")
        #expect(value.array?[3]["tags"]?.array?[1] == "b\n")
        print("parsed \(text.utf8.count) bytes in \(elapsed)")
    }
}
