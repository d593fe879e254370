// The streaming writer: separators, layout, RFC 8785 escaping, draining to a sink.

import Testing
import XiaoaJSON

@Suite("JSONStreamWriter")
struct JSONStreamWriterTests {
    /// The text of a document written by `body`.
    static func text(_ body: (inout JSONStreamWriter<[UInt8]>) throws -> Void) throws -> String {
        var json = JSONStreamWriter(into: [UInt8]())
        try body(&json)
        #expect(json.isComplete)
        try json.drain()
        return String(decoding: json.sink, as: UTF8.self)
    }

    @Test("items are separated by \", \" and keys by \": \" on one line")
    func inline() throws {
        let text = try Self.text { json in
            json.beginObject()
            json.key("a")
            json.number(1)
            json.key("b")
            json.strings(["x", "y"])
            json.key("c")
            json.beginObject()
            json.endObject()
            json.key("d")
            json.null()
            json.key("e")
            json.bool(false)
            json.endObject()
        }
        #expect(text == #"{"a": 1, "b": ["x", "y"], "c": {}, "d": null, "e": false}"#)
    }

    @Test("a line break replaces the space after the comma and indents the next item or bracket")
    func lineBreaks() throws {
        let text = try Self.text { json in
            json.beginObject()
            json.lineBreak(indent: 2)
            json.key("tests")
            json.beginArray()
            for n in 1...2 {
                json.lineBreak(indent: 4)
                json.number(n)
            }
            json.lineBreak(indent: 2)
            json.endArray()
            json.lineBreak(indent: 0)
            json.endObject()
            json.raw("\n")
        }
        #expect(text == "{\n  \"tests\": [\n    1,\n    2\n  ]\n}\n")
    }

    @Test("an empty array stays [] when no break is asked for")
    func emptyArray() throws {
        #expect(
            try Self.text {
                $0.beginArray()
                $0.endArray()
            } == "[]")
    }

    @Test(
        "strings are escaped as RFC 8785 does",
        arguments: [
            "", "plain", "quote \" and backslash \\", "\u{08}\u{09}\u{0A}\u{0C}\u{0D}", "\u{00}\u{1F}\u{7F}",
            "/ stays /", "中文 😀 \u{2028} \u{FEFF}",
        ])
    func escaping(_ s: String) throws {
        let streamed = try Self.text { $0.string(s) }
        #expect(streamed == (try JCS.canonicalString(.string(s))))
        // Keys take the same escape.
        let object = try Self.text { json in
            json.beginObject()
            json.key(s)
            json.number(0)
            json.endObject()
        }
        #expect(object == "{" + streamed + ": 0}")
    }

    @Test("a JSONValue is written in canonical form in place")
    func value() throws {
        let text = try Self.text { json in
            json.beginArray()
            try json.value(["b": 2, "a": [true, .null]])
            json.string(nil)
            json.endArray()
        }
        #expect(text == #"[{"a":[true,null],"b":2}, null]"#)
    }

    @Test("drain(atLeast:) keeps bytes until the threshold, then hands them all over")
    func drainThreshold() throws {
        var json = JSONStreamWriter(into: [UInt8]())
        json.string("abc")
        try json.drain(atLeast: 100)
        #expect(json.sink.isEmpty && json.pendingByteCount == 5)
        try json.drain(atLeast: 5)
        #expect(json.sink == Array(#""abc""#.utf8) && json.pendingByteCount == 0)
    }

    struct BrokenSink: JSONByteSink {
        struct Failed: Error {}
        func write(_ bytes: UnsafeRawBufferPointer) throws { throw Failed() }
    }

    @Test("a sink's error reaches the caller of drain")
    func sinkError() {
        var json = JSONStreamWriter(into: BrokenSink())
        json.number(1)
        #expect(throws: BrokenSink.Failed.self) { try json.drain() }
    }

    @Test("the output parses back to the values written")
    func roundTrip() throws {
        let text = try Self.text { json in
            json.beginObject()
            json.key("n")
            json.number(-42)
            json.lineBreak(indent: 2)
            json.key("s")
            json.string("a\"\\\u{01}é")
            json.endObject()
        }
        let parsed = try JSONParser.parse(text)
        #expect(parsed["n"]?.int == -42)
        #expect(parsed["s"]?.string == "a\"\\\u{01}é")
    }
}
