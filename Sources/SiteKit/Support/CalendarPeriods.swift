import Foundation

extension Calendar {
    /// For each date, the components of the day or month it falls in, asking the calendar once per
    /// run of dates in the same period: archives come sorted by date, and asking for every article
    /// cost more than the rest of indexing.
    func components(_ components: Set<Component>, periodsOf unit: Component, for dates: [Date]) -> [DateComponents] {
        var period: (start: Date, end: Date, parts: DateComponents)?
        return dates.map { date in
            if let period, period.start <= date, date < period.end { return period.parts }
            let interval = dateInterval(of: unit, for: date)
            let parts = dateComponents(components, from: date)
            period = (interval?.start ?? date, interval?.end ?? date, parts)
            return parts
        }
    }
}
