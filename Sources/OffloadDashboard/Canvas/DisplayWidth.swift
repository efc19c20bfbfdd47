/// How many terminal columns text takes: 2 for East Asian wide and fullwidth characters
/// and emoji (the ranges terminals draw two cells wide), 0 for combining marks riding on
/// a base, 1 for the rest.
extension Unicode.Scalar {
    /// Whether the scalar takes two columns (East Asian Wide or Fullwidth, or an emoji
    /// presented as one).
    var isWide: Bool {
        let value = value
        if value < 0x1100 { return false }
        return (0x1100...0x115F).contains(value) || (0x231A...0x231B).contains(value) || (0x2329...0x232A).contains(value)
            || (0x23E9...0x23EC).contains(value) || value == 0x23F0 || value == 0x23F3 || (0x25FD...0x25FE).contains(value)
            || (0x2614...0x2615).contains(value) || (0x2648...0x2653).contains(value) || value == 0x267F || value == 0x2693
            || value == 0x26A1 || (0x26AA...0x26AB).contains(value) || (0x26BD...0x26BE).contains(value) || (0x26C4...0x26C5).contains(value)
            || value == 0x26CE || value == 0x26D4 || value == 0x26EA || (0x26F2...0x26F3).contains(value) || value == 0x26F5
            || value == 0x26FA || value == 0x26FD || value == 0x2705 || (0x270A...0x270B).contains(value) || value == 0x2728
            || value == 0x274C || value == 0x274E || (0x2753...0x2755).contains(value) || value == 0x2757 || (0x2795...0x2797).contains(value)
            || value == 0x27B0 || value == 0x27BF || (0x2B1B...0x2B1C).contains(value) || value == 0x2B50 || value == 0x2B55
            || (0x2E80...0x303E).contains(value) || (0x3041...0x33FF).contains(value) || (0x3400...0x4DBF).contains(value)
            || (0x4E00...0x9FFF).contains(value) || (0xA000...0xA4CF).contains(value) || (0xA960...0xA97F).contains(value)
            || (0xAC00...0xD7A3).contains(value) || (0xF900...0xFAFF).contains(value) || (0xFE10...0xFE19).contains(value)
            || (0xFE30...0xFE6F).contains(value) || (0xFF00...0xFF60).contains(value) || (0xFFE0...0xFFE6).contains(value)
            || (0x1F004 == value) || (0x1F0CF == value) || (0x1F18E == value) || (0x1F191...0x1F19A).contains(value)
            || (0x1F200...0x1F64F).contains(value) || (0x1F680...0x1F6FF).contains(value) || (0x1F7E0...0x1F7EB).contains(value)
            || (0x1F90C...0x1F9FF).contains(value) || (0x1FA70...0x1FAFF).contains(value) || (0x20000...0x3FFFD).contains(value)
    }

    /// A mark that joins the character before it (combining accents, variation selectors,
    /// skin tones, the zero-width joiner): no column of its own.
    var isZeroWidth: Bool {
        let value = value
        return (0x300...0x36F).contains(value) || (0x1AB0...0x1AFF).contains(value) || (0x1DC0...0x1DFF).contains(value)
            || (0x20D0...0x20FF).contains(value) || (0xFE00...0xFE0F).contains(value) || (0xFE20...0xFE2F).contains(value)
            || value == 0x200D || (0x1F3FB...0x1F3FF).contains(value)
    }
}

extension Character {
    /// The columns the character takes on a terminal: 1 or 2 (what `Canvas` draws it as).
    var displayWidth: Int {
        // The common case first: ASCII, and the narrow scripts and symbols below U+1100.
        if isASCII { return 1 }
        let scalars = unicodeScalars
        guard let first = scalars.first else { return 1 }
        if first.isWide { return 2 }
        // An emoji presentation selector widens a narrow symbol (`☺️`).
        if scalars.contains(where: { $0.value == 0xFE0F }) && first.value >= 0x2000 { return 2 }
        return 1
    }
}

extension String {
    /// The columns the text takes on a terminal.
    var displayWidth: Int {
        // ASCII (ids, numbers, most text): one column per byte.
        if utf8.allSatisfy({ $0 < 0x80 }) { return utf8.count }
        return reduce(0) { $0 + $1.displayWidth }
    }

    /// The longest start of the text that fits in `width` columns (a wide character that
    /// would straddle the edge is left out, never split).
    func prefix(displayWidth width: Int) -> String {
        var result = ""
        var used = 0
        for character in self {
            let columns = character.displayWidth
            if used + columns > width { break }
            result.append(character)
            used += columns
        }
        return result
    }
}
