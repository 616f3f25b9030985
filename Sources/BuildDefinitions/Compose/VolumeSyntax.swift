/// A service volume's short syntax, `SOURCE:TARGET[:MODE]` or `TARGET`
/// (compose-spec `05-services.md` "volumes"; compose-go `format/volume.go`).
/// A source that starts with `.`, `/` or `~` is a host path; any other is a
/// named volume.
enum VolumeSyntax {
    struct Parts: Equatable {
        var source: String?
        var target: String
        var mode: String?
    }

    static func parse(_ text: String) -> Parts {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        switch parts.count {
        case 1: return Parts(source: nil, target: parts[0], mode: nil)
        case 2: return Parts(source: parts[0], target: parts[1], mode: nil)
        default: return Parts(source: parts[0], target: parts[1], mode: parts[2...].joined(separator: ":"))
        }
    }

    static func isHostPath(_ source: String) -> Bool {
        source.hasPrefix(".") || source.hasPrefix("/") || source.hasPrefix("~")
    }
}
