import Foundation

extension SearchIndexBuilder {
    /// A document's entry of `docs/<n>.json` around its category (not kept with the slice, so
    /// that renaming a category does not make its articles be tokenised again):
    /// `[title,path,yyyymmdd,` and `,snippet]`.
    static func documentEntry(_ document: SearchDocument, options: Options) -> (head: [UInt8], tail: [UInt8]) {
        var head: [UInt8] = [UInt8(ascii: "[")]
        appendJSON(VietnameseText.nfc(document.title), to: &head)
        head.append(UInt8(ascii: ","))
        if options.permalink.flatMap({ derivedPath(title: document.title, day: document.day, pattern: $0) }) == document.path {
            head.append(UInt8(ascii: "0"))
        } else {
            appendJSON(document.path, to: &head)
        }
        head += ",\(document.day),".utf8
        var tail: [UInt8] = [UInt8(ascii: ",")]
        appendJSON(shorten(VietnameseText.nfc(document.snippet), to: options.snippetLength), to: &tail)
        tail.append(UInt8(ascii: "]"))
        return (head, tail)
    }

    /// Chunks of a segment's `docs/<n>.json` (its documents `n·chunk ..< (n+1)·chunk`), from
    /// their entries in `slices` (each with the number of its first document in the segment;
    /// they must cover the chunks) and the segment's category slugs ("" for none).
    static func documentFiles(_ categorySlugs: [String], slices: [(first: Int, directory: SliceCoding.Directory)],
                              chunks: [Int], chunkSize: Int) -> [OutputFile] {
        var entries = [(slice: Int32, entry: Int32)](repeating: (-1, -1), count: categorySlugs.count)
        for (sliceIndex, slice) in slices.enumerated() {
            for entry in slice.directory.entries.indices { entries[slice.first + entry] = (Int32(sliceIndex), Int32(entry)) }
        }
        return parallelMap(chunks) { chunk in
            let first = chunk * chunkSize
            var json: [UInt8] = [UInt8(ascii: "[")]
            for index in first..<min(first + chunkSize, categorySlugs.count) {
                if index > first { json.append(UInt8(ascii: ",")) }
                let slice = slices[Int(entries[index].slice)].directory
                let entry = slice.entries[Int(entries[index].entry)]
                json += slice.bytes[entry.head]
                appendJSON(categorySlugs[index], to: &json)
                json += slice.bytes[entry.tail]
            }
            json += [UInt8(ascii: "]"), 0x0A]
            return OutputFile(path: "docs/\(chunk).json", bytes: json)
        }
    }

    static let base64 = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".utf8)

    /// A segment's `cats.txt`: its category slugs in byte order, tab-separated, on one line; then
    /// each document's as a 1-based number in that list (0 for none), in base 64, all of one width.
    static func categoryFile(_ categorySlugs: [String]) -> OutputFile {
        let used = Set(categorySlugs.filter { !$0.isEmpty }).sorted(by: ByteOrder.less)
        let number = Dictionary(uniqueKeysWithValues: used.enumerated().map { ($1, $0 + 1) })
        var width = 1
        while (1 << (6 * width)) <= used.count { width += 1 }
        var bytes = Array(used.joined(separator: "\t").utf8) + [0x0A]
        bytes.reserveCapacity(bytes.count + categorySlugs.count * width + 1)
        for slug in categorySlugs {
            let value = number[slug] ?? 0
            for place in (0..<width).reversed() { bytes.append(base64[(value >> (6 * place)) & 63]) }
        }
        bytes.append(0x0A)
        return OutputFile(path: "cats.txt", bytes: bytes)
    }

    /// `meta.json`: what a query needs before it reads a segment (see `SearchIndexBuilder`).
    static func metaFile(_ documents: [SearchDocument], categories: [Category], segments: [SegmentSummary], options: Options) -> OutputFile {
        var years: [(year: Int, first: Int, count: Int)] = []
        for (index, document) in documents.enumerated() {
            let year = document.day / 10000
            if let last = years.last, last.year == year { years[years.count - 1].count += 1 } else { years.append((year, index, 1)) }
        }
        let length = segments.reduce(0) { total, segment in total + segment.totalLength }
        var meta = "{\"format\":2,\"docs\":\(documents.count),\"length\":\(length),"
        meta += "\"chunk\":\(max(1, options.chunkSize)),\"pageSize\":\(options.pageSize),"
        if let permalink = options.permalink { meta += "\"permalink\":" + jsonString(permalink) + "," }
        meta += "\n\"segments\":[" + segments.map { segment in
            "\n[\"\(segment.name)\",\(segment.documentCount),\(segment.shardCount),\"\(String(segment.version, radix: 36))\",["
                + segment.largeSyllables.map { "\"" + hex(fnv1a($0)) + "\"" }.joined(separator: ",") + "],["
                + segment.largePairs.map { "\"" + hex($0) + "\"" }.joined(separator: ",") + "]]"
        }.joined(separator: ",")
        meta += "],\n\"years\":["
        meta += years.map { "[\($0.year),\($0.first),\($0.count)]" }.joined(separator: ",")
        meta += "],\n\"categories\":["
        meta += categories.map { "[" + jsonString($0.name) + "," + jsonString($0.slug) + "," + jsonString($0.path) + "]" }.joined(separator: ",")
        meta += "]}\n"
        return OutputFile(path: "meta.json", text: meta)
    }

    /// Cut at a word, with an ellipsis.
    static func shorten(_ text: String, to limit: Int) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > limit else { return text }
        var cut = scalars.prefix(limit)
        if let space = cut.lastIndex(of: " ") { cut = cut[..<space] }
        func isPunctuation(_ scalar: Unicode.Scalar) -> Bool {
            switch scalar.properties.generalCategory {
            case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation, .initialPunctuation,
                 .finalPunctuation, .otherPunctuation: return true
            default: return scalar.properties.isWhitespace
            }
        }
        while let last = cut.last, isPunctuation(last) {
            cut = cut.dropLast()
        }
        return String(String.UnicodeScalarView(cut)) + "…"
    }

    /// The path search.js derives for a document (`pattern` filled with its date and the slug of
    /// its title), or nil when the title has characters whose folding might differ in a browser.
    static func derivedPath(title: String, day: Int, pattern: String) -> String? {
        guard let slug = scriptSlug(title) else { return nil }
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        // Each placeholder, wherever it is (search.js: split and join).
        var path = ""
        var rest = pattern[...]
        while let colon = rest.firstIndex(of: ":") {
            path += rest[..<colon]
            rest = rest[colon...]
            if rest.hasPrefix(":year") { path += String(day / 10000); rest = rest.dropFirst(5) }
            else if rest.hasPrefix(":month") { path += two(day / 100 % 100); rest = rest.dropFirst(6) }
            else if rest.hasPrefix(":day") { path += two(day % 100); rest = rest.dropFirst(4) }
            else if rest.hasPrefix(":slug") { path += slug; rest = rest.dropFirst(5) }
            else { path += ":"; rest = rest.dropFirst() }
        }
        return path + rest
    }

    /// search.js's `slug()`: đ → d, NFD, combining marks dropped, lower case, ß → ss, runs of
    /// anything but a–z and 0–9 → "-", at most 80 characters cut at a hyphen. Only for titles in
    /// Latin script and common punctuation, where that equals `Slug.make`'s folding. Scalar by
    /// scalar: in those ranges a letter's decomposition starts with its base letter
    /// (`VietnameseText.latinBase`), and nothing else decomposes or lowercases to a–z or 0–9.
    static func scriptSlug(_ title: String) -> String? {
        var slug: [UInt8] = []
        var pendingHyphen = false
        func emit(_ byte: UInt8) {
            if (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                if pendingHyphen && !slug.isEmpty { slug.append(UInt8(ascii: "-")) }
                pendingHyphen = false
                slug.append(byte)
            } else {
                pendingHyphen = true
            }
        }
        for scalar in title.unicodeScalars {
            let value = scalar.value
            switch value {
            case 0x41...0x5A: emit(UInt8(value) + 0x20)
            case 0x20...0x7E: emit(UInt8(value))
            case 0x300...0x36F: continue
            case 0xDF, 0x1E9E: emit(UInt8(ascii: "s")); emit(UInt8(ascii: "s"))
            case 0xA0...0x24F, 0x1E00...0x1EFF: if let base = VietnameseText.latinBase[value] { emit(base) } else { pendingHyphen = true }
            case 0x2010...0x2027, 0x2030...0x205E: pendingHyphen = true
            default: return nil
            }
        }
        if slug.count > 80 {
            let prefix = slug.prefix(80)
            slug = Array(prefix.lastIndex(of: UInt8(ascii: "-")).map { prefix[..<$0] } ?? prefix)
        }
        return String(decoding: slug, as: UTF8.self)
    }

    static func jsonString(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendJSON(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A JSON string, byte by byte: quotes, backslashes and control characters escaped, and
    /// U+2028 and U+2029 (JavaScript line breaks); everything else as it is.
    static func appendJSON(_ text: String, to bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                switch byte {
                case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
                case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
                case 0x0A: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
                case 0x0D: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
                case 0x09: bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
                case 0..<0x20: bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]]
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    bytes += Array((utf8[index + 2] == 0xA8 ? "\\u2028" : "\\u2029").utf8)
                    index += 2
                default: bytes.append(byte)
                }
                index += 1
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
