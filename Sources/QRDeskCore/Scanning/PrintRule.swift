/// The one rule a printed code is held to, by the write-time read-back and by `qrdesk verify` alike: what a
/// phone needs from the code, measured on the file's own pixels with margins measured on a corpus (see
/// docs/read-back.md), rather than one simulated capture whose outcome flips with the bit pattern.
///
/// - every module as its codewords encode it (no damage left for error correction to absorb);
/// - a quiet zone of 4 modules (ISO/IEC 18004 §6.3.8);
/// - light to dark contrast of at least 3:1 (WCAG 2.1's floor for graphics that must be recognised; phone
///   decoders binarise locally, and below it ink, paper and room light eat the margin);
/// - an even module grid: every timing-pattern edge within 0.15 module of an even pitch (decoders sample module
///   centres from the finders; an edge that strays further misplaces samples across the symbol);
/// - sharp pixels: each edge rises within 2 of the file's pixels (a crisp edge takes 1; a blurred or resampled
///   raster takes more, and prints soft);
/// - and, where the file has a physical size and a distance is asked for, modules at least as large as that
///   distance needs (`ScanDistanceModel`).
public enum PrintRule {
    public static let requiredQuietZone = QRModuleRule.quietZone
    public static let minimumContrastRatio = 3.0
    public static let maximumPitchDeviation = 0.15
    public static let maximumEdgeWidthPixels = 2.0

    /// What was measured on one code.
    public struct Measurement: Hashable, Sendable {
        /// Modules unlike the symbol as encoded; nil when the codewords did not error-correct.
        public var damagedModules: Int?
        public var quietZone: Int
        public var contrastRatio: Double
        /// nil when the timing patterns did not show a QR symbol's edges.
        public var timing: TimingMeasurement?
        /// Whether edge sharpness can be judged: a raster at its own resolution or a vector rendering (not a
        /// photo, whose camera blurs every edge).
        public var judgesSharpness: Bool

        public init(
            damagedModules: Int?, quietZone: Int, contrastRatio: Double, timing: TimingMeasurement?,
            judgesSharpness: Bool
        ) {
            self.damagedModules = damagedModules
            self.quietZone = quietZone
            self.contrastRatio = contrastRatio
            self.timing = timing
            self.judgesSharpness = judgesSharpness
        }
    }

    public enum Problem: Hashable, Sendable, CustomStringConvertible {
        case damagedModules(Int)
        case uncorrectable
        case quietZone(found: Int)
        case lowContrast(ratio: Double)
        case noTimingPattern
        case unevenPitch(modules: Double)
        case softEdges(pixels: Double)

        public var description: String {
            switch self {
            case let .damagedModules(count):
                "has \(count) damaged module\(count == 1 ? "" : "s") (unlike the symbol its own codewords rebuild "
                    + "to): it decodes only thanks to error correction (a printing or editing defect)"
            case .uncorrectable:
                "has codewords that error correction cannot repair as read (a damaged or badly drawn code)"
            case let .quietZone(found):
                "has a quiet zone of \(found) module\(found == 1 ? "" : "s"); phones need "
                    + "\(PrintRule.requiredQuietZone) light modules around the code (move whatever is printed that "
                    + "close)"
            case let .lowContrast(ratio):
                "has a contrast of \(formatDecimal(ratio, digits: 1)):1 between light and dark modules, below the "
                    + "\(formatDecimal(PrintRule.minimumContrastRatio, digits: 0)):1 phones need (darken the modules "
                    + "or lighten the background)"
            case .noTimingPattern:
                "has timing patterns without the evenly spaced edges of a QR symbol (modules drawn unevenly, or "
                    + "elsewhere than planned)"
            case let .unevenPitch(modules):
                "has modules unevenly spaced: an edge of its timing pattern lies \(formatDecimal(modules, digits: 2)) "
                    + "module from an even grid, more than "
                    + "\(formatDecimal(PrintRule.maximumPitchDeviation, digits: 2)) (a scaled or distorted drawing)"
            case let .softEdges(pixels):
                "has soft edges: a module edge takes \(formatDecimal(pixels, digits: 1)) pixels to go from dark to "
                    + "light, more than \(formatDecimal(PrintRule.maximumEdgeWidthPixels, digits: 0)) (blurred or "
                    + "resampled pixels)"
            }
        }
    }

    public static func problems(of measurement: Measurement) -> [Problem] {
        var problems: [Problem] = []
        switch measurement.damagedModules {
        case nil: problems.append(.uncorrectable)
        case let count? where count > 0: problems.append(.damagedModules(count))
        default: break
        }
        if measurement.quietZone < requiredQuietZone { problems.append(.quietZone(found: measurement.quietZone)) }
        if measurement.contrastRatio < minimumContrastRatio {
            problems.append(.lowContrast(ratio: measurement.contrastRatio))
        }
        if let timing = measurement.timing {
            if timing.pitchDeviation > maximumPitchDeviation {
                problems.append(.unevenPitch(modules: timing.pitchDeviation))
            }
            if measurement.judgesSharpness, timing.edgeWidthPixels > maximumEdgeWidthPixels {
                problems.append(.softEdges(pixels: timing.edgeWidthPixels))
            }
        } else {
            problems.append(.noTimingPattern)
        }
        return problems
    }
}
