import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

/// Where templates come from, for every command that reads them.
struct TemplateOptions: ParsableArguments {
    @Option(
        name: .customLong("templates"),
        help: ArgumentHelp(
            "Extra folder of templates; a template here overrides a bundled one with the same id.", valueName: "DIR"))
    var templateDirectories: [String] = []

    func library() throws -> TemplateLibrary {
        try TemplateLocator.library(extra: templateDirectories.map { URL(fileURLWithPath: $0) })
    }
}
