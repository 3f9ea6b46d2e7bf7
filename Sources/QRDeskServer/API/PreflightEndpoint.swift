import Foundation
import Hummingbird
import QRDesk
import QRDeskCore

/// `POST /v1/preflight`: a PDF in, `qrdesk preflight --json`'s report out (`passed`, each finding's rule, page and
/// message, each code measured at the trim). Options by query, as the CLI's: `profile` (x1a, x4, qr-only),
/// `minModule` (mm), `scanDistance`, `safeMargin` (mm). A PDF that cannot be read is a 422 naming why.
struct PreflightEndpoint: Sendable {
    let pool: RenderPool

    func handle(_ request: Request, body: [UInt8]) async throws -> Response {
        try RequestBody.requireMediaType(request, in: ["application/pdf"])
        let query = request.uri.queryParameters
        func invalid(_ field: String, _ detail: String) -> ProblemDetails {
            ProblemDetails(
                status: .unprocessableContent, title: "Invalid request", detail: "\(field): \(detail)", field: field)
        }
        func millimetres(_ field: String, in range: ClosedRange<Double>) throws(ProblemDetails) -> Double? {
            guard let text = query[Substring(field)] else { return nil }
            guard let value = Double(String(text)), value.isFinite, range.contains(value) else {
                throw invalid(
                    field,
                    "expected millimetres from \(formatDecimal(range.lowerBound, digits: 1)) to "
                        + "\(formatDecimal(range.upperBound, digits: 0)), such as 0.5")
            }
            return value
        }
        var preflight = Preflight()
        if let text = query["profile"] {
            guard let profile = PreflightProfile(rawValue: String(text)) else {
                throw invalid(
                    "profile", "expected one of \(PreflightProfile.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            preflight.profile = profile
        }
        if let value = try millimetres("minModule", in: 0.01...100) { preflight.minimumModuleMillimetres = value }
        if let value = try millimetres("safeMargin", in: 0...50) { preflight.safeMarginMillimetres = value }
        if let text = query["scanDistance"] {
            do { preflight.scanDistance = try ScanDistance(parsing: String(text)) } catch {
                throw invalid("scanDistance", "\(error)")
            }
        }
        guard !body.isEmpty else {
            throw ProblemDetails(
                status: .unprocessableContent, title: "No file", detail: "send the PDF to check as the request body",
                field: "file")
        }
        let checker = preflight
        let report: PreflightReport
        do { report = try await pool.run { checker.check(body, name: "file") } } catch {
            throw RenderProblem.from(error)
        }
        if let unreadable = report.unreadable {
            throw ProblemDetails(
                status: .unprocessableContent, title: "Unreadable PDF", detail: "the file \(unreadable)", field: "file",
                code: .document)
        }
        struct Output: Encodable { var passed: Bool; var files: [PreflightReport] }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return FileResponse.inline(
            Array(try encoder.encode(Output(passed: report.passed, files: [report]))), type: "application/json")
    }
}
