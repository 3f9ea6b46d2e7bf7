import Hummingbird

/// Turns every thrown `ProblemDetails` (and anything else) into an RFC 9457 answer; never a stack trace. A 5xx is
/// logged with its cause (structured: method, path, status), which the answer never carries.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as ProblemDetails {
            if problem.status.code >= 500 {
                context.logger.error(
                    "request failed",
                    metadata: [
                        "method": "\(request.method)", "path": "\(request.uri.path)",
                        "status": "\(problem.status.code)", "cause": "\(problem.internalCause ?? problem.detail)",
                    ])
            }
            return problem.response
        } catch let error as HTTPResponseError {
            let code: ProblemCode = error.status == .notFound ? .notFound : .invalid
            return ProblemDetails(
                status: error.status, title: error.status.reasonPhrase, detail: error.status.reasonPhrase, code: code
            ).response
        } catch {
            context.logger.error(
                "request failed",
                metadata: ["method": "\(request.method)", "path": "\(request.uri.path)", "cause": "\(error)"])
            return ProblemDetails(
                status: .internalServerError, title: "Internal error", detail: "the request could not be completed",
                code: .internalError
            ).response
        }
    }
}
