extension Array where Element == UInt8 {
    /// The bytes as a string; invalid UTF-8 is repaired with U+FFFD.
    var utf8String: String { String(decoding: self, as: UTF8.self) }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
