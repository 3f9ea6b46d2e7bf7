/// A C library reported a failure. The message names the library, the call and its own status text.
public struct NativeError: Error, Hashable, Sendable, CustomStringConvertible {
    public let library: String
    public let operation: String
    public let detail: String

    public init(library: String, operation: String, detail: String) {
        self.library = library
        self.operation = operation
        self.detail = detail
    }

    public var description: String { "\(library): \(operation) failed: \(detail)" }

    /// A C constructor's result, or the error for its NULL (out of memory, in practice) instead of a trap.
    static func created<Handle>(
        _ handle: Handle?, by library: String, _ operation: String
    ) throws(NativeError) -> Handle {
        guard let handle else {
            throw NativeError(library: library, operation: operation, detail: "returned NULL (out of memory?)")
        }
        return handle
    }
}
