/// The smallest module qrdesk prints: 0.5 mm, the floor for printers and phone cameras, and on a printer with a
/// known resolution at least 4 dots (a thermal head at 203 dpi: 4 dots are 0.50 mm), so dot gain cannot close a
/// module. Cards and receipts obey the same rule.
public enum QRModuleRule {
    /// The light margin around every code, in modules (ISO/IEC 18004 §6.3.8): what qrdesk draws, what templates
    /// must leave, and what the read-back requires.
    public static let quietZone = 4
    public static let printFloorMillimetres = 0.5
    public static let minimumDots = 4

    /// The smallest module on a printer of `dpi` dots per inch, or on any printer when nil.
    public static func minimumMillimetres(dpi: Int?) -> Double {
        guard let dpi, dpi > 0 else { return printFloorMillimetres }
        return max(printFloorMillimetres, Double(minimumDots) * 25.4 / Double(dpi))
    }
}
