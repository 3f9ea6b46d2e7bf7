/// A process colour as a press prints it: cyan, magenta, yellow and black ink coverage, each 0…1.
public struct CMYKColor: Hashable, Sendable, CustomStringConvertible {
    public var cyan: Double
    public var magenta: Double
    public var yellow: Double
    public var black: Double

    public init(cyan: Double, magenta: Double, yellow: Double, black: Double) {
        func clamped(_ value: Double) -> Double { value.isFinite ? min(1, max(0, value)) : 0 }
        self.cyan = clamped(cyan)
        self.magenta = clamped(magenta)
        self.yellow = clamped(yellow)
        self.black = clamped(black)
    }

    /// Solid black on the K plate alone: what text and QR modules print in, so nothing misregisters.
    public static let solidBlack = CMYKColor(cyan: 0, magenta: 0, yellow: 0, black: 1)
    /// No ink: the paper.
    public static let paper = CMYKColor(cyan: 0, magenta: 0, yellow: 0, black: 0)
    /// Every plate at 100 %: crop marks, so each plate shows where to cut.
    public static let registration = CMYKColor(cyan: 1, magenta: 1, yellow: 1, black: 1)

    /// A K-only tint: `coverage` of black ink.
    public static func black(_ coverage: Double) -> CMYKColor {
        CMYKColor(cyan: 0, magenta: 0, yellow: 0, black: coverage)
    }

    /// How many plates carry ink.
    public var inkCount: Int { [cyan, magenta, yellow, black].filter { $0 > 0 }.count }

    /// Percentages as designers write them: `C,M,Y,K`, each 0–100 with at most one decimal (`100,72,0,18`).
    public init?(percentages text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        guard parts.count == 4 else { return nil }
        var values: [Double] = []
        for part in parts {
            let pieces = part.split(separator: ".", omittingEmptySubsequences: false)
            guard (1...2).contains(pieces.count), !pieces[0].isEmpty, pieces[0].count <= 3,
                pieces[0].allSatisfy(\.isASCIIDigit),
                pieces.count == 1 || (pieces[1].count == 1 && pieces[1].allSatisfy(\.isASCIIDigit)),
                let value = Double(part), (0...100).contains(value)
            else { return nil }
            values.append(value / 100)
        }
        self.init(cyan: values[0], magenta: values[1], yellow: values[2], black: values[3])
    }

    public var description: String {
        [cyan, magenta, yellow, black].map { formatDecimal($0 * 100, digits: 1) }.joined(separator: ",")
    }
}
