import Testing
@testable import QRDeskCore

@Suite("PDF print scaling")
struct PDFPrintScalingTests {
    /// A minimal PDF shaped like Cairo's output: the catalog patched by an incremental update.
    @Test func appendsAnIncrementalUpdateWithPrintScalingNone() throws {
        let original = """
        %PDF-1.5
        1 0 obj
        << /Type /Pages /Kids [] /Count 0 >>
        endobj
        2 0 obj
        << /Type /Catalog
           /Pages 1 0 R
        >>
        endobj
        xref
        0 3
        0000000000 65535 f 
        0000000009 00000 n 
        0000000061 00000 n 
        trailer
        << /Size 3
           /Root 2 0 R
        >>
        startxref
        111
        %%EOF

        """
        let patched = String(decoding: try PDFPrintScaling.apply(to: Array(original.utf8)), as: UTF8.self)
        #expect(patched.hasPrefix(original))
        let update = patched.dropFirst(original.utf8.count)
        #expect(update.contains("2 0 obj\n<< /Type /Catalog\n   /Pages 1 0 R\n   /ViewerPreferences << /PrintScaling /None >>\n>>\nendobj"))
        #expect(update.contains("/Prev 111"))
        // The new xref entry points at the new catalog object.
        let offset = original.utf8.count
        #expect(update.contains("xref\n2 1\n\(String(repeating: "0", count: 10 - String(offset).count))\(offset) 00000 n \n"))
        #expect(update.hasSuffix("%%EOF\n"))
    }
}
