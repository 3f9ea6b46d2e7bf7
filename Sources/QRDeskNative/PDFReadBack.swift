import QRDeskCore
internal import CPoppler
import Foundation

/// A PDF as poppler reads it: an independent reader of the bytes Cairo wrote (or anyone else's PDF).
/// Owns the poppler document; pages are opened per call and released at once.
///
/// Every poppler call holds one process-wide lock. Poppler's Cairo output shares one FreeType library between
/// documents, and FreeType's face list is not safe to change from two threads: two renders at once lost about
/// 2 KB per PDF for good (`make load` with two render slots: 63 → 207 MiB over 70,000 cards; one slot, or this
/// lock, stays flat).
public final class PDFReadBack {
    private let document: OpaquePointer
    private static let poppler = NSLock()

    public init(_ bytes: [UInt8]) throws(NativeError) {
        let data = bytes.withUnsafeBytes { g_bytes_new($0.baseAddress, gsize($0.count)) }
        defer { g_bytes_unref(data) }
        var error: UnsafeMutablePointer<GError>?
        let opened = Self.poppler.withLock { poppler_document_new_from_bytes(data, nil, &error) }
        guard let document = opened else {
            throw takeGError(error, library: "poppler", operation: "reading the PDF")
        }
        self.document = document
    }

    deinit {
        let document = self.document
        Self.poppler.withLock { g_object_unref(UnsafeMutableRawPointer(document)) }
    }

    public var pageCount: Int { Self.poppler.withLock { Int(poppler_document_get_n_pages(document)) } }

    /// The page's size in points.
    public func pageSize(_ index: Int) throws(NativeError) -> Size {
        try withPage(index) { page in
            var width = 0.0, height = 0.0
            poppler_page_get_size(page, &width, &height)
            return Size(width: width, height: height)
        }
    }

    /// `region` of page `index` (points, from the top-left corner) as grey pixels at `pixelsPerPoint`, on white paper.
    public func render(page index: Int, region: Rect, pixelsPerPoint: Double) throws -> GreyImage {
        let (width, height) = try PrintResolution.pixels(
            width: region.width, height: region.height, pixelsPerPoint: pixelsPerPoint,
            dpi: Int((pixelsPerPoint * 72).rounded()))
        return try withPage(index) { page in
            try GreyCanvas.draw(width: width, height: height) { cairo in
                cairo_scale(cairo, pixelsPerPoint, pixelsPerPoint)
                cairo_translate(cairo, -region.x, -region.y)
                poppler_page_render(page, cairo)
            }
        }
    }

    private func withPage<T>(_ index: Int, _ body: (OpaquePointer) throws -> T) throws(NativeError) -> T {
        let count = pageCount
        let result: Result<T, NativeError> = Self.poppler.withLock {
            guard index >= 0, index < count, let page = poppler_document_get_page(document, Int32(index)) else {
                return .failure(
                    NativeError(
                        library: "poppler", operation: "opening page \(index + 1)",
                        detail: "the PDF has \(count) page(s)"))
            }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            do { return .success(try body(page)) } catch let error as NativeError { return .failure(error) } catch {
                return .failure(
                    NativeError(library: "poppler", operation: "rendering page \(index + 1)", detail: "\(error)"))
            }
        }
        return try result.get()
    }
}
