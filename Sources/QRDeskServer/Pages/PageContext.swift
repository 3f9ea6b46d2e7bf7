import QRDeskCore

/// What every page's Mustache context shares: the language list, the navigation, and field errors in the form's
/// language (the catalog's `form.error.<code>` headline over the engine's English detail).
struct PageContext {
    let library: TemplateLibrary

    static let languageNames = ["en": "English", "es": "Español", "de": "Deutsch", "fr": "Français", "pt": "Português",
                                "ru": "Русский", "ar": "العربية", "he": "עברית"]
    static let rightToLeft: Set<String> = ["ar", "he", "fa", "ur"]

    func languages(selected: String) -> [[String: Any]] {
        library.strings.languages.map { code in
            ["code": code, "name": Self.languageNames[code] ?? code, "selected": code == selected]
        }
    }

    func base(page: String, title: String) -> [String: Any] {
        let pages = [("cards", "/", "Counter cards"), ("show", "/show", "Show QR"), ("receipts", "/receipts", "Receipts"),
                     ("kits", "/kits", "Batch kits")]
        return ["title": title,
                "nav": pages.map { ["id": $0.0, "href": $0.1, "label": $0.2, "current": $0.0 == page] }]
    }

    /// A problem as shown beside its field: the headline in `language` where the catalog has one, else the
    /// problem's own title; the detail says exactly what and how to fix it.
    func fieldError(_ problem: ProblemDetails, language: String) -> [String: Any] {
        let key = "form.error.\(problem.code.rawValue)"
        let translated = library.strings.text(key, language: language)
        return ["headline": translated == key ? problem.title : translated, "detail": problem.detail, "lang": language,
                "dir": Self.rightToLeft.contains(StringCatalogLanguage.base(language)) ? "rtl" : "ltr"]
    }
}

/// `pt-BR` → `pt`.
enum StringCatalogLanguage {
    static func base(_ code: String) -> String { String(code.prefix { $0 != "-" && $0 != "_" }).lowercased() }
}
