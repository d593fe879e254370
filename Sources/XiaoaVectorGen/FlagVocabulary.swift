import XiaoaJSON

/// One flag of a vector file and the note that explains it (Wycheproof's `notes` entry).
public struct FlagNote: Sendable, Equatable {
    public let flag: String
    /// Wycheproof's bug type (`EDGE_CASE`, `WRONG_RESULT`, …); for requests, the answer code's name.
    public let bugType: String
    public let description: String
}

/// The flags and notes of `Vectors/schemas/flags.json`, the one vocabulary that the Python generators read too.
///
/// The file is embedded at build time (a SwiftPM resource with `.embedInCode`), so an installed binary needs no
/// repository beside it.
public enum FlagVocabulary {
    /// Every flag of every schema, as the embedded file lists them.
    public static let all: [String: [FlagNote]] = {
        // Cannot fail unless the embedded file is broken, which the unit tests would report first.
        guard let root = try? JSONParser.parse(PackageResources.flags_json),
            let schemas = root["flags"]?.object
        else {
            preconditionFailure("the embedded Vectors/schemas/flags.json is not a flag vocabulary")
        }
        var result: [String: [FlagNote]] = [:]
        for schema in schemas.members {
            result[schema.key] = (schema.value.object?.members ?? []).map { member in
                FlagNote(
                    flag: member.key, bugType: member.value["bugType"]?.string ?? "",
                    description: member.value["description"]?.string ?? "")
            }
        }
        return result
    }()

    /// The notes of `flags` in the vocabulary of `schema`, in the order of `flags`.
    ///
    /// - Precondition: every flag is in the vocabulary (a generator that sets an unknown flag is a bug).
    public static func notes(schema: String, flags: [String]) -> [FlagNote] {
        let known = all[schema] ?? []
        return flags.map { flag in
            guard let note = known.first(where: { $0.flag == flag }) else {
                preconditionFailure("flag \(flag) is not in the \(schema) vocabulary of Vectors/schemas/flags.json")
            }
            return note
        }
    }
}
