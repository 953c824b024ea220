/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and the same numbers on every platform.
/// The corpus never uses Swift's `random` or `Hasher`, whose values change from run to run.
/// Only integer arithmetic and IEEE-exact operations (+, −, ×, ÷) touch the stream, so the same
/// seed gives the same bytes on every machine.
struct SplitMix64 {
    private(set) var state: UInt64

    init(seed: UInt64) { state = seed }

    /// An independent stream for one article (or one purpose), so articles can be written in any
    /// order and on any number of threads and still come out the same.
    init(seed: UInt64, stream: UInt64, index: Int) {
        var mixer = SplitMix64(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next() ^ (UInt64(truncatingIfNeeded: index) &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0 ..< n without modulo bias worth speaking of (Lemire's multiply-high).
    mutating func below(_ n: Int) -> Int {
        precondition(n > 0)
        return Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(n)).high)
    }

    /// lower ... upper, both included.
    mutating func int(_ lower: Int, _ upper: Int) -> Int { lower + below(upper - lower + 1) }

    /// [0, 1) with 53 random bits.
    mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    mutating func chance(_ probability: Double) -> Bool { unit() < probability }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }
}

/// Draws indexes with fixed weights (a Zipf-like tag distribution, busier authors) by binary search
/// over the cumulative weights.
struct WeightedPicker {
    private let cumulative: [Double]

    init(weights: [Double]) {
        var total = 0.0
        cumulative = weights.map { total += $0; return total }
    }

    /// Zipf weights 1/(k+1)^s for k = 0 ..< count; s = 1 or 2 (kept to exact IEEE operations).
    static func zipf(count: Int, squared: Bool = false) -> WeightedPicker {
        WeightedPicker(weights: (0..<count).map { k in
            let rank = Double(k + 1)
            return squared ? 1 / (rank * rank) : 1 / rank
        })
    }

    func pick(_ random: inout SplitMix64) -> Int {
        let target = random.unit() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// `count` distinct indexes, in the order drawn.
    func pickDistinct(_ count: Int, _ random: inout SplitMix64) -> [Int] {
        var chosen: [Int] = []
        var attempts = 0
        while chosen.count < count && attempts < 200 {
            let index = pick(&random)
            if !chosen.contains(index) { chosen.append(index) }
            attempts += 1
        }
        return chosen
    }
}
