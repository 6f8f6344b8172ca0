import FoundationEssentials
import NIOCore
import NIOHTTP1
import TextSupport
import VODSigning

/// Everything a connection handler needs; shared by all connections.
struct SandboxCore: Sendable {
    let store: SandboxStore
    let rpc: RPCService
    let gateway: RPCGateway
    let oss: OSSService
    let admin: AdminEndpoint

    static let bufferedLimit = 8 << 20
}

/// One HTTP/1.1 connection: RPC calls and admin requests are buffered, OSS object bodies stream to disk.
final class SandboxHTTPHandler: ChannelInboundHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum Kind {
        case rpc
        case admin
        case oss(OSSRoute)
    }

    private enum State {
        case idle
        /// Reading a body into memory.
        case buffering(IncomingRequest, Kind)
        /// Streaming an object body to disk.
        case streaming(IncomingRequest, OSSRoute, ObjectWriter, expectedMD5: [UInt8]?, corrupt: Bool)
        /// The answer is decided; the rest of the body is read and dropped.
        case draining(OutgoingResponse, SandboxFault?)
        /// Waiting for a delayed answer to go out.
        case responding
    }

    private let core: SandboxCore
    private var state: State = .idle
    private var keepAlive = true

    init(core: SandboxCore) { self.core = core }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head): receiveHead(head, context: context)
        case .body(let buffer): receiveBody(buffer, context: context)
        case .end: receiveEnd(context: context)
        }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if error is HTTPParserError, case .idle = state {
            let requestId = core.store.nextRequestId()
            let body = JSON.object([
                ("RequestId", .string(requestId)), ("HostId", .string("127.0.0.1")),
                ("Code", .string("InvalidParameter")),
                ("Message", .string("The sandbox could not parse this HTTP request.")),
            ])
            keepAlive = false
            send(.json(400, body, requestId: requestId), fault: nil, context: context)
            return
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if case .streaming(_, _, let writer, _, _) = state { writer.discard() }
        state = .idle
        context.fireChannelInactive()
    }

    // MARK: Request parts

    private func receiveHead(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        keepAlive = head.isKeepAlive
        let request = IncomingRequest(
            method: head.method.rawValue, uri: head.uri, headers: head.headers.map { (name: $0.name, value: $0.value) })
        if request.rawPath.hasPrefix("/_sandbox/") || request.rawPath == "/_sandbox" {
            state = .buffering(request, .admin)
            continueIfExpected(head, context: context)
            return
        }
        if request.rawPath.isEmpty || request.rawPath == "/" {
            state = .buffering(request, .rpc)
            continueIfExpected(head, context: context)
            return
        }
        let requestId = core.store.nextRequestId()
        let host = request.header("host") ?? "127.0.0.1"
        do {
            let route = try OSSRoute.parse(method: request.method, rawPath: request.rawPath, rawQuery: request.rawQuery)
            guard route.streamsBody else {
                state = .buffering(request, .oss(route))
                continueIfExpected(head, context: context)
                return
            }
            var corrupt = false
            if let fault = core.store.takeFault(for: route.operation.rawValue) {
                if fault.kind == .corruptPart {
                    corrupt = true
                } else if let response = ossFaultResponse(fault, requestId: requestId, host: host) {
                    reject(response, fault: nil, head: head, context: context)
                    return
                } else if fault.kind == .dropConnection {
                    context.close(promise: nil)
                    state = .idle
                    return
                } else {
                    // latency and truncation act on the answer, after the body is stored.
                    try startStream(request, route: route, corrupt: corrupt, head: head, context: context, fault: fault)
                    return
                }
            }
            try startStream(request, route: route, corrupt: corrupt, head: head, context: context, fault: nil)
        } catch {
            reject(
                core.oss.errorResponse(error, requestId: requestId, host: host), fault: nil, head: head,
                context: context)
        }
    }

    private var pendingFault: SandboxFault?

    private func startStream(
        _ request: IncomingRequest, route: OSSRoute, corrupt: Bool, head: HTTPRequestHead,
        context: ChannelHandlerContext,
        fault: SandboxFault?
    ) throws(OSSFailure) {
        try core.oss.authorize(request, route: route)
        try core.oss.prepareStream(route)
        let md5 = try core.oss.expectedMD5(request)
        let segment = core.oss.segmentName(for: route)
        let writer = ObjectWriter(path: segment.map { core.store.objectPath($0).path })
        if writer.failed {
            throw OSSFailure(status: 500, code: "InternalError", message: "The sandbox cannot write its object store.")
        }
        pendingFault = fault
        state = .streaming(request, route, writer, expectedMD5: md5, corrupt: corrupt)
        continueIfExpected(head, context: context)
    }

    /// Answers early: right away (closing) when the client waits for 100-continue, else after the body is drained.
    private func reject(
        _ response: OutgoingResponse, fault: SandboxFault?, head: HTTPRequestHead, context: ChannelHandlerContext
    ) {
        if head.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
            keepAlive = false
            state = .responding
            send(response, fault: fault, context: context)
        } else {
            state = .draining(response, fault)
        }
    }

    private func continueIfExpected(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        if head.headers["expect"].contains(where: { $0.lowercased() == "100-continue" }) {
            context.writeAndFlush(
                wrapOutboundOut(.head(HTTPResponseHead(version: head.version, status: .continue))), promise: nil)
        }
    }

    private func receiveBody(_ buffer: ByteBuffer, context: ChannelHandlerContext) {
        switch state {
        case .buffering(var request, let kind):
            if request.body.count + buffer.readableBytes > SandboxCore.bufferedLimit {
                let requestId = core.store.nextRequestId()
                state = .draining(
                    errorResponse(
                        kind, status: 413, code: "EntityTooLarge", message: "The request body is larger than 8 MiB.",
                        requestId: requestId, host: request.header("host") ?? "127.0.0.1"), nil)
                return
            }
            state = .idle  // avoid copy-on-write of the body while appending
            request.body.append(contentsOf: buffer.readableBytesView)
            state = .buffering(request, kind)
        case .streaming(_, _, let writer, _, _):
            buffer.withUnsafeReadableBytes { writer.write($0) }
        case .idle, .draining, .responding:
            break
        }
    }

    private func receiveEnd(context: ChannelHandlerContext) {
        switch state {
        case .buffering(let request, let kind):
            state = .responding
            let host = request.header("host") ?? "127.0.0.1"
            switch kind {
            case .admin:
                send(core.admin.handle(request), fault: nil, context: context)
            case .rpc:
                let (response, fault) = handleRPC(request, host: host)
                send(response, fault: fault, context: context)
            case .oss(let route):
                let requestId = core.store.nextRequestId()
                var fault = core.store.takeFault(for: route.operation.rawValue)
                if let active = fault, let response = ossFaultResponse(active, requestId: requestId, host: host) {
                    send(response, fault: nil, context: context)
                    return
                }
                if fault?.kind == .corruptPart || fault?.kind == .expiredToken { fault = nil }
                do {
                    try core.oss.authorize(request, route: route)
                    var response = try core.oss.handleBuffered(route, request: request)
                    response.headers.append(("x-oss-request-id", requestId))
                    send(response, fault: fault, context: context)
                } catch {
                    send(
                        core.oss.errorResponse(error, requestId: requestId, host: host), fault: fault, context: context)
                }
            }
        case .streaming(let request, let route, let writer, let md5, let corrupt):
            state = .responding
            let requestId = core.store.nextRequestId()
            let host = request.header("host") ?? "127.0.0.1"
            if writer.failed {
                writer.discard()
                send(
                    core.oss.errorResponse(
                        OSSFailure(
                            status: 500, code: "InternalError", message: "The sandbox could not store the body."),
                        requestId: requestId, host: host), fault: nil, context: context)
                return
            }
            let digest = writer.finish()
            do {
                var response = try core.oss.finishStream(
                    route, request: request, segment: writer.path.map { PathText.lastComponent($0) },
                    digest: digest, expectedMD5: md5, corrupt: corrupt)
                response.headers.append(("x-oss-request-id", requestId))
                send(response, fault: pendingFault, context: context)
            } catch {
                send(core.oss.errorResponse(error, requestId: requestId, host: host), fault: nil, context: context)
            }
            pendingFault = nil
        case .draining(let response, let fault):
            state = .responding
            send(response, fault: fault, context: context)
        case .idle, .responding:
            break
        }
    }

    // MARK: RPC

    private func handleRPC(_ request: IncomingRequest, host: String) -> (OutgoingResponse, SandboxFault?) {
        let requestId = core.store.nextRequestId()
        let action =
            request.header("x-acs-action") ?? request.queryParameters()?["Action"]
            ?? IncomingRequest.parseForm(String(decoding: request.body, as: UTF8.self))?["Action"] ?? ""
        var fault = core.store.takeFault(for: action)
        if let active = fault {
            switch active.kind {
            case .throttling:
                return (
                    rpcError(
                        RPCFailure(
                            status: 400, code: "Throttling.User",
                            message: "Request was denied due to user flow control (injected by the sandbox)."),
                        requestId: requestId, host: host), nil
                )
            case .serverError:
                return (
                    rpcError(
                        RPCFailure(
                            status: 500, code: "InternalError",
                            message:
                                "The request processing has failed due to some unknown error (injected by the sandbox)."
                        ), requestId: requestId, host: host), nil
                )
            case .expiredToken:
                return (
                    rpcError(
                        RPCFailure(
                            status: 400, code: "InvalidSecurityToken.Expired",
                            message: "Specified SecurityToken is expired (injected by the sandbox)."),
                        requestId: requestId, host: host), nil
                )
            case .corruptPart:
                fault = nil
            case .latency, .dropConnection, .truncatedBody:
                break
            }
        }
        do {
            let call = try core.gateway.authenticate(request)
            let fields = try core.rpc.handle(call, host: host)
            return (.json(200, .object([("RequestId", .string(requestId))] + fields), requestId: requestId), fault)
        } catch {
            return (rpcError(error, requestId: requestId, host: host), fault)
        }
    }

    private func rpcError(_ failure: RPCFailure, requestId: String, host: String) -> OutgoingResponse {
        let recommend = "https://api.aliyun.com/troubleshoot?q=\(failure.code)&product=vod&requestId=\(requestId)"
        return .json(
            failure.status,
            .object([
                ("RequestId", .string(requestId)), ("HostId", .string(host)), ("Code", .string(failure.code)),
                ("Message", .string(failure.message)), ("Recommend", .string(recommend)),
            ]), requestId: requestId)
    }

    private func errorResponse(
        _ kind: Kind, status: Int, code: String, message: String, requestId: String, host: String
    ) -> OutgoingResponse {
        switch kind {
        case .rpc, .admin:
            return rpcError(RPCFailure(status: status, code: code, message: message), requestId: requestId, host: host)
        case .oss:
            return core.oss.errorResponse(
                OSSFailure(status: status, code: code, message: message), requestId: requestId, host: host)
        }
    }

    private func ossFaultResponse(_ fault: SandboxFault, requestId: String, host: String) -> OutgoingResponse? {
        let failure: OSSFailure
        switch fault.kind {
        case .throttling:
            failure = OSSFailure(
                status: 503, code: "SlowDown", message: "Please reduce your request rate (injected by the sandbox).")
        case .serverError:
            failure = OSSFailure(
                status: 500, code: "InternalError",
                message: "We encountered an internal error (injected by the sandbox).")
        case .expiredToken:
            failure = OSSFailure(
                status: 403, code: "SecurityTokenExpired",
                message: "The security token you provided has expired (injected by the sandbox).")
        case .latency, .dropConnection, .truncatedBody, .corruptPart: return nil
        }
        return core.oss.errorResponse(failure, requestId: requestId, host: host)
    }

    // MARK: Writing

    private func send(_ response: OutgoingResponse, fault: SandboxFault?, context: ChannelHandlerContext) {
        switch fault?.kind {
        case .dropConnection:
            state = .idle
            context.close(promise: nil)
            return
        case .latency:
            let delay = TimeAmount.milliseconds(Int64(fault?.latencyMilliseconds ?? 0))
            context.channel.setOption(ChannelOptions.autoRead, value: false).whenComplete { _ in }
            let bound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
            context.eventLoop.scheduleTask(in: delay) {
                let (handler, context) = bound.value
                handler.write(response, truncate: false, context: context)
                context.channel.setOption(ChannelOptions.autoRead, value: true).whenComplete { _ in }
            }
        case .truncatedBody:
            write(response, truncate: true, context: context)
        default:
            write(response, truncate: false, context: context)
        }
    }

    private func write(_ response: OutgoingResponse, truncate: Bool, context: ChannelHandlerContext) {
        var headers = HTTPHeaders()
        headers.add(name: "Server", value: "vod-sandbox")
        headers.add(name: "Date", value: RequestClock.rfc1123(Date()))
        var hasLength = false
        for (name, value) in response.headers {
            if name.lowercased() == "content-length" { hasLength = true }
            headers.add(name: name, value: value)
        }
        if !hasLength { headers.add(name: "Content-Length", value: String(response.body.count)) }
        let close = !keepAlive || truncate
        headers.add(name: "Connection", value: close ? "close" : "keep-alive")
        let status = HTTPResponseStatus(statusCode: response.status)
        context.write(
            wrapOutboundOut(.head(HTTPResponseHead(version: .http1_1, status: status, headers: headers))), promise: nil)
        var body = response.body
        if truncate { body = Array(body.prefix(body.count / 2)) }
        if !body.isEmpty {
            context.write(
                wrapOutboundOut(.body(.byteBuffer(context.channel.allocator.buffer(bytes: body)))), promise: nil)
        }
        state = .idle
        if truncate {
            context.flush()
            context.close(promise: nil)
            return
        }
        let promise = context.eventLoop.makePromise(of: Void.self)
        context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: promise)
        if close {
            let bound = NIOLoopBound(context, eventLoop: context.eventLoop)
            promise.futureResult.whenComplete { _ in bound.value.close(promise: nil) }
        }
    }
}

extension OSSService {
    func errorResponse(_ error: any Error, requestId: String, host: String) -> OutgoingResponse {
        let failure =
            error as? OSSFailure ?? OSSFailure(status: 500, code: "InternalError", message: "Unexpected sandbox error.")
        return errorResponse(failure, requestId: requestId, host: host)
    }
}
