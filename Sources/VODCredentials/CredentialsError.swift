/// Why no usable credential could be produced. Descriptions never contain a secret, a token or a value from a file.
public enum CredentialsError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing in the chain produced a credential; `searched` lists every place looked at, in order.
    case missing(searched: [String])
    /// A credentials file exists but cannot be used.
    case invalid(path: String, line: Int?, reason: String)
    /// A profile uses a mode this server cannot handle.
    case modeUnsupported(mode: String, source: String, supported: [String])
    /// STS AssumeRole failed (the reason is already redacted).
    case stsFailed(reason: String)
    /// The ECS instance metadata service gave no credential.
    case metadataFailed(reason: String)

    /// Stable identifier, e.g. `Credentials.Missing`.
    public var code: String {
        switch self {
        case .missing: "Credentials.Missing"
        case .invalid: "Credentials.Invalid"
        case .modeUnsupported: "Credentials.ModeUnsupported"
        case .stsFailed: "Credentials.STSFailed"
        case .metadataFailed: "Credentials.MetadataFailed"
        }
    }

    public var description: String {
        switch self {
        case .missing(let searched):
            "\(code): no Alibaba Cloud credentials found. Searched: \(searched.joined(separator: "; ")). "
                + "Set ALIBABA_CLOUD_ACCESS_KEY_ID and ALIBABA_CLOUD_ACCESS_KEY_SECRET, or configure a profile with `aliyun configure`."
        case .invalid(let path, let line, let reason):
            "\(code): \(path)\(line.map { ":\($0)" } ?? "") cannot be used: \(reason). Fix the file or choose another profile."
        case .modeUnsupported(let mode, let source, let supported):
            "\(code): \(source) uses mode \(mode), which is not supported. Supported modes: \(supported.joined(separator: ", "))."
        case .stsFailed(let reason):
            "\(code): STS AssumeRole failed: \(reason). Check the role ARN, the trust policy and the source AccessKey."
        case .metadataFailed(let reason):
            "\(code): the ECS metadata service gave no credential: \(reason). Check that a RAM role is attached to the instance."
        }
    }
}
