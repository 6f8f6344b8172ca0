import TextSupport
import VODSigning

/// The fields of a POP error body, JSON (`{"Code": ...}`) or XML (`<Error><Code>...`).
struct ErrorBody: Equatable {
    var code: String?
    var message: String?
    var requestId: String?
    var hostId: String?
    var recommend: String?

    static func parse(_ body: [UInt8]) -> ErrorBody? {
        if let json = LooseJSON.parse(body)?.object {
            func field(_ names: String...) -> String? {
                for name in names { if let value = json[name]?.string, !value.isEmpty { return value } }
                return nil
            }
            let parsed = ErrorBody(
                code: field("Code", "code"), message: field("Message", "message"),
                requestId: field("RequestId", "requestId"), hostId: field("HostId", "hostId"),
                recommend: field("Recommend", "recommend"))
            return parsed.code == nil && parsed.message == nil ? nil : parsed
        }
        let text = String(decoding: body, as: UTF8.self)
        guard text.containsLiterally("<Error") || text.containsLiterally("<Code>") else { return nil }
        let parsed = ErrorBody(
            code: xmlField("Code", in: text), message: xmlField("Message", in: text),
            requestId: xmlField("RequestId", in: text), hostId: xmlField("HostId", in: text),
            recommend: xmlField("Recommend", in: text))
        return parsed.code == nil ? nil : parsed
    }

    /// JSON `RequestId` of a success body.
    static func requestId(_ body: [UInt8]) -> String? {
        LooseJSON.parse(body)?.object?["RequestId"]?.string
    }

    private static func xmlField(_ tag: String, in text: String) -> String? {
        guard let open = text.literalRange(of: "<\(tag)>"),
            let close = text.literalRange(of: "</\(tag)>", from: open.upperBound)
        else { return nil }
        var value = String(text[open.upperBound..<close.lowerBound])
        if value.hasPrefix("<![CDATA[") && value.hasSuffix("]]>") {
            value = String(value.dropFirst(9).dropLast(3))
        } else {
            for (entity, character) in [
                ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&apos;", "'"), ("&amp;", "&"),
            ] {
                value = value.replacingLiterally(entity, with: character)
            }
        }
        return value.isEmpty ? nil : value
    }
}
