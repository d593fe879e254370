/// English messages and their translations: the one place a message's Chinese text lives.
///
/// gettext-style: the key (msgid) is the English text exactly as the code writes it. An entry is either a
/// whole message (`"sign mismatch"`) or a template with numbered placeholders that the translation may reorder:
///
/// - `{0}` matches any non-empty text and is copied unchanged (a value, an offset, a file name, code);
/// - `{0:t}` matches only a text that is itself a message of the catalogue, and is translated (a message nested
///   in another one: `line {0}: {1:t}`, or a word such as `domain key` inside a sentence).
///
/// The Chinese side names the same placeholders, plainly (`{1}`), in the order Chinese wants them. A text is
/// translated by an exact lookup, else by the first template that matches the *whole* text (placeholders match
/// as little as they can, backtracking); a text that nothing matches is left as it is. English is the identity
/// and costs nothing.
///
/// ```swift
/// Catalogue.translate("sign mismatch", to: .zhHans)               // "sign 不匹配"
/// Catalogue.translate("line 2: sign mismatch", to: .zhHans)       // "第 2 行：sign 不匹配"
/// Catalogue.translation(of: "no such message", to: .zhHans)       // nil: not in the catalogue
/// ```
public enum Catalogue {
    /// `text` in `language`; unchanged when it is English or when the catalogue has no entry that matches it.
    public static func translate(_ text: String, to language: Language) -> String {
        guard language != .en else { return text }
        return translation(of: text, to: language) ?? text
    }

    /// `text` in `language`, or nil when no entry of the catalogue matches it (for tests: "translated" means
    /// this is not nil). English: `text` itself.
    public static func translation(of text: String, to language: Language) -> String? {
        guard language != .en else { return text }
        var memo: [String: String?] = [:]
        return lookup(text, &memo)
    }

    /// The translation of `text`, remembering every text tried on the way: a `{0:t}` placeholder tries the
    /// pieces between its literals, and without `memo` a long text that no entry knows (many `, `) would be
    /// split in exponentially many ways.
    static func lookup(_ text: String, _ memo: inout [String: String?]) -> String? {
        if let exact = compiled.exact[text] { return exact }
        if let known = memo[text] { return known }
        memo[text] = .some(nil)
        let bytes = Array(text.utf8)
        var result: String?
        for template in compiled.templates {
            if let captures = template.match(bytes, translate: { lookup($0, &memo) }) {
                result = template.render(captures)
                break
            }
        }
        memo[text] = .some(result)
        return result
    }

    /// The English side of every entry that matches `text` as a whole (exact or template): one for a text the
    /// catalogue knows, none for one it does not; more than one would be a collision.
    public static func entriesMatching(_ text: String) -> [String] {
        var found: [String] = compiled.exact[text] == nil ? [] : [text]
        let bytes = Array(text.utf8)
        var memo: [String: String?] = [:]
        for template in compiled.templates where template.match(bytes, translate: { lookup($0, &memo) }) != nil {
            found.append(template.english)
        }
        return found
    }

    /// Every entry, English → Simplified Chinese, in catalogue order.
    public static var entries: [(english: String, chinese: String)] { allEntries }

    /// The entries of every area of the tool.
    static let allEntries: [(english: String, chinese: String)] =
        Messages.words + Messages.findings + Messages.server + Messages.capture + Messages.request + Messages.console
        + Messages.cipher
        + Messages.commandLine + Messages.parser + Messages.joined

    static let compiled = Compiled(allEntries)

    /// The placeholders of a template side, in order of appearance: `{1}`, `{0:t}` → `[1, 0]`.
    public static func placeholders(in text: String) -> [Int] {
        Template.parse(text).compactMap { if case .placeholder(let index, _) = $0 { index } else { nil } }
    }
}

/// The catalogue ready for look-ups: whole messages in a dictionary, templates in order.
struct Compiled: Sendable {
    var exact: [String: String] = [:]
    var templates: [Template] = []

    init(_ entries: [(english: String, chinese: String)]) {
        for (english, chinese) in entries {
            let template = Template(english: english, chinese: chinese)
            if template.isPlain {
                exact[english] = chinese
            } else {
                templates.append(template)
            }
        }
    }
}

/// One template: the English pattern and the Chinese text it becomes.
struct Template: Sendable {
    enum Piece: Sendable, Equatable {
        case literal([UInt8])
        case placeholder(Int, translated: Bool)
    }

    let english: String
    let pattern: [Piece]
    let output: [Piece]
    let prefix: [UInt8]
    let suffix: [UInt8]

    init(english: String, chinese: String) {
        self.english = english
        pattern = Self.parse(english)
        output = Self.parse(chinese)
        if case .literal(let first) = pattern.first { prefix = first } else { prefix = [] }
        if case .literal(let last) = pattern.last, pattern.count > 1 { suffix = last } else { suffix = [] }
    }

    /// Whether the English side has no placeholder (an exact entry).
    var isPlain: Bool { !pattern.contains { if case .placeholder = $0 { true } else { false } } }

    /// `literal{0}literal{1:t}` as pieces. A brace that does not open a placeholder is literal text.
    static func parse(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        var literal: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "{"), let (piece, end) = placeholder(bytes, at: index) {
                if !literal.isEmpty { pieces.append(.literal(literal)) }
                literal = []
                pieces.append(piece)
                index = end
            } else {
                literal.append(bytes[index])
                index += 1
            }
        }
        if !literal.isEmpty { pieces.append(.literal(literal)) }
        return pieces
    }

    /// `{N}` or `{N:t}` at `start`: the piece and the index after it.
    private static func placeholder(_ bytes: [UInt8], at start: Int) -> (Piece, Int)? {
        var index = start + 1
        var number = 0
        var digits = 0
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
            number = number * 10 + Int(bytes[index] - 0x30)
            digits += 1
            index += 1
        }
        guard digits > 0, index < bytes.count else { return nil }
        if bytes[index] == UInt8(ascii: "}") { return (.placeholder(number, translated: false), index + 1) }
        let flag = Array(":t}".utf8)
        guard index + 3 <= bytes.count, Array(bytes[index..<index + 3]) == flag else { return nil }
        return (.placeholder(number, translated: true), index + 3)
    }

    /// The placeholders' texts when `text` is this template as a whole (translated where the template says
    /// so), or nil.
    func match(_ text: [UInt8], translate: (String) -> String?) -> [Int: String]? {
        guard text.count >= prefix.count + suffix.count, text.starts(with: prefix), text.ends(with: suffix) else {
            return nil
        }
        var captures: [Int: String] = [:]
        return match(text, piece: 0, at: 0, &captures, translate) ? captures : nil
    }

    private func match(
        _ text: [UInt8], piece: Int, at position: Int, _ captures: inout [Int: String],
        _ translate: (String) -> String?
    ) -> Bool {
        guard piece < pattern.count else { return position == text.count }
        switch pattern[piece] {
        case .literal(let literal):
            guard text.count - position >= literal.count,
                text[position..<position + literal.count].elementsEqual(literal)
            else { return false }
            return match(text, piece: piece + 1, at: position + literal.count, &captures, translate)
        case .placeholder(let number, let translated):
            // The shortest text first; the next literal (or the end) decides where the placeholder may stop.
            var ends: [Int] = []
            if piece + 1 == pattern.count {
                ends = position < text.count ? [text.count] : []
            } else if case .literal(let next) = pattern[piece + 1], let first = next.first {
                var end = position + 1
                while end + next.count <= text.count {
                    if text[end] == first, text[end..<end + next.count].elementsEqual(next) { ends.append(end) }
                    end += 1
                }
            }
            for end in ends {
                let value = String(decoding: text[position..<end], as: UTF8.self)
                if translated {
                    guard let inner = translate(value) else { continue }
                    captures[number] = inner
                } else {
                    captures[number] = value
                }
                if match(text, piece: piece + 1, at: end, &captures, translate) { return true }
            }
            captures[number] = nil
            return false
        }
    }

    func render(_ captures: [Int: String]) -> String {
        var bytes: [UInt8] = []
        for piece in output {
            switch piece {
            case .literal(let literal): bytes += literal
            case .placeholder(let number, _): bytes += Array((captures[number] ?? "").utf8)
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with suffix: [UInt8]) -> Bool {
        count >= suffix.count && self[(count - suffix.count)...].elementsEqual(suffix)
    }
}
