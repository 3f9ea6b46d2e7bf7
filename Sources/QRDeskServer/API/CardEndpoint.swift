import HTTPTypes
import Hummingbird
import QRDesk
import QRDeskCore

/// `POST /v1/cards`: a JSON card request in, the file out. The same engine, templates and rules as
/// `qrdesk card`: strict keys, the link policy, scan distance, and every file read back before it is sent.
struct CardEndpoint: Sendable {
    let reader: CardRequestReader
    let pool: RenderPool

    func handle(_ request: Request, body: [UInt8]) async throws -> Response {
        try RequestBody.requireMediaType(request, in: ["application/json"])
        let cardRequest = try reader.read(body, accept: request.headers[.accept])
        let artifact = try await render(cardRequest)
        return FileResponse.attachment(
            artifact.bytes, type: FileResponse.contentType(artifact.format), fileName: artifact.fileName,
            headers: warnings(for: cardRequest))
    }

    /// What the CLI prints as a warning (an explicit `ecc` that costs reach), as a `QRDesk-Warning` header.
    func warnings(for cardRequest: CardRequest) -> HTTPFields {
        var headers: HTTPFields = [:]
        guard let name = HTTPField.Name("QRDesk-Warning"),
            let plan = try? CardRenderer(library: reader.library).plan(for: cardRequest),
            let warning = plan.warning(naming: RequestDoor.api.keyNaming)
        else { return headers }
        headers[name] = warning
        return headers
    }

    /// Renders on the pool; every engine error becomes the problem naming its field.
    func render(_ cardRequest: CardRequest) async throws(ProblemDetails) -> Artifact {
        let library = reader.library
        let artifacts: [Artifact]
        do {
            artifacts = try await pool.run { try CardRenderer(library: library).render(cardRequest) }
        } catch {
            throw RenderProblem.from(error)
        }
        // The answer is one file: with `press`, the variant's press file; with `printSheet`, its sheet.
        let extra = cardRequest.press != nil || cardRequest.printSheet != nil
        guard let artifact = extra ? artifacts.last : artifacts.first else {
            throw ProblemDetails(
                status: .internalServerError, title: "Nothing rendered", detail: "the request produced no file",
                code: .internalError)
        }
        return artifact
    }
}
