/// How a parameter's value travels in the RPC query string.
public enum WireFormat: String, Sendable, CaseIterable {
    /// The value's text as is (booleans `true`/`false`, integers in decimal).
    case plain
    /// Several values joined by commas, e.g. `VideoIds=a,b`.
    case commaList
    /// A JSON document sent as text, e.g. `UserData={"Extend":{}}`.
    case jsonString
    /// An array sent as JSON text, e.g. `SpecifiedOffsetTimes=[1000,2000]`.
    case jsonArrayString
    /// An array of objects flattened to `Tag.1.Key`, `Tag.1.Value`, `Tag.2.Key`, ...
    case repeatList
}

/// The JSON type an agent passes for a parameter.
public enum ParameterType: String, Sendable, CaseIterable {
    case string, integer, boolean, array, object
}

/// The UTC ISO 8601 shape a time parameter accepts.
public enum TimeFormat: String, Sendable {
    /// `yyyy-MM-ddTHH:mm:ssZ` only.
    case seconds
    /// `yyyy-MM-ddTHH:mmZ`, or the form with seconds.
    case minutes
}
