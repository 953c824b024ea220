import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The few shapes of S3's XML answers we read: records (`Contents` of a listing, `Error` of a
/// batch delete) as maps of their child elements, and single fields (`Code`, `UploadId`, …).
struct S3XML {
    var records: [[String: String]] = []
    var fields: [String: String] = [:]

    static func parse(_ bytes: [UInt8], record: String = "Contents") -> S3XML {
        let reader = Reader(record: record)
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        parser.parse()
        return reader.result
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

        init(record: String) { self.record = record }

        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            if name == record { current = [:] }
            text = ""
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
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
