import Foundation
import OffloadModel
import OffloadReport
import OffloadScheduler
import Testing
import OffloadTestSupport

/// The byte writer behind every `--format json` writes a tree exactly as the String writer
/// it replaced wrote it (``ReferenceJSONWriter``): on random trees, and on numbers and
/// strings chosen at the edges. `ReportJSONTests` checks the documents the reports stream.
@Suite struct JSONWriterTests {
    /// Both writers, and the `String` and bytes forms of the new one, agree on `value`.
    static func expectSame(_ value: JSONValue, _ comment: @autoclosure () -> String = "", sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = ReferenceJSONWriter.serialized(value)
        let bytes = value.serializedBytes()
        #expect(bytes == Array(expected.utf8), "\(comment()): \(String(decoding: bytes, as: UTF8.self)) != \(expected)",
                sourceLocation: sourceLocation)
        #expect(value.serialized() == expected, sourceLocation: sourceLocation)
    }

    /// Integers, the four-decimal fast path and its limits, exponents, negative zero,
    /// subnormals, huge and non-finite values, each as `measured`, `exact`, an `Int`, and a
    /// bare `Double` (as the parser makes for `1.0`).
    @Test func numbersAtTheEdgesWriteTheSameText() {
        var values: [Double] = [
            0, -0.0, 1, -1, 0.5, -0.5, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 18.88, 63.78, 0.0001, 0.00015, 0.0005, 0.00099995,
            0.001, 0.0010001, 0.00100005, 0.009, 0.0099999, 0.01, 0.99995, 0.99999, 1.00005, 9.99995, 12.3456, 12.34565,
            123_456.7891, 1e-4, 1e-5, 1e-7, 1e-300, .leastNonzeroMagnitude, .leastNormalMagnitude, Double(bitPattern: 1),
            274_877_906_943.9999, 274_877_906_944, 274_877_906_944.5, 274_877_906_943.5, 1e11 + 0.0001, 1e12 + 0.5,
            9e15, 9e15 - 1, 9e15 + 2, 8_999_999_999_999_999, 9_007_199_254_740_992, 9_007_199_254_740_994, 1e15 + 0.5,
            1e16, 1.5e17, 1e20, 1e21, 1e22, 1e300, .greatestFiniteMagnitude, 4_503_599_627_370_495.5,
            .infinity, -.infinity, .nan, Double(Int.max), Double(Int.min),
        ]
        values += values.map { -$0 }
        var generator = SplitMix64(seed: 7)
        for _ in 0..<5_000 {
            values.append(generator.uniform(0...1) * 10)
            values.append(Double(generator.integer(-100_000_000...100_000_000)) / 10_000)
            values.append((generator.uniform(-1...1) * pow(10, Double(generator.integer(-8...16)))))
            values.append(Double(bitPattern: generator.next()))
        }
        let numbers: [JSONValue] = values.flatMap { [JSONValue.measured($0), .exact($0), .rounded($0), .number($0, exactInt: nil)] }
            + [.int(0), .int(-1), .int(Int.max), .int(Int.min), .int(10_000), .number(2.5, exactInt: 7)]
        Self.expectSame(.array(numbers))
        for number in numbers { Self.expectSame(.object([("n", number)])) }
    }

    /// Every C0 control, DEL, the C1 controls, the bidirectional overrides and isolates,
    /// the line separators, `"`, `\`, and text in two, three and four bytes.
    @Test func everyEscapeWritesTheSameText() {
        var scalars = (0..<0x300).compactMap(Unicode.Scalar.init)
        scalars += [0x061C, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067,
                    0x2068, 0x2069, 0xFEFF, 0xFFFD, 0xFFFF, 0x1F600, 0x10FFFF].compactMap(Unicode.Scalar.init)
        for scalar in scalars {
            let text = String(scalar)
            Self.expectSame(.string(text), "U+\(String(scalar.value, radix: 16))")
            Self.expectSame(.object([("a\(text)b", .string("x\(text)\(text)y"))]))
        }
        // At every offset of a 17-byte string, so that the eight-byte scan meets each one in
        // every lane of a word and in the tail.
        for scalar in scalars where scalar.value < 0x21 || (0x7E...0xA0).contains(scalar.value) || scalar == "\"" || scalar == "\\" || scalar.value > 0x600 {
            for offset in 0..<17 {
                var text = String(repeating: "x", count: 17)
                text.unicodeScalars.insert(scalar, at: text.unicodeScalars.index(text.unicodeScalars.startIndex, offsetBy: offset))
                Self.expectSame(.string(text), "U+\(String(scalar.value, radix: 16)) at \(offset)")
            }
        }
        var all = ""
        all.unicodeScalars.append(contentsOf: scalars)
        Self.expectSame(.array([.string(all), .string(""), .string("é\u{0}\u{1F}\u{7F}\u{85}\u{202E}\\\"")]))
    }

    /// Random trees of every kind of value, nested up to six deep, with random keys.
    @Test func randomTreesWriteTheSameText() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<500 {
            Self.expectSame(Self.randomValue(depth: 0, generator: &generator))
        }
    }

    /// A number that is not finite is refused with its path, as before.
    @Test func aNonFiniteNumberIsRefusedWithItsPath() {
        let document = JSONValue.object([("jobs", .array([.object([("finishMs", .measured(1))]), .object([("finishMs", .measured(.infinity))])]))])
        #expect(throws: InputError.self) { try document.finiteSerializedBytes() }
        do {
            _ = try document.finiteSerializedBytes(describing: "the plan")
            Issue.record("wrote infinity")
        } catch {
            #expect(error.file == "the plan" && error.location == "jobs[1].finishMs", "\(error)")
        }
        #expect(document.serialized() == ReferenceJSONWriter.serialized(document))
    }

    static func randomValue(depth: Int, generator: inout SplitMix64) -> JSONValue {
        let kind = generator.integer(0...(depth >= 6 ? 4 : 7))
        switch kind {
        case 0: return .null
        case 1: return .bool(generator.integer(0...1) == 1)
        case 2: return .measured(generator.uniform(-1e6...1e6))
        case 3: return .int(generator.integer(-1_000_000...1_000_000))
        case 4: return .string(randomText(&generator))
        case 5: return .array((0..<generator.integer(0...5)).map { _ in .measured(generator.uniform(-10...10)) })
        case 6: return .array((0..<generator.integer(0...4)).map { _ in randomValue(depth: depth + 1, generator: &generator) })
        default:
            return .object((0..<generator.integer(0...4)).map { _ in
                (randomText(&generator), randomValue(depth: depth + 1, generator: &generator))
            })
        }
    }

    static func randomText(_ generator: inout SplitMix64) -> String {
        let pool: [Unicode.Scalar] = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{7F}", "\u{85}",
                                      "\u{9F}", "\u{A0}", "é", "\u{061C}", "\u{200E}", "\u{202E}", "\u{2028}", "\u{2069}", "✓", "😀"]
        var text = ""
        for _ in 0..<generator.integer(0...12) { text.unicodeScalars.append(pool[generator.integer(0...(pool.count - 1))]) }
        return text
    }
}
