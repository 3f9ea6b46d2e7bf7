import QRDeskCore

/// What every page's Mustache context shares: the language list, the navigation, and field errors in the page's
/// language, the reader's — not the card's, which may be printed in another (the catalog's `form.error.<code>`
/// headline over the detail in the catalog's words).
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

    /// The page language's texts (`t`), its code and direction, the language menu, the navigation and the title.
    func base(page: String, title: String) -> [String: Any] {
        let language = PageLanguage.current
        let texts = library.strings.pageTexts(language: language)
        let pages = [("cards", "/"), ("show", "/show"), ("receipts", "/receipts"), ("kits", "/kits")]
        let titles = ["cards": "cards_title", "show": "nav_show", "receipts": "nav_receipts", "kits": "nav_kits"]
        return [
            "title": titles[page].flatMap { texts[$0] } ?? title,
            "t": texts,
            "uiLang": language, "uiDir": Self.direction(language),
            "uiLanguages": languages(selected: language),
            "nav": pages.map {
                ["id": $0.0, "href": $0.1, "label": texts["nav_\($0.0)"] ?? $0.0, "current": $0.0 == page]
            },
        ]
    }

    /// A page text in the page's language.
    func text(_ key: String) -> String {
        library.strings.text("page.\(key)", language: PageLanguage.current)
    }

    /// A page text under `key` in the page's language when the catalog's English for it is `english`, else
    /// `english` as it is: a bundled template's or scheme's name translates, a user's own template keeps its title.
    func text(_ key: String, translating english: String) -> String {
        library.strings.text("page.\(key)", language: "en") == english ? text(key) : english
    }

    /// The headline in `language` where the catalog has one (`form.error.<code>`), else the problem's own title.
    func headline(_ problem: ProblemDetails, language: String) -> String {
        let key = "form.error.\(problem.code.rawValue)"
        let translated = library.strings.text(key, language: language)
        return translated == key ? problem.title : translated
    }

    /// The detail in `language`: the refusal's own message where the catalog words it, else in English the
    /// engine's exact detail, and in any other language the catalog's explanation of the refusal's kind
    /// (`form.detail.<code>`) with its fix, so no English is left on the page.
    func detail(_ problem: ProblemDetails, language: String) -> String {
        let base = StringCatalog.baseLanguage(language)
        if let message = problem.message, message.replacesEnglish || base != "en",
            let text = message.text(in: library.strings, language: language)
        {
            return text
        }
        // English, or a language the catalog cannot speak (a refused `lang`): the engine's exact words.
        if base == "en" || !library.strings.languages.contains(base) { return problem.detail }
        let key = "form.detail.\(problem.code.rawValue)"
        let explained = library.strings.text(key, language: language)
        return explained == key ? library.strings.text("form.detail.invalid", language: language) : explained
    }

    /// The problem JSON a page's script shows beside a field: its title and detail in the page's language.
    func localized(_ problem: ProblemDetails) -> ProblemDetails {
        let language = PageLanguage.current
        var localized = problem
        localized.title = headline(problem, language: language)
        localized.detail = detail(problem, language: language)
        return localized
    }

    /// The page's `errors`: the problem under its field when the page has a place for that field, else under
    /// `fallback`; the headline in the page's language, the detail saying exactly what and how to fix it.
    func errors(_ problem: ProblemDetails, slots: Set<String>, fallback: String) -> [String: Any] {
        let language = PageLanguage.current
        let slot = problem.field.flatMap { slots.contains($0) ? $0 : nil } ?? fallback
        return [
            slot: [
                "headline": headline(problem, language: language), "detail": detail(problem, language: language),
                "lang": language,
                "dir": Self.direction(language),
            ]
        ]
    }

    static func direction(_ language: String) -> String {
        StringCatalog.isRightToLeft(language) ? "rtl" : "ltr"
    }
}
