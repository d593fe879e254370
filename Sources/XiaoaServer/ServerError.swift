/// A failure to set up the stand-in (a database that cannot be opened, a bad option value), with a
/// readable reason; the command-line front prints it as one `error:` line.
public struct ServerError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure, for the exit status.
    public enum Kind: Sendable, Equatable {
        /// A value given by the user is not usable (exit 64 or 65).
        case badInput
        /// A file that must exist does not (exit 66).
        case noInput
        /// The database or libcrypto failed.
        case internalFailure
    }

    public let kind: Kind
    public let reason: String

    public init(_ kind: Kind, _ reason: String) {
        self.kind = kind
        self.reason = reason
    }

    public var description: String { reason }
}
