import Foundation
import QRDesk
import QRDeskCore

/// The OpenAPI document as served: the committed `templates/web/openapi.json` with the card request's enums
/// (templates, languages, variants, formats) taken from the templates this server loaded (`TemplateCatalog`),
/// so a deployment with its own templates documents them, and the document cannot drift from the declarations.
enum OpenAPIDocument {
    static func served(_ committed: [UInt8], library: TemplateLibrary) -> [UInt8] {
        let catalog = TemplateCatalog(library: library)
        guard var document = (try? JSONSerialization.jsonObject(with: Data(committed))) as? [String: Any],
            var components = document["components"] as? [String: Any],
            var schemas = components["schemas"] as? [String: Any],
            var card = schemas["CardRequest"] as? [String: Any],
            var properties = card["properties"] as? [String: Any]
        else { return committed }
        let enums: [(RequestKey, [String])] = [
            (CardKeys.template, catalog.cards.map(\.id)), (CardKeys.lang, catalog.languages),
            // `colour` is read as `color` (ChoiceList), so a British spelling is documented too.
            (CardKeys.variant, catalog.variants + ["colour"]), (CardKeys.format, catalog.formats),
        ]
        for (key, values) in enums {
            guard var property = properties[key.json] as? [String: Any] else { continue }
            property["enum"] = values
            property["examples"] = nil
            properties[key.json] = property
        }
        card["properties"] = properties
        schemas["CardRequest"] = card
        components["schemas"] = schemas
        document["components"] = components
        let options: JSONSerialization.WritingOptions = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? JSONSerialization.data(withJSONObject: document, options: options)).map(Array.init) ?? committed
    }
}
