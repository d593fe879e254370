import ArgumentParser
import XiaoaAPI
import XiaoaJSON

/// `xiaoa-crypto body`: a ready request body for one endpoint.
struct Body: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a request body: public parameters, method parameters, passwords encrypted.",
        discussion: """
            The body is canonical JSON (RFC 8785). Passwords come from stdin by default (one line; for \
            assoc/update two lines: old, then new), or from --password-env / --password-file. \
            --format curl prints a shell command that pipes the body into curl (printf is a shell builtin, so \
            neither the domain key nor a ciphertext appears in the process list); nothing is ever sent. curl \
            exits 0 whatever the vendor answers (every answer is HTTP 200): check the answer's "code".

            Examples:
              echo 123456 | xiaoa-crypto body assoc/add --domain-key demo \\
                  --user-name xa --c-username c1
              xiaoa-crypto body assoc/login --domain-key demo --c-username c1 \\
                  --redirect yxrw
              printf 'old\\nnew\\n' | xiaoa-crypto body assoc/update --domain-key demo \\
                  --user-name xa --c-username c1
              echo 123456 | xiaoa-crypto body assoc/add --domain-key demo \\
                  --user-name xa --c-username c1 \\
                  --format curl --base-url http://127.0.0.1:8088
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable { case json, curl }

    @Argument(
        help: ArgumentHelp("The endpoint: assoc/add, assoc/login, assoc/delete or assoc/update.", valueName: "endpoint")
    )
    var endpointName: String

    @OptionGroup var domainKey: DomainKeyOptions

    @Option(help: "Unix time in seconds (default: now).")
    var timestamp: String?

    @Option(name: .customLong("user-name"), help: "The Xiao A user name (user_name).")
    var userName: String?

    @Option(name: .customLong("c-username"), help: "The customer-system user name (c_username).")
    var cUsername: String?

    @Option(help: "assoc/login: the target page, yxrw or thls (empty for the home page).")
    var redirect: String?

    @Flag(name: .customLong("password-stdin"), help: "Read the password(s) from stdin (the default).")
    var passwordStdin = false

    @Option(
        name: .customLong("password-env"),
        help: ArgumentHelp(
            "Read the password from this environment variable (assoc/update: the new one).", valueName: "name"))
    var passwordEnv: String?

    @Option(
        name: .customLong("old-password-env"),
        help: ArgumentHelp("assoc/update: read the old password from this environment variable.", valueName: "name"))
    var oldPasswordEnv: String?

    @Option(
        name: .customLong("password-file"),
        help: ArgumentHelp("Read the password(s) from this file, like stdin.", valueName: "path"))
    var passwordFile: String?

    @Option(help: "Output format.")
    var format: Format = .json

    @Option(name: .customLong("base-url"), help: "With --format curl: the API's base URL.")
    var baseURL: String?

    func validate() throws {
        guard let endpoint = Endpoint(name: endpointName) else {
            throw ValidationError(
                "unknown endpoint \(endpointName); expected one of "
                    + "\(Endpoint.allCases.map(\.rawValue).joined(separator: ", "))"
            )
        }
        if !domainKey.isGiven {
            throw ValidationError("missing --domain-key (or --domain-key-env / --domain-key-file)")
        }
        if format == .curl && baseURL == nil { throw ValidationError("--format curl needs --base-url URL") }
        let names = Set(endpoint.fields.map(\.name))
        if names.contains("user_name") && userName == nil {
            throw ValidationError("\(endpoint.rawValue) needs --user-name")
        }
        if endpoint != .login && cUsername == nil { throw ValidationError("\(endpoint.rawValue) needs --c-username") }
        if endpoint != .login && redirect != nil { throw ValidationError("--redirect belongs to assoc/login") }
        if endpoint == .login && userName != nil { throw ValidationError("assoc/login has no user name") }
        if (endpoint == .login) && (passwordEnv != nil || passwordFile != nil || passwordStdin || oldPasswordEnv != nil)
        {
            throw ValidationError("assoc/login takes no password")
        }
        if endpoint != .update && oldPasswordEnv != nil {
            throw ValidationError("--old-password-env belongs to assoc/update")
        }
        if passwordEnv != nil && passwordFile != nil {
            throw ValidationError("give --password-env or --password-file, not both")
        }
    }

    func run() throws {
        let endpoint = Endpoint(name: endpointName)!
        let key = try domainKey.resolve()
        let timestamp = self.timestamp ?? String(IO.now())
        try SignTimestamp.check(timestamp)
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
            let (old, new) = try updatePasswords()
            values["old_pwd"] = old
            values["new_pwd"] = new
        case .login:
            break
        }
        let body: JSONValue
        do {
            body = try RequestBody.build(endpoint: endpoint, timestamp: timestamp, domainKey: key, values: values)
        } catch {
            throw Failure.badData(error.description)
        }
        let json: String
        do { json = try JCS.canonicalString(body) } catch { throw Failure.badData(error.description) }
        let out = OutputBuffer()
        switch format {
        case .json:
            out.writeLine(json)
        case .curl:
            let base = baseURL!.hasSuffix("/") ? String(baseURL!.dropLast()) : baseURL!
            // The body goes to curl on stdin from the shell's builtin printf: on curl's command line the domain
            // key and the ciphertexts (readable by anyone who knows the vendor's fixed key) would sit in `ps`.
            out.writeLine(
                "printf '%s' \(Shell.quote(json)) | curl -sS -X POST \(Shell.quote(base + endpoint.path)) "
                    + "-H 'Accept: application/json' -H 'Content-Type: application/json;charset=utf-8' --data-binary @-"
            )
        }
    }

    /// Old and new password for assoc/update: environment variables, or two lines of stdin or the file.
    private func updatePasswords() throws(Failure) -> ([UInt8], [UInt8]) {
        if let oldPasswordEnv, let passwordEnv {
            return (
                Array(try SecretInput.fromEnvironment(oldPasswordEnv, what: "old password").utf8),
                Array(try SecretInput.fromEnvironment(passwordEnv, what: "new password").utf8)
            )
        }
        if oldPasswordEnv != nil || passwordEnv != nil {
            throw Failure.usage("assoc/update needs both --old-password-env and --password-env, or two lines on stdin")
        }
        let bytes: [UInt8]
        if let passwordFile {
            bytes = try IO.readFile(passwordFile, limit: 1 << 20)
        } else {
            bytes = try IO.readAll(0, limit: 1 << 20, what: "stdin")
        }
        var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line.last == UInt8(ascii: "\r") ? Array(line.dropLast()) : Array(line)
        }
        if lines.last?.isEmpty == true && bytes.last == UInt8(ascii: "\n") { lines.removeLast() }
        guard lines.count == 2 else {
            throw Failure.badData(
                "assoc/update reads two lines (old password, then new password), found \(lines.count)")
        }
        return (lines[0], lines[1])
    }
}
