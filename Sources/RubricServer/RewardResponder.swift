import HTTPTypes
import Hummingbird
import NIOCore

/// Adapts `RewardService` to Hummingbird: reads the method, path and body of a request and
/// writes the service's reply. Routing is the service's own (four fixed paths), so every
/// answer, 404 and 405 included, has a JSON body with a stable code.
struct RewardResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let service: RewardService

    /// Answers one request.
    func respond(to request: Request, context: Context) async throws -> Response {
        let limit = service.configuration.maxBodyBytes
        let tooLarge = ServerError(.bodyTooLarge, "the body is larger than the server's limit of \(limit) bytes (--max-body-bytes)")
        let reply = await service.answer(method: request.method.rawValue, path: request.uri.path) {
            () async throws(ServerError) -> [UInt8] in
            // A declared length over the limit is refused before any of the body is read.
            if let declared = request.headers[.contentLength].flatMap({ Int($0) }), declared > limit { throw tooLarge }
            do {
                let buffer = try await request.body.collect(upTo: limit)
                return Array(buffer.readableBytesView)
            } catch is NIOTooManyBytesError {
                throw tooLarge
            } catch {
                throw ServerError(.invalidField, "the body could not be read: \(error)")
            }
        }
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        for (name, value) in reply.headers {
            if let field = HTTPField.Name(name) { headers[field] = value }
        }
        return Response(status: HTTPResponse.Status(code: reply.status), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: reply.body)))
    }
}
