import ArgumentParser
import Foundation
import QRDesk
import QRDeskCore

struct TemplatesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "List the templates with their paper sizes, and the receipt printer profiles.")

    @OptionGroup var templateOptions: TemplateOptions
    @Flag(
        help: """
            Print every template and printer profile (page, QR box, scan distance, module floor, longest link), \
            the request keys and the choices as JSON, for a platform that builds its own form.
            """)
    var json = false

    func run() throws {
        try reportingErrors {
            let library = try templateOptions.library()
            if json {
                try FileHandle.standardOutput.write(contentsOf: Data(try TemplateCatalog(library: library).json()))
                return
            }
            for template in library.cards.values.sorted(by: { $0.id < $1.id }) {
                let size = "\(Length.pt(template.pageSize.width)) × \(Length.pt(template.pageSize.height))"
                let qr = template.qrElement.map { " · QR \(Length.pt($0.frame.width))" } ?? ""
                print(
                    "\(template.id.padding(toLength: 16, withPad: " ", startingAt: 0)) card     \(size)\(qr)  "
                        + "\(template.title)"
                )
            }
            for template in library.receipts.values.sorted(by: { $0.id < $1.id }) {
                let height = template.pageHeight.map { " × \(Length.pt($0))" } ?? " roll"
                print(
                    "\(template.id.padding(toLength: 16, withPad: " ", startingAt: 0)) receipt  "
                        + "\(Length.pt(template.pageWidth))\(height)  \(template.title)"
                )
            }
            for profile in library.printers.values.sorted(by: { $0.id < $1.id }) {
                let features =
                    ["cut \(profile.cut.rawValue)"] + (profile.drawer ? ["drawer"] : [])
                    + (profile.nativeQR ? ["native QR"] : [])
                print(
                    "\(profile.id.padding(toLength: 16, withPad: " ", startingAt: 0)) printer  \(profile.dotsPerLine) "
                        + "dots at \(profile.dpi) dpi, \(features.joined(separator: ", "))  \(profile.title)"
                )
            }
        }
    }
}
