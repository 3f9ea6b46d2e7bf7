/// Lays a receipt out top to bottom: header, visit, items, totals and tax, payments, balance (PAID, or the
/// remaining amount with its QR), fiscal data, footer. A roll is one page as tall as its content; a sheet
/// (A4) breaks between blocks onto new pages and numbers them. Right-to-left languages mirror the columns.
public struct ReceiptLayout {
    let template: ReceiptTemplate
    let receipt: Receipt
    let strings: StringCatalog
    let language: String
    let measurer: any TextMeasuring
    let balanceQR: QRMatrix?
    let fiscalQR: QRMatrix?

    /// Modules of light margin around every receipt QR.
    public static let quietZone = QRModuleRule.quietZone

    public init(
        template: ReceiptTemplate, receipt: Receipt, strings: StringCatalog, language: String,
        measurer: any TextMeasuring,
        balanceQR: QRMatrix?, fiscalQR: QRMatrix?
    ) {
        self.template = template
        self.receipt = receipt
        self.strings = strings
        self.language = language
        self.measurer = measurer
        self.balanceQR = balanceQR
        self.fiscalQR = fiscalQR
    }

    /// A group of items laid out from y = 0 that stays on one page.
    struct Block {
        var items: [DrawItem] = []
        var height: Double = 0
    }

    private var left: Double { template.margin }
    private var width: Double { template.pageWidth - 2 * template.margin }

    /// Where a row or paragraph is set: across the content, or (on a sheet) the totals block at the amounts' edge.
    private struct Column {
        var x: Double
        var width: Double
    }
    private var fullWidth: Column { Column(x: left, width: width) }
    /// A sheet's totals and payments: a block at most `sheetTotalsWidth` wide, its amounts at the same edge as the
    /// items' (the right, or the left when mirrored); on a roll, the whole width.
    private var totalsColumn: Column {
        let narrow = ReceiptTemplate.sheetTotalsWidth
        guard !template.isRoll, width > narrow else { return fullWidth }
        return Column(x: mirrored ? left : left + width - narrow, width: narrow)
    }
    private var mirrored: Bool { StringCatalog.isRightToLeft(language) }
    private var money: MoneyFormatter { MoneyFormatter(language: language) }

    private func text(_ key: String, _ values: [String: String] = [:]) -> String {
        var result = strings.text("receipt.\(key)", language: language)
        for (name, value) in values { result = result.replacingOccurrences(of: "{\(name)}", with: value) }
        return result
    }

    /// Data written left to right whatever the page's direction (dates, times, phone numbers, codes), kept in that
    /// order on a right-to-left receipt: isolated (LRI … PDI), so the bidi algorithm does not reorder its digits
    /// and separators among the Arabic or Hebrew around it ("2026-11-21 18:30", not "18:30 2026-11-21").
    private func leftToRight(_ data: String) -> String {
        mirrored ? "\u{2066}\(data)\u{2069}" : data
    }

    /// A tax system's name as this language prints it (`vat` → VAT, `ust` → USt.), else as the receipt wrote it.
    private func taxName(_ system: String) -> String {
        let key = "receipt.taxName.\(system.lowercased())"
        let name = strings.text(key, language: language)
        return name == key ? system : name
    }

    private func style(_ size: Double, bold: Bool = false, alignment: TextAlignment = .start) -> TextStyle {
        TextStyle(
            family: template.fontFamily, size: size, weight: bold ? .bold : .regular, color: .black,
            alignment: alignment, rightToLeft: mirrored)
    }

    // MARK: Building blocks

    private func paragraph(
        _ string: String, _ style: TextStyle, name: String, into block: inout Block, gap: Double = 1,
        in column: Column? = nil
    ) throws {
        guard !string.isEmpty else { return }
        let column = column ?? fullWidth
        let metrics = try measuring(name) {
            try measurer.measure(string, style: style, width: column.width, maxLines: nil)
        }
        block.items.append(
            DrawItem(
                name: name,
                shape: .text(
                    TextBox(
                        text: string, style: style,
                        frame: Rect(x: column.x, y: block.height, width: column.width, height: metrics.height)))))
        block.height += metrics.height + gap
    }

    /// A label and an amount on one line: the amount keeps its full width, the label wraps in the rest.
    private func row(
        _ label: String, _ value: String, _ style: TextStyle, name: String, into block: inout Block, gap: Double = 1,
        in column: Column? = nil
    ) throws {
        let column = column ?? fullWidth
        let left = column.x, width = column.width
        let valueWidth = min(
            width,
            try measuring(name) { try measurer.measure(value, style: style, width: width, maxLines: nil) }.width + 0.5)
        let labelWidth = max(width * 0.3, width - valueWidth - style.size)
        let labelMetrics = try measuring(name) {
            try measurer.measure(label, style: style, width: labelWidth, maxLines: nil)
        }
        let valueMetrics = try measurer.measure(value, style: style, width: valueWidth, maxLines: nil)
        var labelStyle = style, valueStyle = style
        // In a mirrored receipt every paragraph is right to left, so start is the right edge: the label keeps to the
        // row's outer edge and the amount to the other, whatever script each begins with.
        labelStyle.alignment = .start
        valueStyle.alignment = .end
        let labelX = mirrored ? left + width - labelWidth : left
        let valueX = mirrored ? left : left + width - valueWidth
        block.items.append(
            DrawItem(
                name: "\(name)-label",
                shape: .text(
                    TextBox(
                        text: label, style: labelStyle,
                        frame: Rect(x: labelX, y: block.height, width: labelWidth, height: labelMetrics.height)))))
        block.items.append(
            DrawItem(
                name: "\(name)-amount",
                shape: .text(
                    TextBox(
                        text: value, style: valueStyle,
                        frame: Rect(x: valueX, y: block.height, width: valueWidth, height: valueMetrics.height)))))
        block.height += max(labelMetrics.height, valueMetrics.height) + gap
    }

    private func rule(into block: inout Block, name: String, in column: Column? = nil) {
        let column = column ?? fullWidth
        block.height += 2
        block.items.append(
            DrawItem(
                name: name,
                shape: .line(
                    from: Point(x: column.x, y: block.height), to: Point(x: column.x + column.width, y: block.height),
                    color: .black, lineWidth: 0.5, dashed: template.isRoll)))
        block.height += 3
    }

    private func qr(_ matrix: QRMatrix, name: String, purpose: QRSymbol.Purpose, into block: inout Block) {
        var size = template.qrSize
        if let grid = printerGrid {
            // Whole printer dots per module (the renderer checked there are at least 4): no module 8 dots wide beside
            // one of 9.
            let modules = Double(matrix.width + 2 * Self.quietZone)
            size = (size * grid.scale / modules + 1e-9).rounded(.down) * modules / grid.scale
        }
        block.items.append(
            DrawItem(
                name: name,
                shape: .qr(
                    QRSymbol(
                        matrix: matrix,
                        frame: Rect(x: left + (width - size) / 2, y: block.height, width: size, height: size),
                        quietZone: Self.quietZone, dark: .black, light: .white, purpose: purpose))))
        block.height += size + 1
    }

    // MARK: The receipt

    func blocks() throws -> [Block] {
        let body = template.bodySize, small = template.smallSize, title = template.titleSize
        var blocks: [Block] = []

        var header = Block()
        try paragraph(
            receipt.location.name, style(title, bold: true, alignment: .center), name: "location-name", into: &header)
        try paragraph(
            receipt.location.address ?? "", style(small, alignment: .center), name: "location-address", into: &header)
        if let taxID = receipt.location.taxID {
            try paragraph(
                "\(text("taxId")): \(taxID)", style(small, alignment: .center), name: "location-tax-id", into: &header)
        }
        header.height += 2
        // A fiscal receipt's title is a heading; "not a fiscal receipt" is a statement, in the body's weight.
        let kind = receipt.fiscal == nil ? text("notFiscal") : text("title")
        try paragraph(
            kind, style(body, bold: receipt.fiscal != nil, alignment: .center), name: "document-kind", into: &header)
        rule(into: &header, name: "rule-header")
        try row(text("number"), leftToRight(receipt.number), style(body), name: "receipt-number", into: &header)
        try row(text("date"), leftToRight(receipt.visit.date.display), style(body), name: "visit-date", into: &header)
        // Every row of the receipt's facts in one size.
        try row(text("visit"), leftToRight(receipt.visit.id), style(body), name: "visit-id", into: &header)
        if let staff = receipt.visit.staff { try row(text("staff"), staff, style(body), name: "staff", into: &header) }
        if let client = receipt.client {
            let parts = [client.name, client.maskedContact.map(leftToRight)].compactMap { $0 }
            if !parts.isEmpty {
                try row(text("client"), parts.joined(separator: ", "), style(body), name: "client", into: &header)
            }
        }
        rule(into: &header, name: "rule-items")
        blocks.append(header)

        for (index, item) in receipt.items.enumerated() {
            var block = Block()
            try paragraph(item.name, style(body, bold: true), name: "item-\(index + 1)-name", into: &block, gap: 0.5)
            // Kind and SKU are the back office's; a client reads quantity and price (`itemCodes: true` adds them).
            let codes = [text("kind.\(item.kind.rawValue)"), item.sku.map(leftToRight)].compactMap { $0 }
            let kindLine = template.itemCodes ? "   " + codes.joined(separator: " · ") : ""
            try row(
                "\(money.format(quantity: item.quantity)) × \(money.format(item.unitPrice))\(kindLine)",
                money.format(item.gross),
                style(small), name: "item-\(index + 1)", into: &block, gap: 0.5)
            if item.discount.minorUnits > 0 {
                try row(
                    text("discount"), "−" + money.format(item.discount), style(small),
                    name: "item-\(index + 1)-discount", into: &block, gap: 0.5)
            }
            block.height += 1.5
            blocks.append(block)
        }

        var totals = Block()
        let totalsColumn = self.totalsColumn
        rule(into: &totals, name: "rule-totals", in: totalsColumn)
        let amounts = receipt.totals
        if amounts.discounts.minorUnits > 0 || amounts.taxLines.contains(where: { $0.mode == .added }) {
            try row(
                text("subtotal"), money.format(amounts.subtotal), style(body), name: "subtotal", into: &totals,
                in: totalsColumn)
        }
        for line in amounts.taxLines {
            let label = text(
                line.mode == .included ? "taxIncluded" : "taxAdded",
                ["rate": line.rateMillionths.percentText, "system": taxName(receipt.items[0].tax.system)])
            try row(
                label, money.format(line.tax), style(small), name: "tax-\(line.rateMillionths.percentText)",
                into: &totals, in: totalsColumn)
        }
        try row(
            text("total"), money.format(amounts.total), style(title, bold: true), name: "total", into: &totals,
            in: totalsColumn)
        blocks.append(totals)

        if !receipt.payments.isEmpty {
            // One block per payment, like items: a long list of payments flows across pages instead of overflowing one.
            var heading = Block()
            rule(into: &heading, name: "rule-payments", in: totalsColumn)
            try paragraph(
                text("payments"), style(body, bold: true), name: "payments-heading", into: &heading, in: totalsColumn)
            blocks.append(heading)
            for (index, payment) in receipt.payments.enumerated() {
                var block = Block()
                // The method beside its amount; when and as what it was paid on a line of its own below, so no
                // lone word wraps under the label.
                try row(
                    text("method.\(payment.method.rawValue)"), money.format(payment.amount), style(body),
                    name: "payment-\(index + 1)", into: &block, gap: 0.5, in: totalsColumn)
                let details = [
                    payment.time.map { leftToRight($0.display) },
                    payment.attribute.map { text("attribute.\($0.rawValue)") },
                ].compactMap { $0 }
                try paragraph(
                    details.joined(separator: " · "), style(small), name: "payment-\(index + 1)-details",
                    into: &block, gap: 0.5, in: totalsColumn)
                if let reference = payment.reference {
                    try paragraph(
                        reference, style(small), name: "payment-\(index + 1)-reference", into: &block, gap: 0.5,
                        in: totalsColumn)
                }
                blocks.append(block)
            }
        }

        var balance = Block()
        rule(into: &balance, name: "rule-balance")
        if amounts.isPaid {
            try paragraph(
                text("paid"), style(title * 1.6, bold: true, alignment: .center), name: "paid", into: &balance)
        } else if let code = receipt.balanceCode, let matrix = balanceQR {
            try paragraph(
                text("remaining", ["amount": money.format(amounts.balance)]),
                style(title, bold: true, alignment: .center),
                name: "remaining", into: &balance, gap: 3)
            qr(matrix, name: "balance-qr", purpose: .balance, into: &balance)
            try paragraph(text("scanToPay"), style(body, alignment: .center), name: "scan-to-pay", into: &balance)
            try paragraph(code.displayText, style(small, alignment: .center), name: "balance-link", into: &balance)
        } else {
            try paragraph(
                text("balanceDue", ["amount": money.format(amounts.balance)]),
                style(title, bold: true, alignment: .center),
                name: "balance-due", into: &balance)
        }
        blocks.append(balance)

        if let fiscal = receipt.fiscal {
            var block = Block()
            rule(into: &block, name: "rule-fiscal")
            try paragraph(text("fiscal"), style(body, bold: true), name: "fiscal-heading", into: &block)
            for (index, field) in fiscal.fields.enumerated() {
                let label = strings.text("receipt.fiscal.\(field.label)", language: language)
                try row(
                    label.hasPrefix("receipt.") ? field.label : label, field.value, style(small),
                    name: "fiscal-\(index + 1)", into: &block)
            }
            if let matrix = fiscalQR {
                block.height += 2; qr(matrix, name: "fiscal-qr", purpose: .fiscal, into: &block)
            }
            blocks.append(block)
        }

        if let footer = receipt.footer {
            var block = Block()
            block.height += 3
            try paragraph(footer, style(small, alignment: .center), name: "footer", into: &block)
            blocks.append(block)
        }
        return blocks
    }

    /// The longest piece of roll on one page: PDF pages may not exceed 14,400 pt (ISO 32000-1, Annex C), and
    /// a 203 dpi raster of it stays under Cairo's 32,767-pixel limit. Longer receipts continue on further pages.
    public static let maximumRollPageHeight: Double = 11_500

    /// A thermal printer's dot grid: dots per point, and where the printed dots begin on the page.
    private var printerGrid: (scale: Double, originX: Double)? {
        guard template.isRoll, let dpi = template.nativeDPI, let dots = template.printableDots else { return nil }
        return (
            Double(dpi) / 72,
            PrintResolution.printableOriginX(pageWidth: template.pageWidth, printableDots: dots, dpi: dpi)
        )
    }

    /// Moves each QR by less than one dot so its corner sits on the printer's dot grid (the quiet zone absorbs it).
    private func snappingQRs(_ items: [DrawItem]) -> [DrawItem] {
        guard let grid = printerGrid else { return items }
        return items.map { item in
            guard case var .qr(symbol) = item.shape else { return item }
            symbol.frame.x = grid.originX + ((symbol.frame.x - grid.originX) * grid.scale).rounded() / grid.scale
            symbol.frame.y = (symbol.frame.y * grid.scale).rounded() / grid.scale
            return DrawItem(name: item.name, shape: .qr(symbol))
        }
    }

    public func document(metadata: DocumentMetadata) throws -> Document {
        let blocks = try blocks()
        let margin = template.margin
        guard let pageHeight = template.pageHeight else {
            // A roll: pages exactly as tall as their content, breaking between blocks only past the page limit.
            var pages: [[DrawItem]] = [[]], heights: [Double] = []
            var y = margin
            for block in blocks {
                if y + block.height + margin > Self.maximumRollPageHeight, !pages[pages.count - 1].isEmpty {
                    heights.append(y + margin)
                    pages.append([])
                    y = margin
                }
                pages[pages.count - 1] += block.items.map { DrawItem(name: $0.name, shape: $0.shape.offset(by: y)) }
                y += block.height
            }
            heights.append(y + margin)
            guard heights.allSatisfy({ $0 <= 14_400 }) else { throw LayoutError.rollBlockTooLong }
            return Document(
                metadata: metadata,
                pages: zip(pages, heights).map { items, height in
                    Page(size: Size(width: template.pageWidth, height: height.rounded(.up)), items: snappingQRs(items))
                })
        }
        // A sheet: blocks flow onto pages, leaving room at the foot for the page number.
        let footerHeight = template.smallSize * 2
        let usable = pageHeight - 2 * margin - footerHeight
        var pages: [[DrawItem]] = [[]]
        var y = margin
        for block in blocks {
            if y + block.height > margin + usable, !(pages[pages.count - 1].isEmpty) {
                pages.append([])
                y = margin
            }
            pages[pages.count - 1] += block.items.map { DrawItem(name: $0.name, shape: $0.shape.offset(by: y)) }
            y += block.height
        }
        let size = Size(width: template.pageWidth, height: pageHeight)
        return Document(
            metadata: metadata,
            pages: pages.enumerated().map { index, items in
                var items = items
                if pages.count > 1 {
                    let label = text("page", ["n": "\(index + 1)", "count": "\(pages.count)"])
                    items.append(
                        DrawItem(
                            name: "page-number",
                            shape: .text(
                                TextBox(
                                    text: label, style: style(template.smallSize, alignment: .center),
                                    frame: Rect(
                                        x: left, y: pageHeight - margin - footerHeight + template.smallSize * 0.5,
                                        width: width, height: footerHeight)))))
                }
                return Page(size: size, items: items)
            })
    }
}
