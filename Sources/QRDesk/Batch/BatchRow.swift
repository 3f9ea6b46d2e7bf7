/// One row of a batch list, with the fields as written and where it came from.
public struct BatchRow: Sendable {
    /// Spreadsheet row number for CSV (the header is row 1, so the first data row is 2); 1-based for YAML/JSON.
    public let number: Int
    /// How to find it in the file: `row 17`, `rows[3] (line 12)`.
    public let location: String
    /// Field values by column name; empty cells are absent.
    public let fields: [String: String]
    /// What the list reader already found wrong with this row (a cell too long, a value of the wrong type):
    /// the row fails with it, the others go on.
    public let problem: Problem?

    public struct Problem: Sendable {
        public let column: String?
        public let message: String
    }

    public init(number: Int, location: String, fields: [String: String], problem: Problem? = nil) {
        self.number = number
        self.location = location
        self.fields = fields
        self.problem = problem
    }

    public var id: String? { fields["id"] }
}

/// A row that was not rendered, and why: reported with the row, the column and a fix.
public struct BatchFailure: Error, Hashable, Sendable, Codable, CustomStringConvertible {
    public let row: Int
    public let location: String
    public let id: String?
    public let column: String?
    public let message: String

    public init(row: BatchRow, column: String?, message: String) {
        self.row = row.number
        self.location = row.location
        self.id = row.id
        self.column = column
        self.message = message
    }

    public var description: String {
        let who = id.map { " (id \($0))" } ?? ""
        let field = column.map { " column \"\($0)\":" } ?? ""
        return "\(location)\(who):\(field) \(message)"
    }
}
