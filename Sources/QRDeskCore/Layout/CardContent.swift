/// What goes on one counter card, independent of template and variant.
public struct CardContent: Sendable {
    public var businessName: String
    public var tagline: String?
    public var address: String?
    public var link: PaymentLink
    public var language: String
    /// The accent for the colour variant; nil takes the template's own.
    public var accent: RGBColor?
    /// Dark module colour for the colour variant; nil takes the template's palette.
    public var qrColor: RGBColor?
    public var logoPNG: [UInt8]?

    public init(
        businessName: String, tagline: String? = nil, address: String? = nil, link: PaymentLink,
        language: String = "en", accent: RGBColor? = nil, qrColor: RGBColor? = nil, logoPNG: [UInt8]? = nil
    ) {
        // Name, tagline and address print on as many lines as they were typed on.
        self.businessName = PrintedText.lineBreaksNormalized(businessName)
        self.tagline = tagline.map(PrintedText.lineBreaksNormalized)
        self.address = address.map(PrintedText.lineBreaksNormalized)
        self.link = link
        self.language = language
        self.accent = accent
        self.qrColor = qrColor
        self.logoPNG = logoPNG
    }
}
