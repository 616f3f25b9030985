import DockslimRewrite

extension Recipe {
    /// `use-exec-form`: the pass alone.
    public static let useExecForm = Recipe(
        id: "use-exec-form",
        summary: UseExecForm.summary,
        steps: [.pass(UseExecForm.id)]
    )
}
