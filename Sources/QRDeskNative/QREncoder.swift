import QRDeskCore
internal import CQRencode
import Foundation

/// Encodes payloads with libqrencode in 8-bit mode: the bytes go in exactly as given (no upper-casing, no
/// mode guessing), so the code decodes to the very link that was validated.
public struct QREncoder: Sendable {
    public init() {}

    public enum EncodeError: Error, Hashable, Sendable, CustomStringConvertible {
        /// The payload does not fit even a version 40 symbol at this level.
        case tooLong(bytes: Int, level: ErrorCorrectionLevel)
        case failed(errno: Int32)

        public var description: String {
            switch self {
            case let .tooLong(bytes, level):
                return
                    "the payload is \(bytes) bytes, more than the largest QR code (version 40) holds at error "
                    + "correction level \(level.rawValue)"
            case let .failed(code):
                return "libqrencode could not encode the payload: \(String(cString: strerror(code)))"
            }
        }
    }

    public func encode(_ payload: String, level: ErrorCorrectionLevel) throws(EncodeError) -> QRMatrix {
        try encode(bytes: Array(payload.utf8), level: level)
    }

    public func encode(bytes: [UInt8], level: ErrorCorrectionLevel) throws(EncodeError) -> QRMatrix {
        let symbol: UnsafeMutablePointer<QRcode>? = bytes.withUnsafeBufferPointer { buffer in
            errno = 0
            return QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, level.cValue)
        }
        guard let symbol else {
            let code = errno
            throw code == ERANGE ? .tooLong(bytes: bytes.count, level: level) : .failed(errno: code)
        }
        defer { QRcode_free(symbol) }
        let width = Int(symbol.pointee.width)
        // Bit 0 of each byte is the module colour; the other bits are libqrencode's bookkeeping.
        let modules = (0..<width * width).map { symbol.pointee.data[$0] & 1 == 1 }
        return QRMatrix(
            version: Int(symbol.pointee.version), width: width, level: level, modules: modules,
            payload: String(validating: bytes, as: UTF8.self))
    }
}

extension ErrorCorrectionLevel {
    var cValue: QRecLevel {
        switch self {
        case .low: QR_ECLEVEL_L
        case .medium: QR_ECLEVEL_M
        case .quartile: QR_ECLEVEL_Q
        case .high: QR_ECLEVEL_H
        }
    }
}
