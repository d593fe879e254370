/// Where a ``JSONStreamWriter`` sends its bytes: a file, a socket, an array.
public protocol JSONByteSink {
    /// Takes the next bytes of the document; a sink that cannot write throws, and the error reaches the caller of
    /// ``JSONStreamWriter/drain(atLeast:)``.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

extension Array: JSONByteSink where Element == UInt8 {
    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws { append(contentsOf: bytes) }
}

/// Writes one JSON document value by value, so a document of millions of values needs constant memory.
///
/// Strings are escaped as RFC 8785 does (``JCS``): `"` and `\`, `\b \t \n \f \r`, other control characters as
/// `\u00xx`, everything else as its UTF-8 bytes. The writer places the commas; the caller chooses the layout with
/// ``lineBreak(indent:)`` (the next item, or the closing bracket, starts a new line with that many spaces) —
/// otherwise items are separated by `", "` and keys by `": "`. Keys are written in the order given: this is a
/// layout tool, not a canonicalizer.
///
/// Bytes collect in the writer and go to the sink when ``drain(atLeast:)`` is called, which is the only place a
/// sink's error can surface.
///
/// ```swift
/// var json = JSONStreamWriter(into: [UInt8]())
/// json.beginObject()
/// json.key("tests"); json.beginArray(); json.number(1); json.number(2); json.endArray()
/// json.endObject()
/// try json.drain()   // json.sink == Array(#"{"tests": [1, 2]}"#.utf8)
/// ```
public struct JSONStreamWriter<Sink: JSONByteSink> {
    /// The sink that receives drained bytes.
    public private(set) var sink: Sink
    private var buffer: [UInt8] = []
    /// One entry per open container: whether it already holds an item.
    private var hasItems: [Bool] = []
    /// After a key: the next value belongs to it and needs no separator.
    private var afterKey = false
    private var pendingIndent: Int?

    /// A writer that drains into `sink`.
    public init(into sink: Sink) {
        self.sink = sink
        buffer.reserveCapacity(1 << 16)
    }

    /// How many bytes wait in the writer for ``drain(atLeast:)``.
    public var pendingByteCount: Int { buffer.count }

    /// Whether every object and array begun has been ended.
    public var isComplete: Bool { hasItems.isEmpty && !afterKey }

    // MARK: - Layout

    /// Starts the next item, or the next closing bracket, on a new line indented by `indent` spaces.
    public mutating func lineBreak(indent: Int) { pendingIndent = indent }

    /// Appends bytes as they are (for example a final newline); the caller keeps the document valid.
    public mutating func raw(_ text: String) { buffer.append(contentsOf: text.utf8) }

    // MARK: - Containers

    public mutating func beginObject() {
        startValue()
        buffer.append(UInt8(ascii: "{"))
        hasItems.append(false)
    }

    public mutating func endObject() { end(UInt8(ascii: "}")) }

    public mutating func beginArray() {
        startValue()
        buffer.append(UInt8(ascii: "["))
        hasItems.append(false)
    }

    public mutating func endArray() { end(UInt8(ascii: "]")) }

    /// Writes a member name; the next value written is its value.
    public mutating func key(_ name: String) {
        precondition(!afterKey, "JSONStreamWriter: a key must be followed by its value")
        startItem()
        JCS.writeString(name, into: &buffer)
        buffer.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        afterKey = true
    }

    // MARK: - Values

    public mutating func string(_ value: String) {
        startValue()
        JCS.writeString(value, into: &buffer)
    }

    /// A string, or `null` when `value` is nil.
    public mutating func string(_ value: String?) {
        guard let value else { return null() }
        string(value)
    }

    public mutating func number(_ value: Int) {
        startValue()
        buffer.append(contentsOf: String(value).utf8)
    }

    public mutating func bool(_ value: Bool) {
        startValue()
        buffer.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        startValue()
        buffer.append(contentsOf: "null".utf8)
    }

    /// An array of strings on one line.
    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }

    /// Any value in RFC 8785 form (sorted keys, ECMAScript numbers, no spaces inside).
    ///
    /// - Throws: ``JCSError`` for a number that has no JSON form (NaN, infinity).
    public mutating func value(_ value: JSONValue) throws(JCSError) {
        startValue()
        try JCS.write(value, into: &buffer)
    }

    // MARK: - Output

    /// Hands the collected bytes to the sink when there are at least `threshold` of them (all of them by default).
    public mutating func drain(atLeast threshold: Int = 0) throws {
        guard !buffer.isEmpty, buffer.count >= threshold else { return }
        try buffer.withUnsafeBytes { try sink.write($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    // MARK: - Separators

    private mutating func startValue() {
        if afterKey {
            afterKey = false
        } else {
            startItem()
        }
    }

    /// The comma and space or line break before an item of the innermost container.
    private mutating func startItem() {
        guard let last = hasItems.indices.last else {
            writePendingBreak()
            return
        }
        if hasItems[last] {
            buffer.append(UInt8(ascii: ","))
            if pendingIndent == nil { buffer.append(UInt8(ascii: " ")) }
        }
        hasItems[last] = true
        writePendingBreak()
    }

    private mutating func end(_ bracket: UInt8) {
        precondition(!hasItems.isEmpty && !afterKey, "JSONStreamWriter: nothing to close, or a key without a value")
        hasItems.removeLast()
        writePendingBreak()
        buffer.append(bracket)
    }

    private mutating func writePendingBreak() {
        guard let indent = pendingIndent else { return }
        pendingIndent = nil
        buffer.append(UInt8(ascii: "\n"))
        buffer.append(contentsOf: repeatElement(UInt8(ascii: " "), count: indent))
    }
}
