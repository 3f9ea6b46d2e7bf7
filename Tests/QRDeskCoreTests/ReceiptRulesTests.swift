import Testing
@testable import QRDeskCore

/// A receipt document in JSON with the given items and payments, for rule tests.
func receiptJSON(currency: String = "EUR", items: String, payments: String = "[]", extra: String = "") -> String {
    """
    { "number": "T-1", "visit": { "id": "V-1", "date": "2026-11-21T15:30:00+01:00" },
      "location": { "name": "Studio Nova" },
      "currency": "\(currency)", "items": \(items), "payments": \(payments) \(extra) }
    """
}

func item(
    _ price: String, quantity: String = "1", discount: String? = nil, system: String = "vat", rate: String = "20",
    mode: String = "included"
) -> String {
    let discountField = discount.map { ", \"discount\": \"\($0)\"" } ?? ""
    return """
        { "kind": "service", "name": "Haircut", "quantity": "\(quantity)", "unitPrice": "\(price)"\(discountField),
          "tax": { "system": "\(system)", "rate": "\(rate)", "mode": "\(mode)" } }
        """
}

func payment(_ amount: String, method: String = "cash") -> String {
    "{ \"method\": \"\(method)\", \"amount\": \"\(amount)\" }"
}

func read(_ json: String) throws(ReceiptError) -> Receipt { try ReceiptReader.parse(json, file: "visit.json") }

func expectRefusal(_ json: String, _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
    do {
        _ = try read(json)
        Issue.record("accepted, expected «\(message)»", sourceLocation: sourceLocation)
    } catch {
        #expect(error.description.hasPrefix("visit.json: "), sourceLocation: sourceLocation)
        #expect(
            error.description.contains(message), "«\(error.description)» lacks «\(message)»",
            sourceLocation: sourceLocation)
    }
}

@Suite("Receipt arithmetic")
struct ReceiptArithmeticTests {
    @Test func halfEvenRounding() {
        #expect(divideRoundingHalfEven(25, by: 10) == 2)
        #expect(divideRoundingHalfEven(35, by: 10) == 4)
        #expect(divideRoundingHalfEven(26, by: 10) == 3)
        #expect(divideRoundingHalfEven(-25, by: 10) == -2)
        #expect(divideRoundingHalfEven(-35, by: 10) == -4)
        #expect(divideRoundingHalfEven(0, by: 7) == 0)
    }

    @Test func includedTaxIsTheShareOfTheTotal() throws {
        // 45.00 + (60.00 − 6.00) + 2 × 12.50 = 124.00, of which 20 % VAT is 124 × 20/120 = 20.666… → 20.67.
        let receipt = try read(
            receiptJSON(
                items: "[\(item("45.00")), \(item("60.00", discount: "6.00")), \(item("12.50", quantity: "2"))]",
                payments: "[\(payment("124.00"))]"))
        #expect(receipt.totals.subtotal.plainText == "124.00")
        #expect(receipt.totals.discounts.plainText == "6.00")
        #expect(receipt.totals.taxLines.map(\.tax.plainText) == ["20.67"])
        #expect(receipt.totals.total.plainText == "124.00")
        #expect(receipt.totals.isPaid)
    }

    @Test func addedTaxGoesOnTop() throws {
        // 55.00 + (70.00 − 10.00) = 115.00; 8.875 % = 10.20625 → 10.21; total 125.21; paid 45.50 → 79.71 remains.
        let items =
            "[\(item("55.00", system: "sales-tax", rate: "8.875", mode: "added")), "
            + "\(item("70.00", discount: "10.00", system: "sales-tax", rate: "8.875", mode: "added"))]"
        let receipt = try read(
            receiptJSON(
                currency: "USD", items: items,
                payments: "[\(payment("40.00")), \(payment("5.50", method: "cashback"))]",
                extra: ", \"paymentLink\": \"https://pay.example.com/p/Lx7rT2aQ9m\""))
        #expect(receipt.totals.taxLines.map(\.tax.plainText) == ["10.21"])
        #expect(receipt.totals.total.plainText == "125.21")
        #expect(receipt.totals.balance.plainText == "79.71")
        #expect(receipt.paymentLink?.text == "https://pay.example.com/p/Lx7rT2aQ9m")
    }

    @Test func taxIsRoundedOncePerRateNotPerLine() throws {
        // Three lines of 0.05 at 10 % added: per line 0.005 → 0.00 each (half-even), but once over 0.15 → 0.015 → 0.02.
        let line = item("0.05", rate: "10", mode: "added")
        let receipt = try read(receiptJSON(items: "[\(line), \(line), \(line)]"))
        #expect(receipt.totals.taxLines.map(\.tax.plainText) == ["0.02"])
        #expect(receipt.totals.total.plainText == "0.17")
    }

    @Test func fractionalQuantitiesRoundHalfEven() throws {
        // 1.5 × 3.33 = 4.995 → 5.00 (499.5 cents to the even 500); 2.5 × 0.01 = 0.025 → 0.02.
        let receipt = try read(
            receiptJSON(
                items: "[\(item("3.33", quantity: "1.5", rate: "0")), \(item("0.01", quantity: "2.5", rate: "0"))]"))
        #expect(receipt.items.map(\.total.plainText) == ["5.00", "0.02"])
        #expect(receipt.totals.taxLines.isEmpty)
    }

    @Test func currenciesKeepTheirMinorDigits() throws {
        let yen = try read(receiptJSON(currency: "JPY", items: "[\(item("8800", rate: "10"))]"))
        #expect(yen.totals.total.plainText == "8800")
        #expect(yen.totals.taxLines.map(\.tax.plainText) == ["800"])
        let dinar = try read(
            receiptJSON(
                currency: "KWD", items: "[\(item("35.500", rate: "0")), \(item("4.250", quantity: "2", rate: "0"))]"))
        #expect(dinar.totals.total.plainText == "44.000")
    }

    @Test func moneyIsFormattedForTheLanguage() {
        let euro = Currency(code: "EUR")!
        let amount = Money(minorUnits: 123_450, currency: euro)
        #expect(MoneyFormatter(language: "en").format(amount) == "€1,234.50")
        #expect(MoneyFormatter(language: "fr").format(amount) == "1\u{202F}234,50\u{00A0}€")
        #expect(MoneyFormatter(language: "de").format(amount) == "1.234,50\u{00A0}€")
        #expect(
            MoneyFormatter(language: "ru").format(Money(minorUnits: 925_000, currency: Currency(code: "RUB")!))
                == "9\u{00A0}250,00\u{00A0}₽")
        #expect(
            MoneyFormatter(language: "en").format(Money(minorUnits: 11_000, currency: Currency(code: "JPY")!))
                == "¥11,000")
        #expect(
            MoneyFormatter(language: "en").format(Money(minorUnits: 44_000, currency: Currency(code: "KWD")!))
                == "KWD44.000")
        #expect(MoneyFormatter(language: "de").format(quantity: DecimalText("1.5")!) == "1,5")
    }

    @Test func contactsAreMasked() {
        #expect(ContactMask.mask("+1 555 123 42 17") == "+* *** *** 42 17")
        #expect(ContactMask.mask("maria.k@example.com") == "m***@example.com")
        #expect(ContactMask.mask("+4915112345678") == "+*********5678")
        #expect(ContactMask.mask("+44 20 7946 0958") == "+** ** **** 0958")
    }
}

@Suite("Receipt rules")
struct ReceiptRulesTests {
    @Test func mixedTaxSystemsAreRefusedNamingBoth() {
        expectRefusal(
            receiptJSON(items: "[\(item("10.00", system: "osn")), \(item("5.00", system: "usn-income"))]"),
            "items[1].tax.system: tax system \"usn-income\" differs from \"osn\" of items[0]; one receipt cannot sell "
                + "items with different tax systems"
        )
    }

    @Test func mixedTaxModesAreRefused() {
        expectRefusal(
            receiptJSON(items: "[\(item("10.00")), \(item("5.00", mode: "added"))]"),
            "items[1].tax.mode: tax mode \"added\" differs")
    }

    @Test func overpaymentIsRefused() {
        expectRefusal(
            receiptJSON(items: "[\(item("50.00"))]", payments: "[\(payment("30.00")), \(payment("30.00"))]"),
            "payments: payments add up to 60.00 EUR, more than the total 50.00 EUR")
    }

    @Test func minorDigitsAreTheCurrencys() {
        expectRefusal(
            receiptJSON(currency: "JPY", items: "[\(item("10.5"))]"),
            "items[0].unitPrice: \"10.5\" has 1 decimal, but JPY has no minor unit")
        expectRefusal(
            receiptJSON(currency: "KWD", items: "[\(item("1.2345"))]"),
            "\"1.2345\" has 4 decimals, but KWD has 3 decimals")
        expectRefusal(
            receiptJSON(items: "[\(item("50.00"))]", payments: "[\(payment("50.001"))]"),
            "payments[0].amount: \"50.001\" has 3 decimals, but EUR has 2")
    }

    @Test func paidVisitCannotBePaidAgainByLink() {
        expectRefusal(
            receiptJSON(
                items: "[\(item("50.00"))]", payments: "[\(payment("50.00"))]",
                extra: ", \"paymentLink\": \"https://pay.example.com/p/1\""),
            "paymentLink: the visit is fully paid, and a paid visit cannot be paid again by the same link")
    }

    @Test func balanceWithoutLinkIsAllowed() throws {
        let receipt = try read(receiptJSON(items: "[\(item("50.00"))]", payments: "[\(payment("20.00"))]"))
        #expect(receipt.totals.balance.plainText == "30.00" && receipt.paymentLink == nil)
    }

    @Test func productsWithoutServicesAreAllowed() throws {
        let product = item("18.00").replacingOccurrences(of: "\"service\"", with: "\"product\"")
        #expect(try read(receiptJSON(items: "[\(product)]")).items[0].kind == .product)
    }

    @Test(arguments: [
        (item("0.00"), "items[0].unitPrice: must be positive"),
        (item("5.00", quantity: "0"), "items[0].quantity: must be positive"),
        (item("5.00", quantity: "-1"), "items[0].quantity: expected an unsigned decimal"),
        (item("5.00", quantity: "10001"), "above the limit of 10000 per line"),
        (item("10000001.00"), "above the limit of 10000000 EUR"),
        (item("5.00", discount: "6.00"), "items[0].discount: must be at most the line amount 5.00, got 6.00"),
        (item("5.00", rate: "120"), "items[0].tax.rate: expected a percentage from 0 to 100"),
        (
            item("50,10"),
            "items[0].unitPrice: expected an unsigned decimal of at most 15 digits such as \"50.10\", got \"50,10\""
        ),
        (
            item("5.00").replacingOccurrences(of: "\"5.00\"", with: "5.00"),
            "items[0].unitPrice: write it as a decimal string in quotes, such as \"50.10\", not a bare number"
        ),
        (
            item("5.00").replacingOccurrences(of: "\"service\"", with: "\"haircut\""),
            "items[0].kind: expected one of service, product, membership, gift-card"
        ),
    ])
    func itemBoundsAreChecked(item: String, message: String) {
        expectRefusal(receiptJSON(items: "[\(item)]"), message)
    }

    @Test func documentLevelErrors() {
        expectRefusal(
            receiptJSON(currency: "EUE", items: "[\(item("5.00"))]"),
            "currency: \"EUE\" is not an ISO 4217 currency code")
        expectRefusal(receiptJSON(items: "[]"), "items: a receipt needs at least one item")
        expectRefusal(
            receiptJSON(items: "[\(item("5.00"))]").replacingOccurrences(
                of: "2026-11-21T15:30:00+01:00", with: "21.11.2026"),
            "visit.date: expected a date-time that exists, with seconds and its offset")
        expectRefusal("{ \"number\": ", "not valid JSON")
        // A JSON syntax error says where (line, column, an excerpt) and the likely fix, not "around character 431".
        expectRefusal(
            "{\"number\": \"A1\"\n  \"language\": \"en\"}",
            "line 2: not valid JSON at column 3 (\"\"language\": \"en\"}\"); a comma is missing")
        expectRefusal("{\n  number: 1}", "line 2: not valid JSON at column 3 (\"number: 1}\"); keys need double quotes")
        expectRefusal("{\"number\": 'A1'}", "line 1: not valid JSON at column 12")
        expectRefusal("{\"number\": \"A1\", \"items\": [", "the text ends inside a value")
        expectRefusal(
            receiptJSON(
                items: "[\(item("5.00"))]", payments: "[\(payment("1.00"))]",
                extra: ", \"paymentLink\": \"http://pay.example.com/p/1\""),
            "paymentLink: link \"http://pay.example.com/p/1\" is not https")
    }

    @Test func russianFiscalPayloadIsBuiltFromTheFields() throws {
        let fiscal =
            ", \"fiscal\": { \"format\": \"ru-fns\", \"fn\": \"9999078900004792\", \"fd\": \"12345\", \"fp\": "
            + "\"3522207165\", \"operation\": 1, \"time\": \"2026-11-21T14:20:00+03:00\" }"
        let receipt = try read(
            receiptJSON(
                currency: "RUB", items: "[\(item("9250.00", rate: "0"))]", payments: "[\(payment("9250.00"))]",
                extra: fiscal))
        #expect(receipt.fiscal?.qrPayload == "t=20261121T1420&s=9250.00&fn=9999078900004792&i=12345&fp=3522207165&n=1")
    }
}
