import ArgumentParser
import Foundation
import QRDesk

struct ManifestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "manifest", abstract: "Work with batch manifests.",
        subcommands: [Merge.self])

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge the manifests of shards (--shard K/N) into the one a single run would have written.")

        @Argument(help: ArgumentHelp("Shard manifests.", valueName: "MANIFEST")) var manifests: [String]
        @Option(help: ArgumentHelp("Where to write the merged manifest.", valueName: "FILE")) var out = "manifest.json"

        func run() throws {
            try reportingErrors {
                let read = try manifests.map { path -> Manifest in
                    guard let manifest = Manifest.read(URL(fileURLWithPath: path)) else {
                        throw fail("\(path): not a qrdesk manifest")
                    }
                    return manifest
                }
                let merged = try Manifest.merge(read)
                try merged.write(to: URL(fileURLWithPath: out))
                print(
                    "\(out): \(merged.artifacts.count) artifacts, \(merged.failures.count) failed rows from "
                        + "\(read.count) manifests"
                )
            }
        }
    }
}
