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
        // Facts below both the rewrite and the audit: shell reading, images, the build context, packages, ecosystems.
        .target(name: "DockerfileFacts", dependencies: ["DockerfileSyntax", "DockerfileModel", "BuildDefinitions"]),
        .target(name: "UnifiedDiff"),
        // Compose and Bake files read into build specs; no file system, no Dockerfiles.
        .target(name: "BuildDefinitions"),
        .target(name: "DockslimRewrite", dependencies: ["DockerfileSyntax", "DockerfileModel", "DockerfileFacts", "BuildDefinitions"]),
        .target(name: "BuiltinRecipes", dependencies: ["DockslimRewrite"], path: "Recipes", exclude: ["examples"]),
        .target(name: "DockslimAudit", dependencies: ["DockerfileSyntax", "DockerfileModel", "DockerfileFacts"]),
        .target(name: "DockslimReport", dependencies: ["DockerfileSyntax", "DockerfileModel", "DockerfileFacts", "DockslimAudit"]),
        .target(name: "DockslimCLI", dependencies: ["DockerfileSyntax", "DockerfileModel", "DockerfileFacts", "DockslimRewrite", "DockslimAudit", "DockslimReport", "BuiltinRecipes", "UnifiedDiff"]),
        .executableTarget(name: "dockslim", dependencies: ["DockslimCLI"]),
        .executableTarget(
            name: "dockslim-benchmark",
            dependencies: ["DockerfileSyntax", "DockerfileModel", "DockslimCLI"],
            path: "Sources/DockslimBenchmark"
        ),
        .testTarget(name: "DockerfileSyntaxTests", dependencies: ["DockerfileSyntax"]),
        .testTarget(name: "DockerfileModelTests", dependencies: ["DockerfileModel", "DockerfileSyntax"]),
        .testTarget(name: "DockerfileFactsTests", dependencies: ["DockerfileFacts", "DockerfileModel", "DockerfileSyntax"]),
        .testTarget(name: "DockslimCLITests", dependencies: ["DockslimCLI", "BuildDefinitions", "DockerfileFacts", "DockerfileModel", "DockerfileSyntax", "dockslim"]),
        .testTarget(name: "UnifiedDiffTests", dependencies: ["UnifiedDiff"]),
        .testTarget(name: "BuildDefinitionsTests", dependencies: ["BuildDefinitions"]),
        .testTarget(name: "DockslimAuditTests", dependencies: ["DockslimAudit", "DockslimReport", "DockerfileFacts", "DockerfileModel"]),
        .testTarget(name: "DockslimRewriteTests", dependencies: ["DockslimRewrite", "DockerfileFacts", "BuiltinRecipes", "DockerfileModel", "DockerfileSyntax", "UnifiedDiff"]),
    ]
)
