import QRDeskCore
internal import CLibz
import Dispatch
import Synchronization
#if canImport(Glibc)
    import Glibc
#endif

/// Writes PNG files from raw pixels: zlib at level 1 with run-length matching and the "up" row filter, in
/// slices compressed in parallel, plus a pHYs chunk so the image prints at true size. Cairo's own writer takes
/// several times longer (libpng tries every filter at zlib's default level) and records no resolution.
public enum PNGEncoder {
    public enum PixelLayout: Sendable {
        /// 8-bit RGB from Cairo's RGB24/ARGB32 memory (native-endian 0xAARRGGBB words).
        case rgb
        /// 8-bit RGBA from Cairo's ARGB32 memory, its premultiplied channels divided back by alpha (logos).
        case rgba
        /// 1 bit per pixel, black below half grey: for black-and-white and thermal printers.
        case blackAndWhite
    }

    /// - Parameters:
    ///   - pixels: Cairo image data, `stride` bytes per row, 32 bits per pixel.
    ///   - dpi: recorded in pHYs as pixels per metre; nil writes no pHYs (an image placed by its frame).
    static func encode(
        pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, layout: PixelLayout, dpi: Int?
    ) throws(NativeError) -> [UInt8] {
        let rowBytes: Int
        switch layout {
        case .rgb: rowBytes = width * 3
        case .rgba: rowBytes = width * 4
        case .blackAndWhite: rowBytes = (width + 7) / 8
        }
        // Every byte is written below, so the buffer need not be zeroed first.
        var filtered = [UInt8](unsafeUninitializedCapacity: (rowBytes + 1) * height) { _, count in
            count = (rowBytes + 1) * height
        }
        // The "up" filter stores each byte minus the byte above it, computed straight from the source rows:
        // large flat areas become runs of zeros, which zlib's run-length mode packs quickly.
        filtered.withUnsafeMutableBufferPointer { buffer in
            let out = buffer.baseAddress!
            switch layout {
            case .rgb:
                for y in 0..<height {
                    let row = out + y * (rowBytes + 1)
                    row[0] = 2
                    let current = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
                    var target = row + 1
                    if y == 0 {
                        for x in 0..<width {
                            let pixel = current[x]
                            target[0] = UInt8(truncatingIfNeeded: pixel >> 16)
                            target[1] = UInt8(truncatingIfNeeded: pixel >> 8)
                            target[2] = UInt8(truncatingIfNeeded: pixel)
                            target += 3
                        }
                        continue
                    }
                    let above = UnsafeRawPointer(pixels + (y - 1) * stride).assumingMemoryBound(to: UInt32.self)
                    for x in 0..<width {
                        let pixel = current[x], up = above[x]
                        target[0] = UInt8(truncatingIfNeeded: pixel >> 16) &- UInt8(truncatingIfNeeded: up >> 16)
                        target[1] = UInt8(truncatingIfNeeded: pixel >> 8) &- UInt8(truncatingIfNeeded: up >> 8)
                        target[2] = UInt8(truncatingIfNeeded: pixel) &- UInt8(truncatingIfNeeded: up)
                        target += 3
                    }
                }
            case .rgba:
                filterStraightAlpha(pixels: pixels, width: width, height: height, stride: stride, into: out)
            case .blackAndWhite:
                filterBits(MonochromeBitmap(pixels: pixels, width: width, height: height, stride: stride), into: out)
            }
        }
        return try container(filtered: filtered, width: width, height: height, layout: layout, dpi: dpi)
    }

    /// An 8-bit RGB PNG of a grey image (tests plant defects in decoded pixels and write them back this way).
    public static func encode(grey image: GreyImage, dpi: Int) throws(NativeError) -> [UInt8] {
        var words = [UInt32](repeating: 0, count: image.width * image.height)
        for (index, level) in image.pixels.enumerated() {
            let value = UInt32(level)
            words[index] = 0xFF00_0000 | value << 16 | value << 8 | value
        }
        var result: Result<[UInt8], NativeError> = .failure(
            NativeError(library: "qrdesk", operation: "PNG", detail: "empty image"))
        words.withUnsafeBytes { raw in
            guard let base = raw.bindMemory(to: UInt8.self).baseAddress else { return }
            do throws(NativeError) {
                result = .success(
                    try encode(
                        pixels: base, width: image.width, height: image.height, stride: image.width * 4,
                        layout: .rgb, dpi: dpi))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    /// A 1-bit PNG of printer dots, byte for byte what `encode(pixels:…, layout: .blackAndWhite)` writes for the
    /// surface the bitmap came from.
    static func encode(bitmap: MonochromeBitmap, dpi: Int) throws(NativeError) -> [UInt8] {
        var filtered = [UInt8](repeating: 0, count: (bitmap.rowBytes + 1) * bitmap.height)
        filtered.withUnsafeMutableBufferPointer { filterBits(bitmap, into: $0.baseAddress!) }
        return try container(
            filtered: filtered, width: bitmap.width, height: bitmap.height, layout: .blackAndWhite, dpi: dpi)
    }

    /// PNG grey 1-bit rows (1 is white; padding bits 0) with the "up" filter, from printer dots (1 is black).
    private static func filterBits(_ bitmap: MonochromeBitmap, into out: UnsafeMutablePointer<UInt8>) {
        let rowBytes = bitmap.rowBytes
        let padding = rowBytes * 8 - bitmap.width
        let lastMask: UInt8 = padding == 0 ? 0xFF : ~UInt8((1 << padding) - 1)
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var current = [UInt8](repeating: 0, count: rowBytes)
        bitmap.bits.withUnsafeBufferPointer { dots in
            for y in 0..<bitmap.height {
                for index in 0..<rowBytes { current[index] = ~dots[y * rowBytes + index] }
                current[rowBytes - 1] &= lastMask
                let row = out + y * (rowBytes + 1)
                row[0] = 2
                for index in 0..<rowBytes { row[1 + index] = current[index] &- previous[index] }
                swap(&previous, &current)
            }
        }
    }

    /// Rows of straight (not premultiplied) RGBA with the "up" filter, from premultiplied ARGB32 words.
    private static func filterStraightAlpha(
        pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, into out: UnsafeMutablePointer<UInt8>
    ) {
        let rowBytes = width * 4
        var previous = [UInt8](repeating: 0, count: rowBytes)
        var current = [UInt8](repeating: 0, count: rowBytes)
        for y in 0..<height {
            let words = UnsafeRawPointer(pixels + y * stride).assumingMemoryBound(to: UInt32.self)
            for x in 0..<width {
                let pixel = words[x]
                let alpha = UInt32(pixel >> 24)
                // Rounded division by alpha; a premultiplied channel never exceeds its alpha, so this stays ≤ 255.
                func straight(_ shift: UInt32) -> UInt8 {
                    alpha == 0 ? 0 : UInt8(min(255, ((pixel >> shift & 0xFF) * 255 + alpha / 2) / alpha))
                }
                current[x * 4] = straight(16)
                current[x * 4 + 1] = straight(8)
                current[x * 4 + 2] = straight(0)
                current[x * 4 + 3] = UInt8(alpha)
            }
            let row = out + y * (rowBytes + 1)
            row[0] = 2
            for index in 0..<rowBytes { row[1 + index] = current[index] &- previous[index] }
            swap(&previous, &current)
        }
    }

    private static func container(
        filtered: [UInt8], width: Int, height: Int, layout: PixelLayout, dpi: Int?
    ) throws(NativeError) -> [UInt8] {
        let compressed = try deflate(filtered)
        var png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header.appendBigEndian(UInt32(width))
        header.appendBigEndian(UInt32(height))
        // Bit depth and colour type (PNG §11.2.2): 1-bit grey, 8-bit RGB, 8-bit RGB with alpha.
        switch layout {
        case .blackAndWhite: header += [1, 0, 0, 0, 0]
        case .rgb: header += [8, 2, 0, 0, 0]
        case .rgba: header += [8, 6, 0, 0, 0]
        }
        appendChunk("IHDR", header, to: &png)
        if let dpi {
            var physical: [UInt8] = []
            let perMetre = UInt32((Double(dpi) / 0.0254).rounded())
            physical.appendBigEndian(perMetre)
            physical.appendBigEndian(perMetre)
            physical.append(1)  // unit: metre
            appendChunk("pHYs", physical, to: &png)
        }
        appendChunk("IDAT", compressed, to: &png)
        appendChunk("IEND", [], to: &png)
        return png
    }

    private static func appendChunk(_ type: String, _ body: [UInt8], to png: inout [UInt8]) {
        png.appendBigEndian(UInt32(body.count))
        let typeBytes = Array(type.utf8)
        png += typeBytes
        png += body
        var crc = crc32(0, typeBytes, UInt32(typeBytes.count))
        crc = body.withUnsafeBufferPointer { crc32(crc, $0.baseAddress, UInt32($0.count)) }
        png.appendBigEndian(UInt32(crc))
    }

    /// Independent slices compressed on every core and joined into one zlib stream, as pigz does: each slice
    /// is raw deflate ending on a byte boundary (sync flush), the last one finishes the stream, and the
    /// checksums are combined. The slice count is fixed, so the bytes never depend on the machine.
    static let slices = 4

    static func deflate(_ input: [UInt8]) throws(NativeError) -> [UInt8] {
        let sliceLength = (input.count + slices - 1) / slices
        let results = Mutex<[Int: Result<([UInt8], UInt), NativeError>]>([:])
        DispatchQueue.concurrentPerform(iterations: slices) { index in
            let start = min(input.count, index * sliceLength), end = min(input.count, start + sliceLength)
            let result = input.withUnsafeBufferPointer { source in
                Result { () throws(NativeError) -> ([UInt8], UInt) in
                    let base = source.baseAddress! + start
                    let compressed = try deflateSlice(base, count: end - start, last: index == slices - 1)
                    return (compressed, adler32(1, base, UInt32(end - start)))
                }
            }
            results.withLock { $0[index] = result }
        }
        var output: [UInt8] = [0x78, 0x01]  // zlib header: deflate, 32 KiB window, fastest level
        var checksum: UInt = 1
        for index in 0..<slices {
            let (compressed, sliceChecksum) = try results.withLock { $0[index]! }.get()
            output += compressed
            let start = min(input.count, index * sliceLength), end = min(input.count, start + sliceLength)
            checksum = adler32_combine(checksum, sliceChecksum, off_t(end - start))
        }
        output.appendBigEndian(UInt32(checksum))
        return output
    }

    private static func deflateSlice(
        _ source: UnsafePointer<UInt8>, count: Int, last: Bool
    ) throws(NativeError) -> [UInt8] {
        var stream = z_stream()
        // Negative window bits: raw deflate, no header or checksum of its own.
        let initStatus = deflateInit2_(
            &stream, 1, Z_DEFLATED, -15, 8, Z_RLE, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        guard initStatus == Z_OK else {
            throw NativeError(library: "zlib", operation: "deflateInit2", detail: "status \(initStatus)")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(count))) + 16)
        let status = output.withUnsafeMutableBufferPointer { destination in
            stream.next_in = UnsafeMutablePointer(mutating: source)
            stream.avail_in = UInt32(count)
            stream.next_out = destination.baseAddress
            stream.avail_out = UInt32(destination.count)
            return CLibz.deflate(&stream, last ? Z_FINISH : Z_SYNC_FLUSH)
        }
        guard status == (last ? Z_STREAM_END : Z_OK), stream.avail_in == 0 else {
            throw NativeError(library: "zlib", operation: "deflate", detail: "status \(status)")
        }
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}

extension Array where Element == UInt8 {
    mutating func appendBigEndian(_ value: UInt32) {
        append(UInt8(value >> 24)); append(UInt8(value >> 16 & 0xFF)); append(UInt8(value >> 8 & 0xFF));
        append(UInt8(value & 0xFF))
    }
}
