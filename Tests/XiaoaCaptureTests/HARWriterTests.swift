import Foundation
import Testing
import XiaoaCapture

/// The HAR writer of the proxy: what it writes reads back through ``HARFile`` byte for byte, the file is valid after
/// every entry and private.
@Suite("HAR writer")
struct HARWriterTests {
    static func withFile<T>(_ body: (String) throws -> T) throws -> T {
        let path = NSTemporaryDirectory() + "xiaoa-har-writer-\(UUID().uuidString).har"
        defer { try? FileManager.default.removeItem(atPath: path) }
        return try body(path)
    }

    static func record(_ index: Int, request: [UInt8]?, response: [UInt8]) -> HARRecord {
        HARRecord(
            started: (1_796_147_481, 5_000_000), milliseconds: 1.5, method: request == nil ? "GET" : "POST",
            url: "http://127.0.0.1:8088/assoc/add?n=\(index)&y=%2B",
            request: .init(headers: [("Host", "127.0.0.1:8088"), ("Content-Type", "application/json")], body: request),
            status: 200, statusText: "OK",
            response: .init(headers: [("Content-Type", "application/octet-stream")], body: response))
    }

    /// Text bodies stay text, other bytes go in base64, and every body reads back as the bytes written.
    @Test(arguments: [
        ([UInt8]?(Array("{\"a\":\"中\"}".utf8)), Array("{\"code\":0}".utf8)),
        ([UInt8]?([0xff, 0x00, 0xfe]), [0x80, 0x81]),
        ([UInt8]?([]), []),
        ([UInt8]?.none, Array("plain".utf8)),
    ])
    func bodiesReadBackUnchanged(_ request: [UInt8]?, _ response: [UInt8]) throws {
        try Self.withFile { path in
            let writer = try HARWriter(path: path, creator: "test", version: "1")
            try writer.append(Self.record(0, request: request, response: response))
            let har = try HARFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            let entry = try #require(har.entries.first)
            #expect(entry.postData?.bytes == request)
            #expect(entry.responseContent?.bytes == response)
            #expect(
                (entry.postData?.encoding == "base64")
                    == (request.map { String(validating: $0, as: UTF8.self) == nil } ?? false))
            #expect(entry.status == 200 && entry.method == (request == nil ? "GET" : "POST"))
        }
    }

    /// After each entry the file is a complete HAR with all entries so far, created with mode 0600.
    @Test func validAfterEveryEntryAndPrivate() throws {
        try Self.withFile { path in
            let writer = try HARWriter(path: path, creator: "test", version: "1")
            #expect(try HARFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path)))).entries.isEmpty)
            for index in 0..<3 {
                try writer.append(Self.record(index, request: Array("{}".utf8), response: Array("{}".utf8)))
                let har = try HARFile.parse(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
                #expect(har.entries.map(\.url) == (0...index).map { "http://127.0.0.1:8088/assoc/add?n=\($0)&y=%2B" })
            }
            let attributes = try FileManager.default.attributesOfItem(atPath: path)
            #expect(attributes[.posixPermissions] as? Int == 0o600)
        }
    }

    /// `startedDateTime` against `date -u -d @SECONDS`: and it reads back as the same second.
    @Test(arguments: [
        (Int64(0), "1970-01-01T00:00:00.000Z"), (1_796_147_481, "2026-12-01T17:51:21.000Z"),
        (951_782_400, "2000-02-29T00:00:00.000Z"), (-1, "1969-12-31T23:59:59.000Z"),
    ])
    func startedDateTime(_ seconds: Int64, _ expected: String) throws {
        #expect(HARRecord.startedDateTime(seconds: seconds, nanoseconds: 0) == expected)
        let entry = HAREntry(index: 0, started: expected, method: "GET", url: "http://x/")
        #expect(entry.startedUnix == seconds)
    }
}
