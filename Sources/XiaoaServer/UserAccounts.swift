import GRDB

/// The Xiao A test accounts in a database file, for `serve users add | passwd | list`.
public enum UserAccounts {
    /// One account, as `users list` shows it (never its password or hash).
    public struct Summary: Sendable, Equatable {
        public let name: String
        public let createdAt: Int64
        public let updatedAt: Int64
        /// How many customer-system users are bound to it.
        public let bindings: Int
    }

    /// Creates the account `name` in the database at `path` (created when missing).
    ///
    /// - Throws: ``ServerError`` `.badInput` when the account exists already or the name is empty.
    public static func add(
        name: String, password: [UInt8], databasePath path: String,
        iterations: Int = PasswordHash.defaultIterations, now: Int64 = Int64(time(nil))
    ) throws(ServerError) {
        try put(name: name, password: password, path: path, replace: false, iterations: iterations, now: now)
    }

    /// Sets a new password for the existing account `name`.
    ///
    /// - Throws: ``ServerError`` `.noInput` for a missing file, `.badInput` for an unknown account.
    public static func setPassword(
        name: String, password: [UInt8], databasePath path: String,
        iterations: Int = PasswordHash.defaultIterations, now: Int64 = Int64(time(nil))
    ) throws(ServerError) {
        try put(name: name, password: password, path: path, replace: true, iterations: iterations, now: now)
    }

    /// The accounts in the database at `path`, by name.
    public static func list(databasePath path: String) throws(ServerError) -> [Summary] {
        let store = try Store.open(path: path, create: false)
        do {
            return try store.writer.read { db in
                let counts = try [String: Int](
                    uniqueKeysWithValues: Row.fetchAll(
                        db, sql: "SELECT user_name, COUNT(*) AS n FROM bindings GROUP BY user_name"
                    ).map {
                        (($0["user_name"] as String), ($0["n"] as Int))
                    })
                return try XiaoaUser.order(Column("name")).fetchAll(db).map {
                    Summary(
                        name: $0.name, createdAt: $0.createdAt, updatedAt: $0.updatedAt, bindings: counts[$0.name] ?? 0)
                }
            }
        } catch { throw ServerError(.internalFailure, "cannot read \(path): \(error)") }
    }

    private static func put(name: String, password: [UInt8], path: String, replace: Bool, iterations: Int, now: Int64)
        throws(ServerError)
    {
        guard !name.isEmpty else { throw ServerError(.badInput, "the account name is empty") }
        guard iterations > 0 else { throw ServerError(.badInput, "--pbkdf2-iterations must be positive") }
        let store = try Store.open(path: path, create: !replace)
        let hash = try PasswordHash.make(password: password, iterations: iterations)
        let done: Bool
        if replace {
            let exists: Bool
            do { exists = try store.writer.read { db in try XiaoaUser.exists(db, key: name) } } catch {
                throw ServerError(.internalFailure, "cannot read \(path): \(error)")
            }
            guard exists else { throw ServerError(.badInput, "no account \"\(name)\" in \(path)") }
        }
        do { done = try store.putUser(name: name, passwordHash: hash, replace: replace, now: now) } catch {
            throw ServerError(.internalFailure, "cannot write \(path): \(error)")
        }
        guard done else {
            throw ServerError(
                .badInput, "the account \"\(name)\" exists already in \(path) (use users passwd to change its password)"
            )
        }
    }
}

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif
