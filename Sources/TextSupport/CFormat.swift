#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// printf-style formatting through the C library's `vsnprintf`, for the few places that need a fixed number of
/// decimals or zero padding. Foundation's `String(format:)` would pull the full Foundation into the binary.
///
/// The format follows C, not Foundation: a Swift `Int` is `%ld` (`%d` reads a 32-bit int), `%s` is not supported
/// (pass Swift strings by interpolation instead), `%@` does not exist.
public func cFormat(_ format: String, _ arguments: any CVarArg...) -> String {
    withVaList(arguments) { list in
        var buffer = [CChar](repeating: 0, count: 128)
        // vsnprintf may consume the va_list, so a second attempt needs a fresh one.
        let needed = Int(vsnprintf(&buffer, buffer.count, format, list))
        if needed < buffer.count {
            return String(decoding: buffer.prefix(max(needed, 0)).map(UInt8.init(bitPattern:)), as: UTF8.self)
        }
        return withVaList(arguments) { again in
            var large = [CChar](repeating: 0, count: needed + 1)
            _ = vsnprintf(&large, large.count, format, again)
            return String(decoding: large.prefix(needed).map(UInt8.init(bitPattern:)), as: UTF8.self)
        }
    }
}
