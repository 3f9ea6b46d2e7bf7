/// What a card's QR pays through: a payment link (the seed's salons) or a static scheme payload (PIX, EPC …).
/// Either way `text` is what the QR encodes, byte for byte, and what the read-back expects to decode.
public enum PaymentCode: Hashable, Sendable {
    case link(PaymentLink)
    case scheme(SchemePayload)

    public var text: String {
        switch self {
        case let .link(link): link.text
        case let .scheme(payload): payload.text
        }
    }

    public var byteCount: Int { text.utf8.count }

    public var link: PaymentLink? {
        if case let .link(link) = self { return link }
        return nil
    }

    public var scheme: PaymentScheme? {
        if case let .scheme(payload) = self { return payload.scheme }
        return nil
    }

    /// The level a standard prescribes (EPC and the Swiss bill: M); nil lets the sizing choose.
    public var mandatedLevel: ErrorCorrectionLevel? { scheme?.mandatedLevel }

    /// What the card prints beside the code for the client to check: the link without its scheme, or who a
    /// scheme payload pays and through which scheme — never the raw payload.
    public var displayText: String {
        switch self {
        case let .link(link): return link.displayText
        case let .scheme(payload):
            let name = payload.payeeName ?? payload.payeeAccount ?? ""
            return name.isEmpty ? payload.scheme.title : "\(name) · \(payload.scheme.title)"
        }
    }
}
