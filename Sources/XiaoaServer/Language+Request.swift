internal import Hummingbird
internal import XiaoaLocalization

extension Language {
    /// The language to answer `request` in: the one its `Accept-Language` prefers among ours, else `fallback`
    /// (the server's `--lang`).
    static func of(_ request: Request, default fallback: Language) -> Language {
        let header = request.headers[values: .acceptLanguage].joined(separator: ",")
        return Language.preferred(acceptLanguage: header) ?? fallback
    }
}
