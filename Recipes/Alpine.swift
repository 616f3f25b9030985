import DockslimRewrite

extension Recipe {
    /// `alpine`: the base and the package commands move together, or nothing changes.
    public static let alpine = Recipe(
        id: "alpine",
        summary: "Move Debian, Ubuntu and Fedora-based stages to Alpine: the Alpine variant of each image, apt/yum commands translated to apk.",
        steps: [
            .pass(UseAlpineBase.id, required: true),
            .pass(TranslatePackages.id, required: true),
        ]
    )
}
