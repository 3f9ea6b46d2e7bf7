internal import CPoppler

/// Turns a GError that a GLib-style call filled in into a `NativeError` and frees it.
func takeGError(_ error: UnsafeMutablePointer<GError>?, library: String, operation: String) -> NativeError {
    guard let error else {
        return NativeError(library: library, operation: operation, detail: "failed without a message")
    }
    defer { g_error_free(error) }
    let message = error.pointee.message.map { String(cString: $0) } ?? "failed without a message"
    return NativeError(library: library, operation: operation, detail: message)
}
