import Foundation
import QRDesk
import QRDeskCore

/// The receipt as a form a receptionist fills in: business, visit, client, currency, item rows and payments. The
/// form becomes the receipt document the reader reads — the one reading of a receipt, so the form refuses exactly
/// what the JSON would, and totals are computed by the same money code, never in the browser.
enum ReceiptForm {
    /// Rows shown when the form is new; script adds more, and a filled form keeps its rows and one blank.
    static let initialItemRows = 3
    static let initialPaymentRows = 2
    /// The most rows read from a form (a receipt's own limit is far above what a desk types).
    static let maximumRows = 200
    static let taxSystems = ["none", "vat", "sales-tax", "ust", "consumption-tax", "usn-income"]

    /// True when the page's mode switch says the form, not the JSON text, is the document.
    static func isChosen(_ form: FormFields) -> Bool { form.text("mode") == "form" }

    /// Indices of the rows the form sent under `prefix` (`item`, `payment`), in order.
    static func rows(_ form: FormFields, prefix: String) -> [Int] {
        let lead = prefix + "."
        let indices = form.values.keys.compactMap { key -> Int? in
            guard key.hasPrefix(lead) else { return nil }
            return Int(key.dropFirst(lead.count).prefix { $0 != "." })
        }
        return Set(indices).filter { (0..<maximumRows).contains($0) }.sorted()
    }

    static func filled(_ form: FormFields, prefix: String, index: Int, fields: [String]) -> Bool {
        fields.contains { form.text("\(prefix).\(index).\($0)") != nil }
    }

    /// The receipt document (JSON) the form describes; blank rows are left out, required fields kept even when
    /// blank so the reader names them.
    static func document(_ form: FormFields) -> [UInt8] {
        func text(_ name: String) -> String { form.text(name) ?? "" }
        var root: [String: Any] = ["number": text("number"), "currency": text("currency")]
        var location: [String: Any] = ["name": text("location-name")]
        if let address = form.text("location-address") { location["address"] = address }
        root["location"] = location
        let date = text("visit-date")
        let offset = form.text("visit-offset") ?? "+00:00"
        // A datetime-local field gives minutes; the document wants seconds and the desk's offset.
        let dateTime = date.isEmpty ? "" : (date.count == 16 ? "\(date):00" : date) + offset
        root["visit"] = ["id": form.text("visit-id") ?? text("number"), "date": dateTime]
        if form.text("client-name") != nil || form.text("client-contact") != nil {
            var client: [String: Any] = [:]
            if let name = form.text("client-name") { client["name"] = name }
            if let contact = form.text("client-contact") { client["contact"] = contact }
            root["client"] = client
        }
        let system = form.text("tax-system") ?? "none"
        let mode = form.text("tax-mode") ?? "included"
        root["items"] = rows(form, prefix: "item").filter {
            filled(form, prefix: "item", index: $0, fields: ["name", "unitPrice"])
        }.map { index -> [String: Any] in
            func value(_ field: String) -> String? { form.text("item.\(index).\(field)") }
            var item: [String: Any] = [
                "kind": value("kind") ?? "service", "name": value("name") ?? "", "quantity": value("quantity") ?? "1",
                "unitPrice": value("unitPrice") ?? "",
                "tax": ["system": system, "rate": value("taxRate") ?? "0", "mode": mode],
            ]
            if let discount = value("discount") { item["discount"] = discount }
            return item
        }
        root["payments"] = rows(form, prefix: "payment").filter {
            filled(form, prefix: "payment", index: $0, fields: ["amount"])
        }.map { index -> [String: Any] in
            ["method": form.text("payment.\(index).method") ?? "card", "amount": text("payment.\(index).amount")]
        }
        if let link = form.text("paymentLink") { root["paymentLink"] = link }
        let data =
            (try? JSONSerialization.data(withJSONObject: root, options: [.sortedKeys, .prettyPrinted])) ?? Data()
        return Array(data)
    }

    /// The form's section a reader's complaint belongs beside: `items[1].unitPrice` → items.
    static func slot(of path: String) -> String {
        let head = String(path.prefix { $0 != "." && $0 != "[" && $0 != "/" })
        switch head {
        case "items", "payments", "currency", "number", "paymentLink", "client": return head
        case "location": return "location-name"
        case "visit": return "visit-date"
        default: return "receipt-form"
        }
    }

    static let slots: Set<String> = [
        "items", "payments", "currency", "number", "paymentLink", "client", "location-name", "visit-date",
        "receipt-form",
    ]

    /// What the page needs to draw the form again with the values typed: rows (and a blank one), choices.
    /// Item kinds and payment methods are labelled in the page's language from the receipt catalog (the words the
    /// receipt itself prints), their values staying the document's.
    static func context(_ form: FormFields, strings: StringCatalog = StringCatalog()) -> [String: Any] {
        let language = PageLanguage.current
        func label(_ key: String, _ id: String) -> String {
            let text = strings.text("receipt.\(key).\(id)", language: language)
            return text.hasPrefix("receipt.") ? id : text
        }
        func rowsContext(_ prefix: String, initial: Int, fields: [String]) -> [[String: Any]] {
            let sent = rows(form, prefix: prefix)
            let count = max(initial, (sent.last.map { $0 + 2 } ?? 0))
            return (0..<min(count, maximumRows)).map { index in
                var row: [String: Any] = ["index": index]
                for field in fields { row[field] = form.values["\(prefix).\(index).\(field)"] ?? "" }
                return row
            }
        }
        let items = rowsContext(
            "item", initial: initialItemRows, fields: ["kind", "name", "quantity", "unitPrice", "discount", "taxRate"]
        ).map { row -> [String: Any] in
            var row = row
            let chosen = (row["kind"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? "service"
            row["kinds"] = Receipt.ItemKind.allCases.map {
                ["id": $0.rawValue, "label": label("kind", $0.rawValue), "selected": $0.rawValue == chosen]
            }
            return row
        }
        let payments = rowsContext("payment", initial: initialPaymentRows, fields: ["method", "amount"]).map {
            row -> [String: Any] in
            var row = row
            let chosen = (row["method"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? "card"
            row["methods"] = Receipt.PaymentMethod.allCases.map {
                ["id": $0.rawValue, "label": label("method", $0.rawValue), "selected": $0.rawValue == chosen]
            }
            return row
        }
        var context: [String: Any] = [
            "formMode": isChosen(form), "items": items, "payments": payments,
            "taxSystems": taxSystems.map { ["id": $0, "selected": $0 == (form.text("tax-system") ?? "none")] },
            "taxAdded": form.text("tax-mode") == "added",
            "currencies": Currency.knownCodes.map { ["id": $0, "selected": $0 == (form.text("currency") ?? "EUR")] },
        ]
        for name in [
            "number", "location-name", "location-address", "visit-date", "visit-offset", "client-name",
            "client-contact", "paymentLink",
        ] {
            context[name.replacingOccurrences(of: "-", with: "_")] = form.values[name] ?? ""
        }
        return context
    }

    /// The totals as the receipt prints them, in its language: computed by the reader's own money code.
    static func totals(_ form: FormFields, linkPolicy: LinkPolicy) -> [String: String] {
        do {
            let receipt = try ReceiptReader.parse(document(form), file: "form", linkPolicy: linkPolicy)
            let money = MoneyFormatter(language: form.text("lang") ?? receipt.language ?? "en")
            let totals = receipt.totals
            return [
                "subtotal": money.format(totals.subtotal), "discounts": money.format(totals.discounts),
                "total": money.format(totals.total), "paid": money.format(totals.paid),
                "balance": money.format(totals.balance),
            ]
        } catch {
            return ["problem": error.field.description, "field": slot(of: error.field.path)]
        }
    }
}
