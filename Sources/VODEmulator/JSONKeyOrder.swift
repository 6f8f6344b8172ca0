/// The order JSONSerialization's `.sortedKeys` gave object keys on Linux: a numeric, case-insensitive comparison
/// with forced ordering under the root locale, i.e. ICU's root collation with numeric digits. Reproduced here for
/// ASCII, which is what template and job settings use as keys:
/// - first the primary order: whitespace and punctuation in the collation's order
///   (`` _-,;:!?.'"()[]{}@*/\&#%`^+<=>|~$``), then digit runs by their value, then letters alphabetically
///   ignoring case; control characters do not count;
/// - between keys equal at that level, the first place where they differ decides: the lowercase letter first,
///   the digit run without (or with fewer) leading zeros first.
/// Other characters sort after the ASCII letters by their scalar value, which Foundation (ICU) does not do; no key
/// the sandbox re-serializes is expected to hold them.
enum JSONKeyOrder {
    private enum Element: Comparable {
        case symbol(Int)
        /// A digit run without its leading zeros.
        case number([UInt8])
        case letter(UInt8)
        case other(UInt32)

        static func < (lhs: Element, rhs: Element) -> Bool {
            switch (lhs, rhs) {
            case (.symbol(let left), .symbol(let right)): return left < right
            case (.number(let left), .number(let right)):
                return left.count != right.count ? left.count < right.count : left.lexicographicallyPrecedes(right)
            case (.letter(let left), .letter(let right)): return left < right
            case (.other(let left), .other(let right)): return left < right
            default: return lhs.rank < rhs.rank
            }
        }

        private var rank: Int {
            switch self {
            case .symbol: 0
            case .number: 1
            case .letter: 2
            case .other: 3
            }
        }
    }

    private static let symbols = Array(" _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$".utf8)

    /// Whether `lhs` sorts before `rhs`.
    static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        let left = Array(lhs.unicodeScalars)
        let right = Array(rhs.unicodeScalars)
        let primaryLeft = elements(left)
        let primaryRight = elements(right)
        if primaryLeft != primaryRight { return primaryLeft.lexicographicallyPrecedes(primaryRight) }
        return tieBreak(left, right)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    private static func elements(_ scalars: [Unicode.Scalar]) -> [Element] {
        var out: [Element] = []
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isDigit(scalar) {
                var digits: [UInt8] = []
                while index < scalars.count, isDigit(scalars[index]) {
                    let digit = UInt8(scalars[index].value)
                    if !(digits.isEmpty && digit == UInt8(ascii: "0")) { digits.append(digit) }
                    index += 1
                }
                out.append(.number(digits))
                continue
            }
            index += 1
            let value = scalar.value
            if value < 0x80, let position = symbols.firstIndex(of: UInt8(value)) {
                out.append(.symbol(position))
            } else if ("a"..."z").contains(scalar) {
                out.append(.letter(UInt8(value)))
            } else if ("A"..."Z").contains(scalar) {
                out.append(.letter(UInt8(value) + 0x20))
            } else if value >= 0x80 {
                out.append(.other(value))
            }
        }
        return out
    }

    /// Between keys of equal primary order: the first difference, walking both as CoreFoundation does.
    private static func tieBreak(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> Bool {
        var leftIndex = 0
        var rightIndex = 0
        while leftIndex < left.count, rightIndex < right.count {
            if isDigit(left[leftIndex]), isDigit(right[rightIndex]) {
                let leftStart = leftIndex
                let rightStart = rightIndex
                while leftIndex < left.count, isDigit(left[leftIndex]) { leftIndex += 1 }
                while rightIndex < right.count, isDigit(right[rightIndex]) { rightIndex += 1 }
                let leftLength = leftIndex - leftStart
                let rightLength = rightIndex - rightStart
                if leftLength != rightLength { return leftLength < rightLength }
                continue
            }
            let leftScalar = left[leftIndex]
            let rightScalar = right[rightIndex]
            if leftScalar != rightScalar {
                let leftLower = ("a"..."z").contains(leftScalar)
                let rightLower = ("a"..."z").contains(rightScalar)
                if leftLower != rightLower { return leftLower }
                return leftScalar.value < rightScalar.value
            }
            leftIndex += 1
            rightIndex += 1
        }
        return left.count - leftIndex < right.count - rightIndex
    }
}
