// swift-tools-version:6.1
// The package layers the pipeline so that the compiler enforces it:
//   RubricSyntax     source text -> tokens -> syntax tree, with diagnostics
//   RubricSemantics  syntax tree -> resolved, typed tree (names, types, recursion, limits), and
//                    the analyses `check` runs on it (ranges, cost bound, lints)
//   Rubric           typed tree -> bytecode -> VM, with the builtins the VM calls on its hot path
//   RubricServer     the HTTP reward server (`rubric serve`); the only target that knows about HTTP
//   rubric           the command-line tool; the only target that knows about argument parsing
//   RubricC          the C interface (include/rubric.h), built as the shared library rubric_c
import PackageDescription

let package = Package(
    name: "Rubric",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Rubric", targets: ["Rubric"]),
        .executable(name: "rubric", targets: ["rubric"]),
        .library(name: "rubric_c", type: .dynamic, targets: ["RubricC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The server: without its default traits, which pull in swift-configuration and full
        // Foundation that Rubric does not use.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
    ],
    targets: [
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8",
                       providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CYAML", pkgConfig: "yaml-0.1",
                       providers: [.apt(["libyaml-dev"])]),
        .target(name: "CSupport"),
        // Line editing and history for `rubric repl`; only the executable links it.
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit",
                       providers: [.apt(["libedit-dev"])]),
        .target(name: "RubricSyntax"),
        .target(name: "RubricSemantics", dependencies: [
            "RubricSyntax",
            .product(name: "OrderedCollections", package: "swift-collections"),
        ]),
        .target(name: "Rubric", dependencies: [
            "RubricSyntax", "RubricSemantics", "CPCRE2", "CYAML", "CSupport",
            .product(name: "OrderedCollections", package: "swift-collections"),
        ]),
        .target(name: "RubricServer", dependencies: [
            "Rubric", "RubricSyntax",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "OrderedCollections", package: "swift-collections"),
            .product(name: "DequeModule", package: "swift-collections"),
        ]),
        .executableTarget(name: "rubric", dependencies: [
            "Rubric", "RubricSyntax", "RubricSemantics", "RubricServer", "CEditLine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The C interface over the library; include/rubric.h is its hand-written header.
        .target(name: "RubricC", dependencies: [
            "Rubric", "RubricSyntax",
            .product(name: "OrderedCollections", package: "swift-collections"),
        ], exclude: ["include"]),
        .executableTarget(name: "rubric-bench", dependencies: ["Rubric"],
                          path: "Benchmarks/RubricBench"),
        .testTarget(name: "RubricTests", dependencies: [
            "Rubric", "RubricSyntax", "RubricSemantics", "RubricC",
            .product(name: "OrderedCollections", package: "swift-collections"),
        ]),
        .testTarget(name: "RubricServerTests", dependencies: ["Rubric", "RubricSyntax", "RubricServer"]),
    ]
)
