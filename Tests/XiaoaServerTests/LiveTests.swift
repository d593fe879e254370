import Foundation
import GRDB
import Hummingbird
import HummingbirdTesting
import Testing
import XiaoaAPI

@testable import XiaoaServer

/// The application on a real socket: the whole flow, a restart on the same database, concurrent clients.
@Suite("Live server")
struct LiveTests {
    @Test func flowOverASocketSurvivesARestart() async throws {
        try await withTemporaryDirectory { dir in
            let db = "\(dir)/live.sqlite"
            try UserAccounts.add(name: "xa", password: Array("pw-1".utf8), databasePath: db, iterations: 1000)
            let bind = ["user_name": "xa", "password": "pw-1", "c_username": "c1"]
            let first = try await buildApplication(testConfiguration(db: db, keys: ["k1"]))
            let token = try await first.test(.live) { client in
                #expect(try await client.post(.add, body(.add, domainKey: "k1", bind)).code == 0)
                let login = try await client.post(
                    .login, body(.login, domainKey: "k1", ["c_username": "c1", "redirect": "thls"]))
                return String(try #require(login.data?.object?["url"]?.string).split(separator: "token=").last!)
            }
            // A new process on the same file: the binding, the domain key and the token secret are still there.
            let second = try await buildApplication(testConfiguration(db: db))
            try await second.test(.live) { client async throws in
                #expect(try await client.post(.add, body(.add, domainKey: "k1", bind)).code == 20003)
                #expect(try await client.post("/login?token=\(token)", "", method: .get).code == 0)
                #expect(try await client.post(.delete, body(.delete, domainKey: "k1", bind)).code == 0)
                #expect(
                    try await client.post(.login, body(.login, domainKey: "k1", ["c_username": "c1"])).code == 20001)
            }
            let journal = try await DatabaseQueue(path: db).read { db -> String? in
                try String.fetchOne(db, sql: "PRAGMA journal_mode")
            }
            #expect(journal == "wal")
        }
    }

    /// Issue 17: with port 0 (a free port) and no --login-url, the login URL names the port actually bound.
    @Test func portZeroHandsOutTheBoundPort() async throws {
        var configuration = testConfiguration()
        configuration.loginBaseURL = nil
        let app = try await buildApplication(configuration)
        try await app.test(.live) { client in
            _ = try await client.post(
                .add, body(.add, ["user_name": "demo", "password": "123456", "c_username": "c1"]))
            let login = try await client.post(.login, body(.login, ["c_username": "c1"]))
            let url = try #require(login.data?.object?["url"]?.string)
            let port = try #require(client.port)
            #expect(port != 0 && url.hasPrefix("http://127.0.0.1:\(port)/login?token="), "\(url)")
        }
    }

    /// 50 clients at once, each adding and deleting its own bindings and keeping one: no write lost, no 500.
    @Test func fiftyConcurrentClientsLoseNoWrite() async throws {
        try await withTemporaryDirectory { dir in
            let db = "\(dir)/concurrent.sqlite"
            try UserAccounts.add(name: "xa", password: Array("pw".utf8), databasePath: db, iterations: 1000)
            let app = try await buildApplication(testConfiguration(db: db))
            try await app.test(.ahc(.http)) { client in
                let codes = try await withThrowingTaskGroup(of: [Int].self) { group in
                    for clientIndex in 0..<50 {
                        group.addTask {
                            var codes: [Int] = []
                            for round in 0..<4 {
                                let fields = [
                                    "user_name": "xa", "password": "pw", "c_username": "c\(clientIndex)-\(round)",
                                ]
                                codes.append(try await client.post(.add, body(.add, fields)).code ?? -1)
                                if round < 3 {
                                    codes.append(try await client.post(.delete, body(.delete, fields)).code ?? -1)
                                }
                            }
                            // Everyone also races for one shared c_username: exactly one wins.
                            let shared = ["user_name": "xa", "password": "pw", "c_username": "shared"]
                            codes.append(try await client.post(.add, body(.add, shared)).code ?? -1)
                            return codes
                        }
                    }
                    return try await group.reduce(into: [Int]()) { $0 += $1 }
                }
                #expect(!codes.contains(500) && !codes.contains(-1))
                #expect(codes.filter { $0 == 0 }.count == 50 * 7 + 1)
                #expect(codes.filter { $0 == 20003 }.count == 49)
            }
            let rows = try await DatabaseQueue(path: db).read { db -> Int? in
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM bindings")
            }
            #expect(rows == 51)
        }
    }
    /// An answer 0 must survive a power loss: WAL with synchronous = FULL (2), not NORMAL (1).
    @Test func writesAreSyncedAtEveryCommit() async throws {
        try await withTemporaryDirectory { dir in
            let store = try Store(path: "\(dir)/durable.sqlite")
            let level = try await store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            #expect(level == 2)
        }
    }
}
