public import ArgumentParser
public import XiaoaAPI
public import XiaoaCommandLine

// ArgumentParser option groups shared by the tools that take a domain key or build a request (`xiaoa-crypto`
// and `xiaoa-crypto-call`): one definition of each option, its help and its rules.

/// Where the domain key comes from: argv, an environment variable or a file.
public struct DomainKeyOptions: ParsableArguments {
    public init() {}

    @Option(name: .customLong("domain-key"), help: "The domain key.")
    public var domainKey: String?

    @Option(
        name: .customLong("domain-key-env"),
        help: ArgumentHelp("Read the domain key from this environment variable.", valueName: "name"))
    public var domainKeyEnv: String?

    @Option(
        name: .customLong("domain-key-file"),
        help: ArgumentHelp("Read the domain key from the first line of this file.", valueName: "path"))
    public var domainKeyFile: String?

    public func validate() throws {
        let given = [domainKey != nil, domainKeyEnv != nil, domainKeyFile != nil].filter { $0 }.count
        if given > 1 { throw ValidationError("give one of --domain-key, --domain-key-env, --domain-key-file") }
    }

    /// Whether any source was given.
    public var isGiven: Bool { domainKey != nil || domainKeyEnv != nil || domainKeyFile != nil }

    /// The domain key from whichever source was given; an empty one is bad input (exit 65, the library's
    /// words) unless `allowingEmpty` (diagnose sign examines what a client sent, an empty key included).
    public func resolve(allowingEmpty: Bool = false) throws(Failure) -> String {
        let key = try resolveText()
        if let warning = DomainKeyRule.whitespaceWarning(key, source: source) { IO.printError("warning: \(warning)") }
        if !allowingEmpty, let problem = DomainKeyRule.problem(key) {
            throw Failure.badData(problem.message, hints: problem.hints)
        }
        return key
    }

    /// Where the key comes from, for messages.
    private var source: String {
        if let domainKeyEnv { return "$\(domainKeyEnv)" }
        if let domainKeyFile { return domainKeyFile }
        return "--domain-key"
    }

    private func resolveText() throws(Failure) -> String {
        if let domainKey { return domainKey }
        if let domainKeyEnv { return try SecretInput.fromEnvironment(domainKeyEnv, what: "domain key") }
        if let domainKeyFile { return try SecretInput.firstLine(ofFile: domainKeyFile, what: "domain key") }
        throw Failure.usage(
            "missing the domain key", hints: ["give --domain-key K, --domain-key-env NAME or --domain-key-file PATH"])
    }
}

/// The method parameters of a request and where its passwords come from: `body` and `call`.
public struct RequestFieldOptions: ParsableArguments {
    public init() {}

    @Option(name: .customLong("user-name"), help: "The Xiao A user name (user_name).")
    public var userName: String?

    @Option(name: .customLong("c-username"), help: "The customer-system user name (c_username).")
    public var cUsername: String?

    @Option(help: "assoc/login: the target page, yxrw or thls (empty for the home page).")
    public var redirect: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the password(s) from stdin (the default).")
    public var passwordStdin = false

    @Option(
        name: .customLong("password-env"),
        help: ArgumentHelp(
            "Read the password from this environment variable (assoc/update: the new one).", valueName: "name"))
    public var passwordEnv: String?

    @Option(
        name: .customLong("old-password-env"),
        help: ArgumentHelp("assoc/update: read the old password from this environment variable.", valueName: "name"))
    public var oldPasswordEnv: String?

    @Option(
        name: .customLong("password-file"),
        help: ArgumentHelp("Read the password(s) from this file, like stdin.", valueName: "path"))
    public var passwordFile: String?

    /// The rules that tie the options to `endpoint` (call from the command's `validate()`).
    public func validate(for endpoint: Endpoint) throws {
        if endpoint != .login && userName == nil { throw ValidationError("\(endpoint.rawValue) needs --user-name") }
        if endpoint != .login && cUsername == nil { throw ValidationError("\(endpoint.rawValue) needs --c-username") }
        if endpoint != .login && redirect != nil { throw ValidationError("--redirect belongs to assoc/login") }
        if endpoint == .login && userName != nil { throw ValidationError("assoc/login has no user name") }
        if endpoint == .login && (passwordEnv != nil || passwordFile != nil || passwordStdin || oldPasswordEnv != nil) {
            throw ValidationError("assoc/login takes no password")
        }
        if endpoint != .update && oldPasswordEnv != nil {
            throw ValidationError("--old-password-env belongs to assoc/update")
        }
        if passwordEnv != nil && passwordFile != nil {
            throw ValidationError("give --password-env or --password-file, not both")
        }
    }

    /// The method parameters for `endpoint`: names from the options, passwords from stdin (update: two lines,
    /// old then new), the environment or a file.
    public func values(for endpoint: Endpoint) throws(Failure) -> [String: [UInt8]] {
        var values: [String: [UInt8]] = [:]
        if let userName { values["user_name"] = Array(userName.utf8) }
        if let cUsername { values["c_username"] = Array(cUsername.utf8) }
        if let redirect { values["redirect"] = Array(redirect.utf8) }
        switch endpoint {
        case .add, .delete:
            values["password"] = try SecretSource(
                argument: nil, environment: passwordEnv, file: passwordFile, what: "password"
            ).resolve()
        case .update:
            if let oldPasswordEnv, let passwordEnv {
                values["old_pwd"] = Array(try SecretInput.fromEnvironment(oldPasswordEnv, what: "old password").utf8)
                values["new_pwd"] = Array(try SecretInput.fromEnvironment(passwordEnv, what: "new password").utf8)
            } else if oldPasswordEnv != nil || passwordEnv != nil {
                throw Failure.usage(
                    "assoc/update needs both --old-password-env and --password-env, or two lines on stdin")
            } else {
                let (old, new) = try SecretInput.twoLines(
                    file: passwordFile, what: "assoc/update reads two lines (old password, then new password)")
                values["old_pwd"] = old
                values["new_pwd"] = new
            }
        case .login:
            break
        }
        return values
    }
}

/// The domain keys a server accepts, as `verify request`, `verify har`, `serve` and the proxy take them:
/// `--domain-key` (repeatable) and `--domain-keys FILE`.
public struct KnownDomainKeyOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .customLong("domain-key"),
        help: ArgumentHelp("A domain key the server accepts (repeatable).", valueName: "key"))
    public var domainKeys: [String] = []

    @Option(
        name: .customLong("domain-keys"),
        help: ArgumentHelp("A file of domain keys the server accepts, one per line, # comments.", valueName: "path"))
    public var domainKeysFile: String?

    /// Whether any key or file was given.
    public var isGiven: Bool { !domainKeys.isEmpty || domainKeysFile != nil }

    /// The keys of `--domain-key` then of the file, in order, each once. An empty key, and a file that cannot be
    /// read or holds no key, are bad input (exit 65, the library's words); keys with whitespace at either end are
    /// warned about on stderr.
    public func resolve() throws(Failure) -> [String] {
        var keys: [String] = []
        for key in domainKeys {
            if let problem = DomainKeyRule.problem(key) { throw Failure.badData(problem.message, hints: problem.hints) }
            if let warning = DomainKeyRule.whitespaceWarning(key, source: "--domain-key") {
                IO.printError("warning: \(warning)")
            }
            keys.append(key)
        }
        if let domainKeysFile {
            let bytes = try IO.readFile(domainKeysFile, limit: 16 << 20)
            do {
                let (fileKeys, warnings) = try DomainKeyList.parse(bytes, source: domainKeysFile)
                for warning in warnings { IO.printError("warning: \(warning)") }
                keys += fileKeys
            } catch {
                throw Failure.badData(error.message, hints: error.hints)
            }
        }
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}

/// The endpoint argument of `body`, `call` and `verify request`: one of the four, else a usage error that lists
/// them.
public struct EndpointArgument: ParsableArguments {
    public init() {}

    @Argument(
        help: ArgumentHelp("The endpoint: assoc/add, assoc/login, assoc/delete or assoc/update.", valueName: "endpoint")
    )
    public var name: String

    public func validate() throws {
        if Endpoint(name: name) == nil {
            throw ValidationError(
                "unknown endpoint \(name); expected one of "
                    + Endpoint.allCases.map(\.rawValue).joined(separator: ", "))
        }
    }

    /// The endpoint named (``validate()`` has accepted the name).
    public var endpoint: Endpoint {
        guard let endpoint = Endpoint(name: name) else { preconditionFailure("validate() accepts only endpoints") }
        return endpoint
    }
}
