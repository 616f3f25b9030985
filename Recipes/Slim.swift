import DockslimRewrite

extension Recipe {
    /// `slim`: the recipe to run across many repositories unread. For each
    /// file, its language's recipes from the slimmest target down; the first
    /// that the application model proves correct is taken, and stderr says
    /// which and why the slimmer ones were not.
    public static let slim = Recipe(
        id: "slim",
        summary: "Every language: split the build and move the runtime to the slimmest base dockslim can prove runs the same program (distroless-like, else Alpine or slim in the builder's C library); says which it chose and why.",
        steps: [
            .firstOf([
                "go-distroless", "go-alpine",
                "rust-distroless", "rust-alpine",
                "c-distroless", "c-alpine",
                "node-distroless", "node-slim",
                "python-distroless", "python-slim",
                "java-distroless", "java-slim",
                "ruby-slim",
                "php-runtime",
                "dotnet-chiseled", "dotnet-runtime",
            ]),
        ]
    )
}
