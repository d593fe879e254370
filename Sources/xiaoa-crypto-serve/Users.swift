import ArgumentParser
import XiaoaServer

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `serve users`: the Xiao A test accounts in a database file.
struct Users: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage the Xiao A test accounts in a database file.",
        subcommands: [Add.self, Passwd.self, List.self])

    /// An account's name, its database and the hashing cost, shared by `add` and `passwd`.
    struct AccountOptions: ParsableArguments {
        @Argument(help: "The Xiao A user name.")
        var name: String

        @OptionGroup var database: DatabaseOptions

        @Option(help: ArgumentHelp("PBKDF2-HMAC-SHA-256 rounds.", valueName: "n"))
        var pbkdf2Iterations = PasswordHash.defaultIterations
    }

    /// Options shared by the account commands.
    struct DatabaseOptions: ParsableArguments {
        @Option(name: .customLong("db"), help: ArgumentHelp("The SQLite database file of the stand-in.", valueName: "path"))
        var databasePath: String
    }

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a test account; the password is read from stdin (one line).",
            discussion: """
                Examples:
                  echo 123456 | xiaoa-crypto serve users add xa --db xiaoa.sqlite
                """)

        @OptionGroup var account: AccountOptions

        func run() throws {
            let password = try PasswordInput.readStdin()
            try Fail.guarding { try UserAccounts.add(name: account.name, password: password, databasePath: account.database.databasePath, iterations: account.pbkdf2Iterations) }
            Fail.printError("added test account \"\(account.name)\" to \(account.database.databasePath)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a test account's password (the Xiao A side); the new password is read from stdin.",
            discussion: "Then /assoc/update with old_pwd = the bound password and new_pwd = this one answers 0.")

        @OptionGroup var account: AccountOptions

        func run() throws {
            let password = try PasswordInput.readStdin()
            try Fail.guarding { try UserAccounts.setPassword(name: account.name, password: password, databasePath: account.database.databasePath, iterations: account.pbkdf2Iterations) }
            Fail.printError("changed the password of \"\(account.name)\" in \(account.database.databasePath)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the test accounts: name, bindings, created (UTC), tab-separated; never passwords.")

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let accounts = try Fail.guarding { try UserAccounts.list(databasePath: database.databasePath) }
            var out = ""
            for account in accounts {
                out += "\(account.name)\t\(account.bindings)\t\(PasswordInput.utc(account.createdAt))\n"
            }
            guard Fail.writeAll(1, out) else {
                // As xiaoa-crypto does: exit 74 (EX_IOERR) when the output is lost.
                Fail.printError("error: cannot write stdout: \(String(cString: strerror(errno)))")
                throw ExitCode(74)
            }
        }
    }
}

enum PasswordInput {
    /// stdin as one password: one trailing `\n` or `\r\n` dropped; no input at all is an error (exit 65).
    static func readStdin() throws -> [UInt8] {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = read(0, &buffer, buffer.count)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            bytes += buffer[0..<count]
        }
        guard !bytes.isEmpty else {
            Fail.printError("error: no password on stdin")
            throw ExitCode(65)
        }
        if bytes.last == 0x0a { bytes.removeLast(); if bytes.last == 0x0d { bytes.removeLast() } }
        return bytes
    }

    static func utc(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
    }
}
