import Foundation
import Hummingbird
import Mustache
import QRDeskCore

/// The browser pages' files, read once at start from `templates/web/` (installed to `share/qrdesk/templates/web`):
/// Mustache pages, the static style sheet and script, and the OpenAPI document. A request names a static file
/// only by a key of this table; nothing from a request becomes a path.
public struct WebAssets: Sendable {
    public struct StaticFile: Sendable {
        public var bytes: [UInt8]
        public var contentType: String
    }

    let pages: MustacheLibrary
    let staticFiles: [String: StaticFile]
    public let openAPI: [UInt8]
    /// A sample receipt document for the receipts page (the bundled example), when the examples are installed.
    let sampleReceipt: String

    static let maximumFileBytes = 1 << 20
    static let staticTypes = [
        "css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml",
    ]

    public enum LoadError: Error, CustomStringConvertible {
        case missing(String)
        case unreadable(String, String)

        public var description: String {
            switch self {
            case let .missing(path):
                "\(path): the web pages are missing; is qrdesk installed with its templates (make install)?"
            case let .unreadable(path, reason): "\(path): \(reason)"
            }
        }
    }

    public static func load(from directory: URL, sampleReceipt: URL? = nil) throws -> WebAssets {
        func read(_ url: URL) throws -> [UInt8] {
            do { return try InputFile.read(url, limit: maximumFileBytes, displayName: url.lastPathComponent) } catch {
                throw LoadError.unreadable(url.path, error.reason)
            }
        }
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else {
            throw LoadError.missing(directory.path)
        }
        var pages = MustacheLibrary()
        for name in names.sorted() where name.hasSuffix(".mustache") {
            let text = String(decoding: try read(directory.appendingPathComponent(name)), as: UTF8.self)
            do { try pages.register(text, named: String(name.dropLast(".mustache".count))) } catch {
                throw LoadError.unreadable(
                    directory.appendingPathComponent(name).path, "not a valid Mustache template: \(error)")
            }
        }
        var staticFiles: [String: StaticFile] = [:]
        let staticDirectory = directory.appendingPathComponent("static")
        for name in ((try? manager.contentsOfDirectory(atPath: staticDirectory.path)) ?? []).sorted() {
            guard let type = staticTypes[(name as NSString).pathExtension] else { continue }
            staticFiles[name] = StaticFile(
                bytes: try read(staticDirectory.appendingPathComponent(name)), contentType: type)
        }
        let sample = sampleReceipt.flatMap { try? read($0) }.map { String(decoding: $0, as: UTF8.self) } ?? ""
        return WebAssets(
            pages: pages, staticFiles: staticFiles, openAPI: try read(directory.appendingPathComponent("openapi.json")),
            sampleReceipt: sample)
    }

    /// A page rendered with `context` as the answer; every `{{value}}` is HTML-escaped by Mustache.
    func page(_ page: String, _ context: [String: Any], status: HTTPResponse.Status = .ok) throws -> Response {
        guard let html = pages.render(context, withTemplate: page) else { throw LoadError.missing("\(page).mustache") }
        return Response(
            status: status, headers: [.contentType: "text/html; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }
}
