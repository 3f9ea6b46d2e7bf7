/// Reads a receipt document (JSON; YAML for `.yaml` files) and enforces the rules of the payment flow:
/// one tax system per receipt, payments never above the total, amounts with the currency's own minor digits,
/// positive quantities and prices within bounds, and no payment link on a visit that is already paid.
/// Every field is checked for type and every mapping for unknown keys, as `docs/receipt.schema.json` says.
public struct ReceiptReader {
    let root: DataField
    let linkPolicy: LinkPolicy

    public init(root: DataField, linkPolicy: LinkPolicy = .strict) {
        self.root = root
        self.linkPolicy = linkPolicy
    }

    public static func parse(
        _ bytes: [UInt8], file: String, format: DataFormat = .json,
        linkPolicy: LinkPolicy = .strict
    ) throws(ReceiptError) -> Receipt {
        do throws(FieldError) {
            guard bytes.count <= ReceiptLimits.documentBytes else {
                throw FieldError(
                    path: "", line: nil,
                    reason:
                        "is \(bytes.count) bytes; a receipt document may be at most \(ReceiptLimits.documentBytes) "
                        + "bytes"
                )
            }
            let root = try DataField.parse(bytes, format: format, maximumValues: ReceiptLimits.documentValues)
            guard root.isMapping else {
                throw root.error(
                    "a receipt is a JSON object with number, visit, location, currency, items and payments")
            }
            return try ReceiptReader(root: root, linkPolicy: linkPolicy).read()
        } catch {
            throw ReceiptError(file: file, field: error)
        }
    }

    public static func parse(
        _ text: String, file: String, format: DataFormat = .json,
        linkPolicy: LinkPolicy = .strict
    ) throws(ReceiptError) -> Receipt {
        try parse(Array(text.utf8), file: file, format: format, linkPolicy: linkPolicy)
    }

    public func read() throws(FieldError) -> Receipt {
        try root.allowKeys([
            "number", "language", "visit", "location", "client", "currency", "items", "payments", "paymentLink",
            "paymentPayload", "fiscal", "footer",
        ])
        let currencyField = root["currency"]
        let code = try currencyField.nonEmptyString()
        guard let currency = Currency(code: code) else {
            throw currencyField.error(
                "\"\(Excerpt.of(code, limit: 10))\" is not an ISO 4217 currency code known to qrdesk (such as EUR, "
                    + "USD, JPY, KWD)"
            )
        }
        let visitField = root["visit"], locationField = root["location"], clientField = root["client"]
        try visitField.allowKeys(["id", "date", "staff"])
        try locationField.allowKeys(["name", "address", "taxId"])
        try clientField.allowKeys(["name", "contact"])
        let visitDate = try dateTime(visitField["date"])

        let itemFields = try root["items"].items()
        guard !itemFields.isEmpty else { throw root["items"].error("a receipt needs at least one item") }
        guard itemFields.count <= ReceiptLimits.items else {
            throw root["items"].error(
                "has \(itemFields.count) items; at most \(ReceiptLimits.items); split the visit into several receipts")
        }
        var items: [Receipt.Item] = []
        for field in itemFields {
            let item = try readItem(field, currency: currency)
            if let first = items.first, first.tax.system != item.tax.system || first.tax.mode != item.tax.mode {
                let clash =
                    first.tax.system != item.tax.system
                    ? "tax system \"\(item.tax.system)\" differs from \"\(first.tax.system)\" of items[0]"
                    : "tax mode \"\(item.tax.mode.rawValue)\" differs from \"\(first.tax.mode.rawValue)\" of items[0]"
                throw field["tax"][clash.hasPrefix("tax system") ? "system" : "mode"]
                    .error(
                        "\(clash); one receipt cannot sell items with different tax systems: split it into one "
                            + "receipt per tax system"
                    )
            }
            items.append(item)
        }
        let paymentFields = try root["payments"].items()
        guard paymentFields.count <= ReceiptLimits.payments else {
            throw root["payments"].error("has \(paymentFields.count) payments; at most \(ReceiptLimits.payments)")
        }
        var payments: [Receipt.Payment] = []
        for field in paymentFields { payments.append(try readPayment(field, currency: currency)) }
        let totals: ReceiptTotals
        do { totals = try ReceiptTotals(items: items, payments: payments, currency: currency) } catch {
            throw root["payments"].error(
                "the payments add up to more than any receipt can total (each at most "
                    + "\(ReceiptLimits.maximumAmountText(currency))); check for a misplaced decimal point"
            )
        }
        if totals.balance.minorUnits < 0 {
            throw root["payments"].error(
                "payments add up to \(totals.paid.plainText) \(code), more than the total \(totals.total.plainText) "
                    + "\(code); a receipt records at most what is owed"
            )
        }
        var link: PaymentLink?
        let linkField = root["paymentLink"]
        if !linkField.isMissing {
            if totals.isPaid {
                throw linkField.error(
                    "the visit is fully paid, and a paid visit cannot be paid again by the same link; remove "
                        + "paymentLink"
                )
            }
            do { link = try PaymentLink(try linkField.string(), policy: linkPolicy) } catch let error as LinkError {
                throw linkField.error(error.description)
            } catch let error as FieldError { throw error } catch { throw linkField.error("\(error)") }
        }
        let payload = try balancePayload(totals: totals, currency: currency, hasLink: link != nil)
        let client: Receipt.Client? =
            clientField.isMissing
            ? nil
            : Receipt.Client(
                name: try clientField["name"].optionalPrintedText(limit: PrintedText.shortLimit),
                maskedContact: try clientField["contact"].optionalPrintedText(limit: PrintedText.shortLimit).map(
                    ContactMask.mask))
        let language = try root["language"].optionalString()
        if let language,
            language.isEmpty || language.count > 20
                || !language.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "_") })
        {
            throw root["language"].error(
                "expected a language code such as \"en\" or \"pt-BR\", got \"\(Excerpt.of(language, limit: 20))\"")
        }
        return Receipt(
            number: try root["number"].printedText(limit: ReceiptLimits.identifierLength),
            visit: Receipt.Visit(
                id: try visitField["id"].printedText(limit: ReceiptLimits.identifierLength), date: visitDate,
                staff: try visitField["staff"].optionalPrintedText(limit: PrintedText.shortLimit)),
            location: Receipt.Location(
                name: try locationField["name"].printedText(limit: PrintedText.shortLimit),
                address: try locationField["address"].optionalPrintedText(
                    limit: PrintedText.longLimit, multiline: true),
                taxID: try locationField["taxId"].optionalPrintedText(limit: ReceiptLimits.identifierLength)),
            client: client,
            currency: currency,
            language: language,
            items: items,
            payments: payments,
            paymentLink: link,
            paymentPayload: payload,
            fiscal: root["fiscal"].isMissing
                ? nil : try readFiscal(root["fiscal"], totals: totals, visitDate: visitDate),
            footer: try root["footer"].optionalPrintedText(limit: PrintedText.longLimit, multiline: true),
            totals: totals
        )
    }

    /// A static payment code for the balance: lint-clean, paying an allowed payee, in the receipt's currency and
    /// asking for exactly the balance (a code without an amount would let the client type any).
    private func balancePayload(
        totals: ReceiptTotals, currency: Currency, hasLink: Bool
    ) throws(FieldError) -> SchemePayload? {
        let field = root["paymentPayload"]
        guard !field.isMissing else { return nil }
        if hasLink { throw field.error("give paymentLink or paymentPayload for the balance, not both") }
        if totals.isPaid {
            throw field.error("the visit is fully paid, so there is no balance to pay; remove paymentPayload")
        }
        let text = try field.string()
        let payload: SchemePayload
        do throws(PayloadError) { payload = try SchemePayload(text: text) } catch {
            throw field.error(error.description)
        }
        if let problem = linkPolicy.payeeProblem(payload) { throw field.error(problem) }
        let due = "\(totals.balance.plainText) \(currency.code)"
        guard let amount = payload.amount else {
            throw field.error(
                "the \(payload.scheme.title) code asks for no amount (or one in an unknown currency); build it with "
                    + "the balance due, \(due)")
        }
        guard amount.currency == currency, amount.minorUnits == totals.balance.minorUnits else {
            throw field.error(
                "the \(payload.scheme.title) code asks for \(amount.plainText) \(amount.currency.code), "
                    + "but the balance "
                    + "due is \(due); build it with that amount")
        }
        return payload
    }

    private func readItem(_ field: DataField, currency: Currency) throws(FieldError) -> Receipt.Item {
        guard field.isMapping else { throw field.error("expected an item: {kind, name, quantity, unitPrice, tax}") }
        try field.allowKeys(["kind", "name", "sku", "quantity", "unitPrice", "discount", "tax"])
        let quantityField = field["quantity"]
        let quantity = try decimal(quantityField)
        guard quantity.units > 0, quantity.scale <= 3 else {
            throw quantityField.error("must be positive with at most 3 decimals, got \"\(try quantityField.string())\"")
        }
        guard let thousandths = quantity.scaled(to: 3), thousandths <= ReceiptLimits.quantity * 1000 else {
            throw quantityField.error(
                "\(try quantityField.string()) is above the limit of \(ReceiptLimits.quantity) per line")
        }
        let unitPrice = try money(field["unitPrice"], currency: currency)
        guard unitPrice.minorUnits > 0 else { throw field["unitPrice"].error("must be positive") }
        guard unitPrice.minorUnits <= ReceiptLimits.unitPriceMajor * currency.minorPerMajor else {
            throw field["unitPrice"].error(
                "\(unitPrice.plainText) is above the limit of \(ReceiptLimits.unitPriceMajor) \(currency.code)")
        }
        // Within the limits above, quantity × price is below 10^18 minor units: the overflow branch is a safety net.
        let gross: Money
        do { gross = try ReceiptTotals.gross(quantity: quantity, unitPrice: unitPrice) } catch {
            throw field["unitPrice"].error("quantity × unit price is too large to compute exactly")
        }
        let discount =
            field["discount"].isMissing ? Money.zero(currency) : try money(field["discount"], currency: currency)
        guard discount <= gross else {
            throw field["discount"].error(
                "must be at most the line amount \(gross.plainText), got \(discount.plainText)")
        }
        let taxField = field["tax"]
        guard taxField.isMapping else { throw taxField.error("is required: {system, rate, mode}") }
        try taxField.allowKeys(["system", "rate", "mode"])
        let rateField = taxField["rate"]
        let rate = try decimal(rateField)
        guard let millionths = rate.scaled(to: 4), millionths <= 1_000_000 else {
            throw rateField.error(
                "expected a percentage from 0 to 100 with at most 4 decimals, such as \"20\" or \"8.875\"")
        }
        let tax = Receipt.Tax(
            system: try taxField["system"].printedText(limit: ReceiptLimits.identifierLength),
            rateMillionths: millionths,
            mode: try taxField["mode"].oneOf(Receipt.TaxMode.self, default: .included))
        let total: Money
        do { total = try gross.subtracting(discount) } catch { throw field["discount"].error("is out of range") }
        return Receipt.Item(
            kind: try field["kind"].oneOf(Receipt.ItemKind.self),
            name: try field["name"].printedText(limit: PrintedText.shortLimit),
            sku: try field["sku"].optionalPrintedText(limit: ReceiptLimits.identifierLength), quantity: quantity,
            unitPrice: unitPrice, discount: discount, tax: tax, gross: gross, total: total)
    }

    private func readPayment(_ field: DataField, currency: Currency) throws(FieldError) -> Receipt.Payment {
        guard field.isMapping else { throw field.error("expected a payment: {method, amount}") }
        try field.allowKeys(["method", "amount", "time", "reference", "attribute"])
        let amount = try money(field["amount"], currency: currency)
        guard amount.minorUnits > 0 else { throw field["amount"].error("must be positive") }
        let timeField = field["time"]
        let attributeField = field["attribute"]
        return Receipt.Payment(
            method: try field["method"].oneOf(Receipt.PaymentMethod.self), amount: amount,
            time: timeField.isMissing ? nil : try dateTime(timeField),
            reference: try field["reference"].optionalPrintedText(limit: PrintedText.shortLimit),
            attribute: attributeField.isMissing ? nil : try attributeField.oneOf(Receipt.PaymentAttribute.self))
    }

    private func readFiscal(
        _ field: DataField, totals: ReceiptTotals, visitDate: LocalDateTime
    ) throws(FieldError) -> FiscalData {
        let format = try field["format"].string()
        switch format {
        case "ru-fns":
            // The Russian tax service's receipt QR:
            // t=<date-time>&s=<total>&fn=<drive>&i=<document>&fp=<sign>&n=<operation>.
            try field.allowKeys(["format", "register", "fn", "fd", "fp", "operation", "time"])
            let drive = try digits(field["fn"]), document = try digits(field["fd"]), sign = try digits(field["fp"])
            let operation = try field["operation"].optionalInteger(in: 1...4, default: 1)
            let time = field["time"].isMissing ? visitDate : try dateTime(field["time"])
            var fields: [(String, String)] = []
            if let register = try field["register"].optionalPrintedText(limit: ReceiptLimits.identifierLength) {
                fields.append(("register", register))
            }
            fields += [("fn", drive), ("fd", document), ("fp", sign)]
            let payload =
                "t=\(time.compact)&s=\(totals.total.plainText)&fn=\(drive)&i=\(document)&fp=\(sign)&n=\(operation)"
            return FiscalData(fields: fields, qrPayload: payload)
        case "raw":
            try field.allowKeys(["format", "payload", "fields"])
            let payload = try field["payload"].nonEmptyString()
            guard payload.utf8.count <= ReceiptLimits.fiscalPayloadBytes,
                payload.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F })
            else {
                throw field["payload"].error(
                    "must be printable ASCII, at most \(ReceiptLimits.fiscalPayloadBytes) characters")
            }
            let entries = try field["fields"].items()
            guard entries.count <= ReceiptLimits.fiscalFields else {
                throw field["fields"].error("has \(entries.count) entries; at most \(ReceiptLimits.fiscalFields)")
            }
            var fields: [(String, String)] = []
            for entry in entries {
                guard entry.isMapping else { throw entry.error("expected {label, value}") }
                try entry.allowKeys(["label", "value"])
                fields.append(
                    (
                        try entry["label"].printedText(limit: ReceiptLimits.identifierLength),
                        try entry["value"].printedText(limit: PrintedText.shortLimit)
                    ))
            }
            return FiscalData(fields: fields, qrPayload: payload)
        default:
            throw field["format"].error("expected ru-fns or raw, got \"\(Excerpt.of(format, limit: 20))\"")
        }
    }

    // MARK: Field readers

    /// Amounts are decimal strings (`"50.10"`): a JSON number may already have lost digits to floating point.
    private func decimal(_ field: DataField) throws(FieldError) -> DecimalText {
        let text = try decimalText(field)
        guard let value = DecimalText(text) else { throw field.error(AmountError.notADecimal(text).description) }
        return value
    }

    /// A decimal's text, refusing a bare JSON number with the reason.
    private func decimalText(_ field: DataField) throws(FieldError) -> String {
        if case .number? = field.node?.value {
            throw field.error(
                "write it as a decimal string in quotes, such as \"50.10\", not a bare number (JSON numbers may lose "
                    + "digits)"
            )
        }
        return try field.string()
    }

    private func money(_ field: DataField, currency: Currency) throws(FieldError) -> Money {
        let text = try decimalText(field)
        let money: Money
        do throws(AmountError) { money = try Money.parse(text, currency: currency) } catch {
            throw field.error(error.description)
        }
        guard money.minorUnits <= ReceiptLimits.maximumAmount(currency) else {
            throw field.error(
                "\(text) is above the largest amount a receipt can hold, \(ReceiptLimits.maximumAmountText(currency)) "
                    + "\(currency.code)"
            )
        }
        return money
    }

    private func dateTime(_ field: DataField) throws(FieldError) -> LocalDateTime {
        let text = try field.string()
        guard let value = LocalDateTime(text) else {
            throw field.error(
                "expected a date-time that exists, with seconds and its offset, such as "
                    + "\"2026-11-21T15:30:00+01:00\", got \"\(Excerpt.of(text, limit: 40))\""
            )
        }
        return value
    }

    private func digits(_ field: DataField) throws(FieldError) -> String {
        let text = try field.string()
        guard !text.isEmpty, text.count <= 32, text.allSatisfy(\.isASCIIDigit) else {
            throw field.error("expected 1 to 32 digits, got \"\(Excerpt.of(text, limit: 40))\"")
        }
        return text
    }
}
