import Foundation
import Testing
import TestSupport
import QRDesk
import QRDeskCore
import QRDeskNative

/// ESC/POS output and `qrdesk print`, against a fake printer on 127.0.0.1 that parses what it is sent.
@Suite("Receipt printers: ESC/POS")
struct ReceiptPrinterTests {
    static let example = TestSupport.packageRoot.appendingPathComponent("examples/receipts/partial-usd-en.json").path

    /// The stream parses cleanly, its raster is the 1-bit PNG dot for dot, the balance QR scans from it, and
    /// bands, feed and cut are where the profile says.
    @Test(arguments: [
        ("receipt-80mm", "generic-80mm", 576, 24, true), ("receipt-58mm", "xprinter-xp58", 384, 16, false),
    ])
    func streamIsThePNGDotForDot(template: String, profile: String, dots: Int, band: Int, cuts: Bool) throws {
        var request = ReceiptRequest(
            receipt: try Receipts.example("partial-usd-en.json"), templateID: template, formats: [.png, .escpos],
            printerProfile: profile)
        request.openDrawer = true
        let artifacts = try ReceiptRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z").render(
            request)
        let png = try #require(artifacts.first { $0.format == .png }),
            stream = try ESCPOSStream(try #require(artifacts.first { $0.format == .escpos }).bytes)
        let image = try PNGDecoder.greyImage(png.bytes)
        #expect(stream.bitmap.width == dots && image.width == dots && stream.bitmap.height == image.height)
        var differing = 0
        for y in 0..<image.height {
            for x in 0..<image.width where (image[x, y] == 0) != stream.bitmap[x, y] { differing += 1 }
        }
        #expect(differing == 0, "\(differing) dots differ from the PNG")
        #expect(try ZBarDecoder().decode(stream.greyImage) == ["https://pay.example.com/p/Lx7rT2aQ9m"])
        let bands = stream.commands.compactMap { if case let .raster(_, rows) = $0 { rows } else { nil } }
        #expect(
            bands.dropLast().allSatisfy { $0 == band } && (bands.last ?? 0) <= band
                && bands.reduce(0, +) == image.height)
        #expect(stream.commands.first == .initialize)
        let tail = Array(
            stream.commands.drop { if case .raster = $0 { false } else { true } }.drop {
                if case .raster = $0 { true } else { false }
            })
        // generic-80mm: feed, partial cut, drawer; the XP-58 has no cutter and no drawer port.
        #expect(tail == (cuts ? [.feed(lines: 4), .cut(partial: true), .drawerKick] : [.feed(lines: 5)]), "\(tail)")
    }

    @Test func cardsAndSheetsRefuseESCPOS() throws {
        let renderer = ReceiptRenderer(library: try Cards.library)
        #expect(throws: ReceiptPrintError.notARoll(template: "receipt-a4")) {
            try renderer.render(
                ReceiptRequest(
                    receipt: try Receipts.example("paid-eur-en.json"), templateID: "receipt-a4", formats: [.escpos]))
        }
        #expect(throws: ESCPOSEncoder.EncodeError.self) {
            try renderer.render(
                ReceiptRequest(
                    receipt: try Receipts.example("paid-eur-en.json"), templateID: "receipt-80mm", formats: [.escpos],
                    printerProfile: "generic-58mm"))
        }
        #expect(throws: ReceiptPrintError.notAReceipt) { try Cards.render(try Cards.request(formats: [.escpos])) }
    }

    /// Over TCP: the status queries, then exactly the stream `receipt --format escpos` writes.
    @Test func printOverTCPArrivesByteForByte() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let written = try sandbox.qrdesk(["receipt", Self.example, "--format", "escpos", "--out", "out"])
        #expect(written.status == 0, "\(written.stderr)")
        let stream = [UInt8](
            try Data(contentsOf: sandbox.out.appendingPathComponent("lux-2026-7781-receipt-80mm.escpos")))
        let printer = try FakeReceiptPrinter()
        let printed = try sandbox.qrdesk(["print", Self.example, "--printer", "tcp://127.0.0.1:\(printer.port)"])
        #expect(printed.status == 0, "\(printed.stderr)")
        #expect(
            printed.stdout.contains(
                "print: receipt LUX-2026-7781: \(stream.count) bytes accepted by tcp://127.0.0.1:\(printer.port)"),
            "\(printed.stdout)")
        let received = printer.bytes()
        #expect(Array(received.prefix(6)) == [0x10, 0x04, 0x04, 0x10, 0x04, 0x02])
        #expect(Array(received.dropFirst(6)) == stream)
        #expect(try ESCPOSStream(received).commands.contains(.cut(partial: true)))
    }

    @Test func printToADeviceFileArrivesByteForByte() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let device = sandbox.root.appendingPathComponent("lp0")
        FileManager.default.createFile(atPath: device.path, contents: nil)
        let printed = try sandbox.qrdesk([
            "print", Self.example, "--printer", "file:\(device.path)", "--template", "receipt-58mm",
        ])
        #expect(printed.status == 0, "\(printed.stderr)")
        let stream = try ESCPOSStream([UInt8](try Data(contentsOf: device)))
        #expect(stream.bitmap.width == 384 && stream.commands.last == .feed(lines: 4))
        let missing = try sandbox.qrdesk(["print", Self.example, "--printer", "file:/dev/qrdesk-no-such-printer"])
        #expect(
            missing.status == 1
                && missing.stderr.contains(
                    "file:/dev/qrdesk-no-such-printer: cannot open it (No such file or directory)"),
            "\(missing.stderr)")
    }

    /// Every way a printer fails is a clear message and exit status 1, never "printed".
    @Test func printerFailuresAreClear() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        func print(
            _ printer: FakeReceiptPrinter?, port: UInt16? = nil, _ extra: [String] = []
        ) throws -> TestSupport.ProcessResult {
            try sandbox.qrdesk(
                ["print", Self.example, "--printer", "tcp://127.0.0.1:\(port ?? printer?.port ?? 9)"] + extra)
        }
        // Refused: a port nobody listens on (taken from a printer that is gone).
        let closedPort = try FakeReceiptPrinter.unusedPort()
        let refused = try print(nil, port: closedPort)
        #expect(
            refused.status == 1 && refused.stderr.contains("the printer refused the connection"), "\(refused.stderr)")

        let jammed = try FakeReceiptPrinter(.stopReading(after: 8_000))
        let stalled = try print(jammed, ["--write-timeout", "1"])
        #expect(
            stalled.status == 1 && stalled.stderr.contains("the printer stopped taking data after")
                && stalled.stderr.contains("nothing for 1 s"), "\(stalled.stderr)")
        #expect(!stalled.stdout.contains("accepted"))

        let dropping = try FakeReceiptPrinter(.closeAfter(bytes: 5_000))
        let closed = try print(dropping)
        #expect(
            closed.status == 1 && closed.stderr.contains("the printer closed the connection after"), "\(closed.stderr)")

        let empty = try FakeReceiptPrinter(.status(paper: 0x72, offlineCause: 0x12))
        let paperOut = try print(empty)
        #expect(
            paperOut.status == 1 && paperOut.stderr.contains("the printer is out of paper; load a new roll"),
            "\(paperOut.stderr)")
        #expect(empty.bytes() == [0x10, 0x04, 0x04], "nothing but the status query is sent to a printer without paper")

        let open = try FakeReceiptPrinter(.status(paper: 0x12, offlineCause: 0x16))
        let cover = try print(open)
        #expect(cover.status == 1 && cover.stderr.contains("the printer's cover is open"), "\(cover.stderr)")

        let bad = try sandbox.qrdesk(["print", Self.example, "--printer", "lpt1:"])
        #expect(bad.status != 0 && bad.stderr.contains("is not a printer address"), "\(bad.stderr)")
    }
}

@Suite("Receipt QR on the printer's dot grid")
struct ReceiptQRDotGridTests {
    /// On a thermal roll every module is the same whole number of dots, and the finder pattern's first row is
    /// exactly seven modules of black in the dots the printer gets.
    @Test(arguments: ["receipt-80mm", "receipt-58mm"])
    func modulesAreWholeDots(template id: String) throws {
        let library = try Cards.library
        let template = try library.receipt(id)
        let receipt = try Receipts.example("partial-usd-en.json")
        let matrix = try QREncoder().encode(try #require(receipt.paymentLink).text, level: .medium)
        let layout = ReceiptLayout(
            template: template, receipt: receipt, strings: library.strings, language: "en",
            measurer: try PangoTextShaper(), balanceQR: matrix, fiscalQR: nil)
        let document = try layout.document(metadata: DocumentMetadata(title: "", subject: "", creationDate: ""))
        let symbol = try #require(
            document.pages[0].items.compactMap { if case let .qr(symbol) = $0.shape { symbol } else { nil } }.first)
        let dpi = try #require(template.nativeDPI), dots = try #require(template.printableDots)
        let scale = Double(dpi) / 72, origin = (template.pageWidth - Double(dots) / scale) / 2
        let modules = Double(matrix.width + 2 * symbol.quietZone)
        let moduleDots = symbol.frame.width * scale / modules
        #expect(
            abs(moduleDots - moduleDots.rounded()) < 1e-6 && moduleDots.rounded() >= 4, "\(moduleDots) dots per module")
        let x = (symbol.frame.x - origin) * scale, y = symbol.frame.y * scale
        #expect(abs(x - x.rounded()) < 1e-6 && abs(y - y.rounded()) < 1e-6, "corner at \(x), \(y) dots")
        let bitmap = try RasterRenderer().renderBitmap(document, dpi: dpi, printableDots: dots)
        let n = Int(moduleDots.rounded()), left = Int(x.rounded()) + symbol.quietZone * n,
            top = Int(y.rounded()) + symbol.quietZone * n
        for row in [top, top + n - 1] {
            #expect(
                !bitmap[left - 1, row] && (left..<left + 7 * n).allSatisfy { bitmap[$0, row] }
                    && !bitmap[left + 7 * n, row],
                "finder row \(row): not exactly \(7 * n) black dots from \(left)")
        }
    }
}

@Suite("Receipt text at the printer's resolution")
struct PrinterTextTests {
    /// The gaps between the letters of "minimum" (stems a fixed distance apart in the font's design), as dots at
    /// 203 dpi: with hinted metrics on the printer's grid they differ by at most one dot; unhinted, thresholded
    /// text showed gaps of 1 and 3 dots side by side ("par tial", "receip t").
    static func gaps(deviceText: Bool, size: Double) throws -> [Int] {
        let style = TextStyle(family: "Noto Sans", size: size)
        let shaper = try PangoTextShaper(deviceScale: deviceText ? 203.0 / 72 : nil)
        let metrics = try shaper.measure("minimum minimum", style: style, width: 200, maxLines: nil)
        let box = TextBox(
            text: "minimum minimum", style: style, frame: Rect(x: 10.3, y: 5, width: 200, height: metrics.height))
        let document = Document(
            metadata: DocumentMetadata(title: "", subject: "", creationDate: ""),
            pages: [
                Page(
                    size: Size(width: 226.77, height: metrics.height + 10),
                    items: [DrawItem(name: "word", shape: .text(box))])
            ])
        let bitmap = try RasterRenderer().renderBitmap(document, dpi: 203, printableDots: 576, deviceText: deviceText)
        let inked = (0..<bitmap.width).map { x in (0..<bitmap.height).contains { bitmap[x, $0] } }
        var gaps: [Int] = [], run = 0, seenInk = false
        for column in inked {
            if column {
                if seenInk, run > 0, run < 8 { gaps.append(run) }; run = 0; seenInk = true
            } else if seenInk {
                run += 1
            }
        }
        return gaps
    }

    @Test(arguments: [7.0, 8.5])
    func lettersAreEvenlySpacedOnTheDotGrid(size: Double) throws {
        let hinted = try Self.gaps(deviceText: true, size: size)
        #expect(hinted.count >= 10, "\(hinted)")
        #expect(
            (hinted.max() ?? 0) - (hinted.min() ?? 0) <= 1,
            "gaps between the stems of \"minimum\" at \(size) pt: \(hinted)")
        let unhinted = try Self.gaps(deviceText: false, size: size)
        #expect(
            (unhinted.max() ?? 0) - (unhinted.min() ?? 0) >= (hinted.max() ?? 0) - (hinted.min() ?? 0),
            "hinted \(hinted), unhinted \(unhinted)")
    }
}

@Suite("Receipt printers: a day's receipts from a batch")
struct BatchPrintTests {
    /// `batch --print`: every receipt row's stream, in list order, one job each; a printer that runs out of paper
    /// stops the run there and every later receipt is named as not printed.
    @Test func receiptsArePrintedInListOrder() throws {
        let sandbox = try Sandbox()
        defer { sandbox.remove() }
        let examples = TestSupport.packageRoot.appendingPathComponent("examples/receipts")
        for name in ["paid-eur-en.json", "partial-usd-en.json", "paid-jpy.json"] {
            try FileManager.default.copyItem(
                at: examples.appendingPathComponent(name), to: sandbox.root.appendingPathComponent(name))
        }
        try sandbox.write(
            "id,receipt\nb-usd,partial-usd-en.json\na-eur,paid-eur-en.json\nc-jpy,paid-jpy.json\n", to: "day.csv")
        let printer = try FakeReceiptPrinter()
        let run = try sandbox.qrdesk([
            "batch", "day.csv", "--out", "out", "--quiet", "--print", "tcp://127.0.0.1:\(printer.port)",
        ])
        #expect(run.status == 0, "\(run.stderr)")
        let streams = printer.streams(3)
        #expect(streams.count == 3)
        let written = try [
            "b-usd/lux-2026-7781-receipt-80mm.escpos", "a-eur/sn-2026-000123-receipt-80mm.escpos",
            "c-jpy/sk-000981-receipt-80mm.escpos",
        ]
        .map { path in [UInt8](try Data(contentsOf: sandbox.out.appendingPathComponent(path))) }
        for (stream, file) in zip(streams, written) {
            #expect(Array(stream.dropFirst(6)) == file, "printed in list order, as written")
        }
        #expect(
            run.stdout.contains("print: row 2 (id b-usd)") && run.stdout.contains("print: row 4 (id c-jpy)"),
            "\(run.stdout)")

        let empty = try FakeReceiptPrinter(.status(paper: 0x72, offlineCause: 0x12))
        let stopped = try sandbox.qrdesk([
            "batch", "day.csv", "--out", "out", "--quiet", "--print", "tcp://127.0.0.1:\(empty.port)",
        ])
        #expect(stopped.status == 1)
        #expect(
            stopped.stderr.contains(
                "row 2 (id b-usd): not printed: tcp://127.0.0.1:\(empty.port): the printer is out of paper"),
            "\(stopped.stderr)")
        #expect(
            stopped.stderr.contains("row 3 (id a-eur): not printed: printing stopped at row 2")
                && stopped.stderr.contains("row 4 (id c-jpy): not printed"))
    }
}

@Suite("Receipt printers: the printer's own QR")
struct NativeQRTests {
    /// With a profile that draws QR codes (`nativeQR`), `--native-qr` replaces the QR's raster rows by GS ( k:
    /// the link as data, level M, modules of the same whole number of dots (at least 4) as the raster had; every
    /// other dot is the PNG's.
    @Test func qrRowsBecomeThePrintersQRCommand() throws {
        let receipt = try Receipts.example("partial-usd-en.json")
        var request = ReceiptRequest(
            receipt: receipt, templateID: "receipt-80mm", formats: [.png, .escpos], printerProfile: "epson-tm-t88")
        request.nativeQR = true
        let artifacts = try ReceiptRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z").render(
            request)
        let image = try PNGDecoder.greyImage(try #require(artifacts.first { $0.format == .png }).bytes)
        let stream = try ESCPOSStream(try #require(artifacts.first { $0.format == .escpos }).bytes)
        let functions = stream.commands.compactMap {
            if case let .qr(function, data) = $0 { (function, data) } else { nil }
        }
        #expect(functions.map(\.0) == [0x41, 0x43, 0x45, 0x50, 0x51])
        let moduleDots = try #require(functions.first { $0.0 == 0x43 }?.1.first)
        #expect(moduleDots >= 4)
        #expect(functions.first { $0.0 == 0x50 }?.1 == [0x30] + Array(try #require(receipt.paymentLink).text.utf8))
        #expect(functions.first { $0.0 == 0x45 }?.1 == [0x31])
        // The raster rows plus the printer's QR rows make the PNG's height; outside the QR every dot matches.
        let matrix = try QREncoder().encode(try #require(receipt.paymentLink).text, level: .medium)
        let qrRows = matrix.width * Int(moduleDots)
        #expect(stream.bitmap.height + qrRows == image.height)
        let qrIndex = try #require(stream.commands.firstIndex { if case .qr = $0 { true } else { false } })
        let rowsBefore = stream.commands[..<qrIndex].reduce(0) {
            if case let .raster(_, rows) = $1 { $0 + rows } else { $0 }
        }
        var differing = 0
        for y in 0..<stream.bitmap.height {
            let pngRow = y < rowsBefore ? y : y + qrRows
            for x in 0..<image.width where (image[x, pngRow] == 0) != stream.bitmap[x, y] { differing += 1 }
        }
        #expect(differing == 0, "\(differing) dots outside the QR differ from the PNG")
        #expect(stream.commands.contains(.justify(1)) && stream.commands.contains(.justify(0)))
    }

    @Test func profilesWithoutNativeQRRefuseIt() throws {
        var request = ReceiptRequest(
            receipt: try Receipts.example("partial-usd-en.json"), templateID: "receipt-80mm", formats: [.escpos])
        request.nativeQR = true
        #expect(throws: ReceiptPrintError.noNativeQR(profile: "generic-80mm")) {
            try ReceiptRenderer(library: try Cards.library).render(request)
        }
    }
}

@Suite("Receipt printers: the stream read back from its bytes")
struct ESCPOSReadBackTests {
    /// A receipt's stream, the dots it was made from (its PNG, dot for dot) and what its code holds.
    static func rendered() throws -> (
        stream: [UInt8], strip: MonochromeBitmap, payload: String, profile: PrinterProfile
    ) {
        let receipt = try Receipts.example("partial-usd-en.json")
        let request = ReceiptRequest(receipt: receipt, templateID: "receipt-80mm", formats: [.png, .escpos])
        let artifacts = try ReceiptRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z").render(
            request)
        let image = try PNGDecoder.greyImage(try #require(artifacts.first { $0.format == .png }).bytes)
        var strip = MonochromeBitmap(width: image.width, height: image.height)
        for y in 0..<image.height { for x in 0..<image.width where image[x, y] == 0 { strip[x, y] = true } }
        return (
            try #require(artifacts.first { $0.format == .escpos }).bytes, strip,
            try #require(receipt.paymentLink).text, try Cards.library.printer("generic-80mm")
        )
    }

    /// Where each `GS v 0` band starts in the stream, with its width in bytes and its rows.
    static func bands(_ stream: [UInt8]) -> [(offset: Int, widthBytes: Int, rows: Int)] {
        var bands: [(Int, Int, Int)] = [], index = 2
        while index + 8 <= stream.count, stream[index] == 0x1D, stream[index + 1] == 0x76 {
            let x = Int(stream[index + 4]) | Int(stream[index + 5]) << 8,
                y = Int(stream[index + 6]) | Int(stream[index + 7]) << 8
            bands.append((index, x, y))
            index += 8 + x * y
        }
        return bands
    }

    static func check(_ stream: [UInt8], strip: MonochromeBitmap, payload: String, profile: PrinterProfile) throws {
        try ESCPOSReadBack(profile: profile, openDrawer: false).check(
            stream, strip: strip, nativeQRs: [], payloads: [payload], fileName: "r.escpos")
    }

    /// The written stream passes; a band shifted down by one row, a cut before the code, a stream cut short and a
    /// code that scans as another link are each refused, saying what is wrong.
    @Test func plantedStreamDefectsAreCaught() throws {
        let (stream, strip, payload, profile) = try Self.rendered()
        try Self.check(stream, strip: strip, payload: payload, profile: profile)
        let bands = Self.bands(stream)
        #expect(bands.count > 10 && bands.allSatisfy { $0.rows <= profile.bandHeight })

        // A band whose rows slipped by one: its first row lost, a white row at its end.
        let band = bands[bands.count / 2], start = band.offset + 8, rowBytes = band.widthBytes
        var shifted = stream
        let data = Array(stream[(start + rowBytes)..<(start + rowBytes * band.rows)])
        shifted.replaceSubrange(
            start..<(start + rowBytes * band.rows), with: data + [UInt8](repeating: 0, count: rowBytes))
        #expect(shifted != stream)
        #expect { try Self.check(shifted, strip: strip, payload: payload, profile: profile) } throws: { error in
            "\(error)".contains("dots of its raster differ from the receipt's")
        }

        // A cut before the band that holds the code's first rows.
        let matrix = try QREncoder().encode(payload, level: .low)
        let codeBand = try #require(bands.last { $0.offset < stream.count - matrix.width * 4 * rowBytes })
        var cutEarly = stream
        cutEarly.insert(contentsOf: ESCPOSEncoder.Command.partialCut, at: codeBand.offset)
        #expect { try Self.check(cutEarly, strip: strip, payload: payload, profile: profile) } throws: { error in
            "\(error)".contains("comes before the end of the receipt; the paper would be fed or cut there")
        }

        // Cut short inside a band.
        #expect {
            try Self.check(Array(stream.prefix(stream.count / 2)), strip: strip, payload: payload, profile: profile)
        } throws: { "\($0)".contains("it is not a stream a printer takes") }

        // The dots are right, but the receipt says its code holds another link.
        #expect { try Self.check(stream, strip: strip, payload: payload + "x", profile: profile) } throws: { error in
            (error as? ReadBackError)?.problem == .decodes(as: [payload], expected: payload + "x")
        }
    }

    /// Both of the stream gate's rates on every example receipt, on both rolls: every stream written through the
    /// gate (none refused), and each with four planted defects (a slipped band, an early cut, a cut-short stream,
    /// a code claimed to hold another link where it has one): none let through.
    @Test func bothRatesOnEveryExampleReceipt() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Receipts.examples.path)
            .filter { $0.hasSuffix(".json") }.sorted()
        var streams = 0, planted = 0, missed: [String] = []
        for name in names {
            for (template, profileID) in [("receipt-80mm", "generic-80mm"), ("receipt-58mm", "xprinter-xp58")] {
                let receipt = try Receipts.example(name)
                let request = ReceiptRequest(
                    receipt: receipt, templateID: template, formats: [.png, .escpos], printerProfile: profileID)
                // The gate: rendering with verification on refuses nothing good.
                let artifacts = try ReceiptRenderer(library: try Cards.library, creationDate: "2024-01-01T00:00:00Z")
                    .render(request)
                streams += 1
                let image = try PNGDecoder.greyImage(try #require(artifacts.first { $0.format == .png }).bytes)
                var strip = MonochromeBitmap(width: image.width, height: image.height)
                for y in 0..<image.height { for x in 0..<image.width where image[x, y] == 0 { strip[x, y] = true } }
                let stream = try #require(artifacts.first { $0.format == .escpos }).bytes
                let payloads = [receipt.paymentLink?.text, receipt.fiscal?.qrPayload].compactMap { $0 }
                let profile = try Cards.library.printer(profileID)
                func refuses(_ bytes: [UInt8], _ expected: [String]) -> Bool {
                    do {
                        try ESCPOSReadBack(profile: profile, openDrawer: false).check(
                            bytes, strip: strip, nativeQRs: [], payloads: expected, fileName: "r.escpos")
                        return false
                    } catch { return true }
                }
                #expect(!refuses(stream, payloads), "\(name) on \(template): the written stream is refused")
                let bands = Self.bands(stream)
                // The band with the most black dots slips by one row.
                let band = try #require(
                    bands.max { a, b in
                        stream[(a.offset + 8)..<(a.offset + 8 + a.widthBytes * a.rows)].reduce(0) {
                            $0 + $1.nonzeroBitCount
                        }
                            < stream[(b.offset + 8)..<(b.offset + 8 + b.widthBytes * b.rows)].reduce(0) {
                                $0 + $1.nonzeroBitCount
                            }
                    })
                let start = band.offset + 8, rowBytes = band.widthBytes
                var slipped = stream
                slipped.replaceSubrange(
                    start..<(start + rowBytes * band.rows),
                    with: Array(stream[(start + rowBytes)..<(start + rowBytes * band.rows)])
                        + [UInt8](repeating: 0, count: rowBytes))
                var cutEarly = stream
                cutEarly.insert(contentsOf: ESCPOSEncoder.Command.fullCut, at: bands[bands.count / 2].offset)
                var plants: [(String, [UInt8], [String])] = [
                    ("slipped band", slipped, payloads), ("early cut", cutEarly, payloads),
                    ("cut short", Array(stream.prefix(stream.count - 7)), payloads),
                ]
                if let first = payloads.first {
                    plants.append(("another link", stream, [first + "x"] + payloads.dropFirst()))
                }
                for (defect, bytes, expected) in plants {
                    planted += 1
                    if !refuses(bytes, expected) { missed.append("\(name) on \(template): \(defect)") }
                }
            }
        }
        #expect(streams == 14 && planted == 50)
        #expect(missed.isEmpty, "let through: \(missed)")
    }
}
