import Hummingbird
import Logging
import NIOCore
import Rubric

/// Runs `rubric serve`: an HTTP/1.1 server (Hummingbird on SwiftNIO) in front of a
/// `RewardService`, inside a service group that shuts down gracefully on SIGTERM and SIGINT:
/// it stops accepting connections, finishes the requests in flight, then stops the workers.
public enum RewardServer {
    /// Serves until a shutdown signal. `onListening` receives the bound address
    /// (`http://HOST:PORT`) once the socket is listening, which matters with port 0.
    public static func run(program: Program, configuration: ServerConfiguration, logger: Logger,
                           onListening: @escaping @Sendable (String) -> Void) async throws {
        let service = RewardService(program: program, configuration: configuration)
        defer { service.shutdown() }
        let application = Application(
            responder: RewardResponder(service: service),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port),
                                                    serverName: "rubric"),
            onServerRunning: { channel in
                onListening(Self.url(of: channel.localAddress, host: configuration.host))
            },
            logger: logger)
        try await application.runService()
    }

    /// `http://HOST:PORT` for a bound socket address (IPv6 hosts in brackets).
    static func url(of address: SocketAddress?, host: String) -> String {
        let port = address?.port ?? 0
        let ip = address?.ipAddress ?? host
        return ip.contains(":") ? "http://[\(ip)]:\(port)" : "http://\(ip):\(port)"
    }
}
