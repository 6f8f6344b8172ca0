import FoundationEssentials
import MCPCore
import NIOHTTP1

/// The 2026-07-28 request-metadata checks: `MCP-Protocol-Version`, `Mcp-Method` and `Mcp-Name` must be present and
/// agree with the body, so an intermediary routing on headers and this server acting on the body see one request.
enum HeaderCheck {
    static let headerMismatch = -32020

    /// Methods whose `Mcp-Name` mirrors a body field, and that field.
    static let nameFields = ["tools/call": "name", "resources/read": "uri", "prompts/get": "name"]

    enum Outcome: Equatable {
        case accepted
        /// 400 with this error (HeaderMismatch or UnsupportedProtocolVersion).
        case refused(JSONRPCError)
    }

    static func check(_ headers: HTTPHeaders, message: JSONValue) -> Outcome {
        for name in ["MCP-Protocol-Version", "Mcp-Method", "Mcp-Name"] {
            for value in headers[name] where !isHeaderSafe(value) {
                return .refused(mismatch("the \(name) header contains characters outside visible ASCII"))
            }
        }
        guard let version = headers.first(name: "MCP-Protocol-Version") else {
            return .refused(
                mismatch(
                    "the MCP-Protocol-Version header is missing; send MCP-Protocol-Version: "
                        + "2026-07-28"))
        }
        let bodyVersion = message["params"]?["_meta"]?["io.modelcontextprotocol/protocolVersion"]
        if ProtocolEra.handshakeVersions.contains(version), bodyVersion == nil {
            return .refused(
                .invalidRequest(
                    "Bad request: no Mcp-Session-Id: a \(version) client starts a session with initialize and "
                        + "sends the Mcp-Session-Id it returns with every later message"))
        }
        guard ProtocolEra.statelessVersions.contains(version) else {
            let supported = JSONValue.array(
                (ProtocolEra.statelessVersions + ProtocolEra.handshakeVersions).map { .string($0) })
            return .refused(
                JSONRPCError(
                    code: JSONRPCError.Code.unsupportedProtocolVersion,
                    message:
                        "Unsupported protocol version \(version) over HTTP: this endpoint serves 2026-07-28 "
                        + "statelessly and 2025-03-26 to 2025-11-25 in sessions begun with initialize",
                    data: ["supported": supported, "requested": .string(version)]))
        }
        if let bodyVersion, bodyVersion != .string(version) {
            return .refused(
                mismatch(
                    "MCP-Protocol-Version header \(version) does not match the body's protocolVersion "
                        + "\(Clip.text(bodyVersion.encodedString()))"))
        }
        guard let method = message["method"]?.stringValue else { return .accepted }
        guard let headerMethod = headers.first(name: "Mcp-Method") else {
            return .refused(mismatch("the Mcp-Method header is missing; send Mcp-Method: \(Clip.text(method))"))
        }
        guard headerMethod == method else {
            return .refused(
                mismatch(
                    "Mcp-Method header \(Clip.text(headerMethod)) does not match the body's method "
                        + "\(Clip.text(method))"))
        }
        guard let field = nameFields[method], let bodyName = message["params"]?[field]?.stringValue else {
            return .accepted
        }
        guard let rawName = headers.first(name: "Mcp-Name") else {
            return .refused(
                mismatch(
                    "the Mcp-Name header is missing; \(method) needs Mcp-Name equal to "
                        + "params.\(field)"))
        }
        guard let headerName = decodeSentinel(rawName) else {
            return .refused(mismatch("the Mcp-Name header is not valid =?base64?...?= encoding"))
        }
        guard headerName == bodyName else {
            return .refused(
                mismatch(
                    "Mcp-Name header \(Clip.text(headerName)) does not match the body's params.\(field) "
                        + "\(Clip.text(bodyName))"))
        }
        return .accepted
    }

    static func mismatch(_ detail: String) -> JSONRPCError {
        JSONRPCError(code: headerMismatch, message: "Header mismatch: \(detail)")
    }

    /// Visible ASCII, space and tab only (RFC 9110 field values as the transport spec restricts them).
    static func isHeaderSafe(_ value: String) -> Bool {
        value.utf8.allSatisfy { $0 == 0x09 || (0x20...0x7E).contains($0) }
    }

    /// The value of a header that may use the `=?base64?...?=` sentinel; nil when the encoding is broken.
    static func decodeSentinel(_ value: String) -> String? {
        guard value.hasPrefix("=?base64?"), value.hasSuffix("?="), value.count >= 11 else { return value }
        let encoded = String(value.dropFirst(9).dropLast(2))
        guard let data = Data(base64Encoded: encoded) else { return nil }
        return String(data: data, encoding: .utf8)
    }
}
