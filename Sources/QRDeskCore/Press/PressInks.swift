/// Which inks a card's colour prints with on a press. Black and greys print on the K plate alone (text, rules and
/// QR modules in four inks misregister into coloured fringes on small shapes), a brand colour given in CMYK
/// prints exactly as given, and any other colour goes through the output profile (`convert`).
public struct PressInks {
    /// The profile's conversion of a colour that is neither neutral nor given exactly.
    let convert: (RGBColor) -> CMYKColor
    /// Colours whose CMYK the designer gave.
    let exact: [RGBColor: CMYKColor]

    /// How far apart a colour's channels may be for it to count as a grey (#4A4A55, a bluish UI grey, does).
    static let neutralSpread = 24
    /// A grey this dark or darker is meant as black: it prints as solid K, not a screened tint.
    static let blackLevel = 0x40

    public init(exact: [RGBColor: CMYKColor] = [:], convert: @escaping (RGBColor) -> CMYKColor) {
        self.exact = exact
        self.convert = convert
    }

    public func ink(for color: RGBColor) -> CMYKColor {
        if let given = exact[color] { return given }
        if let tint = Self.blackTint(of: color) { return tint }
        return convert(color)
    }

    /// QR modules are solid K whatever colour the screen files use: a code in four inks misregisters module by
    /// module.
    public static let qrModules = CMYKColor.solidBlack

    /// A grey as a K-only tint (white as paper, near-black as solid K); nil for a colour.
    public static func blackTint(of color: RGBColor) -> CMYKColor? {
        let channels = [Int(color.red), Int(color.green), Int(color.blue)]
        guard let high = channels.max(), let low = channels.min(), high - low <= neutralSpread else { return nil }
        let mean = channels.reduce(0, +) / 3
        if mean <= blackLevel { return .solidBlack }
        if mean >= 255 - neutralSpread / 2 { return .paper }
        return .black(Double(255 - mean) / 255)
    }
}
