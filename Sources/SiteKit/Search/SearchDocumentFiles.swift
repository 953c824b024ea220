import Foundation

extension SearchIndexBuilder {
    /// A document's entry of `docs/<n>.json` around its category (numbered site-wide, so not
    /// kept with the slice): `[title,path,yyyymmdd,` and `,snippet]`.
    static func documentEntry(_ document: SearchDocument, options: Options) -> (head: [UInt8], tail: [UInt8]) {
        let path = options.permalink.flatMap { derivedPath(title: document.title, day: document.day, pattern: $0) } == document.path
            ? "0" : jsonString(document.path)
        let head = "[" + jsonString(VietnameseText.nfc(document.title)) + "," + path + ",\(document.day),"
        let tail = "," + jsonString(shorten(VietnameseText.nfc(document.snippet), to: options.snippetLength)) + "]"
        return (Array(head.utf8), Array(tail.utf8))
    }

    /// `docs/<n>.json`: the documents in chunks, from their entries (slice by slice, in order).
    static func documentFiles(_ documents: [SearchDocument], slices: [SliceCoding.Directory], chunkSize: Int) -> [OutputFile] {
        var entries: [(slice: Int32, entry: Int32)] = []
        entries.reserveCapacity(documents.count)
        for (sliceIndex, slice) in slices.enumerated() {
            for entry in slice.entries.indices { entries.append((Int32(sliceIndex), Int32(entry))) }
        }
        return parallelMap(Array(stride(from: 0, to: documents.count, by: chunkSize))) { first in
            var json: [UInt8] = [UInt8(ascii: "[")]
            for index in first..<min(first + chunkSize, documents.count) {
                if index > first { json.append(UInt8(ascii: ",")) }
                let slice = slices[Int(entries[index].slice)]
                let entry = slice.entries[Int(entries[index].entry)]
                json += slice.bytes[entry.head]
                json += String(documents[index].category).utf8
                json += slice.bytes[entry.tail]
            }
            json += [UInt8(ascii: "]"), 0x0A]
            return OutputFile(path: "docs/\(first / chunkSize).json", bytes: json)
        }
    }

    /// `cats.txt`: each document's category as `width` characters of base 64.
    static func categoryFile(_ documents: [SearchDocument], width: Int) -> OutputFile {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(documents.count * width + 1)
        for document in documents {
            for place in (0..<width).reversed() { bytes.append(alphabet[(document.category >> (6 * place)) & 63]) }
        }
        bytes.append(0x0A)
        return OutputFile(path: "cats.txt", bytes: bytes)
    }

    /// `meta.json`; `version` hashes every other file, so that browsers never mix two builds.
    static func metaFile(_ documents: [SearchDocument], categories: [Category], shards: Shards, files: [OutputFile],
                         categoryFile: OutputFile, categoryWidth: Int, options: Options, chunkSize: Int) -> OutputFile {
        var version = ContentHash.of(categoryFile.bytes)
        for hash in parallelMap(files, { ContentHash.of($0.bytes) }) { version = (version ^ hash) &* 0x0000_0100_0000_01B3 }
        var years: [(year: Int, first: Int, count: Int)] = []
        for (index, document) in documents.enumerated() {
            let year = document.day / 10000
            if let last = years.last, last.year == year { years[years.count - 1].count += 1 } else { years.append((year, index, 1)) }
        }
        var meta = "{\"format\":1,\"version\":\"\(String(version, radix: 36))\",\"docs\":\(documents.count),\"shards\":\(shards.shardCount),"
        meta += "\"chunk\":\(chunkSize),\"pageSize\":\(options.pageSize),\"catWidth\":\(categoryWidth),"
        if let permalink = options.permalink { meta += "\"permalink\":" + jsonString(permalink) + "," }
        meta += "\n\"large\":{\"w\":[" + shards.largeSyllables.map { "\"" + hex(fnv1a($0)) + "\"" }.joined(separator: ",")
            + "],\n\"p\":[" + shards.largePairs.map { "\"" + hex($0) + "\"" }.joined(separator: ",") + "]},"
        meta += "\n\"impacts\":[[" + shards.syllableCode.lengths.map(String.init).joined(separator: ",") + "],["
            + shards.pairCode.lengths.map(String.init).joined(separator: ",") + "]],\n\"years\":["
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

    /// search.js's `slug()`, step by step: đ → d, NFD, combining marks dropped, lower case,
    /// ß → ss, runs of anything but a–z and 0–9 → "-", at most 80 characters cut at a hyphen.
    /// Only for titles in Latin script and common punctuation, where that equals `Slug.make`'s folding.
    static func scriptSlug(_ title: String) -> String? {
        for scalar in title.unicodeScalars {
            switch scalar.value {
            case 0x20...0x7E, 0xA0...0x24F, 0x300...0x36F, 0x1E00...0x1EFF, 0x2010...0x2027, 0x2030...0x205E: continue
            default: return nil
            }
        }
        var text = ""
        for scalar in title.unicodeScalars { text.unicodeScalars.append(scalar == "đ" || scalar == "Đ" ? "d" : scalar) }
        var folded = ""
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars where !(0x300...0x36F).contains(scalar.value) {
            folded.unicodeScalars.append(scalar)
        }
        folded = folded.lowercased()
        var slug = ""
        var pendingHyphen = false
        func emit(_ scalar: Unicode.Scalar) {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingHyphen && !slug.isEmpty { slug.append("-") }
                pendingHyphen = false
                slug.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        for scalar in folded.unicodeScalars {
            if scalar == "ß" { emit("s"); emit("s") } else { emit(scalar) }
        }
        if slug.count > 80 {
            let prefix = slug.prefix(80)
            slug = String(prefix.lastIndex(of: "-").map { prefix[..<$0] } ?? prefix)
        }
        return slug
    }

    static func jsonString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{2028}": out += "\\u2028"
            case "\u{2029}": out += "\\u2029"
            default:
                if scalar.value < 0x20 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count) + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
