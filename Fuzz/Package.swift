// swift-tools-version:6.0
// A libFuzzer target over the whole pipeline: parser, checker, compiler, VM, builtins and
// formatter. It is its own package so that `swift test` at the root never builds it; build
// and run it with `Fuzz/run.sh SECONDS`, which passes `-sanitize=fuzzer,address` to every
// module (so the library is instrumented too) and `-parse-as-library` (libFuzzer brings main).
import PackageDescription

let package = Package(
    name: "RubricFuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "Rubric", path: ".."),
    ],
    targets: [
        .executableTarget(name: "RubricFuzz", dependencies: [
            .product(name: "Rubric", package: "Rubric"),
        ]),
    ]
)
