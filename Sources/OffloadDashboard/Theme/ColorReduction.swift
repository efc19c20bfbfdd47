#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reducing colours to what the terminal shows, and reading their brightness.
extension TerminalColor {
    /// This colour on a terminal with `mode`: unchanged in full colour, the nearest palette
    /// entry with 256 or 8 colours, the default with none. (The dashboard's canvases are
    /// already reduced to the mode it was given; a driver can use this for its own colours.)
    public func reduced(to mode: ColorMode) -> TerminalColor {
        switch (self, mode) {
        case (_, .none): return .terminalDefault
        case (.terminalDefault, _), (_, .full): return self
        case let (.rgb(red, green, blue), .palette256): return .palette(Self.nearest256(red, green, blue))
        case (.palette, .palette256): return self
        case let (.palette(index), .basic8) where index < 8: return .palette(index)
        case (.palette, .basic8), (.rgb, .basic8):
            let (red, green, blue) = rgbComponents ?? (0, 0, 0)
            return .palette(Self.nearestBasic(red, green, blue))
        }
    }

    /// The colour as red, green, blue (xterm's values for palette entries); nil for the default.
    var rgbComponents: (UInt8, UInt8, UInt8)? {
        switch self {
        case .terminalDefault: return nil
        case let .rgb(red, green, blue): return (red, green, blue)
        case let .palette(index): return Self.xterm(index)
        }
    }

    /// Relative brightness from 0 (black) to 1 (white), or nil for the default colour.
    var luminance: Double? {
        guard let (red, green, blue) = rgbComponents else { return nil }
        return (0.2126 * Double(red) + 0.7152 * Double(green) + 0.0722 * Double(blue)) / 255
    }

    /// xterm's red, green and blue for palette entry `index`.
    static func xterm(_ index: UInt8) -> (UInt8, UInt8, UInt8) {
        let basic: [(UInt8, UInt8, UInt8)] = [
            (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
            (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
        ]
        if index < 16 { return basic[Int(index)] }
        if index >= 232 {
            let level = UInt8(8 + 10 * (Int(index) - 232))
            return (level, level, level)
        }
        let cube = Int(index) - 16
        return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
    }

    private static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// The nearest entry of the 6×6×6 cube or the grey ramp (16–255; 0–15 vary between terminals).
    static func nearest256(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
        func level(_ value: UInt8) -> Int {
            var best = 0
            for (index, candidate) in cubeLevels.enumerated() where abs(Int(candidate) - Int(value)) < abs(Int(cubeLevels[best]) - Int(value)) {
                best = index
            }
            return best
        }
        let cubeIndex = UInt8(16 + 36 * level(red) + 6 * level(green) + level(blue))
        let average = (Int(red) + Int(green) + Int(blue)) / 3
        let greyIndex = UInt8(232 + max(0, min(23, (average - 8 + 5) / 10)))
        return distance(xterm(cubeIndex), (red, green, blue)) <= distance(xterm(greyIndex), (red, green, blue)) ? cubeIndex : greyIndex
    }

    /// The nearest of the eight basic colours.
    static func nearestBasic(_ red: UInt8, _ green: UInt8, _ blue: UInt8) -> UInt8 {
        var best: UInt8 = 0
        for index in UInt8(1)...7 where distance(xterm(index), (red, green, blue)) < distance(xterm(best), (red, green, blue)) {
            best = index
        }
        return best
    }

    private static func distance(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Int {
        let red = Int(a.0) - Int(b.0), green = Int(a.1) - Int(b.1), blue = Int(a.2) - Int(b.2)
        // Weighted toward green, to which the eye is most sensitive.
        return 2 * red * red + 4 * green * green + 3 * blue * blue
    }
}

extension TerminalColor {
    /// How different two colours look: the distance between them in CIE L\*a\*b\*
    /// (ΔE\*ab, CIE 1976; sRGB with a D65 white), from 0 (the same) to about 100 (black and
    /// white). Two colours 2 apart are barely told apart side by side; the bundled job
    /// palettes keep neighbours about 25 apart. Nil when either is the terminal's default,
    /// whose colour is not known.
    func perceptualDistance(to other: TerminalColor) -> Double? {
        guard let a = lab, let b = other.lab else { return nil }
        let dl = a.l - b.l, da = a.a - b.a, db = a.b - b.b
        return (dl * dl + da * da + db * db).squareRoot()
    }

    /// The colour in CIE L\*a\*b\*, or nil for the terminal's default.
    private var lab: (l: Double, a: Double, b: Double)? {
        guard let (red, green, blue) = rgbComponents else { return nil }
        func linear(_ value: UInt8) -> Double {
            let unit = Double(value) / 255
            return unit <= 0.04045 ? unit / 12.92 : pow((unit + 0.055) / 1.055, 2.4)
        }
        let (r, g, b) = (linear(red), linear(green), linear(blue))
        // sRGB to XYZ, relative to the D65 white point.
        let x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
        let y = 0.2126 * r + 0.7152 * g + 0.0722 * b
        let z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
        func f(_ t: Double) -> Double { t > 216.0 / 24389 ? cbrt(t) : (24389.0 / 27 * t + 16) / 116 }
        return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))
    }
}
