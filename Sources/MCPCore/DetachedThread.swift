#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Starts a detached operating-system thread (pthread) outside Swift's cooperative pool, for work that blocks in
/// `read(2)`, `write(2)` or a `BlockingCondition`.
enum DetachedThread {
    final class Body: @unchecked Sendable {
        let run: @Sendable () -> Void

        init(_ run: @escaping @Sendable () -> Void) {
            self.run = run
        }
    }

    /// Runs `body` on a new thread.
    static func start(_ body: @escaping @Sendable () -> Void) {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        #if canImport(Glibc)
            var thread = pthread_t()
            let status = pthread_create(&thread, nil, detachedThreadEntry, context)
            precondition(status == 0, "pthread_create failed (\(status))")
            pthread_detach(thread)
        #else
            var thread: pthread_t?
            let status = pthread_create(&thread, nil, detachedThreadEntry, context)
            precondition(status == 0, "pthread_create failed (\(status))")
            if let thread { pthread_detach(thread) }
        #endif
    }
}

#if canImport(Glibc)
    private func detachedThreadEntry(_ context: UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer? {
        guard let context else { return nil }
        Unmanaged<DetachedThread.Body>.fromOpaque(context).takeRetainedValue().run()
        return nil
    }
#else
    private func detachedThreadEntry(_ context: UnsafeMutableRawPointer) -> UnsafeMutableRawPointer? {
        Unmanaged<DetachedThread.Body>.fromOpaque(context).takeRetainedValue().run()
        return nil
    }
#endif
