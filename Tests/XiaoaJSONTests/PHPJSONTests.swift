// PHP json_encode style, against outputs PHP itself printed (Vectors/jcs/php-style.json).

import Foundation
import Testing
import XiaoaJSON

/// `Vectors/jcs/php-style.json`.
struct PHPStyleVectors: Decodable {
    struct Vector: Decodable, CustomTestStringConvertible, Sendable {
        var name: String
        var input: String
        var expected: String?
        var phpError: String?
        var partialOutput: String?
        var testDescription: String { name }

        enum CodingKeys: String, CodingKey {
            case name, input, expected
            case phpError = "php_error"
            case partialOutput = "partial_output"
        }
    }
    var description: String
    var phpVersion: String
    var vectors: [Vector]

    enum CodingKeys: String, CodingKey {
        case description, vectors
        case phpVersion = "php_version"
    }

    static let file: PHPStyleVectors? = {
        guard let data = try? Data(contentsOf: VectorFiles.url("jcs/php-style.json")) else { return nil }
        return try? JSONDecoder().decode(PHPStyleVectors.self, from: data)
    }()
}

@Suite("PHP json_encode style")
struct PHPJSONTests {
    @Test("php-style.json loads")
    func loads() throws {
        let file = try #require(PHPStyleVectors.file)
        #expect(file.vectors.count >= 100)
    }

    @Test("encode matches PHP's output byte for byte", arguments: PHPStyleVectors.file?.vectors ?? [])
    func matchesPHP(_ vector: PHPStyleVectors.Vector) throws {
        let value = try JSONParser.parse(vector.input)
        let ours = String(decoding: PHPJSON.encode(value), as: UTF8.self)
        if let expected = vector.expected {
            #expect(ours == expected)
        } else {
            // PHP refuses (INF); we print what JSON_PARTIAL_OUTPUT_ON_ERROR prints.
            #expect(vector.phpError != nil)
            #expect(ours == vector.partialOutput)
        }
    }

    @Test("escaping rules")
    func escaping() {
        let value: JSONValue = ["a/b": "é😀\u{7F}\u{01}\n\"\\<>&'"]
        #expect(
            String(decoding: PHPJSON.encode(value), as: UTF8.self)
                == #"{"a\/b":"\u00e9\ud83d\ude00\#u{7F}\u0001\n\"\\<>&'"}"#)
    }
}
