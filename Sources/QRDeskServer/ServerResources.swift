import Foundation
import QRDesk
import QRDeskCore

/// Everything a server reads once at start: the templates (and their fingerprint, recorded in kit manifests)
/// and the web pages.
public struct ServerResources: Sendable {
    public var library: TemplateLibrary
    public var libraryFingerprint: String
    public var web: WebAssets

    public init(library: TemplateLibrary, libraryFingerprint: String, web: WebAssets) {
        self.library = library
        self.libraryFingerprint = libraryFingerprint
        self.web = web
    }

    /// The bundled templates (found like every command finds them) plus `extra` folders.
    public static func load(extra: [URL] = []) throws -> ServerResources {
        guard let bundled = TemplateLocator.bundledDirectory() else {
            throw TemplateError.noTemplates(directory: "./templates (or set QRDESK_TEMPLATES)")
        }
        let library = try TemplateLibrary.load(from: [bundled] + extra)
        let sample = TemplateLocator.examplesDirectory()?.appendingPathComponent("receipts/partial-usd-en.json")
        return ServerResources(
            library: library, libraryFingerprint: BatchPlanner.fingerprint(ofTemplatesIn: [bundled] + extra),
            web: try WebAssets.load(from: bundled.appendingPathComponent("web"), sampleReceipt: sample))
    }
}
