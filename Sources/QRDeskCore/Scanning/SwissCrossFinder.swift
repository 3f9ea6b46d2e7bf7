/// Finds the white plus of a Swiss cross on a page and paints it dark, so that zbar — which takes the cross for
/// the alignment pattern it covers and gives up (docs/payment-codes.md) — reads the symbol around it: a solid dark
/// square where the cross was is damage error correction absorbs. Only the search for codes uses the painted
/// image; every measurement is made on the page as it is, with the modules under the cross excused.
public enum SwissCrossFinder {
    /// A light component is a plus when its box is square, it fills about half of it (the cross's arms, 1/6 of
    /// the square's side wide and 7/6 of that long each way, fill 51 %), its middle and arm ends are light, and
    /// its box's corners and the points just past its arm ends are dark (the black square around it).
    public static func plusBoxes(in image: GreyImage, minimumSpan: Int = 10) -> [(x: Int, y: Int, side: Int)] {
        let width = image.width, height = image.height
        guard width > 2, height > 2 else { return [] }
        let isLight = { (x: Int, y: Int) -> Bool in image[x, y] >= 128 }
        // The largest component worth following: a plus on a page is far smaller than the page's background.
        let maximumArea = max(minimumSpan * minimumSpan, width * height / 50)
        var visited = [Bool](repeating: false, count: width * height)
        var boxes: [(x: Int, y: Int, side: Int)] = []
        var stack: [Int] = []
        func follow(_ neighbour: Int) {
            if !visited[neighbour] && image.pixels[neighbour] >= 128 {
                visited[neighbour] = true
                stack.append(neighbour)
            }
        }
        for start in 0..<(width * height) where !visited[start] && image.pixels[start] >= 128 {
            visited[start] = true
            stack.append(start)
            var area = 0
            var minX = width, maxX = -1, minY = height, maxY = -1
            var touchesEdge = false
            while let index = stack.popLast() {
                area += 1
                let x = index % width, y = index / width
                minX = min(minX, x)
                maxX = max(maxX, x)
                minY = min(minY, y)
                maxY = max(maxY, y)
                if x == 0 || y == 0 || x == width - 1 || y == height - 1 { touchesEdge = true }
                // The four neighbours, without building a list per pixel (a page is millions of them).
                if x > 0 { follow(index - 1) }
                if x < width - 1 { follow(index + 1) }
                if y > 0 { follow(index - width) }
                if y < height - 1 { follow(index + width) }
            }
            let boxWidth = maxX - minX + 1, boxHeight = maxY - minY + 1
            guard !touchesEdge, area <= maximumArea, boxWidth >= minimumSpan,
                abs(boxWidth - boxHeight) * 5 <= max(boxWidth, boxHeight)
            else { continue }
            let fill = Double(area) / Double(boxWidth * boxHeight)
            guard (0.4...0.62).contains(fill) else { continue }
            let side = max(boxWidth, boxHeight)
            let centreX = minX + boxWidth / 2, centreY = minY + boxHeight / 2
            let quarter = max(1, side / 4)
            let beyond = max(1, side / 8)
            let light = [
                (centreX, centreY), (centreX, minY + 1), (centreX, maxY - 1), (minX + 1, centreY), (maxX - 1, centreY),
            ]
            let dark = [
                (minX + 1, minY + 1), (maxX - 1, minY + 1), (minX + 1, maxY - 1), (maxX - 1, maxY - 1),
                (centreX, minY - beyond), (centreX, maxY + beyond), (minX - beyond, centreY), (maxX + beyond, centreY),
                (centreX - quarter - beyond, centreY - quarter - beyond),
            ]
            let inside = { (point: (Int, Int)) in point.0 >= 0 && point.1 >= 0 && point.0 < width && point.1 < height }
            guard light.allSatisfy({ inside($0) && isLight($0.0, $0.1) }),
                dark.allSatisfy({ inside($0) && !isLight($0.0, $0.1) })
            else { continue }
            boxes.append((minX, minY, side))
        }
        return boxes
    }

    /// `image` with each plus's box painted dark.
    public static func paintingOver(_ boxes: [(x: Int, y: Int, side: Int)], in image: GreyImage) -> GreyImage {
        var painted = image
        for box in boxes {
            for y in box.y..<min(image.height, box.y + box.side) {
                for x in box.x..<min(image.width, box.x + box.side) { painted.pixels[y * image.width + x] = 0 }
            }
        }
        return painted
    }
}
