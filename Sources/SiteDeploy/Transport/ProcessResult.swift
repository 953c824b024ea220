import Foundation

/// A finished program: its exit status and what it printed.
struct ProcessResult: Sendable {
    var status: Int32
    var output: String
    var errors: String

    /// What to show a person: the program's own last words.
    var message: String {
        let text = errors.trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "exit status \(status)" : "\(text) (exit status \(status))"
    }

    /// Runs a program found on PATH; cancelling the task terminates it.
    static func run(_ program: String, _ arguments: [String]) async throws -> ProcessResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [program] + arguments
        let scratch = try Scratch()
        defer { scratch.remove() }
        let out = scratch.url.appendingPathComponent("out"), err = scratch.url.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        let status: Int32 = try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do { try process.run() } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
        } onCancel: {
            process.terminate()
        }
        return ProcessResult(status: status,
                             output: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                             errors: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }
}
