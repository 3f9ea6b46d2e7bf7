/// A template that cannot be used, with the file and the field at fault.
public enum TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    case unreadable(file: String, reason: String)
    case invalid(file: String, field: String, reason: String)
    case duplicateID(id: String, files: [String])
    case unknownTemplate(id: String, known: [String])
    case noTemplates(directory: String)
    case wrongKind(id: String, expected: String)
    case unknownPrinter(id: String, known: [String])

    public var description: String {
        switch self {
        case let .unreadable(file, reason):
            return "\(file): \(reason)"
        case let .invalid(file, field, reason):
            return field.isEmpty ? "\(file): \(reason)" : "\(file): \(field): \(reason)"
        case let .duplicateID(id, files):
            return
                "template id \"\(id)\" is declared by more than one file: \(files.joined(separator: ", ")); give each "
                + "template its own id"
        case let .unknownTemplate(id, known):
            return
                "no template \"\(id)\"; known templates: \(known.joined(separator: ", ")) (run `qrdesk templates` to "
                + "list them)"
        case let .noTemplates(directory):
            return "no templates found in \(directory); pass --templates DIR pointing at a folder of *.yaml templates"
        case let .wrongKind(id, expected):
            return "template \"\(id)\" is not a \(expected) template"
        case let .unknownPrinter(id, known):
            return
                "no printer profile \"\(id)\"; known profiles: \(known.joined(separator: ", ")) (add one as "
                + "templates/printers/ID.yaml)"
        }
    }

    /// A field error in a template file: `file: line 7: elements[2].box: reason`.
    static func invalid(file: String, field error: FieldError) -> TemplateError {
        let location = [error.line.map { "line \($0)" }, error.path.isEmpty ? nil : error.path].compactMap { $0 }
            .joined(separator: ": ")
        return .invalid(file: file, field: location, reason: error.reason)
    }
}
