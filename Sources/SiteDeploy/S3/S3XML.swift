import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The few shapes of S3's XML answers we read: records (`Contents` of a listing, `Error` of a
/// batch delete) as maps of their child elements, and single fields (`Code`, `UploadId`, …).
struct S3XML {
    var records: [[String: String]] = []
    var fields: [String: String] = [:]
    /// False when the answer is not well-formed XML (cut short on its way, or not S3's): its
    /// records are then only those before the break, and must not be taken for the whole.
    var isWellFormed = true

    static func parse(_ bytes: [UInt8], record: String = "Contents") -> S3XML {
        let reader = Reader(record: record)
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        let parsed = parser.parse()
        var result = reader.result
        // Foundation's parser on Linux reports no error for a document that just stops: the root
        // element must have been closed too.
        result.isWellFormed = parsed && reader.rootClosed
        return result
    }

    /// Escapes a key for an XML body.
    static func escape(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    private final class Reader: NSObject, XMLParserDelegate {
        let record: String
        var result = S3XML()
        var current: [String: String]?
        var text = ""
        var depth = 0
        var rootClosed = false

        init(record: String) { self.record = record }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == record { current = [:] }
            text = ""
            depth += 1
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
            depth -= 1
            if depth == 0 { rootClosed = true }
            if name == record, let done = current {
                result.records.append(done)
                current = nil
            } else if current != nil {
                current?[name] = text
            } else {
                result.fields[name] = text
            }
            text = ""
        }
    }
}
