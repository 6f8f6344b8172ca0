import Testing

@testable import VODEmulator

@Suite struct SearchMatchTests {
    let fields = ["Title": "Morning News", "Status": "Normal", "CateId": "7"]

    @Test(arguments: [
        ("Title in ('Morning News','x')", true), ("Title = 'news'", true), ("Title = \"evening\"", false),
        ("Status in ('Normal','Blocked') and CateId = 7", true), ("CateId = 8 or Status = 'Normal'", true),
        ("(CateId = 8 or CateId = 7) and Status != 'Normal'", false), ("status IN ('x')", false),
    ])
    func evaluates(_ expression: String, _ expected: Bool) throws {
        #expect(try SearchMatch.parse(expression).matches(fields) == expected)
    }

    @Test(arguments: ["Title in ('a'", "Title ~ 'a'", "= 'a'", "Title = 'a' and", "Title = 'open"])
    func rejectsBadSyntax(_ expression: String) {
        #expect(throws: SearchMatch.SyntaxError.self) { try SearchMatch.parse(expression) }
    }
}
