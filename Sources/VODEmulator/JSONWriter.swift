/// Writes values read by `JSONReader` back to compact JSON text, byte for byte as the sandbox's former
/// `JSONSerialization.data(withJSONObject:options: .sortedKeys)` did on Linux: `/` escaped as `\/`, control
/// characters as `\b`, `\f` or lowercase `\u00xx`, doubles without a trailing `.0`, object keys in
/// `JSONKeyOrder`. Anything but an array or object at the top (or nesting beyond 512 levels) gives "", as
/// `isValidJSONObject` refused it.
enum JSONWriter {
    static func text(of value: Any) -> String {
        guard value is [Any] || value is [String: Any], isValid(value, level: 1) else { return "" }
        var out = ""
        write(value, into: &out)
        return out
    }

    private static func isValid(_ value: Any, level: Int) -> Bool {
        guard level <= 512 else { return false }
        switch value {
        case let list as [Any]: return list.allSatisfy { isValid($0, level: level + 1) }
        case let object as [String: Any]: return object.values.allSatisfy { isValid($0, level: level + 1) }
        default: return value is String || value is JSONNumber || value is JSONNull
        }
    }

    private static func write(_ value: Any, into out: inout String) {
        switch value {
        case let text as String: quote(text, into: &out)
        case let number as JSONNumber: out += number.jsonText
        case let list as [Any]:
            out += "["
            for (index, item) in list.enumerated() {
                if index > 0 { out += "," }
                write(item, into: &out)
            }
            out += "]"
        case let object as [String: Any]:
            out += "{"
            for (index, member) in object.sorted(by: { JSONKeyOrder.precedes($0.key, $1.key) }).enumerated() {
                if index > 0 { out += "," }
                quote(member.key, into: &out)
                out += ":"
                write(member.value, into: &out)
            }
            out += "}"
        default: out += "null"
        }
    }

    private static func quote(_ text: String, into out: inout String) {
        out += "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "/": out += "\\/"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{00}"..."\u{1F}":
                out += scalar.value < 0x10 ? "\\u000" : "\\u00"
                out += String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
