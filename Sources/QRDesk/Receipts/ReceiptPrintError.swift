/// Why a receipt cannot become a printer's byte stream.
public enum ReceiptPrintError: Error, Hashable, Sendable, CustomStringConvertible {
    case notAReceipt
    case notARoll(template: String)
    case noProfile(template: String)
    case resolutionMismatch(template: String, dpi: Int, profile: String, profileDPI: Int)
    case noNativeQR(profile: String)

    public var description: String {
        switch self {
        case .notAReceipt:
            "escpos is a receipt printer's format; cards are printed as pdf, svg or png"
        case let .notARoll(template):
            "escpos needs a thermal roll template (receipt-80mm, receipt-58mm), not \(template)"
        case let .noProfile(template):
            "template \(template) names no printer profile; pass --printer-profile (see templates/printers/)"
        case let .noNativeQR(profile):
            "printer profile \(profile) does not draw QR codes itself; leave out --native-qr (the raster QR prints on "
                + "every printer)"
        case let .resolutionMismatch(template, dpi, profile, profileDPI):
            "template \(template) is laid out for \(dpi) dpi but printer profile \(profile) prints \(profileDPI) dpi; "
                + "choose a matching profile"
        }
    }
}
