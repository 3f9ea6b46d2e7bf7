/// Reads a receipt document (JSON, or YAML) and enforces the rules of the payment flow:
/// one tax system per receipt, payments never above the total, amounts with the currency's own minor digits,
/// positive quantities and prices within bounds, and no payment link on a visit that is already paid.
public struct ReceiptReader {
    /// Upper bounds that catch a misplaced decimal point before it is printed.
    public static let maximumQuantity: Int64 = 10_000
    public static let maximumUnitPriceMajor: Int64 = 10_000_000
    public static let maximumItems = 2_000

    let root: DataField
    let linkPolicy: LinkPolicy

    public init(root: DataField, linkPolicy: LinkPolicy = .strict) {
        self.root = root
        self.linkPolicy = linkPolicy
    }

    public static func parse(_ text: String, file: String, linkPolicy: LinkPolicy = .strict) throws(ReceiptError) -> Receipt {
        do throws(FieldError) {
            let root = try DataField.parse(text)
            guard root.isMapping else { throw root.error("a receipt is a JSON object with number, visit, location, currency, items and payments") }
            return try ReceiptReader(root: root, linkPolicy: linkPolicy).read()
        } catch {
            throw ReceiptError(file: file, field: error)
        }
    }

    public func read() throws(FieldError) -> Receipt {
        let currencyField = root["currency"]
        let code = try currencyField.nonEmptyString()
        guard let currency = Currency(code: code) else {
            throw currencyField.error("\"\(code)\" is not an ISO 4217 currency code known to qrdesk (such as EUR, USD, JPY, KWD)")
        }
        let visitDate = try dateTime(root["visit"]["date"])
        let itemFields = try root["items"].items()
        guard !itemFields.isEmpty else { throw root["items"].error("a receipt needs at least one item") }
        guard itemFields.count <= Self.maximumItems else { throw root["items"].error("has \(itemFields.count) items; at most \(Self.maximumItems)") }
        var items: [Receipt.Item] = []
        for field in itemFields {
            let item = try readItem(field, currency: currency)
            if let first = items.first, first.tax.system != item.tax.system || first.tax.mode != item.tax.mode {
                let clash = first.tax.system != item.tax.system
                    ? "tax system \"\(item.tax.system)\" differs from \"\(first.tax.system)\" of items[0]"
                    : "tax mode \"\(item.tax.mode.rawValue)\" differs from \"\(first.tax.mode.rawValue)\" of items[0]"
                throw field["tax"][clash.hasPrefix("tax system") ? "system" : "mode"]
                    .error("\(clash); one receipt cannot sell items with different tax systems: split it into one receipt per tax system")
            }
            items.append(item)
        }
        var payments: [Receipt.Payment] = []
        for field in try root["payments"].items() { payments.append(try readPayment(field, currency: currency)) }
        let totals = ReceiptTotals(items: items, payments: payments, currency: currency)
        if totals.balance.minorUnits < 0 {
            throw root["payments"].error("payments add up to \(totals.paid.plainText) \(code), more than the total \(totals.total.plainText) \(code); a receipt records at most what is owed")
        }
        var link: PaymentLink?
        let linkField = root["paymentLink"]
        if !linkField.isMissing {
            if totals.isPaid {
                throw linkField.error("the visit is fully paid, and a paid visit cannot be paid again by the same link; remove paymentLink")
            }
            do { link = try PaymentLink(try linkField.string(), policy: linkPolicy) } catch let error as LinkError {
                throw linkField.error(error.description)
            } catch let error as FieldError { throw error } catch { throw linkField.error("\(error)") }
        }
        let clientField = root["client"]
        let client: Receipt.Client? = clientField.isMissing ? nil : Receipt.Client(
            name: clientField["name"].optionalString(),
            maskedContact: clientField["contact"].optionalString().map(ContactMask.mask))
        let languageField = root["language"]
        return Receipt(
            number: try root["number"].nonEmptyString(),
            visit: Receipt.Visit(id: try root["visit"]["id"].nonEmptyString(), date: visitDate, staff: root["visit"]["staff"].optionalString()),
            location: Receipt.Location(name: try root["location"]["name"].nonEmptyString(), address: root["location"]["address"].optionalString(),
                                       taxID: root["location"]["taxId"].optionalString()),
            client: client,
            currency: currency,
            language: languageField.optionalString(),
            items: items,
            payments: payments,
            paymentLink: link,
            fiscal: root["fiscal"].isMissing ? nil : try readFiscal(root["fiscal"], totals: totals, visitDate: visitDate),
            footer: root["footer"].optionalString(),
            totals: totals
        )
    }

    private func readItem(_ field: DataField, currency: Currency) throws(FieldError) -> Receipt.Item {
        let quantityField = field["quantity"]
        let quantity = try decimal(quantityField)
        guard quantity.units > 0, quantity.scale <= 3 else {
            throw quantityField.error("must be positive with at most 3 decimals, got \"\(quantityField.optionalString() ?? "")\"")
        }
        guard quantity.scaled(to: 3)! <= Self.maximumQuantity * 1000 else {
            throw quantityField.error("\(quantityField.optionalString() ?? "") is above the limit of \(Self.maximumQuantity) per line")
        }
        let unitPrice = try money(field["unitPrice"], currency: currency)
        guard unitPrice.minorUnits > 0 else { throw field["unitPrice"].error("must be positive") }
        guard unitPrice.minorUnits <= Self.maximumUnitPriceMajor * currency.minorPerMajor else {
            throw field["unitPrice"].error("\(unitPrice.plainText) is above the limit of \(Self.maximumUnitPriceMajor) \(currency.code)")
        }
        let gross = ReceiptTotals.gross(quantity: quantity, unitPrice: unitPrice)
        let discount = field["discount"].isMissing ? Money.zero(currency) : try money(field["discount"], currency: currency)
        guard discount.minorUnits >= 0, discount <= gross else {
            throw field["discount"].error("must be between 0 and the line amount \(gross.plainText), got \(discount.plainText)")
        }
        let taxField = field["tax"]
        let rateField = taxField["rate"]
        let rate = try decimal(rateField)
        guard rate.units >= 0, let millionths = rate.scaled(to: 4), millionths <= 1_000_000 else {
            throw rateField.error("expected a percentage from 0 to 100 with at most 4 decimals, such as \"20\" or \"8.875\"")
        }
        let tax = Receipt.Tax(system: try taxField["system"].nonEmptyString(), rateMillionths: millionths,
                              mode: try taxField["mode"].oneOf(Receipt.TaxMode.self, default: .included))
        return Receipt.Item(kind: try field["kind"].oneOf(Receipt.ItemKind.self), name: try field["name"].nonEmptyString(),
                            sku: field["sku"].optionalString(), quantity: quantity, unitPrice: unitPrice, discount: discount,
                            tax: tax, gross: gross, total: gross - discount)
    }

    private func readPayment(_ field: DataField, currency: Currency) throws(FieldError) -> Receipt.Payment {
        let amount = try money(field["amount"], currency: currency)
        guard amount.minorUnits > 0 else { throw field["amount"].error("must be positive") }
        let timeField = field["time"]
        let attributeField = field["attribute"]
        return Receipt.Payment(method: try field["method"].oneOf(Receipt.PaymentMethod.self), amount: amount,
                               time: timeField.isMissing ? nil : try dateTime(timeField),
                               reference: field["reference"].optionalString(),
                               attribute: attributeField.isMissing ? nil : try attributeField.oneOf(Receipt.PaymentAttribute.self))
    }

    private func readFiscal(_ field: DataField, totals: ReceiptTotals, visitDate: LocalDateTime) throws(FieldError) -> FiscalData {
        let format = try field["format"].string()
        switch format {
        case "ru-fns":
            // The Russian tax service's receipt QR: t=<date-time>&s=<total>&fn=<drive>&i=<document>&fp=<sign>&n=<operation>.
            let drive = try digits(field["fn"]), document = try digits(field["fd"]), sign = try digits(field["fp"])
            let operation = try field["operation"].optionalInteger(in: 1...4, default: 1)
            let time = field["time"].isMissing ? visitDate : try dateTime(field["time"])
            var fields: [(String, String)] = []
            if let register = field["register"].optionalString() { fields.append(("register", register)) }
            fields += [("fn", drive), ("fd", document), ("fp", sign)]
            let payload = "t=\(time.compact)&s=\(totals.total.plainText)&fn=\(drive)&i=\(document)&fp=\(sign)&n=\(operation)"
            return FiscalData(fields: fields, qrPayload: payload)
        case "raw":
            let payload = try field["payload"].nonEmptyString()
            guard payload.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 0x20 && $0.value < 0x7F }) else {
                throw field["payload"].error("must be printable ASCII")
            }
            var fields: [(String, String)] = []
            for entry in try field["fields"].items() { fields.append((try entry["label"].string(), try entry["value"].string())) }
            return FiscalData(fields: fields, qrPayload: payload)
        default:
            throw field["format"].error("expected ru-fns or raw, got \"\(format)\"")
        }
    }

    // MARK: Field readers

    /// Amounts are decimal strings (`"50.10"`): a JSON number may already have lost digits to floating point.
    private func decimal(_ field: DataField) throws(FieldError) -> DecimalText {
        let text = try field.string()
        guard field.isQuotedScalar else { throw field.error("write it as a decimal string such as \"\(text)\", not a bare number") }
        guard let value = DecimalText(text) else { throw field.error("expected a decimal such as \"50.10\", got \"\(text)\"") }
        return value
    }

    private func money(_ field: DataField, currency: Currency) throws(FieldError) -> Money {
        let value = try decimal(field)
        guard let minor = value.scaled(to: currency.minorDigits) else {
            let digits = currency.minorDigits == 0 ? "has no minor unit" : "has \(currency.minorDigits) decimal\(currency.minorDigits == 1 ? "" : "s")"
            throw field.error("\"\(field.optionalString() ?? "")\" has \(value.scale) decimal\(value.scale == 1 ? "" : "s"), but \(currency.code) \(digits)")
        }
        return Money(minorUnits: minor, currency: currency)
    }

    private func dateTime(_ field: DataField) throws(FieldError) -> LocalDateTime {
        let text = try field.string()
        guard let value = LocalDateTime(text) else {
            throw field.error("expected a date-time with its offset such as \"2026-11-21T15:30:00+01:00\", got \"\(text)\"")
        }
        return value
    }

    private func digits(_ field: DataField) throws(FieldError) -> String {
        let text = try field.string()
        guard !text.isEmpty, text.allSatisfy(\.isASCIIDigit) else { throw field.error("expected digits only, got \"\(text)\"") }
        return text
    }
}
