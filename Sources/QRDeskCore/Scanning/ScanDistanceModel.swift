import Foundation

/// How far away a phone reads a QR code, from the size of its modules.
///
/// A scanning app decodes video frames about 1920 px across with a field of view of about 70°; a decoder needs
/// about 2.5 px per module. At distance d a frame spans 2·d·tan 35° ≈ 1.40·d, so a module of m mm covers
/// m·f/d px with f = 960 / tan 35° ≈ 1371 px, and the reach is m·f/2.5 ≈ 0.55 m per millimetre of module.
/// That matches simulated print-and-capture runs with zxing-cpp and zbar (A5 card, 2.16 mm modules: 1.25 m;
/// 1.23 mm: 0.6 m; 0.51 mm: 0.3 m). A still photo reaches about twice as far; the model rates video, which is
/// what scanning apps read.
public enum ScanDistanceModel {
    public static let framePixels = 1920.0
    public static let fieldOfViewDegrees = 70.0
    public static let pixelsPerModule = 2.5

    /// The camera's focal length in pixels: half the frame over the tangent of half the field of view.
    public static var focalPixels: Double { framePixels / 2 / tan(fieldOfViewDegrees / 2 * Double.pi / 180) }

    /// The farthest distance, in metres, at which a module of `moduleMillimetres` still covers enough pixels.
    public static func reachMetres(moduleMillimetres: Double) -> Double {
        moduleMillimetres * focalPixels / pixelsPerModule / 1000
    }

    /// The smallest module, in millimetres, that reads from `metres` away.
    public static func minimumModuleMillimetres(distanceMetres metres: Double) -> Double {
        metres * 1000 * pixelsPerModule / focalPixels
    }

    /// Pixels per module a phone sees from `metres` away, facing the card.
    public static func pixelsPerModule(moduleMillimetres: Double, distanceMetres metres: Double) -> Double {
        moduleMillimetres * focalPixels / (metres * 1000)
    }

    /// The scan distances a template may declare or `--scan-distance` may ask for.
    public static let distanceRange = 0.05...10.0
}
