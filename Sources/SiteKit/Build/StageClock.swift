import Foundation

/// Wall time per stage.
struct StageClock {
    private var last = Date()
    private(set) var laps: [(stage: String, seconds: Double)] = []

    mutating func lap(_ stage: String) {
        let now = Date()
        laps.append((stage, now.timeIntervalSince(last)))
        last = now
    }

    /// A lap with a part of it shown as its own stage after it ("index", then its "related").
    mutating func lap(_ stage: String, apart part: (stage: String, seconds: Double)) {
        lap(stage)
        laps[laps.count - 1].seconds -= part.seconds
        laps.append(part)
    }
}
