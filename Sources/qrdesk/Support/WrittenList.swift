import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

/// A JSON list of what was written, for scripts: `{"artifacts":[{"path":…,"template":…,…}]}`.
struct WrittenList: Encodable {
    struct Entry: Encodable {
        var path: String
        var template: String
        var variant: String
        var format: String
        var bytes: Int
    }
    var artifacts: [Entry]

    func printJSON() {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        if let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) { print(text) }
    }
}
