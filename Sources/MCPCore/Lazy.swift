import Synchronization

/// A value made once, on first use, by whichever thread asks first; the others wait for it. The maker (and whatever
/// it captured) is released once the value exists.
///
/// The one lazily built shared value of the package: it is `Sendable` through `Mutex`, with no `@unchecked`.
public final class Lazy<Value: Sendable>: Sendable {
    private let state: Mutex<(value: Value?, make: (@Sendable () -> Value)?)>

    public init(_ make: @escaping @Sendable () -> Value) {
        state = Mutex((nil, make))
    }

    public var value: Value {
        state.withLock { state in
            if let value = state.value { return value }
            let made = (state.make ?? { preconditionFailure("Lazy lost its maker") })()
            state.value = made
            state.make = nil
            return made
        }
    }
}
