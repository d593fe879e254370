import XiaoaCipher
import XiaoaLocalization
import XiaoaSigning

#if canImport(Glibc)
    import Glibc
#endif

/// The commonest one-shot invocations, handled before swift-argument-parser is touched.
///
/// Scripts run `xiaoa-crypto sign` once per request, so start-up is the cost that matters there, and most of
/// it is swift-argument-parser's reflection: its first protocol-conformance lookups scan every conformance
/// record in the binary (measured with callgrind: about 40% of a one-shot `sign`). This path recognises only
/// the plainest forms of `sign`, `encrypt` and `decrypt` — every option at most once, no value that starts
/// with `-`, nothing it does not know — and otherwise returns false so the full parser runs (and gives the
/// usual help and errors). Both paths call the same command code after parsing; tests compare their output
/// on many argument lists (`XIAOA_NO_FAST_PATH=1` turns this path off).
enum FastPath {
    /// Runs the command when `arguments` (without the program name) is one of the plain forms; returns
    /// whether it did. Failures are thrown exactly as the commands throw them.
    static func run(_ arguments: ArraySlice<String>) throws(Failure) -> Bool {
        guard getenv("XIAOA_NO_FAST_PATH") == nil, let command = arguments.first else { return false }
        let rest = arguments.dropFirst()
        switch command {
        case "sign":
            guard let options = parseOptions(rest, allowed: ["--domain-key", "--timestamp", "--format", "--lang"]),
                let key = options["--domain-key"],
                options["--format"] == nil || options["--format"] == "text",
                options["--lang"].map({ Language(argument: $0) != nil }) ?? true
            else { return false }
            try Sign.runText(domainKey: key, timestamp: options["--timestamp"])
            return true
        case "encrypt", "decrypt":
            guard rest.count <= 1, !(rest.first?.hasPrefix("-") ?? false) else { return false }
            if command == "encrypt" {
                try Encrypt.runPlain(text: rest.first)
            } else {
                try Decrypt.runPlain(base64: rest.first)
            }
            return true
        default:
            return false
        }
    }

    /// `--name value` and `--name=value` pairs, each name at most once and from `allowed`; nil otherwise.
    private static func parseOptions(_ arguments: ArraySlice<String>, allowed: Set<String>) -> [String: String]? {
        var options: [String: String] = [:]
        var index = arguments.startIndex
        while index < arguments.endIndex {
            let argument = arguments[index]
            let name: String
            let value: String
            if let equals = argument.firstIndex(of: "=") {
                name = String(argument[..<equals])
                value = String(argument[argument.index(after: equals)...])
                index += 1
            } else {
                guard index + 1 < arguments.endIndex else { return nil }
                name = argument
                value = arguments[index + 1]
                guard !value.hasPrefix("-") else { return nil }
                index += 2
            }
            guard allowed.contains(name), options[name] == nil else { return nil }
            options[name] = value
        }
        return options
    }
}
