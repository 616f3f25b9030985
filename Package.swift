// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "dockslim",
    products: [
        .executable(name: "dockslim", targets: ["dockslim"]),
        // The lossless tree and the semantic model, for other Swift tools.
        .library(name: "DockerfileSyntax", targets: ["DockerfileSyntax"]),
        .library(name: "DockerfileModel", targets: ["DockerfileModel"]),
    ],
    dependencies: [],
    targets: [
        .target(name: "DockerfileSyntax"),
        .target(name: "DockerfileModel", dependencies: ["DockerfileSyntax"]),
        .target(name: "UnifiedDiff"),
        .target(name: "DockslimRewrite", dependencies: ["DockerfileSyntax", "DockerfileModel"]),
        .target(name: "BuiltinRecipes", dependencies: ["DockslimRewrite"], path: "Recipes", exclude: ["examples"]),
        .target(name: "DockslimAudit", dependencies: ["DockerfileSyntax", "DockerfileModel", "DockslimRewrite"]),
        .target(name: "DockslimReport", dependencies: ["DockerfileSyntax", "DockerfileModel", "DockslimAudit"]),
        .target(name: "DockslimCLI", dependencies: ["DockerfileSyntax", "DockerfileModel", "DockslimRewrite", "DockslimAudit", "DockslimReport", "BuiltinRecipes", "UnifiedDiff"]),
        .executableTarget(name: "dockslim", dependencies: ["DockslimCLI"]),
        .executableTarget(
            name: "dockslim-benchmark",
            dependencies: ["DockerfileSyntax", "DockerfileModel", "DockslimCLI"],
            path: "Sources/DockslimBenchmark"
        ),
        .testTarget(name: "DockerfileSyntaxTests", dependencies: ["DockerfileSyntax"]),
        .testTarget(name: "DockerfileModelTests", dependencies: ["DockerfileModel", "DockerfileSyntax"]),
        .testTarget(name: "DockslimCLITests", dependencies: ["DockslimCLI", "DockerfileModel", "DockerfileSyntax", "dockslim"]),
        .testTarget(name: "UnifiedDiffTests", dependencies: ["UnifiedDiff"]),
        .testTarget(name: "DockslimAuditTests", dependencies: ["DockslimAudit", "DockslimReport", "DockslimRewrite", "DockerfileModel"]),
        .testTarget(name: "DockslimRewriteTests", dependencies: ["DockslimRewrite", "BuiltinRecipes", "DockerfileModel", "DockerfileSyntax", "UnifiedDiff"]),
    ]
)
