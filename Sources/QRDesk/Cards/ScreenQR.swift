import QRDeskCore
import QRDeskNative

/// A payment link's QR for a screen (Show QR): inline SVG markup, one module per user unit with the 4-module
/// quiet zone inside the view box, so however the page scales it the quiet zone scales with it. The level is
/// the automatic one (the smallest symbol, raised where that is free), as on a printed card.
public enum ScreenQR {
    public static let quietZone = QRModuleRule.quietZone

    public static func svg(_ link: PaymentLink) throws -> String {
        let level = QRSizing.automaticLevel(linkBytes: link.text.utf8.count)?.level ?? .low
        let matrix = try QREncoder().encode(link.text, level: level)
        let side = matrix.width + 2 * quietZone
        let path = QROutline(matrix).svgPathData(offset: quietZone)
        return
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(side) \(side)\" role=\"img\" "
            + "aria-label=\"Payment QR code\" "
            + "shape-rendering=\"crispEdges\"><rect width=\"\(side)\" height=\"\(side)\" fill=\"#fff\"/>"
            + "<path fill=\"#000\" fill-rule=\"nonzero\" d=\"\(path)\"/></svg>"
    }
}
