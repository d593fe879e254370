/// A failure reported by libcrypto, or a precondition of a primitive that the caller broke.
///
/// The primitives validate sizes before they call into C, so in practice this error means that
/// libcrypto itself refused (an allocation failure, or an algorithm missing from the provider).
public struct PrimitiveError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, in one sentence.
    public let reason: String
    /// Where the error was raised, for bug reports.
    public let location: String

    package init(_ reason: String, file: String = #fileID, line: Int = #line) {
        self.reason = reason
        self.location = "\(file):\(line)"
    }

    public var description: String { reason }
}
