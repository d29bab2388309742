import Foundation

/// Finds the files the standard's tests read, from wherever the package is checked out.
enum StandardFiles {
    static let seedName = "ST0088-standard.txt"

    /// The package root: the nearest folder above this file holding a Package.swift.
    static var packageRoot: URL {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return folder
            }
            folder.deleteLastPathComponent()
        }
        preconditionFailure("No Package.swift above \(#filePath)")
    }

    /// The published text: `../shared/seed` beside the checkout when it is there (the working copy of
    /// record), otherwise the copy kept in `standards/`, so a fresh clone in CI still runs the tests.
    static var seedURL: URL {
        sharedSeedURL ?? packageRoot.appendingPathComponent("standards").appendingPathComponent(seedName)
    }

    /// The shared seed, found by walking up from this file to a folder D with D/../shared/seed/<seed>.
    static var sharedSeedURL: URL? {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.deletingLastPathComponent().appendingPathComponent("shared/seed/\(seedName)")
            if FileManager.default.fileExists(atPath: candidate.path) { return candidate }
            folder.deleteLastPathComponent()
        }
        return nil
    }

    static var seedText: String {
        get throws { try String(contentsOf: seedURL, encoding: .utf8) }
    }

    static var standardJSONURL: URL {
        packageRoot.appendingPathComponent("standards").appendingPathComponent("ST0088.json")
    }
}
