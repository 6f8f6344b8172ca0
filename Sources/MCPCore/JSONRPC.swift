/// A JSON-RPC request id: an integer or a string, echoed with its exact JSON type.
public enum RequestID: Hashable, Sendable, CustomStringConvertible {
    case int(Int64)
    case string(String)

    /// Reads an id; `nil` for null, floats, booleans and containers (all invalid ids in MCP).
    public init?(_ value: JSONValue) {
        switch value {
        case .int(let number): self = .int(number)
        case .string(let text): self = .string(text)
        default: return nil
        }
    }

    public var json: JSONValue {
        switch self {
        case .int(let number): return .int(number)
        case .string(let text): return .string(text)
        }
    }

    public var description: String {
        switch self {
        case .int(let number): return String(number)
        case .string(let text): return "\"\(text)\""
        }
    }
}

/// A JSON-RPC error object. Thrown by handlers for protocol-level failures (never for tool failures).
public struct JSONRPCError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Error codes used on the wire.
    public enum Code {
        public static let parseError = -32700
        public static let invalidRequest = -32600
        public static let methodNotFound = -32601
        public static let invalidParams = -32602
        public static let internalError = -32603
        /// Legacy era only: resource not found (2026-07-28 uses -32602).
        public static let resourceNotFound = -32002
        public static let missingRequiredClientCapability = -32021
        public static let unsupportedProtocolVersion = -32022
    }

    public var code: Int
    public var message: String
    public var data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    public var description: String { "JSON-RPC error \(code): \(message)" }

    public var json: JSONValue {
        var object: [String: JSONValue] = ["code": .int(Int64(code)), "message": .string(message)]
        if let data { object["data"] = data }
        return .object(object)
    }

    public static func invalidParams(_ message: String, data: JSONValue? = nil) -> JSONRPCError {
        JSONRPCError(code: Code.invalidParams, message: message, data: data)
    }

    public static func methodNotFound(_ method: String) -> JSONRPCError {
        JSONRPCError(
            code: Code.methodNotFound, message: "Method not found: \(Clip.text(method))",
            data: .string(Clip.text(method)))
    }

    public static func invalidRequest(_ message: String) -> JSONRPCError {
        JSONRPCError(code: Code.invalidRequest, message: message)
    }

    public static func internalError(_ message: String) -> JSONRPCError {
        JSONRPCError(code: Code.internalError, message: message)
    }
}

/// Builders for outgoing JSON-RPC messages.
enum Message {
    static func response(id: RequestID, result: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id.json, "result": result]
    }

    /// An error response. Whatever a handler put in the error, the message and every string in `data` are clipped
    /// (`Clip`), so client input quoted back can never make an error larger than a few kilobytes.
    static func error(id: RequestID?, _ error: JSONRPCError) -> JSONValue {
        var clipped = error
        clipped.message = Clip.text(error.message, limit: 1024)
        clipped.data = error.data.map(Self.clipStrings)
        return ["jsonrpc": "2.0", "id": id?.json ?? .null, "error": clipped.json]
    }

    private static func clipStrings(_ value: JSONValue) -> JSONValue {
        switch value {
        case .string(let text): return .string(Clip.text(text, limit: 256))
        case .array(let items): return .array(items.map(clipStrings))
        case .object(let members): return .object(members.mapValues(clipStrings))
        default: return value
        }
    }

    static func notification(_ method: String, params: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "method": .string(method), "params": params]
    }

    static func request(id: RequestID, method: String, params: JSONValue) -> JSONValue {
        ["jsonrpc": "2.0", "id": id.json, "method": .string(method), "params": params]
    }
}
