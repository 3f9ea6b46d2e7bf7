import Foundation
import QRDeskCore

/// Where the bundled templates live: `./templates` when run from the project, else beside the executable
/// (`<prefix>/share/qrdesk/templates` once installed, or the package root for `.build/*/qrdesk`).
public enum TemplateLocator {
    public static func bundledDirectory() -> URL? {
        let manager = FileManager.default
        var candidates = [URL(fileURLWithPath: manager.currentDirectoryPath).appendingPathComponent("templates")]
        if let env = ProcessInfo.processInfo.environment["QRDESK_TEMPLATES"] {
            candidates.insert(URL(fileURLWithPath: env), at: 0)
        }
        var directory = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
            .deletingLastPathComponent()
        for _ in 0..<5 {
            candidates.append(directory.appendingPathComponent("share/qrdesk/templates"))
            candidates.append(directory.appendingPathComponent("templates"))
            directory = directory.deletingLastPathComponent()
        }
        return candidates.first { url in
            var isDirectory: ObjCBool = false
            return manager.fileExists(atPath: url.appendingPathComponent("strings").path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
    }

    /// The bundled example documents (`examples/` beside `templates/`), for `qrdesk demo`.
    public static func examplesDirectory() -> URL? {
        guard let templates = bundledDirectory() else { return nil }
        let examples = templates.deletingLastPathComponent().appendingPathComponent("examples")
        return FileManager.default.fileExists(atPath: examples.path) ? examples : nil
    }

    /// The bundled templates, then each user folder (whose templates override bundled ones with the same id).
    public static func library(extra: [URL] = []) throws -> TemplateLibrary {
        guard let bundled = bundledDirectory() else {
            if extra.isEmpty { throw TemplateError.noTemplates(directory: "./templates (or set QRDESK_TEMPLATES)") }
            return try TemplateLibrary.load(from: extra)
        }
        return try TemplateLibrary.load(from: [bundled] + extra)
    }
}
