import ArgumentParser
import QRDesk

/// The receipt printer model and its cash drawer, for `--format escpos` and `qrdesk print`.
struct PrinterOptions: ParsableArguments {
    @Option(name: .customLong(ReceiptKeys.printerProfile.flag), help: ReceiptKeys.printerProfile.argumentHelp)
    var profile: String?
    @Flag(help: "Open the cash drawer after the receipt (printers with a drawer port).") var drawer = false
    @Flag(
        name: .customLong("native-qr"),
        help:
            "Send the QR codes as the printer's own QR command (profiles with nativeQR); the raster QR is the default.")
    var nativeQR = false
}
