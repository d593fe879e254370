import Foundation

/// The saved inputs of one fuzz target: `Fuzz/Crashes/<target>` (found by scripts/fuzz, or inputs that broke an
/// invariant until a bug was fixed) and `Fuzz/Regressions/<target>` (hand-made tricky cases).
public enum FuzzInputs {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Tests/XiaoaTestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // package root
        .appendingPathComponent("Fuzz")

    /// `Crashes/<target>/<file>` and `Regressions/<target>/<file>`, sorted; called while building test arguments.
    public static func names(_ target: String) -> [String] {
        ["Crashes", "Regressions"].flatMap { folder in
            let directory = root.appendingPathComponent(folder).appendingPathComponent(target)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
            return files.filter { !$0.hasPrefix(".") }.sorted().map { "\(folder)/\(target)/\($0)" }
        }
    }

    /// The bytes of a saved input named as ``names(_:)`` names it.
    public static func bytes(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    }
}
