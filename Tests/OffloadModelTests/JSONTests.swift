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
