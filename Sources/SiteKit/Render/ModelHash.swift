import Foundation

/// A page's signature: the hash of its model, walked through the model's synthesized `Encodable`
/// conformance, so a field added to a model is in its signature without anyone keeping a list.
/// Stable across runs (unlike `Hasher`): the cache compares it with the last build's.
enum ModelHash {
    static func of(_ model: some Encodable) -> UInt64 {
        let encoder = HashingEncoder()
        try? model.encode(to: encoder)
        return encoder.state.hash
    }
}

/// Where the encoder's containers add their values, in order.
private final class HashState {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    func add(_ value: UInt64) { ContentHash.combine(&hash, value) }
    func add(_ text: String) { add(ContentHash.of(text)) }
    /// Keys are hashed too: two models with the same values under other names differ.
    func add(key: CodingKey) { add(ContentHash.of(key.stringValue)) }
}

private struct HashingEncoder: Encoder {
    let state: HashState
    var codingPath: [CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(state: HashState = HashState()) { self.state = state }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        state.add(0x4B)
        return KeyedEncodingContainer(KeyedHashing<Key>(state: state))
    }

    func unkeyedContainer() -> UnkeyedEncodingContainer {
        state.add(0x55)
        return UnkeyedHashing(state: state)
    }

    func singleValueContainer() -> SingleValueEncodingContainer { SingleHashing(state: state) }
}

private struct KeyedHashing<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let state: HashState
    var codingPath: [CodingKey] = []

    mutating func encodeNil(forKey key: Key) { state.add(key: key); state.add(0) }
    mutating func encode(_ value: Bool, forKey key: Key) { state.add(key: key); state.add(value ? 2 : 1) }
    mutating func encode(_ value: String, forKey key: Key) { state.add(key: key); state.add(value) }
    mutating func encode(_ value: Double, forKey key: Key) { state.add(key: key); state.add(value.bitPattern) }
    mutating func encode(_ value: Float, forKey key: Key) { state.add(key: key); state.add(UInt64(value.bitPattern)) }
    mutating func encode(_ value: Int, forKey key: Key) { state.add(key: key); state.add(UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int8, forKey key: Key) { encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int16, forKey key: Key) { encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int32, forKey key: Key) { encode(Int(value), forKey: key) }
    mutating func encode(_ value: Int64, forKey key: Key) { encode(Int(value), forKey: key) }
    mutating func encode(_ value: UInt, forKey key: Key) { state.add(key: key); state.add(UInt64(value)) }
    mutating func encode(_ value: UInt8, forKey key: Key) { encode(UInt(value), forKey: key) }
    mutating func encode(_ value: UInt16, forKey key: Key) { encode(UInt(value), forKey: key) }
    mutating func encode(_ value: UInt32, forKey key: Key) { encode(UInt(value), forKey: key) }
    mutating func encode(_ value: UInt64, forKey key: Key) { state.add(key: key); state.add(value) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        state.add(key: key)
        try value.encode(to: HashingEncoder(state: state))
    }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws {
        if let value { try encode(value, forKey: key) } else { encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        state.add(key: key)
        return KeyedEncodingContainer(KeyedHashing<NestedKey>(state: state))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> UnkeyedEncodingContainer {
        state.add(key: key)
        return UnkeyedHashing(state: state)
    }

    mutating func superEncoder() -> Encoder { HashingEncoder(state: state) }
    mutating func superEncoder(forKey key: Key) -> Encoder { state.add(key: key); return HashingEncoder(state: state) }
}

private struct UnkeyedHashing: UnkeyedEncodingContainer {
    let state: HashState
    var codingPath: [CodingKey] = []
    var count = 0

    mutating func encodeNil() { count += 1; state.add(0) }
    mutating func encode(_ value: Bool) { count += 1; state.add(value ? 2 : 1) }
    mutating func encode(_ value: String) { count += 1; state.add(value) }
    mutating func encode(_ value: Double) { count += 1; state.add(value.bitPattern) }
    mutating func encode(_ value: Int) { count += 1; state.add(UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: UInt64) { count += 1; state.add(value) }
    mutating func encode(_ value: Float) { encode(Double(value)) }
    mutating func encode(_ value: Int8) { encode(Int(value)) }
    mutating func encode(_ value: Int16) { encode(Int(value)) }
    mutating func encode(_ value: Int32) { encode(Int(value)) }
    mutating func encode(_ value: Int64) { encode(Int(value)) }
    mutating func encode(_ value: UInt) { encode(UInt64(value)) }
    mutating func encode(_ value: UInt8) { encode(UInt64(value)) }
    mutating func encode(_ value: UInt16) { encode(UInt64(value)) }
    mutating func encode(_ value: UInt32) { encode(UInt64(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        count += 1
        try value.encode(to: HashingEncoder(state: state))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        count += 1
        return KeyedEncodingContainer(KeyedHashing<NestedKey>(state: state))
    }

    mutating func nestedUnkeyedContainer() -> UnkeyedEncodingContainer {
        count += 1
        return UnkeyedHashing(state: state)
    }

    mutating func superEncoder() -> Encoder { HashingEncoder(state: state) }
}

private struct SingleHashing: SingleValueEncodingContainer {
    let state: HashState
    var codingPath: [CodingKey] = []

    mutating func encodeNil() { state.add(0) }
    mutating func encode(_ value: Bool) { state.add(value ? 2 : 1) }
    mutating func encode(_ value: String) { state.add(value) }
    mutating func encode(_ value: Double) { state.add(value.bitPattern) }
    mutating func encode(_ value: Float) { state.add(UInt64(value.bitPattern)) }
    mutating func encode(_ value: Int) { state.add(UInt64(bitPattern: Int64(value))) }
    mutating func encode(_ value: Int8) { encode(Int(value)) }
    mutating func encode(_ value: Int16) { encode(Int(value)) }
    mutating func encode(_ value: Int32) { encode(Int(value)) }
    mutating func encode(_ value: Int64) { encode(Int(value)) }
    mutating func encode(_ value: UInt) { state.add(UInt64(value)) }
    mutating func encode(_ value: UInt8) { encode(UInt(value)) }
    mutating func encode(_ value: UInt16) { encode(UInt(value)) }
    mutating func encode(_ value: UInt32) { encode(UInt(value)) }
    mutating func encode(_ value: UInt64) { state.add(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { try value.encode(to: HashingEncoder(state: state)) }
}
