import QRDeskCore

/// `qrdesk preflight`'s content interpreter: any bytes as a page's content stream, drawing a form, an image and
/// fonts from its resources (a form that draws itself, to hold the depth limit to account).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let content = Array(UnsafeBufferPointer(start: data, count: size))
    let resources: PDFValue = .dictionary([
        "XObject": .dictionary(["Fm": .reference(2), "Im": .reference(3)]),
        "Font": .dictionary(["F1": .reference(4)]),
        "ExtGState": .dictionary(["GS": .dictionary(["ca": .number(0.5), "SMask": .name("None")])]),
        "ColorSpace": .dictionary(["CS0": .array([.name("Indexed"), .name("CS0"), .number(1), .string([])])]),
    ])
    let objects: [Int: PDFValue] = [
        1: .stream(["Length": .number(Double(size))], data: content),
        2: .stream(["Subtype": .name("Form"), "Resources": resources], data: content),
        3: .stream(["Subtype": .name("Image"), "Width": .number(10), "Height": .number(1e300)], data: nil),
        4: .dictionary([
            "Subtype": .name("Type0"),
            "DescendantFonts": .array([
                .dictionary([
                    "W": .array([.number(1), .array([.number(500)]), .number(0), .number(65_535), .number(9)])
                ])
            ]),
        ]),
    ]
    let page: [String: PDFValue] = ["Contents": .reference(1), "Resources": resources]
    let graph = PDFObjectGraph(version: "1.3", trailer: [:], objects: objects, pages: [page])
    // A smaller budget than a real page's: the limit is what is under test, not its size.
    _ = ContentInterpreter(graph: graph, operationBudget: 100_000).drawing(ofPage: page)
    return 0
}
