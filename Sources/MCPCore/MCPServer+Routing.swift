import Logging

extension MCPServer {
    /// Methods served in each era.
    static let handshakeMethods: Set<String> = [
        "initialize", "ping", "logging/setLevel", "tools/list", "tools/call", "resources/list", "resources/read",
        "resources/templates/list", "prompts/list", "prompts/get", "completion/complete",
    ]
    static let statelessMethods: Set<String> = [
        "server/discover", "tools/list", "tools/call", "resources/list", "resources/read", "resources/templates/list",
        "prompts/list", "prompts/get", "completion/complete", "tasks/get", "tasks/update", "tasks/cancel",
    ]
    /// Stateless methods whose complete results carry `ttlMs` and `cacheScope`.
    static let cacheableMethods: Set<String> = [
        "server/discover", "tools/list", "prompts/list", "resources/list", "resources/templates/list", "resources/read",
    ]

    func route(
        id: RequestID, method: String, params: [String: JSONValue]?, connection: Connection, inBatch: Bool,
        cost: Int = 0
    ) async -> JSONValue? {
        let envelopeVersion = params?["_meta"]?[EnvelopeKey.protocolVersion]
        if await connection.era == .undecided {
            if method != "initialize", envelopeVersion != nil {
                await connection.setEra(.stateless)
            } else {
                await connection.setEra(.handshake(version: nil, capabilities: [:], clientInfo: nil))
            }
        }
        switch await connection.era {
        case .stateless, .undecided:
            return await routeStateless(id: id, method: method, params: params, connection: connection, cost: cost)
        case .handshake(let version, let capabilities, let clientInfo):
            if method != "initialize", envelopeVersion != nil {
                return Message.error(
                    id: id,
                    .invalidRequest(
                        "Invalid request: this connection serves the handshake protocol era (it began with initialize or a request without the 2026-07-28 envelope); drop params._meta protocol keys or start a new process"
                    ))
            }
            if method == "initialize" {
                if version != nil {
                    return Message.error(id: id, .invalidRequest("Invalid request: initialize was already received"))
                }
                return Message.response(id: id, result: await initialize(params: params, connection: connection))
            }
            if method == "ping" { return Message.response(id: id, result: [:]) }
            guard Self.handshakeMethods.contains(method) else {
                return Message.error(id: id, .methodNotFound(method))
            }
            guard let version else {
                return Message.error(
                    id: id,
                    .invalidParams("Invalid request parameters: the server is not initialized; send initialize first"))
            }
            if method == "logging/setLevel" {
                guard let text = params?["level"]?.stringValue, let level = LogLevel(rawValue: text) else {
                    return Message.error(
                        id: id,
                        .invalidParams(
                            "Invalid params: level must be one of \(LogLevel.allCases.map(\.rawValue).joined(separator: ", "))"
                        ))
                }
                await connection.setHandshakeLogLevel(level)
                return Message.response(id: id, result: [:])
            }
            let progressToken: JSONValue?
            switch Self.progressToken(params?["_meta"]) {
            case .success(let token): progressToken = token
            case .failure(let error): return Message.error(id: id, error)
            }
            let context = RequestContext(
                requestID: id, method: method, era: .handshake(version: version), clientCapabilities: capabilities,
                clientInfo: clientInfo, inputResponses: nil, requestState: nil,
                progressToken: progressToken, logLevel: nil, connection: connection)
            return await dispatch(context: context, params: params ?? [:], inBatch: inBatch, cost: cost)
        }
    }

    private func routeStateless(
        id: RequestID, method: String, params: [String: JSONValue]?, connection: Connection, cost: Int
    ) async -> JSONValue? {
        let supported = JSONValue.array(ProtocolEra.statelessVersions.map { .string($0) })
        if method == "initialize" {
            return Message.error(
                id: id,
                JSONRPCError(
                    code: JSONRPCError.Code.unsupportedProtocolVersion,
                    message:
                        "Unsupported protocol version: this connection is serving the 2026-07-28 protocol; initialize is not part of it",
                    data: ["supported": supported, "requested": params?["protocolVersion"] ?? .null]))
        }
        guard let meta = params?["_meta"]?.objectValue else {
            return Message.error(
                id: id,
                .invalidParams(
                    "Invalid params: params._meta must be an object carrying the required keys \(EnvelopeKey.protocolVersion) and \(EnvelopeKey.clientCapabilities)"
                ))
        }
        let missing = [EnvelopeKey.protocolVersion, EnvelopeKey.clientCapabilities].filter { meta[$0] == nil }
        if !missing.isEmpty {
            return Message.error(
                id: id,
                .invalidParams(
                    "Invalid params: params._meta is missing the required envelope key(s): \(missing.joined(separator: ", "))"
                ))
        }
        guard let version = meta[EnvelopeKey.protocolVersion]?.stringValue else {
            return Message.error(
                id: id, .invalidParams("Invalid params: \(EnvelopeKey.protocolVersion) must be a string"))
        }
        guard ProtocolEra.statelessVersions.contains(version) else {
            return Message.error(
                id: id,
                JSONRPCError(
                    code: JSONRPCError.Code.unsupportedProtocolVersion,
                    message: "Unsupported protocol version \(version); this server speaks 2026-07-28 here",
                    data: ["supported": supported, "requested": .string(version)]))
        }
        guard Self.statelessMethods.contains(method) else {
            return Message.error(id: id, .methodNotFound(method))
        }
        guard let capabilities = meta[EnvelopeKey.clientCapabilities], capabilities.objectValue != nil else {
            return Message.error(
                id: id, .invalidParams("Invalid params: \(EnvelopeKey.clientCapabilities) must be an object"))
        }
        var logLevel: LogLevel?
        if let raw = meta[EnvelopeKey.logLevel] {
            guard let text = raw.stringValue, let level = LogLevel(rawValue: text) else {
                return Message.error(
                    id: id,
                    .invalidParams(
                        "Invalid params: \(EnvelopeKey.logLevel) must be one of \(LogLevel.allCases.map(\.rawValue).joined(separator: ", "))"
                    ))
            }
            logLevel = level
        }
        let progressToken: JSONValue?
        switch Self.progressToken(params?["_meta"]) {
        case .success(let token): progressToken = token
        case .failure(let error): return Message.error(id: id, error)
        }
        if method == "server/discover" {
            return Message.response(id: id, result: decorate(discoverResult(), method: method))
        }
        let context = RequestContext(
            requestID: id, method: method, era: .stateless, clientCapabilities: capabilities,
            clientInfo: meta[EnvelopeKey.clientInfo], inputResponses: params?["inputResponses"],
            requestState: params?["requestState"]?.stringValue, progressToken: progressToken, logLevel: logLevel,
            connection: connection)
        return await dispatch(context: context, params: params ?? [:], inBatch: false, cost: cost)
    }

    /// `_meta.progressToken`: a string or an integer per the spec ("Progress tokens MUST be a string or integer
    /// value"). Absent and `null` mean no progress wanted (the official SDK reads `null` as absent); anything else is
    /// refused with -32602 rather than echoed back in notifications.
    static func progressToken(_ meta: JSONValue?) -> Result<JSONValue?, JSONRPCError> {
        guard let token = meta?["progressToken"] else { return .success(nil) }
        switch token {
        case .null: return .success(nil)
        case .string, .int: return .success(token)
        default:
            return .failure(
                .invalidParams(
                    "Invalid params: _meta.progressToken must be a string or an integer, not \(token.kindName); send a unique string or integer, or leave it out for no progress notifications"
                ))
        }
    }

    // MARK: Running a request

    /// Runs a request as its own task (so slow tools never block the reader) and writes its response when done.
    /// A batch member's task is left with the connection for the batch to collect (`takeBatchMember`).
    private func dispatch(
        context: RequestContext, params: [String: JSONValue], inBatch: Bool, cost: Int
    ) async -> JSONValue? {
        let id = context.requestID
        let connection = context.connection
        let work: @Sendable () async -> JSONValue? = { [self] in
            do {
                let result = try await self.perform(context: context, params: params)
                if Task.isCancelled { return nil }
                if self.configuration.sequential { await connection.remember(id, result: result) }
                return Message.response(id: id, result: self.decorate(result, method: context.method, era: context.era))
            } catch let error as JSONRPCError {
                return Message.error(id: id, error)
            } catch is CancellationError {
                return nil
            } catch {
                self.logger.error("internal error in \(context.method): \(String(describing: error))")
                return Message.error(id: id, .internalError("Internal error while handling \(context.method)"))
            }
        }
        await connection.admit(cost: cost)
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        let task: Task<Void, Never>
        if inBatch {
            let member = Task { () -> JSONValue? in
                for await _ in started { break }
                let response = await work()
                return await connection.complete(id) ? nil : response
            }
            await connection.addBatchMember(id, task: member)
            task = Task {
                await withTaskCancellationHandler {
                    _ = await member.value
                } onCancel: {
                    member.cancel()
                }
            }
        } else {
            task = Task {
                for await _ in started { break }
                let response = await work()
                await connection.finish(id, response: response)
            }
        }
        await connection.register(id, task: task, cost: cost)
        startedContinuation.finish()
        if configuration.sequential && !inBatch { await task.value }
        return nil
    }

    private func perform(context: RequestContext, params: [String: JSONValue]) async throws -> JSONValue {
        switch context.method {
        case "tools/list":
            return try Pagination.page(
                await delegate.listTools(context: context), kind: "tools", cursor: params["cursor"],
                size: configuration.toolsPageSize
            ).result(key: "tools")
        case "tools/call":
            return try await callTool(context: context, params: params)
        case "resources/list":
            return try list(await delegate.listResources(context: context), key: "resources", params: params)
        case "resources/templates/list":
            return try list(
                await delegate.listResourceTemplates(context: context), key: "resourceTemplates", params: params)
        case "resources/read":
            guard let uri = params["uri"]?.stringValue else {
                throw JSONRPCError.invalidParams("Invalid params: resources/read needs \"uri\" (a string)")
            }
            guard let contents = try await delegate.readResource(uri: uri, context: context) else {
                let code =
                    context.era.isStateless ? JSONRPCError.Code.invalidParams : JSONRPCError.Code.resourceNotFound
                let shown = Clip.text(uri)
                throw JSONRPCError(
                    code: code,
                    message:
                        "Resource not found: \(shown). List resources with resources/list or use a resource template",
                    data: ["uri": .string(shown)])
            }
            return ["contents": .array(contents)]
        case "prompts/list":
            return try list(await delegate.listPrompts(context: context), key: "prompts", params: params)
        case "prompts/get":
            guard let name = params["name"]?.stringValue else {
                throw JSONRPCError.invalidParams("Invalid params: prompts/get needs \"name\" (a string)")
            }
            var arguments: [String: String] = [:]
            if let raw = params["arguments"], !raw.isNull {
                guard let object = raw.objectValue else {
                    throw JSONRPCError.invalidParams("Invalid params: prompt arguments must be an object of strings")
                }
                for (key, value) in object {
                    guard let text = value.stringValue else {
                        throw JSONRPCError.invalidParams("Invalid params: prompt argument \"\(key)\" must be a string")
                    }
                    arguments[key] = text
                }
            }
            return try await delegate.getPrompt(name: name, arguments: arguments, context: context)
        case "completion/complete":
            guard let reference = params["ref"], let type = reference["type"]?.stringValue,
                type == "ref/prompt" || type == "ref/resource",
                let argumentName = params["argument"]?["name"]?.stringValue,
                let value = params["argument"]?["value"]?.stringValue
            else {
                throw JSONRPCError.invalidParams(
                    "Invalid params: completion/complete needs ref {type: ref/prompt|ref/resource} and argument {name, value}"
                )
            }
            let values = await delegate.complete(
                reference: reference, argumentName: argumentName, value: value, context: context)
            let shown = values.prefix(100).map { JSONValue.string($0) }
            return [
                "completion": [
                    "values": .array(Array(shown)), "total": .int(Int64(values.count)),
                    "hasMore": .bool(values.count > 100),
                ]
            ]
        case "tasks/get", "tasks/update", "tasks/cancel":
            return try await taskMethod(context: context, params: params)
        default:
            throw JSONRPCError.methodNotFound(context.method)
        }
    }

    /// One page of a resource, template or prompt list; the result key doubles as the cursor's list name.
    private func list(_ items: [JSONValue], key: String, params: [String: JSONValue]) throws -> JSONValue {
        try Pagination.page(items, kind: key, cursor: params["cursor"], size: configuration.pageSize).result(key: key)
    }

    private func callTool(context: RequestContext, params: [String: JSONValue]) async throws -> JSONValue {
        guard let name = params["name"]?.stringValue else {
            throw JSONRPCError.invalidParams("Invalid params: tools/call needs \"name\" (a string)")
        }
        var parsedArguments: [String: JSONValue] = [:]
        if let raw = params["arguments"], !raw.isNull {
            guard let object = raw.objectValue else {
                throw JSONRPCError.invalidParams(
                    "Invalid params: tools/call \"arguments\" must be an object, not \(raw.kindName)")
            }
            parsedArguments = object
        }
        let arguments = parsedArguments
        if context.era.isStateless, context.declaresTasksExtension, delegate.runsAsTask(toolName: name) {
            return try await tasks.create(context: context) { [delegate] in
                try await delegate.callTool(name: name, arguments: arguments, context: context.detachedForTask())
            }
        }
        switch try await delegate.callTool(name: name, arguments: arguments, context: context) {
        case .complete(let result):
            return result
        case .inputRequired(let inputRequests, let requestState):
            guard context.era.isStateless else {
                throw JSONRPCError.internalError("Internal error: input_required is not available in the handshake era")
            }
            return [
                "resultType": "input_required", "inputRequests": inputRequests, "requestState": .string(requestState),
            ]
        }
    }

    // MARK: Results

    func decorate(_ result: JSONValue, method: String, era: ProtocolEra = .stateless) -> JSONValue {
        guard era.isStateless, case .object(var object) = result else { return result }
        if object["resultType"] == nil { object["resultType"] = "complete" }
        var meta = object["_meta"]?.objectValue ?? [:]
        meta[EnvelopeKey.serverInfo] = serverInfo
        object["_meta"] = .object(meta)
        if object["resultType"] == "complete", Self.cacheableMethods.contains(method) {
            if object["ttlMs"] == nil { object["ttlMs"] = .int(configuration.cacheTTLMilliseconds) }
            if object["cacheScope"] == nil { object["cacheScope"] = "public" }
        }
        return .object(object)
    }

    var serverInfo: JSONValue {
        var info: [String: JSONValue] = [
            "name": .string(configuration.name), "version": .string(configuration.version),
        ]
        if let title = configuration.title { info["title"] = .string(title) }
        return .object(info)
    }

    private func initialize(params: [String: JSONValue]?, connection: Connection) async -> JSONValue {
        let session = HandshakeSession(initializeParams: params.map(JSONValue.object))
        await connection.setEra(
            .handshake(version: session.version, capabilities: session.capabilities, clientInfo: session.clientInfo))
        var result: [String: JSONValue] = [
            "protocolVersion": .string(session.version),
            "capabilities": [
                "tools": ["listChanged": false], "resources": ["subscribe": false, "listChanged": false],
                "prompts": ["listChanged": false], "logging": [:], "completions": [:],
            ],
            "serverInfo": serverInfo,
        ]
        if let instructions = configuration.instructions { result["instructions"] = .string(instructions) }
        return .object(result)
    }

    private func discoverResult() -> JSONValue {
        var result: [String: JSONValue] = [
            "supportedVersions": .array(ProtocolEra.statelessVersions.map { .string($0) }),
            "capabilities": [
                "tools": [:], "resources": [:], "prompts": [:], "logging": [:], "completions": [:],
                "extensions": .object([EnvelopeKey.tasksExtension: [:]]),
            ],
        ]
        if let instructions = configuration.instructions { result["instructions"] = .string(instructions) }
        return .object(result)
    }
}

extension Connection {
    func setEra(_ era: EraState) { self.era = era }
    func setHandshakeLogLevel(_ level: LogLevel) { handshakeLogLevel = level }
}
