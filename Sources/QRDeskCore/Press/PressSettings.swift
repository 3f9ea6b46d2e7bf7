/// How a press file is made: the printing condition, the bleed around the trim, crop marks, and a brand colour
/// given exactly in CMYK.
public struct PressSettings: Hashable, Sendable {
    /// How far backgrounds run past the trim, in millimetres (3 mm is the usual shop requirement).
    public var bleedMillimetres: Double
    /// Crop marks outside the bleed, on a sheet made larger for them.
    public var cropMarks: Bool
    public var outputCondition: OutputCondition
    /// The accent as the designer gave it in CMYK, printed exactly instead of converted from RGB.
    public var accentCMYK: CMYKColor?

    public static let defaultBleedMillimetres = 3.0
    public static let bleedRange: ClosedRange<Double> = 0...10
    /// Text, codes and logos stay this far inside the trim, so cutting tolerance never reaches them.
    public static let safeMarginMillimetres = 3.0

    public init(
        bleedMillimetres: Double = Self.defaultBleedMillimetres, cropMarks: Bool = false,
        outputCondition: OutputCondition = .fogra39, accentCMYK: CMYKColor? = nil
    ) {
        self.bleedMillimetres = bleedMillimetres
        self.cropMarks = cropMarks
        self.outputCondition = outputCondition
        self.accentCMYK = accentCMYK
    }
}
