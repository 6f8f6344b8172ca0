/// A tool call whose arguments passed validation, ready to be signed and sent.
public struct ValidatedCall: Sendable, Equatable {
    /// The operation to call.
    public let operation: APIOperation
    /// Business parameters in wire form: booleans `true`/`false`, integers in decimal, lists comma-joined,
    /// JSON parameters as compact text, repeat lists flattened to `Tag.N.Key`. No common parameters.
    public let wireParameters: [String: String]
    /// Notes on friendly conversions that were applied, so the agent learns the wire form.
    public let coercions: [String]
    /// `DryRun: true`: validate and show the request, send nothing.
    public let dryRun: Bool
    /// `Confirm: true` on a destructive operation: execute without a preview.
    public let confirm: Bool

    /// Creates a validated call.
    public init(
        operation: APIOperation, wireParameters: [String: String], coercions: [String], dryRun: Bool, confirm: Bool
    ) {
        self.operation = operation
        self.wireParameters = wireParameters
        self.coercions = coercions
        self.dryRun = dryRun
        self.confirm = confirm
    }
}
