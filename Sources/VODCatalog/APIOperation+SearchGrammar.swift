import MCPCore

extension APIOperation {
    /// Problems in SearchMedia's `Match` and `SortBy` texts (see `SearchMatchGrammar`); empty for other
    /// parameters and operations. `searchType` is the call's SearchType, when given.
    func grammarProblems(
        _ parameter: OperationParameter, text: String, searchType: String?, scrolling: Bool
    ) -> [ArgumentProblem] {
        guard action == "SearchMedia", !text.isEmpty else { return [] }
        let messages: [String]
        switch parameter.name {
        case "Match": messages = SearchMatchGrammar.problems(match: text, searchType: searchType)
        case "SortBy":
            messages = SearchMatchGrammar.problems(sortBy: text, searchType: searchType, scrolling: scrolling)
        default: return []
        }
        return messages.map {
            ArgumentProblem(
                kind: .wrongType, parameter: parameter.name,
                message: $0 + " Syntax: vod://docs/Media%20Asset%20Management/Search%20Syntax.md")
        }
    }
}
