/// Whether a request's timestamp is close enough to the server's clock.
///
/// The vendor's document does not say how much skew its server allows; xiaoa-crypto checks it only when
/// asked (`--max-skew`), and names "too old" and "in the future" apart because they have different causes
/// (a replayed or cached request versus a client clock that runs fast or sends milliseconds).
public enum TimestampCheck: Sendable, Equatable {
    /// Within the allowed skew; `delta` is `now - timestamp` in seconds.
    case fresh(delta: Int64)
    /// Older than allowed by `delta` = `now - timestamp` seconds.
    case tooOld(delta: Int64)
    /// Later than `now` by more than allowed; `delta` = `timestamp - now` seconds.
    case inFuture(delta: Int64)
    /// Not a decimal integer number of seconds.
    case notAnInteger

    /// Checks `timestamp` against `now` (both Unix seconds) allowing `maxSkew` seconds either way.
    public static func check(_ timestamp: some StringProtocol, now: Int64, maxSkew: Int64) -> TimestampCheck {
        guard let value = parseUnixSeconds(timestamp) else { return .notAnInteger }
        let (delta, overflow) = now.subtractingReportingOverflow(value)
        if overflow { return value > now ? .inFuture(delta: Int64.max) : .tooOld(delta: Int64.max) }
        if delta > maxSkew { return .tooOld(delta: delta) }
        if delta < -maxSkew { return .inFuture(delta: -delta) }
        return .fresh(delta: delta)
    }

    /// Whether the timestamp is accepted.
    public var isFresh: Bool { if case .fresh = self { true } else { false } }

    /// A decimal integer without sign, spaces or other characters, as the API's timestamps are.
    public static func parseUnixSeconds(_ text: some StringProtocol) -> Int64? {
        let utf8 = text.utf8
        guard !utf8.isEmpty, utf8.count <= 18, utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) else { return nil }
        return Int64(text)
    }
}
