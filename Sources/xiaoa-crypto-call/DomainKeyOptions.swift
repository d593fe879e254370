import ArgumentParser
import XiaoaAPI
import XiaoaCommandLine

/// `--domain-key`, `--domain-key-env`, `--domain-key-file`: the same options and rules as the main tool's
/// (Sources/xiaoa-crypto/Support/Options.swift, which this binary does not link).
struct CallDomainKeyOptions: ParsableArguments {
    @Option(name: .customLong("domain-key"), help: "The domain key.")
    var domainKey: String?

    @Option(
        name: .customLong("domain-key-env"),
        help: ArgumentHelp("Read the domain key from this environment variable.", valueName: "name"))
    var domainKeyEnv: String?

    @Option(
        name: .customLong("domain-key-file"),
        help: ArgumentHelp("Read the domain key from the first line of this file.", valueName: "path"))
    var domainKeyFile: String?

    func validate() throws {
        let given = [domainKey != nil, domainKeyEnv != nil, domainKeyFile != nil].filter { $0 }.count
        if given > 1 { throw ValidationError("give one of --domain-key, --domain-key-env, --domain-key-file") }
    }

    var isGiven: Bool { domainKey != nil || domainKeyEnv != nil || domainKeyFile != nil }

    /// The domain key from whichever source was given; an empty one is bad input (exit 65).
    func resolve() throws(Failure) -> String {
        let key: String
        if let domainKey {
            key = domainKey
        } else if let domainKeyEnv {
            key = try SecretInput.fromEnvironment(domainKeyEnv, what: "domain key")
        } else if let domainKeyFile {
            key = try SecretInput.firstLine(ofFile: domainKeyFile, what: "domain key")
        } else {
            throw Failure.usage("missing the domain key")
        }
        let source = domainKeyEnv.map { "$\($0)" } ?? domainKeyFile ?? "--domain-key"
        if let warning = DomainKeyRule.whitespaceWarning(key, source: source) { IO.printError("warning: \(warning)") }
        if let problem = DomainKeyRule.problem(key) { throw Failure.badData(problem.message, hints: problem.hints) }
        return key
    }
}
