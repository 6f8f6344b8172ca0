/// JSON `null` read by `JSONReader` (where JSONSerialization gave `NSNull`); it prints as NSNull did.
struct JSONNull: Sendable, Equatable, CustomStringConvertible {
    var description: String { "<null>" }
}
