/// How much an operation can change: drives the MCP annotations and the confirmation flow.
public enum AccessClass: String, Sendable, CaseIterable {
    /// Only reads state.
    case read
    /// Creates or changes state; recoverable.
    case write
    /// Deletes or disables something; cannot simply be undone.
    case destructive
}
