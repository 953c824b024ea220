// swift-tools-version:6.0
// The engine benchmark beside swift-mustache, the engine sitegen used before its own: a package
// of its own, so that sitegen itself neither builds nor depends on swift-mustache.
//
//     cd Benchmarks/mustache-compare && swift run -c release mustache-compare --templates ../../templates
import PackageDescription

let package = Package(
    name: "mustache-compare",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "sitegen", path: "../.."),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.0.0"),
    ],
    targets: [
        .executableTarget(
            name: "mustache-compare",
            dependencies: [
                .product(name: "CompiledMustache", package: "sitegen"),
                .product(name: "MustacheBench", package: "sitegen"),
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ]
)
