import QRDeskCore
internal import CRsvg

/// Reads JPEG photos (a printed card shot with a phone) into grey pixels through gdk-pixbuf. The caller checks
/// the pixel budget from the header first (`JPEGInfo`): the decoder allocates what the file claims.
public enum JPEGDecoder {
    public static func greyImage(_ bytes: [UInt8]) throws(NativeError) -> GreyImage {
        var error: UnsafeMutablePointer<GError>?
        guard let loader = gdk_pixbuf_loader_new_with_type("jpeg", &error) else {
            throw takeGError(error, library: "gdk-pixbuf", operation: "opening the JPEG decoder")
        }
        defer { g_object_unref(UnsafeMutableRawPointer(loader)) }
        let written = bytes.withUnsafeBufferPointer {
            gdk_pixbuf_loader_write(loader, $0.baseAddress, gsize($0.count), &error)
        }
        guard written != 0 else {
            _ = gdk_pixbuf_loader_close(loader, nil)
            throw takeGError(error, library: "gdk-pixbuf", operation: "decoding the JPEG")
        }
        guard gdk_pixbuf_loader_close(loader, &error) != 0 else {
            throw takeGError(error, library: "gdk-pixbuf", operation: "decoding the JPEG")
        }
        // The loader owns the pixbuf.
        guard let pixbuf = gdk_pixbuf_loader_get_pixbuf(loader), let data = gdk_pixbuf_read_pixels(pixbuf) else {
            throw NativeError(library: "gdk-pixbuf", operation: "decoding the JPEG", detail: "no image")
        }
        let width = Int(gdk_pixbuf_get_width(pixbuf)), height = Int(gdk_pixbuf_get_height(pixbuf))
        let stride = Int(gdk_pixbuf_get_rowstride(pixbuf)), channels = Int(gdk_pixbuf_get_n_channels(pixbuf))
        guard width > 0, height > 0, channels >= 1, gdk_pixbuf_get_bits_per_sample(pixbuf) == 8 else {
            throw NativeError(library: "gdk-pixbuf", operation: "decoding the JPEG", detail: "unsupported pixel layout")
        }
        var pixels = [UInt8](repeating: 255, count: width * height)
        for y in 0..<height {
            let row = data + y * stride
            for x in 0..<width {
                let pixel = row + x * channels
                pixels[y * width + x] =
                    channels >= 3
                    ? RGBColor(red: pixel[0], green: pixel[1], blue: pixel[2]).greyLevel
                    : pixel[0]
            }
        }
        return GreyImage(width: width, height: height, pixels: pixels)
    }
}
