/// The languages of the tool's messages: English (the source text) and Simplified Chinese.
///
/// The language is chosen once per run (``resolve(option:environment:)``: `--lang`, then `XIAOA_LANG`, then the
/// locale) or per HTTP request (``preferred(acceptLanguage:)``). Ids, JSON keys, exit codes, the `error:`,
/// `hint:` and `warning:` prefixes and the vendor's own messages never change with it.
///
/// ```swift
/// Language(parsing: "zh_CN.UTF-8")                               // .zhHans
/// Language.preferred(acceptLanguage: "en;q=0.5, zh-CN")          // .zhHans
/// Language.resolve(option: nil, in: ["LANG": "zh_CN.UTF-8"])           // .zhHans
/// ```
public enum Language: String, Sendable, CaseIterable, CustomStringConvertible {
    /// English: the messages as written in the source; translating to it changes nothing.
    case en = "en"
    /// Simplified Chinese.
    case zhHans = "zh-Hans"

    /// The BCP 47 tag: `en` or `zh-Hans` (the value of `--lang` and of the JSON `lang` member).
    public var description: String { rawValue }

    /// The language a tag or locale name asks for: `en`, `en-US`, `C`, `POSIX` → English; `zh`, `zh-Hans`,
    /// `zh-CN`, `zh_CN.UTF-8`, `zh-Hans-CN` (any tag of the `zh` language) → Simplified Chinese, the only Chinese
    /// there is; nil for anything else (`fr`, `de_DE.UTF-8`, an empty text).
    public init?(parsing text: some StringProtocol) {
        // The language subtag: what comes before `-`, `_`, `.` or `@` (`zh_CN.UTF-8@pinyin` → `zh`).
        let subtag = text.prefix { $0 != "-" && $0 != "_" && $0 != "." && $0 != "@" }.lowercased()
        switch subtag {
        case "zh": self = .zhHans
        case "en", "c", "posix": self = .en
        default: return nil
        }
    }

    /// The environment variables read, in order, when `--lang` is not given.
    public static let environmentVariables = ["XIAOA_LANG", "LC_ALL", "LC_MESSAGES", "LANG"]

    /// The language of a run: `option` (`--lang`) when given, else `XIAOA_LANG` when it names a language, else
    /// the locale (the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty, POSIX's order):
    /// Simplified Chinese when it begins with `zh`, English otherwise.
    public static func resolve(option: Language?, environment: (String) -> String?) -> Language {
        if let option { return option }
        if let value = environment("XIAOA_LANG"), let language = Language(parsing: value) { return language }
        for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment(name), !value.isEmpty else { continue }
            return value.hasPrefix("zh") ? .zhHans : .en
        }
        return .en
    }

    /// ``resolve(option:environment:)`` over a dictionary (tests, a child's environment).
    public static func resolve(option: Language?, in environment: [String: String]) -> Language {
        resolve(option: option) { environment[$0] }
    }

    /// The language an HTTP `Accept-Language` header prefers among those we have: the highest `q` (1 when
    /// absent; `q=0` refuses), the first listed on a tie; nil when it names none of them (`*` included), so the
    /// server's own language applies.
    public static func preferred(acceptLanguage header: some StringProtocol) -> Language? {
        var best: (language: Language, quality: Double)?
        for item in String(header).split(separator: ",") {
            let parts = item.split(separator: ";")
            guard let tag = parts.first?.trimmingSpaces, let language = Language(parsing: tag) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() {
                let pair = parameter.trimmingSpaces
                guard pair.hasPrefix("q=") || pair.hasPrefix("Q=") else { continue }
                quality = Double(pair.dropFirst(2)) ?? 0
            }
            guard quality > 0, quality > (best?.quality ?? 0) else { continue }
            best = (language, quality)
        }
        return best?.language
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        guard let first = firstIndex(where: { $0 != " " && $0 != "\t" }),
            let last = lastIndex(where: { $0 != " " && $0 != "\t" })
        else { return "" }
        return self[first...last]
    }
}
