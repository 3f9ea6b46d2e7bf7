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

    func printJSON() { qrdesk.printJSON(self) }
}
