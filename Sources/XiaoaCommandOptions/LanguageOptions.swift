public import ArgumentParser
public import XiaoaLocalization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// `--lang en|zh-Hans`: the language of the messages, on every command.
///
/// `main` reads it before parsing (``LanguageOptions/scan(_:)``), so that a usage error is in the chosen
/// language too; this group shows it in help and rejects a value that names no language (exit 64).
public struct LanguageOptions: ParsableArguments {
    public init() {}

    @Option(
        name: .customLong("lang"),
        help: ArgumentHelp(
            "The language of messages, hints and JSON texts (default: $XIAOA_LANG, else the locale).",
            valueName: "language"))
    public var lang: Language?

    /// The value of the last `--lang V` or `--lang=V` in `arguments` (before a `--`): the language, `.invalid`
    /// when it names none (the parser then reports it), or nil when there is none.
    public static func scan(_ arguments: some Collection<String>) -> Scan? {
        var found: Scan?
        var iterator = arguments.makeIterator()
        while let argument = iterator.next() {
            if argument == "--" { break }
            let value: String?
            if argument == "--lang" {
                value = iterator.next()
            } else if argument.hasPrefix("--lang=") {
                value = String(argument.dropFirst("--lang=".count))
            } else {
                continue
            }
            found = value.flatMap(Language.init(argument:)).map(Scan.language) ?? .invalid
        }
        return found
    }

    /// The language of a run with `arguments` (without the program name): a valid `--lang`, else `XIAOA_LANG`,
    /// else the locale (``Language/resolve(option:environment:)``). `main` calls it before anything is parsed.
    public static func resolve(_ arguments: some Collection<String>) -> Language {
        var option: Language?
        if case .language(let language) = scan(arguments) { option = language }
        return Language.resolve(option: option) { name in getenv(name).map { String(cString: $0) } }
    }

    /// What ``scan(_:)`` found.
    public enum Scan: Equatable, Sendable {
        case language(Language)
        case invalid
    }
}

extension Language: ExpressibleByArgument {
    /// `en` or `zh-Hans`, and the other spellings of them that ``Language/init(parsing:)`` reads (`zh`, `zh-CN`,
    /// `zh_CN.UTF-8`, `en-US`).
    public init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        self.init(parsing: argument)
    }

    public static var allValueStrings: [String] { allCases.map(\.rawValue) }
}
