import Hummingbird

/// Turns every thrown `ProblemDetails` (and anything else) into an RFC 9457 answer; never a stack trace.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let problem as ProblemDetails {
            return problem.response
        } catch let error as HTTPResponseError {
            let code: ProblemCode = error.status == .notFound ? .notFound : .invalid
            return ProblemDetails(status: error.status, title: error.status.reasonPhrase, detail: error.status.reasonPhrase, code: code).response
        } catch {
            return ProblemDetails(status: .internalServerError, title: "Internal error", detail: "the request could not be completed",
                                  code: .internalError).response
        }
    }
}
