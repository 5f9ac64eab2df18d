// swift-tools-version:6.0
// The package layers the pipeline so that the compiler enforces it:
//   RubricSyntax     source text -> tokens -> syntax tree, with diagnostics
//   RubricSemantics  syntax tree -> resolved, typed tree (names, types, recursion, limits), and
//                    the analyses `check` runs on it (ranges, cost bound, lints)
//   Rubric           typed tree -> bytecode -> VM, with the builtins the VM calls on its hot path
//   rubric           the command-line tool; the only target that knows about argument parsing
import PackageDescription

let package = Package(
    name: "Rubric",
    platforms: [.macOS(.v14)],
    products: [
        .library(name: "Rubric", targets: ["Rubric"]),
        .executable(name: "rubric", targets: ["rubric"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
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
        .executableTarget(name: "rubric", dependencies: [
            "Rubric", "RubricSyntax", "RubricSemantics", "CEditLine",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .executableTarget(name: "rubric-bench", dependencies: ["Rubric"],
                          path: "Benchmarks/RubricBench"),
        .testTarget(name: "RubricTests", dependencies: [
            "Rubric", "RubricSyntax", "RubricSemantics",
            .product(name: "OrderedCollections", package: "swift-collections"),
        ]),
    ]
)
