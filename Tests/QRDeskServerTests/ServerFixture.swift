import Foundation
import Hummingbird
import HummingbirdTesting
import QRDesk
import QRDeskCore
import QRDeskServer
import Testing
import TestSupport

/// The server as every test builds it: the bundled templates and web pages, loopback, an ephemeral port, the
/// sample payment host allowed.
enum ServerFixture {
    static let link = "https://pay.example.com/p/Xk9fA2"
    static let resources = Result {
        ServerResources(
            library: try TestSupport.library(), libraryFingerprint: "test",
            web: try WebAssets.load(
                from: TestSupport.templatesDirectory.appendingPathComponent("web"),
                sampleReceipt: TestSupport.packageRoot.appendingPathComponent("examples/receipts/partial-usd-en.json")))
    }
    static let defaultSettings = ServerSettings(host: "127.0.0.1", port: 0, allowedHosts: ["pay.example.com"])

    static func app(_ settings: ServerSettings = defaultSettings) throws -> some ApplicationProtocol {
        QRDeskServer.application(settings: settings, resources: try resources.get(), logLevel: .error)
    }

    static func json(_ object: [String: Any]) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    static func problem(_ response: TestResponse) throws -> [String: Any] {
        #expect(response.headers[.contentType] == "application/problem+json")
        return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    /// The line of a page's HTML that holds the refusal shown beside `field` (its `<field>-error` slot); nil when
    /// the page has no such slot.
    static func errorSlot(_ html: String, field: String) -> String? {
        html.components(separatedBy: "id=\"\(field)-error\"").dropFirst().first.map { String($0.prefix { $0 != "\n" }) }
    }

    /// A multipart/form-data body with text fields and files, as a browser sends it.
    static func multipart(
        _ fields: [(String, String)], files: [(name: String, fileName: String, bytes: [UInt8])] = []
    )
        -> (body: ByteBuffer, contentType: String)
    {
        let boundary = "qrdesk-test-boundary-7MA4YWxkTrZu0gW"
        var bytes: [UInt8] = []
        for (name, value) in fields {
            bytes += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n".utf8)
        }
        for file in files {
            let disposition = "form-data; name=\"\(file.name)\"; filename=\"\(file.fileName)\""
            let head = "--\(boundary)\r\nContent-Disposition: \(disposition)\r\n"
            bytes += Array("\(head)Content-Type: application/octet-stream\r\n\r\n".utf8)
            bytes += file.bytes + Array("\r\n".utf8)
        }
        bytes += Array("--\(boundary)--\r\n".utf8)
        return (ByteBuffer(bytes: bytes), "multipart/form-data; boundary=\(boundary)")
    }
}
