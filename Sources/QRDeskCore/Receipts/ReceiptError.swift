/// A receipt document that cannot be printed: where (file, field, line) and why, with the fix.
public struct ReceiptError: Error, Hashable, Sendable, CustomStringConvertible {
    public let file: String
    public let field: FieldError

    public init(file: String, field: FieldError) {
        self.file = file
        self.field = field
    }

    public var description: String { "\(file): \(field)" }
}
