import Testing

@testable import VODEmulator

@Suite struct SandboxCoverageTests {
    @Test func everyCatalogOperationHasOneLine() {
        let entries = SandboxCoverage.entries()
        #expect(entries.count == 188)
        #expect(Set(entries.map(\.action)).count == 188)
    }

    @Test func implementedMeansAHandlerExists() {
        for entry in SandboxCoverage.entries() {
            #expect((entry.level != .unsupported) == (RPCService.handlers[entry.action] != nil), "\(entry.action)")
        }
    }

    @Test func everyHandWrittenOperationIsDescribedAndNoNoteIsStray() {
        let stateful = Set(SandboxCoverage.entries().filter { $0.level == .stateful }.map(\.action))
        // Notes are kept beside their handlers in several tables; no operation has two.
        #expect(SandboxCoverage.noteTables.map(\.count).reduce(0, +) == SandboxCoverage.notes.count)
        #expect(stateful == Set(SandboxCoverage.notes.keys))
    }

    @Test func markdownCountsAddUp() {
        let page = SandboxCoverage.markdown()
        let rows = page.split(separator: "\n").filter { $0.hasPrefix("| ") && !$0.hasPrefix("| Operation") }
        #expect(rows.count == 188)
        #expect(page.contains("Of 188 operations"))
    }
}
