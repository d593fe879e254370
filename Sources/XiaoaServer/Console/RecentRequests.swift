import Synchronization
internal import XiaoaAPI
package import XiaoaJSON

/// The last requests the stand-in answered, for the console's "recent requests" pane.
///
/// Fed by ``VendorMiddleware`` with the very entries it writes to the request log, and kept as the same JSON
/// (``RequestLog/json(_:time:)``: secrets masked the same way), plus a sequence number and the vendor's message.
/// On the proxy, each entry carries the predicted code beside the upstream's (`predicted`, `code`, `status`).
/// Only the last ``capacity`` requests are kept, in memory, whether or not `--log` is given.
package final class RecentRequests: Sendable {
    /// How many requests are kept.
    package let capacity: Int

    private struct State {
        /// Oldest first; at most `capacity`.
        var entries: [JSONValue] = []
        /// The sequence number of the last entry (0: none yet).
        var last = 0
    }

    private let state = Mutex(State())

    package init(capacity: Int = 100) {
        precondition(capacity > 0)
        self.capacity = capacity
    }

    /// Records one answered request.
    package func append(_ entry: RequestLog.Entry) {
        let logged = RequestLog.json(entry, time: RequestLog.now())
        state.withLock { state in
            state.last += 1
            var members = [JSONMember(key: "seq", value: .int(state.last))]
            members += logged.object?.members ?? []
            members.append(JSONMember(key: "message", value: .string(entry.message ?? "")))
            state.entries.append(.object(JSONObject(members)))
            if state.entries.count > capacity { state.entries.removeFirst(state.entries.count - capacity) }
        }
    }

    /// The kept requests, newest first, and the sequence number of the newest (0 when none was seen yet).
    package func snapshot() -> (entries: [JSONValue], last: Int) {
        state.withLock { (Array($0.entries.reversed()), $0.last) }
    }
}
