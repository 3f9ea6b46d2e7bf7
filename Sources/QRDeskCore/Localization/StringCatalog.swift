/// Built-in texts per language, read from `templates/strings/<lang>.yaml`.
/// A language or key that is missing falls back to the base language (`pt-BR` → `pt`), then to English.
public struct StringCatalog: Sendable {
    private var tables: [String: [String: String]] = [:]

    public init() {}

    public var languages: [String] { tables.keys.sorted() }

    mutating func add(language: String, from root: DataField) throws(FieldError) {
        var table = tables[language] ?? [:]
        for key in root.keys {
            table[key] = try root[key].string()
        }
        tables[language] = table
    }

    public func hasLanguage(_ code: String) -> Bool {
        tables[code] != nil || tables[Self.baseLanguage(code)] != nil
    }

    /// The text for `key` in `language`, falling back to English; the key itself if nobody defines it.
    public func text(_ key: String, language: String) -> String {
        tables[language]?[key] ?? tables[Self.baseLanguage(language)]?[key] ?? tables["en"]?[key] ?? key
    }

    static func baseLanguage(_ code: String) -> String {
        String(code.prefix { $0 != "-" && $0 != "_" }).lowercased()
    }
}
