// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "xiaoa-crypto",
    products: [
        .executable(name: "xiaoa-crypto", targets: ["xiaoa-crypto"]),
        .library(name: "XiaoaPrimitives", targets: ["XiaoaPrimitives"]),
        .library(name: "XiaoaSigning", targets: ["XiaoaSigning"]),
        .library(name: "XiaoaCipher", targets: ["XiaoaCipher"]),
        .library(name: "XiaoaJSON", targets: ["XiaoaJSON"]),
        .library(name: "XiaoaVectors", targets: ["XiaoaVectors"]),
        .library(name: "XiaoaVectorGen", targets: ["XiaoaVectorGen"]),
        .library(name: "XiaoaLocalization", targets: ["XiaoaLocalization"]),
        .library(name: "XiaoaAPI", targets: ["XiaoaAPI"]),
        .library(name: "XiaoaCapture", targets: ["XiaoaCapture"]),
        .library(name: "XiaoaServer", targets: ["XiaoaServer"]),
        .library(name: "XiaoaProxy", targets: ["XiaoaProxy"]),
        .executable(name: "xiaoa-crypto-serve", targets: ["xiaoa-crypto-serve"]),
        .library(name: "XiaoaClient", targets: ["XiaoaClient"]),
        .executable(name: "xiaoa-crypto-call", targets: ["xiaoa-crypto-call"]),
        // For the fuzz package (Fuzz/Package.swift), which depends on this one by path.
        .library(name: "XiaoaPropertyChecks", targets: ["XiaoaPropertyChecks"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/swift-extras/swift-extras-base64", from: "1.2.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // `swift package generate-documentation` for the DocC catalogs (scripts/build-docs); no code depends on it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // libcrypto (OpenSSL 3) through its EVP API: a module map and a header, no logic.
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // MD5, AES-128-CBC, PBKDF2 and hex/constant-time helpers over libcrypto; no C types in public API.
        .target(name: "XiaoaPrimitives", dependencies: ["COpenSSL"]),
        // The request sign: substr(md5(md5(timestamp . domain_key)), 8, 10).
        .target(name: "XiaoaSigning", dependencies: ["XiaoaPrimitives"]),
        // The password cipher: AES-128-CBC/PKCS#7 with the vendor's key and IV, standard base64.
        .target(
            name: "XiaoaCipher",
            dependencies: [
                "XiaoaPrimitives",
                .product(name: "ExtrasBase64", package: "swift-extras-base64"),
            ]
        ),
        // Strict JSON parser, RFC 8785 serializer and PHP json_encode style (pure Swift).
        .target(name: "XiaoaJSON"),
        // The messages in English and Simplified Chinese: the language of a run or a request, and one catalogue
        // of every message's translation, compiled in (no resource bundle, no dependency).
        .target(name: "XiaoaLocalization"),
        // The API's rules: error codes, endpoints and fields, body builder, request verifier.
        .target(
            name: "XiaoaAPI",
            dependencies: ["XiaoaSigning", "XiaoaCipher", "XiaoaJSON", "XiaoaPrimitives", "XiaoaLocalization"]),
        // Recorded traffic (HAR 1.2) judged by the API's rules: what each request earns, what it was answered.
        .target(name: "XiaoaCapture", dependencies: ["XiaoaAPI", "XiaoaJSON", "XiaoaCipher"]),
        // Loading and checking the vector files of Vectors/.
        .target(
            name: "XiaoaVectors",
            dependencies: ["XiaoaSigning", "XiaoaCipher", "XiaoaPrimitives", "XiaoaJSON", "XiaoaAPI"]),
        // Generated vector files for cross-language checks: seeded PRNG, text pieces, case writers, corruptions.
        .target(
            name: "XiaoaVectorGen",
            dependencies: ["XiaoaSigning", "XiaoaCipher", "XiaoaJSON", "XiaoaPrimitives"],
            resources: [.embedInCode("Resources/flags.json")]
        ),
        // Command-line plumbing of both binaries: streams, the line reader, the batch pipeline, failures and exit
        // codes, secret input. Not a product: the tools' own code, shared with the fuzz targets.
        .target(name: "XiaoaCommandLine", dependencies: ["XiaoaLocalization"]),
        // ArgumentParser option groups shared by the tools: the domain key, a request's fields and passwords.
        .target(
            name: "XiaoaCommandOptions",
            dependencies: [
                "XiaoaCommandLine", "XiaoaAPI", .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "xiaoa-crypto",
            dependencies: [
                "XiaoaSigning", "XiaoaCipher", "XiaoaJSON", "XiaoaVectors", "XiaoaPrimitives", "XiaoaAPI",
                "XiaoaVectorGen", "XiaoaCommandLine", "XiaoaCommandOptions", "XiaoaCapture",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The stand-in server (serve): Hummingbird routes over the API's rules, SQLite through GRDB.
        .target(
            name: "XiaoaServer",
            dependencies: [
                "XiaoaAPI", "XiaoaSigning", "XiaoaCipher", "XiaoaJSON", "XiaoaPrimitives", "XiaoaCommandLine",
                "XiaoaCapture", "XiaoaLocalization",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            // The console page as real files, compiled into the binary: nothing is looked up at run time.
            resources: [
                .embedInCode("Resources/console/index.html"),
                .embedInCode("Resources/console/app.css"),
                .embedInCode("Resources/console/app.js"),
                .embedInCode("Resources/console/i18n.js"),
            ]
        ),
        // The debugging proxy (proxy): forwards to the vendor or the stand-in over AsyncHTTPClient, checks API calls
        // with XiaoaCapture's rules, logs them as the stand-in does and records a HAR file.
        .target(
            name: "XiaoaProxy",
            dependencies: [
                "XiaoaServer", "XiaoaCapture", "XiaoaAPI", "XiaoaJSON", "XiaoaCommandLine",
                "XiaoaLocalization", .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // The server's own binary: `xiaoa-crypto serve` and `xiaoa-crypto proxy` execute it, so the main tool never
        // loads Hummingbird, GRDB or AsyncHTTPClient.
        .executableTarget(
            name: "xiaoa-crypto-serve",
            dependencies: [
                "XiaoaServer", "XiaoaProxy", "XiaoaAPI", "XiaoaCommandLine", "XiaoaCommandOptions", "XiaoaLocalization",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // A client of the API for Swift programs: signs, encrypts, sends the canonical body over AsyncHTTPClient.
        .target(
            name: "XiaoaClient",
            dependencies: [
                "XiaoaAPI", "XiaoaSigning", "XiaoaCipher", "XiaoaJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
            ]
        ),
        // `xiaoa-crypto call`: a binary of its own, so the main tool never loads the HTTP client.
        .executableTarget(
            name: "xiaoa-crypto-call",
            dependencies: [
                "XiaoaClient", "XiaoaAPI", "XiaoaJSON", "XiaoaCommandLine", "XiaoaCommandOptions", "XiaoaLocalization",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The properties the fuzz targets check on every input and the regression tests replay on every saved one.
        .target(
            name: "XiaoaPropertyChecks",
            dependencies: ["XiaoaAPI", "XiaoaSigning", "XiaoaCipher", "XiaoaJSON", "XiaoaCommandLine"]
        ),
        // Helpers shared by the test targets (a seeded generator, the saved fuzz inputs); not a product.
        .target(name: "XiaoaTestSupport", path: "Tests/XiaoaTestSupport"),
        .testTarget(name: "XiaoaPrimitivesTests", dependencies: ["XiaoaPrimitives", "XiaoaVectors", "XiaoaJSON"]),
        .testTarget(
            name: "XiaoaSigningTests", dependencies: ["XiaoaTestSupport", "XiaoaSigning", "XiaoaVectors", "XiaoaJSON"]),
        .testTarget(
            name: "XiaoaCipherTests",
            dependencies: ["XiaoaTestSupport", "XiaoaPropertyChecks", "XiaoaCipher", "XiaoaVectors", "XiaoaJSON"]),
        .testTarget(
            name: "XiaoaJSONTests",
            dependencies: ["XiaoaTestSupport", "XiaoaPropertyChecks", "XiaoaJSON", "XiaoaPrimitives"]),
        .testTarget(
            name: "XiaoaAPITests",
            dependencies: [
                "XiaoaTestSupport", "XiaoaPropertyChecks", "XiaoaAPI", "XiaoaJSON", "XiaoaVectors", "XiaoaSigning",
                "XiaoaCipher", "XiaoaPrimitives",
            ]),
        .testTarget(
            name: "XiaoaCaptureTests", dependencies: ["XiaoaCapture", "XiaoaAPI", "XiaoaJSON", "XiaoaSigning"]),
        .testTarget(name: "XiaoaVectorGenTests", dependencies: ["XiaoaVectorGen", "XiaoaJSON", "XiaoaSigning"]),
        .testTarget(
            name: "XiaoaLocalizationTests",
            dependencies: [
                "XiaoaLocalization", "XiaoaAPI", "XiaoaJSON", "XiaoaVectors", "XiaoaCapture", "XiaoaSigning",
                "XiaoaCommandLine",
            ]),
        .testTarget(
            name: "CLITests",
            dependencies: ["xiaoa-crypto", "XiaoaTestSupport", "XiaoaPropertyChecks", "XiaoaLocalization"]),
        .testTarget(
            name: "XiaoaCommandLineTests",
            dependencies: ["XiaoaCommandLine", "XiaoaPropertyChecks", "XiaoaTestSupport"]
        ),
        .testTarget(
            name: "XiaoaServerTests",
            dependencies: [
                "XiaoaServer", "XiaoaAPI", "XiaoaSigning", "XiaoaCipher", "XiaoaJSON", "XiaoaPrimitives",
                "XiaoaLocalization",
                "XiaoaCapture",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
        // The real proxy binary in front of the real stand-in (the binaries beside the test bundle).
        .testTarget(
            name: "XiaoaProxyTests",
            dependencies: ["XiaoaAPI", "XiaoaCapture", "XiaoaJSON"]
        ),
        .testTarget(
            name: "XiaoaClientTests",
            dependencies: [
                "XiaoaClient", "XiaoaServer", "XiaoaAPI", "XiaoaJSON",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
