/// How many colours a terminal shows, as the terminal driver uses them.
public enum ColorDepth: Sendable, Hashable, CustomStringConvertible {
    /// No colour at all (`NO_COLOR`, or a monochrome terminal): attributes only.
    case none
    /// The eight ANSI colours.
    case eight
    /// The eight ANSI colours and their bright variants.
    case sixteen
    /// The xterm 256-colour palette.
    case palette256
    /// 24-bit colour numbers (`xterm-direct`): `red << 16 | green << 8 | blue`.
    case direct

    /// The depth for a terminfo `colors` count (-1 when absent). `TerminalSetup.detect`
    /// decides the depth the dashboard uses, from this and the environment.
    init(colors: Int) {
        switch colors {
        case 0x1000000...: self = .direct
        case 256...: self = .palette256
        case 16...: self = .sixteen
        case 8...: self = .eight
        default: self = .none
        }
    }

    public var description: String {
        switch self {
        case .none: "no colour"
        case .eight: "8 colours"
        case .sixteen: "16 colours"
        case .palette256: "256 colours"
        case .direct: "24-bit colour"
        }
    }
}

/// Maps the canvas's colours onto what the terminal can show: pure, so it is unit-tested.
public struct ColorMapper: Sendable, Hashable {
    /// What the terminal shows.
    public let depth: ColorDepth

    /// A mapper onto `depth`.
    public init(depth: ColorDepth) {
        self.depth = depth
    }

    /// The terminal's colour number for `color`: -1 for the terminal's default (and for
    /// every colour when the depth is `.none`).
    public func colorNumber(_ color: TerminalColor) -> Int32 {
        switch (color, depth) {
        case (_, .none), (.terminalDefault, _): return -1
        case (.palette(let index), .palette256): return Int32(index)
        case (.palette(let index), .sixteen): return index < 16 ? Int32(index) : Self.nearest(Self.rgb(ofPalette: index), among: 16)
        case (.palette(let index), .eight):
            if index < 8 { return Int32(index) }
            if index < 16 { return Int32(index - 8) }
            return Self.nearest(Self.rgb(ofPalette: index), among: 8)
        case (.palette(let index), .direct): return index < 8 ? Int32(index) : Self.direct(Self.rgb(ofPalette: index))
        case (.rgb(let red, let green, let blue), .palette256): return Self.nearest256((red, green, blue))
        case (.rgb(let red, let green, let blue), .sixteen): return Self.nearest((red, green, blue), among: 16)
        case (.rgb(let red, let green, let blue), .eight): return Self.nearest((red, green, blue), among: 8)
        case (.rgb(let red, let green, let blue), .direct): return Self.direct((red, green, blue))
        }
    }

    typealias RGB = (red: UInt8, green: UInt8, blue: UInt8)

    /// xterm's default values of the 16 system colours.
    static let system: [RGB] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The six levels of each axis of the 6×6×6 colour cube (entries 16…231).
    static let cubeLevels: [UInt8] = [0, 95, 135, 175, 215, 255]

    /// The RGB value xterm gives palette entry `index`.
    static func rgb(ofPalette index: UInt8) -> RGB {
        switch index {
        case 0..<16: return system[Int(index)]
        case 16..<232:
            let cube = Int(index) - 16
            return (cubeLevels[cube / 36], cubeLevels[(cube / 6) % 6], cubeLevels[cube % 6])
        default:
            let level = UInt8(8 + 10 * (Int(index) - 232))
            return (level, level, level)
        }
    }

    /// The nearest entry of the cube or the grey ramp (16…255; the first 16 are left out
    /// because users redefine them).
    static func nearest256(_ color: RGB) -> Int32 {
        func level(_ value: UInt8) -> Int {
            var best = 0
            for (index, candidate) in cubeLevels.enumerated()
            where abs(Int(candidate) - Int(value)) < abs(Int(cubeLevels[best]) - Int(value)) {
                best = index
            }
            return best
        }
        let (r, g, b) = (level(color.red), level(color.green), level(color.blue))
        let cubeIndex = 16 + 36 * r + 6 * g + b
        let average = (Int(color.red) + Int(color.green) + Int(color.blue)) / 3
        let greyStep = min(23, max(0, (average - 3) / 10))
        let greyIndex = 232 + greyStep
        let cubeDistance = distance(color, rgb(ofPalette: UInt8(cubeIndex)))
        let greyDistance = distance(color, rgb(ofPalette: UInt8(greyIndex)))
        return Int32(greyDistance < cubeDistance ? greyIndex : cubeIndex)
    }

    /// The nearest of the first `count` (8 or 16) system colours.
    static func nearest(_ color: RGB, among count: Int) -> Int32 {
        var best = 0
        var bestDistance = Int.max
        for index in 0..<min(count, system.count) {
            let candidate = distance(color, system[index])
            if candidate < bestDistance {
                best = index
                bestDistance = candidate
            }
        }
        return Int32(best)
    }

    /// A direct-colour number; numbers below 8 mean the ANSI colours there, so the darkest
    /// blues are nudged to 8.
    static func direct(_ color: RGB) -> Int32 {
        let value = Int32(color.red) << 16 | Int32(color.green) << 8 | Int32(color.blue)
        return value < 8 ? 8 : value
    }

    /// Squared distance, weighted for the eye (red 3, green 4, blue 2).
    static func distance(_ a: RGB, _ b: RGB) -> Int {
        let dr = Int(a.red) - Int(b.red), dg = Int(a.green) - Int(b.green), db = Int(a.blue) - Int(b.blue)
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }
}
