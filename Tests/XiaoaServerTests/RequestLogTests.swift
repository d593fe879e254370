import Testing

@testable import XiaoaServer

@Suite("request log")
struct RequestLogTests {
    static let entry = RequestLog.Entry(
        method: "POST", endpoint: "/assoc/add", code: .ok, seconds: 0.001, note: RequestNote.State(), findings: [])

    /// A log that cannot be written (a full disk) drops and counts its lines; writing goes on, nothing stops.
    @Test func countsTheLinesItCannotWrite() throws {
        let log = try RequestLog(path: "/dev/full")
        for _ in 0..<3 { log.write(Self.entry) }
        #expect(log.droppedLines == 3)
    }

    @Test func dropsNothingWhenWritesWork() throws {
        let log = try RequestLog(path: "/dev/null")
        log.write(Self.entry)
        #expect(log.droppedLines == 0)
    }
}
