import TextSupport
import VODSigning

/// Compares the string to sign a server reports in `SignatureDoesNotMatch` with ours and names the difference.
enum SignatureDiff {
    /// Names whose values are never shown.
    static let hidden: Set<String> = [
        "SecurityToken", "Signature", "AccessKeyId", "x-acs-security-token", "authorization",
    ]

    /// The server's string to sign, taken from the error message.
    static func serverStringToSign(in message: String) -> String? {
        if let end = endOfCaseInsensitive("string to sign is:", in: message) {
            return message[end...].trimmingWhitespace()
        }
        guard let colon = message.firstIndex(of: ":") else { return nil }
        let text = message[message.index(after: colon)...].trimmingWhitespace()
        return text.isEmpty ? nil : text
    }

    /// V1: compares method, path and every signed parameter.
    static func rpcV1(server: String, ours: String) -> String {
        if server == ours { return secretWrong }
        let serverParts = server.split(separator: "&", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        let ourParts = ours.split(separator: "&", maxSplits: 2, omittingEmptySubsequences: false).map(String.init)
        guard serverParts.count == 3, ourParts.count == 3 else {
            return
                "the server's string to sign is not in the RPC V1 form (METHOD&%2F&query); it was signed differently."
        }
        var findings: [String] = []
        if serverParts[0] != ourParts[0] {
            findings.append("HTTP method: server \(serverParts[0]), ours \(ourParts[0])")
        }
        if serverParts[1] != ourParts[1] { findings.append("path: server \(serverParts[1]), ours \(ourParts[1])") }
        let serverParams = parameters(serverParts[2])
        let ourParams = parameters(ourParts[2])
        let onlyServer = serverParams.keys.filter { ourParams[$0] == nil }.sorted()
        let onlyOurs = ourParams.keys.filter { serverParams[$0] == nil }.sorted()
        if !onlyServer.isEmpty { findings.append("only the server signed \(onlyServer.joined(separator: ", "))") }
        if !onlyOurs.isEmpty { findings.append("only we signed \(onlyOurs.joined(separator: ", "))") }
        for name in serverParams.keys.sorted() {
            guard let mine = ourParams[name], let theirs = serverParams[name], mine != theirs else { continue }
            if hidden.contains(name) {
                findings.append("\(name) differs")
            } else {
                findings.append("\(name) differs: server \"\(clip(theirs))\", ours \"\(clip(mine))\"")
            }
        }
        if findings.isEmpty {
            findings.append(
                "the parameters match but their encoding differs (check percent-encoding of special characters)")
        }
        return findings.joined(separator: "; ") + "."
    }

    /// V3: the server reports `ACS3-HMAC-SHA256\n<hash>` (or a canonical request); compares what it can.
    static func acs3(server: String, ourStringToSign: String, ourCanonicalRequest: String) -> String {
        let normalized = server.replacingLiterally("\\n", with: "\n")
        if normalized == ourStringToSign || normalized == ourCanonicalRequest { return secretWrong }
        let serverLines = lines(normalized)
        let ourLines = lines(ourCanonicalRequest)
        if serverLines.count >= 6 {
            var findings: [String] = []
            let labels = ["HTTP method", "path", "query"]
            for index in 0..<max(serverLines.count, ourLines.count) {
                let theirs = index < serverLines.count ? serverLines[index] : "<missing>"
                let mine = index < ourLines.count ? ourLines[index] : "<missing>"
                guard theirs != mine else { continue }
                let label = index < labels.count ? labels[index] : "line \(index + 1)"
                let name = mine.split(separator: ":").first.map(String.init) ?? ""
                if hidden.contains(name.lowercased()) || hidden.contains(name) {
                    findings.append("\(label) (\(name)) differs")
                } else {
                    findings.append("\(label) differs: server \"\(clip(theirs))\", ours \"\(clip(mine))\"")
                }
            }
            return findings.joined(separator: "; ") + "."
        }
        return "the server hashed a different canonical request (ours signs: \(signedSummary(ourLines))); "
            + "check the host header, query encoding and x-acs-* headers."
    }

    static let secretWrong =
        "the server's string to sign equals ours, so the canonical form is right and the AccessKey secret is wrong "
        + "(or does not belong to this AccessKeyId)."

    private static func signedSummary(_ lines: [String]) -> String {
        lines.count >= 2 ? "headers \(lines[lines.count - 2])" : "unknown"
    }

    private static func parameters(_ encodedCanonicalQuery: String) -> [String: String] {
        guard let canonical = PercentEncoding.decode(encodedCanonicalQuery) else { return [:] }
        var result: [String: String] = [:]
        for pair in canonical.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.decode(String(parts[0])) ?? String(parts[0])
            let value = parts.count > 1 ? (PercentEncoding.decode(String(parts[1])) ?? String(parts[1])) : ""
            result[name] = value
        }
        return result
    }

    private static func clip(_ text: String) -> String {
        text.count > 60 ? String(text.prefix(57)) + "..." : text
    }

    /// Where the first ASCII-case-insensitive occurrence of `needle` (ASCII) in `text` ends.
    static func endOfCaseInsensitive(_ needle: String, in text: String) -> String.Index? {
        let pattern = Array(needle.lowercased().utf8)
        let bytes = text.utf8
        var start = bytes.startIndex
        while start != bytes.endIndex {
            var position = start
            var matched = 0
            while matched < pattern.count, position != bytes.endIndex {
                let byte = bytes[position]
                guard (0x41...0x5A).contains(byte) ? byte + 0x20 == pattern[matched] : byte == pattern[matched] else {
                    break
                }
                matched += 1
                position = bytes.index(after: position)
            }
            if matched == pattern.count { return position }
            start = bytes.index(after: start)
        }
        return nil
    }

    /// `text` cut at every line feed, as Foundation's `components(separatedBy: "\n")` cuts it (inside `\r\n` too).
    static func lines(_ text: String) -> [String] {
        text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String($0) }
    }
}
