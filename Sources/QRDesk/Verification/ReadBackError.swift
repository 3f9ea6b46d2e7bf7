import QRDeskCore

/// A written file whose QR, read back from its own bytes, is not exactly what the encoder made.
public struct ReadBackError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Problem: Hashable, Sendable {
        case unreadable(String)
        /// Modules that read otherwise than the encoder's matrix: how many, and the first (column, row).
        case wrongModules(count: Int, firstColumn: Int, firstRow: Int)
        case quietZone(found: Int, needed: Int)
        case decodes(as: [String], expected: String)
        /// A part of the print rule `qrdesk verify` applies (contrast, pitch, edges).
        case rule(PrintRule.Problem)
        /// The module pitch measured along the timing patterns over the planned one.
        case drawnAtScale(Double)
        /// Modules smaller than the scan distance needs.
        case tooSmallForDistance(metres: Double, moduleMillimetres: Double, neededMillimetres: Double)
        /// A printer stream that would not print the receipt as laid out.
        case printerStream(String)
    }

    public var file: String
    public let problem: Problem

    public init(file: String, problem: Problem) {
        self.file = file
        self.problem = problem
    }

    public var description: String {
        let subject = file.isEmpty ? "the written file" : file
        let detail: String
        switch problem {
        case let .unreadable(reason):
            detail = "could not be read back: \(reason)"
        case let .wrongModules(count, column, row):
            detail =
                "holds a QR code of which \(count) module\(count == 1 ? "" : "s") differ\(count == 1 ? "s" : "") from "
                + "the encoder's (the first at column \(column), row \(row))"
        case let .quietZone(found, needed):
            detail = "has \(found) light module\(found == 1 ? "" : "s") around its QR code where \(needed) are needed"
        case let .decodes(decoded, expected):
            detail =
                decoded.isEmpty
                ? "holds a QR code zbar cannot read"
                : "holds a QR code that scans as "
                    + "\(decoded.map { "\"\(Excerpt.of($0, limit: 60))\"" }.joined(separator: ", ")), not "
                    + "\"\(Excerpt.of(expected, limit: 60))\""
        case let .rule(problem):
            detail = "holds a QR code that \(problem)"
        case let .drawnAtScale(scale):
            detail = "holds a QR code drawn at \(formatDecimal(scale * 100, digits: 1)) % of its planned size"
        case let .printerStream(reason):
            detail = "as a printer would take it, \(reason)"
        case let .tooSmallForDistance(metres, module, needed):
            detail =
                "holds a QR code of \(formatDecimal(module, digits: 2)) mm modules, below the "
                + "\(formatDecimal(needed, digits: 2)) mm a phone needs from \(formatDecimal(metres, digits: 2)) m"
        }
        return
            "\(subject), read back from its bytes, \(detail); nothing was written. This is a fault in qrdesk's "
            + "writers or in the template, not in your input: please report it, or pass --no-verify to skip the "
            + "check"
    }
}
