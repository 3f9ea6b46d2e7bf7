/// The modules of one QR symbol, without quiet zone. Asking for a module outside the grid answers light,
/// so drawing code needs no special case for the quiet zone.
public struct QRMatrix: Hashable, Sendable {
    /// QR version, 1…40.
    public let version: Int
    /// Modules per side (17 + 4 × version).
    public let width: Int
    public let level: ErrorCorrectionLevel
    private let modules: [Bool]
    /// The text the symbol encodes, when it was encoded here: it travels with the modules from layout to
    /// read-back, so nothing downstream recovers it from names. nil for a symbol read from a file.
    public let payload: String?

    /// - Parameter modules: row-major, `width × width` values, true for dark.
    public init(version: Int, width: Int, level: ErrorCorrectionLevel, modules: [Bool], payload: String? = nil) {
        precondition(modules.count == width * width, "a QR matrix needs width × width modules")
        self.version = version
        self.width = width
        self.level = level
        self.modules = modules
        self.payload = payload
    }

    public subscript(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < width, y < width else { return false }
        return modules[y * width + x]
    }

    /// The same symbol turned 180° (as drawn upside down on a folded tent's back panel): it decodes the same.
    public func turnedHalf() -> QRMatrix {
        QRMatrix(version: version, width: width, level: level, modules: modules.reversed(), payload: payload)
    }

    /// Horizontal runs of dark modules in row `y`: (first column, length).
    public func darkRuns(inRow y: Int) -> [(start: Int, length: Int)] {
        var runs: [(Int, Int)] = []
        var x = 0
        while x < width {
            if self[x, y] {
                let start = x
                while x < width && self[x, y] { x += 1 }
                runs.append((start, x - start))
            } else {
                x += 1
            }
        }
        return runs
    }

    /// One line per row, `1` for dark and `0` for light: a text form for goldens and diffs.
    public var textForm: String {
        (0..<width).map { y in String((0..<width).map { self[$0, y] ? "1" : "0" }) }.joined(separator: "\n")
    }
}
