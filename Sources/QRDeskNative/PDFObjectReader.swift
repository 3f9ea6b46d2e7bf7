import Foundation
import QRDeskCore
internal import CQPDF

/// Any PDF's objects through qpdf (cross-reference streams, object streams, broken tables repaired as qpdf
/// repairs them), as a `PDFObjectGraph` for preflight. One owner for the qpdf handle; qpdf's errors become
/// `NativeError`s at once, and its warnings stay silent.
public enum PDFObjectReader {
    /// More objects than this is not a card or a sheet of cards.
    public static let maximumObjects = 1_000_000
    /// Content and form streams are decoded up to this many bytes in all.
    public static let maximumDecodedBytes = 512 << 20

    public static func read(_ bytes: [UInt8], name: String) throws(NativeError) -> PDFObjectGraph {
        let document = try QPDFHandle()
        try document.load(bytes, name: name)
        return try document.graph()
    }
}

private final class QPDFHandle {
    /// `QPDF_ERRORS` (`1 << 1`), which Swift does not import: the bit a call's status sets when it failed.
    static let errorsBit: QPDF_ERROR_CODE = 2

    var data: qpdf_data?
    private var decodedBytes = 0

    init() throws(NativeError) {
        data = try NativeError.created(qpdf_init(), by: "qpdf", "qpdf_init")
        qpdf_silence_errors(data)
        qpdf_set_suppress_warnings(data, 1)
    }

    deinit { qpdf_cleanup(&data) }

    func load(_ bytes: [UInt8], name: String) throws(NativeError) {
        let status = bytes.withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) {
                qpdf_read_memory(data, name, $0.baseAddress, UInt64($0.count), nil)
            }
        }
        if status & Self.errorsBit != 0 { throw failure("reading the file") }
        while qpdf_more_warnings(data) != 0 { _ = qpdf_next_warning(data) }
    }

    private func failure(_ operation: String) -> NativeError {
        let error = qpdf_get_error(data)
        let text = error.map { String(cString: qpdf_get_error_full_text(data, $0)) } ?? "unknown error"
        return NativeError(library: "qpdf", operation: operation, detail: text)
    }

    func graph() throws(NativeError) -> PDFObjectGraph {
        var objects: [Int: PDFValue] = [:]
        var pending: [(Int, qpdf_oh)] = []
        var queued: Set<Int> = []
        func value(_ handle: qpdf_oh, top: Bool) throws(NativeError) -> PDFValue {
            if !top, qpdf_oh_is_indirect(data, handle) != 0 {
                let number = Int(qpdf_oh_get_object_id(data, handle))
                if queued.insert(number).inserted {
                    guard queued.count <= PDFObjectReader.maximumObjects else {
                        throw NativeError(
                            library: "qpdf", operation: "reading objects",
                            detail: "more than \(PDFObjectReader.maximumObjects) objects")
                    }
                    pending.append((number, handle))
                }
                return .reference(number)
            }
            switch qpdf_oh_get_type_code(data, handle) {
            case ot_boolean: return .bool(qpdf_oh_get_bool_value(data, handle) != 0)
            case ot_integer, ot_real: return .number(qpdf_oh_get_numeric_value(data, handle))
            case ot_name: return .name(String(cString: qpdf_oh_get_name(data, handle)).dropFirstSlash)
            case ot_string:
                var length = 0
                guard let pointer = qpdf_oh_get_binary_string_value(data, handle, &length) else { return .string([]) }
                return .string(
                    pointer.withMemoryRebound(to: UInt8.self, capacity: length) {
                        Array(UnsafeBufferPointer(start: $0, count: length))
                    })
            case ot_array:
                let count = Int(qpdf_oh_get_array_n_items(data, handle))
                var items: [PDFValue] = []
                for index in 0..<max(0, count) {
                    items.append(try value(qpdf_oh_get_array_item(data, handle, Int32(index)), top: false))
                }
                return .array(items)
            case ot_dictionary:
                return .dictionary(try entries(of: handle, value: value))
            case ot_stream:
                let dictionary = try entries(of: qpdf_oh_get_dict(data, handle), value: value)
                let isImage = dictionary["Subtype"]?.name == "Image"
                return .stream(dictionary, data: isImage ? nil : try streamData(handle))
            default:
                return .null
            }
        }
        let trailer = try entries(of: qpdf_get_trailer(data), value: value)
        while let (number, handle) = pending.popLast() {
            objects[number] = try value(handle, top: true)
        }
        var pages: [[String: PDFValue]] = []
        let pageCount = Int(qpdf_get_num_pages(data))
        if qpdf_has_error(data) != 0 { throw failure("reading the page tree") }
        for index in 0..<max(0, pageCount) {
            let handle = qpdf_get_page_n(data, index)
            guard qpdf_oh_is_indirect(data, handle) != 0 else { continue }
            let number = Int(qpdf_oh_get_object_id(data, handle))
            pages.append(objects[number]?.dictionary ?? [:])
            pages[pages.count - 1]["qrdesk.object"] = .number(Double(number))
        }
        let version = String(cString: qpdf_get_pdf_version(data))
        var graph = PDFObjectGraph(version: version, trailer: trailer, objects: objects, pages: [])
        graph.pages = pages.map { graph.inheriting($0) }
        return graph
    }

    /// A dictionary's entries: keys collected first (qpdf has one key iterator per document), then each value.
    private func entries(
        of handle: qpdf_oh, value: (qpdf_oh, Bool) throws(NativeError) -> PDFValue
    ) throws(NativeError) -> [String: PDFValue] {
        var keys: [String] = []
        qpdf_oh_begin_dict_key_iter(data, handle)
        while qpdf_oh_dict_more_keys(data) != 0 {
            guard let key = qpdf_oh_dict_next_key(data) else { break }
            keys.append(String(cString: key))
        }
        var result: [String: PDFValue] = [:]
        for key in keys {
            result[key.dropFirstSlash] = try value(qpdf_oh_get_key(data, handle, key), false)
        }
        return result
    }

    private func streamData(_ handle: qpdf_oh) throws(NativeError) -> [UInt8]? {
        var filtered: QPDF_BOOL = 0
        var buffer: UnsafeMutablePointer<UInt8>?
        var length = 0
        let status = qpdf_oh_get_stream_data(data, handle, qpdf_dl_generalized, &filtered, &buffer, &length)
        defer { free(buffer) }
        guard status & Self.errorsBit == 0, filtered != 0, let buffer else { return nil }
        decodedBytes += length
        guard decodedBytes <= PDFObjectReader.maximumDecodedBytes else {
            throw NativeError(
                library: "qpdf", operation: "decoding streams",
                detail: "content streams decode to more than \(PDFObjectReader.maximumDecodedBytes >> 20) MiB")
        }
        return Array(UnsafeBufferPointer(start: buffer, count: length))
    }
}

extension String {
    fileprivate var dropFirstSlash: String { hasPrefix("/") ? String(dropFirst()) : self }
}

extension PDFObjectGraph {
    /// A page with the attributes the page tree lets it inherit (resources, boxes, rotation) filled in.
    func inheriting(_ page: [String: PDFValue]) -> [String: PDFValue] {
        var result = page
        var parent = dictionary(page["Parent"])
        var depth = 0
        while let node = parent, depth < 64 {
            for key in ["Resources", "MediaBox", "CropBox", "Rotate"] where result[key] == nil {
                if let inherited = node[key] { result[key] = inherited }
            }
            parent = dictionary(node["Parent"])
            depth += 1
        }
        return result
    }
}
