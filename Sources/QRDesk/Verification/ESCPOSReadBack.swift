import QRDeskCore
import QRDeskNative

/// A receipt printer's stream read back from its bytes, as the printer would take it (`ESCPOSStream`, strict):
/// it starts by initialising the printer; its raster is the layout's dots, dot for dot, in bands the profile
/// allows; every code scans as its payload (zbar on the rebuilt raster, or the printer's own QR command holding
/// it); and it feeds, cuts and opens the drawer only at the end, as the profile says.
public struct ESCPOSReadBack: Sendable {
    public let profile: PrinterProfile
    public let openDrawer: Bool

    public init(profile: PrinterProfile, openDrawer: Bool) {
        self.profile = profile
        self.openDrawer = openDrawer
    }

    /// A stream written earlier (a slip's `--format escpos` file), checked again before it is sent: a printer
    /// takes it (every command known, starting by initialising), its raster is as wide as the named profile's line
    /// (when one is named), and its raster holds at least one code that decodes. Returns what the codes say.
    public static func checkWritten(
        _ bytes: [UInt8], profile: PrinterProfile?, fileName: String
    ) throws(ReadBackError) -> [String] {
        let stream = try parsed(bytes, fileName: fileName)
        if let profile, stream.bitmap.width != profile.dotsPerLine {
            throw ReadBackError(
                file: fileName,
                problem: .printerStream(
                    "its raster is \(stream.bitmap.width) dots wide and \(profile.id) prints \(profile.dotsPerLine); "
                        + "write it for this printer (a slip-58mm or slip-80mm template) or name its --printer-profile")
            )
        }
        let decoded = try rasterCodes(stream, fileName: fileName)
        guard !decoded.isEmpty else {
            throw ReadBackError(file: fileName, problem: .decodes(as: [], expected: "a code"))
        }
        return decoded
    }

    /// The stream as a printer takes it (every command known), starting by initialising the printer.
    static func parsed(_ bytes: [UInt8], fileName: String) throws(ReadBackError) -> ESCPOSStream {
        let stream: ESCPOSStream
        do { stream = try ESCPOSStream(bytes) } catch {
            throw ReadBackError(file: fileName, problem: .printerStream("it is not a stream a printer takes: \(error)"))
        }
        guard stream.commands.first == .initialize else {
            throw ReadBackError(
                file: fileName, problem: .printerStream("it does not start by initialising the printer"))
        }
        return stream
    }

    /// What zbar reads from the stream's raster.
    static func rasterCodes(_ stream: ESCPOSStream, fileName: String) throws(ReadBackError) -> [String] {
        do { return try ZBarDecoder().decode(stream.greyImage) } catch {
            throw ReadBackError(file: fileName, problem: .unreadable(error.description))
        }
    }

    /// - Parameters:
    ///   - strip: the dots the layout drew, every page as one strip of paper.
    ///   - nativeQRs: rows the printer's own QR command replaces.
    ///   - payloads: what every code on the receipt must scan as.
    public func check(
        _ bytes: [UInt8], strip: MonochromeBitmap, nativeQRs: [ESCPOSEncoder.NativeQR], payloads: [String],
        fileName: String
    ) throws(ReadBackError) {
        func refuse(_ reason: String) -> ReadBackError {
            ReadBackError(file: fileName, problem: .printerStream(reason))
        }
        let stream = try Self.parsed(bytes, fileName: fileName)

        // The body: raster bands and the printer's QR commands; then only the finish.
        var tail: [ESCPOSStream.Command] = [.feed(lines: profile.feedLines)]
        switch profile.cut {
        case .full: tail.append(.cut(partial: false))
        case .partial: tail.append(.cut(partial: true))
        case .none: break
        }
        if openDrawer, profile.drawer { tail.append(.drawerKick) }
        let body = stream.commands.dropFirst().dropLast(tail.count)
        guard Array(stream.commands.suffix(tail.count)) == tail, stream.commands.count > tail.count else {
            throw refuse(
                "it does not end by feeding\(profile.cut == .none ? "" : " and cutting") the paper as the profile says")
        }
        for (index, command) in body.enumerated() {
            switch command {
            case let .raster(_, rows) where rows > profile.bandHeight:
                throw refuse("a raster band of \(rows) rows exceeds the printer's \(profile.bandHeight)")
            case .raster, .qr, .justify: continue
            default:
                throw refuse(
                    "command \(index + 1) (\(command)) comes before the end of the receipt; the paper would be fed or "
                        + "cut there"
                )
            }
        }

        // The raster: the layout's dots, less the rows the printer's own QR commands draw.
        guard stream.bitmap.width == profile.dotsPerLine else {
            throw refuse("its raster is \(stream.bitmap.width) dots wide, the printer \(profile.dotsPerLine)")
        }
        var expected = MonochromeBitmap(width: strip.width, height: 0), row = 0
        for qr in nativeQRs {
            expected.append(strip.rows(row..<qr.rows.lowerBound))
            row = qr.rows.upperBound
        }
        expected.append(strip.rows(row..<strip.height))
        guard stream.bitmap.height == expected.height else {
            throw refuse("its raster has \(stream.bitmap.height) rows where the receipt has \(expected.height)")
        }
        if stream.bitmap.bits != expected.bits {
            let rowBytes = expected.rowBytes
            let first = stream.bitmap.bits.indices.first { stream.bitmap.bits[$0] != expected.bits[$0] } ?? 0
            let differing = zip(stream.bitmap.bits, expected.bits).reduce(0) { $0 + ($1.0 ^ $1.1).nonzeroBitCount }
            throw refuse(
                "\(differing) dots of its raster differ from the receipt's (the first in row \(first / rowBytes))")
        }

        // Every code: the printer's own command holds its payload, or the raster scans as it.
        let stored = stream.commands.compactMap { command -> [UInt8]? in
            if case let .qr(function: 0x50, data) = command { Array(data.dropFirst()) } else { nil }
        }
        let native = nativeQRs.map { Array($0.payload.utf8) }
        guard stored == native else {
            throw ReadBackError(
                file: fileName,
                problem: .decodes(
                    as: stored.map { String(decoding: $0, as: UTF8.self) },
                    expected: nativeQRs.map(\.payload).joined(separator: ", ")))
        }
        var rasterPayloads = payloads
        for qr in nativeQRs {
            if let index = rasterPayloads.firstIndex(of: qr.payload) { rasterPayloads.remove(at: index) }
        }
        let decoded = try Self.rasterCodes(stream, fileName: fileName)
        guard decoded.sorted() == rasterPayloads.sorted() else {
            throw ReadBackError(
                file: fileName, problem: .decodes(as: decoded, expected: rasterPayloads.joined(separator: ", ")))
        }
    }
}
