import ArgumentParser
import XiaoaServer

/// `--idle-timeout S`, one definition for `serve` and `proxy`: how long a client connection may stay without a
/// complete request before it is closed.
struct IdleTimeoutOption: ParsableArguments {
    @Option(
        name: .customLong("idle-timeout"),
        help: ArgumentHelp(
            "Close client connections that send no complete request for this long (0: never).", valueName: "seconds"))
    var seconds: Int64 = ServerConfiguration.defaultIdleTimeout

    func validate() throws {
        guard seconds >= 0 else { throw ValidationError("--idle-timeout must not be negative") }
    }

    /// The timeout for the server's configuration: nil for never.
    var timeout: Int64? { seconds == 0 ? nil : seconds }
}
