import ArgumentParser

import QRDesk

@main
struct QRDeskCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qrdesk",
        abstract: "Print-ready payment QR cards and receipts.",
        version: QRDeskVersion.current,
        subcommands: [CardCommand.self, ReceiptCommand.self, BatchCommand.self, ManifestCommand.self, TemplatesCommand.self, DemoCommand.self]
    )
}
