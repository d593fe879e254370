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

    @OptionGroup var endpointArgument: EndpointArgument

    @OptionGroup var domainKey: DomainKeyOptions

    @Option(help: "Unix time in seconds (default: now).")
    var timestamp: String?

    @OptionGroup var fields: RequestFieldOptions

    @Option(help: "Output format.")
    var format: Format = .json

    @Option(name: .customLong("base-url"), help: "With --format curl: the API's base URL.")
    var baseURL: String?

    @OptionGroup var language: LanguageOptions

    func validate() throws {
        let endpoint = endpointArgument.endpoint
        if !domainKey.isGiven {
            throw ValidationError("missing --domain-key (or --domain-key-env / --domain-key-file)")
        }
        if format == .curl && baseURL == nil { throw ValidationError("--format curl needs --base-url URL") }
        try fields.validate(for: endpoint)
    }

    func run() throws {
        let endpoint = endpointArgument.endpoint
        let key = try domainKey.resolve()
        let timestamp = self.timestamp ?? String(IO.now())
        try SignTimestamp.check(timestamp)
        let values = try fields.values(for: endpoint)
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
}
