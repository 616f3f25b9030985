import DockslimRewrite

/// The recipes compiled into dockslim, one file each in `Recipes/`. A test
/// checks that each is listed here, has a kebab-case id and a golden case.
public enum BuiltinRecipes {
    public static let all: [Recipe] = [
        .slim,
        .useExecForm,
        .hoistManifests,
        .useNonroot,
        .alpine,
        .translatePackages,
        .cacheMounts,
        .goDistroless,
        .goAlpine,
        .goScratch,
        .rustDistroless,
        .rustAlpine,
        .cDistroless,
        .cAlpine,
        .nodeDistroless,
        .nodeAlpine,
        .nodeSlim,
        .pythonSlim,
        .pythonDistroless,
        .javaDistroless,
        .javaAlpine,
        .javaSlim,
        .rubySlim,
        .rubyAlpine,
        .phpRuntime,
        .dotnetRuntime,
        .dotnetChiseled,
    ]

    public static func recipe(_ id: String) -> Recipe? {
        all.first { $0.id == id }
    }
}
