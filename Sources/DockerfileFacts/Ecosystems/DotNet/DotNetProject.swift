/// One MSBuild project file (`.csproj`, `.fsproj`, `.vbproj`) as far as the
/// image needs it: its SDK (web or not), target framework, assembly name,
/// whether it publishes self-contained, and its project references.
///
/// Sources: Microsoft Learn "MSBuild reference for .NET SDK projects"
/// (`AssemblyName` defaults to the project file's name; `TargetFramework`
/// `net8.0`, `netcoreapp3.1`; `InvariantGlobalization`; `SelfContained`,
/// `RuntimeIdentifier`, `PublishSingleFile`), "dotnet publish" (the output
/// folder `bin/<Configuration>/<TFM>/[<RID>/]publish/`; Release is the
/// default configuration from the .NET 8 SDK on, Debug before).
package struct DotNetProject: Sendable, Equatable {
    /// The project file's path in the build context.
    package let path: String
    package let text: String

    package init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    /// The folder holding the project file (`""` at the context's top, else ending in `/`).
    package var folder: String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return String(path[...slash])
    }

    /// The file name without its extension: the default assembly name.
    package var fileStem: String {
        let name = Paths.basename(path)
        return name.lastIndex(of: ".").map { String(name[..<$0]) } ?? name
    }

    /// `Microsoft.NET.Sdk.Web`: an ASP.NET Core app, which runs on the aspnet image.
    package var isWeb: Bool { sdk == "Microsoft.NET.Sdk.Web" }

    /// The `Sdk` attribute of `<Project>`.
    package var sdk: String? {
        guard let start = text.range(of: "<Project") else { return nil }
        let tag = text[start.upperBound...].prefix { $0 != ">" }
        guard let attr = tag.range(of: "Sdk=\"") else { return nil }
        return String(tag[attr.upperBound...].prefix { $0 != "\"" })
    }

    /// The first value of a property (`<AssemblyName>App</AssemblyName>`), trimmed.
    package func property(_ name: String) -> String? {
        guard let open = text.range(of: "<\(name)>"), let close = text[open.upperBound...].firstRange(of: "</\(name)>") else { return nil }
        return text[open.upperBound..<close.lowerBound].trimmingCharacters(in: " \t\r\n")
    }

    /// Whether a property is set more than once or under a condition: its value then depends on the build.
    package func isConditional(_ name: String) -> Bool {
        text.ranges(of: "<\(name)>").count > 1 || text.contains("<\(name) Condition")
    }

    /// The target frameworks (`TargetFramework`, or the list of `TargetFrameworks`).
    package var targetFrameworks: [String] {
        if let one = property("TargetFramework"), !one.isEmpty { return [one] }
        return (property("TargetFrameworks") ?? "").split(separator: ";").map { $0.trimmingCharacters(in: " ") }.filter { !$0.isEmpty }
    }

    /// The assembly's name: `AssemblyName`, else the file's stem (`nil` when it is computed: `$(…)`).
    package var assemblyName: String? {
        guard let set = property("AssemblyName") else { return fileStem }
        return set.contains("$(") || set.isEmpty ? nil : set
    }

    package var invariantGlobalization: Bool { property("InvariantGlobalization")?.lowercased() == "true" }

    /// The projects it references, as context paths (`..\Lib\Lib.csproj` from `src/App/` → `src/Lib/Lib.csproj`).
    package var projectReferences: [String] {
        var out: [String] = []
        var rest = text[...]
        while let r = rest.range(of: "<ProjectReference") {
            let tag = rest[r.upperBound...].prefix { $0 != ">" }
            rest = rest[r.upperBound...]
            guard let inc = tag.range(of: "Include=\"") else { continue }
            let raw = tag[inc.upperBound...].prefix { $0 != "\"" }.replacing("\\", with: "/")
            out.append(Self.resolve(String(raw), from: folder))
        }
        return out
    }

    /// A relative path from a context folder, `..` resolved (`nil` parts above the top are kept as `..`).
    package static func resolve(_ relative: String, from folder: String) -> String {
        var parts = folder.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/").map(String.init) {
            if part == "." || part.isEmpty { continue }
            if part == "..", let last = parts.last, last != ".." { parts.removeLast() } else { parts.append(part) }
        }
        return parts.joined(separator: "/")
    }

    /// The .NET version a target framework names: `net8.0` → `8.0`, `netcoreapp3.1` → `3.1`;
    /// `nil` for .NET Framework (`net48`), .NET Standard and platform ones (`net8.0-windows`).
    package static func version(ofFramework tfm: String) -> String? {
        let t = tfm.lowercased()
        let rest: Substring
        if t.hasPrefix("netcoreapp") { rest = t.dropFirst("netcoreapp".count) } else if t.hasPrefix("net") { rest = t.dropFirst(3) } else { return nil }
        let parts = rest.split(separator: ".")
        guard parts.count == 2, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        return rest.hasPrefix("0") ? nil : String(rest)
    }

    /// The project files directly in a context folder (`""`: the top).
    package static func projectFiles(in context: BuildContext, folder: String) -> [String] {
        context.entries(in: folder).filter { $0.hasSuffix(".csproj") || $0.hasSuffix(".fsproj") || $0.hasSuffix(".vbproj") }
    }

    /// The solution files directly in a context folder.
    package static func solutionFiles(in context: BuildContext, folder: String) -> [String] {
        context.entries(in: folder).filter { $0.hasSuffix(".sln") || $0.hasSuffix(".slnx") }
    }
}
