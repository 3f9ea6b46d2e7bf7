/// Built-in texts per language, read from `templates/strings/<lang>.yaml`.
/// A language or key that is missing falls back to the base language (`pt-BR` → `pt`), then to English.
public struct StringCatalog: Sendable {
    private var tables: [String: [String: String]] = [:]

    public init() {}

    public var languages: [String] { tables.keys.sorted() }

    /// Every key a catalog may define: the card texts and the receipt labels the layouts ask for. A key outside
    /// them is a typo that would leave the English text in place silently.
    public static let knownKeys: Set<String> = {
        let receipt =
            [
                "title", "notFiscal", "number", "date", "visit", "staff", "client", "taxId", "discount", "subtotal",
                "taxIncluded",
                "taxAdded", "total", "payments", "paid", "remaining", "balanceDue", "scanToPay", "fiscal", "page",
                "fiscal.fn", "fiscal.fd", "fiscal.fp", "fiscal.register",
            ]
            + Receipt.PaymentMethod.allCases.map { "method.\($0.rawValue)" }
            + Receipt.PaymentAttribute.allCases.map { "attribute.\($0.rawValue)" }
            + Receipt.ItemKind.allCases.map { "kind.\($0.rawValue)" }
            + taxNames.map { "taxName.\($0)" }
        return Set(
            [
                "headline", "step1", "step2", "step3", "fallback", "payee", "trust", "trustShort", "nextVisit",
                "visitDate", "visitTime",
            ]
                + receipt.map { "receipt.\($0)" }
                + formErrors.map { "form.error.\($0)" } + formErrors.map { "form.detail.\($0)" }
                + LinkError.messageKeys + ["form.detail.payload.fields"])
    }()

    /// Tax systems a receipt's `tax.system` names that print under their name in the language
    /// (`receipt.taxName.<system>`: vat → VAT, USt., TVA, НДС …); any other system prints as written.
    public static let taxNames = ["vat", "ust", "sales-tax", "consumption-tax", "gst"]

    /// The kinds of refusal the pages show beside a field, with a headline per language (`form.error.<code>`).
    public static let formErrors = [
        "invalid", "link-invalid", "link-host", "link-too-long", "payload-invalid", "payload-payee", "accent-contrast",
        "qr-contrast",
        "missing-glyph",
        "logo", "template", "document", "too-large",
    ]

    mutating func add(language: String, from root: DataField) throws(FieldError) {
        guard root.isMapping else {
            throw root.error("expected a mapping of text keys (headline, step1, …) to texts")
        }
        var table = tables[language] ?? [:]
        for key in root.keys {
            // The pages' own texts (`page.*`) are whatever the English catalog defines; every language must
            // define the same set (checked by the catalog completeness test).
            if key.hasPrefix(Self.pagePrefix) {
                table[key] = try root[key].printedText(limit: PrintedText.longLimit)
                continue
            }
            guard Self.knownKeys.contains(key) else {
                let hint =
                    Suggestion.closest(to: key, in: Self.knownKeys.sorted()).map { "did you mean \"\($0)\"? " } ?? ""
                throw root[key].error("unknown text key; \(hint)see templates/strings/en.yaml for every key")
            }
            table[key] = try root[key].printedText(limit: PrintedText.shortLimit)
        }
        tables[language] = table
    }

    public func hasLanguage(_ code: String) -> Bool {
        tables[code] != nil || tables[Self.baseLanguage(code)] != nil
    }

    /// Why `code` cannot be used, naming the languages there are; nil when there are texts for it.
    public func languageProblem(_ code: String) -> String? {
        hasLanguage(code)
            ? nil
            : "no texts for \"\(Excerpt.of(code, limit: 20))\"; available: \(languages.joined(separator: ", "))"
    }

    /// The text for `key` in `language`, falling back to English; the key itself if nobody defines it.
    public func text(_ key: String, language: String) -> String {
        tables[language]?[key] ?? tables[Self.baseLanguage(language)]?[key] ?? tables["en"]?[key] ?? key
    }

    static let pagePrefix = "page."

    /// The pages' texts in `language` (English where it has none), keyed without the `page.` prefix.
    public func pageTexts(language: String) -> [String: String] {
        var texts: [String: String] = [:]
        for key in (tables["en"] ?? [:]).keys where key.hasPrefix(Self.pagePrefix) {
            texts[String(key.dropFirst(Self.pagePrefix.count))] = text(key, language: language)
        }
        return texts
    }

    /// The `page.*` keys `language` itself defines (without falling back).
    public func pageKeys(definedBy language: String) -> Set<String> {
        Set((tables[language] ?? [:]).keys.filter { $0.hasPrefix(Self.pagePrefix) })
    }

    /// Languages written right to left: their pages and receipts are mirrored.
    public static let rightToLeftLanguages: Set<String> = ["ar", "he", "fa", "ur"]

    public static func isRightToLeft(_ language: String) -> Bool {
        rightToLeftLanguages.contains(baseLanguage(language))
    }

    /// `pt-BR` → `pt`.
    public static func baseLanguage(_ code: String) -> String {
        String(code.prefix { $0 != "-" && $0 != "_" }).lowercased()
    }
}
