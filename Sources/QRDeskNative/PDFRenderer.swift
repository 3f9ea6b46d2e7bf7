import QRDeskCore
internal import CCairo

/// Renders a document to PDF bytes with Cairo: exact page sizes, fixed dates, metadata, print at actual size.
public struct PDFRenderer {
    public init() {}

    public func render(_ document: Document) throws -> [UInt8] {
        guard let first = document.pages.first else {
            throw NativeError(library: "qrdesk", operation: "PDF", detail: "document has no pages")
        }
        let writer = try PDFWriter(metadata: document.metadata, firstPageSize: first.size)
        for page in document.pages { try writer.add(page) }
        return try writer.finish()
    }
}

/// Writes a PDF page by page, so a long run of press sheets is never held in memory as one document.
public final class PDFWriter {
    private let sink = ByteSink()
    private let surface: OpaquePointer
    private let shaper: PangoTextShaper
    private var finished = false

    public init(metadata: DocumentMetadata, firstPageSize: Size) throws {
        shaper = try PangoTextShaper()
        let created = cairo_pdf_surface_create_for_stream(
            { closure, data, length in
                let sink = Unmanaged<ByteSink>.fromOpaque(closure!).takeUnretainedValue()
                sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
                return CAIRO_STATUS_SUCCESS
            }, Unmanaged.passUnretained(sink).toOpaque(), firstPageSize.width, firstPageSize.height)
        surface = try NativeError.created(created, by: "cairo", "cairo_pdf_surface_create_for_stream")
        try check(cairo_surface_status(surface), "cairo_pdf_surface_create")
        // PDF 1.5: Cairo writes ActualText for a glyph whose text is not the font's character for it (a ligature,
        // a joining form, a conjunct) only from 1.5 on; in 1.4 the text layer says U+FB01 where "fi" was laid out.
        // Cairo 1.16 keeps a classic cross-reference table at 1.5, which PDFPrintScaling updates; Cairo 1.17.6
        // and later write cross-reference streams there, which PDFPrintScaling refuses with a clear error.
        cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, metadata.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, metadata.subject)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, metadata.creator)
        // Cairo writes the wall clock unless told a date; an invalid string makes it drop the field silently.
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, metadata.creationDate)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, metadata.creationDate)
    }

    deinit { cairo_surface_destroy(surface) }

    public func add(_ page: Page) throws {
        cairo_pdf_surface_set_size(surface, page.size.width, page.size.height)
        let cairo = try NativeError.created(cairo_create(surface), by: "cairo", "cairo_create")
        defer { cairo_destroy(cairo) }
        try CairoPainter(cairo: cairo, shaper: shaper).paint(page)
        cairo_show_page(cairo)
    }

    /// The finished file, with the print-at-actual-size preference added.
    public func finish() throws -> [UInt8] {
        guard !finished else { throw NativeError(library: "qrdesk", operation: "PDF", detail: "finished twice") }
        finished = true
        cairo_surface_finish(surface)
        // Write errors surface only after finish.
        try check(cairo_surface_status(surface), "cairo_surface_finish")
        return try PDFPrintScaling.apply(to: sink.bytes)
    }
}

func check(_ status: cairo_status_t, _ operation: String) throws(NativeError) {
    guard status == CAIRO_STATUS_SUCCESS else {
        throw NativeError(
            library: "cairo", operation: operation, detail: String(cString: cairo_status_to_string(status)))
    }
}
