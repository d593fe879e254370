// A strict RFC 8259 parser: iterative (no recursion), over contiguous bytes, numbers kept as literals.

// MARK: - JSONParseError

/// Why a JSON text was rejected, and where.
///
/// `line` and `column` are 1-based. A line ends at LF, at CR LF, or at a lone CR. `column` counts Unicode
/// scalars (not bytes, not grapheme clusters) from the start of the line, so it matches what an editor shows for
/// most text. `offset` is the 0-based byte offset of the offending byte in the input.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of problem, for code that needs to tell them apart.
    public enum Kind: Sendable, Equatable {
        /// The text does not follow the JSON grammar (including a leading byte order mark).
        case syntax
        /// The input bytes are not well-formed UTF-8.
        case invalidUTF8
        /// A `\uD800`–`\uDFFF` escape that is not half of a surrogate pair.
        case loneSurrogate
        /// An object has the same key twice (only with `rejectDuplicateKeys`).
        case duplicateKey
        /// Arrays and objects are nested deeper than `maxDepth`.
        case tooDeep
        /// The input is longer than `maxBytes`.
        case tooLarge
    }

    /// The 1-based line of the offending byte.
    public var line: Int
    /// The 1-based column of the offending byte, counted in Unicode scalars.
    public var column: Int
    /// The 0-based byte offset of the offending byte.
    public var offset: Int
    /// What is wrong, e.g. `expected ',' or '}' after object member`.
    public var reason: String
    /// The kind of problem.
    public var kind: Kind

    /// Creates an error.
    public init(line: Int, column: Int, offset: Int, reason: String, kind: Kind = .syntax) {
        self.line = line
        self.column = column
        self.offset = offset
        self.reason = reason
        self.kind = kind
    }

    /// `line 3, column 7: <reason>`.
    public var description: String {
        "line \(line), column \(column): \(reason)"
    }
}

// MARK: - JSONParser

/// Parses JSON text strictly as RFC 8259 describes it.
///
/// Any value is accepted at the top level. Whitespace is only space, tab, LF and CR. There are no comments,
/// trailing commas, leading zeros, `NaN`, unescaped control characters, or invalid UTF-8, and a leading byte
/// order mark is rejected. Object keys must be unique (RFC 8785 and I-JSON require it) unless
/// `rejectDuplicateKeys` is off, in which case all members are kept in order. Escapes that decode to a lone
/// surrogate are rejected because a Swift `String` cannot hold one and RFC 8785 forbids them.
///
/// The parser keeps its own stack, so deep nesting ends in a `tooDeep` error rather than a stack overflow.
public enum JSONParser {
    /// Limits and policies for one parse.
    public struct Options: Sendable {
        /// The deepest nesting of arrays and objects allowed; a top-level `[]` has depth 1.
        ///
        /// The parser itself needs no stack for depth, but code that walks the result recursively does
        /// (`JCS`, `PHPJSON`, and Swift's own release of a nested `JSONValue`), so keep this in the hundreds.
        public var maxDepth: Int = 512
        /// Whether an object with the same key twice is an error (the default) or kept as written.
        public var rejectDuplicateKeys: Bool = true
        /// The longest input accepted, in bytes; `nil` for no limit.
        public var maxBytes: Int? = nil

        /// Creates options; the defaults are strict.
        public init(maxDepth: Int = 512, rejectDuplicateKeys: Bool = true, maxBytes: Int? = nil) {
            self.maxDepth = maxDepth
            self.rejectDuplicateKeys = rejectDuplicateKeys
            self.maxBytes = maxBytes
        }
    }

    /// Parses UTF-8 JSON text.
    public static func parse(_ bytes: some Collection<UInt8>, options: Options = .init()) throws(JSONParseError)
        -> JSONValue
    {
        let result =
            bytes.withContiguousStorageIfAvailable { parse(buffer: $0, options: options) }
            ?? Array(bytes).withUnsafeBufferPointer { parse(buffer: $0, options: options) }
        return try result.get()
    }

    /// Parses JSON text held in a `String`.
    public static func parse(_ text: String, options: Options = .init()) throws(JSONParseError) -> JSONValue {
        var text = text
        return try text.withUTF8 { parse(buffer: $0, options: options) }.get()
    }

    static func parse(buffer: UnsafeBufferPointer<UInt8>, options: Options) -> Result<JSONValue, JSONParseError> {
        var parser = Parser(bytes: buffer, options: options)
        do {
            return .success(try parser.parseDocument())
        } catch {
            return .failure(Parser.locate(error, in: buffer))
        }
    }
}

// MARK: - Parser

/// An error found at a byte offset; line and column are worked out only when it is reported.
struct PendingError: Error {
    var offset: Int
    var reason: String
    var kind: JSONParseError.Kind = .syntax
}

/// One open array or object on the parser's stack.
struct Frame {
    var isObject: Bool
    var elements: [JSONValue] = []
    var members: [JSONMember] = []
    /// The key whose value is being parsed (objects only).
    var pendingKey: String = ""
    /// The keys seen so far, built only for objects large enough that a linear scan would be slow.
    var keySet: Set<String>? = nil
}

private enum Byte {
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let comma = UInt8(ascii: ",")
    static let colon = UInt8(ascii: ":")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")
    static let openBrace = UInt8(ascii: "{")
    static let closeBrace = UInt8(ascii: "}")
    static let space = UInt8(ascii: " ")
    static let tab = UInt8(ascii: "\t")
    static let lf = UInt8(ascii: "\n")
    static let cr = UInt8(ascii: "\r")
}

struct Parser {
    let bytes: UnsafeBufferPointer<UInt8>
    let options: JSONParser.Options
    var i = 0
    /// Reused for strings that contain escapes.
    var scratch: [UInt8] = []

    init(bytes: UnsafeBufferPointer<UInt8>, options: JSONParser.Options) {
        self.bytes = bytes
        self.options = options
    }

    // MARK: Document

    mutating func parseDocument() throws(PendingError) -> JSONValue {
        if let maxBytes = options.maxBytes, bytes.count > maxBytes {
            throw PendingError(
                offset: 0, reason: "input is \(bytes.count) bytes, more than the limit of \(maxBytes)", kind: .tooLarge)
        }
        if bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF {
            throw PendingError(offset: 0, reason: "byte order mark (U+FEFF) is not allowed at the start of JSON text")
        }
        var stack: [Frame] = []
        var value: JSONValue

        parseValue: while true {
            skipWhitespace()
            guard i < bytes.count else {
                throw PendingError(offset: i, reason: "unexpected end of input, expected a value")
            }
            let b = bytes[i]
            switch b {
            case Byte.openBracket:
                try checkDepth(stack.count + 1)
                i += 1
                skipWhitespace()
                if i < bytes.count && bytes[i] == Byte.closeBracket {
                    i += 1
                    value = .array([])
                } else {
                    stack.append(Frame(isObject: false))
                    continue parseValue
                }
            case Byte.openBrace:
                try checkDepth(stack.count + 1)
                i += 1
                skipWhitespace()
                if i < bytes.count && bytes[i] == Byte.closeBrace {
                    i += 1
                    value = .object(JSONObject([]))
                } else {
                    var frame = Frame(isObject: true)
                    try parseKey(into: &frame, after: "'{'")
                    stack.append(frame)
                    continue parseValue
                }
            case Byte.quote:
                value = .string(try parseString())
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                value = .number(try parseNumber())
            case UInt8(ascii: "t"):
                try expectWord("true")
                value = .bool(true)
            case UInt8(ascii: "f"):
                try expectWord("false")
                value = .bool(false)
            case UInt8(ascii: "n"):
                try expectWord("null")
                value = .null
            default:
                throw unexpected(expecting: "a value")
            }

            // A value is complete: add it to the innermost open container, closing containers as they end.
            while true {
                guard !stack.isEmpty else {
                    skipWhitespace()
                    if i < bytes.count {
                        throw unexpected(expecting: "end of input after the top-level value")
                    }
                    return value
                }
                let top = stack.count - 1
                skipWhitespace()
                if stack[top].isObject {
                    stack[top].members.append(JSONMember(key: stack[top].pendingKey, value: value))
                    guard i < bytes.count else {
                        throw PendingError(
                            offset: i, reason: "unexpected end of input, expected ',' or '}' after object member")
                    }
                    if bytes[i] == Byte.comma {
                        i += 1
                        try parseKey(into: &stack[top], after: "','")
                        continue parseValue
                    } else if bytes[i] == Byte.closeBrace {
                        i += 1
                        value = .object(JSONObject(stack.removeLast().members))
                    } else {
                        throw unexpected(expecting: "',' or '}' after object member")
                    }
                } else {
                    stack[top].elements.append(value)
                    guard i < bytes.count else {
                        throw PendingError(
                            offset: i, reason: "unexpected end of input, expected ',' or ']' after array element")
                    }
                    if bytes[i] == Byte.comma {
                        i += 1
                        continue parseValue
                    } else if bytes[i] == Byte.closeBracket {
                        i += 1
                        value = .array(stack.removeLast().elements)
                    } else {
                        throw unexpected(expecting: "',' or ']' after array element")
                    }
                }
            }
        }
    }

    func checkDepth(_ depth: Int) throws(PendingError) {
        if depth > options.maxDepth {
            throw PendingError(
                offset: i, reason: "nesting deeper than the limit of \(options.maxDepth) arrays and objects",
                kind: .tooDeep)
        }
    }

    /// Parses `"key" :` and leaves the key pending in `frame`, checking it is new.
    mutating func parseKey(into frame: inout Frame, after what: String) throws(PendingError) {
        skipWhitespace()
        guard i < bytes.count, bytes[i] == Byte.quote else {
            throw unexpected(expecting: "a string key after \(what)")
        }
        let keyOffset = i
        let key = try parseString()
        if options.rejectDuplicateKeys {
            // JSON names are compared as code units, not as Swift compares Strings (canonical equivalence would
            // call "é" and "e\u{301}" the same name): the set only pre-filters, the byte comparison decides.
            let seen: Bool
            if let set = frame.keySet {
                seen = set.contains(key) && frame.members.contains { $0.key.utf8.elementsEqual(key.utf8) }
            } else if frame.members.count < 16 {
                seen = frame.members.contains { $0.key.utf8.elementsEqual(key.utf8) }
            } else {
                frame.keySet = Set(frame.members.map(\.key))
                seen = frame.keySet!.contains(key) && frame.members.contains { $0.key.utf8.elementsEqual(key.utf8) }
            }
            if seen {
                throw PendingError(
                    offset: keyOffset, reason: "duplicate object key \(Self.quoted(key))", kind: .duplicateKey)
            }
            frame.keySet?.insert(key)
        }
        frame.pendingKey = key
        skipWhitespace()
        guard i < bytes.count, bytes[i] == Byte.colon else {
            throw unexpected(expecting: "':' after object key")
        }
        i += 1
    }

    // MARK: Scalars

    @inline(__always)
    mutating func skipWhitespace() {
        while i < bytes.count {
            let b = bytes[i]
            guard b == Byte.space || b == Byte.lf || b == Byte.cr || b == Byte.tab else { return }
            i += 1
        }
    }

    mutating func expectWord(_ word: StaticString) throws(PendingError) {
        let start = i
        let count = word.utf8CodeUnitCount
        let w = word.utf8Start
        for k in 0..<count {
            guard i < bytes.count, bytes[i] == w[k] else {
                if i >= bytes.count {
                    throw PendingError(offset: i, reason: "unexpected end of input in literal '\(word)'")
                }
                throw PendingError(
                    offset: start, reason: "invalid literal, expected '\(word)'")
            }
            i += 1
        }
    }

    mutating func parseNumber() throws(PendingError) -> JSONNumber {
        let start = i
        guard let end = JSONNumber.scanLiteral(bytes, from: start) else {
            throw numberError(from: start)
        }
        // A digit right after a lone leading zero is a leading zero, which RFC 8259 does not allow.
        if end < bytes.count, bytes[end] &- 0x30 < 10 {
            var z = start
            if bytes[z] == UInt8(ascii: "-") { z += 1 }
            if bytes[z] == UInt8(ascii: "0") && z + 1 == end {
                throw PendingError(offset: start, reason: "leading zeros are not allowed in numbers")
            }
        }
        i = end
        return JSONNumber(
            uncheckedLiteral: String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self))
    }

    /// Explains why the bytes at `start` are not a number.
    func numberError(from start: Int) -> PendingError {
        var j = start
        if j < bytes.count && bytes[j] == UInt8(ascii: "-") { j += 1 }
        guard j < bytes.count, bytes[j] &- 0x30 < 10 else {
            return PendingError(offset: j, reason: "expected a digit after '-'")
        }
        while j < bytes.count, bytes[j] &- 0x30 < 10 { j += 1 }
        if j < bytes.count, bytes[j] == UInt8(ascii: ".") {
            j += 1
            guard j < bytes.count, bytes[j] &- 0x30 < 10 else {
                return PendingError(offset: j, reason: "expected a digit after the decimal point")
            }
            while j < bytes.count, bytes[j] &- 0x30 < 10 { j += 1 }
        }
        if j < bytes.count, bytes[j] | 0x20 == UInt8(ascii: "e") {
            j += 1
            if j < bytes.count, bytes[j] == UInt8(ascii: "+") || bytes[j] == UInt8(ascii: "-") { j += 1 }
        }
        return PendingError(offset: j, reason: "expected a digit in the exponent")
    }

    // MARK: Strings

    /// Parses a string whose opening quote is at `i`.
    mutating func parseString() throws(PendingError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes, so the string is the bytes between the quotes.
        while i < bytes.count {
            let b = bytes[i]
            if b == Byte.quote {
                let s = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
                i += 1
                return s
            } else if b == Byte.backslash {
                break
            } else if b < 0x20 {
                throw controlCharacterError(b)
            } else if b < 0x80 {
                i += 1
            } else {
                try skipUTF8Sequence()
            }
        }
        guard i < bytes.count else {
            throw PendingError(offset: i, reason: "unexpected end of input in string, expected '\"'")
        }
        // Slow path: copy what was scanned, then decode escapes into the scratch buffer.
        scratch.removeAll(keepingCapacity: true)
        scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            if b == Byte.quote {
                i += 1
                return String(decoding: scratch, as: UTF8.self)
            } else if b == Byte.backslash {
                try parseEscape()
            } else if b < 0x20 {
                throw controlCharacterError(b)
            } else if b < 0x80 {
                scratch.append(b)
                i += 1
            } else {
                let s = i
                try skipUTF8Sequence()
                scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[s..<i]))
            }
        }
        throw PendingError(offset: i, reason: "unexpected end of input in string, expected '\"'")
    }

    func controlCharacterError(_ b: UInt8) -> PendingError {
        PendingError(
            offset: i, reason: "control character U+\(Self.hex(UInt32(b), width: 4)) must be escaped in a string")
    }

    /// Decodes the escape at `i` (a backslash) into `scratch`.
    mutating func parseEscape() throws(PendingError) {
        let escapeStart = i
        i += 1
        guard i < bytes.count else {
            throw PendingError(offset: i, reason: "unexpected end of input in string escape")
        }
        let e = bytes[i]
        i += 1
        switch e {
        case UInt8(ascii: "\""): scratch.append(0x22)
        case UInt8(ascii: "\\"): scratch.append(0x5C)
        case UInt8(ascii: "/"): scratch.append(0x2F)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        case UInt8(ascii: "u"):
            let unit = try parseHex4()
            var scalar = UInt32(unit)
            if unit >= 0xDC00 && unit <= 0xDFFF {
                throw PendingError(
                    offset: escapeStart,
                    reason:
                        "lone low surrogate \\u\(Self.hex(UInt32(unit), width: 4)) (not preceded by a high surrogate)",
                    kind: .loneSurrogate)
            }
            if unit >= 0xD800 && unit <= 0xDBFF {
                guard i + 1 < bytes.count, bytes[i] == Byte.backslash, bytes[i + 1] == UInt8(ascii: "u") else {
                    throw PendingError(
                        offset: escapeStart,
                        reason:
                            "lone high surrogate \\u\(Self.hex(UInt32(unit), width: 4)) (not followed by a \\u low "
                            + "surrogate)",
                        kind: .loneSurrogate)
                }
                i += 2
                let low = try parseHex4()
                guard low >= 0xDC00 && low <= 0xDFFF else {
                    throw PendingError(
                        offset: escapeStart,
                        reason:
                            "lone high surrogate \\u\(Self.hex(UInt32(unit), width: 4)) followed by "
                            + "\\u\(Self.hex(UInt32(low), width: 4)), which is not a low surrogate",
                        kind: .loneSurrogate)
                }
                scalar = 0x10000 + ((UInt32(unit) - 0xD800) << 10) + (UInt32(low) - 0xDC00)
            }
            appendUTF8(scalar)
        default:
            if e >= 0x21 && e < 0x7F {
                throw PendingError(offset: escapeStart, reason: "invalid escape '\\\(Self.printable(e))' in string")
            }
            throw PendingError(
                offset: escapeStart,
                reason: "invalid escape in string: '\\' followed by byte 0x\(Self.hex(UInt32(e), width: 2))")
        }
    }

    mutating func parseHex4() throws(PendingError) -> UInt16 {
        var v: UInt16 = 0
        for _ in 0..<4 {
            guard i < bytes.count else {
                throw PendingError(offset: i, reason: "unexpected end of input in \\u escape")
            }
            let b = bytes[i]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - 0x30
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - 0x61 + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - 0x41 + 10
            default:
                throw PendingError(offset: i, reason: "expected 4 hex digits after \\u, found '\(Self.printable(b))'")
            }
            v = v << 4 | UInt16(d)
            i += 1
        }
        return v
    }

    mutating func appendUTF8(_ scalar: UInt32) {
        switch scalar {
        case 0..<0x80:
            scratch.append(UInt8(scalar))
        case 0x80..<0x800:
            scratch.append(UInt8(0xC0 | scalar >> 6))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        case 0x800..<0x10000:
            scratch.append(UInt8(0xE0 | scalar >> 12))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        default:
            scratch.append(UInt8(0xF0 | scalar >> 18))
            scratch.append(UInt8(0x80 | scalar >> 12 & 0x3F))
            scratch.append(UInt8(0x80 | scalar >> 6 & 0x3F))
            scratch.append(UInt8(0x80 | scalar & 0x3F))
        }
    }

    /// Checks the multi-byte UTF-8 sequence at `i` is well formed (Unicode Table 3-7) and moves past it.
    mutating func skipUTF8Sequence() throws(PendingError) {
        let b0 = bytes[i]
        let length: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0:
            length = 3
            low = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED:
            length = 3
            high = 0x9F
        case 0xF0:
            length = 4
            low = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4:
            length = 4
            high = 0x8F
        default:
            throw PendingError(
                offset: i, reason: "invalid UTF-8: byte 0x\(Self.hex(UInt32(b0), width: 2)) cannot start a character",
                kind: .invalidUTF8)
        }
        for k in 1..<length {
            let j = i + k
            guard j < bytes.count else {
                throw PendingError(
                    offset: j, reason: "invalid UTF-8: input ends inside a character", kind: .invalidUTF8)
            }
            let b = bytes[j]
            let (lo, hi) = k == 1 ? (low, high) : (0x80, 0xBF)
            guard b >= lo && b <= hi else {
                throw PendingError(
                    offset: j,
                    reason:
                        "invalid UTF-8: byte 0x\(Self.hex(UInt32(b), width: 2)) after lead byte "
                        + "0x\(Self.hex(UInt32(b0), width: 2))",
                    kind: .invalidUTF8)
            }
        }
        i += length
    }

    // MARK: Errors

    /// An error for the byte at `i`, which is not what the grammar allows here.
    func unexpected(expecting what: String) -> PendingError {
        guard i < bytes.count else {
            return PendingError(offset: i, reason: "unexpected end of input, expected \(what)")
        }
        let b = bytes[i]
        if b >= 0x80 {
            // Report bad UTF-8 as such; a well-formed non-ASCII character is just unexpected.
            var probe = self
            do { try probe.skipUTF8Sequence() } catch { return error }
            let scalar = String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<probe.i]), as: UTF8.self)
                .unicodeScalars.first!
            return PendingError(
                offset: i, reason: "unexpected character U+\(Self.hex(scalar.value, width: 4)), expected \(what)")
        }
        return PendingError(offset: i, reason: "unexpected \(Self.describe(b)), expected \(what)")
    }

    static func describe(_ b: UInt8) -> String {
        if b == UInt8(ascii: "'") { return "character \"'\"" }
        if b >= 0x21 && b < 0x7F { return "character '\(Character(Unicode.Scalar(b)))'" }
        return "character U+\(hex(UInt32(b), width: 4))"
    }

    static func printable(_ b: UInt8) -> String {
        if b >= 0x21 && b < 0x7F { return String(Character(Unicode.Scalar(b))) }
        return "\\x" + hex(UInt32(b), width: 2)
    }

    static func hex(_ v: UInt32, width: Int) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// A key for an error message: quoted, with control characters escaped, shortened if very long.
    static func quoted(_ key: String) -> String {
        var out = "\""
        var n = 0
        for scalar in key.unicodeScalars {
            if n == 64 {
                out += "…"
                break
            }
            n += 1
            if scalar.value < 0x20 || scalar == "\"" || scalar == "\\" {
                out += scalar.escaped(asASCII: true)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// Turns a byte offset into line and column.
    static func locate(_ error: PendingError, in bytes: UnsafeBufferPointer<UInt8>) -> JSONParseError {
        var line = 1
        var column = 1
        var k = 0
        let end = min(error.offset, bytes.count)
        while k < end {
            let b = bytes[k]
            if b == Byte.lf {
                line += 1
                column = 1
            } else if b == Byte.cr {
                if k + 1 < end && bytes[k + 1] == Byte.lf { k += 1 }
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                // Count lead bytes only, so a multi-byte character is one column.
                column += 1
            }
            k += 1
        }
        return JSONParseError(line: line, column: column, offset: error.offset, reason: error.reason, kind: error.kind)
    }
}
