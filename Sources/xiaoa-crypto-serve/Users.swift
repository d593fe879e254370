import ArgumentParser
import XiaoaCommandLine
import XiaoaCommandOptions
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
        @Option(
            name: .customLong("db"), help: ArgumentHelp("The SQLite database file of the stand-in.", valueName: "path"))
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

        @OptionGroup var language: LanguageOptions

        func run() throws {
            let password = try Fail.guarding { try SecretInput.fromStdin(what: "password", hints: []) }
            try Fail.guarding {
                try UserAccounts.add(
                    name: account.name, password: password, databasePath: account.database.databasePath,
                    iterations: account.pbkdf2Iterations)
            }
            IO.printError("added test account \"\(account.name)\" to \(account.database.databasePath)")
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Change a test account's password (the Xiao A side); the new password is read from stdin.",
            discussion: "Then /assoc/update with old_pwd = the bound password and new_pwd = this one answers 0.")

        @OptionGroup var account: AccountOptions

        @OptionGroup var language: LanguageOptions

        func run() throws {
            let password = try Fail.guarding { try SecretInput.fromStdin(what: "password", hints: []) }
            try Fail.guarding {
                try UserAccounts.setPassword(
                    name: account.name, password: password, databasePath: account.database.databasePath,
                    iterations: account.pbkdf2Iterations)
            }
            IO.printError("changed the password of \"\(account.name)\" in \(account.database.databasePath)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the test accounts: name, bindings, created (UTC), tab-separated; never passwords.")

        @OptionGroup var database: DatabaseOptions

        @OptionGroup var language: LanguageOptions

        func run() throws {
            let accounts = try Fail.guarding { try UserAccounts.list(databasePath: database.databasePath) }
            var out = ""
            for account in accounts {
                out += "\(account.name)\t\(account.bindings)\t\(AccountTime.utc(account.createdAt))\n"
            }
            // As xiaoa-crypto does: exit 74 (EX_IOERR) when the output is lost.
            try Fail.guarding { try IO.write(1, out, what: "stdout") }
        }
    }
}

/// Account times as the list prints them.
enum AccountTime {
    static func utc(_ seconds: Int64) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        func pad(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(parts.tm_year + 1900)-\(pad(parts.tm_mon + 1))-\(pad(parts.tm_mday))T"
            + "\(pad(parts.tm_hour)):\(pad(parts.tm_min)):\(pad(parts.tm_sec))Z"
    }
}
