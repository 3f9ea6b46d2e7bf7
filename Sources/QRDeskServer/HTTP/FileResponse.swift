import Hummingbird
import QRDesk
import QRDeskCore

/// A rendered file as a download. The file name is built by qrdesk (template id, variant, format), never taken
/// from the request.
enum FileResponse {
    static func attachment(_ artifact: Artifact) -> Response {
        attachment(artifact.bytes, type: contentType(artifact.format), fileName: artifact.fileName)
    }

    static func attachment(
        _ bytes: [UInt8], type: String, fileName: String, headers extra: HTTPFields = [:]
    ) -> Response {
        var headers: HTTPFields = [.contentType: type, .contentDisposition: "attachment; filename=\"\(fileName)\""]
        headers.append(contentsOf: extra)
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func inline(_ bytes: [UInt8], type: String) -> Response {
        Response(status: .ok, headers: [.contentType: type], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A format a file can be served in (`pdf`, `svg`, `png`); nil for anything else, the printer's stream included.
    static func format(named name: String) -> OutputFormat? {
        OutputFormat(rawValue: name).flatMap { $0 == .escpos ? nil : $0 }
    }

    static func contentType(_ format: OutputFormat) -> String {
        switch format {
        case .pdf: "application/pdf"
        case .svg: "image/svg+xml"
        case .png: "image/png"
        case .escpos: "application/octet-stream"
        }
    }
}
