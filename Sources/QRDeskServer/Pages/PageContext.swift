import QRDeskCore

/// What every page's Mustache context shares: the language list, the navigation, and field errors in the form's
/// language (the catalog's `form.error.<code>` headline over the engine's English detail).
struct PageContext {
    let library: TemplateLibrary

    static let languageNames = [
        "en": "English", "es": "Español", "de": "Deutsch", "fr": "Français", "pt": "Português",
        "ru": "Русский", "ar": "العربية", "he": "עברית",
    ]

    func languages(selected: String) -> [[String: Any]] {
        library.strings.languages.map { code in
            ["code": code, "name": Self.languageNames[code] ?? code, "selected": code == selected]
        }
    }

    func base(page: String, title: String) -> [String: Any] {
        let pages = [
            ("cards", "/", "Counter cards"), ("show", "/show", "Show QR"), ("receipts", "/receipts", "Receipts"),
            ("kits", "/kits", "Batch kits"),
        ]
        return [
            "title": title,
            "nav": pages.map { ["id": $0.0, "href": $0.1, "label": $0.2, "current": $0.0 == page] },
        ]
    }

    /// The headline in `language` where the catalog has one (`form.error.<code>`), else the problem's own title.
    func headline(_ problem: ProblemDetails, language: String) -> String {
        let key = "form.error.\(problem.code.rawValue)"
        let translated = library.strings.text(key, language: language)
        return translated == key ? problem.title : translated
    }

    /// The problem JSON a page's script shows beside a field: its title in the form's language.
    func localized(_ problem: ProblemDetails, language: String) -> ProblemDetails {
        var localized = problem
        localized.title = headline(problem, language: language)
        return localized
    }

    /// The page's `errors`: the problem under its field when the page has a place for that field, else under
    /// `fallback`; the headline in `language`, the detail saying exactly what and how to fix it.
    func errors(_ problem: ProblemDetails, slots: Set<String>, fallback: String, language: String) -> [String: Any] {
        let slot = problem.field.flatMap { slots.contains($0) ? $0 : nil } ?? fallback
        return [
            slot: [
                "headline": headline(problem, language: language), "detail": problem.detail, "lang": language,
                "dir": Self.direction(language),
            ]
        ]
    }

    static func direction(_ language: String) -> String {
        StringCatalog.isRightToLeft(language) ? "rtl" : "ltr"
    }
}
