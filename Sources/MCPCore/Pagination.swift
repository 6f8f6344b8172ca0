import FoundationEssentials

/// Opaque cursors over a server-ordered list. A cursor names the list it belongs to and an offset.
enum Pagination {
    struct Page {
        var items: [JSONValue]
        var nextCursor: String?

        func result(key: String) -> JSONValue {
            var object: [String: JSONValue] = [key: .array(items)]
            if let nextCursor { object["nextCursor"] = .string(nextCursor) }
            return .object(object)
        }
    }

    static func page(_ all: [JSONValue], kind: String, cursor: JSONValue?, size: Int) throws -> Page {
        var offset = 0
        switch cursor {
        case nil, .null?, .string("")?:
            offset = 0
        case .string(let text)?:
            guard let decoded = decode(text), decoded.kind == kind, decoded.offset <= all.count else {
                throw JSONRPCError.invalidParams(
                    "Invalid params: invalid cursor; pass back a nextCursor from this list exactly, or omit it for the first page"
                )
            }
            offset = decoded.offset
        default:
            throw JSONRPCError.invalidParams("Invalid params: cursor must be a string")
        }
        let pageSize = max(1, size)
        let end = min(all.count, offset + pageSize)
        return Page(
            items: Array(all[offset..<end]), nextCursor: end < all.count ? encode(kind: kind, offset: end) : nil)
    }

    static func encode(kind: String, offset: Int) -> String {
        Data("\(kind):\(offset)".utf8).base64EncodedString()
    }

    static func decode(_ cursor: String) -> (kind: String, offset: Int)? {
        guard cursor.count < 256, let data = Data(base64Encoded: cursor),
            let text = String(data: data, encoding: .utf8)
        else { return nil }
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, let offset = Int(parts[1]), offset >= 0 else { return nil }
        return (String(parts[0]), offset)
    }
}
