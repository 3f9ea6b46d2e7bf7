import Foundation
import Hummingbird
import QRDesk
import QRDeskCore

/// `POST /v1/verify`: a PDF, SVG, PNG or JPEG in, `qrdesk verify`'s report out as JSON (`passed`, and per code
/// the payload, version, level, module size, quiet zone, contrast and reach). Gates by query, as the CLI's
/// options: `expect`, `allowedHost` and `allowedPayee` (repeatable; the server's own allow-lists always apply),
/// `minModule` (mm),
/// `scanDistance`.
struct VerifyEndpoint: Sendable {
    let allowedHosts: [String]
    let allowedPayees: [String]
    let pool: RenderPool

    func handle(_ request: Request, body: [UInt8]) async throws -> Response {
        let query = request.uri.queryParameters
        var minimumModule: Double?
        var distance: ScanDistance?
        if let text = query["minModule"] {
            guard let value = Double(String(text)), value.isFinite, value > 0, value < 100 else {
                throw ProblemDetails(
                    status: .unprocessableContent, title: "Invalid request",
                    detail: "minModule: expected millimetres, such as 0.5",
                    field: "minModule")
            }
            minimumModule = value
        }
        if let text = query["scanDistance"] {
            do { distance = try ScanDistance(parsing: String(text)) } catch {
                throw ProblemDetails(
                    status: .unprocessableContent, title: "Invalid request", detail: "scanDistance: \(error)",
                    field: "scanDistance")
            }
        }
        guard !body.isEmpty else {
            throw ProblemDetails(
                status: .unprocessableContent, title: "No file", detail: "send the file to check as the request body",
                field: "file")
        }
        let gates = AuditGates(
            expect: query["expect"].map(String.init),
            allowedHosts: allowedHosts + query.getAll("allowedHost").map { String($0) },
            allowedPayees: allowedPayees + query.getAll("allowedPayee").map { String($0) },
            minimumModuleMillimetres: minimumModule, scanDistance: distance)
        let audit = FileAudit(gates: gates)
        let report: FileAuditReport
        do { report = try await pool.run { audit.audit(body, name: "file") } } catch { throw RenderProblem.from(error) }
        // The shape of `qrdesk verify --json`.
        struct Output: Encodable { var passed: Bool; var files: [FileAuditReport] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return FileResponse.inline(
            Array(try encoder.encode(Output(passed: report.passed, files: [report]))), type: "application/json")
    }
}
