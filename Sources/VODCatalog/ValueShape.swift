public import MCPCore

/// The documented shape of the value of a JSON-text parameter (wire `jsonString` / `jsonArrayString`), from
/// `tools/catalog/shapes.json`: a JSON Schema, a choice of schemas keyed by another parameter (TemplateType, Type),
/// or a stated reason why the value is free-form.
///
/// The schema uses a small JSON Schema subset that `ShapeChecker` understands: `type` (one name or a list),
/// `properties`, `required`, `additionalProperties` (a boolean or a schema), `items`, `minItems`, `maxItems`,
/// `enum`, `minimum`, `maximum`, `maxLength` (counted in UTF-8 bytes, as VOD counts), `pattern` and `description`.
/// Where a type lists both a number type and `string`, the string must be numeric text, and the bounds apply to
/// its number: VOD's own examples write numbers as text (`"Bitrate":"400"`).
public struct ValueShape: Sendable, Equatable {
    /// One schema with where it came from and an example that satisfies it.
    public struct Variant: Sendable, Equatable {
        /// The shape's name in shapes.json, e.g. `TranscodeTemplateList`.
        public let name: String
        /// JSON Schema of the value.
        public let schema: JSONValue
        /// Public pages the members, types and bounds were read from.
        public let sources: [String]
        /// A complete value that satisfies the schema.
        public let example: JSONValue

        /// Creates a variant.
        public init(name: String, schema: JSONValue, sources: [String], example: JSONValue) {
            self.name = name
            self.schema = schema
            self.sources = sources
            self.example = example
        }
    }

    /// The schemas: one for a plain shape; several when the shape depends on another parameter.
    public let variants: [String: Variant]
    /// The parameter whose value picks the variant (e.g. `TemplateType`); nil when the value itself must match
    /// one of them (an update operation that does not repeat the type).
    public let selector: String?
    /// Why the value is free-form (no documented members), when it is.
    public let freeFormReason: String?
    /// An example for a free-form value, when the docs give one.
    public let freeFormExample: JSONValue?

    /// The key under which a single (non-variant) shape is stored in `variants`.
    public static let singleKey = ""

    /// Creates a shape.
    public init(
        variants: [String: Variant], selector: String? = nil, freeFormReason: String? = nil,
        freeFormExample: JSONValue? = nil
    ) {
        self.variants = variants
        self.selector = selector
        self.freeFormReason = freeFormReason
        self.freeFormExample = freeFormExample
    }

    /// Whether the docs leave the value free-form.
    public var isFreeForm: Bool { freeFormReason != nil }

    /// The single schema of a plain shape.
    public var single: Variant? { variants[Self.singleKey] }

    /// Decodes the `shape` member of a catalog parameter (see tools/gen-catalog).
    init(catalogEntry entry: JSONValue) throws(CatalogError) {
        if let reason = entry["freeForm"]?.stringValue {
            self.init(variants: [:], freeFormReason: reason, freeFormExample: entry["example"])
            return
        }
        if let cases = entry["variants"]?.objectValue {
            var variants: [String: Variant] = [:]
            for (key, value) in cases {
                variants[key] = try Self.variant(value)
            }
            self.init(variants: variants, selector: entry["by"]?.stringValue)
            return
        }
        self.init(variants: [Self.singleKey: try Self.variant(entry)])
    }

    private static func variant(_ entry: JSONValue) throws(CatalogError) -> Variant {
        guard let name = entry["name"]?.stringValue, let schema = entry["schema"], let example = entry["example"],
            let sources = entry["sources"]?.arrayValue?.compactMap(\.stringValue)
        else {
            throw .corruptCatalog(reason: "a value shape lacks name, schema, sources or example")
        }
        return Variant(name: name, schema: schema, sources: sources, example: example)
    }

    /// The shape as plain JSON, for `describe_api`: schema(s), sources and example(s), or the free-form reason.
    public var summary: JSONValue {
        if let freeFormReason {
            var object: [String: JSONValue] = ["freeForm": .string(freeFormReason)]
            if let freeFormExample { object["example"] = freeFormExample }
            return .object(object)
        }
        if let single {
            return [
                "name": .string(single.name), "schema": single.schema, "example": single.example,
                "sources": .array(single.sources.map(JSONValue.string)),
            ]
        }
        var cases: [String: JSONValue] = [:]
        for (key, variant) in variants {
            cases[key] = [
                "name": .string(variant.name), "schema": variant.schema, "example": variant.example,
                "sources": .array(variant.sources.map(JSONValue.string)),
            ]
        }
        var object: [String: JSONValue] = ["variants": .object(cases)]
        object["selectedBy"] = selector.map(JSONValue.string) ?? "the value itself (it must match one variant)"
        return .object(object)
    }
}

extension ValueShape {
    /// One short line for a parameter description (the default tool list has a size budget): the top-level
    /// member names, `*` marking required ones, e.g. `[{Definition*, Video, Audio}]`.
    /// describe_api and the API pages carry the full schema.
    public var compactSummary: String {
        if let freeFormReason { return "Free-form JSON: \(freeFormReason)" }
        if let single {
            return "JSON: \(Self.compact(single.schema, depth: 0))."
        }
        let cases = variants.keys.sorted().compactMap { key in
            variants[key].map { "\(key): \(Self.compact($0.schema, depth: 0))" }
        }
        let picker = selector.map { "by \($0)" } ?? "matching one of"
        return "JSON \(picker): \(cases.joined(separator: "; "))."
    }

    private static func compact(_ schema: JSONValue, depth: Int) -> String {
        if schema["type"] == "array" || schema["type"]?.arrayValue?.contains("array") == true,
            let items = schema["items"]
        {
            return "[" + compact(items, depth: depth) + "]"
        }
        guard let properties = schema["properties"]?.objectValue, !properties.isEmpty else {
            if schema["type"] == "object" { return "{…}" }
            return schema["type"]?.stringValue ?? "value"
        }
        guard depth < 1 else { return "{…}" }
        let required = Set(schema["required"]?.arrayValue?.compactMap(\.stringValue) ?? [])
        let ordered = properties.keys.sorted {
            (required.contains($0) ? 0 : 1, $0) < (required.contains($1) ? 0 : 1, $1)
        }
        let limit = depth == 0 ? 30 : 6
        var parts: [String] = []
        for name in ordered.prefix(limit) {
            parts.append(name + (required.contains(name) ? "*" : ""))
        }
        if ordered.count > limit { parts.append("…") }
        let open = ""
        return "{" + parts.joined(separator: ", ") + (parts.last == "…" ? "" : open) + "}"
    }
}
