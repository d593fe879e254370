/// What is wrong with a timestamp given to be signed, as a message with hints; nil when it is fine.
///
/// The API's timestamps are Unix seconds in decimal digits. The CLI, the console and the batch mode all refuse
/// anything else with these words, and warn (without refusing) about 13 digits, the usual milliseconds mistake.
public struct TimestampProblem: Sendable, Equatable {
    /// One sentence: what is wrong.
    public let message: String
    /// What to do about it.
    public let hints: [String]

    /// The problem with `bytes` as a timestamp to sign, or nil when it is decimal digits.
    public static func check(_ bytes: some Collection<UInt8>) -> TimestampProblem? {
        Array(bytes).withUnsafeBufferPointer { check($0) }
    }

    /// The problem with `bytes` as a timestamp to sign, or nil when it is decimal digits.
    ///
    /// The concrete form for batch loops: a generic call across the module boundary is not specialised and
    /// costs more per byte than the md5s it guards.
    public static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> TimestampProblem? {
        if bytes.isEmpty { return TimestampProblem(message: "timestamp is empty", hints: []) }
        guard bytes.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else {
            var hints = ["the timestamp is Unix seconds in decimal digits, e.g. 1700000000"]
            if bytes.contains(where: { $0 == 0x20 || $0 == 0x09 }) {
                hints.append("remove the whitespace around the timestamp")
            }
            return TimestampProblem(message: "timestamp is not decimal digits", hints: hints)
        }
        return nil
    }

    /// A warning for a timestamp that is valid but probably wrong (13 digits: milliseconds), or nil.
    public static func warning(_ bytes: some Collection<UInt8>) -> String? {
        bytes.count == 13 ? "the timestamp has 13 digits: milliseconds? The API expects Unix seconds (10 digits)" : nil
    }
}
