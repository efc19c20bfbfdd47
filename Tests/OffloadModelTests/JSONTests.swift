import Testing
@testable import OffloadModel

@Suite struct JSONTests {
    @Test func parsesAndWritesBackTheSameValue() throws {
        let text = #"{"a": [1, -2.5, 1e3, true, null], "b": {"c": "é\n\"q\" \u00e9 \ud83d\ude00"}, "d": []}"#
        let value = try JSONParser.parse(text)
        #expect(value["a"] == .array([.number(1, exactInt: 1), .number(-2.5, exactInt: nil), .number(1000, exactInt: nil), .bool(true), .null]))
        #expect(value["b"]?["c"] == .string("é\n\"q\" é 😀"))
        #expect(try JSONParser.parse(value.serialized()) == value)
    }

    @Test(arguments: [
        ("{", "unexpected end of file"), ("[1,]", "expected a value"), ("01", "cannot start with 0"),
        (#"{"a" 1}"#, "expected ':'"), ("1 2", "after the JSON value"), (#""\x""#, "unknown escape"),
        ("\"a\nb\"", "control character"), ("-", "needs digits"), ("1.", "digits after '.'"),
        (#""\ud800""#, "unpaired UTF-16 surrogate"), ("nul", "expected a value"),
    ])
    func refusesMalformedText(text: String, expected: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.contains(expected), "\(error)")
        }
    }

    /// Bytes that are not UTF-8 are refused wherever they are, naming the byte and where.
    @Test(arguments: [
        ([0xFF, 0xFE, 0x7B, 0x00, 0x7D, 0x00], "line 1, column 1: the text is UTF-16 (it starts with a UTF-16 byte-order mark)"),
        ([0xFE, 0xFF, 0x00, 0x7B, 0x00, 0x7D], "line 1, column 1: the text is UTF-16"),
        (Array(#"{"a": "caf"#.utf8) + [0xE9] + Array(#""}"#.utf8), "line 1, column 11: the text is not valid UTF-8: found byte 0xE9"),
        (Array("{\n  \"a\": 1\n}\n".utf8) + [0x89, 0x50, 0x4E, 0x47], "line 4, column 1: the text is not valid UTF-8: found byte 0x89"),
        ([0x22, 0xC0, 0x80, 0x22], "found byte 0xC0"),                 // an overlong NUL
        ([0x22, 0xED, 0xA0, 0x80, 0x22], "found byte 0xED"),           // a UTF-16 surrogate, encoded
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], "found byte 0xF4"),     // past U+10FFFF
        ([0x22, 0x80, 0x22], "found byte 0x80"),                       // a lone continuation byte
        ([0x22, 0x61, 0xE2, 0x82], "found byte 0xE2"),                 // cut short by the end of the file
    ] as [([UInt8], String)])
    func refusesBytesThatAreNotUTF8(bytes: [UInt8], expected: String) {
        do {
            _ = try JSONParser.parse(bytes)
            Issue.record("accepted \(bytes)")
        } catch {
            #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test func acceptsUTF8WithAndWithoutAByteOrderMark() throws {
        let text = #"{"name": "café ✓ 😀"}"#
        #expect(try JSONParser.parse(Array(text.utf8))["name"] == .string("café ✓ 😀"))
        #expect(try JSONParser.parse([0xEF, 0xBB, 0xBF] + Array(text.utf8))["name"] == .string("café ✓ 😀"))
    }

    /// Deep nesting is refused at a bounded depth, without overflowing the stack.
    @Test(arguments: [
        String(repeating: "[", count: 200_000),
        String(repeating: #"{"a": "#, count: 200_000),
        String(repeating: #"[{"a": "#, count: 100_000),
    ])
    func refusesDeepNestingWithoutOverflowingTheStack(text: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted deep nesting")
        } catch {
            #expect(error.message == "nesting deeper than \(JSONParser.maximumDepth) levels", "\(error)")
        }
    }

    @Test func acceptsNestingUpToTheLimit() throws {
        let depth = JSONParser.maximumDepth
        _ = try JSONParser.parse(String(repeating: "[", count: depth) + String(repeating: "]", count: depth))
        #expect(throws: JSONSyntaxError.self) {
            try JSONParser.parse(String(repeating: "[", count: depth + 1) + String(repeating: "]", count: depth + 1))
        }
    }

    /// Numbers JSON does not have are refused; numbers too large for a `Double` become
    /// infinity, which every field then refuses by name.
    @Test(arguments: [("NaN", "expected a value"), ("Infinity", "expected a value"), ("-Infinity", "a number needs digits"),
                      ("+1", "expected a value"), ("0x10", "after the JSON value"), (".5", "expected a value"), ("1e", "exponent")])
    func refusesNumbersJSONDoesNotHave(text: String, expected: String) {
        do {
            _ = try JSONParser.parse(text)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.message.contains(expected), "\(error)")
        }
    }

    @Test func hugeNumbersParseToInfinityAndLongIntegersLoseExactness() throws {
        #expect(try JSONParser.parse("1e400") == .number(.infinity, exactInt: nil))
        #expect(try JSONParser.parse("-1e400") == .number(-.infinity, exactInt: nil))
        guard case let .number(value, exact) = try JSONParser.parse("99999999999999999999") else {
            Issue.record("not a number")
            return
        }
        #expect(value == 1e20 && exact == nil)
    }

    @Test func reportsLineAndColumn() {
        do {
            _ = try JSONParser.parse("{\n  \"a\": 1,\n  \"b\" 2\n}")
            Issue.record("accepted")
        } catch {
            #expect(error.line == 3 && error.column == 7)
        }
    }

    @Test func roundsNumbersForOutput() {
        #expect(JSONValue.rounded(79.084745762).serialized() == "79.0847")
        #expect(JSONValue.rounded(4.0).serialized() == "4")
        #expect(JSONValue.rounded(-0.00001).serialized() == "0")
        #expect(JSONValue.rounded(.infinity) == .null)
    }
}
