import Foundation
import XCTest

/// Real servers for the deploy tests, on 127.0.0.1 only, started by the test and stopped by it.
/// Outside CI a missing server program skips the test; in CI (`CI` set) it fails it, so a
/// missing install step in `.ci/run` can never pass silently.
enum LoopbackServers {
    static func require(_ program: String, hint: String) throws -> String {
        let path = ProcessInfo.processInfo.environment["PATH", default: "/usr/bin:/bin"].split(separator: ":").map { "\($0)/\(program)" }
            .first { FileManager.default.isExecutableFile(atPath: $0) } ?? (FileManager.default.isExecutableFile(atPath: "/usr/sbin/\(program)") ? "/usr/sbin/\(program)" : nil)
        if let path { return path }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            XCTFail("\(program) is missing in CI (\(hint))")
            throw XCTSkip("\(program) missing")
        }
        throw XCTSkip("\(program) is not installed (\(hint)); skipped outside CI")
    }

    /// Signals a server and reaps it with waitpid (Foundation's waitUntilExit was seen never to
    /// return when called from async code here). A server that is still there after `grace`
    /// seconds is killed: moto_server, restarted from its recording, was seen to ignore SIGTERM.
    static func end(_ process: Process, signal: Int32, grace: Double = 5) {
        let pid = process.processIdentifier
        kill(pid, signal)
        var status: Int32 = 0
        let deadline = Date().addingTimeInterval(grace)
        while Date() < deadline {
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid || (reaped < 0 && errno != EINTR) { return }
            Thread.sleep(forTimeInterval: 0.05)
        }
        kill(pid, SIGKILL)
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    /// A port nobody listens on now.
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) } }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    /// Waits until something accepts connections on the port.
    static func waitForPort(_ port: Int, seconds: Double = 20) throws {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            address.sin_port = UInt16(port).bigEndian
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            close(fd)
            if connected == 0 { return }
            Thread.sleep(forTimeInterval: 0.1)
        }
        throw NSError(domain: "LoopbackServers", code: 1, userInfo: [NSLocalizedDescriptionKey: "nothing listens on 127.0.0.1:\(port)"])
    }

    @discardableResult
    static func run(_ program: String, _ arguments: [String], environment: [String: String]? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
        process.arguments = program.hasPrefix("/") ? arguments : [program] + arguments
        if let environment { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        // waitpid, not waitUntilExit, which never returned when called from async tests here.
        var status: Int32 = 0
        while waitpid(process.processIdentifier, &status, 0) < 0 && errno == EINTR {}
        return ((status >> 8) & 0xff, String(decoding: data, as: UTF8.self))
    }
}

/// `moto_server` (PyPI's moto[server]): an S3-compatible server. It records every request to a
/// file, so that after it is killed a new one on the same port can replay them and hold what
/// the killed one held.
final class MotoServer: @unchecked Sendable {
    let port: Int
    let folder: URL
    private var process: Process?
    let program: String

    /// After `authenticateAfter` requests, moto checks every signature against its IAM users.
    let authenticateAfter: Int?

    init(authenticateAfter: Int? = nil) throws {
        self.authenticateAfter = authenticateAfter
        program = try LoopbackServers.require("moto_server", hint: "pip install 'moto[server]'")
        port = LoopbackServers.freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-moto-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try start()
    }

    var endpoint: String { "http://127.0.0.1:\(port)" }

    /// Any keys: moto does not check them unless told to.
    static let environment = ["AWS_ACCESS_KEY_ID": "AKIDSITEGENTEST", "AWS_SECRET_ACCESS_KEY": "sitegen-test-secret", "AWS_DEFAULT_REGION": "us-east-1"]

    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "MOTO_ENABLE_RECORDING": "True", "MOTO_RECORDER_FILEPATH": folder.appendingPathComponent("recording").path,
            "S3_UPLOAD_PART_MIN_SIZE": "1024",
        ].merging(authenticateAfter.map { ["INITIAL_NO_AUTH_ACTION_COUNT": String($0)] } ?? [:]) { $1 }) { $1 }
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: { let url = folder.appendingPathComponent("log"); FileManager.default.createFile(atPath: url.path, contents: nil); return url }())
        try process.run()
        self.process = process
        try LoopbackServers.waitForPort(port)
    }

    /// SIGKILL: no goodbye, as when a host goes down.
    func kill() {
        guard let process else { return }
        LoopbackServers.end(process, signal: SIGKILL)
        self.process = nil
    }

    /// A new server on the same port that holds what the killed one held.
    func restart() throws {
        // The recording is what a killed server left: a request cut short at its end (moto records
        // before it acts, so that request was never carried out), and, when two requests were
        // recorded at once, two entries on one line (moto writes an entry and its newline in two
        // calls; seen in CI as "Extra data" from the replay). Moto's replay reads one entry per
        // line, so every whole entry is put back on a line of its own and the rest goes.
        let recording = folder.appendingPathComponent("recording")
        try python("""
        import json, os, sys
        path = sys.argv[1]
        text = open(path).read() if os.path.exists(path) else ''
        marker, decoder, entries, at = '{"headers": ', json.JSONDecoder(), [], 0
        while (start := text.find(marker, at)) >= 0:
            try:
                entry, at = decoder.raw_decode(text, start)
                entries.append(entry)
            except ValueError:
                at = start + 1
        open(path, 'w').write(''.join(json.dumps(entry) + '\\n' for entry in entries))
        """, arguments: [recording.path])
        try start()
        do {
            try replay()
        } catch {
            // The last request recorded can be the one the kill cut short (moto records before it
            // acts): its replay then fails with an HTTP 500, as a quiet run saw once. Its client got
            // no answer, so it goes, and a new server replays the rest.
            let firstLog = log()
            kill()
            let data = (try? Data(contentsOf: recording)) ?? Data()
            try (data.dropLast().lastIndex(of: 0x0A).map { data.prefix(through: $0) } ?? Data()).write(to: recording)
            try start()
            do {
                try replay()
            } catch {
                throw NSError(domain: "MotoServer", code: 2, userInfo: [NSLocalizedDescriptionKey: "replay failed twice: \(error)\nfirst server's log:\n\(firstLog)\nsecond server's log:\n\(log())"])
            }
        }
    }

    private func replay() throws {
        try python("import urllib.request; urllib.request.urlopen(urllib.request.Request('\(endpoint)/moto-api/recorder/replay-recording', method='POST'))")
    }

    /// The server's own output (its errors, the replay's among them), for a failing test's message.
    func log() -> String {
        (try? String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8)).map { String($0.suffix(4000)) } ?? ""
    }

    func stop() {
        if let process { LoopbackServers.end(process, signal: SIGTERM) }
        process = nil
        try? FileManager.default.removeItem(at: folder)
    }

    func createBucket(_ bucket: String) throws {
        try boto("s3.create_bucket(Bucket='\(bucket)')")
    }

    /// Every object of the bucket with its headers, read by boto3 (another S3 client than ours).
    func objects(_ bucket: String) throws -> [String: S3Object] {
        let output = try boto("""
        out = {}
        for page in s3.get_paginator('list_objects_v2').paginate(Bucket='\(bucket)'):
            for item in page.get('Contents', []):
                got = s3.get_object(Bucket='\(bucket)', Key=item['Key'])
                body = got['Body'].read()
                out[item['Key']] = {'md5': hashlib.md5(body).hexdigest(), 'size': len(body), 'type': got.get('ContentType'),
                                    'cache': got.get('CacheControl'), 'redirect': got.get('WebsiteRedirectLocation')}
        print(json.dumps(out))
        """)
        let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as! [String: [String: Any]]
        return json.mapValues { S3Object(md5: $0["md5"] as! String, size: $0["size"] as! Int, contentType: $0["type"] as? String,
                                         cacheControl: $0["cache"] as? String, redirect: $0["redirect"] as? String) }
    }

    struct S3Object {
        var md5: String
        var size: Int
        var contentType: String?
        var cacheControl: String?
        var redirect: String?
    }

    @discardableResult
    func boto(_ code: String) throws -> String {
        let indented = code.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n")
        return try python("""
        import boto3, hashlib, json
        s3 = boto3.client('s3', endpoint_url='\(endpoint)', region_name='us-east-1',
                          aws_access_key_id='x', aws_secret_access_key='y')
        if True:
        \(indented)
        """)
    }

    @discardableResult
    func python(_ code: String, arguments: [String] = []) throws -> String {
        let result = try LoopbackServers.run("python3", ["-c", code] + arguments)
        guard result.status == 0 else { throw NSError(domain: "MotoServer", code: Int(result.status), userInfo: [NSLocalizedDescriptionKey: result.output]) }
        return result.output
    }
}

/// `sshd` from Debian's openssh-server on a loopback port, with a host key, a client key and a
/// config made in a temporary folder: rsync reaches it exactly as it would a web server.
final class SSHServer: @unchecked Sendable {
    let port: Int
    let folder: URL
    private var process: Process?

    init() throws {
        let sshd = try LoopbackServers.require("sshd", hint: "apt-get install openssh-server")
        _ = try LoopbackServers.require("rsync", hint: "apt-get install rsync")
        guard getuid() == 0 else { throw XCTSkip("sshd for the rsync test runs as root (as CI does)") }
        port = LoopbackServers.freePort()
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-sshd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true)  // privilege separation
        for key in ["host_key", "client_key"] {
            let made = try LoopbackServers.run("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", path(key)])
            guard made.status == 0 else { throw NSError(domain: "SSHServer", code: 1, userInfo: [NSLocalizedDescriptionKey: made.output]) }
        }
        try FileManager.default.copyItem(atPath: path("client_key.pub"), toPath: path("authorized_keys"))
        try """
        Port \(port)
        ListenAddress 127.0.0.1
        HostKey \(path("host_key"))
        AuthorizedKeysFile \(path("authorized_keys"))
        PidFile \(path("sshd.pid"))
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        PermitRootLogin prohibit-password
        StrictModes no
        UsePAM no
        """.write(toFile: path("sshd_config"), atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: sshd)
        process.arguments = ["-D", "-e", "-f", path("sshd_config")]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        try LoopbackServers.waitForPort(port)
    }

    func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

    /// What rsync is told to use as its remote shell.
    var sshCommand: String {
        "ssh -i \(path("client_key")) -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes -o LogLevel=ERROR"
    }

    /// The server's own output (its errors, the replay's among them), for a failing test's message.
    func log() -> String {
        (try? String(contentsOf: folder.appendingPathComponent("log"), encoding: .utf8)).map { String($0.suffix(4000)) } ?? ""
    }

    func stop() {
        if let process { LoopbackServers.end(process, signal: SIGTERM) }
        process = nil
        try? FileManager.default.removeItem(at: folder)
    }
}
