import Foundation
import GRDB
import Synchronization

/// The stand-in's SQLite database, through GRDB: Xiao A test accounts, bindings, domain keys, settings.
///
/// A file is opened as a `DatabasePool` (WAL: readers never wait for the writer, and another process, such as
/// `serve users add`, may write while the server runs); the in-memory default is a `DatabaseQueue`.
/// Durability: WAL with `synchronous = FULL`, so a write that was answered survives `kill -9` and a power loss;
/// a full disk makes the write throw (a vendor 500), and SQLite's rollback keeps the file consistent. The schema
/// comes from named migrations. Every change is one `write {}` transaction, so concurrent requests cannot
/// interleave inside a check-then-insert.
final class Store: Sendable {
    let writer: any DatabaseWriter
    /// The file, or nil in memory.
    let path: String?
    /// Bindings read or written by this process (c_username → user_name). Only this server writes bindings, so it
    /// stays exact as long as one server uses a database file (`serve users` only touches accounts).
    let boundUsers = BindingCache()

    /// Opens (and creates, and migrates) the database at `path`, or an in-memory one.
    init(path: String?) throws(ServerError) {
        var configuration = Configuration()
        // Another process (serve users add) may hold the write lock for a moment.
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            // An answer 0 is a promise that the change is stored. In WAL mode, synchronous=NORMAL keeps every
            // committed transaction across a crash of the process (kill -9) but may roll back the last ones on a
            // power loss or a crash of the OS, since the WAL is synced only at checkpoints. FULL syncs the WAL at
            // every commit, so an acknowledged write survives a power loss too; it costs one fsync per write
            // (add, delete, update, users), next to a PBKDF2 check that costs more. Logins only read.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        self.path = path
        do {
            if let path {
                writer = try DatabasePool(path: path, configuration: configuration)
            } else {
                writer = try DatabaseQueue(configuration: configuration)
            }
            try Self.migrator.migrate(writer)
        } catch {
            throw ServerError(.internalFailure, "cannot open the database \(path ?? "in memory"): \(error)")
        }
    }

    /// Opens an existing database file for the `users` commands; a missing file is `.noInput` unless `create`.
    static func open(path: String, create: Bool) throws(ServerError) -> Store {
        if !create {
            var info = stat()
            guard stat(path, &info) == 0 else { throw ServerError(.noInput, "no database at \(path)") }
        }
        return try Store(path: path)
    }

    // MARK: - Schema

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("createXiaoaUsers") { db in
            try db.create(table: XiaoaUser.databaseTableName) { t in
                t.primaryKey("name", .text)
                t.column("password_hash", .text).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
        }
        migrator.registerMigration("createBindings") { db in
            try db.create(table: Binding.databaseTableName) { t in
                // One binding per customer-system user: /assoc/login names only c_username.
                t.primaryKey("c_username", .text)
                t.column("user_name", .text).notNull().indexed()
                    .references(XiaoaUser.databaseTableName, column: "name", onDelete: .cascade)
                // The Xiao A password the customer system gave when binding or updating (see /assoc/update).
                t.column("password_hash", .text).notNull()
                t.column("created_at", .integer).notNull()
                t.column("updated_at", .integer).notNull()
            }
        }
        migrator.registerMigration("createDomainKeys") { db in
            try db.create(table: DomainKey.databaseTableName) { t in
                t.primaryKey("key", .text)
                t.column("added_at", .integer).notNull()
            }
        }
        migrator.registerMigration("createSettings") { db in
            try db.create(table: "settings") { t in
                t.primaryKey("name", .text)
                t.column("value", .blob).notNull()
            }
        }
        return migrator
    }

    // MARK: - Reads

    func user(named name: String) async throws -> XiaoaUser? {
        try await writer.read { db in try XiaoaUser.fetchOne(db, key: name) }
    }

    func binding(of cUsername: String) async throws -> Binding? {
        try await writer.read { db in try Binding.fetchOne(db, key: cUsername) }
    }

    /// The Xiao A user bound to `cUsername`: the lookup of every `/assoc/login` and token check.
    ///
    /// Served from ``boundUsers`` when it can: a GRDB read costs a pool checkout and a queue hop, and measured with
    /// perf it made a login cost twice the CPU of the whole HTTP exchange. The database stays the truth: a miss
    /// reads it (one statement, so no transaction is needed) and fills the cache only if no binding changed meanwhile.
    func boundUser(of cUsername: String) throws -> String? {
        let generation: UInt64
        switch boundUsers.lookup(cUsername) {
        case .hit(let userName): return userName
        case .miss(let current): generation = current
        }
        let userName = try writer.unsafeRead { db in
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT user_name FROM bindings WHERE c_username = ?"), arguments: [cUsername])
        }
        if let userName { boundUsers.fill(cUsername, userName, ifGeneration: generation) }
        return userName
    }

    func domainKeys() throws -> [String] {
        try writer.read { db in try String.fetchAll(db, sql: "SELECT key FROM domain_keys ORDER BY key") }
    }

    func users() throws -> [XiaoaUser] {
        try writer.read { db in try XiaoaUser.order(Column("name")).fetchAll(db) }
    }

    func bindingCount() async throws -> Int {
        try await writer.read { db in try Binding.fetchCount(db) }
    }

    // MARK: - Writes

    func addDomainKeys(_ keys: [String], now: Int64) throws {
        try writer.write { db in
            for key in keys {
                try db.execute(
                    sql: "INSERT OR IGNORE INTO domain_keys (key, added_at) VALUES (?, ?)", arguments: [key, now])
            }
        }
    }

    /// Creates the account, or replaces its password when `replace`; false when it exists and not `replace`.
    @discardableResult
    func putUser(name: String, passwordHash: String, replace: Bool, now: Int64) throws -> Bool {
        try writer.write { db in
            if var user = try XiaoaUser.fetchOne(db, key: name) {
                guard replace else { return false }
                user.passwordHash = passwordHash
                user.updatedAt = now
                try user.update(db)
                return true
            }
            try XiaoaUser(name: name, passwordHash: passwordHash, createdAt: now, updatedAt: now).insert(db)
            return true
        }
    }

    /// The secret that signs login tokens, made once per database.
    func tokenSecret(make: @Sendable () throws -> [UInt8]) throws -> [UInt8] {
        try writer.write { db in
            if let stored = try Data.fetchOne(db, sql: "SELECT value FROM settings WHERE name = 'token_secret'") {
                return [UInt8](stored)
            }
            let secret = try make()
            try db.execute(
                sql: "INSERT INTO settings (name, value) VALUES ('token_secret', ?)", arguments: [Data(secret)])
            return secret
        }
    }

    /// The outcome of a change that a concurrent request may have pre-empted.
    enum Change: Equatable {
        case done
        /// The account's password changed between the check and the write.
        case passwordChanged
        /// The binding is there already (add) or no longer (delete, update).
        case conflict
    }

    /// Stores the binding unless `cUsername` is bound already; `verifiedHash` is the account's hash the
    /// password was checked against, which must still be the account's.
    func addBinding(cUsername: String, userName: String, verifiedHash: String, now: Int64) async throws -> Change {
        let change = try await writer.write { db -> Change in
            guard try XiaoaUser.fetchOne(db, key: userName)?.passwordHash == verifiedHash else {
                return .passwordChanged
            }
            guard try !Binding.exists(db, key: cUsername) else { return .conflict }
            try Binding(
                cUsername: cUsername, userName: userName, passwordHash: verifiedHash, createdAt: now, updatedAt: now
            ).insert(db)
            return .done
        }
        // After the commit: a login must not see a binding that a rolled-back transaction made.
        if change == .done { boundUsers.changed(cUsername, to: userName) }
        return change
    }

    /// Removes the binding of `cUsername` to `userName`, if the account still has `verifiedHash`.
    func deleteBinding(cUsername: String, userName: String, verifiedHash: String) async throws -> Change {
        let change = try await writer.write { db -> Change in
            guard try XiaoaUser.fetchOne(db, key: userName)?.passwordHash == verifiedHash else {
                return .passwordChanged
            }
            try db.execute(
                sql: "DELETE FROM bindings WHERE c_username = ? AND user_name = ?", arguments: [cUsername, userName])
            return db.changesCount == 1 ? .done : .conflict
        }
        if change == .done { boundUsers.changed(cUsername, to: nil) }
        return change
    }

    /// Replaces the binding's password hash `oldHash` with the account's `newHash`, if neither moved meanwhile.
    func updateBinding(cUsername: String, userName: String, oldHash: String, newHash: String, now: Int64) async throws
        -> Change
    {
        try await writer.write { db in
            guard try XiaoaUser.fetchOne(db, key: userName)?.passwordHash == newHash else { return .passwordChanged }
            try db.execute(
                sql:
                    "UPDATE bindings SET password_hash = ?, updated_at = ? WHERE c_username = ? AND user_name = ? AND "
                    + "password_hash = ?",
                arguments: [newHash, now, cUsername, userName, oldHash])
            return db.changesCount == 1 ? .done : .conflict
        }
    }
}

// MARK: - Records

/// A Xiao A test account.
struct XiaoaUser: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "xiaoa_users"
    var name: String
    var passwordHash: String
    var createdAt: Int64
    var updatedAt: Int64

    enum CodingKeys: String, CodingKey {
        case name
        case passwordHash = "password_hash"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// A customer-system user bound to a Xiao A account.
struct Binding: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "bindings"
    var cUsername: String
    var userName: String
    var passwordHash: String
    var createdAt: Int64
    var updatedAt: Int64

    enum CodingKeys: String, CodingKey {
        case cUsername = "c_username"
        case userName = "user_name"
        case passwordHash = "password_hash"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }
}

/// A domain key the server accepts.
struct DomainKey: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "domain_keys"
    var key: String
    var addedAt: Int64

    enum CodingKeys: String, CodingKey {
        case key
        case addedAt = "added_at"
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// The bindings this server has read or written, for `/assoc/login`.
///
/// Every write bumps a generation; a read that missed may fill an entry only if the generation did not move
/// while it read the database, so a binding deleted meanwhile cannot come back from a late fill.
final class BindingCache: Sendable {
    private struct State {
        var entries: [String: String] = [:]
        var generation: UInt64 = 0
    }

    enum Lookup {
        case hit(String)
        case miss(generation: UInt64)
    }

    private let state = Mutex(State())
    /// Enough for any test or load run; past it the cache starts afresh rather than grow without bound.
    static let capacity = 100_000

    func lookup(_ cUsername: String) -> Lookup {
        state.withLock { state in
            if let userName = state.entries[cUsername] { return .hit(userName) }
            return .miss(generation: state.generation)
        }
    }

    func fill(_ cUsername: String, _ userName: String, ifGeneration generation: UInt64) {
        state.withLock { state in
            guard state.generation == generation else { return }
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[cUsername] = userName
        }
    }

    /// Records a committed write: the binding of `cUsername` is now `userName` (nil: removed).
    func changed(_ cUsername: String, to userName: String?) {
        state.withLock { state in
            state.generation &+= 1
            if state.entries.count >= Self.capacity { state.entries.removeAll(keepingCapacity: true) }
            state.entries[cUsername] = userName
        }
    }
}
