/// The README's tool tables (`vod-mcp tools --markdown`).
enum ToolTable {
    /// The first sentence of a description's first line: up to a "." followed by a space and a capital letter, a
    /// backtick or a parenthesis (not the one of "e.g." or "i.e."), else the whole line. Dots inside a sentence
    /// ("tagging...", "crossdomain.xml", "llms.txt") do not end it.
    static func firstSentence(_ description: String) -> String {
        let line = Array(description.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
        var index = 0
        while index + 2 < line.count {
            if line[index] == ".", line[index + 1] == " ",
                line[index + 2].isUppercase || line[index + 2] == "`" || line[index + 2] == "("
            {
                let before = String(line[max(0, index - 4)..<index]).lowercased()
                if !before.hasSuffix("e.g") && !before.hasSuffix("i.e") { return String(line[...index]) }
            }
            index += 1
        }
        return String(line)
    }
}
