/// The Swiss QR-bill's payment part as the Implementation Guidelines lay it out: an A4 page whose bottom 105 mm
/// hold the receipt (62 mm wide) and the payment part (148 mm), separated by perforation lines with a scissors
/// symbol; titles 11 pt bold, headings 6 pt (receipt) and 8 pt (payment part) bold, values 8 and 10 pt, in a sans
/// serif the guidelines allow (Liberation Sans); the code 46 mm square, 5 mm from the payment part's left and 17 mm
/// from its top, with the Swiss cross; headings in English, German, French or Italian.
public struct SwissBillLayout {
    public static let languages = ["en", "de", "fr", "it"]
    public static let fontFamily = "Liberation Sans"
    static let pageWidth = 210.0
    static let pageHeight = 297.0
    /// The payment part's top edge on the page, in millimetres.
    public static let partTop = pageHeight - 105
    public static let receiptWidth = 62.0
    /// The code's top-left corner on the page, in millimetres (without its quiet zone).
    public static let codeOrigin = (x: receiptWidth + 5, y: partTop + 17)

    static let headings: [String: [String: String]] = [
        "en": [
            "receipt": "Receipt", "paymentPart": "Payment part", "account": "Account / Payable to",
            "reference": "Reference", "information": "Additional information", "payableBy": "Payable by",
            "payableByBlank": "Payable by (name/address)", "currency": "Currency", "amount": "Amount",
            "acceptance": "Acceptance point",
        ],
        "de": [
            "receipt": "Empfangsschein", "paymentPart": "Zahlteil", "account": "Konto / Zahlbar an",
            "reference": "Referenz", "information": "Zusätzliche Informationen", "payableBy": "Zahlbar durch",
            "payableByBlank": "Zahlbar durch (Name/Adresse)", "currency": "Währung", "amount": "Betrag",
            "acceptance": "Annahmestelle",
        ],
        "fr": [
            "receipt": "Récépissé", "paymentPart": "Section paiement", "account": "Compte / Payable à",
            "reference": "Référence", "information": "Informations supplémentaires", "payableBy": "Payable par",
            "payableByBlank": "Payable par (nom/adresse)", "currency": "Monnaie", "amount": "Montant",
            "acceptance": "Point de dépôt",
        ],
        "it": [
            "receipt": "Ricevuta", "paymentPart": "Sezione pagamento", "account": "Conto / Pagabile a",
            "reference": "Riferimento", "information": "Informazioni supplementari", "payableBy": "Pagabile da",
            "payableByBlank": "Pagabile da (nome/indirizzo)", "currency": "Valuta", "amount": "Importo",
            "acceptance": "Punto di accettazione",
        ],
    ]

    public let payload: SchemePayload
    public let language: String

    public init(payload: SchemePayload, language: String) {
        self.payload = payload
        self.language = language
    }

    func field(_ name: String) -> String {
        payload.report.fields.first { $0.name == name }?.value ?? ""
    }

    func heading(_ key: String) -> String { Self.headings[language]?[key] ?? Self.headings["en"]?[key] ?? key }

    /// IBAN in groups of four; a QR reference as 2 + 5 × 5 digits, an RF reference in groups of four.
    static func grouped(_ text: String, first: Int = 4) -> String {
        var groups: [String] = []
        var rest = Substring(text)
        var size = first
        while !rest.isEmpty {
            groups.append(String(rest.prefix(size)))
            rest = rest.dropFirst(size)
            size = first == 2 ? 5 : 4
        }
        return groups.joined(separator: " ")
    }

    /// A party's name and address as printed: name, street and building, postcode and town.
    func address(_ party: String) -> [String] {
        let street = [field("\(party) street"), field("\(party) building")].filter { !$0.isEmpty }
        let town = [field("\(party) postcode"), field("\(party) town")].filter { !$0.isEmpty }
        let country = field("\(party) country")
        let place = (country.isEmpty || country == "CH" ? "" : "\(country)-") + town.joined(separator: " ")
        return [field("\(party) name"), street.joined(separator: " "), place].filter { !$0.isEmpty }
    }

    var formattedReference: String? {
        let reference = field("reference")
        guard !reference.isEmpty else { return nil }
        return field("reference type") == "QRR" ? Self.grouped(reference, first: 2) : Self.grouped(reference)
    }

    /// The amount with a space between thousands, as the guidelines print it (`1 949.75`).
    var formattedAmount: String? {
        let amount = field("amount")
        guard !amount.isEmpty else { return nil }
        let parts = amount.split(separator: ".", maxSplits: 1)
        var whole = Array(parts[0])
        var grouped = ""
        while whole.count > 3 {
            grouped = " " + String(whole.suffix(3)) + grouped
            whole.removeLast(3)
        }
        return String(whole) + grouped + (parts.count > 1 ? "." + parts[1] : "")
    }

    /// The page, with the code's symbol placed and the cross over it; `matrix` encodes the payload at level M.
    public func document(matrix: QRMatrix, quietZone: Int, metadata: DocumentMetadata) -> Document {
        var items: [DrawItem] = []
        func mm(_ value: Double) -> Double { Length.mm(value).points }
        func text(
            _ name: String, _ value: String, x: Double, y: Double, width: Double, height: Double, size: Double,
            bold: Bool = false, alignment: TextAlignment = .start
        ) {
            let style = TextStyle(
                family: Self.fontFamily, size: size, weight: bold ? .bold : .regular, alignment: alignment)
            let frame = Rect(x: mm(x), y: mm(y), width: mm(width), height: mm(height))
            items.append(DrawItem(name: name, shape: .text(TextBox(text: value, style: style, frame: frame))))
        }
        /// A heading and its lines from `y`, returning where the next block starts.
        func block(
            _ name: String, heading key: String, lines: [String], x: Double, y: Double, width: Double,
            headingSize: Double, valueSize: Double
        ) -> Double {
            let point = 25.4 / 72
            text(
                "\(name)-heading", heading(key), x: x, y: y, width: width, height: headingSize * 1.3 * point,
                size: headingSize, bold: true)
            let lineHeight = valueSize * 1.25 * point
            let top = y + headingSize * 1.3 * point
            text(
                "\(name)-value", lines.joined(separator: "\n"), x: x, y: top, width: width,
                height: lineHeight * Double(lines.count) + 1, size: valueSize)
            return top + lineHeight * Double(lines.count) + valueSize * 0.9 * point
        }
        func cornerMarks(_ name: String, x: Double, y: Double, width: Double, height: Double) {
            let arm = 3.0
            let corners: [(Double, Double, Double, Double)] = [
                (x, y, 1, 1), (x + width, y, -1, 1), (x, y + height, 1, -1), (x + width, y + height, -1, -1),
            ]
            for (index, corner) in corners.enumerated() {
                let (cx, cy, dx, dy) = corner
                let origin = Point(x: mm(cx), y: mm(cy))
                items.append(
                    DrawItem(
                        name: "\(name)-\(index)-h",
                        shape: .line(
                            from: origin, to: Point(x: mm(cx + dx * arm), y: mm(cy)), color: .black, lineWidth: 0.75,
                            dashed: false)))
                items.append(
                    DrawItem(
                        name: "\(name)-\(index)-v",
                        shape: .line(
                            from: origin, to: Point(x: mm(cx), y: mm(cy + dy * arm)), color: .black, lineWidth: 0.75,
                            dashed: false)))
            }
        }

        let top = Self.partTop
        // The perforation: across the page above the payment part, and between receipt and payment part, with
        // the scissors symbol on the horizontal line.
        items.append(
            DrawItem(
                name: "perforation-horizontal",
                shape: .line(
                    from: Point(x: 0, y: mm(top)), to: Point(x: mm(Self.pageWidth), y: mm(top)), color: .black,
                    lineWidth: 0.5, dashed: true)))
        items.append(
            DrawItem(
                name: "perforation-vertical",
                shape: .line(
                    from: Point(x: mm(Self.receiptWidth), y: mm(top)),
                    to: Point(x: mm(Self.receiptWidth), y: mm(Self.pageHeight)), color: .black, lineWidth: 0.5,
                    dashed: true)))
        text("scissors", "✂", x: 5, y: top - 2.2, width: 5, height: 4, size: 9)

        let account = [Self.grouped(field("IBAN"))] + address("creditor")
        let debtor = address("debtor")
        let currency = field("currency")

        // The receipt.
        text("receipt-title", heading("receipt"), x: 5, y: top + 5, width: 52, height: 7, size: 11, bold: true)
        var y = block(
            "receipt-account", heading: "account", lines: account, x: 5, y: top + 12, width: 52,
            headingSize: 6, valueSize: 8)
        if let reference = formattedReference {
            y = block(
                "receipt-reference", heading: "reference", lines: [reference], x: 5, y: y, width: 52,
                headingSize: 6, valueSize: 8)
        }
        if debtor.isEmpty {
            text("receipt-payable-by", heading("payableByBlank"), x: 5, y: y, width: 52, height: 3, size: 6, bold: true)
            cornerMarks("receipt-debtor-box", x: 5, y: y + 3, width: 52, height: 20)
        } else {
            _ = block(
                "receipt-payable-by", heading: "payableBy", lines: debtor, x: 5, y: y, width: 52,
                headingSize: 6, valueSize: 8)
        }
        text(
            "receipt-currency-heading", heading("currency"), x: 5, y: top + 68, width: 15, height: 3, size: 6,
            bold: true)
        text("receipt-currency", currency, x: 5, y: top + 71, width: 15, height: 4, size: 8)
        text("receipt-amount-heading", heading("amount"), x: 20, y: top + 68, width: 37, height: 3, size: 6, bold: true)
        if let amount = formattedAmount {
            text("receipt-amount", amount, x: 20, y: top + 71, width: 37, height: 4, size: 8)
        } else {
            cornerMarks("receipt-amount-box", x: 27, y: top + 71, width: 30, height: 10)
        }
        text(
            "receipt-acceptance", heading("acceptance"), x: 5, y: top + 84, width: 52, height: 3, size: 6, bold: true,
            alignment: .end)

        // The payment part: title, the code, currency and amount; the information column to its right.
        text(
            "payment-title", heading("paymentPart"), x: Self.codeOrigin.x, y: top + 5, width: 46, height: 7, size: 11,
            bold: true)
        let module = mm(SwissCross.symbolMillimetres) / Double(matrix.width)
        let margin = module * Double(quietZone)
        let frame = Rect(
            x: mm(Self.codeOrigin.x) - margin, y: mm(Self.codeOrigin.y) - margin,
            width: mm(SwissCross.symbolMillimetres) + 2 * margin, height: mm(SwissCross.symbolMillimetres) + 2 * margin)
        var symbol = QRSymbol(matrix: matrix, frame: frame, quietZone: quietZone, dark: .black, light: .white)
        symbol.hasSwissCross = true
        items.append(DrawItem(name: "qr", shape: .qr(symbol)))
        let centre = Point(x: frame.x + frame.width / 2, y: frame.y + frame.height / 2)
        for (number, shape) in SwissCross.shapes(centredOn: centre).enumerated() {
            items.append(DrawItem(name: "qr-swiss-cross-\(number)", shape: shape))
        }
        text(
            "payment-currency-heading", heading("currency"), x: Self.codeOrigin.x, y: top + 68, width: 13,
            height: 4, size: 8, bold: true)
        text("payment-currency", currency, x: Self.codeOrigin.x, y: top + 72, width: 13, height: 5, size: 10)
        text(
            "payment-amount-heading", heading("amount"), x: Self.codeOrigin.x + 13, y: top + 68, width: 38,
            height: 4, size: 8, bold: true)
        if let amount = formattedAmount {
            text("payment-amount", amount, x: Self.codeOrigin.x + 13, y: top + 72, width: 38, height: 5, size: 10)
        } else {
            cornerMarks("payment-amount-box", x: Self.codeOrigin.x + 11, y: top + 72, width: 40, height: 15)
        }
        let column = 118.0
        let columnWidth = Self.pageWidth - 5 - column
        y = block(
            "payment-account", heading: "account", lines: account, x: column, y: top + 5, width: columnWidth,
            headingSize: 8, valueSize: 10)
        if let reference = formattedReference {
            y = block(
                "payment-reference", heading: "reference", lines: [reference], x: column, y: y, width: columnWidth,
                headingSize: 8, valueSize: 10)
        }
        let information = [field("message"), field("bill information")].filter { !$0.isEmpty }
        if !information.isEmpty {
            y = block(
                "payment-information", heading: "information", lines: information, x: column, y: y,
                width: columnWidth, headingSize: 8, valueSize: 10)
        }
        if debtor.isEmpty {
            text(
                "payment-payable-by", heading("payableByBlank"), x: column, y: y, width: columnWidth, height: 4,
                size: 8, bold: true)
            cornerMarks("payment-debtor-box", x: column, y: y + 4, width: 65, height: 25)
        } else {
            _ = block(
                "payment-payable-by", heading: "payableBy", lines: debtor, x: column, y: y, width: columnWidth,
                headingSize: 8, valueSize: 10)
        }
        let size = Size(width: mm(Self.pageWidth), height: mm(Self.pageHeight))
        return Document(metadata: metadata, pages: [Page(size: size, items: items)])
    }
}
