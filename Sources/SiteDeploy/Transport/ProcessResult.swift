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

    /// Runs a program found on PATH; cancelling the task terminates it. posix_spawn and waitpid
    /// on a thread of its own: Foundation's Process was seen here never to reap rsync when run
    /// from async code, leaving a zombie and a deploy waiting for ever.
    static func run(_ program: String, _ arguments: [String]) async throws -> ProcessResult {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let out = scratch.url.appendingPathComponent("out").path, err = scratch.url.appendingPathComponent("err").path
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, err, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        let argv = ([program] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        // The child starts with every signal at its default and none blocked, whatever this
        // process ignores or blocks (both are inherited through exec): else cancelling could
        // send a SIGTERM that the program never sees.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var everySignal = sigset_t(), noSignal = sigset_t()
        sigfillset(&everySignal)
        sigemptyset(&noSignal)
        posix_spawnattr_setsigdefault(&attributes, &everySignal)
        posix_spawnattr_setsigmask(&attributes, &noSignal)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))
        var pid: pid_t = 0
        let spawned = posix_spawnp(&pid, program, &actions, &attributes, argv, environ)
        guard spawned == 0 else { throw DeployError.unreachable(target: program, reason: "cannot run \(program): \(String(cString: strerror(spawned)))") }
        let child = pid
        let status: Int32 = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                Thread.detachNewThread {
                    var status: Int32 = 0
                    while waitpid(child, &status, 0) < 0 && errno == EINTR {}
                    // Exit code, or 128 + signal as a shell reports it.
                    let signal = status & 0x7f
                    continuation.resume(returning: signal == 0 ? (status >> 8) & 0xff : 128 + signal)
                }
            }
        } onCancel: {
            kill(child, SIGTERM)
        }
        return ProcessResult(status: status,
                             output: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
                             errors: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
    }
}
