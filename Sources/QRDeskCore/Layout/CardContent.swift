/// What goes on one counter card, independent of template and variant.
public struct CardContent: Sendable {
    public var businessName: String
    public var tagline: String?
    public var address: String?
    /// What the QR pays through: a link or a scheme payload.
    public var code: PaymentCode
    public var language: String
    /// A folded table tent's back panel's language (`--back-lang`); nil: the front's.
    public var backLanguage: String?
    /// The accent for the colour variant; nil takes the template's own.
    public var accent: RGBColor?
    /// Dark module colour for the colour variant; nil takes the template's palette.
    public var qrColor: RGBColor?
    public var logoPNG: [UInt8]?

    public init(
        businessName: String, tagline: String? = nil, address: String? = nil, code: PaymentCode,
        language: String = "en", accent: RGBColor? = nil, qrColor: RGBColor? = nil, logoPNG: [UInt8]? = nil
    ) {
        // Name, tagline and address print on as many lines as they were typed on.
        self.businessName = PrintedText.lineBreaksNormalized(businessName)
        self.tagline = tagline.map(PrintedText.lineBreaksNormalized)
        self.address = address.map(PrintedText.lineBreaksNormalized)
        self.code = code
        self.language = language
        self.accent = accent
        self.qrColor = qrColor
        self.logoPNG = logoPNG
    }

    public init(
        businessName: String, tagline: String? = nil, address: String? = nil, link: PaymentLink,
        language: String = "en", accent: RGBColor? = nil, qrColor: RGBColor? = nil, logoPNG: [UInt8]? = nil
    ) {
        self.init(
            businessName: businessName, tagline: tagline, address: address, code: .link(link), language: language,
            accent: accent, qrColor: qrColor, logoPNG: logoPNG)
    }
}
