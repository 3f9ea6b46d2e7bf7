import Foundation

/// Every template found in one or more folders, by id. Later folders override earlier ones, so a user's
/// `--templates DIR` can restyle a bundled template by reusing its id.
public struct TemplateLibrary: Sendable {
    public private(set) var cards: [String: CardTemplate] = [:]
    /// The earlier card design, from each folder's `classic/` folder: `--style classic`.
    public private(set) var classicCards: [String: CardTemplate] = [:]
    public private(set) var receipts: [String: ReceiptTemplate] = [:]
    public private(set) var strings: StringCatalog = StringCatalog()
    /// Receipt printer models, from `printers/*.yaml` beside the templates.
    public private(set) var printers: [String: PrinterProfile] = [:]

    public init() {}

    /// Loads `*.yaml` / `*.yml` templates and `strings/*.yaml` string tables from each folder in order.
    public static func load(from directories: [URL]) throws(TemplateError) -> TemplateLibrary {
        var library = TemplateLibrary()
        for directory in directories {
            try library.add(directory: directory)
        }
        if library.cards.isEmpty && library.receipts.isEmpty {
            throw .noTemplates(directory: directories.map(\.path).joined(separator: ", "))
        }
        return library
    }

    private mutating func add(directory: URL) throws(TemplateError) {
        let manager = FileManager.default
        guard let names = try? manager.contentsOfDirectory(atPath: directory.path) else {
            throw .unreadable(file: directory.path, reason: "cannot read this templates folder")
        }
        guard names.count <= Self.maximumFiles else {
            throw .unreadable(
                file: directory.path,
                reason: "holds more than \(Self.maximumFiles) files; is this the templates folder?")
        }
        var seen: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
            let url = directory.appendingPathComponent(name)
            let file = Self.displayPath(url)
            let template = try Self.template(from: try Self.read(url), file: file)
            // Ids are unique within a folder; a later folder may reuse one to override a bundled template.
            if let other = seen[template.id] { throw .duplicateID(id: template.id, files: [other, file]) }
            seen[template.id] = file
            switch template {
            case let .card(card): cards[card.id] = card
            case let .receipt(receipt): receipts[receipt.id] = receipt
            }
        }
        let classicDirectory = directory.appendingPathComponent("classic")
        if let names = try? manager.contentsOfDirectory(atPath: classicDirectory.path) {
            for name in names.sorted() where name.hasSuffix(".yaml") || name.hasSuffix(".yml") {
                let url = classicDirectory.appendingPathComponent(name)
                let file = Self.displayPath(url)
                guard case var .card(card) = try Self.template(from: try Self.read(url), file: file) else {
                    throw .unreadable(file: file, reason: "the classic folder holds card templates only")
                }
                card.style = .classic
                classicCards[card.id] = card
            }
        }
        let printersDirectory = directory.appendingPathComponent("printers")
        if let names = try? manager.contentsOfDirectory(atPath: printersDirectory.path) {
            for name in names.sorted() where name.hasSuffix(".yaml") {
                let url = printersDirectory.appendingPathComponent(name)
                let file = Self.displayPath(url)
                let root = try Self.parse(try Self.read(url), file: file)
                do {
                    let profile = try PrinterProfileReader(root: root, source: file).read()
                    printers[profile.id] = profile
                } catch {
                    throw .invalid(file: file, field: error)
                }
            }
        }
        let stringsDirectory = directory.appendingPathComponent("strings")
        if let names = try? manager.contentsOfDirectory(atPath: stringsDirectory.path) {
            for name in names.sorted() where name.hasSuffix(".yaml") {
                let url = stringsDirectory.appendingPathComponent(name)
                let root = try Self.parse(try Self.read(url), file: Self.displayPath(url))
                do {
                    try strings.add(language: String(name.dropLast(5)), from: root)
                } catch {
                    throw .invalid(file: Self.displayPath(url), field: error)
                }
            }
        }
    }

    /// A template or string table is a page of YAML; anything near this size is not one.
    static let maximumFileBytes = 1 << 20
    static let maximumFiles = 1_000

    /// One template, card or receipt.
    public enum Template: Sendable {
        case card(CardTemplate)
        case receipt(ReceiptTemplate)

        var id: String {
            switch self {
            case let .card(template): template.id
            case let .receipt(template): template.id
            }
        }
    }

    /// Reads one template document; `file` names it in errors.
    public static func template(from bytes: [UInt8], file: String) throws(TemplateError) -> Template {
        let root = try parse(bytes, file: file)
        do throws(FieldError) {
            let kind = root["kind"].isMissing ? "card" : try root["kind"].string()
            switch kind {
            case "card": return .card(try CardTemplateReader(root: root, source: file).read())
            case "receipt": return .receipt(try ReceiptTemplateReader(root: root, source: file).read())
            default: throw root["kind"].error("expected card or receipt, got \"\(Excerpt.of(kind, limit: 20))\"")
            }
        } catch {
            throw .invalid(file: file, field: error)
        }
    }

    private static func read(_ url: URL) throws(TemplateError) -> [UInt8] {
        let file = displayPath(url)
        do { return try InputFile.read(url, limit: maximumFileBytes, displayName: file) } catch {
            throw .unreadable(file: file, reason: error.reason)
        }
    }

    private static func parse(_ bytes: [UInt8], file: String) throws(TemplateError) -> DataField {
        guard bytes.count <= maximumFileBytes else {
            throw .unreadable(file: file, reason: "is larger than \(maximumFileBytes) bytes")
        }
        do { return try DataField.parse(bytes, format: .yaml) } catch {
            throw .invalid(file: file, field: error)
        }
    }

    /// Paths relative to the working directory when below it: shorter messages, and no machine paths in output.
    static func displayPath(_ url: URL) -> String {
        let cwd = FileManager.default.currentDirectoryPath + "/"
        let path = url.standardizedFileURL.path
        return path.hasPrefix(cwd) ? String(path.dropFirst(cwd.count)) : path
    }

    /// The card template `id` in `style`; a template with no classic version is its own classic.
    public func card(_ id: String, style: CardStyle = .modern) throws(TemplateError) -> CardTemplate {
        if style == .classic, let classic = classicCards[id] { return classic }
        guard let template = cards[id] else {
            if receipts[id] != nil { throw .wrongKind(id: id, expected: "card") }
            throw .unknownTemplate(id: id, known: cards.keys.sorted())
        }
        return template
    }

    public func printer(_ id: String) throws(TemplateError) -> PrinterProfile {
        guard let profile = printers[id] else { throw .unknownPrinter(id: id, known: printers.keys.sorted()) }
        return profile
    }

    public func receipt(_ id: String) throws(TemplateError) -> ReceiptTemplate {
        guard let template = receipts[id] else {
            if cards[id] != nil { throw .wrongKind(id: id, expected: "receipt") }
            throw .unknownTemplate(id: id, known: receipts.keys.sorted())
        }
        return template
    }
}
